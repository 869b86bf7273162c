#include "hearth/social/teams.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/messages_internal.h"
#include "engine/social/relations_internal.h"
#include "engine/social/teams_internal.h"
#include "engine/standing/personal_reputation_internal.h"
#include "engine/standing/reputation_internal.h"
#include "engine/standing/team_reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

Teams Game::teams() { return Teams(*core_); }

std::string_view to_string(TeamRole role) {
  switch (role) {
    case TeamRole::Leader:
      return "LEADER";
    case TeamRole::Officer:
      return "OFFICER";
    case TeamRole::Member:
      return "MEMBER";
    case TeamRole::Recruit:
      return "RECRUIT";
  }
  return "MEMBER";
}

std::string_view to_string(Recruitment recruitment) {
  switch (recruitment) {
    case Recruitment::Open:
      return "OPEN";
    case Recruitment::InviteOnly:
      return "INVITE_ONLY";
    case Recruitment::Closed:
      return "CLOSED";
  }
  return "CLOSED";
}

namespace {

constexpr std::int64_t kMaxCodeUses = 100;
constexpr std::int64_t kMinMembers = 2;
constexpr std::int64_t kMostMembers = 20;

TeamRole role_named(const std::string& text) {
  if (text == "LEADER") return TeamRole::Leader;
  if (text == "OFFICER") return TeamRole::Officer;
  if (text == "RECRUIT") return TeamRole::Recruit;
  return TeamRole::Member;
}

Recruitment recruitment_named(const std::string& text) {
  if (text == "OPEN") return Recruitment::Open;
  if (text == "INVITE_ONLY") return Recruitment::InviteOnly;
  return Recruitment::Closed;
}

std::optional<TeamView> load_team(Reader& reader, const TeamId& team) {
  Query query(reader,
              "SELECT id, name, ifnull(tag, ''), recruitment_status, max_members, "
              "ifnull(description, ''), ifnull(logo, ''), is_public, ifnull(home_sector_id, 0), "
              "combat_rating, trade_rating, json_extract(join_requirements, '$.min_rank_points'), "
              "json_extract(join_requirements, '$.min_alignment'), "
              "ifnull(json_extract(join_requirements, '$.faction'), ''), "
              "json_extract(join_requirements, '$.min_standing') FROM teams "
              "WHERE id = ? AND disbanded_at IS NULL",
              team);
  if (!query.step()) return std::nullopt;
  TeamView view;
  view.id = query.text(0);
  view.name = query.text(1);
  view.tag = query.text(2);
  view.recruitment = recruitment_named(query.text(3));
  view.max_members = query.integer(4);
  view.description = query.text(5);
  view.logo = query.text(6);
  view.is_public = query.flag(7);
  view.home_sector = query.integer(8);
  view.combat_rating = query.real(9);
  view.trade_rating = query.real(10);
  if (!query.is_null(11)) view.requirements.min_rank_points = query.integer(11);
  if (!query.is_null(12)) view.requirements.min_alignment = query.integer(12);
  view.requirements.faction = query.text(13);
  if (!query.is_null(14)) view.requirements.min_standing = query.integer(14);
  query.reset();
  Query claims(reader,
               "SELECT value FROM teams, json_each(teams.sector_claims) WHERE teams.id = ? "
               "ORDER BY key",
               team);
  while (claims.step()) view.sector_claims.push_back(claims.integer(0));
  claims.reset();
  Query members(reader,
                "SELECT player_id, role, joined_at, can_invite, can_kick, can_manage_treasury, "
                "can_manage_missions, can_manage_alliances FROM team_members WHERE team_id = ? "
                "ORDER BY role <> 'LEADER', joined_at, player_id",
                team);
  while (members.step()) {
    view.members.push_back(
        {members.text(0),
         role_named(members.text(1)),
         members.integer(2),
         {members.flag(3), members.flag(4), members.flag(5), members.flag(6), members.flag(7)}});
  }
  members.reset();
  if (!view.members.empty() && view.members.front().role == TeamRole::Leader) {
    view.leader = view.members.front().player;
  }
  return view;
}

// The member `player` of its team, with the team; NotFound when the player is in none.
struct Place {
  TeamView team;
  TeamMember member;
};

Result<Place> place_of(Reader& reader, const PlayerId& player) {
  const std::optional<teams::Membership> membership = teams::membership(reader, player);
  if (!membership) return Outcome::refused(Refusal::NotFound, "The player is in no team.");
  std::optional<TeamView> team = load_team(reader, membership->team);
  for (const TeamMember& member : team->members) {
    if (member.player == player) return Place{*team, member};
  }
  return Outcome::refused(Refusal::NotFound, "The player is in no team.");
}

// The member of `team` who is `player`; nullptr when none.
const TeamMember* member_of(const TeamView& team, const PlayerId& player) {
  for (const TeamMember& member : team.members) {
    if (member.player == player) return &member;
  }
  return nullptr;
}

void add_member(Command& command, const TeamId& team, const PlayerId& player, bool leader) {
  Query insert(command,
               "INSERT INTO team_members (team_id, player_id, role, joined_at, can_invite, "
               "can_kick, can_manage_treasury, can_manage_missions, can_manage_alliances, "
               "last_active_at) VALUES (:team, :player, :role, :now, :leader, :leader, :leader, "
               ":leader, :leader, :now)",
               named(":team", team), named(":player", player),
               named(":role", leader ? "LEADER" : "MEMBER"), named(":now", command.now()),
               named(":leader", leader ? 1 : 0));
  insert.exec();
  // Whatever brought the player in, their requests and personal invitations are done.
  Query requests(command, "DELETE FROM team_join_requests WHERE player_id = ?", player);
  requests.exec();
  Query invitations(command, "DELETE FROM team_invitations WHERE player_id = ?", player);
  invitations.exec();
}

// Refuses a player short of a team's requirements.
Outcome check_requirements(Command& command, const TeamView& team, const PlayerId& player) {
  const JoinRequirements& needs = team.requirements;
  Query stats(command,
              "SELECT rank_points, personal_reputation, "
              "ifnull(personal_reputation_decay_due_at, 0) FROM players WHERE id = ?",
              player);
  if (!stats.step()) return Outcome::refused(Refusal::NotFound, "There is no such player.");
  const std::int64_t points = stats.integer(0);
  const std::int64_t alignment = personal_reputation::decayed(
      stats.integer(1), stats.integer(2), command.now(), command.rules().personal_reputation);
  stats.reset();
  if (needs.min_rank_points && points < *needs.min_rank_points) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("{} asks for {} rank points; the player has {}.", team.name,
                                        *needs.min_rank_points, points));
  }
  if (needs.min_alignment && alignment < *needs.min_alignment) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("{} asks for an alignment of {}; the player has {}.",
                                        team.name, *needs.min_alignment, alignment));
  }
  if (needs.min_standing && !needs.faction.empty()) {
    Query faction(command, "SELECT id FROM factions WHERE code = ?", needs.faction);
    if (faction.step()) {
      const std::int64_t standing = reputation::value_now(command, player, faction.text(0));
      if (standing < *needs.min_standing) {
        return Outcome::refused(
            Refusal::NotAllowed,
            fmt::format("{} asks for a standing of {} with {}; the player has {}.", team.name,
                        *needs.min_standing, needs.faction, standing));
      }
    }
  }
  return {};
}

// Refuses `player` joining `team` for anything but its recruitment: in a team already, the
// team full, short of the requirements.
Outcome check_can_join(Command& command, const TeamView& team, const PlayerId& player) {
  if (teams::membership(command, player)) {
    return Outcome::refused(Refusal::NotAllowed, "The player is already in a team.");
  }
  if (static_cast<std::int64_t>(team.members.size()) >= team.max_members) {
    return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is full.", team.name));
  }
  return check_requirements(command, team, player);
}

void joined(Command& command, const TeamView& team, const PlayerId& player, const char* how) {
  add_member(command, team.id, player, false);
  command.emit(TeamEvents::kJoined, player, team.id, Payload().add("via", how).str());
}

// Ends a team: members out, invitations and requests gone, the treasury to `leader`, team
// messages kept without their team, the reputation closed.
void end_team(Command& command, const TeamId& team, const PlayerId& leader) {
  teams::pay_out_treasury(command, team, leader);
  for (const char* table : {"team_members", "team_invitations", "team_join_requests"}) {
    Query clear(command, fmt::format("DELETE FROM {} WHERE team_id = ?", table), team);
    clear.exec();
  }
  messages::detach_team(command, team);
  Query disband(command, "UPDATE teams SET disbanded_at = ?1, updated_at = ?1 WHERE id = ?2",
                command.now(), team);
  disband.exec();
  team_reputation::close(command, team);
  command.emit(TeamEvents::kDisbanded, leader, team);
}

void set_permissions(Command& command, const TeamId& team, const PlayerId& player, TeamRole role) {
  // An officer gains invite, kick and missions and keeps treasury and alliances as they were.
  const char* flags =
      role == TeamRole::Leader
          ? "can_invite = 1, can_kick = 1, can_manage_treasury = 1, can_manage_missions = 1, "
            "can_manage_alliances = 1"
      : role == TeamRole::Officer
          ? "can_invite = 1, can_kick = 1, can_manage_missions = 1"
          : "can_invite = 0, can_kick = 0, can_manage_treasury = 0, can_manage_missions = 0, "
            "can_manage_alliances = 0";
  Query update(command,
               fmt::format("UPDATE team_members SET role = ?, {} WHERE team_id = ? AND "
                           "player_id = ?",
                           flags),
               to_string(role), team, player);
  update.exec();
}

}  // namespace

std::optional<teams::Membership> teams::membership(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT team_id, joined_at FROM team_members WHERE player_id = ?", player);
  if (!query.step()) return std::nullopt;
  return Membership{query.text(0), query.integer(1)};
}

Result<TeamView> Teams::create(const PlayerId& leader, const std::string& name,
                               const std::string& tag) {
  return core_.run([&](Command& command) -> Result<TeamView> {
    const TeamRules& rules = command.rules().teams;
    if (Outcome valid =
            text::check("A team name", name, rules.name_min_length, rules.name_max_length);
        !valid) {
      return valid;
    }
    if (!tag.empty()) {
      if (Outcome valid = text::check("A team tag", tag, 2, 10); !valid) return valid;
    }
    if (Outcome may = access::require(command, leader, "community"); !may) return may;
    if (teams::membership(command, leader)) {
      return Outcome::refused(Refusal::NotAllowed, "The founder is already in a team.");
    }
    Query taken(command, "SELECT 1 FROM teams WHERE name = ? AND disbanded_at IS NULL", name);
    const bool exists = taken.step();
    taken.reset();
    if (exists) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The team name '{}' is taken.", name));
    }
    const std::string id = command.new_uuid();
    if (rules.creation_cost > 0) {
      const std::int64_t currency = ledger::default_currency(command);
      ledger::Posting fee;
      fee.from_account = ledger::user_account(command, leader, currency);
      fee.to_account = ledger::system_account(command, "sink", currency);
      fee.amount = rules.creation_cost;
      fee.type = "TEAM_CREATION";
      fee.description = fmt::format("Founding the team {}", name);
      fee.user_id = leader;
      if (auto paid = ledger::post(command, fee); !paid) return paid.outcome();
    }
    Query insert(
        command,
        "INSERT INTO teams (id, name, tag, max_members, created_at, updated_at) VALUES (:id, "
        ":name, NULLIF(:tag, ''), :default_max_members, :now, :now)",
        named(":id", id), named(":name", name), named(":tag", tag),
        named(":default_max_members", rules.default_max_members), named(":now", command.now()));
    insert.exec();
    add_member(command, id, leader, true);
    team_reputation::open(command, id);
    command.emit(TeamEvents::kCreated, leader, id, Payload().add("name", name).str());
    return *load_team(command, id);
  });
}

Outcome Teams::join(const TeamId& team, const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, player, "community"); !may) return may;
    const auto view = load_team(command, team);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    if (view->recruitment != Recruitment::Open) {
      return Outcome::refused(
          Refusal::NotAllowed,
          view->recruitment == Recruitment::InviteOnly
              ? fmt::format("{} takes members by invitation or request.", view->name)
              : fmt::format("{} is not open to new members.", view->name));
    }
    if (Outcome can = check_can_join(command, *view, player); !can) return can;
    joined(command, *view, player, "open");
    return {};
  });
}

Outcome Teams::request_to_join(const TeamId& team, const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, player, "community"); !may) return may;
    const auto view = load_team(command, team);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    if (view->recruitment != Recruitment::InviteOnly) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} takes no requests to join.", view->name));
    }
    if (Outcome can = check_can_join(command, *view, player); !can) return can;
    Query ask(command,
              "INSERT OR IGNORE INTO team_join_requests (team_id, player_id, created_at) "
              "VALUES (?, ?, ?)",
              team, player, command.now());
    ask.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "The request is pending already.");
    }
    command.emit(TeamEvents::kJoinRequested, player, team);
    return {};
  });
}

namespace {

// A member who may invite answers a request to join their team.
Outcome answer_request(Core& core, const PlayerId& actor, const PlayerId& player, bool accept) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (!place->member.permissions.invite) {
      return Outcome::refused(Refusal::NotAllowed, "Only a member who may invite answers this.");
    }
    Query drop(command, "DELETE FROM team_join_requests WHERE team_id = ? AND player_id = ?",
               place->team.id, player);
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "There is no such request.");
    }
    if (!accept) {
      command.emit(TeamEvents::kRequestDeclined, actor, player,
                   Payload().add("team", place->team.id.value()).str());
      return {};
    }
    if (Outcome can = check_can_join(command, place->team, player); !can) return can;
    joined(command, place->team, player, "request");
    return {};
  });
}

// A new invitation of the actor's team: personal (`player` set, good for the rules' invitation
// lifetime) or a shared code (good for `lifetime`).
Result<TeamInvitation> new_invitation(Core& core, const PlayerId& actor, const PlayerId& player,
                                      std::int64_t max_uses, std::optional<Duration> given) {
  return core.run([&](Command& command) -> Result<TeamInvitation> {
    const Duration lifetime = given.value_or(Duration(command.rules().teams.invitation_lifetime));
    if (max_uses < 1 || max_uses > kMaxCodeUses) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A code is good for 1 to {} joins.", kMaxCodeUses));
    }
    if (lifetime.ms() <= 0 || lifetime.ms() > kMaxGameTime - command.now()) {
      return Outcome::refused(Refusal::InvalidArgument, "A code's lifetime is positive.");
    }
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (!place->member.permissions.invite) {
      return Outcome::refused(Refusal::NotAllowed, "Only a member who may invite invites.");
    }
    if (static_cast<std::int64_t>(place->team.members.size()) >= place->team.max_members) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is full.", place->team.name));
    }
    if (!player.empty()) {
      if (Outcome active = players::check_active(command, player); !active) return active;
      if (teams::membership(command, player)) {
        return Outcome::refused(Refusal::NotAllowed, "The player is already in a team.");
      }
      if (Outcome open = relations::check_not_blocked(command, actor, player); !open) return open;
    }
    TeamInvitation invitation{
        command.new_uuid(), place->team.id, player, command.now() + lifetime.ms(), max_uses, 0};
    Query add(command,
              "INSERT INTO team_invitations (code, team_id, player_id, invited_by, max_uses, "
              "created_at, expires_at) VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?)",
              invitation.code, invitation.team, player, actor, max_uses, command.now(),
              invitation.expires_at);
    add.exec();
    command.emit(TeamEvents::kInvited, actor,
                 player.empty() ? place->team.id.value() : player.value(),
                 Payload().add("team", place->team.id.value()).add("shared", player.empty()).str());
    return invitation;
  });
}

}  // namespace

Outcome Teams::accept_request(const PlayerId& actor, const PlayerId& player) {
  return answer_request(core_, actor, player, true);
}

Outcome Teams::decline_request(const PlayerId& actor, const PlayerId& player) {
  return answer_request(core_, actor, player, false);
}

Result<TeamInvitation> Teams::invite(const PlayerId& actor, const PlayerId& player) {
  if (player.empty()) {
    return Outcome::refused(Refusal::InvalidArgument, "An invitation names a player.");
  }
  return new_invitation(core_, actor, player, 1, std::nullopt);
}

Result<TeamInvitation> Teams::create_code(const PlayerId& actor, std::int64_t max_uses,
                                          Duration lifetime) {
  return new_invitation(core_, actor, PlayerId(), max_uses, lifetime);
}

Outcome Teams::join_with_code(const PlayerId& player, const std::string& code) {
  if (Outcome valid = text::check("A code", code, 1, 100); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, player, "community"); !may) return may;
    Query find(command,
               "SELECT team_id, ifnull(player_id, ''), uses, max_uses, expires_at, "
               "ifnull(invited_by, '') FROM team_invitations WHERE code = ?",
               code);
    if (!find.step()) return Outcome::refused(Refusal::NotFound, "There is no such code.");
    const TeamId team = find.text(0);
    const PlayerId invited = find.text(1);
    const bool used_up = find.integer(2) >= find.integer(3);
    const bool expired = find.integer(4) <= command.now();
    const PlayerId inviter = find.text(5);
    find.reset();
    if (!invited.empty() && invited != player) {
      return Outcome::refused(Refusal::NotFound, "There is no such code.");
    }
    if (expired || used_up) {
      return Outcome::refused(Refusal::NotAllowed, "The code has expired or is used up.");
    }
    const auto view = load_team(command, team);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    if (view->recruitment == Recruitment::Closed) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is not open to new members.", view->name));
    }
    if (!inviter.empty()) {
      if (Outcome open = relations::check_not_blocked(command, inviter, player); !open) {
        return open;
      }
    }
    if (Outcome can = check_can_join(command, *view, player); !can) return can;
    Query use(command, "UPDATE team_invitations SET uses = uses + 1 WHERE code = ?", code);
    use.exec();
    joined(command, *view, player, invited.empty() ? "code" : "invitation");
    return {};
  });
}

Outcome Teams::decline_invitation(const PlayerId& player, const std::string& code) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, player, "web"); !may) return may;
    Query drop(command, "DELETE FROM team_invitations WHERE code = ? AND player_id = ?", code,
               player);
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "There is no such invitation.");
    }
    return {};
  });
}

Outcome Teams::leave(const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    // "web" is what a full ban leaves: a ban never keeps a player in a team.
    if (Outcome may = access::require(command, player, "web"); !may) return may;
    const Result<Place> place = place_of(command, player);
    if (!place) return place.outcome();
    const TeamView& view = place->team;
    if (view.leader == player && view.members.size() == 1) {
      end_team(command, view.id, player);
      command.emit(TeamEvents::kLeft, player, view.id);
      return {};
    }
    Query remove(command, "DELETE FROM team_members WHERE team_id = ? AND player_id = ?", view.id,
                 player);
    remove.exec();
    command.emit(TeamEvents::kLeft, player, view.id);
    if (view.leader != player) return {};
    // Succession: an officer first, then the earliest member.
    Query successor(command,
                    "SELECT player_id FROM team_members WHERE team_id = ? "
                    "ORDER BY role <> 'OFFICER', joined_at, player_id LIMIT 1",
                    view.id);
    successor.step();
    const std::string heir = successor.text(0);
    successor.reset();
    set_permissions(command, view.id, heir, TeamRole::Leader);
    command.emit(TeamEvents::kLeaderChanged, player, view.id, Payload().add("leader", heir).str());
    return {};
  });
}

Outcome Teams::set_role(const PlayerId& actor, const PlayerId& member, TeamRole role) {
  return core_.run([&](Command& command) -> Outcome {
    if (static_cast<int>(role) < 0 || static_cast<int>(role) > 3) {
      return Outcome::refused(Refusal::InvalidArgument, "That is not a role.");
    }
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (place->member.role != TeamRole::Leader) {
      return Outcome::refused(Refusal::NotAllowed, "Only the leader changes roles.");
    }
    if (role == TeamRole::Leader) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "Leadership is handed over with transfer_leadership.");
    }
    if (member == actor) {
      return Outcome::refused(Refusal::NotAllowed, "The leader cannot change their own role.");
    }
    const TeamMember* target = member_of(place->team, member);
    if (!target) return Outcome::refused(Refusal::NotFound, "The player is not in the team.");
    if (target->role == role) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("The member is {} already.", to_string(role)));
    }
    set_permissions(command, place->team.id, member, role);
    command.emit(TeamEvents::kRoleChanged, actor, member,
                 Payload()
                     .add("team", place->team.id.value())
                     .add("from", to_string(target->role))
                     .add("to", to_string(role))
                     .str());
    return {};
  });
}

Outcome Teams::kick(const PlayerId& actor, const PlayerId& member) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (!place->member.permissions.kick) {
      return Outcome::refused(Refusal::NotAllowed, "Only a member who may kick kicks.");
    }
    const TeamMember* target = member_of(place->team, member);
    if (!target || member == actor) {
      return Outcome::refused(Refusal::NotFound, "The player is not another member.");
    }
    if (target->role == TeamRole::Leader) {
      return Outcome::refused(Refusal::NotAllowed, "Nobody kicks the leader.");
    }
    if (target->role == TeamRole::Officer && place->member.role == TeamRole::Officer) {
      return Outcome::refused(Refusal::NotAllowed, "An officer cannot kick another officer.");
    }
    Query remove(command, "DELETE FROM team_members WHERE team_id = ? AND player_id = ?",
                 place->team.id, member);
    remove.exec();
    command.emit(TeamEvents::kKicked, actor, member,
                 Payload().add("team", place->team.id.value()).str());
    return {};
  });
}

Outcome Teams::transfer_leadership(const PlayerId& actor, const PlayerId& member) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (place->member.role != TeamRole::Leader) {
      return Outcome::refused(Refusal::NotAllowed, "Only the leader hands leadership over.");
    }
    if (member == actor || !member_of(place->team, member)) {
      return Outcome::refused(Refusal::NotFound, "The player is not another member.");
    }
    // The old leader becomes an officer and keeps every permission it had.
    Query step_down(command,
                    "UPDATE team_members SET role = 'OFFICER' WHERE team_id = ? AND player_id = ?",
                    place->team.id, actor);
    step_down.exec();
    set_permissions(command, place->team.id, member, TeamRole::Leader);
    command.emit(TeamEvents::kLeaderChanged, actor, place->team.id,
                 Payload().add("leader", member).str());
    return {};
  });
}

Outcome Teams::disband(const PlayerId& actor) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (place->member.role != TeamRole::Leader) {
      return Outcome::refused(Refusal::NotAllowed, "Only the leader disbands the team.");
    }
    end_team(command, place->team.id, actor);
    return {};
  });
}

Outcome Teams::update_profile(const PlayerId& actor, const TeamProfile& profile) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    const Result<Place> place = place_of(command, actor);
    if (!place) return place.outcome();
    if (place->member.role != TeamRole::Leader && place->member.role != TeamRole::Officer) {
      return Outcome::refused(Refusal::NotAllowed, "Only the leader or an officer does this.");
    }
    if (profile.tag && !profile.tag->empty()) {
      if (Outcome valid = text::check("A team tag", *profile.tag, 2, 10); !valid) return valid;
    }
    if (profile.description) {
      if (Outcome valid = text::check_optional("A description", *profile.description, 500);
          !valid) {
        return valid;
      }
    }
    if (profile.logo) {
      if (Outcome valid = text::check_optional("A logo", *profile.logo, 255); !valid) {
        return valid;
      }
    }
    const auto sector_known = [&](std::int64_t sector) {
      Query known(command, "SELECT 1 FROM sectors WHERE id = ?", sector);
      return known.step();
    };
    if (profile.home_sector && *profile.home_sector != 0 && !sector_known(*profile.home_sector)) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no sector {}.", *profile.home_sector));
    }
    std::string claims = "[";
    if (profile.sector_claims) {
      std::set<std::int64_t> seen;
      for (std::int64_t sector : *profile.sector_claims) {
        if (!seen.insert(sector).second || !sector_known(sector)) {
          return Outcome::refused(Refusal::InvalidArgument,
                                  fmt::format("Sector {} is unknown or claimed twice.", sector));
        }
        claims += (claims.size() > 1 ? "," : "") + std::to_string(sector);
      }
    }
    claims += "]";
    if (profile.recruitment && (static_cast<int>(*profile.recruitment) < 0 ||
                                static_cast<int>(*profile.recruitment) > 2)) {
      return Outcome::refused(Refusal::InvalidArgument, "That is not a recruitment status.");
    }
    if (profile.max_members) {
      const auto members = static_cast<std::int64_t>(place->team.members.size());
      if (*profile.max_members < std::max(kMinMembers, members) ||
          *profile.max_members > kMostMembers) {
        return Outcome::refused(Refusal::InvalidArgument,
                                fmt::format("A team holds {} to {} members (it has {}).",
                                            kMinMembers, kMostMembers, members));
      }
    }
    std::string requirements;
    if (profile.requirements) {
      const JoinRequirements& needs = *profile.requirements;
      if (needs.min_standing.has_value() != !needs.faction.empty() ||
          (needs.min_standing && (*needs.min_standing < -800 || *needs.min_standing > 800))) {
        return Outcome::refused(Refusal::InvalidArgument,
                                "A standing requirement names a faction and a value in "
                                "-800..800.");
      }
      if (!needs.faction.empty()) {
        Query faction(command, "SELECT 1 FROM factions WHERE code = ?", needs.faction);
        if (!faction.step()) {
          return Outcome::refused(Refusal::NotFound,
                                  fmt::format("There is no faction '{}'.", needs.faction));
        }
      }
      Payload json;
      if (needs.min_rank_points) json.add("min_rank_points", *needs.min_rank_points);
      if (needs.min_alignment) json.add("min_alignment", *needs.min_alignment);
      if (!needs.faction.empty()) {
        json.add("faction", needs.faction).add("min_standing", *needs.min_standing);
      }
      requirements = json.str();
    }
    Query update(
        command,
        "UPDATE teams SET tag = CASE WHEN :set_tag THEN NULLIF(:tag, '') ELSE tag END, "
        "description = CASE WHEN :set_description THEN NULLIF(:description, '') ELSE description "
        "END, logo = CASE WHEN :set_logo THEN NULLIF(:logo, '') ELSE logo END, "
        "is_public = ifnull(:public, is_public), home_sector_id = CASE WHEN :set_home THEN "
        "NULLIF(:home, 0) ELSE home_sector_id END, sector_claims = CASE WHEN :set_claims THEN "
        ":claims ELSE sector_claims END, recruitment_status = ifnull(:recruitment, "
        "recruitment_status), max_members = ifnull(:max_members, max_members), "
        "join_requirements = CASE WHEN :set_requirements THEN :requirements ELSE "
        "join_requirements END, updated_at = :now WHERE id = :team",
        named(":set_tag", profile.tag.has_value()), named(":tag", profile.tag.value_or("")),
        named(":set_description", profile.description.has_value()),
        named(":description", profile.description.value_or("")),
        named(":set_logo", profile.logo.has_value()), named(":logo", profile.logo.value_or("")),
        named(":public", profile.is_public), named(":set_home", profile.home_sector.has_value()),
        named(":home", profile.home_sector.value_or(0)),
        named(":set_claims", profile.sector_claims.has_value()), named(":claims", claims),
        named(":recruitment", profile.recruitment ? std::optional<std::string>(std::string(
                                                        to_string(*profile.recruitment)))
                                                  : std::nullopt),
        named(":max_members", profile.max_members),
        named(":set_requirements", profile.requirements.has_value()),
        named(":requirements", requirements), named(":now", command.now()),
        named(":team", place->team.id.value()));
    update.exec();
    command.emit(TeamEvents::kProfileChanged, actor, place->team.id, "{}");
    return {};
  });
}

Outcome Teams::set_ratings(const TeamId& team, double combat, double trade) {
  if (!std::isfinite(combat) || !std::isfinite(trade) || combat < 0 || trade < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "Ratings are finite and not negative.");
  }
  return core_.run([&](Command& command) -> Outcome {
    if (!load_team(command, team)) {
      return Outcome::refused(Refusal::NotFound, "There is no such team.");
    }
    Query update(command,
                 "UPDATE teams SET combat_rating = ?, trade_rating = ?, updated_at = ? "
                 "WHERE id = ?",
                 combat, trade, command.now(), team);
    update.exec();
    return {};
  });
}

std::vector<PlayerId> Teams::join_requests(const TeamId& team) const {
  return core_.read([&](Reader& reader) {
    std::vector<PlayerId> waiting;
    Query query(reader,
                "SELECT player_id FROM team_join_requests WHERE team_id = ? "
                "ORDER BY created_at, player_id",
                team);
    while (query.step()) waiting.push_back(query.text(0));
    return waiting;
  });
}

std::vector<TeamInvitation> Teams::invitations(const TeamId& team) const {
  return core_.read([&](Reader& reader) {
    std::vector<TeamInvitation> open;
    Query query(reader,
                "SELECT code, team_id, ifnull(player_id, ''), expires_at, max_uses, uses FROM "
                "team_invitations WHERE team_id = ? AND expires_at > ? AND uses < max_uses "
                "ORDER BY expires_at, code",
                team, reader.now());
    while (query.step()) {
      open.push_back({query.text(0), query.text(1), query.text(2), query.integer(3),
                      query.integer(4), query.integer(5)});
    }
    return open;
  });
}

std::optional<TeamView> Teams::find(const TeamId& team) const {
  return core_.read([&](Reader& reader) { return load_team(reader, team); });
}

std::optional<TeamId> Teams::team_of(const PlayerId& player) const {
  return core_.read([&](Reader& reader) -> std::optional<TeamId> {
    const std::optional<teams::Membership> membership = teams::membership(reader, player);
    if (!membership) return std::nullopt;
    return membership->team;
  });
}

namespace teams {

std::vector<Violation> violations(Reader& reader) {
  std::vector<Violation> found;
  Query open(reader, R"sql(
    SELECT t.id, t.max_members, count(m.player_id), count(CASE m.role WHEN 'LEADER' THEN 1 END)
    FROM teams t LEFT JOIN team_members m ON m.team_id = t.id
    WHERE t.disbanded_at IS NULL GROUP BY t.id ORDER BY t.id)sql");
  while (open.step()) {
    const std::string team = open.text(0);
    const std::int64_t size = open.integer(1);
    const std::int64_t members = open.integer(2);
    if (open.integer(3) != 1) {
      found.push_back(
          {"teams.leader", fmt::format("Team '{}' has {} leaders, not 1.", team, open.integer(3))});
    }
    if (members > size) {
      found.push_back({"teams.size", fmt::format("Team '{}' has {} members, more than its size {}.",
                                                 team, members, size)});
    }
  }
  Query disbanded(reader,
                  "SELECT t.id, count(*) FROM teams t JOIN team_members m ON m.team_id = t.id "
                  "WHERE t.disbanded_at IS NOT NULL GROUP BY t.id ORDER BY t.id");
  while (disbanded.step()) {
    found.push_back(
        {"teams.disbanded_members", fmt::format("Team '{}' is disbanded but still has {} members.",
                                                disbanded.text(0), disbanded.integer(1))});
  }
  return found;
}

}  // namespace teams

}  // namespace hearth

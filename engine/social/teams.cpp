#include "hearth/social/teams.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/teams_internal.h"
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

std::optional<TeamId> team_of_player(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT team_id FROM team_members WHERE player_id = ?", player);
  if (!query.step()) return std::nullopt;
  std::string team = query.text(0);
  return team;
}

}  // namespace

std::optional<teams::Membership> teams::membership(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT team_id, joined_at FROM team_members WHERE player_id = ?", player);
  if (!query.step()) return std::nullopt;
  return Membership{query.text(0), query.integer(1)};
}

namespace {

std::optional<TeamView> load_team(Reader& reader, const TeamId& team) {
  Query query(reader,
              "SELECT id, name, ifnull(tag, ''), recruitment_status, max_members FROM teams "
              "WHERE id = ? AND disbanded_at IS NULL",
              team);
  if (!query.step()) return std::nullopt;
  TeamView view;
  view.id = query.text(0);
  view.name = query.text(1);
  view.tag = query.text(2);
  view.recruitment = recruitment_named(query.text(3));
  view.max_members = query.integer(4);
  query.reset();
  Query members(reader,
                "SELECT player_id, role, joined_at FROM team_members WHERE team_id = ? "
                "ORDER BY role <> 'LEADER', joined_at, player_id",
                team);
  while (members.step()) {
    view.members.push_back({members.text(0), role_named(members.text(1)), members.integer(2)});
  }
  members.reset();
  if (!view.members.empty() && view.members.front().role == TeamRole::Leader) {
    view.leader = view.members.front().player;
  }
  return view;
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
}

}  // namespace

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
    if (team_of_player(command, leader)) {
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
    if (team_of_player(command, player)) {
      return Outcome::refused(Refusal::NotAllowed, "The player is already in a team.");
    }
    if (view->recruitment != Recruitment::Open) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is not open to new members.", view->name));
    }
    if (static_cast<std::int64_t>(view->members.size()) >= view->max_members) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is full.", view->name));
    }
    add_member(command, team, player, false);
    command.emit(TeamEvents::kJoined, player, team);
    return {};
  });
}

Outcome Teams::leave(const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    // "web" is what a full ban leaves: a ban never keeps a player in a team.
    if (Outcome may = access::require(command, player, "web"); !may) return may;
    const auto team = team_of_player(command, player);
    if (!team) return Outcome::refused(Refusal::NotFound, "The player is in no team.");
    const auto view = load_team(command, *team);
    Query remove(command, "DELETE FROM team_members WHERE team_id = ? AND player_id = ?", *team,
                 player);
    remove.exec();
    command.emit(TeamEvents::kLeft, player, *team);
    if (view->leader != player) return {};
    if (view->members.size() == 1) {
      Query disband(command, "UPDATE teams SET disbanded_at = ?1, updated_at = ?1 WHERE id = ?2",
                    command.now(), *team);
      disband.exec();
      team_reputation::close(command, *team);
      command.emit(TeamEvents::kDisbanded, player, *team);
      return {};
    }
    // Succession: an officer first, then the earliest member.
    Query successor(command,
                    "SELECT player_id FROM team_members WHERE team_id = ? "
                    "ORDER BY role <> 'OFFICER', joined_at, player_id LIMIT 1",
                    *team);
    successor.step();
    const std::string heir = successor.text(0);
    successor.reset();
    Query promote(command,
                  "UPDATE team_members SET role = 'LEADER', can_invite = 1, can_kick = 1, "
                  "can_manage_treasury = 1, can_manage_missions = 1, can_manage_alliances = 1 "
                  "WHERE team_id = ? AND player_id = ?",
                  *team, heir);
    promote.exec();
    command.emit(TeamEvents::kLeaderChanged, player, *team, Payload().add("leader", heir).str());
    return {};
  });
}

std::optional<TeamView> Teams::find(const TeamId& team) const {
  return core_.read([&](Reader& reader) { return load_team(reader, team); });
}

std::optional<TeamId> Teams::team_of(const PlayerId& player) const {
  return core_.read([&](Reader& reader) { return team_of_player(reader, player); });
}

}  // namespace hearth

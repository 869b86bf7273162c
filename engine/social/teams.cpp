#include "hearth/social/teams.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/standing/team_reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

Teams Game::teams() { return Teams(*core_); }

namespace {

std::optional<std::string> team_of_player(Command& command, const std::string& player) {
  SQLite::Statement& query =
      command.prepare("SELECT team_id FROM team_members WHERE player_id = ?");
  query.bind(1, player);
  if (!query.executeStep()) return std::nullopt;
  std::string team = query.getColumn(0).getString();
  query.reset();
  return team;
}

std::optional<TeamView> load_team(Command& command, const std::string& team) {
  SQLite::Statement& query = command.prepare(
      "SELECT id, name, ifnull(tag, ''), recruitment_status, max_members FROM teams "
      "WHERE id = ? AND disbanded_at IS NULL");
  query.bind(1, team);
  if (!query.executeStep()) return std::nullopt;
  TeamView view;
  view.id = query.getColumn(0).getString();
  view.name = query.getColumn(1).getString();
  view.tag = query.getColumn(2).getString();
  view.recruitment_status = query.getColumn(3).getString();
  view.max_members = query.getColumn(4).getInt64();
  query.reset();
  SQLite::Statement& members = command.prepare(
      "SELECT player_id, role, joined_at FROM team_members WHERE team_id = ? "
      "ORDER BY role <> 'LEADER', joined_at, player_id");
  members.bind(1, team);
  while (members.executeStep()) {
    view.members.push_back({members.getColumn(0).getString(), members.getColumn(1).getString(),
                            members.getColumn(2).getInt64()});
  }
  members.reset();
  if (!view.members.empty() && view.members.front().role == "LEADER") {
    view.leader = view.members.front().player;
  }
  return view;
}

void add_member(Command& command, const std::string& team, const std::string& player, bool leader) {
  SQLite::Statement& insert = command.prepare(
      "INSERT INTO team_members (team_id, player_id, role, joined_at, can_invite, can_kick, "
      "can_manage_treasury, can_manage_missions, can_manage_alliances, last_active_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5, ?5, ?5, ?4)");
  insert.bind(1, team);
  insert.bind(2, player);
  insert.bind(3, leader ? "LEADER" : "MEMBER");
  insert.bind(4, command.now());
  insert.bind(5, leader ? 1 : 0);
  insert.exec();
}

}  // namespace

Result<TeamView> Teams::create(const std::string& leader, const std::string& name,
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
    if (Outcome active = players::check_active(command, leader); !active) return active;
    if (team_of_player(command, leader)) {
      return Outcome::refused(Refusal::NotAllowed, "The founder is already in a team.");
    }
    SQLite::Statement& taken =
        command.prepare("SELECT 1 FROM teams WHERE name = ? AND disbanded_at IS NULL");
    taken.bind(1, name);
    const bool exists = taken.executeStep();
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
    SQLite::Statement& insert = command.prepare(
        "INSERT INTO teams (id, name, tag, max_members, created_at, updated_at) "
        "VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?5)");
    insert.bind(1, id);
    insert.bind(2, name);
    insert.bind(3, tag);
    insert.bind(4, rules.default_max_members);
    insert.bind(5, command.now());
    insert.exec();
    add_member(command, id, leader, true);
    team_reputation::open(command, id);
    command.emit("team.created", leader, id, Payload().add("name", name).str());
    return *load_team(command, id);
  });
}

Outcome Teams::join(const std::string& team, const std::string& player) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, player); !active) return active;
    const auto view = load_team(command, team);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    if (team_of_player(command, player)) {
      return Outcome::refused(Refusal::NotAllowed, "The player is already in a team.");
    }
    if (view->recruitment_status != "OPEN") {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is not open to new members.", view->name));
    }
    if (static_cast<std::int64_t>(view->members.size()) >= view->max_members) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is full.", view->name));
    }
    add_member(command, team, player, false);
    command.emit("team.joined", player, team);
    return {};
  });
}

Outcome Teams::leave(const std::string& player) {
  return core_.run([&](Command& command) -> Outcome {
    const auto team = team_of_player(command, player);
    if (!team) return Outcome::refused(Refusal::NotFound, "The player is in no team.");
    const auto view = load_team(command, *team);
    SQLite::Statement& remove =
        command.prepare("DELETE FROM team_members WHERE team_id = ? AND player_id = ?");
    remove.bind(1, *team);
    remove.bind(2, player);
    remove.exec();
    command.emit("team.left", player, *team);
    if (view->leader != player) return {};
    if (view->members.size() == 1) {
      SQLite::Statement& disband =
          command.prepare("UPDATE teams SET disbanded_at = ?1, updated_at = ?1 WHERE id = ?2");
      disband.bind(1, command.now());
      disband.bind(2, *team);
      disband.exec();
      team_reputation::close(command, *team);
      command.emit("team.disbanded", player, *team);
      return {};
    }
    // Succession: an officer first, then the earliest member.
    SQLite::Statement& successor = command.prepare(
        "SELECT player_id FROM team_members WHERE team_id = ? "
        "ORDER BY role <> 'OFFICER', joined_at, player_id LIMIT 1");
    successor.bind(1, *team);
    successor.executeStep();
    const std::string heir = successor.getColumn(0).getString();
    successor.reset();
    SQLite::Statement& promote = command.prepare(
        "UPDATE team_members SET role = 'LEADER', can_invite = 1, can_kick = 1, "
        "can_manage_treasury = 1, can_manage_missions = 1, can_manage_alliances = 1 "
        "WHERE team_id = ? AND player_id = ?");
    promote.bind(1, *team);
    promote.bind(2, heir);
    promote.exec();
    command.emit("team.leader_changed", player, *team, Payload().add("leader", heir).str());
    return {};
  });
}

std::optional<TeamView> Teams::find(const std::string& team) const {
  return core_.read([&](SQLite::Database&) {
    Command command(core_, core_.now());
    return load_team(command, team);
  });
}

std::optional<std::string> Teams::team_of(const std::string& player) const {
  return core_.read([&](SQLite::Database&) {
    Command command(core_, core_.now());
    return team_of_player(command, player);
  });
}

}  // namespace hearth

#include "hearth/standing/team_reputation.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/identity/access_internal.h"
#include "engine/standing/reputation_internal.h"
#include "engine/standing/team_reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

TeamReputation Game::team_reputation() { return TeamReputation(*core_); }

std::string_view to_string(AggregationMethod method) {
  switch (method) {
    case AggregationMethod::Average:
      return "AVERAGE";
    case AggregationMethod::Lowest:
      return "LOWEST";
    case AggregationMethod::Leader:
      return "LEADER";
  }
  return "";
}

namespace {

// The method the file names ("AVERAGE", "LOWEST", "LEADER").
AggregationMethod method_named(const std::string& text) {
  if (text == "LOWEST") return AggregationMethod::Lowest;
  if (text == "LEADER") return AggregationMethod::Leader;
  return AggregationMethod::Average;
}

struct Row {
  std::string team;
  std::string method;
  TeamFactionReputation standings;
  TeamReputationHistory history;
  TeamTierNotifications pending;
  GameTime last = 0;
  GameTime next = 0;
  GameTime method_changed_at = 0;
};

std::optional<Row> load_row(Reader& reader, const TeamId& team) {
  Query query(
      reader,
      "SELECT calculation_method, faction_reputation, history, pending_notifications, "
      "ifnull(last_recalculated_at, 0), next_recalculation_at, ifnull(method_changed_at, 0) "
      "FROM team_reputations WHERE team_id = ?",
      team);
  if (!query.step()) return std::nullopt;
  Row row;
  row.team = team;
  row.method = query.text(0);
  row.standings =
      storage::from_json<TeamFactionReputation>(query.text(1), kTeamFactionReputationColumn);
  row.history =
      storage::from_json<TeamReputationHistory>(query.text(2), kTeamReputationHistoryColumn);
  row.pending =
      storage::from_json<TeamTierNotifications>(query.text(3), kTeamTierNotificationsColumn);
  row.last = query.integer(4);
  row.next = query.integer(5);
  row.method_changed_at = query.integer(6);
  return row;
}

void store_row(Command& command, const Row& row) {
  Query update(command,
               "UPDATE team_reputations SET calculation_method = :method, faction_reputation = "
               ":standings, history = :history, pending_notifications = :pending, "
               "last_recalculated_at = NULLIF(:last, 0), next_recalculation_at = :next, "
               "method_changed_at = NULLIF(:method_changed_at, 0) WHERE team_id = :team",
               named(":method", row.method), named(":standings", storage::to_json(row.standings)),
               named(":history", storage::to_json(row.history)),
               named(":pending", storage::to_json(row.pending)), named(":last", row.last),
               named(":next", row.next), named(":method_changed_at", row.method_changed_at),
               named(":team", row.team));
  update.exec();
  command.schedule(row.next);
}

// A member's reputations row as the closed form needs it (columns 1 to 6 of `query` from
// `first`).
reputation::Stored stored_row(Query& query, int first) {
  return {query.integer(first),          query.integer(first + 1), query.integer(first + 2) != 0,
          query.integer(first + 3) != 0, query.integer(first + 4), query.integer(first + 5)};
}

// The team's standings as of `at`: each member's value (closed form: decay and lock expiry due
// by `at` included; no row counts as 0) aggregated by `method`.
TeamFactionReputation standings_at(Command& command, const TeamId& team, const std::string& method,
                                   GameTime at) {
  const ReputationRules& rules = command.rules().reputation;
  std::vector<std::pair<std::string, std::string>> factions;
  Query all(command, "SELECT id, name FROM factions ORDER BY id");
  while (all.step()) {
    factions.emplace_back(all.text(0), all.text(1));
  }
  all.reset();
  TeamFactionReputation standings;
  for (const auto& [faction, name] : factions) {
    Query members(
        command,
        "SELECT tm.role = 'LEADER', ifnull(rp.current_value, 0), ifnull(rp.decay_due_at, 0), "
        "ifnull(rp.decay_paused, 0), ifnull(rp.is_locked, 0), ifnull(rp.lock_expires_at, 0), "
        "ifnull(rp.last_activity_at, 0) FROM team_members tm LEFT JOIN reputations rp "
        "ON rp.player_id = tm.player_id AND rp.faction_id = ?2 WHERE tm.team_id = ?1",
        team, faction);
    std::int64_t sum = 0, lowest = 0, leader = 0, count = 0;
    while (members.step()) {
      const std::int64_t value = reputation::value_at(stored_row(members, 1), at, rules);
      lowest = count == 0 ? value : std::min(lowest, value);
      sum += value;
      if (members.integer(0) != 0) leader = value;
      ++count;
    }
    members.reset();
    std::int64_t value = 0;
    if (count > 0) {
      if (method == "LOWEST") {
        value = lowest;
      } else if (method == "LEADER") {
        value = leader;
      } else {
        // Round half to even, as the original does.
        value = static_cast<std::int64_t>(
            std::nearbyint(static_cast<double>(sum) / static_cast<double>(count)));
      }
    }
    standings[faction] = {faction, name, value, reputation::faction_tier(command, value).level};
  }
  return standings;
}

// One recalculation at time `at`: tier changes against the previous snapshot become pending
// notifications and events (never on the first computation); a change of any standing is
// recorded in the history.
void recalculate(Command& command, Row& row, GameTime at, bool queued) {
  const TeamReputationRules& rules = command.rules().team_reputation;
  TeamFactionReputation fresh = standings_at(command, row.team, row.method, at);
  if (!row.standings.empty()) {
    for (const auto& [faction, standing] : fresh) {
      const auto old = row.standings.find(faction);
      if (old == row.standings.end() || old->second.level == standing.level) continue;
      row.pending.push_back({faction, standing.faction_name, old->second.value, standing.value,
                             old->second.level, standing.level, at});
      const std::string payload = Payload()
                                      .add("faction_id", faction)
                                      .add("old_level", old->second.level)
                                      .add("new_level", standing.level)
                                      .add("old_value", old->second.value)
                                      .add("new_value", standing.value)
                                      .str();
      if (queued) {
        command.emit_at(at, TeamReputationEvents::kTierChanged, "", row.team, payload);
      } else {
        command.emit(TeamReputationEvents::kTierChanged, "", row.team, payload);
      }
    }
  }
  if (fresh != row.standings) {
    row.history.push_back({"recalculation", at, row.method, fresh, ""});
    const auto keep = static_cast<std::size_t>(std::max<std::int64_t>(0, rules.history_limit));
    if (row.history.size() > keep) row.history.erase(row.history.begin(), row.history.end() - keep);
    row.standings = std::move(fresh);
  }
  row.last = at;
  row.next = at + rules.recalculation_interval;
}

}  // namespace

void team_reputation::open(Command& command, const TeamId& team) {
  Query insert(command,
               "INSERT INTO team_reputations (team_id, next_recalculation_at) VALUES (?, ?)", team,
               command.now());
  insert.exec();
  // The first computation happens at once (and is never a tier change).
  auto row = load_row(command, team);
  recalculate(command, *row, command.now(), false);
  store_row(command, *row);
}

void team_reputation::close(Command& command, const TeamId& team) {
  Query remove(command, "DELETE FROM team_reputations WHERE team_id = ?", team);
  remove.exec();
}

Outcome TeamReputation::set_method(const TeamId& team, const PlayerId& actor,
                                   AggregationMethod chosen) {
  return core_.run([&](Command& command) -> Outcome {
    const std::string method(to_string(chosen));
    if (method.empty()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("{} is not an aggregation method: Average, Lowest or "
                                          "Leader.",
                                          static_cast<int>(chosen)));
    }
    if (Outcome may = access::require(command, actor, "community"); !may) return may;
    auto row = load_row(command, team);
    if (!row) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    Query leader(
        command,
        "SELECT 1 FROM team_members WHERE team_id = ? AND player_id = ? AND role = 'LEADER'", team,
        actor);
    const bool is_leader = leader.step();
    leader.reset();
    if (!is_leader) {
      return Outcome::refused(Refusal::NotAllowed, "Only the team leader may change the method.");
    }
    if (row->method == method) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("The method is already {}.", method));
    }
    const GameTime cooldown = command.rules().team_reputation.method_change_cooldown;
    if (row->method_changed_at != 0 && command.now() < row->method_changed_at + cooldown) {
      return Outcome::refused(
          Refusal::CooldownActive,
          fmt::format(
              "The method was changed recently; it can change again in {}.",
              format_duration(Duration(row->method_changed_at + cooldown - command.now()))));
    }
    row->method = method;
    row->method_changed_at = command.now();
    row->history.push_back({"method_switch", command.now(), method, {}, actor});
    recalculate(command, *row, command.now(), false);
    store_row(command, *row);
    command.emit(TeamReputationEvents::kMethodChanged, actor, team,
                 Payload().add("method", method).str());
    return {};
  });
}

std::optional<TeamReputationView> TeamReputation::reputation(const TeamId& team) const {
  return core_.read([&](Reader& reader) -> std::optional<TeamReputationView> {
    const auto row = load_row(reader, team);
    if (!row) return std::nullopt;
    TeamReputationView view;
    view.method = method_named(row->method);
    for (const auto& [faction, standing] : row->standings) view.standings.push_back(standing);
    view.last_recalculated_at = row->last;
    view.next_recalculation_at = row->next;
    view.method_changed_at = row->method_changed_at;
    view.pending_notifications = row->pending;
    return view;
  });
}

Outcome TeamReputation::clear_notifications(const TeamId& team) {
  return core_.run([&](Command& command) -> Outcome {
    auto row = load_row(command, team);
    if (!row) return Outcome::refused(Refusal::NotFound, "There is no such team.");
    row->pending.clear();
    store_row(command, *row);
    return {};
  });
}

namespace {

// The first time after `after` at which any member's standing may change.
GameTime next_member_change(Command& command, const TeamId& team, GameTime after) {
  const ReputationRules& rules = command.rules().reputation;
  Query rows(command,
             "SELECT rp.current_value, ifnull(rp.decay_due_at, 0), rp.decay_paused, rp.is_locked, "
             "ifnull(rp.lock_expires_at, 0), rp.last_activity_at FROM team_members tm "
             "JOIN reputations rp ON rp.player_id = tm.player_id WHERE tm.team_id = ?1",
             team);
  GameTime first = INT64_MAX;
  while (rows.step()) {
    first = std::min(first, reputation::next_change_after(stored_row(rows, 0), after, rules));
  }
  return first;
}

}  // namespace

void tick_team_reputation(Command& command, GameTime to) {
  constexpr int kBatch = 64;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT team_id FROM team_reputations WHERE next_recalculation_at <= ?1 "
              "ORDER BY next_recalculation_at, team_id LIMIT ?2",
              to, command.batch_of(kBatch));
    std::vector<TeamId> teams;
    while (due.step()) teams.push_back(due.text(0));
    due.reset();
    if (teams.empty()) break;
    command.spend(teams.size());
    for (const TeamId& team : teams) {
      auto row = load_row(command, team);
      const GameTime interval = command.rules().team_reputation.recalculation_interval;
      while (row->next <= to) {
        recalculate(command, *row, row->next, true);
        // The recalculations before a member's value next changes would find the same standings
        // (no event, no history): skip to the last of them at once, so a catch-up costs time in
        // proportion to the changes, not to the days elapsed.
        const GameTime change = next_member_change(command, row->team, row->last);
        const GameTime same_until = std::min(change == INT64_MAX ? change : change - 1, to);
        if (row->next <= same_until) {
          row->last = row->next + (same_until - row->next) / interval * interval;
          row->next = row->last + interval;
        }
      }
      store_row(command, *row);
    }
  }
}

}  // namespace hearth

#include "hearth/standing/reputation.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/players_internal.h"
#include "engine/standing/reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

Reputation Game::reputation() { return Reputation(*core_); }

std::string_view to_string(CombatResponse response) {
  switch (response) {
    case CombatResponse::Friendly:
      return "friendly";
    case CombatResponse::Neutral:
      return "neutral";
    case CombatResponse::Hostile:
      return "hostile";
  }
  return "neutral";
}

namespace reputation {

Tier faction_tier(Reader& reader, std::int64_t value) {
  Query query(reader,
              "SELECT level, title, numeric_level FROM reputation_tiers "
              "WHERE ?1 BETWEEN min_value AND max_value",
              value);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("No reputation tier holds the value {}.", value));
  }
  Tier tier{query.text(0), query.text(1), query.integer(2)};
  return tier;
}

std::int64_t decayed(std::int64_t value, GameTime due, GameTime at, const ReputationRules& rules) {
  if (due == 0 || at < due) return value;
  const std::int64_t steps = 1 + (at - due) / rules.decay_interval;
  const std::int64_t amount = steps * rules.decay_per_week;
  if (value > rules.decay_floor) return std::max(rules.decay_floor, value - amount);
  if (value < -rules.decay_floor) return std::min(-rules.decay_floor, value + amount);
  return value;
}

GameTime next_decay_step(std::int64_t value, GameTime last_activity, GameTime after,
                         const ReputationRules& rules) {
  if (value <= rules.decay_floor && value >= -rules.decay_floor) return 0;
  const GameTime first = last_activity + rules.decay_grace + rules.decay_interval;
  if (first > after) return first;
  const GameTime steps = (after - last_activity - rules.decay_grace) / rules.decay_interval + 1;
  return last_activity + rules.decay_grace + steps * rules.decay_interval;
}

GameTime due_at(const Stored& row, GameTime at, const ReputationRules& rules) {
  if (row.paused) return 0;
  if (!row.locked) return row.due;
  if (row.lock_expires_at == 0 || row.lock_expires_at > at) return 0;
  return next_decay_step(row.value, row.last_activity_at, row.lock_expires_at, rules);
}

std::int64_t value_at(const Stored& row, GameTime at, const ReputationRules& rules) {
  return decayed(row.value, due_at(row, at, rules), at, rules);
}

GameTime next_change_after(const Stored& row, GameTime after, const ReputationRules& rules) {
  constexpr GameTime kNever = INT64_MAX;
  if (row.paused) return kNever;
  if (row.locked && row.lock_expires_at > after) return row.lock_expires_at;
  const GameTime due = due_at(row, after, rules);
  if (due == 0) return kNever;
  const std::int64_t now = decayed(row.value, due, after, rules);
  if (now <= rules.decay_floor && now >= -rules.decay_floor) return kNever;
  if (due > after) return due;
  return due + ((after - due) / rules.decay_interval + 1) * rules.decay_interval;
}

}  // namespace reputation

namespace {

struct Faction {
  std::string id;
  std::string code;
  std::string name;
};

// A reputations row as stored (or the neutral default when there is none).
struct Row {
  bool exists = false;
  std::string id;
  std::int64_t value = 0;
  std::string level = "NEUTRAL";
  std::string title = "Neutral";
  bool paused = false;
  bool locked = false;
  std::string lock_reason;
  GameTime lock_expires_at = 0;
  GameTime last_activity_at = 0;
  GameTime due = 0;
  // A history entry (compact JSON) store_row appends; empty for none.
  std::string appended;
};

std::optional<Faction> find_faction(Reader& reader, const std::string& code) {
  Query query(reader, "SELECT id, code, name FROM factions WHERE code = ?", code);
  if (!query.step()) return std::nullopt;
  Faction faction{query.text(0), query.text(1), query.text(2)};
  return faction;
}

Row load_row(Reader& reader, const PlayerId& player, const std::string& faction_id) {
  Query query(reader,
              "SELECT id, current_value, current_level, title, decay_paused, is_locked, "
              "ifnull(lock_reason, ''), ifnull(lock_expires_at, 0), last_activity_at, "
              "ifnull(decay_due_at, 0) FROM reputations WHERE player_id = ? AND faction_id = ?",
              player, faction_id);
  Row row;
  if (query.step()) {
    row.exists = true;
    row.id = query.text(0);
    row.value = query.integer(1);
    row.level = query.text(2);
    row.title = query.text(3);
    row.paused = query.integer(4) != 0;
    row.locked = query.integer(5) != 0;
    row.lock_reason = query.text(6);
    row.lock_expires_at = query.integer(7);
    row.last_activity_at = query.integer(8);
    row.due = query.integer(9);
  }
  return row;
}

double trade_modifier(const ReputationRules& rules, std::int64_t value) {
  const double raw = static_cast<double>(value) / static_cast<double>(rules.max_value) *
                     rules.trade_modifier_at_max;
  return std::round(raw * 100.0) / 100.0;
}

std::int64_t port_access(const ReputationRules& rules, std::int64_t value) {
  for (const Threshold& step : rules.port_access) {
    if (value >= step.at_least) return static_cast<std::int64_t>(step.value);
  }
  return 0;
}

CombatResponse combat_response(const ReputationRules& rules, std::int64_t value) {
  if (value >= rules.friendly_at) return CombatResponse::Friendly;
  if (value >= rules.neutral_at) return CombatResponse::Neutral;
  return CombatResponse::Hostile;
}

double price_multiplier(const ReputationRules& rules, std::int64_t value) {
  for (const Threshold& step : rules.price_multipliers) {
    if (value >= step.at_least) return step.value;
  }
  return rules.price_multiplier_floor;
}

// Writes the row (inserting it when new) with the derived fields of its value.
void store_row(Command& command, const PlayerId& player, const Faction& faction, Row& row) {
  const ReputationRules& rules = command.rules().reputation;
  if (!row.exists) {
    row.id = command.new_uuid();
    row.exists = true;
    Query insert(
        command,
        "INSERT INTO reputations (id, player_id, faction_id, last_activity_at, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?4)",
        row.id, player, faction.id, command.now());
    insert.exec();
    if (row.last_activity_at == 0) row.last_activity_at = command.now();
  }
  Query update(
      command,
      "UPDATE reputations SET current_value = :row_value, current_level = :level, title = "
      ":title, decay_paused = :paused, history = CASE WHEN :appended = '' THEN history "
      "ELSE json_insert(CASE WHEN json_array_length(history) >= :history_limit THEN "
      "json_remove(history, '$[0]') ELSE history END, '$[#]', json(:appended)) END, "
      "trade_modifier = :trade_modifier, port_access_level = :port_access, combat_response "
      "= :combat_response, is_locked = :locked, lock_reason = NULLIF(:lock_reason, ''), "
      "lock_expires_at = NULLIF(:lock_expires_at, 0), last_activity_at = "
      ":last_activity_at, decay_due_at = NULLIF(:due, 0) WHERE id = :row_id",
      named(":row_value", row.value), named(":level", row.level), named(":title", row.title),
      named(":paused", row.paused ? 1 : 0), named(":appended", row.appended),
      named(":trade_modifier", trade_modifier(rules, row.value)),
      named(":port_access", port_access(rules, row.value)),
      named(":combat_response", to_string(combat_response(rules, row.value))),
      named(":locked", row.locked ? 1 : 0), named(":lock_reason", row.lock_reason),
      named(":lock_expires_at", row.lock_expires_at),
      named(":last_activity_at", row.last_activity_at), named(":due", row.due),
      named(":row_id", row.id), named(":history_limit", rules.history_limit));
  update.exec();
  row.appended.clear();
  if (row.due != 0) command.schedule(row.due);
  if (row.lock_expires_at != 0) command.schedule(row.lock_expires_at);
}

// The decay schedule a row should have at time `at`: none while paused or locked.
GameTime schedule_for(const Row& row, GameTime at, const ReputationRules& rules) {
  if (row.paused || row.locked) return 0;
  return reputation::next_decay_step(row.value, row.last_activity_at, at, rules);
}

// A history entry as compact JSON (the shape of ReputationHistoryEntry).
std::string history_entry(GameTime at, std::int64_t old_value, std::int64_t new_value,
                          const std::string& reason) {
  return Payload()
      .add("at", at)
      .add("old_value", old_value)
      .add("new_value", new_value)
      .add("change", new_value - old_value)
      .add("reason", reason)
      .str();
}

// The standing a row shows at time `at` (decay due by then applied, expired locks lifted), with
// its history when `with_history`.
Standing view(Reader& reader, const Faction& faction, const Row& row, GameTime at,
              bool with_history) {
  const ReputationRules& rules = reader.rules().reputation;
  Standing standing;
  standing.faction = faction.code;
  standing.faction_name = faction.name;
  const reputation::Stored stored{
      row.value, row.due, row.paused, row.locked, row.lock_expires_at, row.last_activity_at};
  const GameTime due = reputation::due_at(stored, at, rules);
  standing.value = reputation::decayed(row.value, due, at, rules);
  const reputation::Tier tier = reputation::faction_tier(reader, standing.value);
  standing.level = tier.level;
  standing.numeric_level = tier.numeric;
  standing.title = tier.title;
  standing.trade_modifier = trade_modifier(rules, standing.value);
  standing.port_access_level = port_access(rules, standing.value);
  standing.combat_response = combat_response(rules, standing.value);
  standing.price_multiplier = row.exists ? price_multiplier(rules, standing.value) : 1.0;
  standing.locked = row.locked && (row.lock_expires_at == 0 || row.lock_expires_at > at);
  standing.lock_reason = standing.locked ? row.lock_reason : "";
  standing.lock_expires_at = standing.locked ? row.lock_expires_at : 0;
  standing.decay_paused = row.paused;
  standing.last_activity_at = row.exists ? row.last_activity_at : 0;
  standing.next_decay_at =
      due == 0
          ? 0
          : (at < due ? due : due + ((at - due) / rules.decay_interval + 1) * rules.decay_interval);
  if (standing.next_decay_at != 0 &&
      reputation::decayed(row.value, due, standing.next_decay_at, rules) == standing.value) {
    standing.next_decay_at = 0;  // the floor is reached: nothing more to decay
  }
  if (with_history && row.exists) {
    Query history(reader, "SELECT history FROM reputations WHERE id = ?", row.id);
    history.step();
    standing.history =
        storage::from_json<ReputationHistory>(history.text(0), kReputationHistoryColumn);
  }
  return standing;
}

// The faction and the player of a command, or the refusal.
Result<Faction> resolve(Command& command, const PlayerId& player, const std::string& code) {
  if (Outcome active = players::check_active(command, player); !active) return active;
  auto faction = find_faction(command, code);
  if (!faction) {
    return Outcome::refused(Refusal::NotFound, fmt::format("There is no faction '{}'.", code));
  }
  return *faction;
}

void emit_tier_change(Command& command, GameTime at, const PlayerId& player,
                      const std::string& faction, const reputation::Tier& before,
                      const reputation::Tier& after, std::int64_t value, bool queued) {
  if (before.level == after.level) return;
  const std::string payload = Payload()
                                  .add("faction", faction)
                                  .add("old_level", before.level)
                                  .add("new_level", after.level)
                                  .add("old_title", before.title)
                                  .add("new_title", after.title)
                                  .add("value", value)
                                  .str();
  if (queued) {
    command.emit_at(at, ReputationEvents::kTierChanged, "", player, payload);
  } else {
    command.emit(ReputationEvents::kTierChanged, "", player, payload);
  }
}

}  // namespace

namespace reputation {

std::int64_t value_now(Command& command, const PlayerId& player, const std::string& faction_id) {
  const Row row = load_row(command, player, faction_id);
  const Stored stored{row.value,           row.due, row.paused, row.locked, row.lock_expires_at,
                      row.last_activity_at};
  return value_at(stored, command.now(), command.rules().reputation);
}

}  // namespace reputation

Result<Standing> Reputation::change(const PlayerId& player, const std::string& faction_code,
                                    std::int64_t delta, const std::string& reason) {
  return core_.run([&](Command& command) -> Result<Standing> {
    if (delta == 0) return Outcome::refused(Refusal::InvalidArgument, "A change must not be 0.");
    if (Outcome valid = text::check("A change's reason", reason, 1, 255); !valid) return valid;
    const auto faction = resolve(command, player, faction_code);
    if (!faction) return faction.outcome();
    const ReputationRules& rules = command.rules().reputation;
    Row row = load_row(command, player, faction->id);
    if (row.locked) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("The standing with {} is locked: {}.", faction->name,
                      row.lock_reason.empty() ? "no reason given" : row.lock_reason));
    }
    std::int64_t applied = delta;
    if (applied > 0) {
      // A gain is capped so that the player's positive standings with rivals stay within their
      // combined maximum.
      Query rivals(command,
                   "SELECT ifnull(r.current_value, 0), v.max_combined FROM faction_rivalries v "
                   "LEFT JOIN reputations r ON r.player_id = ?2 AND r.faction_id = CASE WHEN "
                   "v.faction_a_id = ?1 THEN v.faction_b_id ELSE v.faction_a_id END "
                   "WHERE v.faction_a_id = ?1 OR v.faction_b_id = ?1",
                   faction->id, player);
      while (rivals.step()) {
        const std::int64_t rival = rivals.integer(0);
        const std::int64_t most = rivals.integer(1);
        if (rival > 0 && saturating_add(saturating_add(row.value, applied), rival) > most) {
          applied = std::max<std::int64_t>(0, most - rival - row.value);
        }
      }
    }
    const std::int64_t old_value = row.value;
    const reputation::Tier old_tier = reputation::faction_tier(command, old_value);
    row.value = std::clamp(saturating_add(old_value, applied), rules.min_value, rules.max_value);
    const reputation::Tier new_tier = reputation::faction_tier(command, row.value);
    row.level = new_tier.level;
    row.title = new_tier.title;
    row.appended = history_entry(command.now(), old_value, row.value, reason);
    row.last_activity_at = command.now();
    row.due = schedule_for(row, command.now(), rules);
    store_row(command, player, *faction, row);
    command.emit(ReputationEvents::kChanged, "", player,
                 Payload()
                     .add("faction", faction->code)
                     .add("old", old_value)
                     .add("new", row.value)
                     .add("change", row.value - old_value)
                     .add("reason", reason)
                     .str());
    emit_tier_change(command, command.now(), player, faction->code, old_tier, new_tier, row.value,
                     false);
    return view(command, *faction, row, command.now(), false);
  });
}

std::optional<Standing> Reputation::standing(const PlayerId& player,
                                             const std::string& faction_code) const {
  return core_.read([&](Reader& reader) -> std::optional<Standing> {
    auto faction = find_faction(reader, faction_code);
    if (!faction) return std::nullopt;
    if (players::check_active(reader, player).refusal() == Refusal::NotFound) return std::nullopt;
    return view(reader, *faction, load_row(reader, player, faction->id), reader.now(), true);
  });
}

std::vector<Standing> Reputation::standings(const PlayerId& player) const {
  return core_.read([&](Reader& reader) {
    std::vector<Standing> all;
    if (players::check_active(reader, player).refusal() == Refusal::NotFound) return all;
    Query factions(reader, "SELECT id, code, name FROM factions ORDER BY code");
    while (factions.step()) {
      const Faction faction{factions.text(0), factions.text(1), factions.text(2)};
      all.push_back(
          view(reader, faction, load_row(reader, player, faction.id), reader.now(), true));
    }
    return all;
  });
}

Outcome Reputation::lock(const PlayerId& player, const std::string& faction_code,
                         const std::string& reason, std::optional<GameTime> until) {
  return core_.run([&](Command& command) -> Outcome {
    if (until && *until <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument, "A lock must expire in the future.");
    }
    if (Outcome valid = text::check_optional("A lock reason", reason, 255); !valid) return valid;
    const auto faction = resolve(command, player, faction_code);
    if (!faction) return faction.outcome();
    Row row = load_row(command, player, faction->id);
    row.locked = true;
    row.lock_reason = reason;
    row.lock_expires_at = until.value_or(0);
    row.due = 0;
    store_row(command, player, *faction, row);
    command.emit(ReputationEvents::kLocked, "", player,
                 Payload()
                     .add("faction", faction->code)
                     .add("reason", reason)
                     .add("until", until.value_or(0))
                     .str());
    return {};
  });
}

Outcome Reputation::unlock(const PlayerId& player, const std::string& faction_code) {
  return core_.run([&](Command& command) -> Outcome {
    const auto faction = resolve(command, player, faction_code);
    if (!faction) return faction.outcome();
    Row row = load_row(command, player, faction->id);
    if (!row.locked) return Outcome::refused(Refusal::AlreadyDone, "The standing is not locked.");
    row.locked = false;
    row.lock_reason.clear();
    row.lock_expires_at = 0;
    row.due = schedule_for(row, command.now(), command.rules().reputation);
    store_row(command, player, *faction, row);
    command.emit(ReputationEvents::kUnlocked, "", player,
                 Payload().add("faction", faction->code).str());
    return {};
  });
}

Outcome Reputation::pause_decay(const PlayerId& player, const std::string& faction_code) {
  return core_.run([&](Command& command) -> Outcome {
    const auto faction = resolve(command, player, faction_code);
    if (!faction) return faction.outcome();
    Row row = load_row(command, player, faction->id);
    if (row.paused) return Outcome::refused(Refusal::AlreadyDone, "Decay is already paused.");
    row.paused = true;
    row.due = 0;
    store_row(command, player, *faction, row);
    return {};
  });
}

Outcome Reputation::resume_decay(const PlayerId& player, const std::string& faction_code) {
  return core_.run([&](Command& command) -> Outcome {
    const auto faction = resolve(command, player, faction_code);
    if (!faction) return faction.outcome();
    Row row = load_row(command, player, faction->id);
    if (!row.paused) return Outcome::refused(Refusal::AlreadyDone, "Decay is not paused.");
    row.paused = false;
    row.due = schedule_for(row, command.now(), command.rules().reputation);
    store_row(command, player, *faction, row);
    return {};
  });
}

void tick_reputation_locks(Command& command, GameTime to) {
  const ReputationRules& rules = command.rules().reputation;
  constexpr int kBatch = 512;

  // Locks that expired: lifted as of their expiry, decay rescheduled from then.
  for (;;) {
    Query due(
        command,
        "SELECT r.player_id, r.faction_id, f.code, f.name, r.lock_expires_at FROM reputations r "
        "JOIN factions f ON f.id = r.faction_id WHERE r.lock_expires_at <= ?1 "
        "ORDER BY r.lock_expires_at LIMIT ?2",
        to, kBatch);
    std::vector<std::pair<std::string, Faction>> rows;
    std::vector<GameTime> expiries;
    while (due.step()) {
      rows.push_back({due.text(0), {due.text(1), due.text(2), due.text(3)}});
      expiries.push_back(due.integer(4));
    }
    due.reset();
    if (rows.empty()) break;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& [player, faction] = rows[i];
      Row row = load_row(command, player, faction.id);
      row.locked = false;
      row.lock_reason.clear();
      row.lock_expires_at = 0;
      row.due = schedule_for(row, expiries[i], rules);
      store_row(command, player, faction, row);
      command.emit_at(expiries[i], ReputationEvents::kUnlocked, "", player,
                      Payload().add("faction", faction.code).str());
    }
  }
}

void tick_reputation_decay(Command& command, GameTime to) {
  const ReputationRules& rules = command.rules().reputation;
  constexpr int kBatch = 512;

  // Every step due by `to`, each as of its own time.
  std::vector<std::pair<std::int64_t, reputation::Tier>> tiers;  // by min_value, descending
  Query bands(
      command,
      "SELECT min_value, level, title, numeric_level FROM reputation_tiers ORDER BY min_value "
      "DESC");
  while (bands.step()) {
    tiers.push_back({bands.integer(0), {bands.text(1), bands.text(2), bands.integer(3)}});
  }
  bands.reset();
  const auto tier_of = [&](std::int64_t value) -> const reputation::Tier& {
    for (const auto& [min_value, tier] : tiers) {
      if (value >= min_value) return tier;
    }
    throw Error(ErrorKind::CorruptData, fmt::format("No reputation tier holds {}.", value));
  };

  struct Due {
    std::string id;
    std::string player;
    std::string faction;
    std::int64_t value;
    GameTime last_activity;
    GameTime due;
  };

  for (;;) {
    Query due(
        command,
        "SELECT r.id, r.player_id, f.code, r.current_value, r.last_activity_at, r.decay_due_at "
        "FROM reputations r JOIN factions f ON f.id = r.faction_id WHERE r.decay_due_at <= ?1 "
        "ORDER BY r.decay_due_at LIMIT ?2",
        to, kBatch);
    std::vector<Due> rows;
    while (due.step()) {
      rows.push_back(
          {due.text(0), due.text(1), due.text(2), due.integer(3), due.integer(4), due.integer(5)});
    }
    due.reset();
    if (rows.empty()) break;
    for (Due& row : rows) {
      std::vector<std::string> entries;
      const reputation::Tier* tier = &tier_of(row.value);
      while (row.due != 0 && row.due <= to) {
        const GameTime at = row.due;
        const std::int64_t old_value = row.value;
        row.value = reputation::decayed(old_value, at, at, rules);
        const reputation::Tier& new_tier = tier_of(row.value);
        const std::int64_t idle_days = (at - row.last_activity) / kDay;
        entries.push_back(history_entry(at, old_value, row.value,
                                        fmt::format("Inactivity decay ({} days idle)", idle_days)));
        command.emit_at(at, ReputationEvents::kDecayed, "", row.player,
                        Payload()
                            .add("faction", row.faction)
                            .add("old", old_value)
                            .add("new", row.value)
                            .add("days_idle", idle_days)
                            .str());
        emit_tier_change(command, at, row.player, row.faction, *tier, new_tier, row.value, true);
        tier = &new_tier;
        row.due = row.value > rules.decay_floor || row.value < -rules.decay_floor
                      ? at + rules.decay_interval
                      : 0;
      }
      // Every entry is appended by the same SQL as a single one, so the history's bytes do not
      // depend on how many steps one tick applied: all but the last here, the last below.
      const std::string appended = entries.back();
      for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
        Query append(
            command,
            "UPDATE reputations SET history = json_insert(CASE WHEN json_array_length(history) "
            ">= ?1 THEN json_remove(history, '$[0]') ELSE history END, '$[#]', json(?2)) "
            "WHERE id = ?3",
            rules.history_limit, entries[i], row.id);
        append.exec();
      }
      // Numbered, not named: this runs once per decay step of a tick (120k times in a large one),
      // where looking names up costs a few percent.
      Query update(
          command,
          "UPDATE reputations SET current_value = ?1, current_level = ?2, title = ?3, "
          "trade_modifier = ?4, port_access_level = ?5, combat_response = ?6, "
          "decay_due_at = NULLIF(?7, 0), history = CASE WHEN ?9 = '' THEN history ELSE "
          "json_insert(CASE WHEN json_array_length(history) >= ?8 THEN json_remove(history, "
          "'$[0]') ELSE history END, '$[#]', json(?9)) END WHERE id = ?10",
          row.value, tier->level, tier->title, trade_modifier(rules, row.value),
          port_access(rules, row.value), to_string(combat_response(rules, row.value)), row.due,
          rules.history_limit, appended, row.id);
      update.exec();
      if (row.due != 0) command.schedule(row.due);
    }
  }
}

}  // namespace hearth

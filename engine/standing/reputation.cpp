#include "hearth/standing/reputation.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
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
              "SELECT level, title, numeric_level, min_value, max_value FROM reputation_tiers "
              "WHERE ?1 BETWEEN min_value AND max_value",
              value);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("No reputation tier holds the value {}.", value));
  }
  Tier tier{query.text(0), query.text(1), query.integer(2), query.integer(3), query.integer(4)};
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

GameTime next_visible_step(std::int64_t value, GameTime due, const Tier& tier,
                           const ReputationRules& rules) {
  const std::int64_t per_step = rules.decay_per_week;
  if (due == 0 || per_step <= 0) return 0;
  std::int64_t to_floor = 0;
  std::int64_t out_of_tier = 0;
  if (value > rules.decay_floor) {
    to_floor = (value - rules.decay_floor + per_step - 1) / per_step;
    out_of_tier = (value - tier.min_value) / per_step + 1;
  } else if (value < -rules.decay_floor) {
    to_floor = (-rules.decay_floor - value + per_step - 1) / per_step;
    out_of_tier = (tier.max_value - value) / per_step + 1;
  } else {
    return 0;
  }
  const std::int64_t steps = std::min(to_floor, out_of_tier);
  return saturating_add(due, saturating_mul(steps - 1, rules.decay_interval));
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
  bool paused = false;
  bool locked = false;
  std::string lock_reason;
  GameTime lock_expires_at = 0;
  GameTime last_activity_at = 0;
  GameTime due = 0;  // the first decay step not yet in `value`
};

std::optional<Faction> find_faction(Reader& reader, const std::string& code) {
  Query query(reader, "SELECT id, code, name FROM factions WHERE code = ?", code);
  if (!query.step()) return std::nullopt;
  Faction faction{query.text(0), query.text(1), query.text(2)};
  return faction;
}

// The row as stored, with the decay steps due by `at` applied in memory: the tick journals only
// steps that cross a tier or reach the floor, so the stored value may lag the ones between.
Row load_row(Reader& reader, const PlayerId& player, const std::string& faction_id, GameTime at) {
  Query query(reader,
              "SELECT id, current_value, decay_paused, is_locked, ifnull(lock_reason, ''), "
              "ifnull(lock_expires_at, 0), last_activity_at, ifnull(decay_due_at, 0) "
              "FROM reputations WHERE player_id = ? AND faction_id = ?",
              player, faction_id);
  Row row;
  if (query.step()) {
    row.exists = true;
    row.id = query.text(0);
    row.value = query.integer(1);
    row.paused = query.integer(2) != 0;
    row.locked = query.integer(3) != 0;
    row.lock_reason = query.text(4);
    row.lock_expires_at = query.integer(5);
    row.last_activity_at = query.integer(6);
    row.due = query.integer(7);
  }
  const ReputationRules& rules = reader.rules().reputation;
  if (row.due != 0 && row.due <= at) {
    row.value = reputation::decayed(row.value, row.due, at, rules);
    const bool more = row.value > rules.decay_floor || row.value < -rules.decay_floor;
    row.due =
        more ? row.due + ((at - row.due) / rules.decay_interval + 1) * rules.decay_interval : 0;
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

// Appends an entry to a standing's history, keeping the newest history_limit.
void append_history(Command& command, const std::string& row_id, GameTime at,
                    std::int64_t old_value, std::int64_t new_value, const std::string& reason) {
  Query last(command, "SELECT ifnull(max(seq), 0) FROM reputation_history WHERE reputation_id = ?",
             row_id);
  last.step();
  const std::int64_t seq = last.integer(0) + 1;
  last.reset();
  Query insert(command,
               "INSERT INTO reputation_history (reputation_id, seq, at, old_value, new_value, "
               "change, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?5 - ?4, ?6)",
               row_id, seq, at, old_value, new_value, reason);
  insert.exec();
  const std::int64_t limit = command.rules().reputation.history_limit;
  if (seq > limit) {
    Query trim(command, "DELETE FROM reputation_history WHERE reputation_id = ? AND seq <= ?",
               row_id, seq - limit);
    trim.exec();
  }
}

// Writes the row (inserting it when new), and when the tick must next look at it.
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
  const GameTime event = reputation::next_visible_step(
      row.value, row.due, reputation::faction_tier(command, row.value), rules);
  Query update(command,
               "UPDATE reputations SET current_value = :row_value, decay_paused = :paused, "
               "is_locked = :locked, lock_reason = NULLIF(:lock_reason, ''), lock_expires_at = "
               "NULLIF(:lock_expires_at, 0), last_activity_at = :last_activity_at, decay_due_at "
               "= NULLIF(:due, 0), decay_event_at = NULLIF(:event, 0) WHERE id = :row_id",
               named(":row_value", row.value), named(":paused", row.paused ? 1 : 0),
               named(":locked", row.locked ? 1 : 0), named(":lock_reason", row.lock_reason),
               named(":lock_expires_at", row.lock_expires_at),
               named(":last_activity_at", row.last_activity_at), named(":due", row.due),
               named(":event", event), named(":row_id", row.id));
  update.exec();
  if (event != 0) command.schedule(event);
  if (row.lock_expires_at != 0) command.schedule(row.lock_expires_at);
}

// The decay schedule a row should have at time `at`: none while paused or locked.
GameTime schedule_for(const Row& row, GameTime at, const ReputationRules& rules) {
  if (row.paused || row.locked) return 0;
  return reputation::next_decay_step(row.value, row.last_activity_at, at, rules);
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
    Query history(reader,
                  "SELECT at, old_value, new_value, change, reason FROM reputation_history "
                  "WHERE reputation_id = ? ORDER BY seq",
                  row.id);
    while (history.step()) {
      standing.history.push_back({history.integer(0), history.integer(1), history.integer(2),
                                  history.integer(3), history.text(4)});
    }
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
  const Row row = load_row(command, player, faction_id, command.now());
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
    Row row = load_row(command, player, faction->id, command.now());
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
      Query rivals(
          command,
          "SELECT v.max_combined, ifnull(r.current_value, 0), ifnull(r.decay_due_at, 0), "
          "ifnull(r.decay_paused, 0), ifnull(r.is_locked, 0), ifnull(r.lock_expires_at, 0), "
          "ifnull(r.last_activity_at, 0) FROM faction_rivalries v LEFT JOIN reputations r "
          "ON r.player_id = ?2 AND r.faction_id = CASE WHEN v.faction_a_id = ?1 THEN "
          "v.faction_b_id ELSE v.faction_a_id END WHERE v.faction_a_id = ?1 OR v.faction_b_id = ?1",
          faction->id, player);
      while (rivals.step()) {
        const std::int64_t most = rivals.integer(0);
        const reputation::Stored stored{rivals.integer(1),      rivals.integer(2),
                                        rivals.integer(3) != 0, rivals.integer(4) != 0,
                                        rivals.integer(5),      rivals.integer(6)};
        const std::int64_t rival = reputation::value_at(stored, command.now(), rules);
        if (rival > 0 && saturating_add(saturating_add(row.value, applied), rival) > most) {
          applied = std::max<std::int64_t>(0, most - rival - row.value);
        }
      }
    }
    const std::int64_t old_value = row.value;
    const reputation::Tier old_tier = reputation::faction_tier(command, old_value);
    row.value = std::clamp(saturating_add(old_value, applied), rules.min_value, rules.max_value);
    const reputation::Tier new_tier = reputation::faction_tier(command, row.value);
    row.last_activity_at = command.now();
    row.due = schedule_for(row, command.now(), rules);
    store_row(command, player, *faction, row);
    append_history(command, row.id, command.now(), old_value, row.value, reason);
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
    return view(reader, *faction, load_row(reader, player, faction->id, reader.now()), reader.now(),
                true);
  });
}

std::vector<Standing> Reputation::standings(const PlayerId& player) const {
  return core_.read([&](Reader& reader) {
    std::vector<Standing> all;
    if (players::check_active(reader, player).refusal() == Refusal::NotFound) return all;
    Query factions(reader, "SELECT id, code, name FROM factions ORDER BY code");
    while (factions.step()) {
      const Faction faction{factions.text(0), factions.text(1), factions.text(2)};
      all.push_back(view(reader, faction, load_row(reader, player, faction.id, reader.now()),
                         reader.now(), true));
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
    Row row = load_row(command, player, faction->id, command.now());
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
    Row row = load_row(command, player, faction->id, command.now());
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
    Row row = load_row(command, player, faction->id, command.now());
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
    Row row = load_row(command, player, faction->id, command.now());
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
    if (command.work_spent()) return;
    Query due(
        command,
        "SELECT r.player_id, r.faction_id, f.code, f.name, r.lock_expires_at FROM reputations r "
        "JOIN factions f ON f.id = r.faction_id WHERE r.lock_expires_at <= ?1 "
        "ORDER BY r.lock_expires_at LIMIT ?2",
        to, command.batch_of(kBatch));
    std::vector<std::pair<std::string, Faction>> rows;
    std::vector<GameTime> expiries;
    while (due.step()) {
      rows.push_back({due.text(0), {due.text(1), due.text(2), due.text(3)}});
      expiries.push_back(due.integer(4));
    }
    due.reset();
    if (rows.empty()) break;
    command.spend(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& [player, faction] = rows[i];
      Row row = load_row(command, player, faction.id, expiries[i]);
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

  std::vector<reputation::Tier> tiers;  // by min_value, descending
  Query bands(command,
              "SELECT level, title, numeric_level, min_value, max_value FROM reputation_tiers "
              "ORDER BY min_value DESC");
  while (bands.step()) {
    tiers.push_back(
        {bands.text(0), bands.text(1), bands.integer(2), bands.integer(3), bands.integer(4)});
  }
  bands.reset();
  const auto tier_of = [&](std::int64_t value) -> const reputation::Tier& {
    for (const reputation::Tier& tier : tiers) {
      if (value >= tier.min_value) return tier;
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
    GameTime event;
  };

  // Each row visited is one whose next visible step (a tier crossed, the floor reached) is due:
  // the steps up to it are applied at once, as of its time, and the next one is scheduled.
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT r.id, r.player_id, f.code, r.current_value, r.last_activity_at, "
              "ifnull(r.decay_due_at, 0), r.decay_event_at FROM reputations r "
              "JOIN factions f ON f.id = r.faction_id WHERE r.decay_event_at <= ?1 "
              "ORDER BY r.decay_event_at LIMIT ?2",
              to, command.batch_of(kBatch));
    std::vector<Due> rows;
    while (due.step()) {
      rows.push_back({due.text(0), due.text(1), due.text(2), due.integer(3), due.integer(4),
                      due.integer(5), due.integer(6)});
    }
    due.reset();
    if (rows.empty()) break;
    // A slice's allowance counts each row visited and each step it journals: one row may carry a
    // year of steps.
    for (Due& row : rows) {
      if (command.work_spent()) return;
      std::size_t journaled = 0;
      while (row.event != 0 && row.event <= to) {
        const GameTime at = row.event;
        const reputation::Tier& old_tier = tier_of(row.value);
        const std::int64_t value = reputation::decayed(row.value, row.due, at, rules);
        const reputation::Tier& new_tier = tier_of(value);
        const bool floor = value <= rules.decay_floor && value >= -rules.decay_floor;
        if (value != row.value && (&new_tier != &old_tier || floor)) {
          const std::int64_t idle_days = (at - row.last_activity) / kDay;
          command.emit_at(at, ReputationEvents::kDecayed, "", row.player,
                          Payload()
                              .add("faction", row.faction)
                              .add("old", row.value)
                              .add("new", value)
                              .add("days_idle", idle_days)
                              .str());
          emit_tier_change(command, at, row.player, row.faction, old_tier, new_tier, value, true);
          append_history(command, row.id, at, row.value, value,
                         fmt::format("Inactivity decay ({} days idle)", idle_days));
          row.value = value;
          row.due = floor ? 0 : at + rules.decay_interval;
          ++journaled;
        } else if (value == row.value && row.due != 0 && row.due <= at) {
          row.due = 0;  // nothing left to decay (the rules' floor moved)
        }
        // A row scheduled by older rules (or a save from before) may be visited on a step that
        // shows nothing: it is only rescheduled.
        row.event = reputation::next_visible_step(row.value, row.due, tier_of(row.value), rules);
      }
      // Numbered, not named: this runs once per row visited.
      Query update(command,
                   "UPDATE reputations SET current_value = ?1, decay_due_at = NULLIF(?2, 0), "
                   "decay_event_at = NULLIF(?3, 0) WHERE id = ?4",
                   row.value, row.due, row.event, row.id);
      update.exec();
      if (row.event != 0) command.schedule(row.event);
      command.spend(1 + journaled);
    }
  }
}

void reschedule_reputation_decay(Command& command) {
  Query reschedule(command, "UPDATE reputations SET decay_event_at = decay_due_at");
  reschedule.exec();
}

}  // namespace hearth

#include "hearth/progression/turns.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/turns_internal.h"

#include "hearth/game.h"

namespace hearth {

Turns Game::turns() { return Turns(*core_); }

// The most turns a pool can hold (grants past it are refused): far above any cap, far below
// where the regeneration arithmetic could overflow.
constexpr std::int64_t kMaxTurns = 1'000'000'000'000;

namespace turns {

namespace {

// The time the pool reaches its cap, or 0 when it is at or above it.
GameTime full_at(const State& state, const TurnRules& rules) {
  if (state.turns >= state.cap) return 0;
  if (rules.daily_refill) return (state.anchor_at / kDay + 1) * kDay;  // the next UTC midnight
  const std::int64_t per_day = rate(rules, state.multiplier);
  const std::int64_t needed = (state.cap - state.turns) * kDay - state.progress;
  return state.anchor_at + (needed + per_day - 1) / per_day;
}

// When `wanted` turns will be available, or 0 when never by regeneration alone.
GameTime time_for(const State& state, const TurnRules& rules, std::int64_t wanted) {
  if (wanted > state.cap) return 0;
  if (rules.daily_refill) return state.full_at;
  const std::int64_t per_day = rate(rules, state.multiplier);
  const std::int64_t needed = (wanted - state.turns) * kDay - state.progress;
  return state.anchor_at + (needed + per_day - 1) / per_day;
}

}  // namespace

std::int64_t rate(const TurnRules& rules, double multiplier) {
  const double clamped = std::clamp(multiplier, 1.0, std::max(1.0, rules.max_multiplier));
  return std::max<std::int64_t>(1, std::llround(static_cast<double>(rules.per_day) * clamped));
}

std::int64_t available(const State& state, const TurnRules& rules, GameTime at) {
  if (state.turns >= state.cap) return state.turns;
  if (state.full_at != 0 && at >= state.full_at) return state.cap;
  if (rules.daily_refill || at <= state.anchor_at) return state.turns;
  const std::int64_t gained =
      (state.progress + (at - state.anchor_at) * rate(rules, state.multiplier)) / kDay;
  return std::min(state.cap, state.turns + gained);
}

void materialize(State& state, const TurnRules& rules, GameTime at) {
  if (at < state.anchor_at) return;  // a clock set back: nothing regenerates
  if (state.turns >= state.cap || (state.full_at != 0 && at >= state.full_at)) {
    state.turns = std::max(state.turns, state.cap);
    state.progress = 0;
  } else if (!rules.daily_refill) {
    const std::int64_t total =
        state.progress + (at - state.anchor_at) * rate(rules, state.multiplier);
    state.turns += total / kDay;
    state.progress = total % kDay;
  }
  state.anchor_at = at;
}

bool load(Reader& reader, const PlayerId& player, State& state) {
  Query query(reader,
              "SELECT turns, max_turns, ifnull(turns_anchor_at, created_at), turns_progress, "
              "ifnull(turns_full_at, 0), aria_bonus_multiplier, lifetime_turns_spent "
              "FROM players WHERE id = ?",
              player);
  if (!query.step()) return false;
  state.turns = query.integer(0);
  state.cap = query.integer(1);
  state.anchor_at = query.integer(2);
  state.progress = query.integer(3);
  state.full_at = query.integer(4);
  state.multiplier = query.real(5);
  state.lifetime_spent = query.integer(6);
  return true;
}

void store(Command& command, const PlayerId& player, State& state) {
  const TurnRules& rules = command.rules().turns;
  state.full_at = full_at(state, rules);
  Query update(command,
               "UPDATE players SET turns = :turns, max_turns = :cap, turns_anchor_at = :anchor_at, "
               "turns_progress = :progress, turns_full_at = NULLIF(:full_at, 0), "
               "aria_bonus_multiplier = :multiplier, lifetime_turns_spent = :lifetime_spent, "
               "updated_at = :now WHERE id = :player",
               named(":turns", state.turns), named(":cap", state.cap),
               named(":anchor_at", state.anchor_at), named(":progress", state.progress),
               named(":full_at", state.full_at), named(":multiplier", state.multiplier),
               named(":lifetime_spent", state.lifetime_spent), named(":now", command.now()),
               named(":player", player));
  update.exec();
  if (state.full_at != 0) command.schedule(state.full_at);
}

Outcome spend(Command& command, const PlayerId& player, std::int64_t cost) {
  const TurnRules& rules = command.rules().turns;
  State state;
  load(command, player, state);
  materialize(state, rules, command.now());
  if (state.turns < cost) {
    const GameTime ready = time_for(state, rules, cost);
    return Outcome::refused(
        Refusal::NotEnoughTurns,
        ready == 0 ? fmt::format("Not enough turns: {} needed, {} available.", cost, state.turns)
                   : fmt::format("Not enough turns: {} needed, {} available (enough in {}).", cost,
                                 state.turns, format_duration(Duration(ready - command.now()))));
  }
  state.turns -= cost;
  state.lifetime_spent += cost;
  store(command, player, state);
  return {};
}

void set_cap(Command& command, const PlayerId& player, std::int64_t cap) {
  State state;
  if (!load(command, player, state)) return;
  materialize(state, command.rules().turns, command.now());
  state.cap = cap;
  if (state.turns >= cap) state.progress = 0;
  store(command, player, state);
}

}  // namespace turns

Outcome Turns::spend(const PlayerId& player, std::int64_t cost) {
  return core_.run([&](Command& command) -> Outcome {
    if (cost <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A turn cost must be positive, not {}.", cost));
    }
    if (Outcome may = access::require(command, player, "play"); !may) return may;
    return turns::spend(command, player, cost);
  });
}

Outcome Turns::grant(const PlayerId& player, std::int64_t amount, const std::string& reason) {
  return core_.run([&](Command& command) -> Outcome {
    if (amount <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A grant must be positive, not {}.", amount));
    }
    if (Outcome valid = text::check("A grant's reason", reason, 0, 255); !valid) return valid;
    if (Outcome active = players::check_active(command, player); !active) return active;
    turns::State state;
    turns::load(command, player, state);
    turns::materialize(state, command.rules().turns, command.now());
    if (amount > kMaxTurns - state.turns) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("A pool holds at most {} turns; it has {}.", kMaxTurns, state.turns));
    }
    state.turns += amount;
    if (state.turns >= state.cap) state.progress = 0;
    turns::store(command, player, state);
    command.emit(TurnEvents::kGranted, "", player,
                 Payload().add("turns", amount).add("reason", reason).str());
    return {};
  });
}

std::optional<TurnBudget> Turns::budget(const PlayerId& player) const {
  return core_.read([&](Reader& reader) -> std::optional<TurnBudget> {
    turns::State state;
    if (!turns::load(reader, player, state)) return std::nullopt;
    const TurnRules& rules = reader.rules().turns;
    turns::materialize(state, rules, reader.now());
    TurnBudget budget;
    budget.available = state.turns;
    budget.cap = state.cap;
    budget.multiplier = state.multiplier;
    budget.lifetime_spent = state.lifetime_spent;
    if (state.turns < state.cap) {
      budget.next_turn_at = turns::time_for(state, rules, state.turns + 1);
      budget.full_at = turns::time_for(state, rules, state.cap);
    }
    return budget;
  });
}

Result<std::int64_t> Turns::welcome_back(const PlayerId& player) {
  return core_.run([&](Command& command) -> Result<std::int64_t> {
    if (Outcome active = players::check_active(command, player); !active) return active;
    const TurnRules& rules = command.rules().turns;
    Query last(command, "SELECT last_game_login_at FROM players WHERE id = ?", player);
    last.step();
    const bool returning = !last.is_null(0);
    const GameTime last_login = last.integer(0);
    last.reset();
    std::int64_t granted = 0;
    const std::int64_t days = returning ? (command.now() - last_login) / kDay : 0;
    if (returning && days > rules.return_after_days) {
      turns::State state;
      turns::load(command, player, state);
      turns::materialize(state, rules, command.now());
      const std::int64_t bonus =
          std::min(rules.return_bonus_cap, rules.return_bonus_per_day * days);
      const std::int64_t before = state.turns;
      state.turns = std::max(before, std::min(state.cap, before + bonus));
      granted = state.turns - before;
      if (state.turns >= state.cap) state.progress = 0;
      turns::store(command, player, state);
      if (granted > 0) {
        command.emit(TurnEvents::kReturnBonus, "", player,
                     Payload().add("days_away", days).add("turns", granted).str());
      }
    }
    players::record_login(command, player);
    return granted;
  });
}

Outcome Turns::set_companion_multiplier(const PlayerId& player, double multiplier) {
  return core_.run([&](Command& command) -> Outcome {
    const TurnRules& rules = command.rules().turns;
    if (!(multiplier >= 1.0 && multiplier <= rules.max_multiplier)) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("The companion multiplier runs from 1.0 to {}, not {}.",
                                          rules.max_multiplier, multiplier));
    }
    if (Outcome active = players::check_active(command, player); !active) return active;
    turns::State state;
    turns::load(command, player, state);
    turns::materialize(state, rules, command.now());
    state.multiplier = multiplier;
    turns::store(command, player, state);
    return {};
  });
}

void tick_turns(Command& command, GameTime to) {
  // Pools that reached their cap: full, with the fraction dropped (time at the cap is lost). In
  // batches, so that a slice of a catch-up can stop between them.
  constexpr int kBatch = 4096;
  for (;;) {
    if (command.work_spent()) return;
    Query fill(command,
               "UPDATE players SET turns = max(turns, max_turns), turns_progress = 0, "
               "turns_anchor_at = turns_full_at, turn_reset_at = CASE WHEN ?2 THEN turns_full_at "
               "ELSE turn_reset_at END, turns_full_at = NULL WHERE rowid IN (SELECT rowid FROM "
               "players WHERE turns_full_at <= ?1 ORDER BY turns_full_at LIMIT ?3)",
               to, command.rules().turns.daily_refill ? 1 : 0, command.batch_of(kBatch));
    fill.exec();
    const int filled = command.sql().getChanges();
    if (filled == 0) return;
    command.spend(static_cast<std::size_t>(filled));
  }
}

}  // namespace hearth

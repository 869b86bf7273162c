// The turn pool's closed form, shared by the concerns that read or move it. Internal.
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/command.h"

namespace hearth::turns {

// What players stores about a turn pool. Regeneration is exact: between anchor_at and a later
// time t the pool gains floor((progress + (t - anchor_at) × rate) / kDay) turns, where rate is
// turns per day; progress carries the fraction of a turn across anchors.
struct State {
  std::int64_t turns = 0;
  std::int64_t cap = 0;
  GameTime anchor_at = 0;
  std::int64_t progress = 0;
  GameTime full_at = 0;  // 0: at or above the cap
  double multiplier = 1.0;
  std::int64_t lifetime_spent = 0;
};

// Turns per day at this multiplier (clamped to [1, max_multiplier]).
std::int64_t rate(const TurnRules& rules, double multiplier);

// The turns available at time `at` (>= the state's anchor), without changing the state.
std::int64_t available(const State& state, const TurnRules& rules, GameTime at);

// Reads a player's pool; false when the player does not exist.
bool load(Reader& reader, const PlayerId& player, State& state);

// Brings the pool to time `at`: adds the regenerated turns and moves the anchor.
void materialize(State& state, const TurnRules& rules, GameTime at);

// Writes the pool back (with its recomputed full_at, scheduled with the tick).
void store(Command& command, const PlayerId& player, State& state);

// Spends `cost` (> 0) turns of an active player's pool, regenerated to the command's time first;
// refused (NotEnoughTurns, saying when enough will be there) when the pool is short.
Outcome spend(Command& command, const PlayerId& player, std::int64_t cost);

// Changes a player's cap (a promotion), regenerating up to `at` first.
void set_cap(Command& command, const PlayerId& player, std::int64_t cap);

}  // namespace hearth::turns

namespace hearth {

// Turn pools that regenerate (or refill) to their cap.
void tick_turns(Command& command, GameTime to);

}  // namespace hearth

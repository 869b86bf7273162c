// The numbers of turns (Rules::turns).
#pragma once

#include <cstdint>

#include "hearth/core/clock.h"

namespace hearth {

// Turns: the action budget.
struct TurnRules {
  // Turns regained per day of game time; regeneration is continuous (fractions carry over).
  std::int64_t per_day = 1000;
  // The cap before the rank bonus: a player regenerates up to base_cap + rank bonus.
  std::int64_t base_cap = 1000;
  // Turns a new player starts with.
  std::int64_t starting = 1000;
  // The companion multiplier speeds regeneration; it is clamped to [1.0, max_multiplier].
  double max_multiplier = 1.5;
  // A return after more than return_after_days idle whole days grants
  // min(return_bonus_cap, return_bonus_per_day × days) turns, up to the cap.
  std::int64_t return_after_days = 7;
  std::int64_t return_bonus_per_day = 50;
  std::int64_t return_bonus_cap = 500;
  // The older variant: instead of regenerating, refill to the cap once per UTC day.
  bool daily_refill = false;

  bool operator==(const TurnRules&) const = default;
};

}  // namespace hearth

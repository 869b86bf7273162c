// The numbers of standings: faction and personal reputation, ranks, team reputation
// (Rules::reputation, personal_reputation, ranks, team_reputation).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hearth/core/clock.h"

namespace hearth {

// A step of a threshold ladder: applies to values >= at_least (the first matching step from the
// top wins).
struct Threshold {
  std::int64_t at_least = 0;
  double value = 0;

  bool operator==(const Threshold&) const = default;
};

// Faction reputation and its decay. The 17 tiers are reference data
// (reputation_tiers); the rivalry caps too (faction_rivalries).
struct ReputationRules {
  std::int64_t min_value = -800;
  std::int64_t max_value = 800;
  // Decay: once a row has been idle (no change) for decay_grace, its value moves toward
  // ±decay_floor by decay_per_week at the end of every further whole week, never crossing it.
  GameTime decay_grace = 30 * kDay;
  GameTime decay_interval = kWeek;
  std::int64_t decay_floor = 100;
  std::int64_t decay_per_week = 50;
  // How many history entries a row keeps (the oldest go first).
  std::int64_t history_limit = 50;
  // trade_modifier = round(value / max_value × trade_modifier_at_max, 2).
  double trade_modifier_at_max = 0.3;
  // port_access_level: the first step whose at_least the value reaches, else 0.
  std::vector<Threshold> port_access = {{600, 3}, {200, 2}, {-200, 1}};
  // combat_response: "friendly" from friendly_at, "neutral" from neutral_at, else "hostile".
  std::int64_t friendly_at = 400;
  std::int64_t neutral_at = -200;
  // The price a player pays is multiplied by the first step the value reaches (else
  // price_multiplier_floor); a player with no standing pays × 1.0.
  std::vector<Threshold> price_multipliers = {{700, 0.85},  {500, 0.90}, {300, 0.95},
                                              {100, 0.97},  {-99, 1.00}, {-299, 1.05},
                                              {-499, 1.15}, {-699, 1.30}};
  double price_multiplier_floor = 1.50;

  bool operator==(const ReputationRules&) const = default;
};

// Personal reputation, the alignment. Its 8 tiers with name colours and price
// factors are reference data (personal_reputation_tiers).
struct PersonalReputationRules {
  std::int64_t min_value = -1000;
  std::int64_t max_value = 1000;
  // A weekly sweep for everyone: at every step of a fixed grid (decay_grid_start + k ×
  // decay_interval; by default every Monday at 00:00 UTC), every non-zero value moves
  // decay_per_week toward 0 (never past it), however recently the player acted.
  GameTime decay_interval = kWeek;
  GameTime decay_grid_start = 4 * kDay;  // 1970-01-05, a Monday
  std::int64_t decay_per_week = 5;
  // A player below this value is wanted (strictly below: -500 itself is not).
  std::int64_t wanted_below = -500;

  bool operator==(const PersonalReputationRules&) const = default;
};

// Military rank points. The 18 ranks, their thresholds, bonuses and
// achievement gates are reference data (military_ranks).
struct RankRules {
  // Combat victory: combat_base, plus combat_per_level_above × d (at most combat_above_cap) when
  // the opponent is d levels higher, plus combat_per_level_below × d (at least
  // combat_below_floor; d < 0) when lower, plus combat_same_level when equal; clamped to
  // [combat_min, combat_max].
  std::int64_t combat_base = 10;
  std::int64_t combat_per_level_above = 10;
  std::int64_t combat_above_cap = 40;
  std::int64_t combat_per_level_below = 5;
  std::int64_t combat_below_floor = -5;
  std::int64_t combat_same_level = 5;
  std::int64_t combat_min = 10;
  std::int64_t combat_max = 50;
  // Trading: the points of the first band whose at_least the trade value reaches, else 0.
  std::vector<Threshold> trading = {{100000, 20}, {50000, 15}, {10000, 10}, {1000, 5}};
  std::int64_t exploration_per_sector = 3;
  std::int64_t colony = 25;

  bool operator==(const RankRules&) const = default;
};

// Team reputation aggregation.
struct TeamReputationRules {
  GameTime recalculation_interval = kDay;
  GameTime method_change_cooldown = 7 * kDay;
  // How many history entries (recalculations that changed something, method switches) to keep.
  std::int64_t history_limit = 20;

  bool operator==(const TeamReputationRules&) const = default;
};

}  // namespace hearth

// Rules: every tuning number of the game in one value, with the seed projects' numbers as
// defaults. A game overrides fields in code or loads a JSON file; the game file stores the rules
// it runs with, so a save carries them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/clock.h"

namespace hearth {

// New users and their players (sectorwars §1.1; seed 000 User/Player).
struct PlayerRules {
  // Usernames: this many characters, ASCII letters, digits, '_', '-' and '.', starting with a
  // letter or digit; unique regardless of case.
  std::int64_t username_min_length = 3;
  std::int64_t username_max_length = 50;
  // What a new player starts with (in the default currency).
  std::int64_t starting_credits = 10000;

  bool operator==(const PlayerRules&) const = default;
};

// Turns: the action budget (sectorwars §1).
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

// Faction reputation (sectorwars §2.1) and its decay (DESIGN §5).
struct ReputationRules {
  std::int64_t min_value = -800;
  std::int64_t max_value = 800;
  // Decay starts after this much time without a change...
  GameTime decay_grace = 30 * kDay;
  // ...then moves values beyond ±decay_floor toward it by decay_per_week each whole week idle,
  // never crossing it.
  std::int64_t decay_floor = 100;
  std::int64_t decay_per_week = 50;
  // How many history entries a reputation row keeps (oldest dropped first).
  std::int64_t history_limit = 50;

  bool operator==(const ReputationRules&) const = default;
};

// Personal reputation, the alignment (sectorwars §2.2).
struct PersonalReputationRules {
  std::int64_t min_value = -1000;
  std::int64_t max_value = 1000;
  // Each whole week, a non-zero value moves this much toward 0.
  std::int64_t decay_per_week = 5;

  bool operator==(const PersonalReputationRules&) const = default;
};

// Team reputation aggregation (sectorwars §2.3).
struct TeamReputationRules {
  GameTime recalculation_interval = kDay;
  GameTime method_change_cooldown = 7 * kDay;

  bool operator==(const TeamReputationRules&) const = default;
};

struct Rules {
  PlayerRules players;
  TurnRules turns;
  ReputationRules reputation;
  PersonalReputationRules personal_reputation;
  TeamReputationRules team_reputation;

  bool operator==(const Rules&) const = default;

  // Compact JSON of every field.
  std::string to_json() const;

  // Rules from JSON text. A field the text lacks keeps its default; an unknown field is ignored.
  // Throws Error{Usage} when the text is not JSON of this shape.
  static Rules from_json(std::string_view text);
};

}  // namespace hearth

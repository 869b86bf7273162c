// The numbers of turns, levels, rewards and quests (Rules::turns, ::levels, ::rewards, ::quests).
#pragma once

#include <cstdint>
#include <string>

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

// Experience and levels. XP is the truth; the level follows from it and never goes down.
struct LevelRules {
  // The curve: a player of level n reaches level n + 1 at floor(base × n^exponent) XP in total
  // (level 1 at 0 XP, level 2 at 100, 3 at 282, 4 at 519, 5 at 800 with the defaults). The
  // exponent is a multiple of 0.5 from 0.5 to 4, so the curve is computed in integers, exact at
  // any XP.
  std::int64_t base = 100;
  double exponent = 1.5;
  // Activity (chat) XP: a draw in [activity_min, activity_max], at most once per
  // activity_cooldown per user; a running "xp_boost" effect multiplies it.
  std::int64_t activity_min = 5;
  std::int64_t activity_max = 15;
  GameTime activity_cooldown = 60 * kSecond;

  bool operator==(const LevelRules&) const = default;
};

// The daily reward (claimed once per UTC day) and the log-in bonuses.
struct RewardRules {
  // Daily reward = daily_amount + daily_streak_bonus × (streak − 1), + daily_weekly_bonus on
  // every 7th consecutive claim, at most daily_max. Missing a whole UTC day restarts the streak.
  std::int64_t daily_amount = 100;
  std::int64_t daily_streak_bonus = 10;
  std::int64_t daily_weekly_bonus = 50;
  std::int64_t daily_max = 500;
  std::string daily_currency;  // a currency's name; empty: the default currency
  // The log-in bonus: login_day_amount once per UTC day, and login_week_amount once for a week
  // (Monday to Sunday) with a log-in on every day of it.
  std::int64_t login_day_amount = 10;
  std::string login_day_currency = "fragments";
  std::int64_t login_week_amount = 1;
  std::string login_week_currency = "credits";

  bool operator==(const RewardRules&) const = default;
};

// Quests.
struct QuestRules {
  // Quests a user may have assigned and not completed at once.
  std::int64_t max_active = 3;

  bool operator==(const QuestRules&) const = default;
};

}  // namespace hearth

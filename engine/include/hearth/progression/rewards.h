// Periodic rewards: the daily reward with its streak, and the log-in bonuses (docs/rules.md,
// "Rewards"). Each is paid at most once per user and period; periods are UTC days and weeks
// (Monday to Sunday) of game time.
#pragma once

#include <cstdint>
#include <string_view>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// What a claim of the daily reward paid.
struct DailyClaim {
  std::int64_t amount = 0;
  CurrencyId currency;
  TransactionId transaction;  // 0 when the amount is 0
  std::int64_t streak = 0;    // consecutive days claimed, this one included
  bool weekly_bonus = false;  // this claim was a 7th consecutive one
  GameTime next_claim_at = 0;

  bool operator==(const DailyClaim&) const = default;
};

// Where a user stands with the daily reward.
struct DailyStatus {
  std::int64_t streak = 0;  // the streak a claim today continues; 0 when it has lapsed
  bool claimable = false;   // not yet claimed today
  GameTime next_claim_at = 0;

  bool operator==(const DailyStatus&) const = default;
};

// What a log-in bonus paid: the day's, and the week's when this log-in completed a week.
struct LoginBonus {
  std::int64_t day_amount = 0;
  CurrencyId day_currency;
  std::int64_t week_amount = 0;  // 0 unless this log-in was the 7th day of the week
  CurrencyId week_currency;
  std::int64_t days_this_week = 0;  // days of this week with a log-in bonus, today included

  bool operator==(const LoginBonus&) const = default;
};

// The daily reward and the log-in bonuses. Obtain it from Game::rewards().
class Rewards {
 public:
  explicit Rewards(Core& core) : core_(core) {}

  // Claims today's reward (Rules::rewards): paid from the currency's mint. Refuses a second
  // claim on one UTC day (CooldownActive, saying when the next one opens), a currency the rules
  // name that does not exist (NotFound). A player command: the user needs "play".
  Result<DailyClaim> claim_daily(const PlayerId& user);

  // The user's daily reward now. Throws Error{Usage} for an unknown user.
  DailyStatus daily(const PlayerId& user) const;

  // Pays today's log-in bonus, and the week's when every day of this week has had one. The game
  // calls it when the player logs in. Refuses a second one on one UTC day (AlreadyDone). A player
  // command: the user needs "play" (a banned player earns nothing).
  Result<LoginBonus> log_in_bonus(const PlayerId& user);

 private:
  Core& core_;
};

// The event types rewards journals (payloads: docs/rules.md).
struct RewardEvents {
  static constexpr std::string_view kDailyClaimed = "reward.daily_claimed";
  static constexpr std::string_view kLoginBonus = "reward.login_bonus";
};

}  // namespace hearth

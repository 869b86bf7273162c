#include "hearth/progression/rewards.h"

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"

#include "hearth/game.h"

namespace hearth {

Rewards Game::rewards() { return Rewards(*core_); }

namespace {

constexpr std::int64_t kDaysToMonday = 3;  // day 0 (1970-01-01) was a Thursday

std::int64_t day_of(GameTime at) { return at / kDay; }

std::int64_t week_of(std::int64_t day) { return (day + kDaysToMonday) / 7; }

// The newest daily claim of a user: its day and streak; {-2, 0} when none.
struct LastClaim {
  std::int64_t day = -2;
  std::int64_t streak = 0;
};

LastClaim last_daily(Reader& reader, const PlayerId& user) {
  Query query(reader,
              "SELECT period, streak FROM reward_claims WHERE user_id = ? AND schedule = 'daily' "
              "ORDER BY period DESC LIMIT 1",
              user);
  if (!query.step()) return {};
  return {query.integer(0), query.integer(1)};
}

void check_amounts(const RewardRules& rules) {
  if (rules.daily_amount < 0 || rules.daily_streak_bonus < 0 || rules.daily_weekly_bonus < 0 ||
      rules.daily_max < 0 || rules.login_day_amount < 0 || rules.login_week_amount < 0) {
    throw Error(ErrorKind::Usage, "Rules::rewards amounts are not negative.");
  }
}

// Pays `amount` of `currency` from its mint to the user and records the claim. Returns the
// transaction (0 for a zero amount), or a refusal.
Result<std::int64_t> pay(Command& command, const PlayerId& user, std::string_view schedule,
                         std::int64_t period, std::int64_t streak, std::int64_t amount,
                         std::int64_t currency) {
  std::int64_t transaction = 0;
  if (amount > 0) {
    const auto paid = ledger::pay_from_mint(command, user, currency, amount,
                                            schedule == "daily" ? "DAILY_REWARD" : "LOGIN_BONUS");
    if (!paid) return paid.outcome();
    transaction = paid->value();
  }
  Query claim(command,
              "INSERT INTO reward_claims (user_id, schedule, period, streak, amount, currency_id, "
              "transaction_id, claimed_at) VALUES (:user, :schedule, :period, :streak, :amount, "
              ":currency, NULLIF(:transaction, 0), :now)",
              named(":user", user), named(":schedule", schedule), named(":period", period),
              named(":streak", streak), named(":amount", amount), named(":currency", currency),
              named(":transaction", transaction), named(":now", command.now()));
  claim.exec();
  return transaction;
}

}  // namespace

Result<DailyClaim> Rewards::claim_daily(const PlayerId& user) {
  return core_.run([&](Command& command) -> Result<DailyClaim> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const RewardRules& rules = command.rules().rewards;
    check_amounts(rules);
    const std::int64_t today = day_of(command.now());
    const GameTime next = (today + 1) * kDay;
    const LastClaim last = last_daily(command, user);
    if (last.day == today) {
      return Outcome::refused(
          Refusal::CooldownActive,
          fmt::format("Today's reward is claimed; the next one opens at 00:00 UTC, in {}.",
                      format_duration(Duration(next - command.now()))));
    }
    const auto currency = ledger::currency_named(command, rules.daily_currency);
    if (!currency) return currency.outcome();
    DailyClaim claim;
    claim.streak = last.day == today - 1 ? saturating_add(last.streak, 1) : 1;
    claim.weekly_bonus = claim.streak % 7 == 0;
    std::int64_t amount = saturating_add(
        rules.daily_amount, saturating_mul(rules.daily_streak_bonus, claim.streak - 1));
    if (claim.weekly_bonus) amount = saturating_add(amount, rules.daily_weekly_bonus);
    claim.amount = std::min(amount, rules.daily_max);
    claim.currency = CurrencyId(*currency);
    claim.next_claim_at = next;
    const auto paid = pay(command, user, "daily", today, claim.streak, claim.amount, *currency);
    if (!paid) return paid.outcome();
    claim.transaction = TransactionId(*paid);
    Query streak(command,
                 "UPDATE players SET daily_streak = ?1, updated_at = ?2 WHERE user_id = ?3",
                 claim.streak, command.now(), user);
    streak.exec();
    command.emit(RewardEvents::kDailyClaimed, user, user,
                 Payload()
                     .add("amount", claim.amount)
                     .add("currency", *currency)
                     .add("streak", claim.streak)
                     .add("weekly_bonus", claim.weekly_bonus)
                     .str());
    return claim;
  });
}

DailyStatus Rewards::daily(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query known(reader, "SELECT 1 FROM users WHERE id = ?", user);
    if (!known.step()) throw Error(ErrorKind::Usage, "There is no such user.");
    known.reset();
    const std::int64_t today = day_of(reader.now());
    const LastClaim last = last_daily(reader, user);
    DailyStatus status;
    status.streak = last.day >= today - 1 ? last.streak : 0;
    status.claimable = last.day != today;
    status.next_claim_at = status.claimable ? reader.now() : (today + 1) * kDay;
    return status;
  });
}

Result<LoginBonus> Rewards::log_in_bonus(const PlayerId& user) {
  return core_.run([&](Command& command) -> Result<LoginBonus> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const RewardRules& rules = command.rules().rewards;
    check_amounts(rules);
    const std::int64_t today = day_of(command.now());
    Query done(command,
               "SELECT 1 FROM reward_claims WHERE user_id = ? AND schedule = 'login_day' AND "
               "period = ?",
               user, today);
    if (done.step()) {
      return Outcome::refused(Refusal::AlreadyDone, "Today's log-in bonus is paid.");
    }
    done.reset();
    const auto day_currency = ledger::currency_named(command, rules.login_day_currency);
    if (!day_currency) return day_currency.outcome();
    const auto week_currency = ledger::currency_named(command, rules.login_week_currency);
    if (!week_currency) return week_currency.outcome();
    LoginBonus bonus;
    bonus.day_amount = rules.login_day_amount;
    bonus.day_currency = CurrencyId(*day_currency);
    bonus.week_currency = CurrencyId(*week_currency);
    const auto paid_day =
        pay(command, user, "login_day", today, 0, rules.login_day_amount, *day_currency);
    if (!paid_day) return paid_day.outcome();
    const std::int64_t week = week_of(today);
    const std::int64_t monday = week * 7 - kDaysToMonday;
    Query days(command,
               "SELECT count(*) FROM reward_claims WHERE user_id = ? AND schedule = 'login_day' "
               "AND period BETWEEN ? AND ?",
               user, monday, monday + 6);
    days.step();
    bonus.days_this_week = days.integer(0);
    days.reset();
    if (bonus.days_this_week == 7) {
      const auto paid_week =
          pay(command, user, "login_week", week, 0, rules.login_week_amount, *week_currency);
      if (!paid_week) return paid_week.outcome();
      bonus.week_amount = rules.login_week_amount;
    }
    command.emit(RewardEvents::kLoginBonus, user, user,
                 Payload()
                     .add("day_amount", bonus.day_amount)
                     .add("day_currency", *day_currency)
                     .add("week_amount", bonus.week_amount)
                     .add("week_currency", *week_currency)
                     .add("days_this_week", bonus.days_this_week)
                     .str());
    return bonus;
  });
}

}  // namespace hearth

// Rewards: the daily reward's streak and cap, the log-in bonuses, once per period, whatever the
// tick rate.
#include "hearth/progression/rewards.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"

using namespace hearth;

namespace {

// 2026-01-05, a Monday, at 00:00 UTC.
constexpr GameTime kMonday = test::kStart + 4 * kDay;

struct RewardsGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  CurrencyId credits = game.ledger().default_currency().id;
  CurrencyId fragments = game.ledger().currency("fragments")->id;

  std::int64_t balance(CurrencyId currency) {
    return game.ledger().account_of(AccountOwner::user(ann.value()), currency)->balance;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(rewards_test, RewardsGame)

BOOST_AUTO_TEST_CASE(the_daily_reward_grows_with_the_streak_and_opens_at_utc_midnight) {
  const std::int64_t before = balance(credits);
  clock->set(test::kStart + 23 * kHour);
  const auto first = game.rewards().claim_daily(ann);
  BOOST_TEST_REQUIRE(first.ok(), first.detail());
  BOOST_TEST(first->amount == 100);
  BOOST_TEST(first->streak == 1);
  BOOST_TEST(first->next_claim_at == test::kStart + kDay);
  BOOST_TEST(!first->weekly_bonus);
  // An hour later it is the next UTC day: the cooldown is not 24 hours.
  clock->set(test::kStart + kDay);
  const auto second = game.rewards().claim_daily(ann);
  BOOST_TEST(second->amount == 110);
  BOOST_TEST(second->streak == 2);
  BOOST_TEST(balance(credits) == before + 210);
  // Twice on one day: refused, nothing written.
  clock->advance(20 * kHour);
  const std::string snapshot = test::snapshot(game);
  const auto again = game.rewards().claim_daily(ann);
  BOOST_TEST((again.refusal() == Refusal::CooldownActive));
  BOOST_TEST(again.detail().find("4h 0m") != std::string::npos, again.detail());
  BOOST_TEST(test::snapshot(game) == snapshot);
  BOOST_TEST((game.rewards().daily(ann) == DailyStatus{2, false, test::kStart + 2 * kDay}));
}

BOOST_AUTO_TEST_CASE(a_whole_missed_day_restarts_the_streak) {
  BOOST_TEST(game.rewards().claim_daily(ann).ok());
  clock->advance(kDay);
  BOOST_TEST(game.rewards().claim_daily(ann)->streak == 2);
  clock->advance(2 * kDay);  // the day between has no claim
  BOOST_TEST((game.rewards().daily(ann) == DailyStatus{0, true, clock->now()}));
  const auto restarted = game.rewards().claim_daily(ann);
  BOOST_TEST(restarted->streak == 1);
  BOOST_TEST(restarted->amount == 100);
  BOOST_TEST(test::query_int(game, "SELECT daily_streak FROM players") == 1);
}

BOOST_AUTO_TEST_CASE(every_seventh_day_pays_the_weekly_bonus_and_the_cap_holds) {
  for (int day = 1; day <= 60; ++day) {
    const auto claim = game.rewards().claim_daily(ann);
    BOOST_TEST_REQUIRE(claim.ok());
    BOOST_TEST(claim->weekly_bonus == (day % 7 == 0), day);
    // 100 + 10 per day of streak before this one, + 50 on every 7th, at most 500 (from day 41).
    const std::int64_t expected =
        std::min<std::int64_t>(500, 100 + 10 * (day - 1) + (day % 7 == 0 ? 50 : 0));
    BOOST_TEST(claim->amount == expected, day);
    clock->advance(kDay);
  }
}

BOOST_AUTO_TEST_CASE(a_currency_the_rules_name_must_exist) {
  GameOptions options = test::options_with(clock);
  Rules rules;
  rules.rewards.daily_currency = "doubloons";
  rules.rewards.login_week_currency = "doubloons";
  options.rules = rules;
  Game odd(options);
  const PlayerId bob = odd.players().create({.username = "bob"}).value().id;
  const std::string before = test::snapshot(odd);
  BOOST_TEST((odd.rewards().claim_daily(bob).refusal() == Refusal::NotFound));
  BOOST_TEST((odd.rewards().log_in_bonus(bob).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(odd) == before);
}

BOOST_AUTO_TEST_CASE(a_player_without_play_claims_nothing) {
  BOOST_REQUIRE(game.access().revoke_role(ann, "player").ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.rewards().claim_daily(ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.rewards().log_in_bonus(ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(the_log_in_bonus_pays_each_day_once_and_a_full_week_once) {
  clock->set(kMonday + 9 * kHour);
  const std::int64_t fragments_before = balance(fragments);
  const std::int64_t credits_before = balance(credits);
  for (int day = 0; day < 7; ++day) {
    const auto bonus = game.rewards().log_in_bonus(ann);
    BOOST_TEST_REQUIRE(bonus.ok(), bonus.detail());
    BOOST_TEST(bonus->day_amount == 10);
    BOOST_TEST(bonus->days_this_week == day + 1);
    BOOST_TEST(bonus->week_amount == (day == 6 ? 1 : 0), day);
    clock->advance(3 * kHour);
    BOOST_TEST((game.rewards().log_in_bonus(ann).refusal() == Refusal::AlreadyDone));
    clock->advance(21 * kHour);
  }
  BOOST_TEST(balance(fragments) == fragments_before + 70);
  BOOST_TEST(balance(credits) == credits_before + 1);
  // The next week, a day missed: no week bonus.
  for (int day = 0; day < 7; ++day) {
    if (day != 3) BOOST_TEST(game.rewards().log_in_bonus(ann)->week_amount == 0);
    clock->advance(kDay);
  }
  BOOST_TEST(balance(credits) == credits_before + 1);
  BOOST_TEST(test::query_int(game,
                             "SELECT count(*) FROM reward_claims WHERE schedule = "
                             "'login_week'") == 1);
}

// The same claims at the same times, with the tick run at random moments in between or not at
// all, leave the same streaks, claims and balances: nothing about a streak depends on the tick.
BOOST_AUTO_TEST_CASE(streaks_do_not_depend_on_how_often_the_tick_runs) {
  std::mt19937_64 draw(11);
  for (int round = 0; round < 20; ++round) {
    std::vector<GameTime> claims;
    GameTime at = test::kStart;
    for (int i = 0; i < 40; ++i) {
      at += static_cast<GameTime>(draw() % (3 * kDay));
      claims.push_back(at);
    }
    std::string results[2];
    for (int ticking = 0; ticking < 2; ++ticking) {
      test::FreshGame fresh;
      const PlayerId who = fresh.game.players().create({.username = "ann"}).value().id;
      std::string& out = results[ticking];
      GameTime previous = test::kStart;
      for (const GameTime when : claims) {
        if (ticking == 1) {
          for (GameTime step = previous; step < when; step += kHour * (1 + draw() % 30)) {
            fresh.clock->set(step);
            fresh.game.tick();
          }
        }
        fresh.clock->set(when);
        const auto claim = fresh.game.rewards().claim_daily(who);
        out += claim.ok() ? std::to_string(claim->streak) + "/" + std::to_string(claim->amount)
                          : std::string(to_string(claim.refusal()));
        const DailyStatus status = fresh.game.rewards().daily(who);
        out += "," + std::to_string(status.streak) + ";";
        previous = when;
      }
      out += std::to_string(fresh.game.ledger().credits(who));
    }
    BOOST_TEST(results[0] == results[1]);
    BOOST_TEST(results[0].find("CooldownActive") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

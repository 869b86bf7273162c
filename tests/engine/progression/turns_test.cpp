// Turns: spending, continuous regeneration, the cap, the return bonus, the daily refill option.
#include "hearth/progression/turns.h"

#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

struct TurnsGame : FreshGame {
  std::string alice = game.players().create({.username = "alice"})->id;

  std::int64_t available() { return game.turns().budget(alice)->available; }

  // A cap regeneration never reaches within a test, so that bonuses show.
  void lift_cap() {
    core_of(game).run([&](Command& command) {
      command.sql().exec("UPDATE players SET max_turns = 100000, turns_full_at = NULL");
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(turns_test, TurnsGame)

BOOST_AUTO_TEST_CASE(spending_takes_turns_and_counts_them) {
  BOOST_TEST(game.turns().spend(alice, 300).ok());
  const TurnBudget budget = *game.turns().budget(alice);
  BOOST_TEST(budget.available == 700);
  BOOST_TEST(budget.cap == 1000);
  BOOST_TEST(budget.lifetime_spent == 300);
  BOOST_TEST(game.players().find(alice)->turns == 700);
}

BOOST_AUTO_TEST_CASE(a_short_budget_is_refused_saying_when_enough_will_be_there) {
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 1000).ok());
  const Outcome short_budget = game.turns().spend(alice, 10);
  BOOST_TEST((short_budget.refusal() == Refusal::NotEnoughTurns));
  // 10 turns at 1000 per day take 864 seconds.
  BOOST_TEST(short_budget.detail() ==
             "Not enough turns: 10 needed, 0 available (enough in 14m 24s).");
  BOOST_TEST(available() == 0);
  BOOST_TEST((game.turns().spend(alice, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.turns().spend(alice, -5).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.turns().spend("00000000-0000-4000-8000-000000000000", 1).refusal() ==
              Refusal::NotFound));
  BOOST_TEST(game.turns().budget(alice)->lifetime_spent == 1000);
}

BOOST_AUTO_TEST_CASE(turns_regenerate_continuously_at_a_thousand_a_day) {
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 1000).ok());
  clock->advance(kHour);
  BOOST_TEST(available() == 41);  // 1000/24 = 41.67
  BOOST_TEST(game.turns().budget(alice)->next_turn_at == test::kStart + 42 * 86400);
  clock->advance(11 * kHour);
  BOOST_TEST(available() == 500);
  clock->advance(12 * kHour);
  BOOST_TEST(available() == 1000);
  clock->advance(kDay);
  BOOST_TEST(available() == 1000);  // never above the cap
  BOOST_TEST(game.turns().budget(alice)->next_turn_at == 0);
}

BOOST_AUTO_TEST_CASE(fractions_of_a_turn_carry_over_between_spends) {
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 1000).ok());
  // Spending every 50 s for a day: each interval regenerates 0.58 turns; nothing is lost.
  std::int64_t spent = 0;
  for (int i = 0; i < 1728; ++i) {
    clock->advance(50 * kSecond);
    if (available() >= 1) {
      BOOST_TEST_REQUIRE(game.turns().spend(alice, 1).ok());
      ++spent;
    }
  }
  BOOST_TEST(spent + available() == 1000);
}

BOOST_AUTO_TEST_CASE(the_companion_multiplier_speeds_regeneration) {
  BOOST_TEST(game.turns().set_companion_multiplier(alice, 1.5).ok());
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 1000).ok());
  clock->advance(12 * kHour);
  BOOST_TEST(available() == 750);
  BOOST_TEST(
      (game.turns().set_companion_multiplier(alice, 1.6).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.turns().set_companion_multiplier(alice, 0.9).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(game.turns().budget(alice)->multiplier == 1.5);
}

BOOST_AUTO_TEST_CASE(the_tick_fills_pools_that_reach_the_cap) {
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 100).ok());
  const GameTime full = game.turns().budget(alice)->full_at;
  BOOST_TEST(full == test::kStart + 100 * 86400);
  game.advance_to(full);
  const auto raw = core_of(game).read([&](SQLite::Database& sql) {
    return sql.execAndGet("SELECT turns || '/' || ifnull(turns_full_at, 'null') FROM players")
        .getString();
  });
  BOOST_TEST(raw == "1000/null");
}

BOOST_AUTO_TEST_CASE(a_return_after_a_long_absence_grants_the_bonus_once) {
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);  // a first login
  lift_cap();
  clock->advance(7 * kDay);  // exactly 7 whole days away: not more than 7
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);
  clock->advance(8 * kDay + kHour);
  const std::int64_t before = available();
  BOOST_TEST(game.turns().welcome_back(alice).value() == 400);  // 8 days × 50
  BOOST_TEST(available() == before + 400);
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);  // once per return
  const auto events = game.events_about(alice, 5);
  BOOST_TEST(events.back().type == "turns.return_bonus");
  BOOST_TEST(events.back().payload == R"({"days_away":8,"turns":400})");
}

BOOST_AUTO_TEST_CASE(the_return_bonus_never_exceeds_the_cap) {
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);
  BOOST_TEST_REQUIRE(game.turns().spend(alice, 1000).ok());
  core_of(game).run([&](Command& command) {
    command.sql().exec("UPDATE players SET aria_bonus_multiplier = 1.0");
  });
  clock->advance(20 * kDay);  // the pool regenerated to the cap meanwhile
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);
  BOOST_TEST(available() == 1000);
}

BOOST_AUTO_TEST_CASE(the_return_bonus_is_capped_at_five_hundred) {
  BOOST_TEST(game.turns().welcome_back(alice).value() == 0);
  lift_cap();
  clock->advance(30 * kDay);
  const std::int64_t before = available();
  BOOST_TEST(game.turns().welcome_back(alice).value() == 500);
  BOOST_TEST(available() == before + 500);
}

BOOST_AUTO_TEST_CASE(grants_may_exceed_the_cap_and_stop_regeneration_there) {
  BOOST_TEST(game.turns().grant(alice, 200, "supply drop").ok());
  BOOST_TEST(available() == 1200);
  clock->advance(kDay);
  BOOST_TEST(available() == 1200);
  BOOST_TEST(game.turns().spend(alice, 300).ok());
  BOOST_TEST(available() == 900);
  clock->advance(kHour);
  BOOST_TEST(available() == 941);
}

BOOST_AUTO_TEST_CASE(a_promotion_raises_the_cap) {
  BOOST_TEST(game.ranks().award(alice, RankReason::AdminGrant, 50).ok());  // Spacer: +5
  BOOST_TEST(game.turns().budget(alice)->cap == 1005);
  clock->advance(kHour);
  BOOST_TEST(available() == 1005);
}

BOOST_AUTO_TEST_CASE(the_daily_refill_option_refills_at_utc_midnight) {
  Rules rules;
  rules.turns.daily_refill = true;
  auto options = test::options_with(clock);
  options.rules = rules;
  Game refill(options);
  const std::string bob = refill.players().create({.username = "bob"})->id;
  clock->advance(6 * kHour);
  BOOST_TEST_REQUIRE(refill.turns().spend(bob, 600).ok());
  clock->advance(17 * kHour);  // 23:00 the same day
  BOOST_TEST(refill.turns().budget(bob)->available == 400);
  BOOST_TEST(refill.turns().budget(bob)->full_at == test::kStart + kDay);
  clock->advance(kHour);  // midnight
  BOOST_TEST(refill.turns().budget(bob)->available == 1000);
  refill.tick();
  const auto reset = core_of(refill).read([](SQLite::Database& sql) {
    return sql.execAndGet("SELECT turn_reset_at FROM players").getInt64();
  });
  BOOST_TEST(reset == test::kStart + kDay);
}

BOOST_AUTO_TEST_SUITE_END()

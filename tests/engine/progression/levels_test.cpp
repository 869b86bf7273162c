// Levels: the curve in integers, XP awards, activity XP with its cooldown and boost.
#include "hearth/progression/levels.h"

#include <limits>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"

using namespace hearth;

namespace {

constexpr std::int64_t kMost = std::numeric_limits<std::int64_t>::max();

struct LevelsGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;

  int count(std::string_view type) {
    int found = 0;
    for (const Event& event : game.events(0, 10000)) found += event.type == type;
    return found;
  }
};

LevelRules with_exponent(double exponent) {
  LevelRules rules;
  rules.exponent = exponent;
  return rules;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(levels_test, LevelsGame)

BOOST_AUTO_TEST_CASE(the_default_curve_has_the_originals_thresholds) {
  const LevelCurve curve(LevelRules{});
  // floor(100 × n^1.5) for n = 1..10: where level n + 1 begins.
  const std::int64_t expected[] = {100, 282, 519, 800, 1118, 1469, 1852, 2262, 2700, 3162};
  for (int n = 1; n <= 10; ++n) BOOST_TEST(curve.xp_to_reach(n + 1) == expected[n - 1]);
  BOOST_TEST(curve.xp_to_reach(1) == 0);
  BOOST_TEST(curve.xp_to_reach(-5) == 0);
  BOOST_TEST(curve.level_for(0) == 1);
  BOOST_TEST(curve.level_for(-1) == 1);
  BOOST_TEST(curve.level_for(99) == 1);
  BOOST_TEST(curve.level_for(100) == 2);
  BOOST_TEST(curve.level_for(281) == 2);
  BOOST_TEST(curve.level_for(282) == 3);
  BOOST_TEST(curve.level_for(3162) == 11);
}

BOOST_AUTO_TEST_CASE(the_curve_is_exact_at_any_xp_for_every_allowed_exponent) {
  std::mt19937_64 draw(7);
  for (double exponent = 1.0; exponent <= 4.0; exponent += 0.5) {
    const LevelCurve curve(with_exponent(exponent));
    std::vector<std::int64_t> samples = {0, 1, 99, 100, kMost, kMost - 1, kMost / 2};
    for (int i = 0; i < 400; ++i) {
      samples.push_back(static_cast<std::int64_t>(draw() >> (draw() % 63 + 1)));
    }
    for (const std::int64_t xp : samples) {
      const std::int64_t level = curve.level_for(xp);
      BOOST_TEST(curve.xp_to_reach(level) <= xp, exponent << " " << xp);
      const std::int64_t next = curve.xp_to_reach(level + 1);
      BOOST_TEST((next > xp || next == kMost), exponent << " " << xp);
    }
    // Thresholds only grow.
    for (std::int64_t level = 1; level < 2000; ++level) {
      BOOST_TEST(curve.xp_to_reach(level) <= curve.xp_to_reach(level + 1));
    }
  }
  // A whole exponent is plain arithmetic: 100 × n².
  BOOST_TEST(LevelCurve(with_exponent(2.0)).xp_to_reach(1001) == 100'000'000);
  // The int64 maximum of XP reaches a finite level, and no level beyond it is reachable.
  const LevelCurve curve{LevelRules{}};
  const std::int64_t top = curve.level_for(kMost);
  BOOST_TEST(top > 1000);
  BOOST_TEST(curve.xp_to_reach(top + 1) == kMost);
}

BOOST_AUTO_TEST_CASE(a_curve_that_cannot_be_computed_in_integers_is_an_error) {
  for (double exponent : {0.5, 1.25, 4.5, -1.0, std::nan("")}) {
    BOOST_CHECK_EXCEPTION(LevelCurve{with_exponent(exponent)}, Error,
                          test::is_kind(ErrorKind::Usage));
  }
  LevelRules zero;
  zero.base = 0;
  BOOST_CHECK_EXCEPTION(LevelCurve{zero}, Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(an_award_raises_xp_and_the_level_and_journals_both) {
  const auto first = game.levels().award(ann, 99, "training");
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST((first.value() == XpAward{99, 99, 1, 0}));
  const auto second = game.levels().award(ann, 200, "a fight won");
  BOOST_TEST((second.value() == XpAward{200, 299, 3, 2}));
  BOOST_TEST((game.levels().progress(ann) == LevelView{299, 3, 519}));
  BOOST_TEST(count(LevelEvents::kXpGained) == 2);
  BOOST_TEST(count(LevelEvents::kLevelReached) == 1);
  const Event reached = game.events_about(ann.value(), 1).back();
  BOOST_TEST(reached.type == LevelEvents::kLevelReached);
  BOOST_TEST(reached.payload == R"({"level":3,"previous":1})");
}

BOOST_AUTO_TEST_CASE(bad_awards_are_refused_and_write_nothing) {
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.levels().award(ann, 0, "x").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.levels().award(ann, -5, "x").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.levels().award(ann, kMost, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.levels().award(ann, 5, std::string(101, 'r')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.levels().award(ann, 5, std::string("a\0b", 3)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.levels().award(PlayerId("00000000-0000-4000-8000-000000000000"), 5, "x").refusal() ==
       Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST((game.levels().award(ann, 5, "x").refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(xp_saturates_and_the_level_never_goes_down) {
  test::TempFile file;
  Rules steeper;
  steeper.levels.exponent = 4.0;
  std::int64_t level = 0;
  PlayerId cyd;
  {
    Game first(test::options_with(clock, file.path));
    cyd = first.players().create({.username = "cyd"}).value().id;
    BOOST_TEST(first.levels().award(cyd, kMost - 10, "a lot").ok());
    const auto capped = first.levels().award(cyd, 100, "more");
    BOOST_TEST(capped->xp == kMost);
    BOOST_TEST(capped->amount == 10);
    level = capped->level;
  }
  // A steeper curve later does not take levels away.
  BOOST_TEST(LevelCurve(steeper.levels).level_for(kMost) < level);
  GameOptions options = test::options_with(clock, file.path);
  options.rules = steeper;
  Game second(options);
  const auto again = second.levels().award(cyd, 1, "still");
  BOOST_TEST(again->level == level);
  BOOST_TEST(again->levels_gained == 0);
}

BOOST_AUTO_TEST_CASE(activity_xp_is_drawn_once_per_cooldown_and_boosted) {
  const auto first = game.levels().activity(ann);
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST((first->amount >= 5 && first->amount <= 15));
  clock->advance(59 * kSecond);
  const std::string before = test::snapshot(game);
  const auto early = game.levels().activity(ann);
  BOOST_TEST((early.refusal() == Refusal::CooldownActive));
  BOOST_TEST(test::snapshot(game) == before);
  clock->advance(kSecond);
  BOOST_TEST(game.levels().activity(ann).ok());
  // A running xp_boost multiplies the draw.
  BOOST_REQUIRE(
      game.timers().apply_effect(ann, "xp_boost", Duration(2 * kHour), R"({"multiplier":3})").ok());
  std::int64_t lowest = kMost;
  std::int64_t highest = 0;
  for (int i = 0; i < 60; ++i) {
    clock->advance(kMinute);
    const auto boosted = game.levels().activity(ann);
    BOOST_TEST_REQUIRE(boosted.ok(), boosted.detail());
    lowest = std::min(lowest, boosted->amount);
    highest = std::max(highest, boosted->amount);
  }
  BOOST_TEST(lowest >= 15);
  BOOST_TEST(highest <= 45);
  BOOST_TEST(highest > lowest);
  // Banned from play, no activity XP.
  BOOST_REQUIRE(game.access().revoke_role(ann, "player").ok());
  clock->advance(kMinute);
  BOOST_TEST((game.levels().activity(ann).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(activity_draws_follow_the_seed) {
  std::vector<std::int64_t> runs[2];
  for (auto& run : runs) {
    test::FreshGame fresh;
    const PlayerId who = fresh.game.players().create({.username = "ann"}).value().id;
    for (int i = 0; i < 10; ++i) {
      run.push_back(fresh.game.levels().activity(who)->amount);
      fresh.clock->advance(kMinute);
    }
  }
  BOOST_TEST(runs[0] == runs[1], boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

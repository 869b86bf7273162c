// Personal reputation: the alignment's tiers, colours, effects and weekly decay toward 0.
#include "hearth/standing/personal_reputation.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

struct AlignmentGame : FreshGame {
  std::string alice = game.players().create({.username = "alice"})->id;

  Alignment set(std::int64_t value) {
    const std::int64_t current = game.personal_reputation().alignment(alice)->value;
    return game.personal_reputation().change(alice, value - current, "test").value();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(personal_reputation_test, AlignmentGame)

BOOST_AUTO_TEST_CASE(tiers_colours_and_price_factors_follow_the_value) {
  struct Case {
    std::int64_t value;
    const char* tier;
    const char* color;
    double price;
  };

  for (const Case& c :
       {Case{-1000, "Villain", "#FF0000", 1.20}, Case{-750, "Villain", "#FF0000", 1.20},
        Case{-749, "Criminal", "#FF4400", 1.15}, Case{-250, "Outlaw", "#FF8800", 1.10},
        Case{-1, "Suspicious", "#FFCC00", 1.05}, Case{1, "Lawful", "#88FF88", 0.97},
        Case{250, "Heroic", "#00FF00", 0.95}, Case{1000, "Legendary", "#00FFFF", 0.90}}) {
    const Alignment alignment = set(c.value);
    BOOST_TEST(alignment.tier == c.tier, "value " << c.value);
    BOOST_TEST(alignment.name_color == c.color, "value " << c.value);
    BOOST_TEST(alignment.price_factor == c.price, "value " << c.value);
  }
  // The player row caches the tier and colour.
  BOOST_TEST(game.players().find(alice)->reputation_tier == "Legendary");
  BOOST_TEST(game.players().find(alice)->name_color == "#00FFFF");
}

BOOST_AUTO_TEST_CASE(effects_and_the_wanted_threshold) {
  BOOST_TEST(!set(-500).wanted);  // exactly -500 is not wanted
  const Alignment wanted = set(-501);
  BOOST_TEST(wanted.wanted);
  BOOST_TEST(wanted.bounty_hunter_aggro);
  BOOST_TEST(set(300).faction_standing_bonus == 5);
  BOOST_TEST(!set(0).wanted);
}

BOOST_AUTO_TEST_CASE(values_clamp_and_refusals_write_nothing) {
  BOOST_TEST(game.personal_reputation().change(alice, 5000, "saint").value().value == 1000);
  BOOST_TEST(game.personal_reputation().change(alice, -9000, "fiend").value().value == -1000);
  const std::size_t events = game.events().size();
  BOOST_TEST(
      (game.personal_reputation().change(alice, 0, "x").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.personal_reputation().change(alice, 5, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(game.events().size() == events);
}

// kStart is a Thursday; the weekly sweep runs on Mondays at 00:00 UTC (kStart + 4 days, + 11...).
constexpr GameTime kMonday = test::kStart + 4 * kDay;

BOOST_AUTO_TEST_CASE(the_alignment_decays_five_a_week_toward_zero) {
  set(12);
  game.advance_to(kMonday - 1);
  BOOST_TEST(game.personal_reputation().alignment(alice)->value == 12);
  game.advance_to(kMonday);
  BOOST_TEST(game.personal_reputation().alignment(alice)->value == 7);
  game.advance_to(test::kStart + 30 * kDay);
  const Alignment settled = *game.personal_reputation().alignment(alice);
  BOOST_TEST(settled.value == 0);  // never past 0
  BOOST_TEST(settled.tier == "Neutral");
  BOOST_TEST(settled.next_decay_at == 0);
  int decays = 0, tier_changes = 0;
  for (const Event& event : game.events(0, 1000)) {
    decays += event.type == "personal_reputation.decayed";
    tier_changes += event.type == "personal_reputation.tier_changed";
  }
  // The steps a player sees are journaled, not every one: 12 → 7 → 2 → 0 is one event, when
  // the value reaches 0 (Lawful to Neutral).
  BOOST_TEST(decays == 1);
  BOOST_TEST(tier_changes == 2);  // Neutral → Lawful (the change), Lawful → Neutral (decay)
}

BOOST_AUTO_TEST_CASE(negative_alignments_decay_up_and_reads_see_due_steps) {
  set(-300);
  clock->set(test::kStart + 21 * kDay);
  BOOST_TEST(game.personal_reputation().alignment(alice)->value == -285);  // Mondays 4, 11, 18
  BOOST_TEST(game.personal_reputation().alignment(alice)->next_decay_at == kMonday + 21 * kDay);
  BOOST_TEST(game.players().find(alice)->personal_reputation == -285);  // every read: value now
  BOOST_TEST(game.players().find(alice)->reputation_tier == "Outlaw");
}

// The sweep takes from every player each week, active or not: a player who acts every few days
// still decays (the original's expectation: 84, not 104).
BOOST_AUTO_TEST_CASE(the_weekly_sweep_reaches_active_players_too) {
  set(100);
  for (int day = 6; day <= 24; day += 6) {
    clock->set(test::kStart + day * kDay);
    BOOST_REQUIRE(game.personal_reputation().change(alice, 1, "good deed").ok());
  }
  clock->set(test::kStart + 28 * kDay);
  BOOST_TEST(game.personal_reputation().alignment(alice)->value == 84);
  BOOST_TEST(game.players().find(alice)->personal_reputation == 84);
}

BOOST_AUTO_TEST_SUITE_END()

// Timers: cooldowns, effects and timed access, and their expiry.
#include "hearth/progression/timers.h"

#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

struct TimersGame : FreshGame {
  std::string alice = game.players().create({.username = "alice"})->id;

  std::vector<Event> expiries() {
    std::vector<Event> found;
    for (const Event& event : game.events(0, 1000)) {
      if (event.type.find(".expired") != std::string::npos) found.push_back(event);
    }
    return found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(timers_test, TimersGame)

BOOST_AUTO_TEST_CASE(a_running_cooldown_refuses_a_second_start_and_says_what_is_left) {
  BOOST_TEST(game.timers().start_cooldown(alice, "daily", Duration(kDay)).ok());
  clock->advance(3 * kHour);
  BOOST_TEST((game.timers().cooldown_remaining(alice, "daily") == Duration(21 * kHour)));
  const Outcome again = game.timers().start_cooldown(alice, "daily", Duration(kDay));
  BOOST_TEST((again.refusal() == Refusal::CooldownActive));
  BOOST_TEST(again.detail() == "The 'daily' cooldown is active: 21h 0m left.");
  BOOST_TEST((game.timers().cooldown_remaining(alice, "daily") == Duration(21 * kHour)));
  // Another key is another cooldown.
  BOOST_TEST(game.timers().start_cooldown(alice, "chat_xp", Duration(kMinute)).ok());
}

BOOST_AUTO_TEST_CASE(an_expired_cooldown_can_start_again) {
  BOOST_TEST(game.timers().start_cooldown(alice, "daily", Duration(kDay)).ok());
  clock->advance(kDay);
  BOOST_TEST((game.timers().cooldown_remaining(alice, "daily") == Duration(0)));
  BOOST_TEST(game.timers().start_cooldown(alice, "daily", Duration(kDay)).ok());
  BOOST_TEST((game.timers().cooldown_remaining(alice, "daily") == Duration(kDay)));
}

BOOST_AUTO_TEST_CASE(bad_timers_are_refused) {
  BOOST_TEST((game.timers().start_cooldown(alice, "daily", Duration(0)).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.timers().start_cooldown(alice, "", Duration(kDay)).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(
      (game.timers().start_cooldown(alice, std::string(101, 'k'), Duration(kDay)).refusal() ==
       Refusal::InvalidArgument));
  BOOST_TEST((game.timers().apply_effect(alice, "boost", Duration(kHour), "[1]").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.timers().apply_effect(alice, "boost", Duration(kHour), "{oops").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.timers()
                  .start_cooldown("00000000-0000-4000-8000-000000000000", "d", Duration(kDay))
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(game.timers().active(alice).empty());
}

BOOST_AUTO_TEST_CASE(reapplying_an_effect_replaces_it_without_stacking) {
  BOOST_TEST(
      game.timers().apply_effect(alice, "xp_boost", Duration(kHour), R"({"multiplier": 2})").ok());
  clock->advance(30 * kMinute);
  BOOST_TEST(
      game.timers().apply_effect(alice, "xp_boost", Duration(kHour), R"({"multiplier": 3})").ok());
  const auto effect = game.timers().effect(alice, "xp_boost");
  BOOST_TEST_REQUIRE(effect.has_value());
  BOOST_TEST((effect->remaining == Duration(kHour)));  // not 1.5 h: replaced, not extended
  BOOST_TEST(effect->metadata == R"({"multiplier":3})");
  BOOST_TEST(game.timers().active(alice).size() == 1u);
  clock->advance(kHour);
  BOOST_TEST(!game.timers().effect(alice, "xp_boost").has_value());
}

BOOST_AUTO_TEST_CASE(access_is_granted_for_a_while) {
  BOOST_TEST(!game.timers().has_access(alice, "vip_lounge"));
  BOOST_TEST(game.timers().grant_access(alice, "vip_lounge", Duration(2 * kDay)).ok());
  BOOST_TEST(game.timers().has_access(alice, "vip_lounge"));
  clock->advance(2 * kDay - 1);
  BOOST_TEST(game.timers().has_access(alice, "vip_lounge"));
  clock->advance(1);
  BOOST_TEST(!game.timers().has_access(alice, "vip_lounge"));
}

BOOST_AUTO_TEST_CASE(active_lists_running_timers_soonest_first) {
  BOOST_TEST(game.timers().start_cooldown(alice, "daily", Duration(kDay)).ok());
  BOOST_TEST(
      game.timers().apply_effect(alice, "fuel_boost", Duration(kHour), R"({"speed": 1.5})").ok());
  BOOST_TEST(game.timers().grant_access(alice, "hangar", Duration(2 * kDay)).ok());
  const auto timers = game.timers().active(alice);
  BOOST_TEST_REQUIRE(timers.size() == 3u);
  BOOST_TEST(timers[0].key == "fuel_boost");
  BOOST_TEST((timers[0].type == TimerType::Effect));
  BOOST_TEST(timers[1].key == "daily");
  BOOST_TEST(timers[2].key == "hangar");
}

BOOST_AUTO_TEST_CASE(the_tick_fires_each_expiry_once_as_of_its_time) {
  BOOST_TEST(game.timers().start_cooldown(alice, "daily", Duration(kDay)).ok());
  BOOST_TEST(game.timers().apply_effect(alice, "fuel_boost", Duration(kHour)).ok());
  game.advance_to(test::kStart + 2 * kHour);
  game.advance_to(test::kStart + 2 * kDay);
  game.advance_to(test::kStart + 3 * kDay);
  const auto fired = expiries();
  BOOST_TEST_REQUIRE(fired.size() == 2u);
  BOOST_TEST(fired[0].type == "effect.expired");
  BOOST_TEST(fired[0].at == test::kStart + kHour);
  BOOST_TEST(fired[0].payload == R"({"type":"EFFECT","key":"fuel_boost"})");
  BOOST_TEST(fired[1].type == "cooldown.expired");
  BOOST_TEST(fired[1].at == test::kStart + kDay);
  BOOST_TEST(fired[1].subject == alice);
}

BOOST_AUTO_TEST_CASE(a_restarted_timer_fires_again_at_its_new_expiry) {
  BOOST_TEST(game.timers().apply_effect(alice, "shield", Duration(kHour)).ok());
  game.advance_to(test::kStart + 2 * kHour);
  clock->set(test::kStart + 3 * kHour);
  BOOST_TEST(game.timers().apply_effect(alice, "shield", Duration(kHour)).ok());
  game.advance_to(test::kStart + 5 * kHour);
  const auto fired = expiries();
  BOOST_TEST_REQUIRE(fired.size() == 2u);
  BOOST_TEST(fired[1].at == test::kStart + 4 * kHour);
}

BOOST_AUTO_TEST_CASE(a_cancelled_timer_ends_without_an_expiry_event) {
  BOOST_TEST(game.timers().apply_effect(alice, "cloak", Duration(kHour)).ok());
  BOOST_TEST(game.timers().cancel(alice, TimerType::Effect, "cloak").ok());
  BOOST_TEST(!game.timers().effect(alice, "cloak").has_value());
  BOOST_TEST(
      (game.timers().cancel(alice, TimerType::Effect, "cloak").refusal() == Refusal::NotFound));
  game.advance_to(test::kStart + kDay);
  BOOST_TEST(expiries().empty());
}

BOOST_AUTO_TEST_SUITE_END()

// Loot drops: spawned by persisted chat activity, claimed by the first to ask, expired by the
// tick exactly once whatever its rate.
#include "hearth/economy/loot.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"

using namespace hearth;

namespace {

GameOptions sure_spawns(std::shared_ptr<ManualClock> clock, std::string path = ":memory:") {
  GameOptions options = test::options_with(std::move(clock), std::move(path));
  Rules rules;
  rules.loot.spawn_chance = 1.0;
  options.rules = rules;
  return options;
}

struct LootGame {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game{sure_spawns(clock)};
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;

  int count(std::string_view type) {
    int found = 0;
    for (const Event& event : game.events(0, 100000)) found += event.type == type;
    return found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(loot_test, LootGame)

BOOST_AUTO_TEST_CASE(a_drop_spawns_once_the_channel_is_busy_enough_and_not_during_the_cooldown) {
  for (int i = 0; i < 4; ++i) {
    const auto quiet = game.loot().activity("general");
    BOOST_TEST_REQUIRE(quiet.ok(), quiet.detail());
    BOOST_TEST(!quiet->has_value());
    clock->advance(10 * kSecond);
  }
  const auto busy = game.loot().activity("general");
  BOOST_TEST_REQUIRE(busy->has_value());
  const DropView drop = **busy;
  BOOST_TEST((drop.amount >= 10 && drop.amount <= 100));
  BOOST_TEST(drop.channel == "general");
  BOOST_TEST(drop.expires_at == clock->now() + 10 * kMinute);
  // Another channel keeps its own count.
  BOOST_TEST(!game.loot().activity("trade")->has_value());
  // Within the 5-minute cooldown: no second drop, however busy.
  for (int i = 0; i < 20; ++i) {
    clock->advance(10 * kSecond);
    BOOST_TEST(!game.loot().activity("general")->has_value());
  }
  clock->advance(60 * kSecond);  // 260 s after the drop
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(!game.loot().activity("general")->has_value());
    clock->advance(10 * kSecond);
  }
  // 300 s after the drop the cooldown is over, and the window holds 5 messages or more.
  BOOST_TEST(game.loot().activity("general")->has_value());
  BOOST_TEST(game.loot().open("general").size() == 2u);
}

BOOST_AUTO_TEST_CASE(messages_older_than_the_window_do_not_count) {
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(!game.loot().activity("general")->has_value());
    clock->advance(40 * kSecond);  // the first leaves the 2-minute window before the fifth
  }
  BOOST_TEST(!game.loot().activity("general")->has_value());
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM loot_activity") <= 4);
}

BOOST_AUTO_TEST_CASE(the_activity_survives_a_restart) {
  test::TempFile file;
  {
    Game first(sure_spawns(clock, file.path));
    for (int i = 0; i < 3; ++i) BOOST_TEST(!first.loot().activity("general")->has_value());
  }
  Game second(sure_spawns(clock, file.path));
  BOOST_TEST(!second.loot().activity("general")->has_value());
  BOOST_TEST(second.loot().activity("general")->has_value());
}

BOOST_AUTO_TEST_CASE(the_spawn_chance_is_drawn_from_the_seeded_generator) {
  std::string runs[2];
  for (std::string& run : runs) {
    test::FreshGame fresh;  // the default 10 % chance
    for (int i = 0; i < 600; ++i) {
      const auto spawned = fresh.game.loot().activity("general");
      run += spawned->has_value() ? '1' : '0';
      fresh.clock->advance(20 * kSecond);
    }
  }
  BOOST_TEST(runs[0] == runs[1]);
  BOOST_TEST(runs[0].find('1') != std::string::npos);
  // Never more often than the cooldown allows: 600 × 20 s is 200 minutes, 40 cooldowns.
  BOOST_TEST(std::count(runs[0].begin(), runs[0].end(), '1') <= 40);
}

BOOST_AUTO_TEST_CASE(the_first_claim_wins_and_pays) {
  const DropView drop = game.loot().spawn("general", 75).value();
  const std::int64_t before = game.ledger().credits(ann);
  const auto won = game.loot().claim(ann, drop.id);
  BOOST_TEST_REQUIRE(won.ok(), won.detail());
  BOOST_TEST(won->claimed_by == ann);
  BOOST_TEST(game.ledger().credits(ann) == before + 75);
  const std::string snapshot = test::snapshot(game);
  const auto late = game.loot().claim(bob, drop.id);
  BOOST_TEST((late.refusal() == Refusal::AlreadyDone));
  BOOST_TEST(late.detail() == "Someone claimed this drop first.");
  BOOST_TEST((game.loot().claim(bob, "nope").refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == snapshot);
  BOOST_TEST(count(LootEvents::kClaimed) == 1);
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_REQUIRE(game.access().revoke_role(bob, "player").ok());
  const DropView other = game.loot().spawn("general", 5).value();
  BOOST_TEST((game.loot().claim(bob, other.id).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(bad_spawns_are_refused_and_write_nothing) {
  BOOST_REQUIRE(game.loot().spawn("general", 5, "drop-1").ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.loot().spawn("general", -1).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.loot().spawn(std::string(256, 'c')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.loot().spawn("ok", 5, "drop-1").refusal() == Refusal::AlreadyExists));
  BOOST_TEST(
      (game.loot().spawn("ok", 5, std::string(256, 'i')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.loot().spawn(std::string("a\0b", 3)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.loot().activity("").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(an_unclaimed_drop_expires_once_and_cannot_be_claimed) {
  const DropView drop = game.loot().spawn("general", 20).value();
  clock->advance(10 * kMinute);
  game.tick();
  game.tick();
  BOOST_TEST(game.loot().drop(drop.id)->expired);
  BOOST_TEST(count(LootEvents::kExpired) == 1);
  const Event expired = game.events(0, 1000).back();
  BOOST_TEST(expired.at == drop.expires_at);
  const auto late = game.loot().claim(ann, drop.id);
  BOOST_TEST((late.refusal() == Refusal::AlreadyDone));
  BOOST_TEST(late.detail() == "This drop has expired.");
  BOOST_TEST(game.loot().open("general").empty());
}

// The same spawns and claims at the same times leave the same drops and expiry events, whether
// the tick runs often, rarely, or only through the commands.
BOOST_AUTO_TEST_CASE(expiry_does_not_depend_on_how_often_the_tick_runs) {
  std::mt19937_64 draw(3);
  for (int round = 0; round < 10; ++round) {
    struct Step {
      GameTime at;
      int action;  // 0: spawn, 1: claim the oldest open drop, 2: claim an unknown drop
    };

    std::vector<Step> steps;
    GameTime at = test::kStart;
    for (int i = 0; i < 60; ++i) {
      at += static_cast<GameTime>(draw() % (4 * kMinute));
      steps.push_back({at, static_cast<int>(draw() % 3)});
    }
    std::string results[2];
    for (int ticking = 0; ticking < 2; ++ticking) {
      auto own_clock = std::make_shared<ManualClock>(test::kStart);
      Game world(sure_spawns(own_clock));
      const PlayerId who = world.players().create({.username = "ann"}).value().id;
      std::mt19937_64 ticks(round);
      GameTime previous = test::kStart;
      for (const Step& step : steps) {
        if (ticking == 1) {
          for (GameTime t = previous; t < step.at;
               t += 1 + static_cast<GameTime>(ticks() % kMinute)) {
            world.advance_to(t);
          }
        }
        own_clock->set(step.at);
        if (step.action == 0) {
          results[ticking] += world.loot().spawn("general", 10).ok() ? "s" : "S";
        } else {
          const auto open = world.loot().open("general");
          const std::string id = step.action == 1 && !open.empty() ? open.front().id : "none";
          results[ticking] += std::string(to_string(world.loot().claim(who, id).refusal()));
        }
        previous = step.at;
      }
      own_clock->set(at + kDay);
      world.tick();
      for (const Event& event : world.events(0, 100000)) {
        if (event.type == LootEvents::kExpired || event.type == LootEvents::kClaimed) {
          results[ticking] += std::to_string(event.at) + event.type + event.payload;
        }
      }
      results[ticking] += std::to_string(
          test::query_int(world, "SELECT count(*) FROM lootdrops WHERE expired_at IS NOT NULL"));
      results[ticking] += "/" + std::to_string(world.ledger().credits(who));
    }
    BOOST_TEST(results[0] == results[1]);
  }
}

BOOST_AUTO_TEST_CASE(rules_that_make_no_sense_are_an_error) {
  GameOptions options = test::options_with(clock);
  Rules rules;
  rules.loot.reward_min = 50;
  rules.loot.reward_max = 10;
  options.rules = rules;
  // Refused when the game opens, before any drop could draw from them.
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_SUITE_END()

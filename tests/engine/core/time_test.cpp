// Game time belongs to the save: it never runs backwards, it moves as the save's mode says (real
// time, paused while closed, manual; a speed; pause), and two processes see the same time.
#include <cmath>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::TempFile;

namespace {

GameOptions on_file(const std::shared_ptr<ManualClock>& clock, const TempFile& file,
                    std::optional<TimeMode> mode = std::nullopt) {
  GameOptions options = test::options_with(clock, file.path);
  options.time_mode = mode;
  return options;
}

std::int64_t count(Game& game, const std::string& type) {
  return test::query_int(game, "SELECT count(*) FROM events WHERE type = '" + type + "'");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(time_test)

// The quick start run twice on one file with the same manual clock: the second run does not write
// events dated before the first run's, and a later advance still applies the rules.
BOOST_AUTO_TEST_CASE(a_second_run_with_the_same_clock_never_goes_back) {
  TempFile file;
  auto run = [&](const std::string& name) {
    auto clock = std::make_shared<ManualClock>(test::kStart);
    Game game(on_file(clock, file));
    const std::string id = game.players().create({.username = name})->id;
    BOOST_REQUIRE(game.reputation().change(id, "terran_federation", 260, "help").ok());
    clock->advance(60 * kDay);
    game.tick();
    return id;
  };
  run("alice");
  std::int64_t last_id = 0;
  GameTime reached = 0;
  {
    Game between(on_file(std::make_shared<ManualClock>(test::kStart), file));
    last_id = test::query_int(between, "SELECT max(id) FROM events");
    reached = between.reached_at();
  }
  BOOST_TEST(reached == test::kStart + 60 * kDay);
  const std::string bob = run("bob");
  auto clock = std::make_shared<ManualClock>(test::kStart);
  Game game(on_file(clock, file));
  // Nothing the second run journaled is dated before the time the first run reached.
  BOOST_TEST(test::query_int(game, "SELECT min(at) FROM events WHERE id > " +
                                       std::to_string(last_id)) >= reached);
  BOOST_TEST(game.now() >= test::kStart + 60 * kDay);
  BOOST_TEST(count(game, "clock.rewound") >= 1);
  // Stored and read standings agree, and bob's decayed by the same rule as alice's.
  BOOST_TEST(game.reputation().standing(bob, "terran_federation")->value ==
             test::query_int(game, "SELECT current_value FROM reputations WHERE player_id = '" +
                                       bob +
                                       "' AND faction_id = (SELECT id FROM factions "
                                       "WHERE code = 'terran_federation')"));
}

BOOST_AUTO_TEST_CASE(a_clock_set_back_is_journaled_and_game_time_goes_on_from_where_it_was) {
  test::FreshGame fresh;
  Game& game = fresh.game;
  const std::string ann = game.players().create({.username = "ann"})->id;
  fresh.clock->set(test::kStart + 10 * kDay);
  BOOST_REQUIRE(game.turns().spend(ann, 5).ok());
  fresh.clock->set(test::kStart + 7 * kDay);  // three days back
  BOOST_REQUIRE(game.turns().spend(ann, 5).ok());
  const auto events = core_of(game).read([](SQLite::Database& sql) {
    return std::pair{
        sql.execAndGet("SELECT payload FROM events WHERE type = 'clock.rewound'").getString(),
        sql.execAndGet("SELECT max(at) FROM events").getInt64()};
  });
  BOOST_TEST(events.first == R"({"by":259200000,"clock":1767830400000})");
  BOOST_TEST(events.second == test::kStart + 10 * kDay);  // the command happened at day 10
  fresh.clock->advance(kHour);                            // game time runs on from day 10
  BOOST_TEST(game.now() == test::kStart + 10 * kDay + kHour);
  BOOST_REQUIRE(game.turns().spend(ann, 5).ok());
  BOOST_TEST(count(game, "clock.rewound") == 1);  // journaled once
}

BOOST_AUTO_TEST_CASE(a_long_forward_jump_is_journaled) {
  test::FreshGame fresh;
  const std::string ann = fresh.game.players().create({.username = "ann"})->id;
  fresh.clock->advance(6 * kDay);
  BOOST_REQUIRE(fresh.game.turns().spend(ann, 1).ok());
  BOOST_TEST(count(fresh.game, "clock.jumped") == 0);
  fresh.clock->advance(30 * kDay);
  BOOST_REQUIRE(fresh.game.turns().spend(ann, 1).ok());
  BOOST_TEST(count(fresh.game, "clock.jumped") == 1);
}

BOOST_AUTO_TEST_CASE(paused_while_closed_resumes_where_the_last_session_stopped) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  std::string ann;
  {
    Game game(on_file(clock, file, TimeMode::PausedWhileClosed));
    ann = game.players().create({.username = "ann"})->id;
    BOOST_REQUIRE(game.turns().spend(ann, 500).ok());
    clock->advance(kHour);
    BOOST_TEST(game.now() == test::kStart + kHour);
    (void)game.new_uuid();  // the last command of the session
  }
  clock->advance(30 * kDay);  // the game is closed for a month
  Game game(on_file(clock, file));
  BOOST_TEST((game.time_mode() == TimeMode::PausedWhileClosed));
  BOOST_TEST(game.now() == test::kStart + kHour);
  BOOST_TEST(game.turns().budget(ann)->available == 500 + 1000 / 24);  // one hour's regeneration
  clock->advance(kHour);
  BOOST_TEST(game.now() == test::kStart + 2 * kHour);
}

BOOST_AUTO_TEST_CASE(manual_time_moves_only_with_advance_to) {
  auto clock = std::make_shared<ManualClock>(test::kStart);
  GameOptions options = test::options_with(clock);
  options.time_mode = TimeMode::Manual;
  Game game(options);
  clock->advance(10 * kDay);
  BOOST_TEST(game.now() == test::kStart);
  game.advance_to(test::kStart + kDay);
  BOOST_TEST(game.now() == test::kStart + kDay);
  const std::string ann = game.players().create({.username = "ann"})->id;
  BOOST_TEST(game.players().find(ann)->created_at == test::kStart + kDay);
  BOOST_TEST(count(game, "clock.jumped") == 0);  // the clock is not game time here
}

BOOST_AUTO_TEST_CASE(speed_and_pause) {
  test::FreshGame fresh;
  Game& game = fresh.game;
  game.set_speed(2.0);
  fresh.clock->advance(kHour);
  BOOST_TEST(game.now() == test::kStart + 2 * kHour);
  BOOST_TEST(game.pause().ok());
  BOOST_TEST(game.pause().refusal() == Refusal::AlreadyDone);
  fresh.clock->advance(kDay);
  BOOST_TEST(game.now() == test::kStart + 2 * kHour);
  BOOST_TEST(game.resume().ok());
  BOOST_TEST(game.resume().refusal() == Refusal::AlreadyDone);
  fresh.clock->advance(kHour);
  BOOST_TEST(game.now() == test::kStart + 4 * kHour);
  BOOST_CHECK_EXCEPTION(game.set_speed(0.0), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(game.set_speed(std::nan("")), Error, test::is_kind(ErrorKind::Usage));
  BOOST_TEST(game.speed() == 2.0);
}

BOOST_AUTO_TEST_CASE(two_games_on_one_file_see_the_same_game_time) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  Game first(on_file(clock, file, TimeMode::Manual));
  Game second(on_file(clock, file));
  first.advance_to(test::kStart + 3 * kDay);
  BOOST_TEST(second.now() == test::kStart + 3 * kDay);
  BOOST_TEST((second.time_mode() == TimeMode::Manual));
  const std::string ann = second.players().create({.username = "ann"})->id;
  BOOST_TEST(first.players().find(ann)->created_at == test::kStart + 3 * kDay);
}

BOOST_AUTO_TEST_CASE(skip_moves_game_time_forward_for_good) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  std::string ann;
  {
    Game game(on_file(clock, file));
    ann = game.players().create({.username = "ann"})->id;
    BOOST_REQUIRE(game.turns().spend(ann, 1000).ok());
    game.skip(Duration(kDay / 2));
    BOOST_TEST(game.now() == test::kStart + kDay / 2);
    BOOST_TEST(game.turns().budget(ann)->available == 500);  // half a day regenerated
    clock->advance(kHour);
    BOOST_TEST(game.now() == test::kStart + kDay / 2 + kHour);  // and time goes on from there
    BOOST_CHECK_EXCEPTION(game.skip(Duration(0)), Error, test::is_kind(ErrorKind::Usage));
    BOOST_CHECK_EXCEPTION(game.skip(Duration(kMaxGameTime)), Error,
                          test::is_kind(ErrorKind::Usage));
  }
  Game again(on_file(clock, file));  // another session, the same clock
  BOOST_TEST(again.now() == test::kStart + kDay / 2 + kHour);
  BOOST_TEST(count(again, "clock.skipped") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

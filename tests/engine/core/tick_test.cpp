// The tick: tick-rate independence (a property test over random step sequences), offline
// catch-up, exactly-once expiry across reopen and process death, and the cost of an idle tick.
#include <algorithm>
#include <functional>
#include <map>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;
using hearth::test::TempFile;

namespace {

constexpr GameTime kEnd = test::kStart + 120 * kDay;
// After the scripted days, the world is left alone until the end of the year 9999.
constexpr GameTime kFar = kMaxGameTime;

// A scripted world: the same commands at the same game times, whatever the ticks in between.
struct Script {
  std::map<std::string, std::string> ids;  // username -> id

  std::vector<std::pair<GameTime, std::function<void(Game&)>>> steps() {
    auto at = [](int days, int hours = 0) { return test::kStart + days * kDay + hours * kHour; };
    auto must = [](const Outcome& outcome) {
      BOOST_REQUIRE_MESSAGE(outcome.ok(), outcome.detail());
    };
    return {
        {at(0),
         [this, must, at](Game& game) {
           for (const char* name : {"ann", "ben", "cat", "dan", "eve"}) {
             ids[name] = game.players().create({.username = name})->id;
           }
           const std::string team = game.teams().create(ids["eve"], "Night Owls")->id;
           ids["team"] = team;
           must(game.teams().join(team, ids["ann"]));
           must(game.teams().join(team, ids["ben"]));
           must(game.reputation().change(ids["ann"], "terran_federation", 300, "a").outcome());
           must(game.reputation().change(ids["ben"], "terran_federation", -250, "b").outcome());
           must(game.reputation().change(ids["cat"], "mercantile_guild", 650, "c").outcome());
           must(game.reputation().change(ids["dan"], "fringe_alliance", 420, "d").outcome());
           must(game.reputation().lock(ids["dan"], "fringe_alliance", "probe", at(20)));
           must(game.personal_reputation().change(ids["ann"], 40, "kind").outcome());
           must(game.personal_reputation().change(ids["ben"], -600, "cruel").outcome());
           must(game.timers().start_cooldown(ids["ann"], "daily", Duration(kDay)));
           must(game.timers().apply_effect(ids["ann"], "boost", Duration(3 * kHour), R"({"x":2})"));
           must(game.timers().grant_access(ids["ann"], "dock", Duration(10 * kDay)));
           must(game.timers().apply_effect(ids["ben"], "shield", Duration(2 * kDay)));
           must(game.turns().spend(ids["ann"], 700));
           must(game.turns().spend(ids["ben"], 400));
         }},
        {at(5, 3),
         [this, must, at](Game& game) {
           must(game.reputation().change(ids["ann"], "terran_federation", 50, "e").outcome());
           must(game.team_reputation().set_method(ids["team"], ids["eve"],
                                                  AggregationMethod::Lowest));
           must(game.turns().spend(ids["cat"], 999));
         }},
        {at(12, 7),
         [this, must, at](Game& game) {
           must(game.turns().spend(ids["ben"], 100));
           must(game.timers().start_cooldown(ids["cat"], "raid", Duration(2 * kDay)));
           // A team member's lock that expires in the middle of the idle stretch: the team's
           // recalculations must see the decay that follows it, however the time is ticked.
           must(game.reputation().lock(ids["ann"], "terran_federation", "audit", at(33, 5)));
         }},
        {at(45),
         [this, must, at](Game& game) {
           must(game.personal_reputation().change(ids["ann"], -100, "rude").outcome());
           must(game.reputation().pause_decay(ids["cat"], "mercantile_guild"));
           must(game.ranks().award(ids["dan"], RankReason::AdminGrant, 160).outcome());
         }},
        {at(60, 11),
         [this, must, at](Game& game) {
           must(game.reputation().resume_decay(ids["cat"], "mercantile_guild"));
           must(game.turns().welcome_back(ids["dan"]).outcome());
           must(game.teams().leave(ids["ben"]));
         }},
    };
  }
};

// Every row a time-driven rule may write, and the journal, as text.
std::string dump(Game& game) {
  return core_of(game).read([](SQLite::Database& sql) {
    std::string text;
    for (const char* table : {"players", "reputations", "team_reputations", "team_members",
                              "user_timers", "accounts", "transactions", "events"}) {
      // Events compare as the set they are: one tick journals rule by rule.
      const std::string query = std::string(table) == "events"
                                    ? "SELECT at, type, actor, subject, payload FROM events "
                                      "ORDER BY at, type, subject, payload"
                                    : std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3";
      SQLite::Statement rows(sql, query);
      text += std::string("## ") + table + "\n";
      while (rows.executeStep()) {
        for (int i = 0; i < rows.getColumnCount(); ++i) {
          text += rows.getColumn(i).getString() + "|";
        }
        text += "\n";
      }
    }
    return text;
  });
}

// How a run is disturbed without changing what it should end with.
struct Disturbance {
  // Refused commands (which write nothing) at random moments before ticks and commands.
  bool refusals = false;
  // Two Games on one file, taking the commands and ticks in turn at random.
  bool two_games = false;
  std::uint64_t seed = 1;
  // Catch-ups committed in slices of this many rows (GameOptions::tick_slice_rows).
  std::int64_t slice_rows = GameOptions{}.tick_slice_rows;
};

// A command that is refused, at the clock's time, by one of several rules.
void refused_command(Game& game, const Script& script, std::uint64_t pick) {
  const auto known = script.ids.find("ann");
  const std::string player = known == script.ids.end() ? "nobody" : known->second;
  Outcome outcome;
  switch (pick % 5) {
    case 0:
      outcome = game.turns().spend(player, 0);
      break;
    case 1:
      outcome = game.turns().spend(player, -5);
      break;
    case 2:
      outcome = game.reputation().change(player, "terran_federation", 0, "x").outcome();
      break;
    case 3:
      outcome = game.timers().start_cooldown(player, "", Duration(kHour));
      break;
    default:
      outcome = game.personal_reputation().change(player, 5, "").outcome();
      break;
  }
  BOOST_TEST_REQUIRE(!outcome.ok());
}

// Runs the script with extra ticks at `ticks` (commands first when both fall on one time), then
// advances to kEnd and to kFar.
std::string run(const std::vector<GameTime>& ticks, const Disturbance& disturbance = {}) {
  auto clock = std::make_shared<ManualClock>(test::kStart);
  test::TempFile file;
  GameOptions options = test::options_with(clock);
  options.tick_slice_rows = disturbance.slice_rows;
  if (disturbance.two_games) {
    options.path = file.path;
    options.durability = Durability::Normal;
  }
  Game first(options);
  std::optional<Game> second;
  if (disturbance.two_games) second.emplace(options);
  std::mt19937_64 random(disturbance.seed);
  auto game = [&]() -> Game& { return second && random() % 2 == 0 ? *second : first; };
  Script script;
  auto steps = script.steps();
  auto at = [&](GameTime time) {
    clock->set(time);
    if (disturbance.refusals && random() % 2 == 0) refused_command(game(), script, random());
  };
  std::size_t next_tick = 0;
  for (auto& [time, command] : steps) {
    while (next_tick < ticks.size() && ticks[next_tick] < time) {
      at(ticks[next_tick]);
      game().advance_to(ticks[next_tick++]);
    }
    at(time);
    command(game());
  }
  while (next_tick < ticks.size()) {
    at(ticks[next_tick]);
    game().advance_to(ticks[next_tick++]);
  }
  game().advance_to(kEnd);
  game().advance_to(kFar);
  return dump(game());
}

// The number of SQLite VM instructions `work` executes on `game`'s connection.
long long vm_steps(Game& game, const std::function<void()>& work) {
  long long steps = 0;
  sqlite3* handle = core_of(game).db().sql().getHandle();
  sqlite3_progress_handler(
      handle, 1, [](void* counter) { return ++*static_cast<long long*>(counter), 0; }, &steps);
  work();
  sqlite3_progress_handler(handle, 0, nullptr, nullptr);
  return steps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tick_test)

BOOST_AUTO_TEST_CASE(any_sequence_of_ticks_leaves_the_same_world_and_journal) {
  const std::string once = run({});
  BOOST_TEST_REQUIRE(once.find("reputation.decayed") != std::string::npos);
  BOOST_TEST_REQUIRE(once.find("team_reputation.tier_changed") != std::string::npos);
  BOOST_TEST_REQUIRE(once.find("effect.expired") != std::string::npos);
  BOOST_TEST_REQUIRE(once.find("personal_reputation.decayed") != std::string::npos);
  BOOST_TEST_REQUIRE(once.find("reputation.unlocked") != std::string::npos);
  std::mt19937_64 random(20261122);
  for (int sequence = 0; sequence < 16; ++sequence) {
    std::vector<GameTime> ticks(1 + random() % (sequence % 2 == 0 ? 20 : 300));
    for (GameTime& tick : ticks) {
      // Mostly within the scripted days; one tick in five after them, up to the year 9999.
      tick = random() % 5 == 0
                 ? kEnd + static_cast<GameTime>(random() % static_cast<std::uint64_t>(kFar - kEnd))
                 : test::kStart + static_cast<GameTime>(
                                      random() % static_cast<std::uint64_t>(kEnd - test::kStart));
    }
    std::sort(ticks.begin(), ticks.end());
    // Slices of 1 to 4 rows in most sequences: a catch-up commits many times over.
    const std::int64_t slice = sequence % 4 == 3 ? GameOptions{}.tick_slice_rows
                                                 : 1 + static_cast<std::int64_t>(random() % 4);
    const Disturbance disturbance{sequence % 4 != 0, sequence % 3 == 1, random(), slice};
    const std::string stepped = run(ticks, disturbance);
    BOOST_TEST(stepped == once, "sequence " << sequence << " of " << ticks.size()
                                            << " ticks, refusals " << disturbance.refusals
                                            << ", two games " << disturbance.two_games
                                            << ", slices of " << disturbance.slice_rows);
  }
  // Ticking every hour, the finest sequence.
  std::vector<GameTime> hourly;
  for (GameTime t = test::kStart + kHour; t < kEnd; t += kHour) hourly.push_back(t);
  BOOST_TEST(run(hourly) == once);
}

BOOST_AUTO_TEST_CASE(a_year_offline_touches_only_the_rows_that_change) {
  auto clock = std::make_shared<ManualClock>(test::kStart);
  Game game(test::options_with(clock));
  std::vector<std::string> players;
  for (int i = 0; i < 300; ++i) {
    players.push_back(game.players().create({.username = "player" + std::to_string(i)})->id);
    BOOST_REQUIRE(game.reputation().change(players.back(), "terran_federation", 60, "ok").ok());
  }
  for (int i = 0; i < 3; ++i) {
    BOOST_REQUIRE(game.reputation().change(players[i], "mercantile_guild", 300, "deal").ok());
  }
  sqlite3* handle = core_of(game).db().sql().getHandle();
  const int before = sqlite3_total_changes(handle);
  game.advance_to(test::kStart + 365 * kDay);
  const int changes = sqlite3_total_changes(handle) - before;
  // 3 rows decay 300 → 100 in 4 steps, of which a player sees 3 (into TRUSTED, into
  // ACKNOWLEDGED, the floor): per row 3 decay events, 2 tier events, 3 history rows and one row
  // update; the clock. The other 297 rows (within the floor) are not touched. Each of the 300
  // users reaches the age that brings "host": a privilege row, its due time cleared, one event.
  // The rules journal rule by rule, so the 315 events are then put in time order: a scratch row
  // and two renumberings each.
  const int events = 3 * (3 + 2) + 300;
  BOOST_TEST(changes == 3 * (3 + 2 + 3 + 1) + 1 + 300 * 3 + 3 * events);
  BOOST_TEST(game.reputation().standing(players[0], "mercantile_guild")->value == 100);
  BOOST_TEST(game.reputation().standing(players[5], "terran_federation")->value == 60);
}

BOOST_AUTO_TEST_CASE(an_idle_tick_costs_the_same_whatever_the_world_size) {
  auto idle_cost = [](int players) {
    auto clock = std::make_shared<ManualClock>(test::kStart);
    Game game(test::options_with(clock));
    for (int i = 0; i < players; ++i) {
      const std::string id = game.players().create({.username = "player" + std::to_string(i)})->id;
      BOOST_REQUIRE(game.reputation().change(id, "terran_federation", 60, "ok").ok());
      BOOST_REQUIRE(game.timers().start_cooldown(id, "daily", Duration(30 * kDay)).ok());
    }
    game.advance_to(test::kStart + kHour);  // settles the world
    sqlite3* handle = core_of(game).db().sql().getHandle();
    const int before = sqlite3_total_changes(handle);
    const long long steps = vm_steps(game, [&] { game.advance_to(test::kStart + 2 * kHour); });
    BOOST_TEST(sqlite3_total_changes(handle) - before == 1);  // only the clock moved
    return steps;
  };
  const long long small = idle_cost(10);
  const long long large = idle_cost(1000);
  BOOST_TEST(large == small, "an idle tick ran " << small << " then " << large << " VM steps");
}

BOOST_AUTO_TEST_CASE(expiries_fire_once_across_a_reopen_between_ticks) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  std::vector<std::string> users;
  {
    Game game(test::options_with(clock, file.path));
    for (int i = 0; i < 20; ++i) {
      users.push_back(game.players().create({.username = "user" + std::to_string(i)})->id);
      BOOST_REQUIRE(
          game.timers().apply_effect(users.back(), "boost", Duration((i + 1) * kHour)).ok());
    }
    game.advance_to(test::kStart + 10 * kHour + kMinute);
  }
  Game game(test::options_with(clock, file.path));
  game.advance_to(test::kStart + 10 * kHour + kMinute);  // again: nothing more
  game.advance_to(test::kStart + kDay);
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM events WHERE type = 'effect.expired'") ==
             20);
  BOOST_TEST(test::query_int(game,
                             "SELECT count(DISTINCT subject) FROM events "
                             "WHERE type = 'effect.expired'") == 20);
}

BOOST_AUTO_TEST_CASE(a_tick_that_fails_midway_leaves_nothing_and_is_redone_once) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  {
    Game game(test::options_with(clock, file.path));
    for (int i = 0; i < 5; ++i) {
      const std::string id = game.players().create({.username = "user" + std::to_string(i)})->id;
      BOOST_REQUIRE(game.timers().start_cooldown(id, "daily", Duration(kDay)).ok());
    }
    // The tick's last write fails: everything it did before is rolled back.
    core_of(game).run([](Command& command) {
      command.sql().exec(
          "CREATE TRIGGER fail_tick BEFORE UPDATE ON game_clock BEGIN "
          "SELECT RAISE(ABORT, 'power cut'); END");
    });
    BOOST_CHECK_THROW(game.advance_to(test::kStart + 2 * kDay), Error);
    BOOST_TEST(test::query_int(game, "SELECT count(*) FROM events WHERE type LIKE '%.expired'") ==
               0);
    BOOST_TEST(test::query_int(game, "SELECT count(*) FROM user_timers WHERE expired_at IS NULL") ==
               5);
    core_of(game).run([](Command& command) { command.sql().exec("DROP TRIGGER fail_tick"); });
  }
  Game game(test::options_with(clock, file.path));
  game.advance_to(test::kStart + 2 * kDay);
  game.advance_to(test::kStart + 3 * kDay);
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM events WHERE type = 'cooldown.expired'") ==
             5);
}

// A catch-up commits in slices of tick_slice_rows rows, and ends where one transaction would.
BOOST_AUTO_TEST_CASE(a_catch_up_commits_in_slices) {
  auto world = [](std::int64_t slice_rows, int* commits) {
    auto clock = std::make_shared<ManualClock>(test::kStart);
    GameOptions options = test::options_with(clock);
    options.tick_slice_rows = slice_rows;
    Game game(options);
    for (int i = 0; i < 30; ++i) {
      const std::string id = game.players().create({.username = "user" + std::to_string(i)})->id;
      BOOST_REQUIRE(game.timers().apply_effect(id, "boost", Duration((i + 1) * kHour)).ok());
      BOOST_REQUIRE(game.reputation().change(id, "terran_federation", 300 + i, "x").ok());
    }
    sqlite3* handle = core_of(game).db().sql().getHandle();
    sqlite3_commit_hook(
        handle, [](void* count) { return ++*static_cast<int*>(count), 0; }, commits);
    game.advance_to(test::kStart + 200 * kDay);
    sqlite3_commit_hook(handle, nullptr, nullptr);
    return test::query_int(game, "SELECT count(*) FROM events") * 1000000 +
           test::query_int(game, "SELECT sum(current_value) FROM reputations");
  };
  int whole = 0, sliced = 0;
  const std::int64_t in_one = world(GameOptions{}.tick_slice_rows, &whole);
  const std::int64_t in_slices = world(5, &sliced);
  BOOST_TEST(in_slices == in_one);
  BOOST_TEST(whole == 2);  // the catch-up, then the advance's own command
  // 30 standings to visit and 30 expiries, 5 rows a slice at most: 12 slices or more, then the
  // advance's own command.
  BOOST_TEST(sliced >= 13);
  GameOptions bad = test::options_with(std::make_shared<ManualClock>(test::kStart));
  bad.tick_slice_rows = 0;
  BOOST_CHECK_THROW(Game{bad}, Error);
}

BOOST_AUTO_TEST_CASE(expiries_fire_once_when_the_process_dies_between_or_during_ticks) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  {
    Game game(test::options_with(clock, file.path));
    for (int i = 0; i < 40; ++i) {
      const std::string id = game.players().create({.username = "user" + std::to_string(i)})->id;
      BOOST_REQUIRE(game.timers().apply_effect(id, "boost", Duration((i + 1) * 7 * kMinute)).ok());
      BOOST_REQUIRE(game.reputation().change(id, "terran_federation", 300 + i, "x").ok());
    }
  }
  std::mt19937 random(7);
  for (int round = 0; round < 8; ++round) {
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
      // The child ticks in small steps until it is killed, or (every other round) catches up
      // in one advance committed in slices of one row.
      auto child_clock = std::make_shared<ManualClock>(test::kStart);
      GameOptions options = test::options_with(child_clock, file.path);
      if (round % 2 == 1) {
        options.tick_slice_rows = 1;
        Game game(options);
        game.advance_to(test::kStart + 90 * kDay);
        _exit(0);
      }
      Game game(options);
      for (GameTime t = game.reached_at() + kMinute; t < test::kStart + 90 * kDay; t += kMinute) {
        game.advance_to(t);
      }
      _exit(0);
    }
    usleep(2000 + random() % 30000);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
  }
  Game game(test::options_with(clock, file.path));
  game.advance_to(test::kStart + 100 * kDay);
  BOOST_TEST(test::query_int(game, "PRAGMA integrity_check = 1") == 0);  // "ok" reads as 0
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM events WHERE type = 'effect.expired'") ==
             40);
  BOOST_TEST(test::query_int(game,
                             "SELECT count(*) FROM (SELECT subject, at FROM events "
                             "WHERE type = 'reputation.decayed' GROUP BY subject, at "
                             "HAVING count(*) > 1)") == 0);
  // 300..339 reach 100 in 4 or 5 steps, of which a player sees 3: into TRUSTED, into
  // ACKNOWLEDGED, the floor.
  BOOST_TEST(test::query_int(
                 game, "SELECT count(*) FROM events WHERE type = 'reputation.decayed'") == 40 * 3);
}

BOOST_AUTO_TEST_SUITE_END()

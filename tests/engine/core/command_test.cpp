// The command runner: one transaction per command, refusals and failures write nothing, events
// reach listeners only after a commit.
#include "engine/core/command.h"

#include <set>

#include <boost/test/unit_test.hpp>

#include "engine/core/query.h"
#include "tests/support/fixtures.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;
using hearth::test::FreshGame;

namespace {

int count_events(Game& game) { return static_cast<int>(game.events().size()); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(command_test, FreshGame)

BOOST_AUTO_TEST_CASE(an_ok_command_commits_its_writes_and_events) {
  const Outcome outcome = core_of(game).run([](Command& command) {
    command.emit("test.happened", "actor-1", "subject-1", R"({"n": 1})");
    return Outcome{};
  });
  BOOST_TEST(outcome.ok());
  const auto events = game.events();
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "test.happened");
  BOOST_TEST(events[0].actor == "actor-1");
  BOOST_TEST(events[0].subject == "subject-1");
  BOOST_TEST(events[0].payload == R"({"n":1})");
  BOOST_TEST(events[0].at == test::kStart);
}

BOOST_AUTO_TEST_CASE(a_refused_command_writes_nothing_and_keeps_the_generator) {
  const std::string expected = Random(core_of(game).random()).uuid();
  const Outcome outcome = core_of(game).run([](Command& command) {
    command.emit("test.happened", "", "", "{}");
    (void)command.new_uuid();
    return Outcome::refused(Refusal::NotAllowed, "No.");
  });
  BOOST_TEST(!outcome.ok());
  BOOST_TEST((outcome.refusal() == Refusal::NotAllowed));
  BOOST_TEST(outcome.detail() == "No.");
  BOOST_TEST(count_events(game) == 0);
  BOOST_TEST(game.new_uuid() == expected);
}

BOOST_AUTO_TEST_CASE(a_command_that_throws_midway_leaves_no_partial_write) {
  BOOST_CHECK_EXCEPTION(core_of(game).run([](Command& command) {
    command.emit("test.first_half", "", "", "{}");
    command.sql().exec("INSERT INTO no_such_table VALUES (1)");
  }),
                        Error, test::is_kind(ErrorKind::Storage));
  BOOST_TEST(count_events(game) == 0);
}

BOOST_AUTO_TEST_CASE(foreign_exceptions_become_errors) {
  BOOST_CHECK_EXCEPTION(
      core_of(game).run([](Command&) -> int { throw std::runtime_error("boom"); }), Error,
      test::is_kind(ErrorKind::Storage));
  try {
    core_of(game).run([](Command& command) { command.sql().exec("SELECT * FROM nowhere"); });
  } catch (const Error& error) {
    BOOST_TEST(error.sqlite_code() == 1);  // SQLITE_ERROR
  }
}

BOOST_AUTO_TEST_CASE(listeners_hear_committed_events_only_after_the_commit) {
  std::vector<Event> heard;
  bool in_transaction_when_called = true;
  const ListenerId id = game.on_event([&](const Event& event) {
    heard.push_back(event);
    in_transaction_when_called = sqlite3_get_autocommit(core_of(game).db().sql().getHandle()) == 0;
  });
  (void)core_of(game).run([](Command& command) {
    command.emit("test.refused", "", "", "{}");
    return Outcome::refused(Refusal::NotAllowed, "No.");
  });
  BOOST_CHECK_THROW(core_of(game).run([](Command& command) {
    command.emit("test.failed", "", "", "{}");
    throw std::runtime_error("boom");
  }),
                    Error);
  BOOST_TEST(heard.empty());

  core_of(game).run([](Command& command) {
    command.emit("test.one", "", "", "{}");
    command.emit("test.two", "", "", "{}");
  });
  BOOST_TEST_REQUIRE(heard.size() == 2u);
  BOOST_TEST(heard[0].type == "test.one");
  BOOST_TEST(heard[1].type == "test.two");
  BOOST_TEST(heard[1].id > heard[0].id);
  BOOST_TEST(!in_transaction_when_called);

  game.remove_listener(id);
  core_of(game).run([](Command& command) { command.emit("test.three", "", "", "{}"); });
  BOOST_TEST(heard.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_listener_may_run_a_command_of_its_own) {
  game.on_event([&](const Event& event) {
    if (event.type == "test.ping") {
      core_of(game).run([](Command& command) { command.emit("test.pong", "", "", "{}"); });
    }
  });
  core_of(game).run([](Command& command) { command.emit("test.ping", "", "", "{}"); });
  const auto events = game.events();
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[1].type == "test.pong");
}

// A refused command rolls back the world advance it made; the in-memory next-due time must roll
// back with it, or the next command skips the catch-up (defect: standing 510 instead of 460).
BOOST_AUTO_TEST_CASE(a_refused_command_does_not_lose_the_catch_up) {
  const std::string ann = game.players().create({.username = "ann"})->id;
  BOOST_REQUIRE(game.reputation().change(ann, "terran_federation", 500, "start").ok());
  clock->set(test::kStart + 40 * kDay);
  BOOST_TEST(!game.turns().spend(ann, 0).ok());
  clock->set(test::kStart + 41 * kDay);
  const auto standing = game.reputation().change(ann, "terran_federation", 10, "later");
  BOOST_REQUIRE(standing.ok());
  // 30 idle days of grace, then one 50-point step at day 37: 500 - 50 + 10.
  BOOST_TEST(standing->value == 460);
}

BOOST_AUTO_TEST_CASE(a_refused_command_does_not_lose_an_expiry) {
  const std::string ann = game.players().create({.username = "ann"})->id;
  BOOST_REQUIRE(game.timers().start_cooldown(ann, "daily", Duration(kDay)).ok());
  clock->set(test::kStart + 25 * kHour);
  BOOST_TEST(!game.turns().spend(ann, -5).ok());
  clock->set(test::kStart + 26 * kHour);
  BOOST_REQUIRE(game.timers().start_cooldown(ann, "daily", Duration(kDay)).ok());
  clock->set(test::kStart + 60 * kHour);
  game.tick();
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM events WHERE type = 'cooldown.expired'") ==
             2);
}

// Two Games on one file: each re-reads the generator (and the rules) when the other has written.
BOOST_AUTO_TEST_CASE(two_games_on_one_file_draw_different_ids) {
  test::TempFile file;
  auto clock2 = std::make_shared<ManualClock>(test::kStart);
  Game first(test::options_with(clock2, file.path));
  Game second(test::options_with(clock2, file.path));
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    Game& which = i % 3 == 0 ? first : second;
    const auto player = which.players().create({.username = "pilot" + std::to_string(i)});
    BOOST_REQUIRE_MESSAGE(player.ok(), player.detail());
    ids.insert(player->id);
    BOOST_REQUIRE(which.reputation().change(player->id, "terran_federation", 10 + i, "hello").ok());
  }
  BOOST_TEST(ids.size() == 20u);
  BOOST_TEST(test::query_int(first, "SELECT count(DISTINCT id) FROM reputations") == 20);
}

BOOST_AUTO_TEST_CASE(a_game_sees_rules_another_process_stored) {
  test::TempFile file;
  auto clock2 = std::make_shared<ManualClock>(test::kStart);
  Game first(test::options_with(clock2, file.path));
  GameOptions options = test::options_with(clock2, file.path);
  Rules rules;
  rules.turns.base_cap = 1234;
  options.rules = rules;
  Game second(options);
  (void)first.new_uuid();  // any command notices the other writer
  BOOST_TEST(first.rules().turns.base_cap == 1234);
}

BOOST_AUTO_TEST_CASE(game_time_outside_the_kept_range_is_a_usage_error) {
  BOOST_CHECK_EXCEPTION(game.advance_to(kMaxGameTime + 1), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(game.advance_to(-1), Error, test::is_kind(ErrorKind::Usage));
  clock->set(kMaxGameTime + 1);
  BOOST_CHECK_EXCEPTION((void)game.new_uuid(), Error, test::is_kind(ErrorKind::Usage));
  clock->set(test::kStart);
  BOOST_TEST(game.reached_at() == test::kStart);
}

// Game::atomically: inner refusals undo only themselves; a refusal or a throw of the group undoes
// everything; listeners hear the group's events once, after the commit.
BOOST_AUTO_TEST_CASE(a_group_commits_its_commands_together) {
  std::vector<std::string> heard;
  game.on_event([&](const Event& event) { heard.push_back(event.type); });
  std::string ann;
  const Outcome outcome = game.atomically([&]() -> Outcome {
    ann = game.players().create({.username = "ann"})->id;
    BOOST_TEST(heard.empty());
    const Outcome refused = game.turns().spend(ann, 1000000);
    BOOST_TEST(refused.refusal() == Refusal::NotEnoughTurns);
    BOOST_TEST(game.turns().spend(ann, 10).ok());
    BOOST_TEST(game.players().find(ann).has_value());  // reads see the group's writes
    return {};
  });
  BOOST_TEST(outcome.ok());
  BOOST_TEST(game.players().find(ann).has_value());
  BOOST_TEST(game.turns().budget(ann)->available == game.rules().turns.starting - 10);
  BOOST_TEST(!heard.empty());
  BOOST_TEST(heard.size() == game.events().size());
}

BOOST_AUTO_TEST_CASE(a_refused_or_failed_group_writes_nothing) {
  const auto before = game.events().size();
  const std::string expected = Random(core_of(game).random()).uuid();
  const Outcome outcome = game.atomically([&]() -> Outcome {
    BOOST_TEST(game.players().create({.username = "ann"}).ok());
    return Outcome::refused(Refusal::NotAllowed, "changed my mind");
  });
  BOOST_TEST(outcome.refusal() == Refusal::NotAllowed);
  BOOST_TEST(outcome.detail() == "changed my mind");
  BOOST_TEST(!game.players().find_by_username("ann").has_value());
  BOOST_TEST(game.events().size() == before);
  BOOST_CHECK_THROW(game.atomically([&]() -> Outcome {
    BOOST_TEST(game.players().create({.username = "bob"}).ok());
    throw std::runtime_error("boom");
  }),
                    Error);
  BOOST_TEST(!game.players().find_by_username("bob").has_value());
  BOOST_TEST(game.new_uuid() == expected);  // the generator rolled back too
}

// A process killed between the inner commands of a group leaves nothing of the group: the child
// says (through a pipe) when the first inner command is done and waits; the parent kills it then.
BOOST_AUTO_TEST_CASE(a_group_killed_between_its_commands_leaves_nothing) {
  test::TempFile file;
  auto clock2 = std::make_shared<ManualClock>(test::kStart);
  { Game setup(test::options_with(clock2, file.path)); }
  int pipe_ends[2];
  BOOST_TEST_REQUIRE(::pipe(pipe_ends) == 0);
  const pid_t child = ::fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_ends[0]);
    try {
      Game doomed(test::options_with(clock2, file.path));
      (void)doomed.atomically([&]() -> Outcome {
        (void)doomed.players().create({.username = "first"});
        const char done = 'x';
        (void)!::write(pipe_ends[1], &done, 1);
        for (;;) ::pause();  // killed here, before the second command
      });
    } catch (...) {
    }
    ::_exit(3);
  }
  ::close(pipe_ends[1]);
  char said = 0;
  const ssize_t got = ::read(pipe_ends[0], &said, 1);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(pipe_ends[0]);
  BOOST_TEST_REQUIRE(got == 1);  // the first inner command had returned
  BOOST_TEST(WIFSIGNALED(status));
  Game reopened(test::options_with(clock2, file.path));
  BOOST_TEST(!reopened.players().find_by_username("first").has_value());
  BOOST_TEST(test::query_int(reopened, "SELECT count(*) FROM users") == 0);
  BOOST_TEST(test::query_int(reopened, "SELECT count(*) FROM events") == 0);
}

// Query binds in order or by name, reads typed columns, and resets itself at scope exit (the
// same statement runs again right after); a name the SQL lacks is a usage error.
BOOST_AUTO_TEST_CASE(a_query_binds_in_order_or_by_name) {
  core_of(game).read([&](Reader& reader) {
    {
      Query sum(reader, "SELECT ?1 + ?2, ?3, ?4 IS NULL", 2, std::int64_t{40}, std::string("x"),
                std::optional<int>());
      BOOST_TEST_REQUIRE(sum.step());
      BOOST_TEST(sum.integer(0) == 42);
      BOOST_TEST(sum.text(1) == "x");
      BOOST_TEST(sum.flag(2));
    }
    {
      Query again(reader, "SELECT ?1 + ?2, ?3, ?4 IS NULL", 1, 1, "y", std::optional<int>(5));
      BOOST_TEST_REQUIRE(again.step());
      BOOST_TEST(again.integer(0) == 2);
      BOOST_TEST(!again.flag(2));
    }
    Query named_query(reader, "SELECT :b - :a, :id", named(":a", 1), named(":b", 10),
                      named(":id", AccountId{7}));
    BOOST_TEST_REQUIRE(named_query.step());
    BOOST_TEST(named_query.integer(0) == 9);
    BOOST_TEST(named_query.integer(1) == 7);
    BOOST_CHECK_EXCEPTION(Query(reader, "SELECT :a", named(":missing", 1)), Error,
                          test::is_kind(ErrorKind::Usage));
    return 0;
  });
}

BOOST_AUTO_TEST_SUITE_END()

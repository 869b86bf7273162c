// The command runner: one transaction per command, refusals and failures write nothing, events
// reach listeners only after a commit.
#include "engine/command.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include <sqlite3.h>

using namespace hearth;
using hearth::test::FreshGame;

namespace {

int count_events(Game& game) { return static_cast<int>(game.events().size()); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(command_test, FreshGame)

BOOST_AUTO_TEST_CASE(an_ok_command_commits_its_writes_and_events) {
  const Outcome outcome = game.core().run([](Command& command) {
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
  const std::string expected = Random(game.core().random()).uuid();
  const Outcome outcome = game.core().run([](Command& command) {
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
  BOOST_CHECK_EXCEPTION(game.core().run([](Command& command) {
    command.emit("test.first_half", "", "", "{}");
    command.sql().exec("INSERT INTO no_such_table VALUES (1)");
  }),
                        Error, test::is_kind(ErrorKind::Storage));
  BOOST_TEST(count_events(game) == 0);
}

BOOST_AUTO_TEST_CASE(foreign_exceptions_become_errors) {
  BOOST_CHECK_EXCEPTION(game.core().run([](Command&) -> int { throw std::runtime_error("boom"); }),
                        Error, test::is_kind(ErrorKind::Storage));
  try {
    game.core().run([](Command& command) { command.sql().exec("SELECT * FROM nowhere"); });
  } catch (const Error& error) {
    BOOST_TEST(error.sqlite_code() == 1);  // SQLITE_ERROR
  }
}

BOOST_AUTO_TEST_CASE(listeners_hear_committed_events_only_after_the_commit) {
  std::vector<Event> heard;
  bool in_transaction_when_called = true;
  const ListenerId id = game.on_event([&](const Event& event) {
    heard.push_back(event);
    in_transaction_when_called = sqlite3_get_autocommit(game.core().db().sql().getHandle()) == 0;
  });
  (void)game.core().run([](Command& command) {
    command.emit("test.refused", "", "", "{}");
    return Outcome::refused(Refusal::NotAllowed, "No.");
  });
  BOOST_CHECK_THROW(game.core().run([](Command& command) {
    command.emit("test.failed", "", "", "{}");
    throw std::runtime_error("boom");
  }),
                    Error);
  BOOST_TEST(heard.empty());

  game.core().run([](Command& command) {
    command.emit("test.one", "", "", "{}");
    command.emit("test.two", "", "", "{}");
  });
  BOOST_TEST_REQUIRE(heard.size() == 2u);
  BOOST_TEST(heard[0].type == "test.one");
  BOOST_TEST(heard[1].type == "test.two");
  BOOST_TEST(heard[1].id > heard[0].id);
  BOOST_TEST(!in_transaction_when_called);

  game.remove_listener(id);
  game.core().run([](Command& command) { command.emit("test.three", "", "", "{}"); });
  BOOST_TEST(heard.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_listener_may_run_a_command_of_its_own) {
  game.on_event([&](const Event& event) {
    if (event.type == "test.ping") {
      game.core().run([](Command& command) { command.emit("test.pong", "", "", "{}"); });
    }
  });
  game.core().run([](Command& command) { command.emit("test.ping", "", "", "{}"); });
  const auto events = game.events();
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[1].type == "test.pong");
}

BOOST_AUTO_TEST_SUITE_END()

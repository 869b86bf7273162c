// Game::check over a healthy world and over each invariant broken by hand, and a game opened
// read-only: it reads, refuses every command and leaves the file as it was.
#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "schema/schema.h"
#include "tests/support/fixtures.h"
#include "tests/support/world.h"

using namespace hearth;
using hearth::test::TempFile;

namespace {

// The rules of the violations found, in order.
std::vector<std::string> rules_of(const std::vector<Violation>& violations) {
  std::vector<std::string> rules;
  for (const Violation& violation : violations) rules.push_back(violation.rule);
  return rules;
}

struct World {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game{test::options_with(clock)};
  test::SmallWorld world = test::build_small_world(game);
};

}  // namespace

BOOST_AUTO_TEST_SUITE(invariants_test)

BOOST_FIXTURE_TEST_CASE(a_world_made_by_commands_is_healthy, World) {
  BOOST_TEST(game.check().empty());
  clock->advance(2 * kHour);
  game.tick();  // the cooldown expires through the tick
  BOOST_TEST(game.check().empty());
}

BOOST_FIXTURE_TEST_CASE(each_broken_invariant_is_named, World) {
  test::exec_sql(game, "UPDATE accounts SET balance = balance + 5 WHERE id = " +
                           std::to_string(world.bob_gold.value()));
  std::vector<std::string> expected = {"ledger.conserved", "ledger.balance"};
  BOOST_TEST(rules_of(game.check()) == expected, boost::test_tools::per_element());
  test::exec_sql(game, "UPDATE accounts SET balance = balance - 5 WHERE id = " +
                           std::to_string(world.bob_gold.value()));

  test::exec_sql(game, "UPDATE inventory SET quantity = quantity + 1 WHERE user_id = '" +
                           world.bob.value() + "'");
  expected = {"inventory.history"};
  BOOST_TEST(rules_of(game.check()) == expected, boost::test_tools::per_element());
  BOOST_TEST(game.check().front().detail.find(world.bob) != std::string::npos);
  test::exec_sql(game, "UPDATE inventory SET quantity = quantity - 1 WHERE user_id = '" +
                           world.bob.value() + "'");

  test::exec_sql(game, "UPDATE team_members SET role = 'MEMBER'");
  expected = {"teams.leader"};
  BOOST_TEST(rules_of(game.check()) == expected, boost::test_tools::per_element());
  test::exec_sql(game, "UPDATE teams SET disbanded_at = 1");
  expected = {"teams.disbanded_members"};
  BOOST_TEST(rules_of(game.check()) == expected, boost::test_tools::per_element());
  test::exec_sql(game, "UPDATE teams SET disbanded_at = NULL, max_members = 2");
  test::exec_sql(game, "UPDATE team_members SET role = 'LEADER' WHERE player_id = '" +
                           world.ann.value() + "'");
  BOOST_TEST(game.check().empty());

  // A timer past its expiry that the tick did not expire.
  test::exec_sql(game, "UPDATE user_timers SET expires_at = " + std::to_string(test::kStart - 1));
  expected = {"timers.overdue"};
  BOOST_TEST(rules_of(game.check()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_game_opened_read_only_reads_and_writes_nothing) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  test::SmallWorld world;
  {
    Game game(test::options_with(clock, file.path));
    world = test::build_small_world(game);
  }
  const std::string before = file.bytes();
  clock->advance(30 * kDay);  // time passed: a writing open would catch up
  GameOptions options;
  options.path = file.path;
  options.clock = clock;
  options.read_only = true;
  {
    Game game(options);
    BOOST_TEST(game.check().empty());
    BOOST_TEST(game.reached_at() == test::kStart);  // not caught up: nothing written
    BOOST_TEST(game.ledger().account(world.bob_gold)->balance == 700 + 300 - 120);
    BOOST_TEST(game.events().size() > 5u);
    BOOST_CHECK_EXCEPTION(game.tick(), Error, test::is_kind(ErrorKind::Usage));
    BOOST_CHECK_EXCEPTION(static_cast<void>(game.players().create({.username = "cyd"})), Error,
                          test::is_kind(ErrorKind::Usage));
  }
  BOOST_TEST((file.bytes() == before));

  options.speed = 2.0;
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::Usage));
  options.speed.reset();
  options.path = file.path + ".missing";
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::CorruptData));
}

BOOST_AUTO_TEST_SUITE_END()

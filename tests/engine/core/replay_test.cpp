// The command log and replay: a save and the log of what followed reproduce the file, whatever
// the split of ticks, in another process too; only committed commands are logged.
#include "tests/support/replay.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fuzz/command_generator.h"
#include "tests/support/fixtures.h"
#include "tests/support/world.h"

#include "hearth/core/commands.h"
#include "hearth/game.h"
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;

namespace {

constexpr int kSteps = 400;

// A played game: the save made before the first logged command, and the file after `kSteps`
// generated calls (hostile ones mixed in with well-formed ones, refusals among them).
struct Played {
  Played(std::uint64_t seed_in) : seed(seed_in) {
    Game game(test::logged_game(file.path, seed));
    const test::SmallWorld world = test::build_small_world(game);
    game.save_as(save.path);
    fuzz::Generator friendly(seed, world, false);
    fuzz::Generator hostile(seed + 1000, world, true);
    for (int round = 0; round < kSteps / 20; ++round) {
      fuzz::Generator& generate = round % 3 == 0 ? hostile : friendly;
      committed += fuzz::play(game, generate, 20, [](const fuzz::Call&) {}).committed;
    }
    hash = game.content_hash();
    reached = game.reached_at();
    log = command_log(game, 0, 10000);
  }

  std::uint64_t seed;
  test::TempFile file;
  test::TempFile save;
  int committed = 0;
  std::string hash;
  GameTime reached = 0;
  std::vector<LoggedCommand> log;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_test)

BOOST_AUTO_TEST_CASE(the_log_holds_exactly_the_commands_that_committed) {
  test::TempFile file;
  Game game(test::logged_game(file.path, 7));
  const test::SmallWorld world = test::build_small_world(game);
  BOOST_TEST(command_log(game).empty());  // the game's own calls are not logged
  game.advance_to(fuzz::kStart + kHour);
  BOOST_TEST(run_command(game, world.ann, "messages.send",
                         R"({"to": ")" + world.bob.value() + R"(", "content": "hi"})")
                 .ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST(!run_command(game, world.ann, "turns.spend", R"({"amount": 999999})").ok());
  BOOST_TEST(!run_command(game, world.ann, "no.such", "{}").ok());
  BOOST_TEST(!run_command(game, world.ann, "turns.spend", "[1]").ok());
  BOOST_TEST(test::snapshot(game) == before);  // refusals leave no entry
  const std::vector<LoggedCommand> log = command_log(game);
  BOOST_REQUIRE_EQUAL(log.size(), 1u);
  BOOST_TEST(log[0].id == 1);
  BOOST_TEST(log[0].at == fuzz::kStart + kHour);
  BOOST_TEST(log[0].actor == world.ann);
  BOOST_TEST(log[0].name == "messages.send");
  BOOST_TEST(log[0].arguments == R"({"to": ")" + world.bob.value() + R"(", "content": "hi"})");
  BOOST_TEST(command_log(game, 1).empty());
  BOOST_CHECK_EXCEPTION(command_log(game, 0, 0), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(command_log(game, 0, 10001), Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(a_game_that_does_not_log_records_nothing) {
  test::FreshGame fresh;
  const test::SmallWorld world = test::build_small_world(fresh.game);
  BOOST_TEST(run_command(fresh.game, world.ann, "messages.send",
                         R"({"to": ")" + world.bob.value() + R"(", "content": "hi"})")
                 .ok());
  BOOST_TEST(command_log(fresh.game).empty());
}

BOOST_AUTO_TEST_CASE(replaying_the_log_on_the_save_reproduces_the_file) {
  for (const std::uint64_t seed : {1, 2, 3}) {
    const Played played(seed);
    BOOST_TEST_MESSAGE("seed " << seed << ": " << played.committed << " commands committed");
    BOOST_TEST(played.committed > 40);
    BOOST_TEST(played.log.size() == static_cast<std::size_t>(played.committed));
    BOOST_TEST(test::replayed_hash(played.save.path, played.log, played.reached) == played.hash,
               "seed " << seed);
  }
}

BOOST_AUTO_TEST_CASE(another_split_of_ticks_gives_the_same_file) {
  for (const std::uint64_t seed : {4, 5}) {
    const Played played(seed);
    std::mt19937_64 ticks(seed);
    BOOST_TEST(
        test::replayed_hash(played.save.path, played.log, played.reached, &ticks) == played.hash,
        "seed " << seed);
  }
}

BOOST_AUTO_TEST_CASE(two_processes_running_the_same_script_make_the_same_file) {
  int pipe_ends[2];
  BOOST_REQUIRE(::pipe(pipe_ends) == 0);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_ends[0]);
    std::string hash;
    try {
      hash = Played(6).hash;
    } catch (...) {
      ::_exit(2);
    }
    const bool written =
        ::write(pipe_ends[1], hash.data(), hash.size()) == static_cast<ssize_t>(hash.size());
    ::_exit(written ? 0 : 1);
  }
  ::close(pipe_ends[1]);
  const std::string mine = Played(6).hash;
  std::string theirs(64, '\0');
  std::size_t got = 0;
  while (got < theirs.size()) {
    const ssize_t n = ::read(pipe_ends[0], theirs.data() + got, theirs.size() - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  BOOST_TEST(theirs == mine);
}

BOOST_AUTO_TEST_CASE(a_replay_on_another_save_departs_and_a_past_entry_is_refused) {
  const Played played(8);
  // The same log on a save where bob has no gold: the replay departs (a refusal or another hash).
  test::TempFile other;
  {
    Game game(test::logged_game(other.path, 8));
    const test::SmallWorld world = test::build_small_world(game);
    game.ledger().burn(world.bob_gold, 680).value();
  }
  {
    test::TempFile copy;
    std::filesystem::copy_file(other.path, copy.path);
    Game game(test::logged_game(copy.path, 0));
    bool departed = false;
    for (const LoggedCommand& entry : played.log) {
      if (!replay_command(game, entry).ok()) departed = true;
    }
    game.advance_to(played.reached);
    BOOST_TEST((departed || game.content_hash() != played.hash));
  }
  {
    test::TempFile copy;
    std::filesystem::copy_file(played.save.path, copy.path);
    Game game(test::logged_game(copy.path, 0));
    game.advance_to(played.log.back().at + 1);
    BOOST_CHECK_EXCEPTION(replay_command(game, played.log.back()), Error,
                          test::is_kind(ErrorKind::Usage));
  }
}

BOOST_AUTO_TEST_CASE(the_content_hash_ignores_layout_and_the_clock_reading_but_not_content) {
  test::TempFile file;
  auto clock = std::make_shared<ManualClock>(fuzz::kStart);
  GameOptions options = test::options_with(clock, file.path);
  std::string hash;
  PlayerId ann;
  {
    Game game(options);
    ann = test::build_small_world(game).ann;
    hash = game.content_hash();
    test::exec_sql(game, "VACUUM");
    BOOST_TEST(game.content_hash() == hash);
    test::exec_sql(game, "UPDATE game_clock SET last_clock_at = last_clock_at + 5");
    BOOST_TEST(game.content_hash() == hash);
    test::exec_sql(game, "UPDATE users SET email = 'x@example.org' WHERE username = 'ann'");
    BOOST_TEST(game.content_hash() != hash);
    BOOST_TEST(game.content_hash().size() == 64u);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// Power cuts and I/O errors, through a test VFS (tests/support/fault_vfs.h). Random command
// sequences from the registry run on a game that logs them; the power is cut at a random write or
// sync, the files are put back to what was synced plus any part of the rest (one write torn), and
// the game is opened again: the file is intact and its invariants hold; at Durability::Full every
// command that returned is there, at Normal a prefix of them; and replaying the log that survived
// on the save it started from gives the same content — so no command is there in part. Injected
// I/O errors (a failed write, a full disk, a failed sync) make the command fail with
// Error{Storage}, leave the content as it was, and the game goes on: it ends where a twin game
// that never met a fault, running the same commands but the failed ones, ends.
//
// HEARTH_POWER_CUTS sets how many cuts each durability gets (default 12). A soak:
// `HEARTH_POWER_CUTS=500 build/tests/hearth_tests --run_test=power_cut_test`.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fuzz/command_generator.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay.h"
#include "tests/support/world.h"

#include "hearth/core/commands.h"
#include "hearth/game.h"

using namespace hearth;

namespace {

constexpr int kDefaultCuts = 12;
constexpr int kSteps = 60;

int cut_count() {
  const char* text = std::getenv("HEARTH_POWER_CUTS");
  const int cuts = text == nullptr ? 0 : std::atoi(text);
  return cuts > 0 ? cuts : kDefaultCuts;
}

// What a cut round left: the commands that returned, and the one under way when the power went.
struct Attempted {
  std::vector<fuzz::Call> returned;
  std::optional<fuzz::Call> in_flight;
};

// Plays the round's script (the same for the same seed) until the power goes.
Attempted play_until_cut(Game& game, const test::SmallWorld& world, std::uint64_t seed,
                         test::FaultVfs& vfs) {
  Attempted attempted;
  fuzz::Generator generate(seed, world, seed % 3 != 0);
  for (int step = 0; step < kSteps; ++step) {
    const bool advance = generate.chance(20);
    const GameTime by = 1 + generate.below(3 * kDay);
    const fuzz::Call call = generate.next();
    try {
      if (advance) game.advance_to(game.reached_at() + by);
      if (run_command(game, call.actor, call.name, call.arguments).ok()) {
        attempted.returned.push_back(call);
      }
    } catch (const Error& error) {
      BOOST_TEST_REQUIRE(vfs.tripped(), "an error with no fault: " << error.what());
      BOOST_TEST((error.kind() == ErrorKind::Storage), error.what());
      attempted.in_flight = call;
      break;
    }
  }
  return attempted;
}

// Builds the world and closes the game, so that the world is on disk (at Normal a commit is
// durable only once a checkpoint or a close has synced it); with `save`, a copy of it there.
test::SmallWorld durable_world(const std::string& path, std::uint64_t seed, Durability durability,
                               const std::string* save) {
  Game game(test::logged_game(path, seed, durability));
  const test::SmallWorld world = test::build_small_world(game);
  if (save != nullptr) game.save_as(*save);
  return world;
}

bool same(const LoggedCommand& entry, const fuzz::Call& call) {
  return entry.actor == call.actor && entry.name == call.name && entry.arguments == call.arguments;
}

void cut_the_power(Durability durability) {
  test::FaultVfs vfs;
  const int cuts = cut_count();
  std::mt19937_64 random(durability == Durability::Full ? 11 : 12);
  std::int64_t survived = 0, lost = 0, torn = 0, cut = 0;
  for (int round = 0; round < cuts; ++round) {
    const std::uint64_t seed = 100 + static_cast<std::uint64_t>(round);
    test::TempFile file, save;
    // How many operations the whole script makes, to cut somewhere within it.
    std::int64_t span = 0;
    {
      test::TempFile dry;
      const test::SmallWorld world = durable_world(dry.path, seed, durability, nullptr);
      Game game(test::logged_game(dry.path, seed, durability));
      const std::int64_t before = vfs.operations();
      play_until_cut(game, world, seed, vfs);
      span = vfs.operations() - before;
    }
    Attempted attempted;
    {
      const test::SmallWorld world = durable_world(file.path, seed, durability, &save.path);
      Game game(test::logged_game(file.path, seed, durability));
      vfs.arm(test::FaultVfs::Fault::PowerCut,
              static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(span + 1)));
      attempted = play_until_cut(game, world, seed, vfs);
    }  // the process is gone: its connections close, writing nothing more
    cut += vfs.tripped() ? 1 : 0;
    const bool tear = round % 2 == 1;
    torn += tear ? 1 : 0;
    vfs.restore_after_cut(random, tear);

    Game game(test::logged_game(file.path, seed, durability));
    const std::string integrity = core_of(game).read(
        [](SQLite::Database& sql) { return sql.execAndGet("PRAGMA integrity_check").getString(); });
    BOOST_TEST(integrity == "ok", "round " << round);
    BOOST_TEST(game.check().empty(), "round " << round);
    const std::vector<LoggedCommand> log = test::whole_log(game);
    // A prefix of what was attempted, in order.
    std::vector<fuzz::Call> attempts = attempted.returned;
    if (attempted.in_flight) attempts.push_back(*attempted.in_flight);
    BOOST_TEST_REQUIRE(log.size() <= attempts.size(), "round " << round);
    for (std::size_t i = 0; i < log.size(); ++i) {
      BOOST_TEST(same(log[i], attempts[i]), "round " << round << " entry " << i);
    }
    if (durability == Durability::Full) {
      BOOST_TEST(log.size() >= attempted.returned.size(),
                 "round " << round << ": a command that returned was lost");
    }
    survived += static_cast<std::int64_t>(log.size());
    lost += static_cast<std::int64_t>(attempted.returned.size()) -
            std::min<std::int64_t>(static_cast<std::int64_t>(log.size()),
                                   static_cast<std::int64_t>(attempted.returned.size()));
    // Whole commands only: the log that survived, replayed on the save, gives this very content.
    BOOST_TEST(test::replayed_hash(save.path, log, game.reached_at()) == game.content_hash(),
               "round " << round);
  }
  BOOST_TEST_MESSAGE(fmt::format(
      "power_cut_test ({}): {} rounds, {} cut before the end ({} "
      "with a torn write), {} commands survived, {} returned and lost",
      durability == Durability::Full ? "Full" : "Normal", cuts, cut, torn, survived, lost));
  BOOST_TEST(cut > cuts / 2);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(power_cut_test)

BOOST_AUTO_TEST_CASE(at_full_durability_every_returned_command_survives_a_power_cut) {
  cut_the_power(Durability::Full);
}

BOOST_AUTO_TEST_CASE(at_normal_durability_a_power_cut_leaves_a_prefix_of_whole_commands) {
  cut_the_power(Durability::Normal);
}

BOOST_AUTO_TEST_CASE(an_io_error_fails_the_command_whole_and_the_game_goes_on) {
  using Fault = test::FaultVfs::Fault;
  test::FaultVfs vfs;
  int failed = 0, committed = 0;
  for (const std::uint64_t seed : {201, 202, 203, 204}) {
    const Durability durability = seed % 2 == 0 ? Durability::Full : Durability::Normal;
    test::TempFile file;
    Game faulty(test::logged_game(file.path, seed, durability));
    Game twin(test::logged_game(":memory:", seed, durability));
    const test::SmallWorld world = test::build_small_world(faulty);
    const test::SmallWorld twin_world = test::build_small_world(twin);
    BOOST_TEST_REQUIRE(world.ann == twin_world.ann);
    fuzz::Generator generate(seed, world, seed % 3 != 0);
    std::mt19937_64 random(seed);
    for (int step = 0; step < 80; ++step) {
      if (generate.chance(20)) {
        const GameTime to = faulty.reached_at() + 1 + generate.below(3 * kDay);
        faulty.advance_to(to);
        twin.advance_to(to);
      }
      const fuzz::Call call = generate.next();
      const bool fault = random() % 3 == 0;
      if (fault) {
        const Fault kinds[] = {Fault::WriteError, Fault::DiskFull, Fault::SyncError};
        vfs.arm(kinds[random() % 3], static_cast<std::int64_t>(random() % 6));
      }
      const std::string before = faulty.content_hash();
      try {
        const CommandAnswer answer = run_command(faulty, call.actor, call.name, call.arguments);
        vfs.clear();
        const CommandAnswer other = run_command(twin, call.actor, call.name, call.arguments);
        BOOST_TEST(answer.to_json() == other.to_json(), "seed " << seed << " step " << step);
        committed += answer.ok() ? 1 : 0;
      } catch (const Error& error) {
        const bool tripped = vfs.tripped();
        vfs.clear();
        BOOST_TEST_REQUIRE(tripped, "an error with no fault: " << error.what());
        BOOST_TEST((error.kind() == ErrorKind::Storage), error.what());
        BOOST_TEST(faulty.content_hash() == before, "seed " << seed << " step " << step);
        ++failed;
      }
    }
    BOOST_TEST(faulty.check().empty());
    BOOST_TEST(faulty.content_hash() == twin.content_hash(), "seed " << seed);
    const std::string hash = faulty.content_hash();
    faulty = Game(test::logged_game(file.path, seed, durability));
    BOOST_TEST(faulty.content_hash() == hash, "seed " << seed << ", reopened");
  }
  BOOST_TEST_MESSAGE("io errors: " << failed << " commands failed, " << committed << " committed");
  BOOST_TEST(failed > 5);
}

BOOST_AUTO_TEST_SUITE_END()

// The crash test: a child process moves money and items in a game file while the parent kills it
// with SIGKILL at random moments — while it opens the file, in the middle of a command, between
// commands. After every kill the parent reopens the file and checks that SQLite finds it intact,
// that the ledger and the inventory hold their invariants, and that every command the child
// acknowledged (through a pipe, after its commit) is still there. The child starts again from the
// reopened file each round, alternating durability Full and Normal (a process kill loses nothing
// at either level; only a power cut tells them apart).
//
// A second child runs commands of every domain through the registry, with game time moving on, in
// a game that logs them: after every kill each acknowledged command is in the log, and at the end
// the log replayed on the save it started from gives the file's content, so no command was left
// in part.
//
// HEARTH_CRASH_KILLS sets how many times each child is killed (default 25: a few seconds). Run
// more in a soak: `HEARTH_CRASH_KILLS=1000 build/tests/hearth_tests --run_test=crash_test`.
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/fuzz/command_generator.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay.h"
#include "tests/support/world.h"

#include "hearth/game.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;

namespace {

constexpr int kDefaultKills = 25;
constexpr int kPlayers = 6;
constexpr const char* kItems[] = {"Ore", "Gem", "Scroll"};

// What the child acknowledges: a ledger row or an item history row that has committed, or (in the
// test over every domain) the count of its commands that have.
enum class Row : std::int64_t { Transaction = 1, ItemEntry = 2, Command = 3 };

struct Ack {
  Row row = Row::Transaction;
  std::int64_t id = 0;
};

int kill_count() {
  const char* text = std::getenv("HEARTH_CRASH_KILLS");
  if (text == nullptr || *text == '\0') return kDefaultKills;
  const int kills = std::atoi(text);
  return kills > 0 ? kills : kDefaultKills;
}

// Rounds alternate the durability: a process kill loses nothing at either.
Durability durability_of(int round) {
  return round % 2 == 0 ? Durability::Full : Durability::Normal;
}

GameOptions options_for(const std::string& path, int round) {
  GameOptions options =
      test::options_with(std::make_shared<ManualClock>(test::kStart + round * kMinute), path);
  options.durability = durability_of(round);
  return options;
}

// Writes one acknowledgement; a pipe write this small is atomic.
void acknowledge(int fd, Row row, std::int64_t id) {
  const Ack ack{row, id};
  while (::write(fd, &ack, sizeof ack) < 0 && errno == EINTR) {
  }
}

// The child: random transfers, mints, burns, reversals, purchases and item moves, forever, each
// acknowledged after it returned. Never returns and never runs the test framework's teardown.
[[noreturn]] void run_child(const std::string& path, int round, int fd) {
  try {
    Game game(options_for(path, round));
    Ledger ledger = game.ledger();
    Inventory inventory = game.inventory();
    std::vector<std::string> users;
    std::vector<std::int64_t> accounts;
    for (const PlayerView& player : game.players().list()) {
      users.push_back(player.id);
      accounts.push_back(ledger.account_of(AccountOwner::user(player.id), 1)->id);
    }
    std::vector<std::int64_t> items;
    for (const char* name : kItems) items.push_back(inventory.item_named(name)->id);
    std::vector<std::int64_t> mine;  // this round's acknowledged transactions, to reverse
    std::mt19937_64 draw(static_cast<std::uint64_t>(round) * 7919 + 1);
    const auto pick = [&](std::size_t size) { return static_cast<std::size_t>(draw() % size); };
    for (;;) {
      const std::size_t a = pick(users.size()), b = pick(users.size());
      const std::int64_t amount = static_cast<std::int64_t>(draw() % 300) + 1;
      const std::int64_t item = items[pick(items.size())];
      const std::int64_t quantity = static_cast<std::int64_t>(draw() % 3) + 1;
      switch (draw() % 8) {
        case 0:
        case 1:
          if (auto id = ledger.transfer({accounts[a], accounts[b], amount})) {
            acknowledge(fd, Row::Transaction, *id);
            mine.push_back(*id);
          }
          break;
        case 2:
          if (auto ids = ledger.transfer_all(
                  {{accounts[a], accounts[b], amount},
                   {accounts[b], accounts[pick(accounts.size())], amount / 2 + 1}})) {
            for (std::int64_t id : *ids) acknowledge(fd, Row::Transaction, id);
          }
          break;
        case 3:
          if (auto id = draw() % 2 ? ledger.mint(accounts[a], amount)
                                   : ledger.burn(accounts[a], amount)) {
            acknowledge(fd, Row::Transaction, *id);
          }
          break;
        case 4:
          if (!mine.empty()) {
            if (auto id = ledger.reverse(mine[pick(mine.size())])) {
              acknowledge(fd, Row::Transaction, *id);
            }
          }
          break;
        case 5:
          if (auto receipt = inventory.buy({users[a], item, quantity})) {
            acknowledge(fd, Row::Transaction, receipt->transaction);
            acknowledge(fd, Row::ItemEntry, receipt->entry);
          }
          break;
        case 6:
          if (auto receipt = inventory.give({users[a], users[b], item, quantity})) {
            acknowledge(fd, Row::ItemEntry, receipt->removed_entry);
            acknowledge(fd, Row::ItemEntry, receipt->added_entry);
          }
          break;
        default: {
          const ItemChange change{users[a], item, quantity};
          if (auto id = draw() % 2 ? inventory.add(change) : inventory.remove(change)) {
            acknowledge(fd, Row::ItemEntry, *id);
          }
        }
      }
    }
  } catch (...) {
    ::_exit(3);
  }
}

// The child over every domain: registry commands from the generator (well-formed ones, and in odd
// rounds hostile ones among them) with game time moving on between them, forever, each command
// that committed acknowledged with its count.
[[noreturn]] void run_command_child(const std::string& path, const test::SmallWorld& world,
                                    int round, int fd) {
  try {
    Game game(test::logged_game(path, 0, durability_of(round)));
    fuzz::Generator generate(static_cast<std::uint64_t>(round) * 104729 + 5, world, round % 2 == 1);
    std::int64_t committed = 0;
    for (;;) {
      fuzz::play(game, generate, 1,
                 [&](const fuzz::Call&) { acknowledge(fd, Row::Command, ++committed); });
    }
  } catch (...) {
    ::_exit(3);
  }
}

// A new game file with players holding credits and items, closed again.
void set_up(const std::string& path) {
  Game game(options_for(path, 0));
  for (const char* name : kItems) {
    BOOST_TEST_REQUIRE(
        game.inventory().create_item({.name = name, .type = "MATERIAL", .price = 7}).ok());
  }
  for (int i = 0; i < kPlayers; ++i) {
    const auto player = game.players().create({.username = fmt::format("player{}", i)});
    BOOST_TEST_REQUIRE(player.ok(), player.detail());
    for (std::int64_t item = 1; item <= 3; ++item) {
      BOOST_TEST_REQUIRE(game.inventory().add({player->id, item, 5}).ok());
    }
  }
}

// Reads acknowledgements from `fd` into `acks` until `deadline` (or, with none, until the child's
// end of the pipe is closed). `partial` holds the bytes of an acknowledgement read only in part.
void collect(int fd, std::string& partial, std::vector<Ack>& acks,
             std::optional<std::chrono::steady_clock::time_point> deadline,
             std::size_t enough = SIZE_MAX) {
  char buffer[4096];
  while (acks.size() < enough) {
    int timeout = -1;
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return;
      timeout = static_cast<int>(left.count());
    }
    pollfd watch{fd, POLLIN, 0};
    const int ready = ::poll(&watch, 1, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return;
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;
    partial.append(buffer, static_cast<std::size_t>(got));
    const std::size_t whole = partial.size() / sizeof(Ack) * sizeof(Ack);
    for (std::size_t at = 0; at < whole; at += sizeof(Ack)) {
      Ack ack;
      std::memcpy(&ack, partial.data() + at, sizeof ack);
      acks.push_back(ack);
    }
    partial.erase(0, whole);
  }
}

// Forks a child running `child` (which writes acknowledgements to the fd it is given and never
// returns), kills it with SIGKILL and returns what it acknowledged. Where the kill lands is
// counted in work, not in time, so a slow machine changes nothing: one round in four is killed
// at once (while the child opens the file, or in its first command); the others after 1 to 40
// acknowledgements, then up to 2 ms more so that the kill lands inside a command as often as
// between two.
template <class Child>
std::vector<Ack> run_and_kill(std::mt19937_64& timing, int round, Child&& child) {
  std::vector<Ack> acks;
  int pipe_ends[2];
  BOOST_TEST_REQUIRE(::pipe(pipe_ends) == 0);
  const pid_t pid = ::fork();
  BOOST_TEST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_ends[0]);
    child(pipe_ends[1]);
    ::_exit(4);
  }
  ::close(pipe_ends[1]);
  std::string partial;
  const std::size_t wanted = round % 4 == 0 ? 0 : 1 + timing() % 40;
  if (wanted > 0) {
    collect(pipe_ends[0], partial, acks, std::nullopt, wanted);
    BOOST_TEST_REQUIRE(acks.size() >= wanted, "round " << round << ": the child stopped early");
  }
  std::this_thread::sleep_for(std::chrono::microseconds(timing() % 2000));
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  collect(pipe_ends[0], partial, acks, std::nullopt);
  BOOST_TEST(partial.empty(), "round " << round << ": a torn acknowledgement");
  ::close(pipe_ends[0]);
  BOOST_TEST_REQUIRE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
                     "round " << round << ": the child stopped by itself, status " << status);
  return acks;
}

// The first violation's sentence, for a failure message.
template <class Violations>
std::string first_detail(const Violations& violations) {
  return violations.empty() ? std::string() : violations.front().detail;
}

// The acknowledgements among `acks` whose row is missing from the file.
std::vector<Ack> missing(Game& game, const std::vector<Ack>& acks) {
  return core_of(game).read([&](SQLite::Database& sql) {
    SQLite::Statement transaction(sql, "SELECT 1 FROM transactions WHERE id = ?");
    SQLite::Statement entry(sql, "SELECT 1 FROM item_transactions WHERE id = ?");
    std::vector<Ack> lost;
    for (const Ack& ack : acks) {
      SQLite::Statement& query = ack.row == Row::Transaction ? transaction : entry;
      query.reset();
      query.bind(1, ack.id);
      if (!query.executeStep()) lost.push_back(ack);
    }
    return lost;
  });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash_test)

BOOST_AUTO_TEST_CASE(acknowledged_commands_survive_sigkill_and_the_file_stays_consistent) {
  test::TempFile file;
  set_up(file.path);
  const int kills = kill_count();
  std::mt19937_64 timing(20260101);
  std::vector<Ack> all;
  int rounds_with_work = 0;
  for (int round = 1; round <= kills; ++round) {
    const std::vector<Ack> acks =
        run_and_kill(timing, round, [&](int fd) { run_child(file.path, round, fd); });
    if (!acks.empty()) ++rounds_with_work;

    Game game(options_for(file.path, 0));
    const std::string integrity = core_of(game).read(
        [](SQLite::Database& sql) { return sql.execAndGet("PRAGMA integrity_check").getString(); });
    BOOST_TEST_REQUIRE(integrity == "ok", "round " << round);
    const auto ledger_violations = game.ledger().check_ledger();
    BOOST_TEST_REQUIRE(ledger_violations.empty(),
                       "round " << round << ": " << first_detail(ledger_violations));
    const auto inventory_violations = game.inventory().check_inventory();
    BOOST_TEST_REQUIRE(inventory_violations.empty(),
                       "round " << round << ": " << first_detail(inventory_violations));
    const auto lost = missing(game, acks);
    BOOST_TEST_REQUIRE(lost.empty(), "round " << round << ": " << lost.size() << " of "
                                              << acks.size() << " acknowledged rows are missing");
    all.insert(all.end(), acks.begin(), acks.end());
  }
  // Every acknowledgement of every round is still there at the end.
  Game game(options_for(file.path, 0));
  BOOST_TEST(missing(game, all).empty());
  // Three rounds in four waited for work before the kill: every one of them must show it.
  BOOST_TEST(rounds_with_work >= kills - (kills + 3) / 4, rounds_with_work << " of " << kills);
  BOOST_TEST_MESSAGE(fmt::format("crash_test: {} kills, {} acknowledged rows", kills, all.size()));
}

BOOST_AUTO_TEST_CASE(every_domain_keeps_its_acknowledged_commands_whole_through_sigkill) {
  test::TempFile file, save;
  test::SmallWorld world;
  {
    Game game(test::logged_game(file.path, 31));
    world = test::build_small_world(game);
    game.save_as(save.path);
  }
  const int kills = kill_count();
  std::mt19937_64 timing(20261201);
  std::size_t logged = 0;
  std::int64_t acknowledged = 0;
  std::set<std::string> names;
  for (int round = 1; round <= kills; ++round) {
    const std::vector<Ack> acks = run_and_kill(
        timing, round, [&](int fd) { run_command_child(file.path, world, round, fd); });
    Game game(test::logged_game(file.path, 0));
    const std::string integrity = core_of(game).read(
        [](SQLite::Database& sql) { return sql.execAndGet("PRAGMA integrity_check").getString(); });
    BOOST_TEST_REQUIRE(integrity == "ok", "round " << round);
    const std::vector<Violation> violations = game.check();
    BOOST_TEST_REQUIRE(violations.empty(), "round " << round << ": " << first_detail(violations));
    // Every acknowledged command is in the log, and at most one more: the one that had committed
    // when the kill came before its acknowledgement.
    const std::vector<LoggedCommand> log = test::whole_log(game);
    BOOST_TEST_REQUIRE(log.size() >= logged + acks.size(),
                       "round " << round << ": " << acks.size() << " acknowledged, "
                                << log.size() - logged << " logged");
    BOOST_TEST_REQUIRE(log.size() <= logged + acks.size() + 1, "round " << round);
    for (std::size_t i = 0; i < acks.size(); ++i) {
      BOOST_TEST_REQUIRE(acks[i].id == static_cast<std::int64_t>(i) + 1);
    }
    for (std::size_t i = logged; i < log.size(); ++i) names.insert(log[i].name);
    logged = log.size();
    acknowledged += static_cast<std::int64_t>(acks.size());
  }
  // Whole commands only: the log replayed on the save gives the file's very content.
  Game game(test::logged_game(file.path, 0));
  BOOST_TEST(test::replayed_hash(save.path, test::whole_log(game), game.reached_at()) ==
             game.content_hash());
  // The kills landed among commands of many domains, not one.
  BOOST_TEST(names.size() >= 10, names.size() << " commands");
  BOOST_TEST_MESSAGE(
      fmt::format("crash_test (every domain): {} kills, {} acknowledged commands "
                  "of {} kinds, {} logged",
                  kills, acknowledged, names.size(), logged));
}

BOOST_AUTO_TEST_SUITE_END()

// Accounts and access: authenticate per second beside raw SQLite finding the same token hash;
// effective privileges per second beside one raw SQL statement computing the same set; a log-in
// at the default bcrypt cost, and how many commands another connection commits while it hashes.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/identity/secrets.h"
#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/identity/players.h"
#include "hearth/progression/turns.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr int kAccounts = 2000;
constexpr int kRounds = 20;  // authentications per account

GameOptions options_for(const std::string& path, std::int64_t cost) {
  GameOptions options = test::options_with(std::make_shared<ManualClock>(test::kStart), path);
  options.durability = Durability::Normal;
  options.rules = Rules{};
  options.rules->accounts.password_cost = cost;
  return options;
}

// Raw SQLite: the SHA-256 of the token, then the token row, its user and any full ban in force on
// the user through the indexes.
double raw_authentications(const std::string& path, const std::vector<std::string>& tokens) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* find = nullptr;
  sqlite3_prepare_v3(db,
                     "SELECT t.user_id, t.expires_at, t.revoked_at, u.deleted, u.is_active, "
                     "u.activated, EXISTS (SELECT 1 FROM bans b WHERE b.user_id = t.user_id AND "
                     "b.privilege_ban = 0 AND b.ended_at IS NULL AND (b.expires_at IS NULL OR "
                     "b.expires_at > ?2)) FROM user_tokens t JOIN users u ON u.id = t.user_id "
                     "WHERE t.token = ?1 AND t.type = 'login'",
                     -1, SQLITE_PREPARE_PERSISTENT, &find, nullptr);
  int found = 0;
  const double elapsed = seconds([&] {
    for (int round = 0; round < kRounds; ++round) {
      for (const std::string& token : tokens) {
        const std::string hash = secrets::token_hash(token);
        sqlite3_bind_text(find, 1, hash.c_str(), static_cast<int>(hash.size()), SQLITE_STATIC);
        sqlite3_bind_int64(find, 2, test::kStart);
        found += sqlite3_step(find) == SQLITE_ROW ? 1 : 0;
        sqlite3_reset(find);
      }
    }
  });
  sqlite3_finalize(find);
  sqlite3_close(db);
  if (found != kRounds * static_cast<int>(tokens.size())) {
    throw std::runtime_error("raw SQLite did not find every token");
  }
  return elapsed;
}

// Raw SQLite: each user's privileges through the role tree and direct grants, less what privilege
// bans in force remove, in one statement (the users here hold no root and no full ban, which the
// engine checks as well). Returns the seconds and, through `held`, how many privileges it found.
double raw_privileges(const std::string& path, const std::vector<PlayerId>& users, GameTime now,
                      long& held) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v3(
      db,
      "WITH RECURSIVE given (id) AS (SELECT role_id FROM user_roles WHERE user_id = ?1 UNION "
      "SELECT r.parent_id FROM roles r JOIN given g ON r.id = g.id WHERE r.parent_id IS NOT NULL) "
      "SELECT privilege FROM privileges p WHERE (id IN (SELECT privilege_id FROM role_privileges "
      "WHERE role_id IN given) OR id IN (SELECT privilege_id FROM user_privileges WHERE user_id = "
      "?1)) AND NOT EXISTS (SELECT 1 FROM bans b JOIN ban_privileges bp ON bp.ban_id = b.id WHERE "
      "b.user_id = ?1 AND b.ended_at IS NULL AND (b.expires_at IS NULL OR b.expires_at > ?2) AND "
      "bp.privilege_id = p.id) ORDER BY privilege",
      -1, SQLITE_PREPARE_PERSISTENT, &query, nullptr);
  held = 0;
  const double elapsed = seconds([&] {
    for (int round = 0; round < kRounds; ++round) {
      for (const PlayerId& user : users) {
        sqlite3_bind_text(query, 1, user.value().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(query, 2, now);
        while (sqlite3_step(query) == SQLITE_ROW) ++held;
        sqlite3_reset(query);
      }
    }
  });
  sqlite3_finalize(query);
  sqlite3_close(db);
  return elapsed;
}

// Effective privileges, on a file of its own: every 10th user a moderator (three roles up the
// tree), every 7th under a privilege ban.
void privileges_bench() {
  test::TempFile file;
  Game game(options_for(file.path, 4));
  std::vector<PlayerId> users;
  for (int i = 0; i < kAccounts; ++i) {
    users.push_back(game.players().create({.username = fmt::format("pilot{}", i)}).value().id);
  }
  const PlayerId admin = users.front();
  if (!game.access().assign_role(admin, "admin")) throw std::runtime_error("no admin");
  for (std::size_t i = 1; i < users.size(); ++i) {
    if (i % 10 == 0 && !game.access().assign_role(users[i], "moderator")) {
      throw std::runtime_error("role refused");
    }
    if (i % 7 == 0 &&
        !game.access().ban({admin, users[i], "", "bench", test::kStart + kDay, {"trade"}})) {
      throw std::runtime_error("ban refused");
    }
  }
  long engine_held = 0;
  const double privileges = seconds([&] {
    for (int round = 0; round < kRounds; ++round) {
      for (const PlayerId& user : users) {
        engine_held += static_cast<long>(game.access().privileges(user).size());
      }
    }
  });
  long raw_held = 0;
  const double raw_set = raw_privileges(file.path, users, game.now(), raw_held);
  if (engine_held != raw_held) throw std::runtime_error("the privilege sets differ");
  // The floor: reading the rows the set is made of — the user's role, the four roles up the tree
  // and the 20 grants of the moderator chain, about 25 rows.
  const int reads = kRounds * static_cast<int>(users.size());
  print_floor_rate("effective privileges of a user (role tree, direct grants, bans)",
                   reads / privileges, reads / raw_set, floor_read_rate(reads, 25));
}

}  // namespace

void run_accounts_bench(const Scale&) {
  print_rate_header(fmt::format("Accounts ({} accounts)", kAccounts));
  test::TempFile file;
  std::vector<std::string> tokens;
  {
    Game game(options_for(file.path, 4));
    for (int i = 0; i < kAccounts; ++i) {
      const std::string name = fmt::format("pilot{}", i);
      if (!game.accounts().register_account({{.username = name}, "correct horse"})) {
        throw std::runtime_error("registration refused");
      }
      tokens.push_back(game.accounts().log_in(name, "correct horse").value().access_token);
    }
    int known = 0;
    const double engine = seconds([&] {
      for (int round = 0; round < kRounds; ++round) {
        for (const std::string& token : tokens)
          known += game.accounts().authenticate(token) ? 1 : 0;
      }
    });
    if (known != kRounds * kAccounts) throw std::runtime_error("a token was refused");
    const double raw = raw_authentications(file.path, tokens);
    // The floor: three rows read by key (the token, the user, no ban).
    print_floor_rate(
        "authenticate (SHA-256 of the token; the token, its user and their bans by index)",
        kRounds * kAccounts / engine, kRounds * kAccounts / raw,
        floor_read_rate(kRounds * kAccounts * 3, 1) / 3);
  }

  privileges_bench();

  // A log-in at the default cost (12) in one game while a second game on the same file commits
  // turn spends: the hash runs before the log-in's transaction, so the spends go on.
  GameOptions dear = options_for(file.path, Rules{}.accounts.password_cost);
  Game login_game(dear);
  if (!login_game.accounts().change_password(login_game.players().find_by_username("pilot0")->id,
                                             "correct horse", "battery staple")) {
    throw std::runtime_error("the password change was refused");
  }
  Game other(dear);
  std::vector<PlayerId> spenders;
  for (const PlayerView& player : other.players().list()) spenders.push_back(player.id);
  std::atomic<bool> done = false;
  long spends = 0;
  double login_seconds = 0;
  std::thread login([&] {
    login_seconds = seconds([&] {
      if (!login_game.accounts().log_in("pilot0", "battery staple")) {
        throw std::runtime_error("the log-in was refused");
      }
    });
    done = true;
  });
  // A spend every 0.1 ms: a busy game, not one that never lets go of the lock (a loop of
  // back-to-back commits starves a waiting writer: SQLite's busy handler polls).
  while (!done) {
    if (other.turns().spend(spenders[static_cast<std::size_t>(spends) % spenders.size()], 1)) {
      ++spends;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  login.join();
  print_floor_figure(
      "log-in at bcrypt cost 12",
      fmt::format("{:.0f} ms; meanwhile another game on the file committed {} spends",
                  login_seconds * 1e3, spends));
}

}  // namespace hearth::bench

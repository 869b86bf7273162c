// Issue 5: transfers per second through the engine (Ledger::transfer: one command, one ledger row,
// one event) and through raw SQLite prepared statements doing the same debit, credit and ledger
// insert in one transaction each, on a copy of the same file, at FULL and at NORMAL. A second row
// per durability gives raw SQLite the engine's event journal row too, to show what the engine
// costs beyond the writes it does.
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/game.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr int kAccounts = 10000;
constexpr std::int64_t kStartingBalance = 1000000;
constexpr GameTime kNow = 1767225600000;  // 2026-01-01

std::string user_id(int i) { return fmt::format("00000000-0000-4000-8000-{:012d}", i); }

// Fills a new game with kAccounts users, each holding a credits account with kStartingBalance
// minted to it through a ledger row, in one command of bulk SQL (the benchmark measures
// transfers, not set-up).
void populate(Game& game) {
  core_of(game).run([](Command& command) {
    SQLite::Database& sql = command.sql();
    SQLite::Statement user(sql,
                           "INSERT INTO users (id, username, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?3)");
    SQLite::Statement account(sql,
                              "INSERT INTO accounts (currency_id, owner_kind, user_id, balance, "
                              "created_at, updated_at) VALUES (1, 'user', ?1, ?2, ?3, ?3)");
    SQLite::Statement grant(sql,
                            "INSERT INTO transactions (currency_id, from_account_id, "
                            "to_account_id, amount, type, user_id, confirmed, automated, "
                            "created_at, updated_at) VALUES (1, 1, ?1, ?2, 'GRANT', ?3, 1, 1, "
                            "?4, ?4)");
    for (int i = 0; i < kAccounts; ++i) {
      user.bind(1, user_id(i));
      user.bind(2, fmt::format("user{}", i));
      user.bind(3, kNow);
      user.exec();
      user.reset();
      account.bind(1, user_id(i));
      account.bind(2, kStartingBalance);
      account.bind(3, kNow);
      account.exec();
      account.reset();
      grant.bind(1, sql.getLastInsertRowid());
      grant.bind(2, kStartingBalance);
      grant.bind(3, user_id(i));
      grant.bind(4, kNow);
      grant.exec();
      grant.reset();
    }
    SQLite::Statement mint(sql, "UPDATE accounts SET balance = balance - ? WHERE id = 1");
    mint.bind(1, kStartingBalance * kAccounts);
    mint.exec();
  });
}

struct Move {
  std::int64_t from = 0;  // account ids
  std::int64_t to = 0;
  int payer = 0;  // the users' indexes
  int receiver = 0;
  std::int64_t amount = 0;
};

std::vector<Move> draw_moves(Game& game, int count, std::uint64_t seed) {
  std::vector<std::int64_t> accounts(kAccounts);
  core_of(game).read([&](SQLite::Database& sql) {
    SQLite::Statement query(sql, "SELECT id FROM accounts WHERE user_id = ?");
    for (int i = 0; i < kAccounts; ++i) {
      query.bind(1, user_id(i));
      query.executeStep();
      accounts[static_cast<std::size_t>(i)] = query.getColumn(0).getInt64();
      query.reset();
    }
  });
  std::mt19937_64 draw(seed);
  std::vector<Move> moves;
  for (int i = 0; i < count; ++i) {
    const int from = static_cast<int>(draw() % kAccounts);
    int to = static_cast<int>(draw() % (kAccounts - 1));
    if (to >= from) ++to;
    moves.push_back({accounts[static_cast<std::size_t>(from)],
                     accounts[static_cast<std::size_t>(to)], from, to,
                     static_cast<std::int64_t>(draw() % 100) + 1});
  }
  return moves;
}

GameOptions options_for(const std::string& path, Durability durability) {
  GameOptions options;
  options.path = path;
  options.durability = durability;
  options.clock = std::make_shared<ManualClock>(kNow);
  options.seed = 5;
  return options;
}

// The same transfer, written with the sqlite3 C API: BEGIN IMMEDIATE, debit (only if covered),
// credit, ledger insert (and, with `journal`, the event row the engine writes), COMMIT —
// statements prepared once.
class RawLedger {
 public:
  RawLedger(const std::string& path, Durability durability, bool journal) {
    check(
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr));
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA foreign_keys = ON");
    exec(durability == Durability::Full ? "PRAGMA synchronous = FULL"
                                        : "PRAGMA synchronous = NORMAL");
    begin_ = prepare("BEGIN IMMEDIATE");
    commit_ = prepare("COMMIT");
    rollback_ = prepare("ROLLBACK");
    savepoint_ = prepare("SAVEPOINT transfer");
    release_ = prepare("RELEASE transfer");
    undo_ = prepare("ROLLBACK TO transfer");
    debit_ = prepare(
        "UPDATE accounts SET balance = balance - ?1, updated_at = ?2 WHERE id = ?3 AND "
        "balance >= ?1");
    credit_ = prepare("UPDATE accounts SET balance = balance + ?1, updated_at = ?2 WHERE id = ?3");
    insert_ = prepare(
        "INSERT INTO transactions (currency_id, from_account_id, to_account_id, amount, type, "
        "user_id, confirmed, automated, created_at, updated_at) VALUES (1, ?1, ?2, ?3, "
        "'TRANSFER', ?4, 1, 0, ?5, ?5)");
    if (journal) {
      event_ = prepare(
          "INSERT INTO events (at, type, actor, subject, payload) "
          "VALUES (?1, 'ledger.transferred', ?2, ?3, json(?4))");
    }
  }

  ~RawLedger() {
    for (sqlite3_stmt* statement : {begin_, commit_, rollback_, savepoint_, release_, undo_, debit_,
                                    credit_, insert_, event_}) {
      sqlite3_finalize(statement);
    }
    sqlite3_close(db_);
  }

  RawLedger(const RawLedger&) = delete;
  RawLedger& operator=(const RawLedger&) = delete;

  // Transfers until end_group() share one transaction, each a savepoint of it.
  void begin_group() {
    step(begin_);
    grouped_ = true;
  }

  void end_group() {
    step(commit_);
    grouped_ = false;
  }

  // True when the transfer committed, false when the payer was short (rolled back).
  bool transfer(const Move& move, const std::string& receiver) {
    step(grouped_ ? savepoint_ : begin_);
    sqlite3_bind_int64(debit_, 1, move.amount);
    sqlite3_bind_int64(debit_, 2, kNow);
    sqlite3_bind_int64(debit_, 3, move.from);
    step(debit_);
    if (sqlite3_changes(db_) != 1) {
      if (grouped_) {
        step(undo_);
        step(release_);
      } else {
        step(rollback_);
      }
      return false;
    }
    sqlite3_bind_int64(credit_, 1, move.amount);
    sqlite3_bind_int64(credit_, 2, kNow);
    sqlite3_bind_int64(credit_, 3, move.to);
    step(credit_);
    const std::string payer = user_id(move.payer);
    sqlite3_bind_int64(insert_, 1, move.from);
    sqlite3_bind_int64(insert_, 2, move.to);
    sqlite3_bind_int64(insert_, 3, move.amount);
    sqlite3_bind_text(insert_, 4, payer.c_str(), static_cast<int>(payer.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 5, kNow);
    step(insert_);
    if (event_ != nullptr) {
      const std::string payload = fmt::format(
          R"({{"transaction":{},"currency":1,"from":{},"to":{},"amount":{},"type":"TRANSFER",)"
          R"("from_user":"{}","to_user":"{}"}})",
          sqlite3_last_insert_rowid(db_), move.from, move.to, move.amount, payer, receiver);
      sqlite3_bind_int64(event_, 1, kNow);
      sqlite3_bind_text(event_, 2, payer.c_str(), static_cast<int>(payer.size()), SQLITE_STATIC);
      sqlite3_bind_text(event_, 3, receiver.c_str(), static_cast<int>(receiver.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(event_, 4, payload.c_str(), static_cast<int>(payload.size()),
                        SQLITE_STATIC);
      step(event_);
    }
    step(grouped_ ? release_ : commit_);
    return true;
  }

  // Per currency, the sum of the balances (0 when conserved).
  std::int64_t imbalance() {
    sqlite3_stmt* query = prepare("SELECT sum(balance) FROM accounts WHERE currency_id = 1");
    sqlite3_step(query);
    const std::int64_t sum = sqlite3_column_int64(query, 0);
    sqlite3_finalize(query);
    return sum;
  }

 private:
  void check(int code) {
    if (code != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  }

  void exec(const char* sql) { check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr)); }

  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr));
    return statement;
  }

  void step(sqlite3_stmt* statement) {
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (code != SQLITE_DONE && code != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  sqlite3_stmt* rollback_ = nullptr;
  sqlite3_stmt* savepoint_ = nullptr;
  sqlite3_stmt* release_ = nullptr;
  sqlite3_stmt* undo_ = nullptr;
  bool grouped_ = false;
  sqlite3_stmt* debit_ = nullptr;
  sqlite3_stmt* credit_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* event_ = nullptr;
};

// Times `count` transfers through the engine, raw SQLite, and raw SQLite with the event row, at
// one durability, alternating the three in `rounds` slices so that they share the machine's
// noise; prints two rows.
void compare(const std::vector<std::string>& paths, Durability durability, int count, int rounds,
             std::uint64_t seed) {
  Game game(options_for(paths[0], durability));
  Ledger ledger = game.ledger();
  RawLedger raw(paths[1], durability, false);
  RawLedger journaled(paths[2], durability, true);
  const std::vector<Move> moves = draw_moves(game, count, seed);
  double engine_seconds = 0, raw_seconds = 0, journaled_seconds = 0;
  int engine_done = 0, raw_done = 0, journaled_done = 0;
  const std::size_t slice = moves.size() / static_cast<std::size_t>(rounds);
  for (int round = 0; round < rounds; ++round) {
    const auto begin = moves.begin() + static_cast<std::ptrdiff_t>(slice) * round;
    const auto end = begin + static_cast<std::ptrdiff_t>(slice);
    engine_seconds += seconds([&] {
      for (auto move = begin; move != end; ++move) {
        const auto id = ledger.transfer(
            {move->from, move->to, move->amount, {.user_id = user_id(move->payer)}});
        engine_done += id.ok() ? 1 : 0;
      }
    });
    raw_seconds += seconds([&] {
      for (auto move = begin; move != end; ++move) {
        raw_done += raw.transfer(*move, user_id(move->receiver)) ? 1 : 0;
      }
    });
    journaled_seconds += seconds([&] {
      for (auto move = begin; move != end; ++move) {
        journaled_done += journaled.transfer(*move, user_id(move->receiver)) ? 1 : 0;
      }
    });
  }
  if (engine_done != raw_done || engine_done != journaled_done || raw.imbalance() != 0 ||
      journaled.imbalance() != 0) {
    throw std::runtime_error("the engine and raw SQLite did not do the same transfers");
  }
  const char* level = durability == Durability::Full ? "FULL" : "NORMAL";
  print_rate(fmt::format("transfer, one command each, {} ({} transfers, {} accounts)", level,
                         engine_done, kAccounts),
             engine_done / engine_seconds, raw_done / raw_seconds);
  print_rate(fmt::format("same, raw SQLite also writing the engine's event row, {}", level),
             engine_done / engine_seconds, journaled_done / journaled_seconds);
}

// Times `count` transfers in groups of `group` commands sharing one commit: through
// Game::atomically in the engine, a transaction with a savepoint per transfer in raw SQLite.
void compare_grouped(const std::vector<std::string>& paths, Durability durability, int count,
                     int group, std::uint64_t seed) {
  Game game(options_for(paths[0], durability));
  Ledger ledger = game.ledger();
  RawLedger raw(paths[2], durability, true);
  const std::vector<Move> moves = draw_moves(game, count, seed);
  int engine_done = 0, raw_done = 0;
  const double engine_seconds = seconds([&] {
    for (std::size_t first = 0; first < moves.size(); first += static_cast<std::size_t>(group)) {
      const Outcome grouped = game.atomically([&] {
        for (std::size_t i = first; i < std::min(moves.size(), first + group); ++i) {
          const Move& move = moves[i];
          const auto id =
              ledger.transfer({move.from, move.to, move.amount, {.user_id = user_id(move.payer)}});
          engine_done += id.ok() ? 1 : 0;
        }
        return Outcome{};
      });
      if (!grouped) throw std::runtime_error("a group of transfers was refused");
    }
  });
  const double raw_seconds = seconds([&] {
    for (std::size_t first = 0; first < moves.size(); first += static_cast<std::size_t>(group)) {
      raw.begin_group();
      for (std::size_t i = first; i < std::min(moves.size(), first + group); ++i) {
        raw_done += raw.transfer(moves[i], user_id(moves[i].receiver)) ? 1 : 0;
      }
      raw.end_group();
    }
  });
  if (engine_done != raw_done || raw.imbalance() != 0) {
    throw std::runtime_error("the engine and raw SQLite did not do the same grouped transfers");
  }
  print_rate(fmt::format("transfer, {} commands per commit, {} ({} transfers; raw with the "
                         "event row)",
                         group, durability == Durability::Full ? "FULL" : "NORMAL", engine_done),
             engine_done / engine_seconds, raw_done / raw_seconds);
}

}  // namespace

void run_ledger_bench(const Scale&) {
  print_header("Ledger: transfers per second");
  test::TempFile engine_file, raw_file, journaled_file;
  const std::vector<std::string> paths = {engine_file.path, raw_file.path, journaled_file.path};
  {
    Game game(options_for(engine_file.path, Durability::Normal));
    populate(game);
    game.save_as(raw_file.path);
    game.save_as(journaled_file.path);
  }
  compare(paths, Durability::Full, 3000, 6, 1);
  compare(paths, Durability::Normal, 30000, 6, 2);
  compare_grouped(paths, Durability::Full, 30000, 100, 3);

  Game game(options_for(engine_file.path, Durability::Normal));
  std::size_t violations = 0;
  const double check = seconds([&] { violations = game.ledger().check_ledger().size(); });
  const auto rows = core_of(game).read([](SQLite::Database& sql) {
    return sql.execAndGet("SELECT count(*) FROM transactions").getInt64();
  });
  print_figure(
      fmt::format("check_ledger over {} accounts and {} ledger rows", kAccounts + 26, rows),
      fmt::format("{:.1f} ms, {} violations", check * 1e3, violations));
}

}  // namespace hearth::bench

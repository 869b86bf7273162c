// The inspector on a large world: `hearth check`, `hash`, `export`, `import` and `export --user`
// (the program, as a user runs it) beside the best raw-SQLite version of the same logical work and
// the plain-SQLite floor for that many rows, in the same run.
#include <cstdlib>
#include <map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/core.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/core/command.h"
#include "tests/bench/harness.h"
#include "tests/bench/suites.h"

#include <openssl/evp.h>
#include <sys/resource.h>
#include <sys/wait.h>

namespace hearth::bench {

namespace {

constexpr GameTime kNow = 1767225600000;  // 2026-01-01
constexpr int kTransfers = 4;             // per user, besides the grant
constexpr int kEvents = 5;                // journal entries per user

std::string user_id(int i) { return fmt::format("00000000-0000-4000-8000-{:012d}", i); }

// `users` users, each with a credits account granted 1,000,000, four payments to other users, a
// stack of one item with its history row, and five journal entries; written in one command of
// bulk SQL that keeps every invariant.
void populate(const std::string& path, int users) {
  GameOptions options;
  options.path = path;
  options.clock = std::make_shared<ManualClock>(kNow);
  options.time_mode = TimeMode::Manual;
  options.seed = 1;
  options.durability = Durability::Normal;
  Game game(options);
  core_of(game).run([&](Command& command) {
    SQLite::Database& sql = command.sql();
    sql.exec(
        "INSERT INTO items (id, name, type) "
        "VALUES (1, 'ore', 'MATERIAL')");
    SQLite::Statement user(sql,
                           "INSERT INTO users (id, username, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?3)");
    SQLite::Statement account(sql,
                              "INSERT INTO accounts (currency_id, owner_kind, user_id, balance, "
                              "created_at, updated_at) VALUES (1, 'user', ?1, 0, ?2, ?2)");
    SQLite::Statement move(sql,
                           "INSERT INTO transactions (currency_id, from_account_id, "
                           "to_account_id, amount, type, user_id, confirmed, automated, "
                           "created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, 1, 1, ?6, ?6)");
    SQLite::Statement credit(sql, "UPDATE accounts SET balance = balance + ?2 WHERE id = ?1");
    SQLite::Statement stack(sql,
                            "INSERT INTO inventory (user_id, item_id, quantity) "
                            "VALUES (?1, 1, 3)");
    SQLite::Statement history(sql,
                              "INSERT INTO item_transactions (user_id, item_id, quantity, type, "
                              "created_at) VALUES (?1, 1, 3, 'GRANT', ?2)");
    SQLite::Statement event(sql,
                            "INSERT INTO events (at, type, actor, subject, payload) "
                            "VALUES (?1, 'bench.event', ?2, ?2, '{\"n\":1}')");
    const std::int64_t mint =
        sql.execAndGet("SELECT id FROM accounts WHERE system_name = 'mint' AND currency_id = 1")
            .getInt64();
    const auto pay = [&](std::int64_t from, std::int64_t to, std::int64_t amount, const char* type,
                         const std::string& by) {
      move.reset();
      move.bind(1, from);
      move.bind(2, to);
      move.bind(3, amount);
      move.bind(4, type);
      move.bind(5, by);
      move.bind(6, kNow);
      move.exec();
      for (const auto& [id, change] : {std::pair{from, -amount}, std::pair{to, amount}}) {
        credit.reset();
        credit.bind(1, id);
        credit.bind(2, change);
        credit.exec();
      }
    };
    std::vector<std::int64_t> accounts;
    for (int i = 0; i < users; ++i) {
      user.reset();
      user.bind(1, user_id(i));
      user.bind(2, fmt::format("user{}", i));
      user.bind(3, kNow);
      user.exec();
      account.reset();
      account.bind(1, user_id(i));
      account.bind(2, kNow);
      account.exec();
      accounts.push_back(sql.getLastInsertRowid());
      pay(mint, accounts.back(), 1000000, "GRANT", user_id(i));
      stack.reset();
      stack.bind(1, user_id(i));
      stack.exec();
      history.reset();
      history.bind(1, user_id(i));
      history.bind(2, kNow);
      history.exec();
      for (int e = 0; e < kEvents; ++e) {
        event.reset();
        event.bind(1, kNow);
        event.bind(2, user_id(i));
        event.exec();
      }
    }
    for (int i = 0; i < users; ++i) {
      for (int t = 1; t <= kTransfers; ++t) {
        pay(accounts[static_cast<std::size_t>(i)],
            accounts[static_cast<std::size_t>((i + t * 7919) % users)], 10 * t, "TRANSFER",
            user_id(i));
      }
    }
  });
}

// Seconds the inspector takes for `arguments` (its output thrown away); throws on a failure.
double run_inspector(const std::string& arguments) {
  const std::string command = std::string(HEARTH_INSPECTOR_PATH) + " " + arguments + " >/dev/null";
  int status = 0;
  const double taken = seconds([&] { status = std::system(command.c_str()); });
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("failed: hearth " + arguments);
  }
  return taken;
}

std::vector<std::string> table_names(sqlite3* db) {
  std::vector<std::string> names;
  sqlite3_stmt* list = raw_prepare(db,
                                   "SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
                                   "NOT LIKE 'sqlite_%' AND name <> 'migrations_applied' "
                                   "ORDER BY name");
  while (sqlite3_step(list) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  }
  sqlite3_finalize(list);
  return names;
}

// Steps through every row of every table, giving each row to `row` (the floor when it does
// nothing): in storage order, or in primary-key order when `ordered` (what a canonical hash needs).
std::int64_t each_row(sqlite3* db, bool ordered, const std::function<void(sqlite3_stmt*)>& row) {
  std::int64_t rows = 0;
  for (const std::string& table : table_names(db)) {
    std::string order;
    if (ordered) {
      sqlite3_stmt* key =
          raw_prepare(db, ("SELECT group_concat('\"' || name || '\"', ', ') FROM (SELECT name FROM "
                           "pragma_table_info('" +
                           table + "') WHERE pk > 0 ORDER BY pk)")
                              .c_str());
      if (sqlite3_step(key) == SQLITE_ROW && sqlite3_column_text(key, 0) != nullptr) {
        order =
            std::string(" ORDER BY ") + reinterpret_cast<const char*>(sqlite3_column_text(key, 0));
      }
      sqlite3_finalize(key);
    }
    sqlite3_stmt* all = raw_prepare(db, ("SELECT * FROM \"" + table + "\"" + order).c_str());
    while (sqlite3_step(all) == SQLITE_ROW) {
      row(all);
      ++rows;
    }
    sqlite3_finalize(all);
  }
  return rows;
}

}  // namespace

void run_inspector_bench(const Scale& scale) {
  const int users = scale.players;
  const auto temp = std::filesystem::temp_directory_path();
  const std::string world = (temp / "hearth_bench_inspector.hearth").string();
  const std::string document = (temp / "hearth_bench_inspector.json").string();
  const std::string copy = (temp / "hearth_bench_inspector_copy.hearth").string();
  const std::string raw_copy = (temp / "hearth_bench_inspector_raw.sqlite").string();
  for (const std::string& path : {world, copy, raw_copy}) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  populate(world, users);

  sqlite3* db = nullptr;
  sqlite3_open_v2(world.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  // The page cache the inspector's connections have (32 MiB; SQLite's default is 2 MiB).
  sqlite3_exec(db, "PRAGMA cache_size = -32768", nullptr, nullptr, nullptr);
  std::int64_t rows = 0;
  const double floor_read = seconds([&] { rows = each_row(db, false, [](sqlite3_stmt*) {}); });

  print_floor_header(
      fmt::format("The inspector on {} users ({} rows, {})", users, rows, mib(file_bytes(world))));

  // check: SQLite's two checks and the ledger and inventory sums as plain SQL.
  const double raw_check = seconds([&] {
    for (const char* sql :
         {"PRAGMA integrity_check", "PRAGMA foreign_key_check",
          "SELECT currency_id, sum(balance) FROM accounts GROUP BY currency_id",
          "SELECT a.id FROM accounts a LEFT JOIN (SELECT id, sum(d) AS s FROM (SELECT "
          "from_account_id AS id, -amount AS d FROM transactions WHERE confirmed = 1 UNION ALL "
          "SELECT to_account_id, amount FROM transactions WHERE confirmed = 1) GROUP BY id) l "
          "ON l.id = a.id WHERE a.balance <> ifnull(l.s, 0)",
          "SELECT user_id, item_id FROM (SELECT user_id, item_id, quantity AS q FROM inventory "
          "UNION ALL SELECT user_id, item_id, -quantity FROM item_transactions) "
          "GROUP BY user_id, item_id HAVING sum(q) <> 0"}) {
      sqlite3_stmt* statement = raw_prepare(db, sql);
      while (sqlite3_step(statement) == SQLITE_ROW) {
      }
      sqlite3_finalize(statement);
    }
  });
  print_floor_time("check (integrity, foreign keys, every invariant)",
                   run_inspector("check " + world), raw_check, floor_read);

  // hash: SHA-256 of every row.
  const double raw_hash = seconds([&] {
    EVP_MD_CTX* digest = EVP_MD_CTX_new();
    EVP_DigestInit_ex(digest, EVP_sha256(), nullptr);
    each_row(db, true, [&](sqlite3_stmt* row) {
      for (int i = 0; i < sqlite3_column_count(row); ++i) {
        const void* bytes = sqlite3_column_blob(row, i);
        EVP_DigestUpdate(digest, bytes, static_cast<std::size_t>(sqlite3_column_bytes(row, i)));
      }
    });
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(digest, out, &length);
    EVP_MD_CTX_free(digest);
  });
  print_floor_time("hash of the world", run_inspector("hash " + world), raw_hash, floor_read);

  // export: every row as JSON.
  const double raw_export = seconds([&] {
    std::FILE* out = std::fopen(document.c_str(), "wb");
    each_row(db, true, [&](sqlite3_stmt* row) {
      rapidjson::StringBuffer line;
      rapidjson::Writer<rapidjson::StringBuffer> writer(line);
      writer.StartArray();
      for (int i = 0; i < sqlite3_column_count(row); ++i) {
        switch (sqlite3_column_type(row, i)) {
          case SQLITE_INTEGER:
            writer.Int64(sqlite3_column_int64(row, i));
            break;
          case SQLITE_FLOAT:
            writer.Double(sqlite3_column_double(row, i));
            break;
          case SQLITE_NULL:
            writer.Null();
            break;
          default:
            writer.String(reinterpret_cast<const char*>(sqlite3_column_text(row, i)),
                          static_cast<rapidjson::SizeType>(sqlite3_column_bytes(row, i)));
        }
      }
      writer.EndArray();
      std::fprintf(out, "%s\n", line.GetString());
    });
    std::fclose(out);
  });
  print_floor_time("export of the world", run_inspector("export " + world + " " + document),
                   raw_export, floor_read);
  fmt::print("| (the document: {}) | | | | | |\n", mib(file_bytes(document)));

  // import: the same rows into a new file: raw, straight from the other file.
  const double raw_import = seconds([&] {
    sqlite3* target = nullptr;
    sqlite3_open(raw_copy.c_str(), &target);
    sqlite3_exec(target, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(target, ("ATTACH '" + world + "' AS source").c_str(), nullptr, nullptr, nullptr);
    sqlite3_stmt* schema = raw_prepare(target,
                                       "SELECT sql FROM source.sqlite_schema WHERE sql NOT NULL "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC");
    std::vector<std::string> statements;
    while (sqlite3_step(schema) == SQLITE_ROW) {
      statements.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(schema, 0)));
    }
    sqlite3_finalize(schema);
    sqlite3_exec(target, "BEGIN", nullptr, nullptr, nullptr);
    for (const std::string& sql : statements) {
      sqlite3_exec(target, sql.c_str(), nullptr, nullptr, nullptr);
    }
    for (const std::string& table : table_names(db)) {
      sqlite3_exec(
          target,
          ("INSERT INTO main.\"" + table + "\" SELECT * FROM source.\"" + table + "\"").c_str(),
          nullptr, nullptr, nullptr);
    }
    sqlite3_exec(target, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(target);
  });
  const double floor_write = seconds([&] {
    const std::string path = raw_copy + ".floor";
    sqlite3* target = nullptr;
    sqlite3_open(path.c_str(), &target);
    sqlite3_exec(target,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE floor (id "
                 "INTEGER PRIMARY KEY, value INTEGER); BEGIN",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = raw_prepare(target, "INSERT INTO floor (value) VALUES (?)");
    for (std::int64_t i = 0; i < rows; ++i) {
      sqlite3_bind_int64(insert, 1, i);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(target, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(target);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  });
  print_floor_time("import of the world into a new file (then checked)",
                   run_inspector("import " + copy + " " + document), raw_import, floor_write);
  // The children's peak resident memory: the largest run, the import (it parses the document
  // whole).
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  fmt::print("| (peak memory of the import: {:.0f} MiB) | | | | | |\n",
             static_cast<double>(children.ru_maxrss) / 1024.0);

  // One user with everything that is theirs, and their references.
  const double raw_user = seconds([&] {
    for (const char* sql :
         {"SELECT * FROM users WHERE id = ?1", "SELECT * FROM accounts WHERE user_id = ?1",
          "SELECT * FROM transactions WHERE from_account_id IN (SELECT id FROM accounts WHERE "
          "user_id = ?1) OR to_account_id IN (SELECT id FROM accounts WHERE user_id = ?1)",
          "SELECT * FROM inventory WHERE user_id = ?1",
          "SELECT * FROM item_transactions WHERE user_id = ?1",
          "SELECT * FROM events WHERE actor = ?1 OR subject = ?1"}) {
      sqlite3_stmt* statement = raw_prepare(db, sql);
      bind_text(statement, 1, user_id(users / 2));
      while (sqlite3_step(statement) == SQLITE_ROW) {
      }
      sqlite3_finalize(statement);
    }
  });
  print_floor_time(
      "export of one user (theirs and references)",
      run_inspector("export " + world + " " + document + " --user " + user_id(users / 2)), raw_user,
      raw_user);
  sqlite3_close(db);
  for (const std::string& path : {world, copy, raw_copy, document}) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
}

}  // namespace hearth::bench

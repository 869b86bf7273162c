// A fresh database with the whole engine schema, for tests of the SQL model itself.
#pragma once

#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "schema/schema.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include "hearth/game.h"

namespace hearth::test {

// The engine's migrations; with `before`, only those that come before that file (the schema of an
// older version).
inline storage::MigrationSet engine_migrations(std::string_view before = "") {
  storage::MigrationSet set;
  set.source = "hearth";
  set.owns_user_version = true;
  for (const auto& file : schema::files()) {
    if (file.name == before) break;
    set.steps.push_back({std::string(file.name), file.sql});
  }
  return set;
}

// Writes a game file at `path` as an older version left it: the engine's migrations before
// `before`, the clock and generator rows, the default rules, then `setup` (SQL) for its content.
inline void write_old_save(const std::string& path, std::string_view before,
                           const std::string& setup, GameTime at) {
  storage::OpenOptions open;
  open.application_id = kApplicationId;
  storage::Database db(path, open);
  storage::migrate(db, {engine_migrations(before)});
  db.sql().exec("INSERT INTO game_clock (id, created_at, reached_at) VALUES (1, " +
                std::to_string(at) + ", " + std::to_string(at) +
                "); INSERT INTO random_state (id, seed, state) VALUES (1, 1, 1)");
  SQLite::Statement rules(db.sql(),
                          "INSERT INTO rules (id, document, updated_at) VALUES (1, ?, 0)");
  rules.bind(1, Rules{}.to_json());
  rules.exec();
  db.sql().exec(setup);
}

// An in-memory database migrated to the engine's schema (foreign keys on), with no game on top.
struct FreshDatabase {
  FreshDatabase() { storage::migrate(db, {engine_migrations()}); }

  // Runs one statement; true when it succeeded, false when SQLite refused it (a constraint).
  bool try_exec(const std::string& statement) {
    try {
      db.sql().exec(statement);
      return true;
    } catch (const SQLite::Exception&) {
      return false;
    }
  }

  long long scalar(const std::string& query) { return db.sql().execAndGet(query).getInt64(); }

  storage::Database db{":memory:", storage::OpenOptions{kApplicationId}};
  SQLite::Database& sql = db.sql();
};

}  // namespace hearth::test

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

inline storage::MigrationSet engine_migrations() {
  storage::MigrationSet set;
  set.source = "hearth";
  set.owns_user_version = true;
  for (const auto& file : schema::files()) set.steps.push_back({std::string(file.name), file.sql});
  return set;
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

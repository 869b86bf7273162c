#include "storage/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace hearth::storage {

namespace {

// Bookkeeping every migrated file carries: which step of which source it has applied.
constexpr const char* kCreateBookkeeping = R"sql(
  CREATE TABLE IF NOT EXISTS migrations_applied (
    source TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    name TEXT NOT NULL,
    PRIMARY KEY (source, version)
  ) WITHOUT ROWID)sql";

bool has_bookkeeping(Database& db) { return db.sql().tableExists("migrations_applied"); }

std::vector<std::string> applied_names(Database& db, const std::string& source) {
  std::vector<std::string> names;
  if (!has_bookkeeping(db)) return names;
  SQLite::Statement query(db.sql(),
                          "SELECT name FROM migrations_applied WHERE source = ? ORDER BY version");
  query.bind(1, source);
  while (query.executeStep()) names.push_back(query.getColumn(0).getString());
  return names;
}

std::string where(Database& db) { return db.in_memory() ? "the database" : "'" + db.path() + "'"; }

// Refuses a file this build cannot bring up to date, before anything is written.
void check(Database& db, const MigrationSet& set, const std::vector<std::string>& applied) {
  if (set.owns_user_version && schema_version(db) != static_cast<int>(applied.size())) {
    if (schema_version(db) > static_cast<int>(set.steps.size())) {
      throw FileRefused(where(db) + " was written by a newer version of " + set.source +
                        " (schema version " + std::to_string(schema_version(db)) +
                        "; this build knows up to " + std::to_string(set.steps.size()) + ").");
    }
    throw FileRefused(where(db) + " is damaged: its schema version " +
                      std::to_string(schema_version(db)) + " disagrees with its " +
                      std::to_string(applied.size()) + " applied migrations.");
  }
  if (applied.size() > set.steps.size()) {
    throw FileRefused(where(db) + " was written by a newer version of " + set.source + " (" +
                      std::to_string(applied.size()) + " migrations applied; this build knows " +
                      std::to_string(set.steps.size()) + ").");
  }
  for (std::size_t i = 0; i < applied.size(); ++i) {
    if (applied[i] != set.steps[i].name) {
      throw FileRefused(where(db) + " does not match this build: its " + set.source +
                        " migration " + std::to_string(i + 1) + " is '" + applied[i] +
                        "', this build has '" + set.steps[i].name + "'.");
    }
  }
}

}  // namespace

int schema_version(Database& db) { return db.sql().execAndGet("PRAGMA user_version").getInt(); }

std::vector<std::string> pending(Database& db, const std::vector<MigrationSet>& sets) {
  std::vector<std::string> steps;
  for (const MigrationSet& set : sets) {
    const auto applied = applied_names(db, set.source);
    check(db, set, applied);
    for (std::size_t i = applied.size(); i < set.steps.size(); ++i) {
      steps.push_back(set.source + "/" + set.steps[i].name);
    }
  }
  return steps;
}

int migrate(Database& db, const std::vector<MigrationSet>& sets) {
  std::vector<std::size_t> done;
  for (const MigrationSet& set : sets) {
    const auto applied = applied_names(db, set.source);
    check(db, set, applied);
    done.push_back(applied.size());
  }
  // Every source is acceptable: from here on the file may be written.
  db.enable_wal();
  int count = 0;
  for (std::size_t s = 0; s < sets.size(); ++s) {
    const MigrationSet& set = sets[s];
    for (std::size_t i = done[s]; i < set.steps.size(); ++i) {
      const int version = static_cast<int>(i) + 1;
      SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
      db.sql().exec(kCreateBookkeeping);
      db.sql().exec(std::string(set.steps[i].sql));
      SQLite::Statement record(db.sql(), "INSERT INTO migrations_applied VALUES (?, ?, ?)");
      record.bind(1, set.source);
      record.bind(2, version);
      record.bind(3, set.steps[i].name);
      record.exec();
      if (set.owns_user_version) {
        db.sql().exec("PRAGMA user_version = " + std::to_string(version));
      }
      transaction.commit();
      ++count;
    }
  }
  return count;
}

}  // namespace hearth::storage

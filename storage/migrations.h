// Migrations: bringing a database's schema up to date with forward-only SQL steps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace hearth::storage {

// One forward-only step. Its version is its position in its set (1-based).
struct Migration {
  std::string name;      // e.g. "0002_identity.sql"; recorded, and checked on every open
  std::string_view sql;  // one or more statements; no BEGIN/COMMIT
};

// The ordered migrations of one source: the engine's own schema, or a game's extra tables.
// The set that owns the file's PRAGMA user_version keeps it equal to its applied count.
struct MigrationSet {
  std::string source;
  std::vector<Migration> steps;
  bool owns_user_version = false;
};

// Applies, in order, every step the file has not applied yet, each in its own transaction
// together with its record in the migrations_applied table (created by the first step).
// Every set is checked before anything is written: a file that has applied more steps of a set
// than this build knows, or a step under another name, is refused with FileRefused and left
// unchanged. Returns how many steps were applied (0 for an up-to-date file).
int migrate(Database& db, const std::vector<MigrationSet>& sets);

// The steps migrate() would apply, as "source/name", in order, after the same checks (a file this
// build cannot bring up to date is refused with FileRefused). Writes nothing.
std::vector<std::string> pending(Database& db, const std::vector<MigrationSet>& sets);

// The PRAGMA user_version of the file.
int schema_version(Database& db);

}  // namespace hearth::storage

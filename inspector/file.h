// Opening a game file for the inspector. Reading opens it read-only (nothing is written, not even
// a migration); writing needs a file that is up to date (`hearth migrate up` first). A missing,
// foreign, damaged or newer file is refused before anything touches it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/migrations.h"

#include "hearth/game.h"
#include "inspector/inspector.h"

namespace hearth::inspector {

// Refuses a path that is not an existing regular file (kMissing).
void require_file(const std::string& path);

// The file read-only through the engine: reads see one consistent snapshot each; commands throw.
Game open_reading(const Common& common);

// The file for the engine's own commands; refused (kFileRefused) when it needs migrating. With
// `rules`, the file runs with (and keeps) them from now on.
Game open_writing(const Common& common, std::optional<Rules> rules = std::nullopt);

// Throws the refusal as a Failure (kRefused) with its sentence; does nothing for an ok outcome.
void require(const Outcome& outcome);

// A plain read-only SQLite connection to the file (SQL the engine has no call for).
std::unique_ptr<storage::Database> open_sql(const Common& common);

// The engine's migration steps, as storage runs them.
std::vector<storage::MigrationSet> engine_migrations();

// Turns the exception being handled into a Failure with its exit status.
[[noreturn]] void rethrow_as_failure();

}  // namespace hearth::inspector

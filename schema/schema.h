// The engine's data model: the schema/NNNN_*.sql migrations, embedded at build time.
#pragma once

#include <span>
#include <string_view>

namespace hearth::schema {

// One migration file: its name (e.g. "0001_engine.sql") and its SQL text.
struct SqlFile {
  std::string_view name;
  std::string_view sql;
};

// Every migration, in the order it must be applied. The schema version of a file is the number
// of these it has applied.
std::span<const SqlFile> files();

}  // namespace hearth::schema

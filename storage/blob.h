// Blob: a BLOB cell read and written in pieces (SQLite's incremental blob I/O), so that a large
// value never has to be in memory whole. The cell must exist with its final size (zeroblob(n)).
#pragma once

#include <cstdint>
#include <span>

#include <SQLiteCpp/Database.h>

struct sqlite3_blob;

namespace hearth::storage {

class Blob {
 public:
  // Opens `table`.`column` of the row `rowid` for reading, or for writing too (`write`).
  // Throws SQLite::Exception when there is no such cell.
  Blob(SQLite::Database& db, const char* table, const char* column, std::int64_t rowid, bool write);
  ~Blob();

  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;

  std::int64_t size() const;

  // Reads `into.size()` bytes from `offset`; writes `from` at `offset`. The range must lie within
  // the cell (REQUIRES).
  void read(std::span<std::byte> into, std::int64_t offset) const;
  void write(std::span<const std::byte> from, std::int64_t offset);

 private:
  SQLite::Database& db_;
  sqlite3_blob* blob_ = nullptr;
};

}  // namespace hearth::storage

#include "storage/blob.h"

#include <SQLiteCpp/Exception.h>

#include <sqlite3.h>

namespace hearth::storage {

Blob::Blob(SQLite::Database& db, const char* table, const char* column, std::int64_t rowid,
           bool write)
    : db_(db) {
  const int rc =
      sqlite3_blob_open(db.getHandle(), "main", table, column, rowid, write ? 1 : 0, &blob_);
  if (rc != SQLITE_OK) {
    sqlite3_blob_close(blob_);
    blob_ = nullptr;
    throw SQLite::Exception(db.getHandle(), rc);
  }
}

Blob::~Blob() { sqlite3_blob_close(blob_); }

std::int64_t Blob::size() const { return sqlite3_blob_bytes(blob_); }

void Blob::read(std::span<std::byte> into, std::int64_t offset) const {
  const int rc = sqlite3_blob_read(blob_, into.data(), static_cast<int>(into.size()),
                                   static_cast<int>(offset));
  if (rc != SQLITE_OK) throw SQLite::Exception(db_.getHandle(), rc);
}

void Blob::write(std::span<const std::byte> from, std::int64_t offset) {
  const int rc = sqlite3_blob_write(blob_, from.data(), static_cast<int>(from.size()),
                                    static_cast<int>(offset));
  if (rc != SQLITE_OK) throw SQLite::Exception(db_.getHandle(), rc);
}

}  // namespace hearth::storage

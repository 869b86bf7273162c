// Database: one open SQLite file with the settings every game file runs with, and the check that
// an existing file belongs to this application before anything touches it.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include <SQLiteCpp/Database.h>

#include "storage/checkpointer.h"

namespace hearth::storage {

// How hard a commit works to survive a power loss. Full: every commit reaches the disk before it
// returns. Normal: commits reach the disk at checkpoints; a power loss may drop the last few, but
// never corrupts the file.
enum class Durability { Full, Normal };

struct OpenOptions {
  std::uint32_t application_id = 0;  // what PRAGMA application_id must say; set on new files
  Durability durability = Durability::Full;
  int busy_timeout_ms = 5000;  // how long to wait for another process's write lock
  int cache_size_kib = 32768;  // the page cache (SQLite's default is 2 MiB)
  // At Normal durability: how many pages the WAL may grow by before a checkpoint is started, on a
  // thread of its own, so that no commit runs one. At Full, SQLite's own checkpoint runs inside
  // the commit that takes the WAL past 1000 pages (faster there: see enable_wal()).
  int checkpoint_pages = 1000;
  // Opens an existing file to read only: a missing or empty path is refused (FileRefused)
  // instead of created, and every statement that would write the file fails (PRAGMA query_only).
  bool read_only = false;
};

// Thrown when a path holds something this application must not open: not an SQLite database,
// another application's database, or a file written by a newer version. what() is one sentence.
// The file is left exactly as it was.
class FileRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An open database file, or ":memory:". Opening an existing file first reads its header: a file
// that is not an SQLite database or that carries another application_id is refused before SQLite
// opens it. A missing or empty file is created and stamped with the application_id. Then foreign
// keys, the busy timeout and the durability level are set; none of these writes the file. WAL is
// switched on by enable_wal(), once the content has been checked (migrate() does it).
class Database {
 public:
  Database(std::string path, const OpenOptions& options);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  SQLite::Database& sql() { return *db_; }

  const std::string& path() const { return path_; }

  bool in_memory() const { return path_ == kInMemory; }

  // Whether this open created the file (or the in-memory database).
  bool created() const { return created_; }

  // Puts the file in WAL mode (a write to its header when it is not already) and starts the
  // checkpointer. Call only once the file's content is known to be acceptable: a refused file
  // must stay byte-for-byte as it was.
  void enable_wal();

  // The background checkpointer; null for an in-memory database, at Full durability, or before
  // enable_wal().
  const Checkpointer* checkpointer() const { return checkpointer_.get(); }

  static constexpr const char* kInMemory = ":memory:";

 private:
  std::string path_;
  bool created_ = false;
  std::string synchronous_;
  int checkpoint_pages_ = 1000;
  int woken_at_pages_ = 0;  // the WAL's size when the checkpointer was last woken
  std::unique_ptr<SQLite::Database> db_;
  // Declared after db_: stopped before the main connection closes.
  std::unique_ptr<Checkpointer> checkpointer_;
};

// Copies the whole database to `destination` through SQLite's online backup API, overwriting
// an older copy of the same application's file; any other existing file is refused with
// FileRefused and left alone. The source stays open and usable; the copy is a consistent snapshot.
void backup(Database& source, const std::string& destination);

}  // namespace hearth::storage

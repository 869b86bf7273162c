#include "storage/database.h"

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <SQLiteCpp/Backup.h>

#include <sqlite3.h>

namespace hearth::storage {

namespace {

// The first 100 bytes of every SQLite file (https://www.sqlite.org/fileformat.html).
constexpr std::size_t kHeaderSize = 100;
constexpr std::size_t kApplicationIdOffset = 68;
constexpr char kMagic[] = "SQLite format 3";  // followed by a NUL byte

std::uint32_t read_big_endian(const unsigned char* bytes) {
  return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
         std::uint32_t{bytes[2]} << 8 | std::uint32_t{bytes[3]};
}

// Refuses, by reading the header only, a file that is not ours. The application_id lives in the
// main file from the moment the file is created (it is set before WAL is switched on), so the
// header is authoritative for it even when a WAL file holds newer pages.
void check_header(const std::string& path, std::uint32_t application_id) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileRefused("Cannot read '" + path + "'.");
  std::array<unsigned char, kHeaderSize> header{};
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  if (in.gcount() != static_cast<std::streamsize>(header.size()) ||
      std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) {
    throw FileRefused("'" + path + "' is not a game file (it is not an SQLite database).");
  }
  const std::uint32_t found = read_big_endian(header.data() + kApplicationIdOffset);
  if (found != application_id) {
    throw FileRefused("'" + path + "' is not a game file (it is an SQLite database of " +
                      (found == 0 ? std::string("no known application") : "another application") +
                      ").");
  }
}

bool is_missing_or_empty(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) return true;
  return std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, error) == 0;
}

}  // namespace

Database::Database(std::string path, const OpenOptions& options) : path_(std::move(path)) {
  int flags = SQLite::OPEN_READWRITE;
  if (options.read_only && (in_memory() || is_missing_or_empty(path_))) {
    throw FileRefused("'" + path_ + "' does not exist (or is empty).");
  }
  if (in_memory() || is_missing_or_empty(path_)) {
    created_ = true;
    flags |= SQLite::OPEN_CREATE;
  } else {
    check_header(path_, options.application_id);
  }
  db_ = std::make_unique<SQLite::Database>(path_, flags, options.busy_timeout_ms);
  if (created_) {
    // Stamped before WAL is on, so that the id is in the main file's header from the start.
    db_->exec("PRAGMA application_id = " +
              std::to_string(static_cast<std::int32_t>(options.application_id)));
  }
  db_->exec("PRAGMA foreign_keys = ON");
  db_->exec("PRAGMA cache_size = -" + std::to_string(options.cache_size_kib));
  // What a row held before it was deleted or rewritten is zeroed within its page (at no extra
  // I/O), so that erased data does not linger in the file's free space.
  db_->exec("PRAGMA secure_delete = FAST");
  synchronous_ = options.durability == Durability::Full ? "FULL" : "NORMAL";
  db_->exec("PRAGMA synchronous = " + synchronous_);
  checkpoint_pages_ = options.checkpoint_pages;
  if (options.read_only) db_->exec("PRAGMA query_only = 1");
}

void Database::enable_wal() {
  if (in_memory() || checkpointer_) return;
  db_->exec("PRAGMA journal_mode = WAL");
  // At FULL every commit waits for the disk anyway, and a checkpoint syncing the main file at the
  // same time makes each of those waits longer (measured: 4.5k transfers/s inline, 2.7k/s with the
  // thread): SQLite's own checkpoint, inside the commit that crosses 1000 pages, stays.
  if (synchronous_ == "FULL") return;
  checkpointer_ = std::make_unique<Checkpointer>(path_, synchronous_);
  // Replaces SQLite's automatic checkpoint, which would run inside the committing command.
  sqlite3_wal_hook(
      db_->getHandle(),
      [](void* self, sqlite3*, const char*, int pages) {
        // Once per checkpoint_pages of growth: a checkpoint under way keeps the WAL from being
        // restarted, and waking on every commit meanwhile would sync the main file each time.
        auto& database = *static_cast<Database*>(self);
        if (pages < database.woken_at_pages_) database.woken_at_pages_ = 0;  // restarted
        if (pages - database.woken_at_pages_ >= database.checkpoint_pages_) {
          database.woken_at_pages_ = pages;
          database.checkpointer_->wake();
        }
        return SQLITE_OK;
      },
      this);
}

void backup(Database& source, const std::string& destination) {
  // Save-as may replace an older copy of a game, never some other file.
  if (!is_missing_or_empty(destination)) {
    check_header(destination, source.sql().execAndGet("PRAGMA application_id").getUInt());
  }
  SQLite::Database target(destination, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup copy(target, source.sql());
  copy.executeStep(-1);  // all pages in one step: a consistent snapshot of the source
}

}  // namespace hearth::storage

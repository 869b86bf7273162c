#include "inspector/file.h"

#include <filesystem>

#include <SQLiteCpp/Exception.h>
#include <fmt/core.h>

#include "schema/schema.h"
#include "storage/migrations.h"

namespace hearth::inspector {

void require_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw Failure(kMissing, fmt::format("'{}' does not exist or is not a file.", path));
  }
}

std::vector<storage::MigrationSet> engine_migrations() {
  std::vector<storage::MigrationSet> sets(1);
  sets[0].source = "hearth";
  sets[0].owns_user_version = true;
  for (const schema::SqlFile& file : schema::files()) {
    sets[0].steps.push_back({std::string(file.name), file.sql});
  }
  return sets;
}

std::unique_ptr<storage::Database> open_sql(const Common& common) {
  require_file(common.file);
  try {
    storage::OpenOptions options;
    options.application_id = kApplicationId;
    options.busy_timeout_ms = common.busy_timeout_ms;
    options.read_only = true;
    return std::make_unique<storage::Database>(common.file, options);
  } catch (...) {
    rethrow_as_failure();
  }
}

Game open_reading(const Common& common) {
  require_file(common.file);
  try {
    GameOptions options;
    options.path = common.file;
    options.read_only = true;
    options.busy_timeout_ms = common.busy_timeout_ms;
    return Game(options);
  } catch (...) {
    rethrow_as_failure();
  }
}

Game open_writing(const Common& common, std::optional<Rules> rules) {
  const std::vector<std::string> waiting = storage::pending(*open_sql(common), engine_migrations());
  if (!waiting.empty()) {
    throw Failure(
        kFileRefused,
        fmt::format("'{}' needs {} migration{}; run `hearth migrate up {}` first.", common.file,
                    waiting.size(), waiting.size() == 1 ? "" : "s", common.file));
  }
  try {
    GameOptions options;
    options.path = common.file;
    options.busy_timeout_ms = common.busy_timeout_ms;
    options.rules = std::move(rules);
    return Game(options);
  } catch (...) {
    rethrow_as_failure();
  }
}

void require(const Outcome& outcome) {
  if (!outcome.ok()) throw Failure(kRefused, outcome.detail());
}

void rethrow_as_failure() {
  constexpr int kSqliteBusy = 5;
  constexpr int kSqliteLocked = 6;
  const auto busy = [](int code) { return code == kSqliteBusy || code == kSqliteLocked; };
  try {
    throw;
  } catch (const Failure&) {
    throw;
  } catch (const storage::FileRefused& error) {
    throw Failure(kFileRefused, error.what());
  } catch (const Error& error) {
    if (busy(error.sqlite_code() & 0xff)) {
      throw Failure(kBusy, "Another process kept the game file locked past the busy timeout.");
    }
    switch (error.kind()) {
      case ErrorKind::CorruptData:
        throw Failure(kFileRefused, error.what());
      case ErrorKind::Usage:
        throw Failure(kUsage, error.what());
      default:
        throw Failure(kStorage, error.what());
    }
  } catch (const SQLite::Exception& error) {
    if (busy(error.getErrorCode())) {
      throw Failure(kBusy, "Another process kept the game file locked past the busy timeout.");
    }
    const int code = error.getErrorCode();
    throw Failure(code == 11 || code == 26 ? kFileRefused : kStorage,
                  std::string("SQLite: ") + error.what());
  } catch (const std::exception& error) {
    throw Failure(kStorage, error.what());
  }
}

}  // namespace hearth::inspector

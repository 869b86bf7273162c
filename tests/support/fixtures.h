// Test fixtures: fresh games on ":memory:" with a manual clock, and unique temporary files.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/core/access.h"
#include "engine/core/command.h"
#include "tests/support/print.h"

#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/extension/custom_tables.h"
#include "hearth/game.h"
#include "hearth/identity/players.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/progression/timers.h"
#include "hearth/progression/turns.h"
#include "hearth/social/teams.h"
#include "hearth/standing/personal_reputation.h"
#include "hearth/standing/ranks.h"
#include "hearth/standing/reputation.h"
#include "hearth/standing/team_reputation.h"
#include "hearth/world/locations.h"
#include <unistd.h>

namespace hearth::test {

// 2026-01-01T00:00:00Z: tests start at a fixed, realistic time.
constexpr GameTime kStart = 1767225600000;

// A path under the temp directory that no other test (or process) uses; the file and its WAL
// companions are removed on both ends.
struct TempFile {
  TempFile() {
    static std::atomic<int> counter{0};
    path = (std::filesystem::temp_directory_path() / ("hearth_test_" + std::to_string(::getpid()) +
                                                      "_" + std::to_string(counter++) + ".hearth"))
               .string();
    remove();
  }

  ~TempFile() { remove(); }

  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(path + suffix, ignored);
    }
  }

  std::string bytes() const {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  void write(const std::string& bytes) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }

  std::string path;
};

// Options for a game on `path` at kStart with a fixed seed and a manual clock.
inline GameOptions options_with(std::shared_ptr<ManualClock> clock, std::string path = ":memory:") {
  GameOptions options;
  options.path = std::move(path);
  options.clock = std::move(clock);
  options.seed = 42;
  return options;
}

// A new in-memory game whose time moves only when the test says so.
struct FreshGame {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
  Game game{options_with(clock)};
};

// The single integer `sql` yields, read from the game's file.
inline long long query_int(Game& game, const std::string& sql) {
  return core_of(game).read([&](SQLite::Database& db) { return db.execAndGet(sql).getInt64(); });
}

// The file's tables, but SQLite's own, by name.
inline std::vector<std::string> table_names(SQLite::Database& db) {
  std::vector<std::string> tables;
  SQLite::Statement names(db,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                          "LIKE 'sqlite_%' ORDER BY name");
  while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
  return tables;
}

// Every row of every table, as text: equal snapshots mean nothing was written.
inline std::string snapshot(Game& game) {
  return core_of(game).read([](SQLite::Database& db) {
    std::string out;
    for (const std::string& table : table_names(db)) {
      SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\"");
      out += table + "\n";
      while (rows.executeStep()) {
        for (int i = 0; i < rows.getColumnCount(); ++i) {
          out += rows.getColumn(i).isNull() ? std::string("NULL") : rows.getColumn(i).getString();
          out += '|';
        }
        out += '\n';
      }
    }
    return out;
  });
}

// Runs `sql` on the game's file directly (test set-up and tampering), outside any command.
inline void exec_sql(Game& game, const std::string& sql) { core_of(game).db().sql().exec(sql); }

// A predicate for BOOST_CHECK_EXCEPTION: the Error has this kind.
inline auto is_kind(ErrorKind kind) {
  return [kind](const Error& error) { return error.kind() == kind; };
}

}  // namespace hearth::test

// The benchmark harness: timing, memory and file sizes, and the tables each benchmark prints —
// the engine's figure beside raw SQLite doing the same logical work in the same run, and the
// plain-SQLite floor for that many rows.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include <sqlite3.h>

namespace hearth::bench {

// Seconds taken by `work`.
inline double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Resets the process's peak resident set size to its current size (Linux: /proc/self/clear_refs).
inline void reset_peak_memory() { std::ofstream("/proc/self/clear_refs") << "5"; }

// The process's peak resident set size since the last reset, in MiB (VmHWM).
inline double peak_memory_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

// The size of a file in bytes; 0 when it does not exist.
inline std::uintmax_t file_bytes(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

inline std::string mib(std::uintmax_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// A table of three figures per row: the engine, the best raw-SQLite version of the same logical
// work, and the plain-SQLite floor for that many rows; lower is better.
inline void print_floor_header(const std::string& title) {
  fmt::print(
      "\n## {}\n\n| measurement | engine | best raw SQLite | plain-SQLite floor | engine/raw | "
      "engine/floor |\n|---|---:|---:|---:|---:|---:|\n",
      title);
}

inline void print_floor_time(const std::string& what, double engine, double raw, double floor) {
  fmt::print("| {} | {:.1f} ms | {:.1f} ms | {:.1f} ms | {:.2f}× | {:.2f}× |\n", what, engine * 1e3,
             raw * 1e3, floor * 1e3, engine / raw, engine / floor);
}

inline void print_header(const std::string& title) {
  fmt::print(
      "\n## {}\n\n| measurement | engine | raw SQLite | engine/raw |\n|---|---:|---:|---:|\n",
      title);
}

// A row comparing durations (lower is better): ratio = engine / raw.
inline void print_time(const std::string& what, double engine_seconds, double raw_seconds) {
  fmt::print("| {} | {:.2f} ms | {:.2f} ms | {:.2f}× |\n", what, engine_seconds * 1e3,
             raw_seconds * 1e3, engine_seconds / raw_seconds);
}

// A row comparing rates (higher is better): ratio = raw rate / engine rate, i.e. how many times
// longer the engine takes per operation.
inline void print_rate(const std::string& what, double engine_per_second, double raw_per_second) {
  fmt::print("| {} | {:.0f} /s | {:.0f} /s | {:.2f}× |\n", what, engine_per_second, raw_per_second,
             raw_per_second / engine_per_second);
}

// A row with a single engine figure (no raw equivalent).
inline void print_figure(const std::string& what, const std::string& figure) {
  fmt::print("| {} | {} | — | — |\n", what, figure);
}

// The raw columns' helpers: a persistent prepared statement (throwing on an error), and text
// bound by copy. bind_text is named apart from std::bind, which argument-dependent lookup would
// otherwise pick for a temporary std::string, silently binding nothing.
inline sqlite3_stmt* raw_prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
  return statement;
}

inline void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  if (sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    throw std::runtime_error(
        fmt::format("binding parameter {} of {}", index, sqlite3_sql(statement)));
  }
}

// A table of rates (higher is better) with the plain-SQLite floor: ratios say how many times
// longer the engine takes per operation than raw SQLite and than the floor.
inline void print_rate_header(const std::string& title) {
  fmt::print(
      "\n## {}\n\n| measurement | engine | raw SQLite | plain-SQLite floor | engine/raw | "
      "engine/floor |\n|---|---:|---:|---:|---:|---:|\n",
      title);
}

inline void print_floor_rate(const std::string& what, double engine_per_second,
                             double raw_per_second, double floor_per_second) {
  fmt::print("| {} | {:.0f} /s | {:.0f} /s | {:.0f} /s | {:.2f}× | {:.2f}× |\n", what,
             engine_per_second, raw_per_second, floor_per_second,
             raw_per_second / engine_per_second, floor_per_second / engine_per_second);
}

// A row with a single engine figure in a table with the floor column.
inline void print_floor_figure(const std::string& what, const std::string& figure) {
  fmt::print("| {} | {} | — | — | — | — |\n", what, figure);
}

// The plain-SQLite floor for `operations` operations that each write `inserts` rows and update
// `updates` integer cells: one transaction each (synchronous = NORMAL, as the benchmarks' engine
// runs), minimal rows by rowid in a table with no constraint and no index. Operations per second.
inline double floor_write_rate(int operations, int inserts, int updates) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "hearth_bench_floor.sqlite").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE floor (id "
               "INTEGER PRIMARY KEY, v INTEGER); WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL "
               "SELECT i + 1 FROM seq WHERE i < 100000) INSERT INTO floor (v) SELECT i FROM seq",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = raw_prepare(db, "INSERT INTO floor (v) VALUES (1)");
  sqlite3_stmt* update = raw_prepare(db, "UPDATE floor SET v = v + 1 WHERE id = ?");
  const double elapsed = seconds([&] {
    for (int i = 0; i < operations; ++i) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      for (int row = 0; row < inserts; ++row) {
        sqlite3_step(insert);
        sqlite3_reset(insert);
      }
      for (int cell = 0; cell < updates; ++cell) {
        sqlite3_bind_int64(update, 1, (i * 7919 + cell * 104729) % 100000 + 1);
        sqlite3_step(update);
        sqlite3_reset(update);
      }
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
  });
  sqlite3_finalize(insert);
  sqlite3_finalize(update);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return operations / elapsed;
}

// The plain-SQLite floor for `operations` reads of `rows` consecutive rows each (by rowid, every
// column read), in a table of 100,000 minimal rows. Operations per second.
inline double floor_read_rate(int operations, int rows) {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db,
               "CREATE TABLE floor (id INTEGER PRIMARY KEY, v INTEGER); WITH RECURSIVE seq(i) AS "
               "(SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 100000) INSERT INTO floor (v) "
               "SELECT i FROM seq",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* read = raw_prepare(db, "SELECT id, v FROM floor WHERE id BETWEEN ?1 AND ?2");
  long seen = 0;
  const double elapsed = seconds([&] {
    for (int i = 0; i < operations; ++i) {
      const std::int64_t first = (i * 7919) % (100000 - rows) + 1;
      sqlite3_bind_int64(read, 1, first);
      sqlite3_bind_int64(read, 2, first + rows - 1);
      while (sqlite3_step(read) == SQLITE_ROW) seen += sqlite3_column_int64(read, 1) > 0;
      sqlite3_reset(read);
    }
  });
  sqlite3_finalize(read);
  sqlite3_close(db);
  if (seen != static_cast<long>(operations) * rows) throw std::runtime_error("floor: short read");
  return operations / elapsed;
}

}  // namespace hearth::bench

// What the inspector prints: times as dates, sizes, aligned tables, JSON values of SQLite
// columns, and progress on standard error.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "hearth/core/clock.h"

namespace SQLite {
class Column;
}

namespace hearth::inspector {

// A game time as an ISO 8601 date in UTC: "2026-01-01T12:00:00.250Z".
std::string date(GameTime at);

// A duration in words: "3 d 4 h", "12 min 5 s", "250 ms".
std::string duration(std::int64_t milliseconds);

// A size in bytes, KiB, MiB or GiB.
std::string size(std::int64_t bytes);

// A time or a duration from the command line: an ISO date ("2026-03-01", "2026-03-01T10:00:00Z")
// or, for a duration, a count and a unit ("90s", "15min", "2h", "3d"); nullopt when it is neither.
std::optional<GameTime> parse_date(std::string_view text);
std::optional<std::int64_t> parse_duration(std::string_view text);

// Prints rows under their headers, each column as wide as its widest cell.
void print_table(const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows);

// The text of a column for a table: NULL as "NULL", a blob as "<n bytes>".
std::string cell(const SQLite::Column& column);

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Writes a column as JSON: an integer, a real, a string, null, or {"base64": "..."} for a blob.
void write_json(JsonWriter& out, const SQLite::Column& column);

// Writes `text` to standard output followed by a newline.
void print_json(const rapidjson::StringBuffer& buffer);

// Progress of a long piece of work on standard error, once it has run for a second: redrawn in
// place with its rate and the time left when standard error is a terminal, else one plain line
// each tenth of the way; and a last line with the total time.
class Progress {
 public:
  Progress(std::string what, std::int64_t total, std::string unit);
  ~Progress();

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::int64_t done);

 private:
  void draw(bool last);

  std::string what_;
  std::string unit_;
  std::int64_t total_;
  std::int64_t done_ = 0;
  std::int64_t reported_tenths_ = 0;
  bool terminal_;
  bool drawn_any_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point drawn_;
};

}  // namespace hearth::inspector

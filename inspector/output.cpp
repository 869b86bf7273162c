#include "inspector/output.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <SQLiteCpp/Column.h>
#include <fmt/core.h>

#include <openssl/evp.h>
#include <unistd.h>

namespace hearth::inspector {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), for dates before and
// after the epoch alike.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

}  // namespace

std::string date(GameTime at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000 - (at % 1000 < 0 ? 1 : 0));
  const std::int64_t millis = ((at % 1000) + 1000) % 1000;
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) return std::to_string(at);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                     millis);
}

std::string duration(std::int64_t milliseconds) {
  if (milliseconds < 1000) return fmt::format("{} ms", milliseconds);
  const std::int64_t seconds = milliseconds / 1000;
  if (seconds < 60) return fmt::format("{} s", seconds);
  if (seconds < 3600) return fmt::format("{} min {} s", seconds / 60, seconds % 60);
  if (seconds < 86400) return fmt::format("{} h {} min", seconds / 3600, seconds % 3600 / 60);
  return fmt::format("{} d {} h", seconds / 86400, seconds % 86400 / 3600);
}

std::string size(std::int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

std::optional<GameTime> parse_date(std::string_view text) {
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail = 0;
  const std::string copy(text);
  const int read = std::sscanf(copy.c_str(), "%4u-%2u-%2u%c%2u:%2u:%2u", &year, &month, &day, &tail,
                               &hour, &minute, &second);
  const bool date_only = read == 3 && copy.size() == 10;
  const bool full = read == 7 && (tail == 'T' || tail == ' ') &&
                    (copy.size() == 19 || (copy.size() == 20 && copy.back() == 'Z'));
  if (!date_only && !full) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  const std::int64_t days = days_from_civil(year, month, day);
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  const std::int64_t count = std::stoll(std::string(text.substr(0, digits)));
  const std::string_view unit = text.substr(digits);

  struct Unit {
    std::string_view name;
    std::int64_t ms;
  };

  for (const Unit& known : {Unit{"ms", 1}, Unit{"s", 1000}, Unit{"min", 60000}, Unit{"h", 3600000},
                            Unit{"d", 86400000}, Unit{"w", 7 * 86400000LL}}) {
    if (unit == known.name) return count * known.ms;  // at most 10^12 weeks: no overflow
  }
  return std::nullopt;
}

void print_table(const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(headers.size());
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  };
  measure(headers);
  for (const auto& row : rows) measure(row);
  const auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}}  ", row[i], widths[i]);
    }
    fmt::print("{}\n", line);
  };
  print(headers);
  std::vector<std::string> rule;
  for (const std::size_t width : widths) rule.push_back(std::string(width, '-'));
  print(rule);
  for (const auto& row : rows) print(row);
}

std::string cell(const SQLite::Column& column) {
  if (column.isNull()) return "NULL";
  if (column.isBlob()) return fmt::format("<{} bytes>", column.getBytes());
  return column.getString();
}

void write_json(JsonWriter& out, const SQLite::Column& column) {
  if (column.isNull()) {
    out.Null();
  } else if (column.isInteger()) {
    out.Int64(column.getInt64());
  } else if (column.isFloat()) {
    out.Double(column.getDouble());
  } else if (column.isBlob()) {
    const auto* bytes = static_cast<const unsigned char*>(column.getBlob());
    const int length = column.getBytes();
    std::string encoded(static_cast<std::size_t>(4 * ((length + 2) / 3)), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), bytes, length);
    out.StartObject();
    out.Key("base64");
    out.String(encoded.data(), static_cast<rapidjson::SizeType>(encoded.size()));
    out.EndObject();
  } else {
    const std::string text = column.getString();
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
}

void print_json(const rapidjson::StringBuffer& buffer) {
  std::fwrite(buffer.GetString(), 1, buffer.GetSize(), stdout);
  std::fputc('\n', stdout);
}

Progress::Progress(std::string what, std::int64_t total, std::string unit)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(std::max<std::int64_t>(total, 1)),
      terminal_(::isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()),
      drawn_(started_) {}

Progress::~Progress() {
  if (drawn_any_) draw(true);
}

void Progress::advance(std::int64_t done) {
  done_ = std::min(done, total_);
  const auto now = std::chrono::steady_clock::now();
  // Work that ends within a second is not long: it reports nothing.
  if (now - started_ < std::chrono::seconds(1)) return;
  if (terminal_) {
    if (now - drawn_ < std::chrono::milliseconds(100)) return;
  } else {
    const std::int64_t tenths = done_ * 10 / total_;
    if (tenths <= reported_tenths_ || done_ == total_) return;
    reported_tenths_ = tenths;
  }
  drawn_ = now;
  drawn_any_ = true;
  draw(false);
}

void Progress::draw(bool last) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  const auto left =
      rate > 0 ? static_cast<std::int64_t>(static_cast<double>(total_ - done_) / rate * 1000.0) : 0;
  const std::string line =
      last ? fmt::format("{}: {} {} in {} ({:.0f}/s)", what_, done_, unit_,
                         duration(static_cast<std::int64_t>(seconds * 1000)), rate)
           : fmt::format("{}: {} of {} {} ({:.0f}/s, {} left)", what_, done_, total_, unit_, rate,
                         duration(left));
  if (terminal_) {
    fmt::print(stderr, "\r\033[K{}{}", line, last ? "\n" : "");
  } else {
    fmt::print(stderr, "{}\n", line);
  }
}

}  // namespace hearth::inspector

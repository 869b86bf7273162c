#include "sample_game/game_clock.h"

#include <cctype>
#include <ctime>

#include <fmt/core.h>

namespace hearth::sample_game {

std::optional<Duration> parse_duration(const std::string& text) {
  GameTime total = 0;
  std::size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    GameTime number = 0;
    const std::size_t digits_from = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      number = number * 10 + (text[i] - '0');
      if (number > 1000000) return std::nullopt;
      ++i;
    }
    if (i == digits_from || i == text.size()) return std::nullopt;
    switch (std::tolower(static_cast<unsigned char>(text[i]))) {
      case 'd':
        total += number * kDay;
        break;
      case 'h':
        total += number * kHour;
        break;
      case 'm':
        total += number * kMinute;
        break;
      case 's':
        total += number * kSecond;
        break;
      default:
        return std::nullopt;
    }
    ++i;
  }
  if (total < kSecond || total > 365 * kDay) return std::nullopt;
  return Duration(total);
}

std::string format_time(GameTime time) {
  const std::time_t seconds = static_cast<std::time_t>(time / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min);
}

}  // namespace hearth::sample_game

#include "hearth/core/clock.h"

#include <algorithm>
#include <chrono>

#include <fmt/core.h>

namespace hearth {

std::string format_duration(Duration duration) {
  const GameTime seconds = (std::max<GameTime>(0, duration.ms()) + kSecond - 1) / kSecond;
  if (seconds < 60) return fmt::format("{}s", seconds);
  if (seconds < 3600) return fmt::format("{}m {}s", seconds / 60, seconds % 60);
  if (seconds < 86400) return fmt::format("{}h {}m", seconds / 3600, seconds % 3600 / 60);
  return fmt::format("{}d {}h", seconds / 86400, seconds % 86400 / 3600);
}

GameTime SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace hearth

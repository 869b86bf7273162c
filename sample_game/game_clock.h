// The game's clock: a base time (the computer's clock, or a fixed start for scripted sessions)
// plus an offset that `wait` grows and the save file keeps.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "hearth/core/clock.h"

namespace hearth::sample_game {

class GameClock final : public Clock {
 public:
  // Runs on the system clock, or, with `fixed_start`, on a base that stands still at that time
  // (so a script gives the same output on every run).
  explicit GameClock(std::optional<GameTime> fixed_start = std::nullopt)
      : fixed_start_(fixed_start) {}

  GameTime now() const override { return base() + offset_.load(); }

  GameTime offset() const { return offset_.load(); }

  void set_offset(GameTime offset) { offset_.store(offset); }

 private:
  GameTime base() const { return fixed_start_ ? *fixed_start_ : system_.now(); }

  std::optional<GameTime> fixed_start_;
  SystemClock system_;
  std::atomic<GameTime> offset_{0};
};

// Reads a duration such as "90m", "3d", "1h30m" or "45s" (units d, h, m, s; at least one second,
// at most a year); nullopt when the text is not one.
std::optional<GameTime> parse_duration(const std::string& text);

// A game time as "2026-01-01 00:00 UTC".
std::string format_time(GameTime time);

}  // namespace hearth::sample_game

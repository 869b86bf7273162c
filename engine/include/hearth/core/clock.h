// Game time and the clocks that tell it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace hearth {

// Game time: a point in time, integer milliseconds since the Unix epoch, UTC.
using GameTime = std::int64_t;

// Milliseconds in a second, minute, hour, day, week: for arithmetic on game times
// (kStart + 3 * kDay).
constexpr GameTime kSecond = 1000;
constexpr GameTime kMinute = 60 * kSecond;
constexpr GameTime kHour = 60 * kMinute;
constexpr GameTime kDay = 24 * kHour;
constexpr GameTime kWeek = 7 * kDay;

// A length of game time, distinct from a point in it: what a cooldown lasts, how far to skip.
// Made explicitly (Duration::hours(2), Duration(90 * kMinute)), so a time cannot be passed where
// a length is expected by mistake.
class Duration {
 public:
  constexpr Duration() = default;

  constexpr explicit Duration(std::int64_t milliseconds) : ms_(milliseconds) {}

  static constexpr Duration seconds(std::int64_t n) { return Duration(n * kSecond); }

  static constexpr Duration minutes(std::int64_t n) { return Duration(n * kMinute); }

  static constexpr Duration hours(std::int64_t n) { return Duration(n * kHour); }

  static constexpr Duration days(std::int64_t n) { return Duration(n * kDay); }

  constexpr std::int64_t ms() const { return ms_; }

  friend constexpr bool operator==(Duration, Duration) = default;
  friend constexpr auto operator<=>(Duration, Duration) = default;

  friend constexpr Duration operator+(Duration a, Duration b) { return Duration(a.ms_ + b.ms_); }

  friend constexpr Duration operator-(Duration a, Duration b) { return Duration(a.ms_ - b.ms_); }

  friend constexpr Duration operator*(std::int64_t n, Duration d) { return Duration(n * d.ms_); }

  // A time moved by a length.
  friend constexpr GameTime operator+(GameTime t, Duration d) { return t + d.ms_; }

  friend constexpr GameTime operator-(GameTime t, Duration d) { return t - d.ms_; }

 private:
  std::int64_t ms_ = 0;
};

// The latest game time the engine accepts: 9999-12-31 23:59:59.999 UTC. Game time runs from the
// epoch (0) to here; a command, a clock reading or an advance outside that range fails with
// Error{Usage}. Within it, no rule's arithmetic can overflow.
constexpr GameTime kMaxGameTime = 253402300799999;

// A duration for a person: "45s", "12m 5s", "3h 20m", "2d 4h" (rounded up to the second).
std::string format_duration(Duration duration);

// Where a game gets "now". Everything in the engine asks its Clock; nothing reads the system
// time directly, so a test or a replay controls time completely.
class Clock {
 public:
  virtual ~Clock() = default;

  virtual GameTime now() const = 0;
};

// The computer's real-time clock.
class SystemClock final : public Clock {
 public:
  GameTime now() const override;
};

// A clock that moves only when told: for tests, replays and games with their own time.
// Safe to move from one thread while another reads it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(GameTime start = 0) : now_(start) {}

  GameTime now() const override { return now_.load(); }

  void set(GameTime time) { now_.store(time); }

  void advance(Duration duration) { now_.fetch_add(duration.ms()); }

  // Moves the clock `milliseconds` forward (kHour, 3 * kDay...).
  void advance(std::int64_t milliseconds) { now_.fetch_add(milliseconds); }

 private:
  std::atomic<GameTime> now_;
};

}  // namespace hearth

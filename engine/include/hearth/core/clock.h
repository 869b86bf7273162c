// Game time and the clocks that tell it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace hearth {

// Game time: integer milliseconds since the Unix epoch, UTC. Durations use the same unit.
using GameTime = std::int64_t;

constexpr GameTime kSecond = 1000;
constexpr GameTime kMinute = 60 * kSecond;
constexpr GameTime kHour = 60 * kMinute;
constexpr GameTime kDay = 24 * kHour;
constexpr GameTime kWeek = 7 * kDay;

// The latest game time the engine accepts: 9999-12-31 23:59:59.999 UTC. Game time runs from the
// epoch (0) to here; a command, a clock reading or an advance outside that range fails with
// Error{Usage}. Within it, no rule's arithmetic can overflow.
constexpr GameTime kMaxGameTime = 253402300799999;

// A duration for a person: "45s", "12m 5s", "3h 20m", "2d 4h" (rounded up to the second).
std::string format_duration(GameTime duration);

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

  void advance(GameTime duration) { now_.fetch_add(duration); }

 private:
  std::atomic<GameTime> now_;
};

}  // namespace hearth

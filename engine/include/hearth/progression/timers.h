// Timers: a user's cooldowns, timed effects and timed access, keyed by (user, type, key), and
// their expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

enum class TimerType { Cooldown, Effect, Access };

// An active timer.
struct TimerView {
  TimerType type = TimerType::Cooldown;
  std::string key;
  GameTime expires_at = 0;
  Duration remaining;           // expires_at - now
  std::string metadata = "{}";  // a JSON object (an effect's data, e.g. {"multiplier":2})

  bool operator==(const TimerView&) const = default;
};

// Starting and asking about timers (docs/rules.md, "Timers"). Obtain it from Game::timers().
// Every timer expires through the tick, which journals "cooldown.expired", "effect.expired" or
// "access.expired" once, as of its expiry time.
class Timers {
 public:
  explicit Timers(Core& core) : core_(core) {}

  // Starts the cooldown `key` for `duration`. Refuses with Refusal::CooldownActive (saying the
  // time left) while the same cooldown runs, a duration that is not positive, a key that is
  // empty or longer than 100 characters, and an unknown or deleted user.
  Outcome start_cooldown(const PlayerId& user, const std::string& key, Duration duration);

  // The time left on a cooldown; zero when it is not running.
  Duration cooldown_remaining(const PlayerId& user, const std::string& key) const;

  // Applies the effect `key` for `duration` with `metadata` (a JSON object). Re-applying a running
  // effect replaces it: new expiry, new metadata; effects never stack.
  Outcome apply_effect(const PlayerId& user, const std::string& key, Duration duration,
                       const std::string& metadata = "{}");

  // The running effect `key`, if any.
  std::optional<TimerView> effect(const PlayerId& user, const std::string& key) const;

  // Grants access `key` for `duration` from now (replacing an earlier grant).
  Outcome grant_access(const PlayerId& user, const std::string& key, Duration duration);

  bool has_access(const PlayerId& user, const std::string& key) const;

  // Ends a running timer now, without an expiry event. Refuses one that is not running.
  Outcome cancel(const PlayerId& user, TimerType type, const std::string& key);

  // Every running timer of `user`, soonest expiry first.
  std::vector<TimerView> active(const PlayerId& user) const;

 private:
  Outcome start(const PlayerId& user, TimerType type, const std::string& key, Duration duration,
                const std::string& metadata);

  std::optional<TimerView> find(const PlayerId& user, TimerType type, const std::string& key) const;

  Core& core_;
};

// The event types timers journals (payloads: docs/rules.md).
struct TimerEvents {
  static constexpr std::string_view kAccessExpired = "access.expired";
  static constexpr std::string_view kCooldownExpired = "cooldown.expired";
  static constexpr std::string_view kEffectExpired = "effect.expired";
  static constexpr std::string_view kTimerExpired = "timer.expired";
};

}  // namespace hearth

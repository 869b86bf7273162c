// Events: the journal of what happened in the game, and the listeners a game registers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "hearth/core/clock.h"

namespace hearth {

// One journal entry. Written in the transaction of the command that caused it, so an event
// exists exactly when its change does.
struct Event {
  std::int64_t id = 0;  // increasing: the order things happened in
  GameTime at = 0;      // the game time of the command (or of the tick) that caused it
  std::string type;     // e.g. "reputation.tier_changed"
  std::string actor;    // who caused it (usually a user id); empty for the engine itself
  std::string subject;  // whom it is about (usually a user id); empty when nobody
  std::string payload;  // a compact JSON object with the details

  bool operator==(const Event&) const = default;
};

// Called once per event after the command that wrote it has committed; never for a command that
// was refused or failed. Listeners run on the thread that ran the command, in registration order.
// An exception a listener throws reaches the caller of the command, which has committed anyway,
// and the remaining listeners for that command are not called.
using EventListener = std::function<void(const Event&)>;

// Identifies a registered listener, to remove it.
using ListenerId = std::int64_t;

// The event types game time (Game::pause, resume, skip and the clock checks) journals (payloads:
// docs/rules.md).
struct ClockEvents {
  static constexpr std::string_view kJumped = "clock.jumped";
  static constexpr std::string_view kPaused = "clock.paused";
  static constexpr std::string_view kResumed = "clock.resumed";
  static constexpr std::string_view kRewound = "clock.rewound";
  static constexpr std::string_view kSkipped = "clock.skipped";
};

}  // namespace hearth

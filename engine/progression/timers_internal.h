// Timers for the other concerns (activity cooldowns, item effects) and in the tick. Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/command.h"

#include "hearth/progression/timers.h"

namespace hearth {

namespace timers {

// Starts a timer inside the caller's command (Timers::start_cooldown, apply_effect and
// grant_access): refuses a running cooldown (CooldownActive), a duration that is not positive, a
// bad key or metadata, and an unknown or deleted user; replaces a running effect or access.
Outcome start(Command& command, const PlayerId& user, TimerType type, const std::string& key,
              Duration duration, const std::string& metadata);

// The running timer of that type and key, if any.
std::optional<TimerView> running(Reader& reader, const PlayerId& user, TimerType type,
                                 const std::string& key);

}  // namespace timers

// Timer, effect and access expiries, each journaled once as of its expiry.
void tick_timers(Command& command, GameTime to);

// Timers past their expiry at the time the file has reached that the tick has not expired
// (Game::check).
std::vector<Violation> timer_violations(Reader& reader);

}  // namespace hearth

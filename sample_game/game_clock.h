// Durations and times as the sample game reads and writes them. Game time itself is the engine's
// (the save keeps it; `wait` is Game::skip).
#pragma once

#include <optional>
#include <string>

#include "hearth/core/clock.h"

namespace hearth::sample_game {

// Reads a duration such as "90m", "3d", "1h30m" or "45s" (units d, h, m, s; at least one second,
// at most a year); nullopt when the text is not one.
std::optional<Duration> parse_duration(const std::string& text);

// A game time as "2026-01-01 00:00 UTC".
std::string format_time(GameTime time);

}  // namespace hearth::sample_game

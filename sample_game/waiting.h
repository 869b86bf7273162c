// Waiting: `wait DURATION` moves the game clock ahead, the engine's tick applies every
// time-driven rule for the time skipped, and the pilot sees what changed.
#pragma once

#include <string>

#include "sample_game/session.h"

namespace hearth::sample_game {

// `wait DURATION`, e.g. "90m", "3d", "1h30m": regenerated turns, decayed standings, expired
// effects and cooldowns. The skipped time is saved, so it stays skipped after quitting.
void wait(Session& session, const std::string& duration);

// On opening a save: applies what came due while it was closed (game time is the save's, so it
// never runs backwards).
void catch_up(Session& session);

}  // namespace hearth::sample_game

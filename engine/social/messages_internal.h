// The messages concern's internal API: its part in the tick, and what teams ask of it. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth::messages {

// Messages whose purge time has come (every side deleted them, the retention passed) are
// deleted for good.
void tick_purge(Command& command, GameTime to);

// A disbanded team's messages stay, without their team (their sender still sees them).
void detach_team(Command& command, const TeamId& team);

}  // namespace hearth::messages

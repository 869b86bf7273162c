// Team reputation's hooks for the teams concern. Internal.
#pragma once

#include <string>

#include "engine/core/command.h"

namespace hearth::team_reputation {

// Starts a new team's reputation (AVERAGE), computed at once and then on the daily schedule.
void open(Command& command, const TeamId& team);

// Ends a disbanded team's reputation.
void close(Command& command, const TeamId& team);

}  // namespace hearth::team_reputation

namespace hearth {

// Team standings recalculated on their daily schedule, from members' values in closed form as of
// each recalculation time.
void tick_team_reputation(Command& command, GameTime to);

}  // namespace hearth

// Team reputation's hooks for the teams concern. Internal.
#pragma once

#include <string>

#include "engine/core/command.h"

namespace hearth::team_reputation {

// Starts a new team's reputation (AVERAGE), computed at once and then on the daily schedule.
void open(Command& command, const std::string& team);

// Ends a disbanded team's reputation.
void close(Command& command, const std::string& team);

}  // namespace hearth::team_reputation

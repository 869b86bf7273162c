// Checks on players shared by every concern. Internal.
#pragma once

#include <string>

#include "engine/core/command.h"

namespace hearth::players {

// Ok when `player` exists and is not deleted; else a refusal (NotFound / NotAllowed) saying so.
Outcome check_active(Command& command, const std::string& player);

}  // namespace hearth::players

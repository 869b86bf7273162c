// The messages concern's part in the tick. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth::messages {

// Messages whose purge time has come (every side deleted them, the retention passed) are
// deleted for good.
void tick_purge(Command& command, GameTime to);

}  // namespace hearth::messages

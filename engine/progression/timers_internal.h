// Timers in the tick. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth {

// Timer, effect and access expiries, each journaled once as of its expiry.
void tick_timers(Command& command, GameTime to);

}  // namespace hearth

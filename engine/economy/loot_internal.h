// Loot drops in the tick. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth::loot {

// Drops nobody claimed by their expiry expire, each journaled once ("loot.expired") as of its
// expiry.
void tick_expiry(Command& command, GameTime to);

}  // namespace hearth::loot

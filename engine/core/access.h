// The engine internals behind a Game, for the engine's own code and its tests; never for games.
// Internal.
#pragma once

#include "engine/core/command.h"

#include "hearth/game.h"

namespace hearth {

// The Core of an open game.
Core& core_of(Game& game);

}  // namespace hearth

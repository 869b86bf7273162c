// The teams concern's internal API: what other concerns ask of a player's membership. Internal.
#pragma once

#include <optional>

#include "engine/core/command.h"

namespace hearth::teams {

// A player's place in a team.
struct Membership {
  TeamId team;
  GameTime joined_at = 0;
};

// The team `player` is in now; nullopt when none.
std::optional<Membership> membership(Reader& reader, const PlayerId& player);

}  // namespace hearth::teams

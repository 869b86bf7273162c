// XP for the concerns that award it (quests, item use, loot). Internal.
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/command.h"

#include "hearth/progression/levels.h"

namespace hearth::levels {

// Awards `amount` XP inside the caller's command (Levels::award's rules and events), `actor`
// being who caused it (empty for the game). Refuses what Levels::award refuses.
Result<XpAward> award(Command& command, const PlayerId& user, std::int64_t amount,
                      const std::string& reason, const std::string& actor = "");

}  // namespace hearth::levels

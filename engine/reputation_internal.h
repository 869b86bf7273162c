// Faction reputation's closed form and tier lookups, shared with team reputation. Internal.
#pragma once

#include <cstdint>
#include <string>

#include "engine/command.h"

namespace hearth::reputation {

struct Tier {
  std::string level = "NEUTRAL";
  std::string title = "Neutral";
  std::int64_t numeric = 0;
};

// The faction tier whose band holds `value` (reputation_tiers).
Tier faction_tier(Command& command, std::int64_t value);

// `value` after the decay steps due by `at`, the first of them due at `due` (0: none coming).
std::int64_t decayed(std::int64_t value, GameTime due, GameTime at, const ReputationRules& rules);

// The first decay step after `after` for a standing last changed at `last_activity`, or 0 when
// the value does not decay (within ±decay_floor).
GameTime next_decay_step(std::int64_t value, GameTime last_activity, GameTime after,
                         const ReputationRules& rules);

}  // namespace hearth::reputation

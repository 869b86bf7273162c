// Personal reputation's closed form, shared with the players' view. Internal.
#pragma once

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

#include "engine/core/command.h"

#include "hearth/rules.h"

namespace hearth::personal_reputation {

// `value` after the decay steps due by `at`, the first of them due at `due` (0: none).
std::int64_t decayed(std::int64_t value, GameTime due, GameTime at,
                     const PersonalReputationRules& rules);

// The first weekly decay step strictly after `at`: steps fall on a fixed weekly grid (Mondays,
// 00:00 UTC, for the default week), the same for every player.
GameTime next_step_after(GameTime at, const PersonalReputationRules& rules);

// The tier name and name colour of `value` (personal_reputation_tiers).
std::pair<std::string, std::string> tier_of(Reader& sql, std::int64_t value);

}  // namespace hearth::personal_reputation

namespace hearth {

// The weekly sweep's steps a player sees (tier crossings, reaching 0), each as of its grid time.
void tick_personal_reputation(Command& command, GameTime to);

// Makes the tick look at every decaying alignment on its next step again (the rules changed: the
// visible steps may have moved).
void reschedule_personal_reputation_decay(Command& command);

}  // namespace hearth

// Faction reputation's closed form and tier lookups, shared with team reputation. Internal.
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/command.h"

namespace hearth::reputation {

struct Tier {
  std::string level = "NEUTRAL";
  std::string title = "Neutral";
  std::int64_t numeric = 0;
  std::int64_t min_value = -50;  // the band of values the tier holds
  std::int64_t max_value = 49;
};

// The faction tier whose band holds `value` (reputation_tiers).
Tier faction_tier(Reader& reader, std::int64_t value);

// `value` after the decay steps due by `at`, the first of them due at `due` (0: none coming).
std::int64_t decayed(std::int64_t value, GameTime due, GameTime at, const ReputationRules& rules);

// The first decay step after `after` for a standing last changed at `last_activity`, or 0 when
// the value does not decay (within ±decay_floor).
GameTime next_decay_step(std::int64_t value, GameTime last_activity, GameTime after,
                         const ReputationRules& rules);

// The decay step, at or after `due` (the first one not yet applied to `value`, which is in
// `tier`), that a player would see: the one that moves the value into another tier or onto the
// floor. The tick visits a row then and only then. 0 when none is coming.
GameTime next_visible_step(std::int64_t value, GameTime due, const Tier& tier,
                           const ReputationRules& rules);

// What a reputations row stores that its value over time depends on.
struct Stored {
  std::int64_t value = 0;
  GameTime due = 0;  // the next decay step; 0: none scheduled
  bool paused = false;
  bool locked = false;
  GameTime lock_expires_at = 0;  // 0: a lock without an end
  GameTime last_activity_at = 0;
};

// The decay schedule in force at `at`: a lock that has expired by then is lifted as of its expiry
// (decay resumes on the weekly grid after it), exactly as the tick lifts it. 0: no decay.
GameTime due_at(const Stored& row, GameTime at, const ReputationRules& rules);

// The value the row shows at `at`, in closed form: everything due by then applied.
std::int64_t value_at(const Stored& row, GameTime at, const ReputationRules& rules);

// The first time after `after` at which value_at may differ from value_at(after); INT64_MAX when
// it never will.
GameTime next_change_after(const Stored& row, GameTime after, const ReputationRules& rules);

// A player's standing with a faction (by the faction's id) at the command's time; 0 when the player
// has none yet.
std::int64_t value_now(Command& command, const PlayerId& player, const std::string& faction_id);

}  // namespace hearth::reputation

namespace hearth {

// Faction reputation in the tick: expired locks lifted as of their expiry (decay rescheduled
// from then), then the decay steps a player sees (tier crossings, the floor), each as of its
// time.
void tick_reputation_locks(Command& command, GameTime to);
void tick_reputation_decay(Command& command, GameTime to);

// Makes the tick look at every decaying standing on its next step again (the rules changed: the
// visible steps may have moved).
void reschedule_reputation_decay(Command& command);

}  // namespace hearth

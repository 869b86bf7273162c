// The tick's wiring: the time-driven rule of each concern, applied by advance_world() in a fixed
// order for the game time (reached, to]. Internal to the engine.
//
// Every rule is closed-form: it stores the time its next change is due in an indexed column,
// touches only rows whose due time has come, and applies each change as of the time it was due
// (journaling its events with that time). So advancing in one step or in many smaller ones
// leaves the same rows and the same events; within one tick the journal lists them rule by rule
// (in the order below), each rule's in order of due time.
#pragma once

#include "engine/core/command.h"

namespace hearth {

// Team standings recalculated on their daily schedule, from members' values as of each
// recalculation time. Runs first: it reads reputation rows in closed form, before decay moves them.
void tick_team_reputation(Command& command, GameTime to);

// Faction reputation: lock expiries, then decay steps.
void tick_reputation(Command& command, GameTime to);

// Personal reputation decay steps.
void tick_personal_reputation(Command& command, GameTime to);

// Turn pools that regenerate (or refill) to their cap.
void tick_turns(Command& command, GameTime to);

// Timer, effect and access expiries.
void tick_timers(Command& command, GameTime to);

}  // namespace hearth

// The tick: the time-driven rules of every concern, applied by advance_world() in a fixed order
// for the game time (reached, to]. Internal to the engine.
//
// Every rule is closed-form: it stores the time its next change is due in an indexed column,
// touches only rows whose due time has come, and applies each change as of the time it was due
// (journaling its events with that time). So advancing in one step or in many smaller ones
// leaves the same rows and the same events; within one tick the journal lists them rule by rule
// (in registry order), each rule's in order of due time.
#pragma once

#include <span>

#include "engine/core/command.h"

namespace hearth {

// One time-driven rule: where its next due time is kept, and how it applies what is due.
struct TimeRule {
  // A name for people: "faction reputation".
  const char* name;
  // A scalar SQL query for the earliest time the rule has work, or NULL when none is scheduled;
  // it should read one index.
  const char* next_due;
  // Applies everything the rule has due by `to`, each change as of its own due time.
  void (*advance)(Command& command, GameTime to);
  // Recomputes the stored due times when they depend on the rules and a game opens its file
  // with different ones; null when they do not.
  void (*rules_changed)(Command& command) = nullptr;
};

// Expires due rows set-based, in batches of at most 4096 so that a slice of a catch-up can stop
// between them (the timers', the loot drops'). `journal` is a SELECT of the due rows' events (the
// columns of journal_select, engine/core/query.h) and `mark` an UPDATE that marks the same rows
// done; both take ?1 = `to` and ?2 = the batch size and choose rows in the same order. Exactly
// once: the events and the marks of a batch are written in the same transaction.
void expire_in_batches(Command& command, GameTime to, const char* journal, const char* mark);

// Lets every rule recompute its due times after the rules changed (engine/core/tick.cpp).
void reschedule_after_rules_change(Command& command);

// The registry: every time-driven rule, in the order the tick applies them (engine/core/
// time_rules.cpp). A new rule is one entry there. advance_world() (engine/core/command.h) runs
// them.
std::span<const TimeRule> time_rules();

}  // namespace hearth

// Quests advancing on the journal. Internal.
#pragma once

#include <string>
#include <string_view>

#include "engine/core/command.h"

namespace hearth::quests {

// Advances the quests of the event's subject that the event matches, and completes (and pays)
// those that reach their target, inside the command that journaled it. Does nothing, cheaply,
// for an event no quest's trigger can match.
void advance(Command& command, std::string_view type, const std::string& subject,
             const std::string& payload);

// Whether some quest has a trigger at all (advance may do something for some event).
bool watching(Command& command);

}  // namespace hearth::quests

// The onboarding concern's internal API. Internal.
#pragma once

#include <string>

#include "engine/core/command.h"

namespace hearth::onboarding {

// Gives a new player its first-login state: onboarding still to do.
void open(Command& command, const PlayerId& player);

// Erases a deleted player's onboarding transcripts (the sessions, with what the player answered
// and what was taken from it); whether onboarding was completed stays.
void erase_transcripts(Command& command, const PlayerId& player);

}  // namespace hearth::onboarding

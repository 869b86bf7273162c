// The access concern's internal API. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth::access {

// Gives a new user every automatic role and privilege.
void grant_automatic(Command& command, const PlayerId& user);

}  // namespace hearth::access

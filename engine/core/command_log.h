// The command log's writer: run_command records a command that commits (engine/core/commands.cpp).
// Internal.
#pragma once

#include <string_view>

#include "engine/core/command.h"

#include "hearth/core/id.h"

namespace hearth {

// Appends `name` run by `actor` with `arguments` at the command's game time to command_log, in the
// command's transaction.
void record_command(Command& command, const PlayerId& actor, std::string_view name,
                    std::string_view arguments);

}  // namespace hearth

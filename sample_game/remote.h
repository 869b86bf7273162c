// Playing on someone's host (`--connect ADDR:PORT`): the pilots of one world, each at their own
// terminal, see each other's messages and friend requests as they happen.
#pragma once

#include <istream>
#include <string>

namespace hearth::sample_game {

// Reads commands from `in` and plays them on the host at `address` until `quit` or the end of the
// input. Returns the process's exit status: 1 when the host cannot be reached.
int play_remote(const std::string& address, std::istream& in, bool interactive);

}  // namespace hearth::sample_game

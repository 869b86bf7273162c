// Commands: what the pilot types, and the one place that reads a line and dispatches it.
#pragma once

#include <string>

#include "sample_game/session.h"

namespace hearth::sample_game {

// Runs one line of input: a command, or — while the active pilot is at the shipyard gate — a
// reply to the guard. Every mistyped or impossible command is answered with one sentence and
// changes nothing. Returns false once the player quits.
bool run_line(Session& session, const std::string& line);

// What to print before reading the next line, e.g. "ada@Sol> ".
std::string prompt(Session& session);

// What the game says when a save opens: the active pilot's situation, or how to begin.
void greet(Session& session);

}  // namespace hearth::sample_game

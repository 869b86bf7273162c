// Arrival: registering a pilot and the first-login negotiation with the shipyard guard
// (the engine's onboarding). While the active pilot is at the gate, every line it types is a
// reply to the guard.
#pragma once

#include <string>

#include "sample_game/session.h"

namespace hearth::sample_game {

// `new NAME`: creates the player and its pilot, makes it active and opens the negotiation.
void register_pilot(Session& session, const std::string& name);

// Whether the active pilot has not been through the gate yet.
bool at_the_gate(Session& session);

// Prints where the negotiation stands: the guard's opening and the ships, or the question
// waiting for an answer. Completes a negotiation that was decided but not yet handed out.
void show_gate(Session& session);

// The prompt at the gate: "ship> " while choosing, else "answer> ".
std::string gate_prompt(Session& session);

// Takes one line typed at the gate: a ship choice, or an answer to the guard.
void reply_at_gate(Session& session, const std::string& line);

}  // namespace hearth::sample_game

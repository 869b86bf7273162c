// Screens: what the pilot reads — status, standings, cargo, the log of recent events, the pilot
// roster. They only read; none of them costs a turn.
#pragma once

#include "sample_game/session.h"

namespace hearth::sample_game {

// `status`: credits, turns and the next turn, ship and hold, location, effects, the supply drop.
void show_status(Session& session, const Pilot& pilot);

// `standings`: every faction with the pilot's value, tier, title and price effect.
void show_standings(Session& session, const Pilot& pilot);

// `cargo`: what is in the hold.
void show_cargo(Session& session, const Pilot& pilot);

// `log`: the pilot's recent events from the engine's journal, in words.
void show_log(Session& session, const Pilot& pilot);

// `pilots`: everyone registered in this save, the active one marked.
void show_pilots(Session& session);

}  // namespace hearth::sample_game

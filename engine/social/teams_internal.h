// The teams concern's internal API: what other concerns ask of a player's membership. Internal.
#pragma once

#include <optional>
#include <vector>

#include "engine/core/command.h"

namespace hearth::teams {

// A player's place in a team.
struct Membership {
  TeamId team;
  GameTime joined_at = 0;
};

// The team `player` is in now; nullopt when none.
std::optional<Membership> membership(Reader& reader, const PlayerId& player);

// Pays everything the team's treasury holds to `to` (ledger rows of type TEAM_PAYOUT).
void pay_out_treasury(Command& command, const TeamId& team, const PlayerId& to);

// Open teams without exactly one leader or over their size, disbanded teams with members
// (Game::check).
std::vector<Violation> violations(Reader& reader);

}  // namespace hearth::teams

// A play session: the open game, its clock and galaxy, and who is at the controls.
#pragma once

#include <string>

#include "sample_game/galaxy.h"
#include "sample_game/game_clock.h"

#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/extension/custom_tables.h"
#include "hearth/game.h"
#include "hearth/identity/players.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/progression/timers.h"
#include "hearth/progression/turns.h"
#include "hearth/standing/ranks.h"
#include "hearth/standing/reputation.h"
#include "hearth/world/locations.h"

namespace hearth::sample_game {

// Turns regenerate faster and cap lower than the engine's defaults (1000 a day, cap 1000): one
// turn every three minutes, at most 60, so a trip's cost matters and `wait 90m` shows it.
Rules game_rules();

struct Session {
  explicit Session(Game& game_in) : game(game_in), galaxy(game_in) {}

  Game& game;
  Galaxy galaxy;
  // The active pilot's player id; "" until one is registered or switched to.
  std::string pilot;
  // At the shipyard gate: the ship picked, waiting for the answer that claims it.
  std::string picked_ship;

  // The active pilot's username ("" when none).
  std::string pilot_name();

  // Makes `id` the active pilot and remembers it in the save.
  void activate(const std::string& id);
};

}  // namespace hearth::sample_game

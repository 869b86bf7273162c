#include "sample_game/session.h"

namespace hearth::sample_game {

Rules game_rules() {
  Rules rules;
  rules.turns.per_day = 480;
  rules.turns.base_cap = 60;
  rules.turns.starting = 60;
  return rules;
}

std::string Session::pilot_name() {
  if (pilot.empty()) return "";
  const auto player = game.players().find(pilot);
  return player ? player->username : "";
}

void Session::activate(const std::string& id) {
  // A player the engine knows but this galaxy does not (made by another program, or a save from
  // before pilots were written with their player) gets a pilot at the shipyard.
  if (!galaxy.pilot(id)) galaxy.add_pilot(id);
  pilot = id;
  picked_ship.clear();
  galaxy.set_active_pilot(id);
}

}  // namespace hearth::sample_game

// What a host serves on: its owner's account, the game, and the character model its players are
// given. Made on a new file, found again on the next start. Internal to the host.
#pragma once

#include <cstdint>
#include <string>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Game;

namespace host {

struct World {
  PlayerId owner;
  ContentId game;
  ContentId model;  // the character model a player without a character gets

  // Finds or makes the owner (an account without a password), gives it what hosting needs
  // ("host", "create:game", "create:character"), and finds the game of its latest server or
  // makes one (published, hosted, `max_players`) with a character model. Throws Error{Usage}
  // when the engine refuses a step (an owner name that is not a valid username).
  static World prepare(Game& game, const std::string& owner, std::int64_t max_players);

  // A player without a character gets the model and a character named after them.
  Outcome ensure_character(Game& on, const PlayerId& user) const;
};

}  // namespace host
}  // namespace hearth

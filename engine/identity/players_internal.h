// The players concern's internal API: what other concerns ask of a player's rows (users,
// players, ships), which only this concern writes. Internal.
#pragma once

#include <optional>
#include <string>

#include "engine/core/command.h"

namespace hearth::players {

// Ok when `player` exists and is not deleted; else a refusal (NotFound / NotAllowed) saying so.
Outcome check_active(Reader& reader, const PlayerId& player);

// Whether the user `player` is deleted; nullopt when there is no such user.
std::optional<bool> deleted(Reader& reader, const PlayerId& player);

// A ship to give a player as its flagship.
struct NewShip {
  std::string type;  // a ship_specifications.ship_type
  std::string name;
  std::int64_t value = 0;  // purchase and current value
  std::string maintenance = "{}";
  std::string cargo = "{}";
  std::string combat = "{}";
};

// Replaces every ship the player owns with `ship`, in the player's current sector, as its
// flagship, with the hull's shield resistance and armour from ship_specifications. Returns the
// new ship's id.
std::string replace_ships(Command& command, const PlayerId& player, const NewShip& ship);

// Sets the player's nickname.
void set_nickname(Command& command, const PlayerId& player, const std::string& nickname);

// Sets one key of the player's settings document to `json` (a JSON value); other keys stay.
void set_setting(Command& command, const PlayerId& player, const std::string& key,
                 const std::string& json);

// Sets a user's email address; refuses one that is not an address, or that another user has (any
// case).
Outcome set_email(Command& command, const PlayerId& player, const std::string& email);

// Turns a user's account on or off (users.is_active); a deleted user stays off.
void set_active(Command& command, const PlayerId& player, bool active);

// Records a login at the command's time (users.last_login_at, players.last_game_login_at).
void record_login(Command& command, const PlayerId& player);

// Deletes a user and its player (soft: the rows stay, marked deleted and off) and journals
// "player.deleted". REQUIRES: the user exists and is not deleted.
void mark_deleted(Command& command, const PlayerId& player);

// Erases a deleted user's personal data that this concern keeps: the username becomes
// "deleted-<id>"; email, phone, country, display name and nickname go; the language returns to
// "en"; ship names made from the user's names and the journal's names of the user
// (player.created, player.renamed) lose them.
void erase_personal_data(Command& command, const PlayerId& player);

}  // namespace hearth::players

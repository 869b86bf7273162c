// Players: creating users with their game-state row, reading, renaming and soft-deleting them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// What a new user is created with. Only the username is required.
struct NewUser {
  std::string username;         // validated by Rules::players; unique regardless of case
  std::string email;            // optional; unique regardless of case when given
  std::string display_name;     // optional; defaults to the username
  std::string language = "en";  // ISO 639-1, any case; stored in lower case
  std::string country;          // optional; ISO 3166-1 alpha-2, any case; stored in upper case
  std::string phone;  // optional; 4 to 15 digits, an optional leading '+', separators ' -.()'
};

// A player as a game shows it. The player's id is its user's id: one identity.
struct PlayerView {
  PlayerId id;
  std::string username;
  std::string display_name;
  std::string nickname;      // empty until chosen (first login)
  std::string email;         // empty for none
  std::string language;      // ISO 639-1 ("en")
  std::string country;       // ISO 3166-1 alpha-2 ("DE"); empty for none
  std::string phone;         // empty for none
  std::int64_t credits = 0;  // balance in the default currency
  std::int64_t turns = 0;
  std::int64_t max_turns = 0;
  std::int64_t personal_reputation = 0;
  std::string reputation_tier;  // personal tier name, e.g. "Neutral"
  std::string name_color;       // e.g. "#FFFFFF"
  std::string military_rank;    // e.g. "Recruit"
  std::int64_t rank_points = 0;
  std::int64_t current_sector = 1;
  bool docked = false;
  bool needs_first_login = true;
  bool deleted = false;
  GameTime created_at = 0;

  bool operator==(const PlayerView&) const = default;
};

// The players of a game. Obtain it from Game::players(); it is a light handle.
class Players {
 public:
  explicit Players(Core& core) : core_(core) {}

  // Creates a user, its player (with the defaults: 1000 turns, sector 1, Recruit, neutral),
  // an escape pod as its ship, an account in every money currency with the starting credits, and
  // its first-login state. Refuses an invalid or taken username, an invalid or taken email, a
  // language or country that is not an ISO code, a phone number that is not one.
  Result<PlayerView> create(const NewUser& user);

  // The player of user `id`, deleted ones included; nullopt when there is none.
  std::optional<PlayerView> find(const PlayerId& id) const;

  // The player whose username is `username` (any case).
  std::optional<PlayerView> find_by_username(const std::string& username) const;

  // Every player that is not deleted, by username.
  std::vector<PlayerView> list() const;

  // Changes a username. Refuses an invalid or taken name, an unknown or deleted user.
  Outcome rename(const PlayerId& id, const std::string& username);

  // Soft-deletes a user: it keeps its rows (the ledger never loses history) but is inactive and
  // can no longer act. Refuses an unknown or already deleted user.
  Outcome remove(const PlayerId& id);

 private:
  Core& core_;
};

// The event types players journals (payloads: docs/rules.md).
struct PlayerEvents {
  static constexpr std::string_view kCreated = "player.created";
  static constexpr std::string_view kDeleted = "player.deleted";
  static constexpr std::string_view kRenamed = "player.renamed";
};

}  // namespace hearth

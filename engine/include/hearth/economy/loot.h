// Loot drops: money that chat activity makes appear in a channel, for the first player who claims
// it before it expires (docs/rules.md, "Loot drops").
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

struct DropView {
  std::string id;       // the drop's id (a UUID, or the id the game gave it)
  std::string channel;  // where it appeared; empty for none
  std::int64_t amount = 0;
  CurrencyId currency;
  GameTime created_at = 0;
  GameTime expires_at = 0;
  PlayerId claimed_by;  // empty while unclaimed
  std::optional<GameTime> claimed_at;
  bool expired = false;  // the tick expired it unclaimed

  bool operator==(const DropView&) const = default;
};

// The loot drops of a game. Obtain it from Game::loot().
class Loot {
 public:
  explicit Loot(Core& core) : core_(core) {}

  // Counts one chat message in `channel` (1 to 255 characters) and, when Rules::loot's activity
  // conditions hold, spawns a drop there with Rules::loot.spawn_chance (the game's generator).
  // Returns the drop it spawned, if any. A system command (the game reports its chat); the
  // activity is kept in the file, so a restart forgets nothing.
  Result<std::optional<DropView>> activity(const std::string& channel);

  // Spawns a drop in `channel` now, whatever the activity: `amount` (0: drawn from
  // Rules::loot.reward_min..reward_max) of Rules::loot.currency, expiring after
  // Rules::loot.lifetime. `id`, when given, names it (1 to 255 characters, unique); else a UUID.
  // Refuses a negative amount, a bad channel or id, a taken id, an unknown currency.
  Result<DropView> spawn(const std::string& channel, std::int64_t amount = 0,
                         const std::string& id = "");

  // The user claims a drop: the first claim wins (the money moves from the currency's mint), any
  // later one is refused (AlreadyDone, naming that it was taken or expired). A player command:
  // the user needs "play".
  Result<DropView> claim(const PlayerId& user, const std::string& drop);

  std::optional<DropView> drop(const std::string& id) const;

  // The drops of `channel` still open to claims, oldest first.
  std::vector<DropView> open(const std::string& channel) const;

 private:
  Core& core_;
};

// The event types loot journals (payloads: docs/rules.md).
struct LootEvents {
  static constexpr std::string_view kSpawned = "loot.spawned";
  static constexpr std::string_view kClaimed = "loot.claimed";
  static constexpr std::string_view kExpired = "loot.expired";
};

}  // namespace hearth

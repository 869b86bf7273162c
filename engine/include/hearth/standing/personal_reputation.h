// Personal reputation: a player's alignment, -1000 (villain) to 1000 (legendary), with its tier,
// name colour and price factor, decaying toward 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// A player's alignment with what it means (docs/rules.md, "Personal reputation").
struct Alignment {
  std::int64_t value = 0;
  std::string tier = "Neutral";  // one of the 8 personal tiers
  std::string name_color = "#FFFFFF";
  double price_factor = 1.0;  // what the player's prices are multiplied by
  bool bounty_hunter_aggro = false;
  std::int64_t faction_standing_bonus = 0;
  bool wanted = false;         // below Rules::personal_reputation.wanted_below
  GameTime next_decay_at = 0;  // 0 when the value is 0

  bool operator==(const Alignment&) const = default;
};

// Changing and reading alignments. Obtain it from Game::personal_reputation().
class PersonalReputation {
 public:
  explicit PersonalReputation(Core& core) : core_(core) {}

  // Changes the alignment by `delta` (clamped to its range) for `reason`. Refuses an unknown or
  // deleted player, a zero delta and an empty reason. Journals "personal_reputation.changed",
  // and "personal_reputation.tier_changed" when the tier moves.
  Result<Alignment> change(const PlayerId& player, std::int64_t delta, const std::string& reason);

  // The alignment now (decay due by now included); nullopt for an unknown player.
  std::optional<Alignment> alignment(const PlayerId& player) const;

 private:
  Core& core_;
};

// The event types personal reputation journals (payloads: docs/rules.md).
struct PersonalReputationEvents {
  static constexpr std::string_view kChanged = "personal_reputation.changed";
  static constexpr std::string_view kDecayed = "personal_reputation.decayed";
  static constexpr std::string_view kTierChanged = "personal_reputation.tier_changed";
};

}  // namespace hearth

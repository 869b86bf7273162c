// Faction reputation: a player's standing with each faction, its tiers, effects, history, locks
// and decay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/standing/documents.h"

namespace hearth {

class Core;

// How a faction's forces treat a player, from the standing (Rules::reputation.friendly_at,
// neutral_at).
enum class CombatResponse { Friendly, Neutral, Hostile };

// "friendly", "neutral" or "hostile": the word the file stores.
std::string_view to_string(CombatResponse response);

// A player's standing with one faction, with the effects derived from its value
// (docs/rules.md, "Faction reputation"). A player who never dealt with a faction stands at 0.
struct Standing {
  std::string faction;  // the faction's code, e.g. "terran_federation"
  std::string faction_name;
  std::int64_t value = 0;          // -800..800
  std::string level = "NEUTRAL";   // one of the 17 tiers, PUBLIC_ENEMY..EXALTED
  std::int64_t numeric_level = 0;  // -8..8
  std::string title = "Neutral";
  double trade_modifier = 0;           // -0.30..0.30, linear in the value
  std::int64_t port_access_level = 1;  // 0..3
  CombatResponse combat_response = CombatResponse::Neutral;
  double price_multiplier = 1.0;  // what the player's prices are multiplied by
  bool locked = false;
  std::string lock_reason;
  GameTime lock_expires_at = 0;  // 0: locked until unlocked
  bool decay_paused = false;
  GameTime last_activity_at = 0;  // the last change; 0 when never changed
  GameTime next_decay_at = 0;     // the next decay step; 0 when none is coming
  ReputationHistory history;      // oldest first, at most Rules::reputation.history_limit

  bool operator==(const Standing&) const = default;
};

// Changing and reading faction standings. Obtain it from Game::reputation().
class Reputation {
 public:
  explicit Reputation(Core& core) : core_(core) {}

  // Changes the standing of `player` with `faction` (a code) by `delta`, for `reason`. A gain is
  // first capped by the faction's rivalries, then the value is clamped to its range. Refuses an
  // unknown or deleted player, an unknown faction, a zero delta, an empty reason and a locked
  // standing. Journals "reputation.changed", and "reputation.tier_changed" when the tier moves.
  // The standing it returns leaves out the history (standing() reads it).
  Result<Standing> change(const PlayerId& player, const std::string& faction, std::int64_t delta,
                          const std::string& reason);

  // The standing now (decay due by now included); nullopt for an unknown player or faction.
  std::optional<Standing> standing(const PlayerId& player, const std::string& faction) const;

  // The standing with every faction, by faction code.
  std::vector<Standing> standings(const PlayerId& player) const;

  // Locks a standing: no change and no decay until unlocked, or until the game time `until` (none:
  // until unlocked). Refuses an `until` that is not in the future.
  Outcome lock(const PlayerId& player, const std::string& faction, const std::string& reason,
               std::optional<GameTime> until = std::nullopt);

  Outcome unlock(const PlayerId& player, const std::string& faction);

  // Pauses and resumes decay of a standing (changes still apply).
  Outcome pause_decay(const PlayerId& player, const std::string& faction);

  Outcome resume_decay(const PlayerId& player, const std::string& faction);

 private:
  Core& core_;
};

// The event types faction reputation journals (payloads: docs/rules.md).
struct ReputationEvents {
  static constexpr std::string_view kChanged = "reputation.changed";
  static constexpr std::string_view kDecayed = "reputation.decayed";
  static constexpr std::string_view kLocked = "reputation.locked";
  static constexpr std::string_view kTierChanged = "reputation.tier_changed";
  static constexpr std::string_view kUnlocked = "reputation.unlocked";
};

}  // namespace hearth

// Turns: the action budget a player spends and regains as game time passes.
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

// A player's turn budget at a moment of game time.
struct TurnBudget {
  std::int64_t available = 0;
  std::int64_t cap = 0;       // Rules::turns.base_cap + the rank's bonus
  double multiplier = 1.0;    // the companion multiplier speeding regeneration
  GameTime next_turn_at = 0;  // when the next turn arrives; 0 at or above the cap
  GameTime full_at = 0;       // when the pool reaches the cap; 0 at or above the cap
  std::int64_t lifetime_spent = 0;

  bool operator==(const TurnBudget&) const = default;
};

// Spending and regaining turns (docs/rules.md, "Turns"). Obtain it from Game::turns().
class Turns {
 public:
  explicit Turns(Core& core) : core_(core) {}

  // Spends `cost` turns. Refuses a cost that is not positive, an unknown or deleted player, and a
  // budget that is short (Refusal::NotEnoughTurns, saying when enough will have regenerated).
  Outcome spend(const PlayerId& player, std::int64_t cost);

  // Adds `amount` turns outside regeneration (a reward, an admin grant); may exceed the cap.
  Outcome grant(const PlayerId& player, std::int64_t amount, const std::string& reason);

  // The budget now; nullopt for an unknown player.
  std::optional<TurnBudget> budget(const PlayerId& player) const;

  // Records a login. After more than Rules::turns.return_after_days whole idle days it grants the
  // return bonus, min(return_bonus_cap, return_bonus_per_day × days), up to the cap. Returns the
  // turns granted (0 when none).
  Result<std::int64_t> welcome_back(const PlayerId& player);

  // Sets the companion multiplier (1.0 to Rules::turns.max_multiplier) that speeds
  // regeneration from now on.
  Outcome set_companion_multiplier(const PlayerId& player, double multiplier);

 private:
  Core& core_;
};

// The event types turns journals (payloads: docs/rules.md).
struct TurnEvents {
  static constexpr std::string_view kGranted = "turns.granted";
  static constexpr std::string_view kReturnBonus = "turns.return_bonus";
};

}  // namespace hearth

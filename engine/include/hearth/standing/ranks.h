// Military rank: rank points, promotion through the rank table, and the turn-cap bonus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;
struct RankRules;

// Why a player earns rank points, and what `amount` means for it.
enum class RankReason {
  CombatVictory,        // amount: the opponent's rank level minus the player's
  TradingVolume,        // amount: the value of the trade
  Exploration,          // amount: new sectors visited
  ColonyEstablishment,  // amount: colonies established
  AdminGrant,           // amount: the points themselves
};

// The counters the rank gates ask for.
struct Achievements {
  std::int64_t trades = 0;
  std::int64_t combat_wins = 0;
  std::int64_t sectors_visited = 0;
  std::int64_t planets_owned = 0;

  bool operator==(const Achievements&) const = default;
};

struct RankView {
  std::int64_t level = 0;  // 0 (Recruit) .. 17 (Fleet Admiral)
  std::string name = "Recruit";
  std::string tier = "Enlisted";
  std::int64_t points = 0;
  std::int64_t trade_discount_pct = 0;
  std::int64_t combat_damage_pct = 0;
  std::int64_t max_turns_bonus = 0;
  std::string next_rank;              // empty at the top
  std::int64_t next_rank_points = 0;  // points the next rank needs; 0 at the top
  // What the player lacks for the rank its points reach, e.g. "trades 25 (has 3)"; empty when
  // nothing blocks a promotion.
  std::vector<std::string> blocked_by;
  Achievements achievements;

  bool operator==(const RankView&) const = default;
};

// The event types military ranks journals (payloads: docs/rules.md).
struct RankEvents {
  static constexpr std::string_view kPointsAwarded = "rank.points_awarded";
  static constexpr std::string_view kPromoted = "rank.promoted";
};

// Obtain it from Game::ranks().
class Ranks {
 public:
  explicit Ranks(Core& core) : core_(core) {}

  // Awards the points `reason` earns for `amount` (points_for) and promotes the player to the
  // highest rank its points reach — unless that rank's achievement gate is not met, in which case
  // it stays where it is (blocked_by says why). A promotion raises the turn cap and journals
  // "rank.promoted". Refuses an unknown or deleted player and an award worth no points.
  Result<RankView> award(const PlayerId& player, RankReason reason, std::int64_t amount);

  // Adds to the player's achievement counters (none may be negative), then promotes as award()
  // does if a gate is now met.
  Result<RankView> record(const PlayerId& player, const Achievements& added);

  std::optional<RankView> rank(const PlayerId& player) const;

  // The rank points `reason` earns for `amount` under `rules`.
  static std::int64_t points_for(const RankRules& rules, RankReason reason, std::int64_t amount);

 private:
  Core& core_;
};

}  // namespace hearth

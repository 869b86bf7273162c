// Experience and levels: XP is the truth; the level follows from it by the curve in
// Rules::levels and never goes down.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/progression/rules.h"

namespace hearth {

class Core;

// What an award of XP did.
struct XpAward {
  std::int64_t amount = 0;         // the XP added (after any boost)
  std::int64_t xp = 0;             // the user's XP afterwards
  std::int64_t level = 0;          // the user's level afterwards
  std::int64_t levels_gained = 0;  // 0 when the level stayed

  bool operator==(const XpAward&) const = default;
};

// A user's progress.
struct LevelView {
  std::int64_t xp = 0;
  std::int64_t level = 1;
  // The total XP at which the next level begins; the int64 maximum when no XP reaches it.
  std::int64_t next_level_at = 0;

  bool operator==(const LevelView&) const = default;
};

// The level curve of some rules, computed in integers (exact at any XP). Throws Error{Usage} when
// the rules' base is below 1 or their exponent is not a multiple of 0.5 from 1 to 4.
class LevelCurve {
 public:
  explicit LevelCurve(const LevelRules& rules);

  // The total XP at which `level` begins (0 for level 1 and below); the int64 maximum when it is
  // beyond every XP.
  std::int64_t xp_to_reach(std::int64_t level) const;

  // The level a total of `xp` makes (1 for 0 XP and below).
  std::int64_t level_for(std::int64_t xp) const;

 private:
  std::int64_t base_;
  int halves_;  // the exponent × 2
};

// XP awards and levels. Obtain it from Game::levels().
class Levels {
 public:
  explicit Levels(Core& core) : core_(core) {}

  // Awards `amount` XP for `reason` (the game's own: a fight won, a task done): a system
  // command. Refuses an amount that is not positive, a reason that is not 1 to 100 characters,
  // and an unknown or deleted user. XP saturates at the int64 maximum.
  Result<XpAward> award(const PlayerId& user, std::int64_t amount, const std::string& reason);

  // Activity (chat) XP: a draw in [Rules::levels.activity_min, activity_max] from the game's
  // generator, multiplied by the user's running "xp_boost" effect, at most once per
  // Rules::levels.activity_cooldown (Refusal::CooldownActive, with the time left). A player
  // command: the user needs "play".
  Result<XpAward> activity(const PlayerId& user);

  // The user's XP and level. Throws Error{Usage} for an unknown user.
  LevelView progress(const PlayerId& user) const;

 private:
  Core& core_;
};

// The event types levels journals (payloads: docs/rules.md).
struct LevelEvents {
  static constexpr std::string_view kXpGained = "xp.gained";
  static constexpr std::string_view kLevelReached = "level.reached";
};

}  // namespace hearth

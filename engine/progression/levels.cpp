#include "hearth/progression/levels.h"

#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/levels_internal.h"
#include "engine/progression/timers_internal.h"

#include "hearth/game.h"

namespace hearth {

Levels Game::levels() { return Levels(*core_); }

namespace {

constexpr Wide kHuge = ~Wide(0);
constexpr std::int64_t kMost = std::numeric_limits<std::int64_t>::max();

// The activity cooldown's timer key, and the effect that boosts activity XP.
constexpr const char* kActivityCooldown = "activity_xp";
constexpr const char* kBoost = "xp_boost";

Wide times(Wide a, Wide b) { return a != 0 && b > kHuge / a ? kHuge : a * b; }

Wide power(Wide x, int k) {
  Wide result = 1;
  for (int i = 0; i < k; ++i) result = times(result, x);
  return result;
}

// floor(sqrt(v)), exact. REQUIRES: v < kHuge (so that a saturated square never equals it).
Wide isqrt(Wide v) {
  Wide root = static_cast<Wide>(std::sqrt(static_cast<long double>(v)));
  while (root > 0 && times(root, root) > v) --root;
  while (times(root + 1, root + 1) <= v) ++root;
  return root;
}

}  // namespace

LevelCurve::LevelCurve(const LevelRules& rules) : base_(rules.base), halves_(0) {
  const double halves = rules.exponent * 2;
  if (rules.base < 1 || !(halves >= 2 && halves <= 8) || halves != std::floor(halves)) {
    throw Error(ErrorKind::Usage,
                "Rules::levels needs a base of at least 1 and an exponent that is a multiple of "
                "0.5 from 1 to 4.");
  }
  halves_ = static_cast<int>(halves);
}

std::int64_t LevelCurve::xp_to_reach(std::int64_t level) const {
  if (level <= 1) return 0;
  // Level n + 1 begins at floor(base × n^(halves/2)) = floor(sqrt(base² × n^halves)).
  const Wide n = static_cast<Wide>(level - 1);
  Wide threshold = 0;
  if (halves_ % 2 == 0) {
    threshold = times(static_cast<Wide>(base_), power(n, halves_ / 2));
  } else {
    const Wide base = static_cast<Wide>(base_);
    const Wide squared = times(times(base, base), power(n, halves_));
    if (squared == kHuge) return kMost;  // past 2^128: its root is past every int64
    threshold = isqrt(squared);
  }
  return threshold > static_cast<Wide>(kMost) ? kMost : static_cast<std::int64_t>(threshold);
}

std::int64_t LevelCurve::level_for(std::int64_t xp) const {
  if (xp < xp_to_reach(2)) return 1;
  // The curve grows at least as fast as base × n, so no level past xp + 1 is reachable: the
  // highest level whose threshold is at most xp lies in [2, xp + 1]. An int64-maximum threshold
  // counts as beyond every XP.
  std::int64_t low = 2;
  std::int64_t high = xp == kMost ? kMost : xp + 1;
  while (low < high) {
    const std::int64_t middle = low + (high - low + 1) / 2;
    const std::int64_t needed = xp_to_reach(middle);
    if (needed != kMost && needed <= xp) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

Result<XpAward> levels::award(Command& command, const PlayerId& user, std::int64_t amount,
                              const std::string& reason, const std::string& actor) {
  if (amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("An XP award is positive, not {}.", amount));
  }
  if (Outcome valid = text::check("An XP award's reason", reason, 1, 100); !valid) return valid;
  if (Outcome active = players::check_active(command, user); !active) return active;
  Query read(command, "SELECT xp, level FROM players WHERE user_id = ?", user);
  if (!read.step()) return Outcome::refused(Refusal::NotFound, "The user has no player.");
  const std::int64_t before_xp = read.integer(0);
  const std::int64_t before_level = read.integer(1);
  read.reset();
  const LevelCurve curve(command.rules().levels);
  XpAward award;
  award.xp = saturating_add(before_xp, amount);
  award.amount = award.xp - before_xp;
  award.level = std::max(before_level, curve.level_for(award.xp));
  award.levels_gained = award.level - before_level;
  Query write(command, "UPDATE players SET xp = ?1, level = ?2, updated_at = ?3 WHERE user_id = ?4",
              award.xp, award.level, command.now(), user);
  write.exec();
  command.emit(LevelEvents::kXpGained, actor, user,
               Payload()
                   .add("amount", award.amount)
                   .add("xp", award.xp)
                   .add("level", award.level)
                   .add("reason", reason)
                   .str());
  if (award.levels_gained > 0) {
    command.emit(LevelEvents::kLevelReached, actor, user,
                 Payload().add("level", award.level).add("previous", before_level).str());
  }
  return award;
}

Result<XpAward> Levels::award(const PlayerId& user, std::int64_t amount,
                              const std::string& reason) {
  return core_.run([&](Command& command) { return levels::award(command, user, amount, reason); });
}

Result<XpAward> Levels::activity(const PlayerId& user) {
  return core_.run([&](Command& command) -> Result<XpAward> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const LevelRules& rules = command.rules().levels;
    if (rules.activity_min < 1 || rules.activity_max < rules.activity_min) {
      throw Error(ErrorKind::Usage,
                  "Rules::levels needs 1 <= activity_min <= activity_max for activity XP.");
    }
    const Outcome cooling = timers::start(command, user, TimerType::Cooldown, kActivityCooldown,
                                          Duration(rules.activity_cooldown), "{}");
    if (!cooling) return cooling;
    std::int64_t amount = command.random().between(rules.activity_min, rules.activity_max);
    if (const auto boost = timers::running(command, user, TimerType::Effect, kBoost)) {
      const double multiplier =
          storage::from_json<TimerMetadata>(boost->metadata, kTimerMetadataColumn).multiplier;
      if (multiplier > 0 && std::isfinite(multiplier)) {
        const double boosted = std::floor(static_cast<double>(amount) * multiplier);
        amount = boosted >= 9.2e18 ? kMost : std::max<std::int64_t>(1, boosted);
      }
    }
    return levels::award(command, user, amount, "activity", user.value());
  });
}

LevelView Levels::progress(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query read(reader, "SELECT xp, level FROM players WHERE user_id = ?", user);
    if (!read.step()) throw Error(ErrorKind::Usage, "There is no such player.");
    LevelView view;
    view.xp = read.integer(0);
    view.level = read.integer(1);
    const LevelCurve curve(reader.rules().levels);
    view.next_level_at = curve.xp_to_reach(saturating_add(view.level, 1));
    return view;
  });
}

}  // namespace hearth

#include "hearth/standing/ranks.h"

#include <algorithm>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/command.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/turns_internal.h"

#include "hearth/game.h"

namespace hearth {

Ranks Game::ranks() { return Ranks(*core_); }

namespace {

struct Rank {
  std::int64_t level = 0;
  std::string name;
  std::string tier;
  std::int64_t points_required = 0;
  std::int64_t trade_discount_pct = 0;
  std::int64_t combat_damage_pct = 0;
  std::int64_t max_turns_bonus = 0;
  MilitaryRankRequirements gate;
};

Rank read_rank(Query& query) {
  Rank rank;
  rank.level = query.integer(0);
  rank.name = query.text(1);
  rank.tier = query.text(2);
  rank.points_required = query.integer(3);
  rank.trade_discount_pct = query.integer(4);
  rank.combat_damage_pct = query.integer(5);
  rank.max_turns_bonus = query.integer(6);
  rank.gate =
      storage::from_json<MilitaryRankRequirements>(query.text(7), kMilitaryRankRequirementsColumn);
  return rank;
}

constexpr const char* kRankColumns =
    "SELECT level, name, tier, points_required, trade_discount_pct, combat_damage_pct, "
    "max_turns_bonus, requirements FROM military_ranks ";

// The rank named `name`, or the highest rank `points` reach.
Rank rank_named(Reader& reader, const std::string& name) {
  Query query(reader, std::string(kRankColumns) + "WHERE name = ?", name);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData, fmt::format("There is no military rank '{}'.", name));
  }
  Rank rank = read_rank(query);
  return rank;
}

Rank rank_for_points(Reader& reader, std::int64_t points) {
  Query query(reader,
              std::string(kRankColumns) + "WHERE points_required <= ? ORDER BY level DESC LIMIT 1",
              points);
  query.step();
  Rank rank = read_rank(query);
  return rank;
}

std::optional<Rank> rank_after(Reader& reader, std::int64_t level) {
  Query query(reader, std::string(kRankColumns) + "WHERE level > ? ORDER BY level LIMIT 1", level);
  if (!query.step()) return std::nullopt;
  Rank rank = read_rank(query);
  return rank;
}

Achievements load_achievements(Reader& reader, const PlayerId& player) {
  Query query(reader,
              "SELECT ifnull(json_extract(settings, '$.achievements.trades'), 0), "
              "ifnull(json_extract(settings, '$.achievements.combat_wins'), 0), "
              "ifnull(json_extract(settings, '$.achievements.sectors_visited'), 0), "
              "ifnull(json_extract(settings, '$.achievements.planets_owned'), 0) "
              "FROM players WHERE id = ?",
              player);
  query.step();
  Achievements achievements{query.integer(0), query.integer(1), query.integer(2), query.integer(3)};
  return achievements;
}

std::vector<std::string> missing(const MilitaryRankRequirements& gate, const Achievements& have) {
  std::vector<std::string> lacks;
  const auto need = [&](const char* what, std::int64_t wanted, std::int64_t has) {
    if (wanted > has) lacks.push_back(fmt::format("{} {} (has {})", what, wanted, has));
  };
  need("trades", gate.trades, have.trades);
  need("combat wins", gate.combat_wins, have.combat_wins);
  need("sectors visited", gate.sectors_visited, have.sectors_visited);
  need("planets owned", gate.planets_owned, have.planets_owned);
  return lacks;
}

// The player's rank as stored, with what blocks the rank its points reach.
RankView describe(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT military_rank, rank_points FROM players WHERE id = ?", player);
  query.step();
  const std::string name = query.text(0);
  const std::int64_t points = query.integer(1);
  query.reset();
  const Rank rank = rank_named(reader, name);
  RankView view;
  view.level = rank.level;
  view.name = rank.name;
  view.tier = rank.tier;
  view.points = points;
  view.trade_discount_pct = rank.trade_discount_pct;
  view.combat_damage_pct = rank.combat_damage_pct;
  view.max_turns_bonus = rank.max_turns_bonus;
  view.achievements = load_achievements(reader, player);
  if (const auto next = rank_after(reader, rank.level)) {
    view.next_rank = next->name;
    view.next_rank_points = next->points_required;
  }
  const Rank reached = rank_for_points(reader, points);
  if (reached.level > rank.level) view.blocked_by = missing(reached.gate, view.achievements);
  return view;
}

// Promotes to the highest rank the points reach, when its gate is met.
void promote(Command& command, const PlayerId& player) {
  RankView current = describe(command, player);
  const Rank reached = rank_for_points(command, current.points);
  if (reached.level <= current.level || !current.blocked_by.empty()) return;
  Query update(command, "UPDATE players SET military_rank = ?1, updated_at = ?2 WHERE id = ?3",
               reached.name, command.now(), player);
  update.exec();
  turns::set_cap(command, player, command.rules().turns.base_cap + reached.max_turns_bonus);
  command.emit(RankEvents::kPromoted, "", player,
               Payload()
                   .add("old_rank", current.name)
                   .add("new_rank", reached.name)
                   .add("level", reached.level)
                   .add("max_turns_bonus", reached.max_turns_bonus)
                   .str());
}

}  // namespace

std::int64_t Ranks::points_for(const RankRules& rules, RankReason reason, std::int64_t amount) {
  switch (reason) {
    case RankReason::CombatVictory: {
      std::int64_t points = rules.combat_base;
      if (amount > 0) {
        points +=
            std::min(saturating_mul(rules.combat_per_level_above, amount), rules.combat_above_cap);
      } else if (amount < 0) {
        points += std::max(saturating_mul(rules.combat_per_level_below, amount),
                           rules.combat_below_floor);
      } else {
        points += rules.combat_same_level;
      }
      return std::clamp(points, rules.combat_min, rules.combat_max);
    }
    case RankReason::TradingVolume:
      for (const Threshold& band : rules.trading) {
        if (amount >= band.at_least) return static_cast<std::int64_t>(band.value);
      }
      return 0;
    case RankReason::Exploration:
      return saturating_mul(std::max<std::int64_t>(0, amount), rules.exploration_per_sector);
    case RankReason::ColonyEstablishment:
      return saturating_mul(std::max<std::int64_t>(0, amount), rules.colony);
    case RankReason::AdminGrant:
      return amount;
  }
  return 0;
}

Result<RankView> Ranks::award(const PlayerId& player, RankReason reason, std::int64_t amount) {
  return core_.run([&](Command& command) -> Result<RankView> {
    const std::int64_t points = points_for(command.rules().ranks, reason, amount);
    if (points <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("That earns no rank points ({}).", points));
    }
    if (Outcome active = players::check_active(command, player); !active) return active;
    Query add(command,
              "UPDATE players SET rank_points = CASE WHEN rank_points > 9223372036854775807 - ?1 "
              "THEN 9223372036854775807 ELSE rank_points + ?1 END, updated_at = ?2 WHERE id = ?3",
              points, command.now(), player);
    add.exec();
    command.emit(RankEvents::kPointsAwarded, "", player,
                 Payload().add("points", points).add("reason", static_cast<int>(reason)).str());
    promote(command, player);
    return describe(command, player);
  });
}

Result<RankView> Ranks::record(const PlayerId& player, const Achievements& added) {
  return core_.run([&](Command& command) -> Result<RankView> {
    if (added.trades < 0 || added.combat_wins < 0 || added.sectors_visited < 0 ||
        added.planets_owned < 0) {
      return Outcome::refused(Refusal::InvalidArgument, "Achievements only ever grow.");
    }
    if (Outcome active = players::check_active(command, player); !active) return active;
    const Achievements now = load_achievements(command, player);
    // Counters saturate at the int64 maximum; they never wrap.
    players::set_setting(
        command, player, "achievements",
        Payload()
            .add("trades", saturating_add(now.trades, added.trades))
            .add("combat_wins", saturating_add(now.combat_wins, added.combat_wins))
            .add("sectors_visited", saturating_add(now.sectors_visited, added.sectors_visited))
            .add("planets_owned", saturating_add(now.planets_owned, added.planets_owned))
            .str());
    promote(command, player);
    return describe(command, player);
  });
}

std::optional<RankView> Ranks::rank(const PlayerId& player) const {
  return core_.read([&](Reader& reader) -> std::optional<RankView> {
    if (players::check_active(reader, player).refusal() == Refusal::NotFound) return std::nullopt;
    return describe(reader, player);
  });
}

}  // namespace hearth

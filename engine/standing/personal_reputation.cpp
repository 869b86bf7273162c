#include "hearth/standing/personal_reputation.h"

#include <algorithm>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/players_internal.h"
#include "engine/standing/personal_reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

PersonalReputation Game::personal_reputation() { return PersonalReputation(*core_); }

namespace personal_reputation {

std::int64_t decayed(std::int64_t value, GameTime due, GameTime at,
                     const PersonalReputationRules& rules) {
  if (due == 0 || at < due) return value;
  const std::int64_t amount =
      saturating_mul(1 + (at - due) / rules.decay_interval, rules.decay_per_week);
  return value > 0 ? std::max<std::int64_t>(0, value - amount)
                   : std::min<std::int64_t>(0, value + amount);
}

GameTime next_step_after(GameTime at, const PersonalReputationRules& rules) {
  const GameTime since = at - rules.decay_grid_start;
  const GameTime steps = since < 0 ? 0 : since / rules.decay_interval + 1;
  return rules.decay_grid_start + steps * rules.decay_interval;
}

std::pair<std::string, std::string> tier_of(Reader& reader, std::int64_t value) {
  Query query(reader,
              "SELECT name, name_color FROM personal_reputation_tiers "
              "WHERE ?1 BETWEEN min_value AND max_value",
              value);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("No personal reputation tier holds the value {}.", value));
  }
  return {query.text(0), query.text(1)};
}

}  // namespace personal_reputation

using personal_reputation::decayed;

namespace {

struct Tier {
  std::string name;
  std::string color;
  double price_factor = 1.0;
  bool aggro = false;
  std::int64_t bonus = 0;
};

Tier personal_tier(Reader& reader, std::int64_t value) {
  Query query(reader,
              "SELECT name, name_color, price_factor, bounty_hunter_aggro, faction_standing_bonus "
              "FROM personal_reputation_tiers WHERE ?1 BETWEEN min_value AND max_value",
              value);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("No personal reputation tier holds the value {}.", value));
  }
  Tier tier{query.text(0), query.text(1), query.real(2), query.integer(3) != 0, query.integer(4)};
  return tier;
}

Alignment describe(Reader& reader, std::int64_t value, GameTime due, GameTime at) {
  const PersonalReputationRules& rules = reader.rules().personal_reputation;
  Alignment alignment;
  alignment.value = decayed(value, due, at, rules);
  const Tier tier = personal_tier(reader, alignment.value);
  alignment.tier = tier.name;
  alignment.name_color = tier.color;
  alignment.price_factor = tier.price_factor;
  alignment.bounty_hunter_aggro = tier.aggro;
  alignment.faction_standing_bonus = tier.bonus;
  alignment.wanted = alignment.value < rules.wanted_below;
  if (alignment.value != 0 && due != 0) {
    alignment.next_decay_at =
        at < due ? due : due + ((at - due) / rules.decay_interval + 1) * rules.decay_interval;
  }
  return alignment;
}

// Writes the alignment as of game time `at`.
void store(Command& command, const PlayerId& player, std::int64_t value, const Tier& tier,
           GameTime anchor, GameTime due, GameTime at) {
  Query update(command,
               "UPDATE players SET personal_reputation = :value, reputation_tier = :name, "
               "name_color = :color, personal_reputation_anchor_at = :anchor, "
               "personal_reputation_decay_due_at = NULLIF(:due, 0), updated_at = :at WHERE id = "
               ":player",
               named(":value", value), named(":name", tier.name), named(":color", tier.color),
               named(":anchor", anchor), named(":due", due), named(":at", at),
               named(":player", player));
  update.exec();
  if (due != 0) command.schedule(due);
}

void emit_tier_change(Command& command, GameTime at, const PlayerId& player, const Tier& before,
                      const Tier& after, std::int64_t value, bool queued) {
  if (before.name == after.name) return;
  const std::string payload = Payload()
                                  .add("old_tier", before.name)
                                  .add("new_tier", after.name)
                                  .add("old_color", before.color)
                                  .add("new_color", after.color)
                                  .add("value", value)
                                  .str();
  if (queued) {
    command.emit_at(at, PersonalReputationEvents::kTierChanged, "", player, payload);
  } else {
    command.emit(PersonalReputationEvents::kTierChanged, "", player, payload);
  }
}

}  // namespace

Result<Alignment> PersonalReputation::change(const PlayerId& player, std::int64_t delta,
                                             const std::string& reason) {
  return core_.run([&](Command& command) -> Result<Alignment> {
    if (delta == 0) return Outcome::refused(Refusal::InvalidArgument, "A change must not be 0.");
    if (Outcome valid = text::check("A change's reason", reason, 1, 255); !valid) return valid;
    if (Outcome active = players::check_active(command, player); !active) return active;
    const PersonalReputationRules& rules = command.rules().personal_reputation;
    Query query(command, "SELECT personal_reputation FROM players WHERE id = ?", player);
    query.step();
    const std::int64_t old_value = query.integer(0);
    query.reset();
    const std::int64_t value =
        std::clamp(saturating_add(old_value, delta), rules.min_value, rules.max_value);
    const Tier before = personal_tier(command, old_value);
    const Tier after = personal_tier(command, value);
    const GameTime due =
        value == 0 ? 0 : personal_reputation::next_step_after(command.now(), rules);
    store(command, player, value, after, command.now(), due, command.now());
    command.emit(PersonalReputationEvents::kChanged, "", player,
                 Payload()
                     .add("old", old_value)
                     .add("new", value)
                     .add("change", value - old_value)
                     .add("reason", reason)
                     .str());
    emit_tier_change(command, command.now(), player, before, after, value, false);
    return describe(command, value, due, command.now());
  });
}

std::optional<Alignment> PersonalReputation::alignment(const PlayerId& player) const {
  return core_.read([&](Reader& reader) -> std::optional<Alignment> {
    Query query(
        reader,
        "SELECT personal_reputation, ifnull(personal_reputation_decay_due_at, 0) FROM players "
        "WHERE id = ?",
        player);
    if (!query.step()) return std::nullopt;
    const std::int64_t value = query.integer(0);
    const GameTime due = query.integer(1);
    return describe(reader, value, due, reader.now());
  });
}

void tick_personal_reputation(Command& command, GameTime to) {
  const PersonalReputationRules& rules = command.rules().personal_reputation;
  constexpr int kBatch = 512;
  std::vector<std::pair<std::int64_t, Tier>> tiers;  // by min_value, descending
  Query bands(command,
              "SELECT min_value, name, name_color, price_factor, bounty_hunter_aggro, "
              "faction_standing_bonus FROM personal_reputation_tiers ORDER BY min_value DESC");
  while (bands.step()) {
    tiers.push_back(
        {bands.integer(0),
         {bands.text(1), bands.text(2), bands.real(3), bands.integer(4) != 0, bands.integer(5)}});
  }
  bands.reset();
  const auto tier_of = [&](std::int64_t value) -> const Tier& {
    for (const auto& [min_value, tier] : tiers) {
      if (value >= min_value) return tier;
    }
    throw Error(ErrorKind::CorruptData,
                fmt::format("No personal reputation tier holds the value {}.", value));
  };
  for (;;) {
    Query due(command,
              "SELECT id, personal_reputation, personal_reputation_anchor_at, "
              "personal_reputation_decay_due_at FROM players "
              "WHERE personal_reputation_decay_due_at <= ?1 "
              "ORDER BY personal_reputation_decay_due_at LIMIT ?2",
              to, kBatch);

    struct Row {
      std::string player;
      std::int64_t value;
      GameTime anchor;
      GameTime due;
    };

    std::vector<Row> rows;
    while (due.step()) {
      rows.push_back({due.text(0), due.integer(1), due.integer(2), due.integer(3)});
    }
    due.reset();
    if (rows.empty()) break;
    for (Row& row : rows) {
      Tier tier = tier_of(row.value);
      GameTime last_step = row.due;
      while (row.due != 0 && row.due <= to) {
        last_step = row.due;
        const std::int64_t old_value = row.value;
        row.value = decayed(old_value, row.due, row.due, rules);
        const Tier& new_tier = tier_of(row.value);
        command.emit_at(row.due, PersonalReputationEvents::kDecayed, "", row.player,
                        Payload().add("old", old_value).add("new", row.value).str());
        emit_tier_change(command, row.due, row.player, tier, new_tier, row.value, true);
        tier = new_tier;
        row.due = row.value == 0 ? 0 : row.due + rules.decay_interval;
      }
      store(command, row.player, row.value, tier, row.anchor, row.due, last_step);
    }
  }
}

}  // namespace hearth

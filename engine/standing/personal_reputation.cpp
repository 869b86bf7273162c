#include "hearth/standing/personal_reputation.h"

#include <algorithm>
#include <cstdlib>

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
  std::int64_t min_value = 0;  // the band of values the tier holds
  std::int64_t max_value = 0;
};

constexpr const char* kTierColumns =
    "SELECT name, name_color, price_factor, bounty_hunter_aggro, faction_standing_bonus, "
    "min_value, max_value FROM personal_reputation_tiers ";

Tier tier_in(Query& query) {
  return {query.text(0),    query.text(1),    query.real(2),   query.integer(3) != 0,
          query.integer(4), query.integer(5), query.integer(6)};
}

Tier personal_tier(Reader& reader, std::int64_t value) {
  Query query(reader, std::string(kTierColumns) + "WHERE ?1 BETWEEN min_value AND max_value",
              value);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("No personal reputation tier holds the value {}.", value));
  }
  return tier_in(query);
}

// The weekly step, at or after `due` (the first one not yet applied to `value`, which is in
// `tier`), that a player would see: the one that moves the value into another tier or to 0. The
// tick visits the player then and only then. 0 when none is coming.
GameTime next_visible_step(std::int64_t value, GameTime due, const Tier& tier,
                           const PersonalReputationRules& rules) {
  const std::int64_t per_step = rules.decay_per_week;
  if (due == 0 || value == 0 || per_step <= 0) return 0;
  const std::int64_t to_zero = (std::abs(value) + per_step - 1) / per_step;
  const std::int64_t out_of_tier =
      (value > 0 ? value - tier.min_value : tier.max_value - value) / per_step + 1;
  const std::int64_t steps = std::min(to_zero, out_of_tier);
  return saturating_add(due, saturating_mul(steps - 1, rules.decay_interval));
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

// Writes the alignment as of game time `at`, and when the tick must next look at it.
void store(Command& command, const PlayerId& player, std::int64_t value, const Tier& tier,
           GameTime anchor, GameTime due, GameTime at) {
  const GameTime event = next_visible_step(value, due, tier, command.rules().personal_reputation);
  Query update(command,
               "UPDATE players SET personal_reputation = :value, reputation_tier = :name, "
               "name_color = :color, personal_reputation_anchor_at = :anchor, "
               "personal_reputation_decay_due_at = NULLIF(:due, 0), "
               "personal_reputation_event_at = NULLIF(:event, 0), updated_at = :at "
               "WHERE id = :player",
               named(":value", value), named(":name", tier.name), named(":color", tier.color),
               named(":anchor", anchor), named(":due", due), named(":event", event),
               named(":at", at), named(":player", player));
  update.exec();
  if (event != 0) command.schedule(event);
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
    // The stored value lags the weekly steps that crossed no tier: they are applied here.
    Query query(command,
                "SELECT personal_reputation, ifnull(personal_reputation_decay_due_at, 0) FROM "
                "players WHERE id = ?",
                player);
    query.step();
    const std::int64_t old_value =
        decayed(query.integer(0), query.integer(1), command.now(), rules);
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
  std::vector<Tier> tiers;  // by min_value, descending
  Query bands(command, std::string(kTierColumns) + "ORDER BY min_value DESC");
  while (bands.step()) tiers.push_back(tier_in(bands));
  bands.reset();
  const auto tier_of = [&](std::int64_t value) -> const Tier& {
    for (const Tier& tier : tiers) {
      if (value >= tier.min_value) return tier;
    }
    throw Error(ErrorKind::CorruptData,
                fmt::format("No personal reputation tier holds the value {}.", value));
  };

  struct Row {
    std::string player;
    std::int64_t value;
    GameTime anchor;
    GameTime due;
    GameTime event;
  };

  // Each player visited is one whose next visible step (a tier crossed, 0 reached) is due: the
  // steps up to it are applied at once, as of its time, and the next one is scheduled.
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, personal_reputation, personal_reputation_anchor_at, "
              "ifnull(personal_reputation_decay_due_at, 0), personal_reputation_event_at "
              "FROM players WHERE personal_reputation_event_at <= ?1 "
              "ORDER BY personal_reputation_event_at LIMIT ?2",
              to, command.batch_of(kBatch));
    std::vector<Row> rows;
    while (due.step()) {
      rows.push_back({due.text(0), due.integer(1), due.integer(2), due.integer(3), due.integer(4)});
    }
    due.reset();
    if (rows.empty()) break;
    // A slice's allowance counts each row visited and each step it journals: one row may carry a
    // year of steps.
    for (Row& row : rows) {
      if (command.work_spent()) return;
      std::size_t journaled = 0;
      GameTime written = 0;  // the time of the last step applied
      while (row.event != 0 && row.event <= to) {
        const GameTime at = row.event;
        const Tier& old_tier = tier_of(row.value);
        const std::int64_t value = decayed(row.value, row.due, at, rules);
        const Tier& new_tier = tier_of(value);
        if (value != row.value && (&new_tier != &old_tier || value == 0)) {
          command.emit_at(at, PersonalReputationEvents::kDecayed, "", row.player,
                          Payload().add("old", row.value).add("new", value).str());
          emit_tier_change(command, at, row.player, old_tier, new_tier, value, true);
          row.value = value;
          row.due = value == 0 ? 0 : at + rules.decay_interval;
          ++journaled;
          written = at;
        } else if (value == row.value && row.due != 0 && row.due <= at) {
          row.due = 0;  // nothing left to decay
        }
        // A player scheduled by older rules (or a save from before) may be visited on a step
        // that shows nothing: it is only rescheduled.
        row.event = next_visible_step(row.value, row.due, tier_of(row.value), rules);
      }
      if (written != 0) {
        store(command, row.player, row.value, tier_of(row.value), row.anchor, row.due, written);
      } else {
        Query reschedule(command,
                         "UPDATE players SET personal_reputation_decay_due_at = NULLIF(?1, 0), "
                         "personal_reputation_event_at = NULLIF(?2, 0) WHERE id = ?3",
                         row.due, row.event, row.player);
        reschedule.exec();
        if (row.event != 0) command.schedule(row.event);
      }
      command.spend(1 + journaled);
    }
  }
}

void reschedule_personal_reputation_decay(Command& command) {
  Query reschedule(
      command,
      "UPDATE players SET personal_reputation_event_at = personal_reputation_decay_due_at");
  reschedule.exec();
}

}  // namespace hearth

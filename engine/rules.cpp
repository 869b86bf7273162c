#include "engine/rules.h"

#include "engine/error.h"
#include "storage/json.h"

namespace hearth {

template <class Archive>
void serialize(Archive& archive, PlayerRules& rules) {
  archive(cereal::make_nvp("username_min_length", rules.username_min_length),
          cereal::make_nvp("username_max_length", rules.username_max_length),
          cereal::make_nvp("starting_credits", rules.starting_credits));
}

template <class Archive>
void serialize(Archive& archive, TurnRules& rules) {
  archive(cereal::make_nvp("per_day", rules.per_day), cereal::make_nvp("base_cap", rules.base_cap),
          cereal::make_nvp("starting", rules.starting),
          cereal::make_nvp("max_multiplier", rules.max_multiplier),
          cereal::make_nvp("return_after_days", rules.return_after_days),
          cereal::make_nvp("return_bonus_per_day", rules.return_bonus_per_day),
          cereal::make_nvp("return_bonus_cap", rules.return_bonus_cap),
          cereal::make_nvp("daily_refill", rules.daily_refill));
}

template <class Archive>
void serialize(Archive& archive, Threshold& step) {
  archive(cereal::make_nvp("at_least", step.at_least), cereal::make_nvp("value", step.value));
}

template <class Archive>
void serialize(Archive& archive, ReputationRules& rules) {
  archive(cereal::make_nvp("min_value", rules.min_value),
          cereal::make_nvp("max_value", rules.max_value),
          cereal::make_nvp("decay_grace", rules.decay_grace),
          cereal::make_nvp("decay_interval", rules.decay_interval),
          cereal::make_nvp("decay_floor", rules.decay_floor),
          cereal::make_nvp("decay_per_week", rules.decay_per_week),
          cereal::make_nvp("history_limit", rules.history_limit),
          cereal::make_nvp("trade_modifier_at_max", rules.trade_modifier_at_max),
          cereal::make_nvp("port_access", rules.port_access),
          cereal::make_nvp("friendly_at", rules.friendly_at),
          cereal::make_nvp("neutral_at", rules.neutral_at),
          cereal::make_nvp("price_multipliers", rules.price_multipliers),
          cereal::make_nvp("price_multiplier_floor", rules.price_multiplier_floor));
}

template <class Archive>
void serialize(Archive& archive, PersonalReputationRules& rules) {
  archive(cereal::make_nvp("min_value", rules.min_value),
          cereal::make_nvp("max_value", rules.max_value),
          cereal::make_nvp("decay_interval", rules.decay_interval),
          cereal::make_nvp("decay_per_week", rules.decay_per_week),
          cereal::make_nvp("wanted_below", rules.wanted_below));
}

template <class Archive>
void serialize(Archive& archive, RankRules& rules) {
  archive(cereal::make_nvp("combat_base", rules.combat_base),
          cereal::make_nvp("combat_per_level_above", rules.combat_per_level_above),
          cereal::make_nvp("combat_above_cap", rules.combat_above_cap),
          cereal::make_nvp("combat_per_level_below", rules.combat_per_level_below),
          cereal::make_nvp("combat_below_floor", rules.combat_below_floor),
          cereal::make_nvp("combat_same_level", rules.combat_same_level),
          cereal::make_nvp("combat_min", rules.combat_min),
          cereal::make_nvp("combat_max", rules.combat_max),
          cereal::make_nvp("trading", rules.trading),
          cereal::make_nvp("exploration_per_sector", rules.exploration_per_sector),
          cereal::make_nvp("colony", rules.colony));
}

template <class Archive>
void serialize(Archive& archive, TeamRules& rules) {
  archive(cereal::make_nvp("creation_cost", rules.creation_cost),
          cereal::make_nvp("default_max_members", rules.default_max_members),
          cereal::make_nvp("name_min_length", rules.name_min_length),
          cereal::make_nvp("name_max_length", rules.name_max_length));
}

template <class Archive>
void serialize(Archive& archive, TeamReputationRules& rules) {
  archive(cereal::make_nvp("recalculation_interval", rules.recalculation_interval),
          cereal::make_nvp("method_change_cooldown", rules.method_change_cooldown),
          cereal::make_nvp("history_limit", rules.history_limit));
}

template <class Archive>
void serialize(Archive& archive, LedgerRules& rules) {
  archive(cereal::make_nvp("exact_conversions", rules.exact_conversions),
          cereal::make_nvp("max_inventory_slots", rules.max_inventory_slots),
          cereal::make_nvp("max_stack_size", rules.max_stack_size));
}

template <class Archive>
void serialize(Archive& archive, Rules& rules) {
  archive(cereal::make_nvp("players", rules.players), cereal::make_nvp("turns", rules.turns),
          cereal::make_nvp("reputation", rules.reputation),
          cereal::make_nvp("personal_reputation", rules.personal_reputation),
          cereal::make_nvp("ranks", rules.ranks), cereal::make_nvp("teams", rules.teams),
          cereal::make_nvp("team_reputation", rules.team_reputation),
          cereal::make_nvp("ledger", rules.ledger));
}

std::string Rules::to_json() const { return storage::to_json(*this); }

Rules Rules::from_json(std::string_view text) {
  try {
    return storage::from_json<Rules>(text, {"rules", "document"});
  } catch (const storage::CorruptJson& error) {
    throw Error(ErrorKind::Usage, error.what());
  }
}

}  // namespace hearth

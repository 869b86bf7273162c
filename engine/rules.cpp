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
void serialize(Archive& archive, ReputationRules& rules) {
  archive(cereal::make_nvp("min_value", rules.min_value),
          cereal::make_nvp("max_value", rules.max_value),
          cereal::make_nvp("decay_grace", rules.decay_grace),
          cereal::make_nvp("decay_floor", rules.decay_floor),
          cereal::make_nvp("decay_per_week", rules.decay_per_week),
          cereal::make_nvp("history_limit", rules.history_limit));
}

template <class Archive>
void serialize(Archive& archive, PersonalReputationRules& rules) {
  archive(cereal::make_nvp("min_value", rules.min_value),
          cereal::make_nvp("max_value", rules.max_value),
          cereal::make_nvp("decay_per_week", rules.decay_per_week));
}

template <class Archive>
void serialize(Archive& archive, TeamReputationRules& rules) {
  archive(cereal::make_nvp("recalculation_interval", rules.recalculation_interval),
          cereal::make_nvp("method_change_cooldown", rules.method_change_cooldown));
}

template <class Archive>
void serialize(Archive& archive, Rules& rules) {
  archive(cereal::make_nvp("players", rules.players), cereal::make_nvp("turns", rules.turns),
          cereal::make_nvp("reputation", rules.reputation),
          cereal::make_nvp("personal_reputation", rules.personal_reputation),
          cereal::make_nvp("team_reputation", rules.team_reputation));
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

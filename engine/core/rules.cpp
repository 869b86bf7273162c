#include "hearth/rules.h"

#include <cmath>
#include <set>

#include <fmt/core.h>
#include <rapidjson/document.h>

#include "storage/json.h"

#include "hearth/core/error.h"

namespace hearth {

template <class Archive>
void serialize(Archive& archive, PlayerRules& rules) {
  archive(cereal::make_nvp("username_min_length", rules.username_min_length),
          cereal::make_nvp("username_max_length", rules.username_max_length),
          cereal::make_nvp("starting_credits", rules.starting_credits));
}

template <class Archive>
void serialize(Archive& archive, AccountRules& rules) {
  archive(cereal::make_nvp("password_cost", rules.password_cost),
          cereal::make_nvp("password_min_length", rules.password_min_length),
          cereal::make_nvp("max_failed_logins", rules.max_failed_logins),
          cereal::make_nvp("lockout", rules.lockout),
          cereal::make_nvp("access_token_lifetime", rules.access_token_lifetime),
          cereal::make_nvp("refresh_token_lifetime", rules.refresh_token_lifetime),
          cereal::make_nvp("verification_token_lifetime", rules.verification_token_lifetime),
          cereal::make_nvp("activation_token_lifetime", rules.activation_token_lifetime),
          cereal::make_nvp("reset_token_lifetime", rules.reset_token_lifetime));
}

template <class Archive>
void serialize(Archive& archive, AccessRules& rules) {
  archive(cereal::make_nvp("host_after", rules.host_after),
          cereal::make_nvp("longest_limited_ban", rules.longest_limited_ban));
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
          cereal::make_nvp("decay_grid_start", rules.decay_grid_start),
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
          cereal::make_nvp("name_max_length", rules.name_max_length),
          cereal::make_nvp("invitation_lifetime", rules.invitation_lifetime));
}

template <class Archive>
void serialize(Archive& archive, TeamReputationRules& rules) {
  archive(cereal::make_nvp("recalculation_interval", rules.recalculation_interval),
          cereal::make_nvp("method_change_cooldown", rules.method_change_cooldown),
          cereal::make_nvp("history_limit", rules.history_limit));
}

template <class Archive>
void serialize(Archive& archive, LedgerRules& rules) {
  archive(cereal::make_nvp("exact_conversions", rules.exact_conversions));
}

template <class Archive>
void serialize(Archive& archive, InventoryRules& rules) {
  archive(cereal::make_nvp("max_slots", rules.max_slots),
          cereal::make_nvp("max_stack_size", rules.max_stack_size),
          cereal::make_nvp("sell_back_percent", rules.sell_back_percent));
}

namespace {

// Rules stored before the inventory had its own section kept its limits in "ledger"; -1: absent.
struct LegacyLedger {
  std::int64_t max_inventory_slots = -1;
  std::int64_t max_stack_size = -1;
};

struct LegacyRules {
  LegacyLedger ledger;
  InventoryRules inventory{-1, -1};
};

template <class Archive>
void serialize(Archive& archive, LegacyLedger& ledger) {
  archive(cereal::make_nvp("max_inventory_slots", ledger.max_inventory_slots),
          cereal::make_nvp("max_stack_size", ledger.max_stack_size));
}

template <class Archive>
void serialize(Archive& archive, LegacyRules& rules) {
  archive(cereal::make_nvp("ledger", rules.ledger), cereal::make_nvp("inventory", rules.inventory));
}

}  // namespace

template <class Archive>
void serialize(Archive& archive, RarityBand& band) {
  archive(cereal::make_nvp("at_least", band.at_least), cereal::make_nvp("tiers", band.tiers));
}

template <class Archive>
void serialize(Archive& archive, SuspicionStep& step) {
  archive(cereal::make_nvp("at_least", step.at_least), cereal::make_nvp("change", step.change));
}

template <class Archive>
void serialize(Archive& archive, ContradictionPair& pair) {
  archive(cereal::make_nvp("name", pair.name), cereal::make_nvp("first", pair.first),
          cereal::make_nvp("second", pair.second));
}

template <class Archive>
void serialize(Archive& archive, OnboardingRules& rules) {
  archive(cereal::make_nvp("rarity_bands", rules.rarity_bands),
          cereal::make_nvp("offered_ships", rules.offered_ships),
          cereal::make_nvp("escape_pod_skips_dialogue", rules.escape_pod_skips_dialogue),
          cereal::make_nvp("escape_pod_credits", rules.escape_pod_credits),
          cereal::make_nvp("escape_pod_skill", rules.escape_pod_skill),
          cereal::make_nvp("escape_pod_score", rules.escape_pod_score),
          cereal::make_nvp("answer_min_length", rules.answer_min_length),
          cereal::make_nvp("answer_max_length", rules.answer_max_length),
          cereal::make_nvp("answer_max_words", rules.answer_max_words),
          cereal::make_nvp("max_exchanges", rules.max_exchanges),
          cereal::make_nvp("high_suspicion_above", rules.high_suspicion_above),
          cereal::make_nvp("high_suspicion_min_exchanges", rules.high_suspicion_min_exchanges),
          cereal::make_nvp("convinced_suspicion_below", rules.convinced_suspicion_below),
          cereal::make_nvp("convinced_believability_above", rules.convinced_believability_above),
          cereal::make_nvp("convinced_min_exchanges", rules.convinced_min_exchanges),
          cereal::make_nvp("default_base_suspicion", rules.default_base_suspicion),
          cereal::make_nvp("suspicion_steps", rules.suspicion_steps),
          cereal::make_nvp("suspicion_floor_change", rules.suspicion_floor_change),
          cereal::make_nvp("mood_wary_at", rules.mood_wary_at),
          cereal::make_nvp("mood_alarmed_at", rules.mood_alarmed_at),
          cereal::make_nvp("persuasiveness_base", rules.persuasiveness_base),
          cereal::make_nvp("persuasiveness_per_word", rules.persuasiveness_per_word),
          cereal::make_nvp("persuasiveness_length_cap", rules.persuasiveness_length_cap),
          cereal::make_nvp("detail_bonus", rules.detail_bonus),
          cereal::make_nvp("detail_keywords", rules.detail_keywords),
          cereal::make_nvp("confidence_base", rules.confidence_base),
          cereal::make_nvp("confident_bonus", rules.confident_bonus),
          cereal::make_nvp("confident_phrases", rules.confident_phrases),
          cereal::make_nvp("consistency_base", rules.consistency_base),
          cereal::make_nvp("contradiction_penalty", rules.contradiction_penalty),
          cereal::make_nvp("contradiction_pairs", rules.contradiction_pairs),
          cereal::make_nvp("believability_persuasiveness", rules.believability_persuasiveness),
          cereal::make_nvp("believability_confidence", rules.believability_confidence),
          cereal::make_nvp("believability_consistency", rules.believability_consistency),
          cereal::make_nvp("name_prefixes", rules.name_prefixes),
          cereal::make_nvp("name_max_words", rules.name_max_words),
          cereal::make_nvp("score_consistency", rules.score_consistency),
          cereal::make_nvp("score_confidence", rules.score_confidence),
          cereal::make_nvp("score_persuasiveness", rules.score_persuasiveness),
          cereal::make_nvp("cat_bonus", rules.cat_bonus),
          cereal::make_nvp("cat_words", rules.cat_words),
          cereal::make_nvp("hard_fail_average_consistency", rules.hard_fail_average_consistency),
          cereal::make_nvp("hard_fail_contradictions", rules.hard_fail_contradictions),
          cereal::make_nvp("hard_fail_exchange_consistency", rules.hard_fail_exchange_consistency),
          cereal::make_nvp("strong_at", rules.strong_at),
          cereal::make_nvp("average_at", rules.average_at),
          cereal::make_nvp("threshold_min", rules.threshold_min),
          cereal::make_nvp("threshold_max", rules.threshold_max),
          cereal::make_nvp("unknown_trait_suspicious_at", rules.unknown_trait_suspicious_at),
          cereal::make_nvp("unknown_trait_modifier", rules.unknown_trait_modifier),
          cereal::make_nvp("bonus_min_rarity_tier", rules.bonus_min_rarity_tier),
          cereal::make_nvp("trade_bonus", rules.trade_bonus),
          cereal::make_nvp("hard_fail_credits", rules.hard_fail_credits),
          cereal::make_nvp("partial_success_credits", rules.partial_success_credits),
          cereal::make_nvp("failure_credits", rules.failure_credits),
          cereal::make_nvp("nickname_min_length", rules.nickname_min_length),
          cereal::make_nvp("nickname_max_length", rules.nickname_max_length),
          cereal::make_nvp("nickname_blocklist", rules.nickname_blocklist),
          cereal::make_nvp("aria_relationship_score", rules.aria_relationship_score),
          cereal::make_nvp("aria_total_interactions", rules.aria_total_interactions),
          cereal::make_nvp("provider_time_budget_ms", rules.provider_time_budget_ms));
}

template <class Archive>
void serialize(Archive& archive, RelationRules& rules) {
  archive(cereal::make_nvp("max_friends", rules.max_friends),
          cereal::make_nvp("max_page", rules.max_page));
}

template <class Archive>
void serialize(Archive& archive, MessageRules& rules) {
  archive(cereal::make_nvp("max_subject", rules.max_subject),
          cereal::make_nvp("max_content", rules.max_content),
          cereal::make_nvp("max_thread", rules.max_thread),
          cereal::make_nvp("rate_limit", rules.rate_limit),
          cereal::make_nvp("rate_window", rules.rate_window),
          cereal::make_nvp("retention", rules.retention),
          cereal::make_nvp("flag_reason_min", rules.flag_reason_min),
          cereal::make_nvp("flag_reason_max", rules.flag_reason_max),
          cereal::make_nvp("max_page", rules.max_page));
}

template <class Archive>
void serialize(Archive& archive, CatalogRules& rules) {
  archive(cereal::make_nvp("trade_lifetime", rules.trade_lifetime),
          cereal::make_nvp("review_revisions", rules.review_revisions),
          cereal::make_nvp("penalty_ban", rules.penalty_ban),
          cereal::make_nvp("max_asset_bytes", rules.max_asset_bytes));
}

template <class Archive>
void serialize(Archive& archive, LocationRules& rules) {
  archive(cereal::make_nvp("dock_turns", rules.dock_turns),
          cereal::make_nvp("undock_turns", rules.undock_turns));
}

template <class Archive>
void serialize(Archive& archive, ModerationRules& rules) {
  archive(cereal::make_nvp("auto_timeout_warnings", rules.auto_timeout_warnings),
          cereal::make_nvp("auto_timeout", rules.auto_timeout),
          cereal::make_nvp("page", rules.page));
}

template <class Archive>
void serialize(Archive& archive, LevelRules& rules) {
  archive(cereal::make_nvp("base", rules.base), cereal::make_nvp("exponent", rules.exponent),
          cereal::make_nvp("activity_min", rules.activity_min),
          cereal::make_nvp("activity_max", rules.activity_max),
          cereal::make_nvp("activity_cooldown", rules.activity_cooldown));
}

template <class Archive>
void serialize(Archive& archive, RewardRules& rules) {
  archive(cereal::make_nvp("daily_amount", rules.daily_amount),
          cereal::make_nvp("daily_streak_bonus", rules.daily_streak_bonus),
          cereal::make_nvp("daily_weekly_bonus", rules.daily_weekly_bonus),
          cereal::make_nvp("daily_max", rules.daily_max),
          cereal::make_nvp("daily_currency", rules.daily_currency),
          cereal::make_nvp("login_day_amount", rules.login_day_amount),
          cereal::make_nvp("login_day_currency", rules.login_day_currency),
          cereal::make_nvp("login_week_amount", rules.login_week_amount),
          cereal::make_nvp("login_week_currency", rules.login_week_currency));
}

template <class Archive>
void serialize(Archive& archive, QuestRules& rules) {
  archive(cereal::make_nvp("max_active", rules.max_active));
}

template <class Archive>
void serialize(Archive& archive, LootRules& rules) {
  archive(cereal::make_nvp("activity_window", rules.activity_window),
          cereal::make_nvp("min_messages", rules.min_messages),
          cereal::make_nvp("spawn_chance", rules.spawn_chance),
          cereal::make_nvp("cooldown", rules.cooldown),
          cereal::make_nvp("reward_min", rules.reward_min),
          cereal::make_nvp("reward_max", rules.reward_max),
          cereal::make_nvp("currency", rules.currency),
          cereal::make_nvp("lifetime", rules.lifetime));
}

template <class Archive>
void serialize(Archive& archive, HostingRules& rules) {
  archive(cereal::make_nvp("session_token_lifetime", rules.session_token_lifetime));
}

template <class Archive>
void serialize(Archive& archive, TimeRules& rules) {
  archive(cereal::make_nvp("journal_jumps_over", rules.journal_jumps_over));
}

template <class Archive>
void serialize(Archive& archive, Rules& rules) {
  archive(
      cereal::make_nvp("time", rules.time), cereal::make_nvp("players", rules.players),
      cereal::make_nvp("accounts", rules.accounts), cereal::make_nvp("access", rules.access),
      cereal::make_nvp("moderation", rules.moderation), cereal::make_nvp("turns", rules.turns),
      cereal::make_nvp("levels", rules.levels), cereal::make_nvp("rewards", rules.rewards),
      cereal::make_nvp("quests", rules.quests), cereal::make_nvp("reputation", rules.reputation),
      cereal::make_nvp("personal_reputation", rules.personal_reputation),
      cereal::make_nvp("ranks", rules.ranks), cereal::make_nvp("teams", rules.teams),
      cereal::make_nvp("relations", rules.relations), cereal::make_nvp("messages", rules.messages),
      cereal::make_nvp("locations", rules.locations),
      cereal::make_nvp("team_reputation", rules.team_reputation),
      cereal::make_nvp("ledger", rules.ledger), cereal::make_nvp("inventory", rules.inventory),
      cereal::make_nvp("loot", rules.loot), cereal::make_nvp("onboarding", rules.onboarding),
      cereal::make_nvp("catalog", rules.catalog), cereal::make_nvp("hosting", rules.hosting));
}

std::string Rules::to_json() const { return storage::to_json(*this); }

Rules Rules::from_json(std::string_view text) {
  try {
    Rules rules = storage::from_json<Rules>(text, {"rules", "document"});
    // An older document's inventory limits, where the document has no inventory section.
    const auto legacy = storage::from_json<LegacyRules>(text, {"rules", "document"});
    if (legacy.inventory.max_slots == -1 && legacy.ledger.max_inventory_slots != -1) {
      rules.inventory.max_slots = legacy.ledger.max_inventory_slots;
    }
    if (legacy.inventory.max_stack_size == -1 && legacy.ledger.max_stack_size != -1) {
      rules.inventory.max_stack_size = legacy.ledger.max_stack_size;
    }
    return rules;
  } catch (const storage::CorruptJson& error) {
    throw Error(ErrorKind::Usage, error.what());
  }
}

namespace {

// The numbers that may be below zero, by their path in the rules' JSON.
const std::set<std::string>& signed_paths() {
  static const std::set<std::string> paths = {"reputation.min_value",
                                              "reputation.max_value",
                                              "reputation.neutral_at",
                                              "reputation.friendly_at",
                                              "reputation.port_access[].at_least",
                                              "reputation.price_multipliers[].at_least",
                                              "personal_reputation.min_value",
                                              "personal_reputation.max_value",
                                              "personal_reputation.wanted_below",
                                              "ranks.combat_below_floor",
                                              "onboarding.suspicion_steps[].change"};
  return paths;
}

// Walks the rules' JSON: no number below zero but the signed ones; intervals, lifetimes and
// windows above zero.
void check_numbers(const rapidjson::Value& value, const std::string& path,
                   std::vector<std::string>& problems) {
  if (value.IsObject()) {
    for (auto member = value.MemberBegin(); member != value.MemberEnd(); ++member) {
      check_numbers(member->value,
                    path.empty() ? member->name.GetString() : path + "." + member->name.GetString(),
                    problems);
    }
  } else if (value.IsArray()) {
    for (const auto& element : value.GetArray()) check_numbers(element, path + "[]", problems);
  } else if (value.IsNumber()) {
    const double number = value.GetDouble();
    const std::string field = path.substr(path.rfind('.') + 1);
    const bool positive = field.find("interval") != std::string::npos ||
                          field.find("lifetime") != std::string::npos || field.ends_with("window");
    if (number < 0 && signed_paths().count(path) == 0) {
      problems.push_back(fmt::format("{} is {}, below 0.", path, number));
    } else if (positive && number <= 0) {
      problems.push_back(fmt::format("{} is {}; it must be above 0.", path, number));
    }
  }
}

}  // namespace

std::vector<std::string> Rules::problems() const {
  std::vector<std::string> found;
  rapidjson::Document document;
  document.Parse(to_json().c_str());
  check_numbers(document, "", found);
  const auto at_most = [&](const char* low_name, double low, const char* high_name, double high) {
    if (low > high) {
      found.push_back(fmt::format("{} ({}) is above {} ({}).", low_name, low, high_name, high));
    }
  };
  at_most("players.username_min_length", players.username_min_length, "players.username_max_length",
          players.username_max_length);
  at_most("onboarding.nickname_min_length", onboarding.nickname_min_length,
          "onboarding.nickname_max_length", onboarding.nickname_max_length);
  at_most("onboarding.answer_min_length", onboarding.answer_min_length,
          "onboarding.answer_max_length", onboarding.answer_max_length);
  at_most("teams.name_min_length", teams.name_min_length, "teams.name_max_length",
          teams.name_max_length);
  at_most("messages.flag_reason_min", messages.flag_reason_min, "messages.flag_reason_max",
          messages.flag_reason_max);
  at_most("levels.activity_min", levels.activity_min, "levels.activity_max", levels.activity_max);
  at_most("loot.reward_min", loot.reward_min, "loot.reward_max", loot.reward_max);
  at_most("reputation.min_value", reputation.min_value, "reputation.max_value",
          reputation.max_value);
  at_most("personal_reputation.min_value", personal_reputation.min_value,
          "personal_reputation.max_value", personal_reputation.max_value);
  at_most("ranks.combat_min", ranks.combat_min, "ranks.combat_max", ranks.combat_max);
  at_most("inventory.sell_back_percent", inventory.sell_back_percent, "100", 100);
  at_most("loot.spawn_chance", loot.spawn_chance, "1", 1);
  at_most("1", 1, "turns.max_multiplier", turns.max_multiplier);
  at_most("1", 1, "players.username_min_length", players.username_min_length);
  at_most("1", 1, "levels.activity_min", levels.activity_min);
  at_most("1", 1, "loot.reward_min", loot.reward_min);
  if (accounts.password_cost < 4 || accounts.password_cost > 31) {
    found.push_back(
        fmt::format("accounts.password_cost is {}; bcrypt's is 4 to 31.", accounts.password_cost));
  }
  if (teams.default_max_members < 2 || teams.default_max_members > 20) {
    found.push_back(fmt::format("teams.default_max_members is {}; a team has 2 to 20 members.",
                                teams.default_max_members));
  }
  const double halves = levels.exponent * 2;
  if (levels.base < 1 || !(halves >= 2 && halves <= 8) || halves != std::floor(halves)) {
    found.push_back(
        "levels needs a base of at least 1 and an exponent that is a multiple of 0.5 "
        "from 1 to 4.");
  }
  return found;
}

}  // namespace hearth

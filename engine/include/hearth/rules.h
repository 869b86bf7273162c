// Rules: every tuning number of the game in one value, with tested numbers as defaults. A game
// overrides fields in code or loads a JSON file; the game file stores the rules it runs with, so a
// save carries them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"

namespace hearth {

// New users and their players.
struct PlayerRules {
  // Usernames: this many characters, ASCII letters, digits, '_', '-' and '.', starting with a
  // letter or digit; unique regardless of case.
  std::int64_t username_min_length = 3;
  std::int64_t username_max_length = 50;
  // What a new player starts with (in the default currency).
  std::int64_t starting_credits = 10000;

  bool operator==(const PlayerRules&) const = default;
};

// Turns: the action budget.
struct TurnRules {
  // Turns regained per day of game time; regeneration is continuous (fractions carry over).
  std::int64_t per_day = 1000;
  // The cap before the rank bonus: a player regenerates up to base_cap + rank bonus.
  std::int64_t base_cap = 1000;
  // Turns a new player starts with.
  std::int64_t starting = 1000;
  // The companion multiplier speeds regeneration; it is clamped to [1.0, max_multiplier].
  double max_multiplier = 1.5;
  // A return after more than return_after_days idle whole days grants
  // min(return_bonus_cap, return_bonus_per_day × days) turns, up to the cap.
  std::int64_t return_after_days = 7;
  std::int64_t return_bonus_per_day = 50;
  std::int64_t return_bonus_cap = 500;
  // The older variant: instead of regenerating, refill to the cap once per UTC day.
  bool daily_refill = false;

  bool operator==(const TurnRules&) const = default;
};

// A step of a threshold ladder: applies to values >= at_least (the first matching step from the
// top wins).
struct Threshold {
  std::int64_t at_least = 0;
  double value = 0;

  bool operator==(const Threshold&) const = default;
};

// Faction reputation and its decay. The 17 tiers are reference data
// (reputation_tiers); the rivalry caps too (faction_rivalries).
struct ReputationRules {
  std::int64_t min_value = -800;
  std::int64_t max_value = 800;
  // Decay: once a row has been idle (no change) for decay_grace, its value moves toward
  // ±decay_floor by decay_per_week at the end of every further whole week, never crossing it.
  GameTime decay_grace = 30 * kDay;
  GameTime decay_interval = kWeek;
  std::int64_t decay_floor = 100;
  std::int64_t decay_per_week = 50;
  // How many history entries a row keeps (the oldest go first).
  std::int64_t history_limit = 50;
  // trade_modifier = round(value / max_value × trade_modifier_at_max, 2).
  double trade_modifier_at_max = 0.3;
  // port_access_level: the first step whose at_least the value reaches, else 0.
  std::vector<Threshold> port_access = {{600, 3}, {200, 2}, {-200, 1}};
  // combat_response: "friendly" from friendly_at, "neutral" from neutral_at, else "hostile".
  std::int64_t friendly_at = 400;
  std::int64_t neutral_at = -200;
  // The price a player pays is multiplied by the first step the value reaches (else
  // price_multiplier_floor); a player with no standing pays × 1.0.
  std::vector<Threshold> price_multipliers = {{700, 0.85},  {500, 0.90}, {300, 0.95},
                                              {100, 0.97},  {-99, 1.00}, {-299, 1.05},
                                              {-499, 1.15}, {-699, 1.30}};
  double price_multiplier_floor = 1.50;

  bool operator==(const ReputationRules&) const = default;
};

// Personal reputation, the alignment. Its 8 tiers with name colours and price
// factors are reference data (personal_reputation_tiers).
struct PersonalReputationRules {
  std::int64_t min_value = -1000;
  std::int64_t max_value = 1000;
  // A weekly sweep for everyone: at every step of a fixed grid (decay_grid_start + k ×
  // decay_interval; by default every Monday at 00:00 UTC), every non-zero value moves
  // decay_per_week toward 0 (never past it), however recently the player acted.
  GameTime decay_interval = kWeek;
  GameTime decay_grid_start = 4 * kDay;  // 1970-01-05, a Monday
  std::int64_t decay_per_week = 5;
  // A player below this value is wanted (strictly below: -500 itself is not).
  std::int64_t wanted_below = -500;

  bool operator==(const PersonalReputationRules&) const = default;
};

// Military rank points. The 18 ranks, their thresholds, bonuses and
// achievement gates are reference data (military_ranks).
struct RankRules {
  // Combat victory: combat_base, plus combat_per_level_above × d (at most combat_above_cap) when
  // the opponent is d levels higher, plus combat_per_level_below × d (at least
  // combat_below_floor; d < 0) when lower, plus combat_same_level when equal; clamped to
  // [combat_min, combat_max].
  std::int64_t combat_base = 10;
  std::int64_t combat_per_level_above = 10;
  std::int64_t combat_above_cap = 40;
  std::int64_t combat_per_level_below = 5;
  std::int64_t combat_below_floor = -5;
  std::int64_t combat_same_level = 5;
  std::int64_t combat_min = 10;
  std::int64_t combat_max = 50;
  // Trading: the points of the first band whose at_least the trade value reaches, else 0.
  std::vector<Threshold> trading = {{100000, 20}, {50000, 15}, {10000, 10}, {1000, 5}};
  std::int64_t exploration_per_sector = 3;
  std::int64_t colony = 25;

  bool operator==(const RankRules&) const = default;
};

// Teams.
struct TeamRules {
  std::int64_t creation_cost = 10000;  // credits the founder pays (to the sink)
  std::int64_t default_max_members = 4;
  std::int64_t name_min_length = 3;
  std::int64_t name_max_length = 80;

  bool operator==(const TeamRules&) const = default;
};

// Where players are (Locations).
struct LocationRules {
  std::int64_t dock_turns = 1;    // turns docking at a station costs
  std::int64_t undock_turns = 1;  // turns leaving it costs

  bool operator==(const LocationRules&) const = default;
};

// Team reputation aggregation.
struct TeamReputationRules {
  GameTime recalculation_interval = kDay;
  GameTime method_change_cooldown = 7 * kDay;
  // How many history entries (recalculations that changed something, method switches) to keep.
  std::int64_t history_limit = 20;

  bool operator==(const TeamReputationRules&) const = default;
};

// Money and items.
struct LedgerRules {
  // A conversion that divides (a rate destination → source used backwards, e.g. fragments into
  // credits) leaves what is not a whole destination unit in the source account; when true, such
  // an amount is refused instead: it must be an exact multiple of the ratio.
  bool exact_conversions = false;
  // Inventory limits: distinct items a user may hold, and the quantity of one stack. 0 = no limit.
  std::int64_t max_inventory_slots = 0;
  std::int64_t max_stack_size = 0;

  bool operator==(const LedgerRules&) const = default;
};

// A band of the onboarding rarity roll: a roll >= at_least (the first matching band from the top
// wins) draws ships of these rarity tiers.
struct RarityBand {
  std::int64_t at_least = 0;
  std::vector<std::int64_t> tiers;

  bool operator==(const RarityBand&) const = default;
};

// A step of the suspicion ladder: an answer whose believability is >= at_least (the first
// matching step from the top wins) moves the guard's suspicion by `change`.
struct SuspicionStep {
  double at_least = 0;
  double change = 0;

  bool operator==(const SuspicionStep&) const = default;
};

// Two sets of words that contradict each other: a word (or phrase) of one set in an earlier answer
// and one of the other set in the current answer is one detected contradiction named `name`.
struct ContradictionPair {
  std::string name;
  std::vector<std::string> first;
  std::vector<std::string> second;

  bool operator==(const ContradictionPair&) const = default;
};

// The first-login negotiation (docs/rules.md, "First-login onboarding"). Ship
// rarities and guard personalities are reference data (ship_rarity_config, guard_personalities).
struct OnboardingRules {
  // Ships offered next to the escape pod: a roll of 0..100 picks the band, then offered_ships
  // draws weighted by spawn chance, with replacement, duplicates redrawn from the rest.
  std::vector<RarityBand> rarity_bands = {
      {96, {4, 5, 6, 7}}, {86, {3, 4, 5}}, {61, {2, 3, 4}}, {0, {2, 3}}};
  std::int64_t offered_ships = 2;
  // Claiming the escape pod ends the negotiation at once with this award; when false, the pod
  // is negotiated like any ship (and a pod claim that falls short earns the partial award).
  bool escape_pod_skips_dialogue = true;
  std::int64_t escape_pod_credits = 1000;
  std::string escape_pod_skill = "AVERAGE";
  double escape_pod_score = 0.5;
  // An answer has answer_min_length..answer_max_length characters and at most answer_max_words
  // words.
  std::int64_t answer_min_length = 1;
  std::int64_t answer_max_length = 500;
  std::int64_t answer_max_words = 100;
  // The dialogue ends after max_exchanges answered exchanges (the ship claim counts), or early:
  // suspicion above high_suspicion_above after at least high_suspicion_min_exchanges, or
  // suspicion below convinced_suspicion_below with believability above
  // convinced_believability_above after at least convinced_min_exchanges.
  std::int64_t max_exchanges = 5;
  double high_suspicion_above = 0.85;
  std::int64_t high_suspicion_min_exchanges = 2;
  double convinced_suspicion_below = 0.20;
  double convinced_believability_above = 0.75;
  std::int64_t convinced_min_exchanges = 3;
  // Suspicion starts at the guard's base suspicion (default_base_suspicion when the guard has
  // none) and moves by the first step the answer's believability reaches, else by
  // suspicion_floor_change.
  double default_base_suspicion = 0.5;
  std::vector<SuspicionStep> suspicion_steps = {
      {0.8, -0.15}, {0.6, -0.08}, {0.4, 0.0}, {0.2, 0.10}};
  double suspicion_floor_change = 0.20;
  // The guard's mood in a question: wary from mood_wary_at, alarmed from mood_alarmed_at.
  double mood_wary_at = 0.4;
  double mood_alarmed_at = 0.7;
  // Persuasiveness = min(persuasiveness_base + words × persuasiveness_per_word,
  // persuasiveness_length_cap) + detail_bonus per detail keyword present.
  double persuasiveness_base = 0.3;
  double persuasiveness_per_word = 0.02;
  double persuasiveness_length_cap = 0.9;
  double detail_bonus = 0.05;
  std::vector<std::string> detail_keywords = {"serial",        "registry", "license", "clearance",
                                              "authorization", "docking",  "cargo",   "manifest"};
  // Confidence = confidence_base + confident_bonus when any confident phrase is present.
  double confidence_base = 0.5;
  double confident_bonus = 0.2;
  std::vector<std::string> confident_phrases = {"definitely", "certainly", "absolutely",
                                                "of course", "without a doubt"};
  // Consistency = consistency_base - contradiction_penalty per contradiction detected.
  double consistency_base = 0.8;
  double contradiction_penalty = 0.2;
  std::vector<ContradictionPair> contradiction_pairs = {
      {"timeline", {"today", "this morning", "just now"}, {"yesterday", "last week", "last month"}},
      {"condition", {"new", "brand new"}, {"old", "used", "vintage"}},
      {"acquisition", {"bought", "purchased"}, {"inherited", "gifted", "found"}}};
  // Believability = the weighted sum of persuasiveness, confidence and consistency.
  double believability_persuasiveness = 0.4;
  double believability_confidence = 0.3;
  double believability_consistency = 0.3;
  // A name is the text after the first of these prefixes (any case) found in an answer, up to
  // the next punctuation, when it has at most name_max_words words.
  std::vector<std::string> name_prefixes = {"I'm ",   "my name is ", "captain ",
                                            "pilot ", "name's ",     "call me "};
  std::int64_t name_max_words = 3;
  // The outcome score: weights of the average consistency, confidence and persuasiveness, plus
  // cat_bonus once when an answer mentions the cat (one of cat_words, as a whole word), at most 1.
  double score_consistency = 0.5;
  double score_confidence = 0.3;
  double score_persuasiveness = 0.2;
  double cat_bonus = 0.15;
  std::vector<std::string> cat_words = {"cat",   "cats",    "kitten", "kittens",
                                        "kitty", "kitties", "feline", "felines"};
  // Hard fail: average consistency below hard_fail_average_consistency, at least
  // hard_fail_contradictions contradictions in all, or one exchange's consistency below
  // hard_fail_exchange_consistency.
  double hard_fail_average_consistency = 0.3;
  std::int64_t hard_fail_contradictions = 3;
  double hard_fail_exchange_consistency = 0.2;
  // Skill: STRONG from strong_at, AVERAGE from average_at, else WEAK.
  double strong_at = 0.7;
  double average_at = 0.4;
  // The score needed: the ship's threshold for the skill plus the guard's modifier, clamped.
  double threshold_min = 0.2;
  double threshold_max = 0.95;
  // The modifier of a trait no longer in guard_personalities: +unknown_trait_modifier when the
  // session's base suspicion is at least unknown_trait_suspicious_at, else its negative.
  double unknown_trait_suspicious_at = 0.60;
  double unknown_trait_modifier = 0.10;
  // A STRONG success with a ship of at least this rarity tier earns the trade bonus.
  std::int64_t bonus_min_rarity_tier = 3;
  double trade_bonus = 0.1;
  // Credits awarded by the failing rows of the outcome table.
  std::int64_t hard_fail_credits = 300;
  std::int64_t partial_success_credits = 800;
  std::int64_t failure_credits = 500;
  // Nicknames: nickname_min_length..nickname_max_length characters, and not (as a whole name, in
  // any case) one of the blocklist's entries: reserved staff and system names, and profanity.
  // Whole-name matching accepts "AdminValley" and "Scunthorpe".
  std::int64_t nickname_min_length = 3;
  std::int64_t nickname_max_length = 20;
  std::vector<std::string> nickname_blocklist = {
      "admin",   "administrator", "moderator", "gamemaster", "system",
      "support", "aria",          "nebuspace", "fuck",       "shit",
      "cunt",    "bitch",         "asshole",   "nigger",     "faggot"};
  // The companion's warm start on completion.
  std::int64_t aria_relationship_score = 50;
  std::int64_t aria_total_interactions = 1;
  // A dialogue provider that takes longer than this (wall time) is overruled by the rules.
  std::int64_t provider_time_budget_ms = 5000;

  bool operator==(const OnboardingRules&) const = default;
};

// Game time (see GameOptions::time_mode).
struct TimeRules {
  // In real-time mode, a clock reading this far ahead of the last one a command saw is journaled
  // ("clock.jumped", with how far), so a game can tell a long absence, or a computer clock set
  // forward to collect turns, from ordinary play.
  GameTime journal_jumps_over = 7 * kDay;

  bool operator==(const TimeRules&) const = default;
};

struct Rules {
  TimeRules time;
  PlayerRules players;
  TurnRules turns;
  ReputationRules reputation;
  PersonalReputationRules personal_reputation;
  RankRules ranks;
  TeamRules teams;
  LocationRules locations;
  TeamReputationRules team_reputation;
  LedgerRules ledger;
  OnboardingRules onboarding;

  bool operator==(const Rules&) const = default;

  // Compact JSON of every field.
  std::string to_json() const;

  // Rules from JSON text. A field the text lacks keeps its default; an unknown field is ignored.
  // Throws Error{Usage} when the text is not JSON of this shape.
  static Rules from_json(std::string_view text);
};

}  // namespace hearth

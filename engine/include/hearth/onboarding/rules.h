// The numbers of first-login onboarding (Rules::onboarding).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hearth/core/clock.h"

namespace hearth {

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

}  // namespace hearth

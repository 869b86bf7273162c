// The rules-based guard: how one answer of the first-login negotiation is scored, and the text
// helpers it stands on. Pure functions of the rules and the text, testable without a game file.
// Internal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/onboarding/dialogue_provider.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/rules.h"

namespace hearth::onboarding {

// Rounded to 4 decimals, as every stored score is.
double round4(double value);

double clamp01(double value);

// ASCII lower case; other bytes unchanged.
std::string lower(std::string_view text);

// Without leading and trailing white space.
std::string trim(std::string_view text);

// Whitespace-separated words of `text`.
std::vector<std::string> words(std::string_view text);

// The lowercase words of `text` without punctuation: runs of ASCII letters, digits, apostrophes
// and any non-ASCII byte.
std::vector<std::string> tokens(std::string_view text);

// Whether the words of `phrase` appear consecutively in `text` (tokens).
bool has_phrase(const std::vector<std::string>& text, std::string_view phrase);

// The first of `phrases` found in any of `texts`; "" when none.
std::string first_phrase(const std::vector<std::vector<std::string>>& texts,
                         const std::vector<std::string>& phrases);

// Scores of one answer, from the rules or a provider.
struct Assessment {
  double persuasiveness = 0;
  double confidence = 0;
  double consistency = 0;
  double believability = 0;
  double suspicion = 0;
  StringList contradictions;
  StringList claims;
  std::string name;
};

// How much suspicion moves for an answer of `believability`.
double suspicion_change(const OnboardingRules& rules, double believability);

// The name in an answer: the text after the first prefix found, up to punctuation, when it has
// 1 to name_max_words words; "" otherwise.
std::string extract_name(const OnboardingRules& rules, const std::string& answer);

// The rules-based scores of `answer` given the earlier answers of the session (believability
// from the three scores; suspicion carried from `previous_suspicion`).
Assessment score_by_rules(const OnboardingRules& rules, const std::string& answer,
                          const std::vector<std::string>& earlier, double previous_suspicion);

// A provider's judgement as scores, or nullopt when a score is not a number.
std::optional<Assessment> from_provider(const AnswerAssessment& judged);

// Why the dialogue ends after `completed` answered exchanges; "" when it goes on.
DialogueEnd end_reason(const OnboardingRules& rules, std::int64_t completed,
                       const Assessment& scores);

}  // namespace hearth::onboarding

#include "engine/onboarding/scorer.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

namespace hearth::onboarding {

double round4(double value) { return std::round(value * 10000.0) / 10000.0; }

double clamp01(double value) { return std::clamp(value, 0.0, 1.0); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

// Whitespace-separated words of `text`.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_space(c)) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// The lowercase words of `text` without punctuation: runs of ASCII letters, digits, apostrophes
// and any non-ASCII byte.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string token;
  for (char c : lower(text)) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || byte >= 0x80) {
      token += c;
    } else if (!token.empty()) {
      out.push_back(std::move(token));
      token.clear();
    }
  }
  if (!token.empty()) out.push_back(std::move(token));
  return out;
}

// Whether the words of `phrase` appear consecutively in `text`.
bool has_phrase(const std::vector<std::string>& text, std::string_view phrase) {
  const std::vector<std::string> wanted = tokens(phrase);
  if (wanted.empty() || wanted.size() > text.size()) return false;
  return std::search(text.begin(), text.end(), wanted.begin(), wanted.end()) != text.end();
}

// The first of `phrases` found in any of `texts`; "" when none.
std::string first_phrase(const std::vector<std::vector<std::string>>& texts,
                         const std::vector<std::string>& phrases) {
  for (const std::string& phrase : phrases) {
    for (const auto& text : texts) {
      if (has_phrase(text, phrase)) return phrase;
    }
  }
  return "";
}

double suspicion_change(const OnboardingRules& rules, double believability) {
  for (const SuspicionStep& step : rules.suspicion_steps) {
    if (believability >= step.at_least) return step.change;
  }
  return rules.suspicion_floor_change;
}

// The name in an answer: the text after the first prefix found, up to punctuation, when it has
// 1 to name_max_words words; "" otherwise.
std::string extract_name(const OnboardingRules& rules, const std::string& answer) {
  const std::string lowered = lower(answer);
  for (const std::string& prefix : rules.name_prefixes) {
    const std::size_t at = lowered.find(lower(prefix));
    if (at == std::string::npos) continue;
    const std::size_t start = at + prefix.size();
    const std::size_t end = answer.find_first_of(".,;:!?\n", start);
    const std::string candidate =
        trim(answer.substr(start, end == std::string::npos ? std::string::npos : end - start));
    const auto count = static_cast<std::int64_t>(words(candidate).size());
    return count >= 1 && count <= rules.name_max_words ? candidate : "";
  }
  return "";
}

// The rules-based scores of `answer` given the earlier answers of the session (believability
// from the three scores; suspicion carried from `previous_suspicion`).
Assessment score_by_rules(const OnboardingRules& rules, const std::string& answer,
                          const std::vector<std::string>& earlier, double previous_suspicion) {
  Assessment scores;
  const std::string lowered = lower(answer);
  const double length = static_cast<double>(words(answer).size());
  double persuasiveness =
      std::min(rules.persuasiveness_base + length * rules.persuasiveness_per_word,
               rules.persuasiveness_length_cap);
  for (const std::string& keyword : rules.detail_keywords) {
    if (!keyword.empty() && lowered.find(lower(keyword)) != std::string::npos) {
      persuasiveness += rules.detail_bonus;
    }
  }
  scores.persuasiveness = round4(clamp01(persuasiveness));

  const bool confident =
      std::any_of(rules.confident_phrases.begin(), rules.confident_phrases.end(),
                  [&](const std::string& phrase) {
                    return !phrase.empty() && lowered.find(lower(phrase)) != std::string::npos;
                  });
  scores.confidence =
      round4(clamp01(rules.confidence_base + (confident ? rules.confident_bonus : 0.0)));

  const std::vector<std::vector<std::string>> now = {tokens(answer)};
  std::vector<std::vector<std::string>> before;
  for (const std::string& text : earlier) before.push_back(tokens(text));
  for (const ContradictionPair& pair : rules.contradiction_pairs) {
    std::string said = first_phrase(before, pair.first);
    std::string says = first_phrase(now, pair.second);
    if (said.empty() || says.empty()) {
      said = first_phrase(before, pair.second);
      says = first_phrase(now, pair.first);
    }
    if (!said.empty() && !says.empty()) {
      scores.contradictions.push_back(
          fmt::format("{}: '{}' earlier, '{}' now", pair.name, said, says));
    }
  }
  scores.consistency = round4(
      clamp01(rules.consistency_base -
              rules.contradiction_penalty * static_cast<double>(scores.contradictions.size())));
  scores.believability = round4(clamp01(rules.believability_persuasiveness * scores.persuasiveness +
                                        rules.believability_confidence * scores.confidence +
                                        rules.believability_consistency * scores.consistency));
  scores.suspicion =
      round4(clamp01(previous_suspicion + suspicion_change(rules, scores.believability)));
  scores.name = extract_name(rules, answer);
  return scores;
}

// A provider's judgement as scores, or nullopt when a score is not a number.
std::optional<Assessment> from_provider(const AnswerAssessment& judged) {
  for (double value : {judged.persuasiveness, judged.confidence, judged.consistency,
                       judged.believability, judged.suspicion}) {
    if (!std::isfinite(value)) return std::nullopt;
  }
  Assessment scores;
  scores.persuasiveness = round4(clamp01(judged.persuasiveness));
  scores.confidence = round4(clamp01(judged.confidence));
  scores.consistency = round4(clamp01(judged.consistency));
  scores.believability = round4(clamp01(judged.believability));
  scores.suspicion = round4(clamp01(judged.suspicion));
  scores.contradictions = judged.contradictions;
  scores.claims = judged.claims;
  scores.name = trim(judged.extracted_name);
  return scores;
}

// Why the dialogue ends after `completed` answered exchanges; None when it goes on.
DialogueEnd end_reason(const OnboardingRules& rules, std::int64_t completed,
                       const Assessment& scores) {
  if (completed >= rules.high_suspicion_min_exchanges &&
      scores.suspicion > rules.high_suspicion_above) {
    return DialogueEnd::HighSuspicion;
  }
  if (completed >= rules.convinced_min_exchanges &&
      scores.suspicion < rules.convinced_suspicion_below &&
      scores.believability > rules.convinced_believability_above) {
    return DialogueEnd::Convinced;
  }
  if (completed >= rules.max_exchanges) return DialogueEnd::MaxExchanges;
  return DialogueEnd::None;
}

}  // namespace hearth::onboarding

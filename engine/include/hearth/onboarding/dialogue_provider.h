// Dialogue providers: how a game brings its own guard (an AI model, a script) to the first-login
// negotiation. Without one, or when it fails, the engine's rules-based guard decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hearth/onboarding/documents.h"

namespace hearth {

// The guard of an onboarding session, fixed when the session starts (reference data
// guard_personalities, picked by a hash of the session id).
struct GuardPersonality {
  std::string name;         // e.g. "Sato"
  std::string title;        // e.g. "Security Chief"
  std::string trait;        // e.g. "Paranoid Newbie"
  std::string description;  // one line about the trait
  double base_suspicion = 0.5;
  // Added to the persuasion threshold of the outcome (the trait's current modifier).
  double threshold_modifier = 0.0;

  bool operator==(const GuardPersonality&) const = default;
};

// One question of the guard and the player's answer ("" while unanswered).
struct DialogueLine {
  std::string topic;
  std::string question;
  std::string answer;

  bool operator==(const DialogueLine&) const = default;
};

// What a provider call was, stored on the exchange it served (dialogue_exchanges.ai_*).
struct ProviderLog {
  std::string provider;  // a short name; the first 20 characters are stored
  std::string system_prompt;
  std::string user_prompt;
  std::string raw_response;
  double estimated_cost_usd = 0.0;  // >= 0
  std::int64_t tokens_used = 0;     // >= 0

  bool operator==(const ProviderLog&) const = default;
};

// The guard is about to ask about `topic`; rules_question is what the rules-based guard would
// say.
struct QuestionRequest {
  std::string session_id;
  GuardPersonality guard;
  std::string claimed_ship;           // a ShipChoice, e.g. "SCOUT_SHIP"
  std::string topic;                  // "identity_verification", "arrival_details", ...
  std::int64_t sequence = 0;          // the exchange the question opens (2 for the first question)
  double suspicion = 0.0;             // the guard's suspicion after the last answer
  std::vector<DialogueLine> history;  // the answered exchanges, oldest first
  std::string rules_question;
};

// A question as the provider phrases it.
struct GuardQuestion {
  std::string text;  // not empty
  ProviderLog log;
};

// The player answered `question`; the provider judges the answer.
struct AnswerRequest {
  std::string session_id;
  GuardPersonality guard;
  std::string claimed_ship;
  std::string topic;  // "introduction" for the ship claim
  std::string question;
  std::string answer;
  std::int64_t sequence = 0;
  double previous_suspicion = 0.0;    // the suspicion the answer starts from
  std::vector<DialogueLine> history;  // the earlier answered exchanges, oldest first
};

// The provider's judgement of an answer. Every score is in [0, 1] (values outside are clamped;
// a value that is not a number overrules the whole judgement, and the rules decide).
struct AnswerAssessment {
  double persuasiveness = 0.0;
  double confidence = 0.0;
  double consistency = 0.0;
  double believability = 0.0;
  double suspicion = 0.0;  // the guard's suspicion after this answer
  StringList contradictions;
  StringList claims;           // facts the answer asserted (key_extracted_info)
  std::string extracted_name;  // the name the player gave; "" when none
  ProviderLog log;
};

// A game's own guard. Set it with Game::onboarding().set_provider(); the game keeps it in memory
// (it is not stored in the file). The engine calls it outside any transaction, from the thread
// that runs the command, and waits for it; an answer later than
// Rules::onboarding.provider_time_budget_ms, an exception, or std::nullopt (declining) leaves the
// decision to the rules-based guard and marks the session fallback_to_rules.
class DialogueProvider {
 public:
  virtual ~DialogueProvider() = default;

  // Phrases the guard's next question; std::nullopt declines.
  virtual std::optional<GuardQuestion> phrase_question(const QuestionRequest& request) {
    (void)request;
    return std::nullopt;
  }

  // Judges an answer; std::nullopt declines.
  virtual std::optional<AnswerAssessment> assess_answer(const AnswerRequest& request) {
    (void)request;
    return std::nullopt;
  }
};

}  // namespace hearth

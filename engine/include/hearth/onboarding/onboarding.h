// Onboarding: the first-login negotiation — a guard, an escape pod and two ships drawn by rarity,
// a scored dialogue, its outcome, and the awarded ship and credits.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/onboarding/dialogue_provider.h"
#include "hearth/onboarding/documents.h"

namespace hearth {

class Core;

// Where a session stands: choosing a ship (the opening exchange awaits the claim), answering the
// guard, or decided (the outcome waits for complete()).
enum class OnboardingStep { ShipSelection, Dialogue, Completion };

// One exchange: the guard's line and the player's answer with its scores. The scores are 0 until
// answered.
struct DialogueExchangeView {
  ExchangeId id;
  std::int64_t sequence = 0;  // 1 is the opening exchange, answered by the ship claim
  std::string topic;          // "introduction" for the opening, else a question topic
  std::string question;
  std::string answer;  // "" while unanswered
  bool answered = false;
  GameTime answered_at = 0;
  double persuasiveness = 0.0;
  double confidence = 0.0;
  double consistency = 0.0;
  double believability = 0.0;
  double suspicion = 0.0;  // the guard's suspicion after this answer
  StringList contradictions;
  StringList claims;     // what a provider extracted from the answer
  std::string provider;  // the provider that phrased or judged it; "" for the rules alone

  bool operator==(const DialogueExchangeView&) const = default;
};

// How the negotiation ended: the claimed ship (Success), the escape pod with the partial award
// (PartialSuccess), or the escape pod with the failure award (Failure).
enum class NegotiationResult { Success, PartialSuccess, Failure };

// How well the player argued: the score against Rules::onboarding.average_at and strong_at.
enum class NegotiationSkill { Weak, Average, Strong };

// Why the dialogue ended with an answer (None: it goes on).
enum class DialogueEnd { None, EscapePod, HighSuspicion, Convinced, MaxExchanges };

// The words the file and the journal use: "SUCCESS", "PARTIAL_SUCCESS", "FAILURE"; "WEAK",
// "AVERAGE", "STRONG"; "", "escape_pod", "high_suspicion", "convinced", "max_exchanges".
std::string_view to_string(NegotiationResult result);
std::string_view to_string(NegotiationSkill skill);
std::string_view to_string(DialogueEnd end);

// What the negotiation decided.
struct NegotiationOutcome {
  NegotiationResult result = NegotiationResult::Failure;
  std::string awarded_ship;  // a ShipChoice
  std::int64_t starting_credits = 0;
  NegotiationSkill skill = NegotiationSkill::Weak;
  double score = 0.0;
  bool negotiation_bonus = false;  // earns the trade bonus on completion
  bool notoriety_penalty = false;

  bool operator==(const NegotiationOutcome&) const = default;
};

// One onboarding attempt as stored.
struct OnboardingSession {
  std::string id;
  std::string player_id;
  OnboardingStep step = OnboardingStep::ShipSelection;
  GuardPersonality guard;
  StringList offered_ships;                   // the escape pod first, then the drawn ships
  std::int64_t rarity_roll = 0;               // 0..100
  std::string claimed_ship;                   // "" until claimed
  std::string extracted_name;                 // the first name the player gave; "" when none
  std::vector<DialogueExchangeView> history;  // every exchange, by sequence
  ExchangeId pending_exchange_id;             // the exchange awaiting an answer; "" when none
  bool ai_service_used = false;               // a provider's answer was used
  bool fallback_to_rules = false;             // the rules decided something a provider could have
  GameTime started_at = 0;
  GameTime completed_at = 0;  // when the outcome was decided; 0 before
  std::optional<NegotiationOutcome> outcome;
  FirstLoginClientInfo client_info;
  FirstLoginMetrics metrics;  // filled when the outcome is decided

  bool operator==(const OnboardingSession&) const = default;
};

// A player's onboarding progress.
struct OnboardingStatus {
  bool needs_onboarding = true;  // not completed yet
  std::int64_t attempts = 0;     // sessions started, abandoned ones included
  GameTime last_attempt_at = 0;  // 0 = never
  bool claimed_ship = false;
  bool answered_questions = false;
  bool received_resources = false;
  std::optional<OnboardingSession> session;  // the open (or, once completed, the last) session

  bool operator==(const OnboardingStatus&) const = default;
};

// What an answer (or the ship claim) did.
struct DialogueReply {
  DialogueExchangeView scored;  // the exchange just answered
  // Why the dialogue ended with this answer; None while it goes on.
  DialogueEnd end = DialogueEnd::None;
  OnboardingSession session;  // after the answer: the next question pending, or the outcome

  bool operator==(const DialogueReply&) const = default;
};

// What completing onboarding gave the player.
struct OnboardingCompletion {
  std::string session_id;
  std::string ship_id;       // the new flagship
  std::string ship_type;     // the awarded ShipChoice
  std::string ship_name;     // "<nickname or username>'s <Type>"
  std::int64_t credits = 0;  // the balance now: the award
  double trade_bonus = 0.0;  // settings.trade_bonus; 0 when not earned
  std::string nickname;      // the nickname now ("" when none)
  // Why the requested nickname was not taken: "length", "charset", "profanity" or "taken"; ""
  // when it was taken or none was requested.
  std::string nickname_rejected_reason;

  bool operator==(const OnboardingCompletion&) const = default;
};

// The first-login negotiation (docs/rules.md, "First-login onboarding"). Obtain it from
// Game::onboarding(); it is a light handle. Every command refuses an unknown (NotFound) or
// deleted (NotAllowed) player.
class Onboarding {
 public:
  explicit Onboarding(Core& core) : core_(core) {}

  // The player's progress; nullopt for an unknown player.
  std::optional<OnboardingStatus> status(const PlayerId& player) const;

  // Resumes the open session exactly as it is, or starts a new one: picks the guard, draws the
  // ships, records the roll, opens the first exchange and counts an attempt. Journals
  // "onboarding.started" for a new session. Refuses a player who completed onboarding
  // (AlreadyDone).
  Result<OnboardingSession> start(const PlayerId& player, const FirstLoginClientInfo& client = {});

  // Claims one of the offered ships with the answer to the guard's opening. Claiming the escape
  // pod ends the negotiation at once (Rules::onboarding.escape_pod_skips_dialogue). Refuses an
  // answer out of limits or an unknown ship type (InvalidArgument), no open session (NotFound),
  // a ship that was not offered (NotAllowed), a second claim or a completed onboarding
  // (AlreadyDone). Journals "onboarding.ship_claimed", "onboarding.answered" and, when the
  // dialogue ends, "onboarding.decided".
  Result<DialogueReply> claim_ship(const PlayerId& player, const std::string& ship,
                                   const std::string& answer);

  // Answers the guard's question `exchange_id`. Refuses an answer out of limits
  // (InvalidArgument), an unknown exchange (NotFound), another player's exchange or one asked
  // before the ship claim (NotAllowed), and an exchange already answered or a decided
  // negotiation (AlreadyDone). Journals "onboarding.answered" and, when the dialogue ends,
  // "onboarding.decided".
  Result<DialogueReply> answer(const PlayerId& player, const ExchangeId& exchange_id,
                               const std::string& answer);

  // Hands out the outcome in one transaction: replaces the player's ships with the awarded one
  // (the flagship), sets the balance to the award through the ledger, records the trade bonus,
  // warms up the companion, and sets `nickname` when it is valid (a rejected one does not block
  // completion: the reason is reported). Refuses before the outcome (NotAllowed) and a second
  // time (AlreadyDone). Journals "onboarding.completed".
  Result<OnboardingCompletion> complete(const PlayerId& player, const std::string& nickname = "");

  // Drops the open session and its exchanges and clears the progress flags; the attempts stay.
  // Refuses when there is no open session (NotFound) or onboarding is complete (AlreadyDone).
  // Journals "onboarding.abandoned".
  Outcome abandon(const PlayerId& player);

  // Why `nickname` cannot be the player's: "length", "charset", "profanity" or "taken"; "" when
  // it can.
  std::string nickname_problem(const PlayerId& player, const std::string& nickname) const;

  // Sets (or, with null, removes) the game's dialogue provider for this open game.
  void set_provider(std::shared_ptr<DialogueProvider> provider);

  std::shared_ptr<DialogueProvider> provider() const;

 private:
  Core& core_;
};

// The event types first-login onboarding journals (payloads: docs/rules.md).
struct OnboardingEvents {
  static constexpr std::string_view kAbandoned = "onboarding.abandoned";
  static constexpr std::string_view kAnswered = "onboarding.answered";
  static constexpr std::string_view kCompleted = "onboarding.completed";
  static constexpr std::string_view kDecided = "onboarding.decided";
  static constexpr std::string_view kShipClaimed = "onboarding.ship_claimed";
  static constexpr std::string_view kStarted = "onboarding.started";
};

}  // namespace hearth

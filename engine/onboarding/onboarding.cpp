#include "hearth/onboarding/onboarding.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/onboarding/onboarding_internal.h"
#include "engine/onboarding/scorer.h"

#include "hearth/game.h"

namespace hearth {

Onboarding Game::onboarding() { return Onboarding(*core_); }

std::string_view to_string(NegotiationResult result) {
  switch (result) {
    case NegotiationResult::Success:
      return "SUCCESS";
    case NegotiationResult::PartialSuccess:
      return "PARTIAL_SUCCESS";
    case NegotiationResult::Failure:
      return "FAILURE";
  }
  return "FAILURE";
}

std::string_view to_string(NegotiationSkill skill) {
  switch (skill) {
    case NegotiationSkill::Weak:
      return "WEAK";
    case NegotiationSkill::Average:
      return "AVERAGE";
    case NegotiationSkill::Strong:
      return "STRONG";
  }
  return "WEAK";
}

std::string_view to_string(DialogueEnd end) {
  switch (end) {
    case DialogueEnd::None:
      return "";
    case DialogueEnd::EscapePod:
      return "escape_pod";
    case DialogueEnd::HighSuspicion:
      return "high_suspicion";
    case DialogueEnd::Convinced:
      return "convinced";
    case DialogueEnd::MaxExchanges:
      return "max_exchanges";
  }
  return "";
}

void onboarding::erase_transcripts(Command& command, const PlayerId& player) {
  Query erase(command, "DELETE FROM first_login_sessions WHERE player_id = ?", player);
  erase.exec();
}

void onboarding::open(Command& command, const PlayerId& player) {
  Query insert(command, "INSERT INTO player_first_login_state (player_id) VALUES (?)", player);
  insert.exec();
}

namespace {

NegotiationResult result_named(const std::string& text) {
  if (text == "SUCCESS") return NegotiationResult::Success;
  if (text == "PARTIAL_SUCCESS") return NegotiationResult::PartialSuccess;
  return NegotiationResult::Failure;
}

NegotiationSkill skill_named(const std::string& text) {
  if (text == "STRONG") return NegotiationSkill::Strong;
  if (text == "AVERAGE") return NegotiationSkill::Average;
  return NegotiationSkill::Weak;
}

using namespace onboarding;  // the scorer and its text helpers

constexpr const char* kEscapePod = "ESCAPE_POD";
constexpr const char* kIntroduction = "introduction";

// The ShipChoice values.
constexpr std::array<std::string_view, 8> kShipChoices = {
    "SCOUT_SHIP", "CARGO_HAULER", "ESCAPE_POD",  "LIGHT_FREIGHTER",
    "DEFENDER",   "FAST_COURIER", "COLONY_SHIP", "CARRIER"};

// The guard's words (guard_questions, guard_lines): each topic's questions, topics in the order
// they are asked, and the opening and mood lines.
struct GuardWords {
  struct Topic {
    std::string topic;
    std::vector<std::string> questions;
  };

  std::vector<Topic> topics;
  std::string opening;
  std::string mood_alarmed;
  std::string mood_wary;
  std::string mood_calm;
};

GuardWords load_words(Reader& reader) {
  GuardWords words;
  Query questions(reader,
                  "SELECT topic, text FROM guard_questions ORDER BY topic_position, topic, "
                  "position");
  while (questions.step()) {
    if (words.topics.empty() || words.topics.back().topic != questions.text(0)) {
      words.topics.push_back({questions.text(0), {}});
    }
    words.topics.back().questions.push_back(questions.text(1));
  }
  Query lines(reader, "SELECT kind, text FROM guard_lines");
  while (lines.step()) {
    const std::string kind = lines.text(0);
    std::string& line = kind == "opening"        ? words.opening
                        : kind == "mood_alarmed" ? words.mood_alarmed
                        : kind == "mood_wary"    ? words.mood_wary
                                                 : words.mood_calm;
    line = lines.text(1);
  }
  if (words.topics.empty() || words.opening.empty()) {
    throw Error(ErrorKind::CorruptData, "guard_questions or guard_lines has no rows.");
  }
  return words;
}

// The seed's 32-bit "JavaScript" string hash: h = h * 31 + code, wrapping, read as signed.
std::int32_t js_hash(std::string_view text) {
  std::uint32_t hash = 0;
  for (char c : text) hash = (hash << 5) - hash + static_cast<unsigned char>(c);
  return static_cast<std::int32_t>(hash);
}

// |hash >> shift| (arithmetic shift), the seed's index base.
std::uint64_t hash_index(std::int32_t hash, int shift) {
  return static_cast<std::uint64_t>(std::llabs(static_cast<long long>(hash >> shift)));
}

// "LIGHT_FREIGHTER" -> "Light Freighter".
std::string title_case(std::string_view ship) {
  std::string out;
  bool start = true;
  for (char c : ship) {
    if (c == '_') {
      out += ' ';
      start = true;
    } else {
      out += start || c < 'A' || c > 'Z' ? c : static_cast<char>(c - 'A' + 'a');
      start = false;
    }
  }
  return out;
}

// "LIGHT_FREIGHTER" -> "light freighter".
std::string in_words(std::string_view ship) { return lower(title_case(ship)); }

// "an escape pod, a scout ship and a fast courier".
std::string ship_list(const StringList& ships) {
  std::string out;
  for (std::size_t i = 0; i < ships.size(); ++i) {
    if (i > 0) out += i + 1 == ships.size() ? " and " : ", ";
    const std::string name = in_words(ships[i]);
    out += (std::string_view("aeiou").find(name.front()) != std::string_view::npos ? "an " : "a ") +
           name;
  }
  return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

// --- stored rows --------------------------------------------------------------------------------

// A player's player_first_login_state row (the defaults when it is missing).
struct State {
  bool exists = false;
  bool completed = false;
  std::string session;
  std::int64_t attempts = 0;
  GameTime last_attempt_at = 0;
  bool claimed_ship = false;
  bool answered_questions = false;
  bool received_resources = false;
};

State load_state(Reader& reader, const PlayerId& player) {
  Query query(reader,
              "SELECT has_completed_first_login, ifnull(current_session_id, ''), "
              "attempts, ifnull(last_attempt_at, 0), claimed_ship, answered_questions, "
              "received_resources FROM player_first_login_state WHERE player_id = ?",
              player);
  State state;
  if (!query.step()) return state;
  state.exists = true;
  state.completed = query.integer(0) != 0;
  state.session = query.text(1);
  state.attempts = query.integer(2);
  state.last_attempt_at = query.integer(3);
  state.claimed_ship = query.integer(4) != 0;
  state.answered_questions = query.integer(5) != 0;
  state.received_resources = query.integer(6) != 0;
  return state;
}

// The persuasion-threshold modifier of a trait: the table's, or the seed's fallback for a trait
// the table no longer holds.
double trait_modifier(Reader& reader, const OnboardingRules& rules, const std::string& trait,
                      double base_suspicion) {
  Query query(
      reader,
      "SELECT threshold_modifier FROM guard_personalities WHERE kind = 'trait' AND value = ?",
      trait);
  if (query.step()) return query.real(0);
  return base_suspicion >= rules.unknown_trait_suspicious_at ? rules.unknown_trait_modifier
                                                             : -rules.unknown_trait_modifier;
}

std::optional<OnboardingSession> load_session(Reader& reader, const OnboardingRules& rules,
                                              const std::string& id) {
  Query query(
      reader,
      "SELECT s.player_id, s.started_at, ifnull(s.completed_at, 0), s.ai_service_used, "
      "s.fallback_to_rules, ifnull(s.guard_name, ''), ifnull(s.guard_title, ''), "
      "ifnull(s.guard_trait, ''), ifnull(s.guard_description, ''), "
      "ifnull(s.guard_base_suspicion, ?2), ifnull(s.ship_claimed, ''), "
      "ifnull(s.extracted_player_name, ''), s.outcome, ifnull(s.awarded_ship, ''), "
      "ifnull(s.starting_credits, 0), ifnull(s.negotiation_skill, ''), "
      "ifnull(s.final_persuasion_score, 0), ifnull(s.negotiation_bonus_flag, 0), "
      "ifnull(s.notoriety_penalty, 0), s.client_info, s.performance_metrics, "
      "ifnull(o.available_ships, '[]'), ifnull(o.rarity_roll, 0) "
      "FROM first_login_sessions s LEFT JOIN ship_presentation_options o ON o.session_id = s.id "
      "WHERE s.id = ?1",
      id, rules.default_base_suspicion);
  if (!query.step()) return std::nullopt;
  OnboardingSession session;
  session.id = id;
  session.player_id = query.text(0);
  session.started_at = query.integer(1);
  session.completed_at = query.integer(2);
  session.ai_service_used = query.integer(3) != 0;
  session.fallback_to_rules = query.integer(4) != 0;
  session.guard.name = query.text(5);
  session.guard.title = query.text(6);
  session.guard.trait = query.text(7);
  session.guard.description = query.text(8);
  session.guard.base_suspicion = query.real(9);
  session.claimed_ship = query.text(10);
  session.extracted_name = query.text(11);
  if (!query.is_null(12)) {
    NegotiationOutcome outcome;
    outcome.result = result_named(query.text(12));
    outcome.awarded_ship = query.text(13);
    outcome.starting_credits = query.integer(14);
    outcome.skill = skill_named(query.text(15));
    outcome.score = query.real(16);
    outcome.negotiation_bonus = query.integer(17) != 0;
    outcome.notoriety_penalty = query.integer(18) != 0;
    session.outcome = outcome;
  }
  if (!query.is_null(19)) {
    session.client_info =
        storage::from_json<FirstLoginClientInfo>(query.text(19), kFirstLoginClientInfoColumn);
  }
  if (!query.is_null(20)) {
    session.metrics =
        storage::from_json<FirstLoginMetrics>(query.text(20), kFirstLoginMetricsColumn);
  }
  session.offered_ships = storage::from_json<StringList>(query.text(21), kAvailableShipsColumn);
  session.rarity_roll = query.integer(22);
  session.guard.threshold_modifier =
      trait_modifier(reader, rules, session.guard.trait, session.guard.base_suspicion);

  Query exchanges(
      reader,
      "SELECT id, sequence_number, ifnull(topic, ''), npc_prompt, ifnull(player_response, ''), "
      "player_response IS NOT NULL, ifnull(answered_at, 0), ifnull(persuasiveness, 0), "
      "ifnull(confidence, 0), ifnull(consistency, 0), ifnull(believability, 0), "
      "ifnull(current_suspicion, 0), detected_contradictions, key_extracted_info, "
      "ifnull(ai_provider, '') FROM dialogue_exchanges WHERE session_id = ? "
      "ORDER BY sequence_number",
      id);
  while (exchanges.step()) {
    DialogueExchangeView exchange;
    exchange.id = exchanges.text(0);
    exchange.sequence = exchanges.integer(1);
    exchange.topic = exchanges.text(2);
    exchange.question = exchanges.text(3);
    exchange.answer = exchanges.text(4);
    exchange.answered = exchanges.integer(5) != 0;
    exchange.answered_at = exchanges.integer(6);
    exchange.persuasiveness = exchanges.real(7);
    exchange.confidence = exchanges.real(8);
    exchange.consistency = exchanges.real(9);
    exchange.believability = exchanges.real(10);
    exchange.suspicion = exchanges.real(11);
    exchange.contradictions =
        storage::from_json<StringList>(exchanges.text(12), kDetectedContradictionsColumn);
    if (!exchanges.is_null(13)) {
      exchange.claims =
          storage::from_json<KeyExtractedInfo>(exchanges.text(13), kKeyExtractedInfoColumn).claims;
    }
    exchange.provider = exchanges.text(14);
    if (!exchange.answered && !session.outcome) session.pending_exchange_id = exchange.id;
    session.history.push_back(std::move(exchange));
  }
  session.step = session.outcome                ? OnboardingStep::Completion
                 : session.claimed_ship.empty() ? OnboardingStep::ShipSelection
                                                : OnboardingStep::Dialogue;
  return session;
}

// The topic and rules-based question of exchange `sequence`: the topics not yet covered come
// first; the choice among them and the question are picked by the session's hash.
std::pair<std::string, std::string> next_question(const GuardWords& words,
                                                  const OnboardingSession& session,
                                                  std::int64_t sequence, double suspicion,
                                                  const OnboardingRules& rules) {
  std::vector<const GuardWords::Topic*> open;
  for (const GuardWords::Topic& bank : words.topics) {
    const bool covered = std::any_of(
        session.history.begin(), session.history.end(),
        [&](const DialogueExchangeView& exchange) { return exchange.topic == bank.topic; });
    if (!covered) open.push_back(&bank);
  }
  if (open.empty()) {
    for (const GuardWords::Topic& bank : words.topics) open.push_back(&bank);
  }
  const std::int32_t hash = js_hash(session.id);
  const auto step = static_cast<std::uint64_t>(sequence);
  const GuardWords::Topic& bank = *open[(hash_index(hash, 12) + step) % open.size()];
  const std::string& question =
      bank.questions[(hash_index(hash, 16) + step) % bank.questions.size()];
  const std::string& mood_line = suspicion >= rules.mood_alarmed_at ? words.mood_alarmed
                                 : suspicion >= rules.mood_wary_at  ? words.mood_wary
                                                                    : words.mood_calm;
  const std::string mood = replace_all(mood_line, "{name}", session.guard.name);
  const std::string text = replace_all(question, "{ship}", in_words(session.claimed_ship));
  return {bank.topic, fmt::format("{} \"{}\"", mood, text)};
}

std::string opening_line(const GuardWords& words, const GuardPersonality& guard,
                         const StringList& ships) {
  return replace_all(
      replace_all(replace_all(words.opening, "{title}", guard.title), "{name}", guard.name),
      "{ships}", ship_list(ships));
}

// --- validation ---------------------------------------------------------------------------------

Outcome check_answer(const OnboardingRules& rules, const std::string& answer) {
  if (Outcome valid = text::check_optional("An answer", answer, INT64_MAX); !valid) return valid;
  const std::int64_t length = text::characters(answer);
  if (length < rules.answer_min_length || length > rules.answer_max_length ||
      trim(answer).empty()) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("An answer has {} to {} characters and is not blank; this "
                                        "one has {}.",
                                        rules.answer_min_length, rules.answer_max_length, length));
  }
  const auto count = static_cast<std::int64_t>(words(answer).size());
  if (count > rules.answer_max_words) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("An answer has at most {} words; this one has {}.",
                                        rules.answer_max_words, count));
  }
  return {};
}

// Why `nickname` (trimmed) cannot be the player's; "" when it can.
std::string nickname_issue(Reader& reader, const OnboardingRules& rules, const PlayerId& player,
                           const std::string& nickname) {
  const std::int64_t length = text::characters(nickname);
  if (length < rules.nickname_min_length || length > rules.nickname_max_length) return "length";
  std::int64_t spaces = 0;
  for (char c : nickname) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ' ';
    if (!allowed) return "charset";
    if (c == ' ') ++spaces;
  }
  if (spaces > 1 || nickname.front() == ' ' || nickname.back() == ' ') return "charset";
  const std::string lowered = lower(nickname);
  for (const std::string& word : rules.nickname_blocklist) {
    if (lowered == lower(word)) return "profanity";
  }
  Query taken(reader,
              "SELECT 1 FROM players WHERE nickname = ?1 AND id <> ?2 UNION ALL "
              "SELECT 1 FROM users WHERE username = ?1 COLLATE NOCASE AND id <> ?2",
              nickname, player);
  if (taken.step()) return "taken";
  return "";
}

// --- answering an exchange ----------------------------------------------------------------------

// Everything answering one exchange needs, read in one snapshot; built (and refused) the same way
// before the provider is asked and inside the command.
struct Turn {
  OnboardingSession session;
  std::size_t index = 0;  // of the exchange in session.history
  std::string ship;       // the ship being claimed; "" for a question
  std::vector<std::string> earlier;
  std::vector<DialogueLine> history;
  double previous_suspicion = 0;

  const DialogueExchangeView& exchange() const { return session.history[index]; }
};

// The turn of a ship claim (exchange_id empty) or of an answer, or the refusal.
Result<Turn> load_turn(Reader& reader, const OnboardingRules& rules, const PlayerId& player,
                       const ExchangeId& exchange_id, const std::string& ship) {
  const State state = load_state(reader, player);
  Turn turn;
  if (exchange_id.empty()) {
    if (state.completed) {
      return Outcome::refused(Refusal::AlreadyDone, "Onboarding is already complete.");
    }
    if (state.session.empty()) {
      return Outcome::refused(Refusal::NotFound,
                              "There is no open onboarding session: start one first.");
    }
    turn.session = *load_session(reader, rules, state.session);
    if (!turn.session.claimed_ship.empty()) {
      return Outcome::refused(
          Refusal::AlreadyDone,
          fmt::format("A ship is already claimed in this session: {}.", turn.session.claimed_ship));
    }
    if (std::find(kShipChoices.begin(), kShipChoices.end(), ship) == kShipChoices.end()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("'{}' is not a ship type.", ship));
    }
    const StringList& offered = turn.session.offered_ships;
    if (std::find(offered.begin(), offered.end(), ship) == offered.end()) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("The {} was not offered in this session.", in_words(ship)));
    }
    const auto opening =
        std::find_if(turn.session.history.begin(), turn.session.history.end(),
                     [](const DialogueExchangeView& exchange) { return exchange.sequence == 1; });
    if (opening == turn.session.history.end()) {
      throw Error(ErrorKind::CorruptData,
                  fmt::format("Onboarding session {} has no opening exchange.", turn.session.id));
    }
    turn.index = static_cast<std::size_t>(opening - turn.session.history.begin());
    turn.ship = ship;
  } else {
    Query owner(reader,
                "SELECT s.id, s.player_id FROM dialogue_exchanges e "
                "JOIN first_login_sessions s ON s.id = e.session_id WHERE e.id = ?",
                exchange_id);
    if (!owner.step()) {
      return Outcome::refused(Refusal::NotFound, "There is no such dialogue exchange.");
    }
    const std::string session_id = owner.text(0);
    if (owner.text(1) != player) {
      return Outcome::refused(Refusal::NotAllowed,
                              "The dialogue exchange belongs to another player.");
    }
    turn.session = *load_session(reader, rules, session_id);
    const auto found = std::find_if(
        turn.session.history.begin(), turn.session.history.end(),
        [&](const DialogueExchangeView& exchange) { return exchange.id == exchange_id; });
    turn.index = static_cast<std::size_t>(found - turn.session.history.begin());
    if (turn.exchange().answered) {
      return Outcome::refused(Refusal::AlreadyDone, "The exchange is already answered.");
    }
    if (turn.session.outcome) {
      return Outcome::refused(Refusal::AlreadyDone, "The negotiation is already decided.");
    }
    if (turn.session.claimed_ship.empty()) {
      return Outcome::refused(Refusal::NotAllowed,
                              "The guard's opening is answered by claiming a ship.");
    }
  }
  turn.previous_suspicion = turn.session.guard.base_suspicion;
  for (std::size_t i = 0; i < turn.index; ++i) {
    const DialogueExchangeView& earlier = turn.session.history[i];
    if (!earlier.answered) continue;
    turn.earlier.push_back(earlier.answer);
    turn.history.push_back({earlier.topic, earlier.question, earlier.answer});
    turn.previous_suspicion = earlier.suspicion;
  }
  return turn;
}

// What the provider said before the command ran.
struct ProviderWork {
  std::optional<AnswerAssessment> assessment;
  std::int64_t assessment_ms = 0;
  std::optional<GuardQuestion> question;
  std::string question_topic;
  std::int64_t question_sequence = 0;
  std::int64_t question_ms = 0;
};

// Calls the provider, timed by the wall clock (a timeout, not game time): nullopt when it
// declines, throws or takes longer than `budget_ms`.
template <class Call>
auto timed(std::int64_t budget_ms, std::int64_t& elapsed_ms, Call&& call) -> decltype(call()) {
  const auto begin = std::chrono::steady_clock::now();
  decltype(call()) result;
  try {
    result = call();
  } catch (...) {
  }
  elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - begin)
                   .count();
  if (elapsed_ms > budget_ms) result.reset();
  return result;
}

// The scores of the turn's answer: the provider's when it judged, else the rules'.
Assessment assess(const OnboardingRules& rules, const Turn& turn, const std::string& answer,
                  const std::optional<AnswerAssessment>& judged, bool& by_provider) {
  Assessment scores = score_by_rules(rules, answer, turn.earlier, turn.previous_suspicion);
  by_provider = false;
  if (judged) {
    if (auto provided = from_provider(*judged)) {
      if (provided->name.empty()) provided->name = scores.name;
      scores = std::move(*provided);
      by_provider = true;
    }
  }
  return scores;
}

// Why the dialogue ends with this answer; None when it goes on.
DialogueEnd turn_end(const OnboardingRules& rules, const Turn& turn, const Assessment& scores) {
  if (turn.ship == kEscapePod && rules.escape_pod_skips_dialogue) return DialogueEnd::EscapePod;
  return end_reason(rules, turn.exchange().sequence, scores);
}

// The session as the next question sees it: the claim and the answer applied.
OnboardingSession after_answer(const Turn& turn, const std::string& answer,
                               const Assessment& scores) {
  OnboardingSession session = turn.session;
  if (!turn.ship.empty()) session.claimed_ship = turn.ship;
  DialogueExchangeView& exchange = session.history[turn.index];
  exchange.answer = answer;
  exchange.answered = true;
  exchange.suspicion = scores.suspicion;
  return session;
}

// Asks the provider (outside any transaction) to judge the answer and to phrase the next
// question. Nothing is asked when there is no provider or the command will refuse anyway.
ProviderWork ask_provider(Core& core, const PlayerId& player, const ExchangeId& exchange_id,
                          const std::string& ship, const std::string& answer) {
  ProviderWork work;
  const std::shared_ptr<DialogueProvider> provider = core.dialogue_provider();
  if (!provider) return work;
  const OnboardingRules& rules = core.rules().onboarding;
  if (!check_answer(rules, answer)) return work;
  GuardWords words;
  auto turn = core.read([&](Reader& reader) -> Result<Turn> {
    words = load_words(reader);
    return load_turn(reader, rules, player, exchange_id, ship);
  });
  if (!turn) return work;

  AnswerRequest request;
  request.session_id = turn->session.id;
  request.guard = turn->session.guard;
  request.claimed_ship = turn->ship.empty() ? turn->session.claimed_ship : turn->ship;
  request.topic = turn->exchange().topic;
  request.question = turn->exchange().question;
  request.answer = answer;
  request.sequence = turn->exchange().sequence;
  request.previous_suspicion = turn->previous_suspicion;
  request.history = turn->history;
  work.assessment = timed(rules.provider_time_budget_ms, work.assessment_ms,
                          [&] { return provider->assess_answer(request); });

  bool by_provider = false;
  const Assessment scores = assess(rules, *turn, answer, work.assessment, by_provider);
  if (turn_end(rules, *turn, scores) != DialogueEnd::None) return work;
  const OnboardingSession next = after_answer(*turn, answer, scores);
  const std::int64_t sequence = turn->exchange().sequence + 1;
  auto [topic, text] = next_question(words, next, sequence, scores.suspicion, rules);
  QuestionRequest ask;
  ask.session_id = next.id;
  ask.guard = next.guard;
  ask.claimed_ship = next.claimed_ship;
  ask.topic = topic;
  ask.sequence = sequence;
  ask.suspicion = scores.suspicion;
  ask.history = turn->history;
  ask.history.push_back({turn->exchange().topic, turn->exchange().question, answer});
  ask.rules_question = text;
  work.question = timed(rules.provider_time_budget_ms, work.question_ms,
                        [&] { return provider->phrase_question(ask); });
  if (work.question && trim(work.question->text).empty()) work.question.reset();
  work.question_topic = topic;
  work.question_sequence = sequence;
  return work;
}

// Binds the seven ai_* columns from `first` on: the log, or NULLs.
// Binds the seven provider-log parameters (:ai_provider, :ai_system_prompt, :ai_user_prompt,
// :ai_raw_response, :response_time_ms, :estimated_cost_usd, :tokens_used): the log, or NULLs.
void bind_log(Query& statement, const ProviderLog* log, std::int64_t elapsed_ms) {
  if (log == nullptr) {
    for (const char* name :
         {":ai_provider", ":ai_system_prompt", ":ai_user_prompt", ":ai_raw_response",
          ":response_time_ms", ":estimated_cost_usd", ":tokens_used"}) {
      statement.set(name, std::nullopt);
    }
    return;
  }
  statement.set(":ai_provider", log->provider.substr(0, 20));
  statement.set(":ai_system_prompt", log->system_prompt);
  statement.set(":ai_user_prompt", log->user_prompt);
  statement.set(":ai_raw_response", log->raw_response);
  statement.set(":response_time_ms", std::max<std::int64_t>(0, elapsed_ms));
  statement.set(":estimated_cost_usd", std::isfinite(log->estimated_cost_usd)
                                           ? std::max(0.0, log->estimated_cost_usd)
                                           : 0.0);
  statement.set(":tokens_used", std::max<std::int64_t>(0, log->tokens_used));
}

void mark_provider_use(Command& command, const std::string& session, bool by_provider) {
  Query update(command,
               "UPDATE first_login_sessions SET ai_service_used = max(ai_service_used, ?1), "
               "fallback_to_rules = max(fallback_to_rules, ?2) WHERE id = ?3",
               by_provider ? 1 : 0, by_provider ? 0 : 1, session);
  update.exec();
}

void insert_exchange(Command& command, const std::string& session, std::int64_t sequence,
                     const std::string& topic, const std::string& prompt, const ProviderLog* log,
                     std::int64_t elapsed_ms) {
  Query insert(
      command,
      "INSERT INTO dialogue_exchanges (id, session_id, sequence_number, npc_prompt, topic, "
      "ai_provider, ai_system_prompt, ai_user_prompt, ai_raw_response, response_time_ms, "
      "estimated_cost_usd, tokens_used, created_at) VALUES (:id, :session, :sequence, "
      ":prompt, :topic, :ai_provider, :ai_system_prompt, :ai_user_prompt, "
      ":ai_raw_response, :response_time_ms, :estimated_cost_usd, :tokens_used, :now)",
      named(":id", command.new_uuid()), named(":session", session), named(":sequence", sequence),
      named(":prompt", prompt), named(":topic", topic), named(":now", command.now()));
  bind_log(insert, log, elapsed_ms);
  insert.exec();
}

// The outcome of a finished dialogue, from the stored exchanges.
struct Decision {
  NegotiationOutcome outcome;
  double threshold = 0;
  bool hard_fail = false;
  bool cat = false;
};

Decision decide(Command& command, const OnboardingSession& session, DialogueEnd reason) {
  const OnboardingRules& rules = command.rules().onboarding;
  Decision decision;
  NegotiationOutcome& outcome = decision.outcome;
  if (reason == DialogueEnd::EscapePod) {
    outcome.result = NegotiationResult::Success;
    outcome.awarded_ship = kEscapePod;
    outcome.starting_credits = rules.escape_pod_credits;
    outcome.skill = skill_named(rules.escape_pod_skill);
    outcome.score = rules.escape_pod_score;
    return decision;
  }
  double sum_p = 0;
  double sum_c = 0;
  double sum_k = 0;
  double lowest_k = 1;
  std::int64_t answered = 0;
  std::int64_t contradictions = 0;
  for (const DialogueExchangeView& exchange : session.history) {
    if (!exchange.answered) continue;
    ++answered;
    sum_p += exchange.persuasiveness;
    sum_c += exchange.confidence;
    sum_k += exchange.consistency;
    lowest_k = std::min(lowest_k, exchange.consistency);
    contradictions += static_cast<std::int64_t>(exchange.contradictions.size());
    const std::vector<std::string> said = tokens(exchange.answer);
    for (const std::string& word : rules.cat_words) {
      if (std::find(said.begin(), said.end(), lower(word)) != said.end()) decision.cat = true;
    }
  }
  const auto average = [&](double sum) {
    return answered == 0 ? 0.5 : round4(sum / static_cast<double>(answered));
  };
  const double avg_p = average(sum_p);
  const double avg_c = average(sum_c);
  const double avg_k = average(sum_k);
  double score = rules.score_consistency * avg_k + rules.score_confidence * avg_c +
                 rules.score_persuasiveness * avg_p + (decision.cat ? rules.cat_bonus : 0.0);
  outcome.score = round4(clamp01(score));
  decision.hard_fail = avg_k < rules.hard_fail_average_consistency ||
                       contradictions >= rules.hard_fail_contradictions ||
                       (answered > 0 && lowest_k < rules.hard_fail_exchange_consistency);
  outcome.skill = outcome.score >= rules.strong_at    ? NegotiationSkill::Strong
                  : outcome.score >= rules.average_at ? NegotiationSkill::Average
                                                      : NegotiationSkill::Weak;

  Query config(
      command,
      "SELECT rarity_tier, base_credits, weak_threshold, average_threshold, strong_threshold "
      "FROM ship_rarity_config WHERE ship_type = ?",
      session.claimed_ship);
  if (!config.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("ship_rarity_config has no row for {}.", session.claimed_ship));
  }
  const std::int64_t tier = config.integer(0);
  const std::int64_t base_credits = config.integer(1);
  const double needed = outcome.skill == NegotiationSkill::Strong    ? config.real(4)
                        : outcome.skill == NegotiationSkill::Average ? config.real(3)
                                                                     : config.real(2);
  config.reset();
  decision.threshold = round4(std::clamp(needed + session.guard.threshold_modifier,
                                         rules.threshold_min, rules.threshold_max));

  if (decision.hard_fail) {
    outcome.result = NegotiationResult::Failure;
    outcome.awarded_ship = kEscapePod;
    outcome.starting_credits = rules.hard_fail_credits;
    outcome.notoriety_penalty = true;
  } else if (outcome.score >= decision.threshold) {
    outcome.result = NegotiationResult::Success;
    outcome.awarded_ship = session.claimed_ship;
    outcome.starting_credits = base_credits;
    outcome.negotiation_bonus =
        outcome.skill == NegotiationSkill::Strong && tier >= rules.bonus_min_rarity_tier;
  } else if (session.claimed_ship == kEscapePod) {
    outcome.result = NegotiationResult::PartialSuccess;
    outcome.awarded_ship = kEscapePod;
    outcome.starting_credits = rules.partial_success_credits;
  } else {
    outcome.result = NegotiationResult::Failure;
    outcome.awarded_ship = kEscapePod;
    outcome.starting_credits = rules.failure_credits;
    outcome.notoriety_penalty = true;
  }
  return decision;
}

// Stores the decision on the session and the player's progress, and journals it.
void store_decision(Command& command, const OnboardingSession& session, const Decision& decision,
                    DialogueEnd reason) {
  const NegotiationOutcome& outcome = decision.outcome;
  FirstLoginMetrics metrics;
  Query timing(command,
               "SELECT ifnull(avg(response_time_ms), 0) FROM dialogue_exchanges "
               "WHERE session_id = ? AND response_time_ms IS NOT NULL",
               session.id);
  timing.step();
  metrics.response_time_ms = timing.real(0);
  timing.reset();
  metrics.dialogue_duration_seconds =
      static_cast<double>(command.now() - session.started_at) / 1000.0;

  Query update(
      command,
      "UPDATE first_login_sessions SET outcome = :result, awarded_ship = :awarded_ship, "
      "starting_credits = :starting_credits, negotiation_skill = :skill, "
      "final_persuasion_score = :score, negotiation_bonus_flag = :bonus, notoriety_penalty "
      "= :notoriety, completed_at = :now, performance_metrics = :metrics WHERE id = "
      ":session_id",
      named(":result", to_string(outcome.result)), named(":awarded_ship", outcome.awarded_ship),
      named(":starting_credits", outcome.starting_credits),
      named(":skill", to_string(outcome.skill)), named(":score", outcome.score),
      named(":bonus", outcome.negotiation_bonus ? 1 : 0),
      named(":notoriety", outcome.notoriety_penalty ? 1 : 0), named(":now", command.now()),
      named(":metrics", storage::to_json(metrics)), named(":session_id", session.id));
  update.exec();
  Query state(command,
              "UPDATE player_first_login_state SET answered_questions = 1 WHERE player_id = ?",
              session.player_id);
  state.exec();
  command.emit(OnboardingEvents::kDecided, session.player_id, session.player_id,
               Payload()
                   .add("session", session.id)
                   .add("reason", to_string(reason))
                   .add("outcome", to_string(outcome.result))
                   .add("awarded_ship", outcome.awarded_ship)
                   .add("starting_credits", outcome.starting_credits)
                   .add("skill", to_string(outcome.skill))
                   .add("score", outcome.score)
                   .add("threshold", decision.threshold)
                   .add("hard_fail", decision.hard_fail)
                   .add("cat_bonus", decision.cat)
                   .add("negotiation_bonus", outcome.negotiation_bonus)
                   .add("notoriety_penalty", outcome.notoriety_penalty)
                   .str());
}

// Records the answer of the turn, then either decides the outcome or asks the next question.
Result<DialogueReply> play_turn(Command& command, const PlayerId& player,
                                const ExchangeId& exchange_id, const std::string& ship,
                                const std::string& answer, const ProviderWork& work) {
  const OnboardingRules& rules = command.rules().onboarding;
  if (Outcome valid = check_answer(rules, answer); !valid) return valid;
  if (Outcome may = access::require(command, player, "play"); !may) return may;
  auto loaded = load_turn(command, rules, player, exchange_id, ship);
  if (!loaded) return loaded.outcome();
  const Turn& turn = *loaded;
  const DialogueExchangeView& exchange = turn.exchange();

  bool by_provider = false;
  const Assessment scores = assess(rules, turn, answer, work.assessment, by_provider);
  Query record(
      command,
      "UPDATE dialogue_exchanges SET player_response = :answer, answered_at = :now, "
      "persuasiveness = :persuasiveness, confidence = :confidence, consistency = "
      ":consistency, believability = :believability, current_suspicion = :suspicion, "
      "detected_contradictions = :contradictions, key_extracted_info = :claims, "
      "ai_provider = CASE WHEN :judged THEN :ai_provider ELSE ai_provider END, "
      "ai_system_prompt = CASE WHEN :judged THEN :ai_system_prompt ELSE ai_system_prompt "
      "END, ai_user_prompt = CASE WHEN :judged THEN :ai_user_prompt ELSE ai_user_prompt "
      "END, ai_raw_response = CASE WHEN :judged THEN :ai_raw_response ELSE ai_raw_response "
      "END, response_time_ms = CASE WHEN :judged THEN ifnull(response_time_ms, 0) + "
      ":response_time_ms ELSE response_time_ms END, estimated_cost_usd = CASE WHEN :judged "
      "THEN ifnull(estimated_cost_usd, 0) + :estimated_cost_usd ELSE estimated_cost_usd "
      "END, tokens_used = CASE WHEN :judged THEN ifnull(tokens_used, 0) + :tokens_used "
      "ELSE tokens_used END WHERE id = :exchange",
      named(":answer", answer), named(":now", command.now()),
      named(":persuasiveness", scores.persuasiveness), named(":confidence", scores.confidence),
      named(":consistency", scores.consistency), named(":believability", scores.believability),
      named(":suspicion", scores.suspicion),
      named(":contradictions", storage::to_json(scores.contradictions)),
      named(":judged", by_provider), named(":exchange", exchange.id));
  if (scores.claims.empty()) {
    record.set(":claims", std::nullopt);
  } else {
    record.set(":claims", storage::to_json(KeyExtractedInfo{scores.claims}));
  }
  // Without a provider's judgement the CASEs keep what the question's phrasing logged.
  bind_log(record, by_provider ? &work.assessment->log : nullptr, work.assessment_ms);
  record.exec();
  mark_provider_use(command, turn.session.id, by_provider);

  Query session_update(command,
                       "UPDATE first_login_sessions SET ship_claimed = ifnull(NULLIF(?1, ''), "
                       "ship_claimed), extracted_player_name = ifnull(extracted_player_name, "
                       "NULLIF(?2, '')) WHERE id = ?3",
                       turn.ship, scores.name, turn.session.id);
  session_update.exec();
  if (!turn.ship.empty()) {
    Query claimed(command,
                  "UPDATE player_first_login_state SET claimed_ship = 1 WHERE player_id = ?",
                  player);
    claimed.exec();
    command.emit(OnboardingEvents::kShipClaimed, player, player,
                 Payload().add("session", turn.session.id).add("ship", turn.ship).str());
  }
  command.emit(OnboardingEvents::kAnswered, player, player,
               Payload()
                   .add("session", turn.session.id)
                   .add("exchange", exchange.id)
                   .add("sequence", exchange.sequence)
                   .add("topic", exchange.topic)
                   .add("persuasiveness", scores.persuasiveness)
                   .add("confidence", scores.confidence)
                   .add("consistency", scores.consistency)
                   .add("believability", scores.believability)
                   .add("suspicion", scores.suspicion)
                   .add("contradictions", static_cast<std::int64_t>(scores.contradictions.size()))
                   .add("by_provider", by_provider)
                   .str());

  const DialogueEnd reason = turn_end(rules, turn, scores);
  if (reason != DialogueEnd::None) {
    const OnboardingSession stored = *load_session(command, rules, turn.session.id);
    store_decision(command, stored, decide(command, stored, reason), reason);
  } else {
    const OnboardingSession next = after_answer(turn, answer, scores);
    const std::int64_t sequence = exchange.sequence + 1;
    const auto [topic, text] =
        next_question(load_words(command), next, sequence, scores.suspicion, rules);
    const bool phrased =
        work.question && work.question_topic == topic && work.question_sequence == sequence;
    insert_exchange(command, turn.session.id, sequence, topic, phrased ? work.question->text : text,
                    phrased ? &work.question->log : nullptr, work.question_ms);
    mark_provider_use(command, turn.session.id, phrased);
  }

  DialogueReply reply;
  reply.session = *load_session(command, rules, turn.session.id);
  reply.scored = reply.session.history[turn.index];
  reply.end = reason;
  return reply;
}

// --- starting a session -------------------------------------------------------------------------

// A guard_personalities row of `kind`: its value, description, base suspicion, threshold
// modifier.
struct GuardRow {
  std::string value;
  std::string description;
  double base_suspicion = 0;
  double threshold_modifier = 0;
};

// The row `position` of a guard_personalities kind, picked from `index` modulo the rows.
GuardRow guard_row(Command& command, const char* kind, std::uint64_t index) {
  Query count(command, "SELECT count(*) FROM guard_personalities WHERE kind = ?", kind);
  count.step();
  const std::int64_t rows = count.integer(0);
  if (rows == 0) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("guard_personalities has no '{}' rows to pick a guard from.", kind));
  }
  Query row(command,
            "SELECT value, ifnull(description, ''), ifnull(base_suspicion, 0), "
            "ifnull(threshold_modifier, 0) FROM guard_personalities WHERE kind = ? "
            "ORDER BY position LIMIT 1 OFFSET ?",
            kind, static_cast<std::int64_t>(index % static_cast<std::uint64_t>(rows)));
  row.step();
  return {row.text(0), row.text(1), row.real(2), row.real(3)};
}

GuardPersonality pick_guard(Command& command, const std::string& session_id) {
  const std::int32_t hash = js_hash(session_id);
  GuardPersonality guard;
  guard.name = guard_row(command, "name", hash_index(hash, 0)).value;
  guard.title = guard_row(command, "title", hash_index(hash, 4)).value;
  const GuardRow trait = guard_row(command, "trait", hash_index(hash, 8));
  guard.trait = trait.value;
  guard.description = trait.description;
  guard.base_suspicion = trait.base_suspicion;
  guard.threshold_modifier = trait.threshold_modifier;
  return guard;
}

struct Candidate {
  std::string ship;
  std::int64_t weight = 0;
};

// One ship from `pool`, weighted by spawn chance.
std::string draw_one(Command& command, const std::vector<Candidate>& pool) {
  std::int64_t total = 0;
  for (const Candidate& candidate : pool) total += candidate.weight;
  auto pick = static_cast<std::int64_t>(command.random().below(static_cast<std::uint64_t>(total)));
  for (const Candidate& candidate : pool) {
    if (pick < candidate.weight) return candidate.ship;
    pick -= candidate.weight;
  }
  return pool.back().ship;
}

// The ships offered with the escape pod for `roll`.
StringList draw_ships(Command& command, std::int64_t roll) {
  const OnboardingRules& rules = command.rules().onboarding;
  std::vector<std::int64_t> tiers;
  for (const RarityBand& band : rules.rarity_bands) {
    if (roll >= band.at_least) {
      tiers = band.tiers;
      break;
    }
  }
  Query query(
      command,
      "SELECT ship_type, spawn_chance FROM ship_rarity_config WHERE ship_type <> 'ESCAPE_POD' "
      "AND spawn_chance > 0 AND rarity_tier IN (SELECT value FROM json_each(?)) "
      "ORDER BY rarity_tier, ship_type",
      storage::to_json(tiers));
  std::vector<Candidate> pool;
  while (query.step()) {
    pool.push_back({query.text(0), query.integer(1)});
  }
  query.reset();
  StringList ships = {kEscapePod};
  if (pool.empty()) return ships;
  StringList drawn;
  for (std::int64_t i = 0; i < rules.offered_ships; ++i) {
    std::string ship = draw_one(command, pool);
    if (std::find(drawn.begin(), drawn.end(), ship) == drawn.end()) drawn.push_back(ship);
  }
  while (static_cast<std::int64_t>(drawn.size()) < rules.offered_ships) {
    std::vector<Candidate> rest;
    for (const Candidate& candidate : pool) {
      if (std::find(drawn.begin(), drawn.end(), candidate.ship) == drawn.end()) {
        rest.push_back(candidate);
      }
    }
    if (rest.empty()) break;
    drawn.push_back(draw_one(command, rest));
  }
  ships.insert(ships.end(), drawn.begin(), drawn.end());
  return ships;
}

}  // namespace

std::optional<OnboardingStatus> Onboarding::status(const PlayerId& player) const {
  return core_.read([&](Reader& reader) -> std::optional<OnboardingStatus> {
    Query exists(reader, "SELECT 1 FROM players WHERE id = ?", player);
    if (!exists.step()) return std::nullopt;
    const State state = load_state(reader, player);
    OnboardingStatus status;
    status.needs_onboarding = !state.completed;
    status.attempts = state.attempts;
    status.last_attempt_at = state.last_attempt_at;
    status.claimed_ship = state.claimed_ship;
    status.answered_questions = state.answered_questions;
    status.received_resources = state.received_resources;
    if (!state.session.empty()) {
      status.session = load_session(reader, core_.rules().onboarding, state.session);
    }
    return status;
  });
}

Result<OnboardingSession> Onboarding::start(const PlayerId& player,
                                            const FirstLoginClientInfo& client) {
  return core_.run([&](Command& command) -> Result<OnboardingSession> {
    if (Outcome may = access::require(command, player, "play"); !may) return may;
    const OnboardingRules& rules = command.rules().onboarding;
    const State state = load_state(command, player);
    if (state.completed) {
      return Outcome::refused(Refusal::AlreadyDone, "Onboarding is already complete.");
    }
    if (!state.session.empty()) return *load_session(command, rules, state.session);
    if (!state.exists) {
      Query create(command, "INSERT INTO player_first_login_state (player_id) VALUES (?)", player);
      create.exec();
    }

    const std::string id = command.new_uuid();
    const GuardPersonality guard = pick_guard(command, id);
    const std::string seed_value = std::to_string(command.random().state());
    const std::int64_t roll = command.random().between(0, 100);
    const StringList ships = draw_ships(command, roll);

    Query insert(command,
                 "INSERT INTO first_login_sessions (id, player_id, started_at, guard_name, "
                 "guard_title, guard_trait, guard_description, guard_base_suspicion, client_info) "
                 "VALUES (:id, :player, :now, :name, :title, :trait, :description, :suspicion, "
                 ":client_info)",
                 named(":id", id), named(":player", player), named(":now", command.now()),
                 named(":name", guard.name), named(":title", guard.title),
                 named(":trait", guard.trait), named(":description", guard.description),
                 named(":suspicion", guard.base_suspicion),
                 named(":client_info", client == FirstLoginClientInfo{}
                                           ? std::optional<std::string>()
                                           : std::optional<std::string>(storage::to_json(client))));
    insert.exec();
    Query options(
        command,
        "INSERT INTO ship_presentation_options (session_id, available_ships, rarity_roll, "
        "seed_value) VALUES (?1, ?2, ?3, ?4)",
        id, storage::to_json(ships), roll, seed_value);
    options.exec();
    insert_exchange(command, id, 1, kIntroduction, opening_line(load_words(command), guard, ships),
                    nullptr, 0);

    Query progress(
        command,
        "UPDATE player_first_login_state SET current_session_id = ?1, attempts = attempts + 1, "
        "last_attempt_at = ?2, claimed_ship = 0, answered_questions = 0, received_resources = 0, "
        "tutorial_started = 0 WHERE player_id = ?3",
        id, command.now(), player);
    progress.exec();
    command.emit(OnboardingEvents::kStarted, player, player,
                 Payload()
                     .add("session", id)
                     .add("attempt", state.attempts + 1)
                     .add("guard_name", guard.name)
                     .add("guard_title", guard.title)
                     .add("guard_trait", guard.trait)
                     .raw("ships", storage::to_json(ships))
                     .add("rarity_roll", roll)
                     .str());
    return *load_session(command, rules, id);
  });
}

Result<DialogueReply> Onboarding::claim_ship(const PlayerId& player, const std::string& ship,
                                             const std::string& answer) {
  const ProviderWork work = ask_provider(core_, player, "", ship, answer);
  return core_.run([&](Command& command) -> Result<DialogueReply> {
    return play_turn(command, player, "", ship, answer, work);
  });
}

Result<DialogueReply> Onboarding::answer(const PlayerId& player, const ExchangeId& exchange_id,
                                         const std::string& answer) {
  if (exchange_id.empty()) {
    return Outcome::refused(Refusal::NotFound, "There is no such dialogue exchange.");
  }
  const ProviderWork work = ask_provider(core_, player, exchange_id, "", answer);
  return core_.run([&](Command& command) -> Result<DialogueReply> {
    return play_turn(command, player, exchange_id, "", answer, work);
  });
}

Result<OnboardingCompletion> Onboarding::complete(const PlayerId& player,
                                                  const std::string& nickname) {
  return core_.run([&](Command& command) -> Result<OnboardingCompletion> {
    if (Outcome may = access::require(command, player, "play"); !may) return may;
    const OnboardingRules& rules = command.rules().onboarding;
    const State state = load_state(command, player);
    if (state.completed) {
      return Outcome::refused(Refusal::AlreadyDone, "Onboarding is already complete.");
    }
    if (state.session.empty()) {
      return Outcome::refused(Refusal::NotAllowed,
                              "There is no onboarding session to complete: start one first.");
    }
    const OnboardingSession session = *load_session(command, rules, state.session);
    if (!session.outcome) {
      return Outcome::refused(Refusal::NotAllowed,
                              "The negotiation has no outcome yet: finish the dialogue first.");
    }
    const NegotiationOutcome& outcome = *session.outcome;
    OnboardingCompletion done;
    done.session_id = session.id;
    done.ship_type = outcome.awarded_ship;
    done.credits = outcome.starting_credits;

    // The nickname first: the ship is named after it.
    Query names(
        command,
        "SELECT u.username, ifnull(p.nickname, '') FROM users u JOIN players p ON p.user_id = u.id "
        "WHERE p.id = ?",
        player);
    names.step();
    const std::string username = names.text(0);
    done.nickname = names.text(1);
    names.reset();
    const std::string wanted = trim(nickname);
    if (!wanted.empty()) {
      done.nickname_rejected_reason = nickname_issue(command, rules, player, wanted);
      if (done.nickname_rejected_reason.empty()) done.nickname = wanted;
    }

    done.ship_name = fmt::format("{}'s {}", done.nickname.empty() ? username : done.nickname,
                                 title_case(outcome.awarded_ship));
    done.ship_id = players::replace_ships(command, player,
                                          {.type = outcome.awarded_ship,
                                           .name = done.ship_name,
                                           .value = outcome.starting_credits / 2,
                                           .maintenance = storage::to_json(ShipMaintenance{}),
                                           .cargo = storage::to_json(ShipCargo{}),
                                           .combat = storage::to_json(ShipCombat{})});
    if (!wanted.empty() && done.nickname_rejected_reason.empty()) {
      players::set_nickname(command, player, done.nickname);
    }
    if (outcome.negotiation_bonus) {
      done.trade_bonus = rules.trade_bonus;
      players::set_setting(command, player, "trade_bonus", fmt::format("{}", rules.trade_bonus));
    }
    // The companion's warm start (columns of players that onboarding owns).
    Query update(command,
                 "UPDATE players SET aria_relationship_score = ?1, aria_total_interactions = ?2, "
                 "updated_at = ?3 WHERE id = ?4",
                 rules.aria_relationship_score, rules.aria_total_interactions, command.now(),
                 player);
    update.exec();

    // The seed overwrites the balance with the award; the ledger moves the difference instead.
    const std::int64_t currency = ledger::default_currency(command);
    std::int64_t account = ledger::user_account(command, player, currency);
    if (account == 0) {
      ledger::open_user_accounts(command, player);
      account = ledger::user_account(command, player, currency);
    }
    Query balance(command, "SELECT balance FROM accounts WHERE id = ?", account);
    balance.step();
    const std::int64_t held = balance.integer(0);
    balance.reset();
    if (held != outcome.starting_credits) {
      ledger::Posting posting;
      const bool grant = held < outcome.starting_credits;
      posting.from_account = grant ? ledger::system_account(command, "mint", currency) : account;
      posting.to_account = grant ? account : ledger::system_account(command, "sink", currency);
      posting.amount = grant ? outcome.starting_credits - held : held - outcome.starting_credits;
      posting.type = "ONBOARDING";
      posting.description = fmt::format("First-login award: {} credits with the {}",
                                        outcome.starting_credits, in_words(outcome.awarded_ship));
      posting.user_id = player;
      posting.automated = true;
      if (auto posted = ledger::post(command, posting); !posted) return posted.outcome();
    }

    Query progress(command,
                   "UPDATE player_first_login_state SET has_completed_first_login = 1, "
                   "received_resources = 1 WHERE player_id = ?",
                   player);
    progress.exec();
    command.emit(OnboardingEvents::kCompleted, player, player,
                 Payload()
                     .add("session", session.id)
                     .add("ship", done.ship_id)
                     .add("ship_type", done.ship_type)
                     .add("credits", done.credits)
                     .add("previous_credits", held)
                     .add("trade_bonus", done.trade_bonus)
                     .add("nickname", done.nickname)
                     .add("nickname_rejected_reason", done.nickname_rejected_reason)
                     .str());
    return done;
  });
}

Outcome Onboarding::abandon(const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, player, "play"); !may) return may;
    const State state = load_state(command, player);
    if (state.completed) {
      return Outcome::refused(Refusal::AlreadyDone, "Onboarding is already complete.");
    }
    if (state.session.empty()) {
      return Outcome::refused(Refusal::NotFound, "There is no open onboarding session.");
    }
    Query progress(
        command,
        "UPDATE player_first_login_state SET current_session_id = NULL, claimed_ship = 0, "
        "answered_questions = 0, received_resources = 0, tutorial_started = 0 "
        "WHERE player_id = ?",
        player);
    progress.exec();
    Query drop(command, "DELETE FROM first_login_sessions WHERE id = ?", state.session);
    drop.exec();
    command.emit(OnboardingEvents::kAbandoned, player, player,
                 Payload().add("session", state.session).add("attempts", state.attempts).str());
    return {};
  });
}

std::string Onboarding::nickname_problem(const PlayerId& player,
                                         const std::string& nickname) const {
  return core_.read([&](Reader& reader) {
    return nickname_issue(reader, core_.rules().onboarding, player, trim(nickname));
  });
}

void Onboarding::set_provider(std::shared_ptr<DialogueProvider> provider) {
  core_.set_dialogue_provider(std::move(provider));
}

std::shared_ptr<DialogueProvider> Onboarding::provider() const { return core_.dialogue_provider(); }

}  // namespace hearth

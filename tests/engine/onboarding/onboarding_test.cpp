// First-login onboarding: guard, ship draw, scored dialogue, outcome table, completion, resume,
// refusals, determinism and dialogue providers.
#include "hearth/onboarding/onboarding.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::query_int;

namespace {

// Strong: every detail keyword, a confident word, no contradiction. P 1.0, C 0.7, K 0.8.
constexpr const char* kStrong =
    "I am absolutely the owner: registry, license, clearance, docking authorization, cargo "
    "manifest and serial are all filed.";
// Plain: 11 words, nothing else. P 0.52, C 0.5, K 0.8, believability 0.598.
constexpr const char* kPlain = "The ship is mine and I can show you the papers.";
// Says "bought", "brand new" and "this morning": the first sides of the three pairs.
constexpr const char* kBoughtNew = "I bought it brand new this morning.";
// Says the other sides: three contradictions with kBoughtNew.
constexpr const char* kOldInherited = "It is old, I inherited it last week.";

// The rules the most tests run with: only tier 3 ships are drawn, so the offer is always the pod,
// the scout ship and the fast courier.
Rules tier3_rules() {
  Rules rules;
  rules.onboarding.rarity_bands = {{0, {3}}};
  return rules;
}

// A game at kStart with seed 42 and `rules`, in memory unless a path is given.
struct Match {
  explicit Match(Rules rules = tier3_rules(), std::string path = ":memory:")
      : game([&] {
          GameOptions options = test::options_with(clock, std::move(path));
          options.rules = std::move(rules);
          return options;
        }()) {}

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game;

  std::string player(const std::string& name) {
    return game.players().create({.username = name})->id;
  }

  // Runs SQL on the file outside any command (test set-up of reference data).
  void exec(const std::string& sql) { core_of(game).db().sql().exec(sql); }

  // Every guard trait gets `base` suspicion and no threshold modifier.
  void plain_guards(double base = 0.5) {
    exec("UPDATE guard_personalities SET base_suspicion = " + std::to_string(base) +
         ", threshold_modifier = 0 WHERE kind = 'trait'");
  }

  std::vector<Event> events_of(const std::string& type) {
    std::vector<Event> found;
    for (const Event& event : game.events(0, 10000)) {
      if (event.type == type) found.push_back(event);
    }
    return found;
  }

  // Claims `ship` with `first`, then answers every further question with the next of `answers`
  // (the last one repeated) until the dialogue ends; the final reply.
  DialogueReply negotiate(const std::string& who, const std::string& ship, const std::string& first,
                          const std::vector<std::string>& answers) {
    BOOST_TEST_REQUIRE(game.onboarding().start(who).ok());
    DialogueReply reply = game.onboarding().claim_ship(who, ship, first).value();
    std::size_t next = 0;
    while (reply.end == DialogueEnd::None) {
      const std::string& text = answers[std::min(next++, answers.size() - 1)];
      reply = game.onboarding().answer(who, reply.session.pending_exchange_id, text).value();
    }
    return reply;
  }
};

struct OnboardingGame : Match {
  OnboardingGame() { plain_guards(); }

  std::string alice = player("alice");
  std::string bob = player("bob");
};

// The seed's string hash, written out again for the test.
std::int32_t js_hash(const std::string& text) {
  std::uint32_t hash = 0;
  for (char c : text) hash = hash * 31u + static_cast<unsigned char>(c);
  return static_cast<std::int32_t>(hash);
}

// A provider that answers everything with fixed values, and records what it was asked.
struct ScriptedProvider : DialogueProvider {
  std::optional<GuardQuestion> phrase_question(const QuestionRequest& request) override {
    questions.push_back(request);
    GuardQuestion question;
    question.text = "[AI] Tell me about " + request.topic + ".";
    question.log = {
        "scripted", "You are a guard.", "Ask about " + request.topic, "raw question", 0.001, 40};
    return question;
  }

  std::optional<AnswerAssessment> assess_answer(const AnswerRequest& request) override {
    answers.push_back(request);
    AnswerAssessment judged;
    judged.persuasiveness = 0.9;
    judged.confidence = 0.8;
    judged.consistency = 0.95;
    judged.believability = 0.9;
    judged.suspicion = 0.3;
    judged.claims = {"owns the ship"};
    judged.log = {"scripted", "Judge the answer.", request.answer, "{\"score\":0.9}", 0.002, 120};
    return judged;
  }

  std::vector<QuestionRequest> questions;
  std::vector<AnswerRequest> answers;
};

struct ThrowingProvider : DialogueProvider {
  std::optional<GuardQuestion> phrase_question(const QuestionRequest&) override {
    ++calls;
    throw std::runtime_error("model offline");
  }

  std::optional<AnswerAssessment> assess_answer(const AnswerRequest&) override {
    ++calls;
    throw std::runtime_error("model offline");
  }

  int calls = 0;
};

// Answers like ScriptedProvider, but only after `delay`.
struct SlowProvider : ScriptedProvider {
  std::optional<GuardQuestion> phrase_question(const QuestionRequest& request) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    return ScriptedProvider::phrase_question(request);
  }

  std::optional<AnswerAssessment> assess_answer(const AnswerRequest& request) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    return ScriptedProvider::assess_answer(request);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(onboarding_test, OnboardingGame)

BOOST_AUTO_TEST_CASE(a_new_player_needs_onboarding_and_has_no_session) {
  const OnboardingStatus status = *game.onboarding().status(alice);
  BOOST_TEST(status.needs_onboarding);
  BOOST_TEST(status.attempts == 0);
  BOOST_TEST(!status.session);
  BOOST_TEST(!game.onboarding().status("no-such-player"));
}

BOOST_AUTO_TEST_CASE(starting_picks_the_guard_by_the_hash_of_the_session_id) {
  clock->advance(kMinute);
  const OnboardingSession session = game.onboarding().start(alice).value();
  const std::int32_t hash = js_hash(session.id);
  const auto index = [&](int shift, long long count) {
    return std::llabs(static_cast<long long>(hash >> shift)) % count;
  };
  const auto value = [&](const std::string& kind, long long position) {
    return core_of(game).read([&](SQLite::Database& db) {
      SQLite::Statement query(db,
                              "SELECT value FROM guard_personalities WHERE kind = ? AND "
                              "position = ?");
      query.bind(1, kind);
      query.bind(2, static_cast<std::int64_t>(position));
      query.executeStep();
      return query.getColumn(0).getString();
    });
  };
  BOOST_TEST(session.guard.name == value("name", index(0, 12)));
  BOOST_TEST(session.guard.title == value("title", index(4, 6)));
  BOOST_TEST(session.guard.trait == value("trait", index(8, 6)));
  BOOST_TEST(session.guard.base_suspicion == 0.5);  // plain_guards
  BOOST_TEST(!session.guard.description.empty());
  BOOST_TEST((session.step == OnboardingStep::ShipSelection));
  BOOST_TEST(session.started_at == test::kStart + kMinute);
  BOOST_TEST(session.history.size() == 1u);
  BOOST_TEST(session.history[0].topic == "introduction");
  BOOST_TEST(session.history[0].question.find("orange cat") != std::string::npos);
  BOOST_TEST(session.history[0].question.find(session.guard.name) != std::string::npos);
  BOOST_TEST(session.pending_exchange_id == session.history[0].id);

  const OnboardingStatus status = *game.onboarding().status(alice);
  BOOST_TEST(status.attempts == 1);
  BOOST_TEST(status.last_attempt_at == test::kStart + kMinute);
  BOOST_TEST((status.session == session));
  const auto started = events_of("onboarding.started");
  BOOST_TEST_REQUIRE(started.size() == 1u);
  BOOST_TEST(started[0].subject == alice);
  BOOST_TEST(started[0].payload.find("\"session\":\"" + session.id + "\"") != std::string::npos);
  BOOST_TEST(started[0].payload.find("\"attempt\":1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_offer_is_the_pod_and_two_ships_of_the_rolled_tiers) {
  Match match(Rules{});
  for (int i = 0; i < 40; ++i) {
    const std::string who = match.player("pilot" + std::to_string(i));
    const OnboardingSession session = match.game.onboarding().start(who).value();
    BOOST_TEST_REQUIRE(session.offered_ships.size() == 3u);
    BOOST_TEST(session.offered_ships[0] == "ESCAPE_POD");
    BOOST_TEST(session.offered_ships[1] != session.offered_ships[2]);
    BOOST_TEST(session.rarity_roll >= 0);
    BOOST_TEST(session.rarity_roll <= 100);
    const std::int64_t roll = session.rarity_roll;
    const std::pair<std::int64_t, std::int64_t> tiers = roll >= 96   ? std::pair{4, 7}
                                                        : roll >= 86 ? std::pair{3, 5}
                                                        : roll >= 61 ? std::pair{2, 4}
                                                                     : std::pair{2, 3};
    for (std::size_t s = 1; s < 3; ++s) {
      const long long tier =
          query_int(match.game, "SELECT rarity_tier FROM ship_rarity_config WHERE ship_type = '" +
                                    session.offered_ships[s] + "'");
      BOOST_TEST(tier >= tiers.first);
      BOOST_TEST(tier <= tiers.second);
    }
    // The roll and the offer are recorded.
    BOOST_TEST(query_int(match.game,
                         "SELECT rarity_roll FROM ship_presentation_options WHERE "
                         "session_id = '" +
                             session.id + "'") == roll);
  }
}

BOOST_AUTO_TEST_CASE(the_rarity_table_is_data_the_game_can_change) {
  Match match(Rules{});
  match.exec("UPDATE ship_rarity_config SET spawn_chance = 0 WHERE ship_type = 'LIGHT_FREIGHTER'");
  for (int i = 0; i < 20; ++i) {
    const std::string who = match.player("pilot" + std::to_string(i));
    const OnboardingSession session = match.game.onboarding().start(who).value();
    for (const std::string& ship : session.offered_ships) BOOST_TEST(ship != "LIGHT_FREIGHTER");
  }
  // A band whose tiers hold one ship offers the pod and that ship.
  Rules carrier = tier3_rules();
  carrier.onboarding.rarity_bands = {{0, {7}}};
  Match only(carrier);
  const OnboardingSession session = only.game.onboarding().start(only.player("carla")).value();
  BOOST_TEST((session.offered_ships == StringList{"ESCAPE_POD", "CARRIER"}));
}

BOOST_AUTO_TEST_CASE(the_guards_words_are_data_the_game_can_change) {
  Match match(Rules{});
  match.plain_guards();
  match.exec("DELETE FROM guard_questions");
  match.exec(
      "INSERT INTO guard_questions (topic, topic_position, position, text) "
      "VALUES ('paperwork', 1, 1, 'Papers for the {ship}, please.')");
  match.exec(
      "UPDATE guard_lines SET text = '{title} {name} waves at {ships}.' "
      "WHERE kind = 'opening'");
  match.exec("UPDATE guard_lines SET text = '{name} shrugs.' WHERE kind <> 'opening'");
  const std::string who = match.player("dana");
  const OnboardingSession session = match.game.onboarding().start(who).value();
  const std::string opening =
      session.guard.title + " " + session.guard.name + " waves at an escape pod, ";
  BOOST_TEST(session.history.at(0).question.rfind(opening, 0) == 0u,
             session.history.at(0).question);
  const std::string ship = session.offered_ships.at(1);
  const DialogueReply reply =
      match.game.onboarding().claim_ship(who, ship, "It is mine, I bought it.").value();
  BOOST_TEST_REQUIRE(reply.end == DialogueEnd::None);
  const DialogueExchangeView& asked = reply.session.history.back();
  BOOST_TEST(asked.topic == "paperwork");
  std::string words = ship;
  for (char& c : words) c = c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  BOOST_TEST(asked.question ==
             session.guard.name + " shrugs. \"Papers for the " + words + ", please.\"");
}

BOOST_AUTO_TEST_CASE(starting_again_resumes_the_same_session) {
  const OnboardingSession first = game.onboarding().start(alice).value();
  const auto claimed = game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain);
  BOOST_TEST_REQUIRE(claimed.ok());
  const std::size_t events = game.events(0, 10000).size();
  clock->advance(kHour);
  const OnboardingSession again = game.onboarding().start(alice).value();
  BOOST_TEST((again == claimed->session));
  BOOST_TEST(again.id == first.id);
  BOOST_TEST((again.guard == first.guard));
  BOOST_TEST((again.offered_ships == first.offered_ships));
  BOOST_TEST((again.step == OnboardingStep::Dialogue));
  BOOST_TEST(game.onboarding().status(alice)->attempts == 1);
  BOOST_TEST(game.events(0, 10000).size() == events);
}

BOOST_AUTO_TEST_CASE(a_session_resumes_exactly_after_the_game_is_reopened) {
  test::TempFile file;
  OnboardingSession before;
  std::string player;
  {
    Match match(tier3_rules(), file.path);
    match.plain_guards();
    player = match.player("alice");
    BOOST_TEST_REQUIRE(match.game.onboarding().start(player).ok());
    const DialogueReply claimed =
        match.game.onboarding().claim_ship(player, "FAST_COURIER", kPlain).value();
    before = match.game.onboarding()
                 .answer(player, claimed.session.pending_exchange_id, kPlain)
                 .value()
                 .session;
  }
  Match reopened(tier3_rules(), file.path);
  const OnboardingStatus status = *reopened.game.onboarding().status(player);
  BOOST_TEST_REQUIRE(status.session.has_value());
  BOOST_TEST((*status.session == before));
  const OnboardingSession resumed = reopened.game.onboarding().start(player).value();
  BOOST_TEST((resumed == before));
  BOOST_TEST(resumed.history.size() == 3u);
  BOOST_TEST(resumed.claimed_ship == "FAST_COURIER");
  BOOST_TEST(status.attempts == 1);
  // The dialogue goes on where it stopped.
  const auto next = reopened.game.onboarding().answer(player, resumed.pending_exchange_id, kPlain);
  BOOST_TEST_REQUIRE(next.ok());
  BOOST_TEST(next->scored.sequence == 3);
}

BOOST_AUTO_TEST_CASE(plain_answers_win_the_scout_without_the_bonus) {
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kPlain, {kPlain});
  BOOST_TEST(reply.end == DialogueEnd::MaxExchanges);
  const OnboardingSession& session = reply.session;
  BOOST_TEST(session.history.size() == 5u);
  for (const DialogueExchangeView& exchange : session.history) {
    BOOST_TEST(exchange.answered);
    BOOST_TEST(exchange.persuasiveness == 0.52);
    BOOST_TEST(exchange.confidence == 0.5);
    BOOST_TEST(exchange.consistency == 0.8);
    BOOST_TEST(exchange.believability == 0.598);
    BOOST_TEST(exchange.suspicion == 0.5);
  }
  // The four questions cover the four topics, each once.
  std::vector<std::string> topics;
  for (std::size_t i = 1; i < session.history.size(); ++i) {
    topics.push_back(session.history[i].topic);
  }
  std::sort(topics.begin(), topics.end());
  BOOST_TEST((topics == std::vector<std::string>{"arrival_details", "identity_verification",
                                                 "ship_knowledge", "situational_awareness"}));
  BOOST_TEST_REQUIRE(session.outcome.has_value());
  const NegotiationOutcome& outcome = *session.outcome;
  BOOST_TEST(outcome.result == NegotiationResult::Success);
  BOOST_TEST(outcome.awarded_ship == "SCOUT_SHIP");
  BOOST_TEST(outcome.starting_credits == 2000);
  BOOST_TEST(outcome.skill == NegotiationSkill::Average);
  BOOST_TEST(outcome.score == 0.654);  // 0.5 × 0.8 + 0.3 × 0.5 + 0.2 × 0.52
  BOOST_TEST(!outcome.negotiation_bonus);
  BOOST_TEST(!outcome.notoriety_penalty);
  BOOST_TEST((session.step == OnboardingStep::Completion));
  BOOST_TEST(session.pending_exchange_id.empty());
  BOOST_TEST(session.completed_at == test::kStart);
  BOOST_TEST(session.fallback_to_rules);
  BOOST_TEST(!session.ai_service_used);
  BOOST_TEST(game.onboarding().status(alice)->answered_questions);
  BOOST_TEST(events_of("onboarding.answered").size() == 5u);
  const auto decided = events_of("onboarding.decided");
  BOOST_TEST_REQUIRE(decided.size() == 1u);
  BOOST_TEST(decided[0].payload.find("\"threshold\":0.5") != std::string::npos);
  BOOST_TEST(decided[0].payload.find("\"reason\":\"max_exchanges\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_strong_negotiation_convinces_the_guard_early_and_earns_the_bonus) {
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kStrong, {kStrong});
  BOOST_TEST(reply.end == DialogueEnd::Convinced);
  const OnboardingSession& session = reply.session;
  BOOST_TEST_REQUIRE(session.history.size() == 3u);
  // Suspicion carries forward: 0.5 - 0.15 per answer of believability 0.85.
  BOOST_TEST(session.history[0].believability == 0.85);
  BOOST_TEST(session.history[0].suspicion == 0.35);
  BOOST_TEST(session.history[1].suspicion == 0.2);
  BOOST_TEST(session.history[2].suspicion == 0.05);
  const NegotiationOutcome& outcome = *session.outcome;
  BOOST_TEST(outcome.result == NegotiationResult::Success);
  BOOST_TEST(outcome.skill == NegotiationSkill::Strong);
  BOOST_TEST(outcome.score == 0.81);  // 0.5 × 0.8 + 0.3 × 0.7 + 0.2 × 1.0
  BOOST_TEST(outcome.negotiation_bonus);
  BOOST_TEST(outcome.starting_credits == 2000);

  core_of(game).db().sql().exec(
      "UPDATE players SET settings = '{\"my_game\":{\"difficulty\":3}}' WHERE id = '" + alice +
      "'");
  const OnboardingCompletion done = game.onboarding().complete(alice).value();
  BOOST_TEST(done.trade_bonus == 0.1);
  BOOST_TEST(core_of(game).read([&](SQLite::Database& db) {
    return db
        .execAndGet("SELECT json_extract(settings, '$.trade_bonus') FROM players WHERE id = '" +
                    alice + "'")
        .getDouble();
  }) == 0.1);
  BOOST_TEST(query_int(game,
                       "SELECT json_extract(settings, '$.my_game.difficulty') FROM players "
                       "WHERE id = '" +
                           alice + "'") == 3);
}

BOOST_AUTO_TEST_CASE(three_contradictions_are_a_hard_fail_worth_300) {
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kBoughtNew, {kOldInherited, kPlain});
  const OnboardingSession& session = reply.session;
  BOOST_TEST(reply.end == DialogueEnd::MaxExchanges);
  BOOST_TEST_REQUIRE(session.history.size() == 5u);
  const DialogueExchangeView& contradicted = session.history[1];
  BOOST_TEST(contradicted.consistency == 0.2);
  BOOST_TEST((contradicted.contradictions ==
              StringList{"timeline: 'this morning' earlier, 'last week' now",
                         "condition: 'new' earlier, 'old' now",
                         "acquisition: 'bought' earlier, 'inherited' now"}));
  BOOST_TEST(session.history[2].contradictions.empty());
  const NegotiationOutcome& outcome = *session.outcome;
  BOOST_TEST(outcome.result == NegotiationResult::Failure);
  BOOST_TEST(outcome.awarded_ship == "ESCAPE_POD");
  BOOST_TEST(outcome.starting_credits == 300);
  BOOST_TEST(outcome.notoriety_penalty);
  BOOST_TEST(!outcome.negotiation_bonus);
  BOOST_TEST(events_of("onboarding.decided")[0].payload.find("\"hard_fail\":true") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_score_below_the_ships_threshold_fails_with_500) {
  Rules carrier = tier3_rules();
  carrier.onboarding.rarity_bands = {{0, {7}}};
  Match match(carrier);
  match.plain_guards();
  const std::string carla = match.player("carla");
  const DialogueReply reply = match.negotiate(carla, "CARRIER", kPlain, {kPlain});
  const NegotiationOutcome& outcome = *reply.session.outcome;
  BOOST_TEST(outcome.score == 0.654);
  BOOST_TEST(outcome.skill == NegotiationSkill::Average);  // the carrier needs 0.75 at AVERAGE
  BOOST_TEST(outcome.result == NegotiationResult::Failure);
  BOOST_TEST(outcome.awarded_ship == "ESCAPE_POD");
  BOOST_TEST(outcome.starting_credits == 500);
  BOOST_TEST(outcome.notoriety_penalty);
  const OnboardingCompletion done = match.game.onboarding().complete(carla).value();
  BOOST_TEST(done.ship_type == "ESCAPE_POD");
  BOOST_TEST(match.game.ledger().credits(carla) == 500);
}

BOOST_AUTO_TEST_CASE(the_guards_trait_moves_the_threshold) {
  // A +0.1 guard lifts the scout's AVERAGE threshold from 0.50 to 0.60: 0.654 still passes; +0.2
  // lifts it to 0.70 and the same answers fail.
  plain_guards();
  exec("UPDATE guard_personalities SET threshold_modifier = 0.2 WHERE kind = 'trait'");
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kPlain, {kPlain});
  BOOST_TEST(reply.session.guard.threshold_modifier == 0.2);
  BOOST_TEST(reply.session.outcome->result == NegotiationResult::Failure);
  BOOST_TEST(reply.session.outcome->starting_credits == 500);
}

BOOST_AUTO_TEST_CASE(mentioning_the_cat_adds_the_bonus_once) {
  const std::string cat = "The orange cat sleeps on my ship and I can show you the papers.";
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kPlain, {cat, cat, kPlain});
  // 0.5 × 0.8 + 0.3 × 0.5 + 0.2 × avg P (0.52, 0.58, 0.58, 0.52, 0.52 → 0.544) + 0.15, once.
  BOOST_TEST(reply.session.outcome->score == 0.8088);
  BOOST_TEST(reply.session.outcome->skill == NegotiationSkill::Strong);
  BOOST_TEST(reply.session.outcome->negotiation_bonus);
  // "category" is not a cat.
  const DialogueReply none = negotiate(
      bob, "SCOUT_SHIP", kPlain, {"The category of my ship is on file and I can show papers."});
  BOOST_TEST(none.session.outcome->score < 0.7);
  BOOST_TEST(none.session.outcome->skill == NegotiationSkill::Average);
}

BOOST_AUTO_TEST_CASE(suspicion_carries_from_one_exchange_to_the_next) {
  plain_guards(0.7);
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kBoughtNew,
                                        {kOldInherited, "It is used, I found it yesterday."});
  // 0.7 → 0.7 (the claim) → 0.8 (three contradictions, believability below 0.4) → 0.9: above
  // 0.85 after 3 exchanges. The seed's quirk (base + change every time) would never pass 0.8.
  BOOST_TEST(reply.end == DialogueEnd::HighSuspicion);
  const auto& history = reply.session.history;
  BOOST_TEST_REQUIRE(history.size() == 3u);
  BOOST_TEST(history[0].suspicion == 0.7);
  BOOST_TEST(history[1].suspicion == 0.8);
  BOOST_TEST(history[2].suspicion == 0.9);
  BOOST_TEST(history[2].believability < 0.4);
  BOOST_TEST(reply.session.outcome->result == NegotiationResult::Failure);
  BOOST_TEST(reply.session.outcome->starting_credits == 300);  // six contradictions
}

BOOST_AUTO_TEST_CASE(high_suspicion_ends_the_dialogue_after_two_exchanges) {
  plain_guards(0.9);
  const DialogueReply reply = negotiate(alice, "FAST_COURIER", kPlain, {kPlain});
  BOOST_TEST(reply.end == DialogueEnd::HighSuspicion);
  BOOST_TEST(reply.session.history.size() == 2u);
  BOOST_TEST(reply.session.history[1].suspicion == 0.9);
}

BOOST_AUTO_TEST_CASE(claiming_the_escape_pod_ends_the_negotiation_at_once) {
  BOOST_TEST_REQUIRE(game.onboarding().start(alice).ok());
  const DialogueReply reply = game.onboarding().claim_ship(alice, "ESCAPE_POD", kPlain).value();
  BOOST_TEST(reply.end == DialogueEnd::EscapePod);
  BOOST_TEST(reply.scored.sequence == 1);
  BOOST_TEST(reply.scored.answer == kPlain);
  BOOST_TEST(reply.session.history.size() == 1u);
  const NegotiationOutcome& outcome = *reply.session.outcome;
  BOOST_TEST(outcome.result == NegotiationResult::Success);
  BOOST_TEST(outcome.awarded_ship == "ESCAPE_POD");
  BOOST_TEST(outcome.starting_credits == 1000);
  BOOST_TEST(outcome.skill == NegotiationSkill::Average);
  BOOST_TEST(outcome.score == 0.5);
  BOOST_TEST(!outcome.negotiation_bonus);
  BOOST_TEST(!outcome.notoriety_penalty);

  const OnboardingCompletion done = game.onboarding().complete(alice).value();
  BOOST_TEST(done.ship_name == "alice's Escape Pod");
  BOOST_TEST(game.ledger().credits(alice) == 1000);
  BOOST_TEST(
      query_int(game, "SELECT purchase_value FROM ships WHERE id = '" + done.ship_id + "'") == 500);
}

BOOST_AUTO_TEST_CASE(a_negotiated_pod_that_falls_short_is_a_partial_success) {
  Rules rules = tier3_rules();
  rules.onboarding.escape_pod_skips_dialogue = false;
  Match match(rules);
  match.plain_guards();
  match.exec(
      "UPDATE ship_rarity_config SET weak_threshold = 0.95, average_threshold = 0.95, "
      "strong_threshold = 0.95 WHERE ship_type = 'ESCAPE_POD'");
  const std::string carla = match.player("carla");
  const DialogueReply reply = match.negotiate(carla, "ESCAPE_POD", kPlain, {kPlain});
  BOOST_TEST(reply.end == DialogueEnd::MaxExchanges);
  BOOST_TEST(reply.session.outcome->result == NegotiationResult::PartialSuccess);
  BOOST_TEST(reply.session.outcome->starting_credits == 800);
  BOOST_TEST(!reply.session.outcome->notoriety_penalty);
}

BOOST_AUTO_TEST_CASE(completing_replaces_the_ships_and_pays_the_award_through_the_ledger) {
  const std::string captain = "My name is Vex Morrow, and this scout is mine.";
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", captain, {kPlain});
  BOOST_TEST(reply.session.extracted_name == "Vex Morrow");
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ships WHERE owner_id = '" + alice + "'") == 1);
  BOOST_TEST(game.ledger().credits(alice) == 10000);
  clock->advance(kMinute);

  const OnboardingCompletion done = game.onboarding().complete(alice, "Vex Morrow").value();
  BOOST_TEST(done.nickname == "Vex Morrow");
  BOOST_TEST(done.nickname_rejected_reason.empty());
  BOOST_TEST(done.ship_name == "Vex Morrow's Scout Ship");
  BOOST_TEST(done.ship_type == "SCOUT_SHIP");
  BOOST_TEST(done.credits == 2000);
  BOOST_TEST(done.trade_bonus == 0.0);

  // One ship: the awarded one, the flagship, with the starter values.
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ships WHERE owner_id = '" + alice + "'") == 1);
  const auto ship = core_of(game).read([&](SQLite::Database& db) {
    SQLite::Statement query(db,
                            "SELECT type, name, is_flagship, purchase_value, current_value, cargo, "
                            "combat, maintenance FROM ships WHERE owner_id = ?");
    query.bind(1, alice);
    query.executeStep();
    return std::vector<std::string>{query.getColumn(0).getString(), query.getColumn(1).getString(),
                                    query.getColumn(2).getString(), query.getColumn(3).getString(),
                                    query.getColumn(4).getString(), query.getColumn(5).getString(),
                                    query.getColumn(6).getString(), query.getColumn(7).getString()};
  });
  BOOST_TEST(
      (ship == std::vector<std::string>{"SCOUT_SHIP", "Vex Morrow's Scout Ship", "1", "1000",
                                        "1000", R"({"capacity":50,"used":0,"contents":{}})",
                                        R"({"shields":10,"weapons":5})", R"({"status":"good"})"}));
  BOOST_TEST(query_int(game, "SELECT count(*) FROM players WHERE id = '" + alice +
                                 "' AND current_ship_id = '" + done.ship_id + "'") == 1);
  // The hull's mitigation, from ship_specifications (a scout: 0.00 shields, 0.02 armour).
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ships WHERE owner_id = '" + alice +
                                 "' AND shield_resistance = 0.0 AND armor_rating = 0.02") == 1);

  // The balance is the award: the excess went to the sink in one ledger row.
  BOOST_TEST(game.ledger().credits(alice) == 2000);
  BOOST_TEST(query_int(game, "SELECT amount FROM transactions WHERE type = 'ONBOARDING'") == 8000);
  BOOST_TEST(query_int(game,
                       "SELECT balance FROM accounts WHERE owner_kind = 'system' AND "
                       "system_name = 'sink' AND currency_id = 1") == 8000);
  BOOST_TEST(game.ledger().check_ledger().empty());

  // The flags, the companion and the player view.
  const OnboardingStatus status = *game.onboarding().status(alice);
  BOOST_TEST(!status.needs_onboarding);
  BOOST_TEST(status.received_resources);
  BOOST_TEST(status.session->id == reply.session.id);
  BOOST_TEST(query_int(game, "SELECT aria_relationship_score FROM players WHERE id = '" + alice +
                                 "'") == 50);
  BOOST_TEST(query_int(game, "SELECT aria_total_interactions FROM players WHERE id = '" + alice +
                                 "'") == 1);
  const PlayerView view = *game.players().find(alice);
  BOOST_TEST(view.nickname == "Vex Morrow");
  BOOST_TEST(!view.needs_first_login);
  BOOST_TEST(view.credits == 2000);
  const auto completed = events_of("onboarding.completed");
  BOOST_TEST_REQUIRE(completed.size() == 1u);
  BOOST_TEST(completed[0].at == test::kStart + kMinute);
  BOOST_TEST(completed[0].payload.find("\"credits\":2000") != std::string::npos);
  BOOST_TEST(completed[0].payload.find("\"previous_credits\":10000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_shortfall_is_minted) {
  Rules rules = tier3_rules();
  rules.players.starting_credits = 0;
  Match match(rules);
  const std::string carla = match.player("carla");
  BOOST_TEST_REQUIRE(match.game.onboarding().start(carla).ok());
  BOOST_TEST_REQUIRE(match.game.onboarding().claim_ship(carla, "ESCAPE_POD", kPlain).ok());
  BOOST_TEST_REQUIRE(match.game.onboarding().complete(carla).ok());
  BOOST_TEST(match.game.ledger().credits(carla) == 1000);
  BOOST_TEST(query_int(match.game,
                       "SELECT from_account_id FROM transactions WHERE type = "
                       "'ONBOARDING'") == 1);  // the credits mint
  BOOST_TEST(match.game.ledger().check_ledger().empty());
}

BOOST_AUTO_TEST_CASE(a_rejected_nickname_does_not_block_completion) {
  core_of(game).db().sql().exec("UPDATE players SET nickname = 'Taken' WHERE id = '" + bob + "'");
  BOOST_TEST_REQUIRE(game.onboarding().start(alice).ok());
  BOOST_TEST_REQUIRE(game.onboarding().claim_ship(alice, "ESCAPE_POD", kPlain).ok());
  const OnboardingCompletion done = game.onboarding().complete(alice, "TAKEN").value();
  BOOST_TEST(done.nickname_rejected_reason == "taken");
  BOOST_TEST(done.nickname.empty());
  BOOST_TEST(done.ship_name == "alice's Escape Pod");
  BOOST_TEST(game.players().find(alice)->nickname.empty());
  BOOST_TEST(!game.onboarding().status(alice)->needs_onboarding);
}

BOOST_AUTO_TEST_CASE(nicknames_are_validated_with_a_reason) {
  core_of(game).db().sql().exec("UPDATE players SET nickname = 'Nova' WHERE id = '" + bob + "'");
  auto problem = [&](const std::string& name) {
    return game.onboarding().nickname_problem(alice, name);
  };
  BOOST_TEST(problem("Vex").empty());
  BOOST_TEST(problem("Vex Morrow").empty());
  BOOST_TEST(problem("  Vex_Morrow-2  ").empty());  // trimmed
  BOOST_TEST(problem("alice").empty());             // the player's own username
  BOOST_TEST(problem("Vx") == "length");
  BOOST_TEST(problem("ABCDEFGHIJKLMNOPQRSTU") == "length");  // 21
  BOOST_TEST(problem("Vex!") == "charset");
  BOOST_TEST(problem("Vex von Morrow") == "charset");  // two spaces
  BOOST_TEST(problem("M\xc3\xbcller") == "charset");
  BOOST_TEST(problem("BOB") == "taken");   // a username
  BOOST_TEST(problem("nova") == "taken");  // a nickname
  Rules rules = tier3_rules();
  rules.onboarding.nickname_blocklist = {"darn"};
  Match strict(rules);
  const std::string carla = strict.player("carla");
  BOOST_TEST(strict.game.onboarding().nickname_problem(carla, "DARN") == "profanity");
  BOOST_TEST(strict.game.onboarding().nickname_problem(carla, "DarnPilot").empty());  // whole names
  // The default list: reserved names and profanity, matched as whole names in any case.
  BOOST_TEST(problem("Admin") == "profanity");
  BOOST_TEST(problem("SYSTEM") == "profanity");
  BOOST_TEST(problem("AdminValley").empty());
  BOOST_TEST(game.rules().onboarding.nickname_blocklist.size() == 15u);
}

BOOST_AUTO_TEST_CASE(only_an_offered_ship_can_be_claimed) {
  BOOST_TEST_REQUIRE(game.onboarding().start(alice).ok());
  const std::size_t events = game.events(0, 10000).size();
  const auto carrier = game.onboarding().claim_ship(alice, "CARRIER", kPlain);
  BOOST_TEST((carrier.refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.onboarding().claim_ship(alice, "STAR_DESTROYER", kPlain).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(game.events(0, 10000).size() == events);
  BOOST_TEST(game.onboarding().status(alice)->session->claimed_ship.empty());
  BOOST_TEST_REQUIRE(game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain).ok());
  BOOST_TEST((game.onboarding().claim_ship(alice, "FAST_COURIER", kPlain).refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST(
      (game.onboarding().claim_ship(bob, "SCOUT_SHIP", kPlain).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(an_exchange_belongs_to_its_player_and_is_answered_once) {
  BOOST_TEST_REQUIRE(game.onboarding().start(bob).ok());
  const OnboardingSession opened = game.onboarding().start(alice).value();
  // The opening is answered by the claim, not by answer().
  BOOST_TEST((game.onboarding().answer(alice, opened.pending_exchange_id, kPlain).refusal() ==
              Refusal::NotAllowed));
  const DialogueReply claimed = game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain).value();
  const std::string question = claimed.session.pending_exchange_id;
  BOOST_TEST((game.onboarding().answer(bob, question, kPlain).refusal() == Refusal::NotAllowed));
  BOOST_TEST(
      (game.onboarding().answer(alice, "no-such-exchange", kPlain).refusal() == Refusal::NotFound));
  BOOST_TEST_REQUIRE(game.onboarding().answer(alice, question, kPlain).ok());
  const std::size_t events = game.events(0, 10000).size();
  const auto again = game.onboarding().answer(alice, question, kStrong);
  BOOST_TEST((again.refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.events(0, 10000).size() == events);
  BOOST_TEST(game.onboarding().status(alice)->session->history[1].answer == kPlain);
  BOOST_TEST((game.onboarding().answer(alice, opened.pending_exchange_id, kPlain).refusal() ==
              Refusal::AlreadyDone));
}

BOOST_AUTO_TEST_CASE(answers_must_fit_the_limits) {
  BOOST_TEST_REQUIRE(game.onboarding().start(alice).ok());
  const auto refusal = [&](const std::string& text) {
    return game.onboarding().claim_ship(alice, "SCOUT_SHIP", text).refusal();
  };
  BOOST_TEST((refusal("") == Refusal::InvalidArgument));
  BOOST_TEST((refusal("   ") == Refusal::InvalidArgument));
  BOOST_TEST((refusal(std::string(501, 'a')) == Refusal::InvalidArgument));
  std::string many;
  for (int i = 0; i < 101; ++i) many += "a ";
  BOOST_TEST((refusal(many) == Refusal::InvalidArgument));
  BOOST_TEST(game.onboarding().status(alice)->session->claimed_ship.empty());
  // 500 characters of 100 words is the longest answer.
  std::string longest;
  for (int i = 0; i < 100; ++i) longest += i == 0 ? "abcd" : " abcd";
  longest += std::string(500 - longest.size(), 'x');
  BOOST_TEST(longest.size() == 500u);
  BOOST_TEST(game.onboarding().claim_ship(alice, "SCOUT_SHIP", longest).ok());
}

BOOST_AUTO_TEST_CASE(completing_before_the_outcome_or_twice_is_refused) {
  BOOST_TEST((game.onboarding().complete(alice).refusal() == Refusal::NotAllowed));
  BOOST_TEST_REQUIRE(game.onboarding().start(alice).ok());
  BOOST_TEST((game.onboarding().complete(alice).refusal() == Refusal::NotAllowed));
  BOOST_TEST_REQUIRE(game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain).ok());
  BOOST_TEST((game.onboarding().complete(alice).refusal() == Refusal::NotAllowed));
  const DialogueReply reply = negotiate(bob, "SCOUT_SHIP", kPlain, {kPlain});
  BOOST_TEST_REQUIRE(game.onboarding().complete(bob).ok());
  const std::size_t events = game.events(0, 10000).size();
  const long long transactions = query_int(game, "SELECT count(*) FROM transactions");
  const std::string ship = core_of(game).read([&](SQLite::Database& db) {
    return db.execAndGet("SELECT id FROM ships WHERE owner_id = '" + bob + "'").getString();
  });
  const auto twice = game.onboarding().complete(bob, "Bobby");
  BOOST_TEST((twice.refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.events(0, 10000).size() == events);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM transactions") == transactions);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ships WHERE id = '" + ship + "'") == 1);
  BOOST_TEST(game.ledger().credits(bob) == reply.session.outcome->starting_credits);
  BOOST_TEST((game.onboarding().start(bob).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.onboarding().abandon(bob).refusal() == Refusal::AlreadyDone));
}

BOOST_AUTO_TEST_CASE(unknown_and_deleted_players_are_refused) {
  BOOST_TEST((game.onboarding().start("no-such-player").refusal() == Refusal::NotFound));
  BOOST_TEST_REQUIRE(game.players().remove(bob).ok());
  BOOST_TEST((game.onboarding().start(bob).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.onboarding().complete(bob).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(abandoning_keeps_the_attempts) {
  const OnboardingSession first = game.onboarding().start(alice).value();
  BOOST_TEST_REQUIRE(game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain).ok());
  BOOST_TEST_REQUIRE(game.onboarding().abandon(alice).ok());
  OnboardingStatus status = *game.onboarding().status(alice);
  BOOST_TEST(status.attempts == 1);
  BOOST_TEST(!status.session);
  BOOST_TEST(!status.claimed_ship);
  BOOST_TEST(status.needs_onboarding);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM first_login_sessions") == 0);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM dialogue_exchanges") == 0);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ship_presentation_options") == 0);
  BOOST_TEST(events_of("onboarding.abandoned").size() == 1u);
  BOOST_TEST((game.onboarding().abandon(alice).refusal() == Refusal::NotFound));

  const OnboardingSession second = game.onboarding().start(alice).value();
  BOOST_TEST(second.id != first.id);
  status = *game.onboarding().status(alice);
  BOOST_TEST(status.attempts == 2);
  BOOST_TEST((status.session->step == OnboardingStep::ShipSelection));
}

BOOST_AUTO_TEST_CASE(the_same_seed_and_answers_give_the_same_negotiation) {
  Match one(Rules{});
  Match two(Rules{});
  std::vector<DialogueReply> replies[2];
  Match* games[2] = {&one, &two};
  for (int g = 0; g < 2; ++g) {
    Match& match = *games[g];
    const std::string who = match.player("alice");
    const OnboardingSession session = match.game.onboarding().start(who).value();
    DialogueReply reply =
        match.game.onboarding().claim_ship(who, session.offered_ships[1], kBoughtNew).value();
    replies[g].push_back(reply);
    const std::vector<std::string> answers = {kPlain, kOldInherited, kStrong, kPlain};
    for (std::size_t i = 0; reply.end == DialogueEnd::None; ++i) {
      match.clock->advance(kMinute);
      reply = match.game.onboarding()
                  .answer(who, reply.session.pending_exchange_id, answers[i % answers.size()])
                  .value();
      replies[g].push_back(reply);
    }
  }
  BOOST_TEST_REQUIRE(replies[0].size() == replies[1].size());
  for (std::size_t i = 0; i < replies[0].size(); ++i) BOOST_TEST((replies[0][i] == replies[1][i]));
  BOOST_TEST(replies[0].back().session.outcome.has_value());
  BOOST_TEST(one.game.events(0, 10000).size() == two.game.events(0, 10000).size());
}

BOOST_AUTO_TEST_CASE(a_working_provider_judges_answers_and_phrases_questions) {
  auto provider = std::make_shared<ScriptedProvider>();
  game.onboarding().set_provider(provider);
  BOOST_TEST((game.onboarding().provider() == provider));
  const OnboardingSession session = game.onboarding().start(alice).value();
  const DialogueReply claimed = game.onboarding().claim_ship(alice, "SCOUT_SHIP", kPlain).value();

  // The provider saw the opening and the claimed ship, starting from the guard's suspicion.
  BOOST_TEST_REQUIRE(provider->answers.size() == 1u);
  BOOST_TEST(provider->answers[0].topic == "introduction");
  BOOST_TEST(provider->answers[0].claimed_ship == "SCOUT_SHIP");
  BOOST_TEST(provider->answers[0].previous_suspicion == 0.5);
  BOOST_TEST(provider->answers[0].question == session.history[0].question);
  BOOST_TEST_REQUIRE(provider->questions.size() == 1u);
  BOOST_TEST(provider->questions[0].sequence == 2);
  BOOST_TEST(provider->questions[0].suspicion == 0.3);
  BOOST_TEST(provider->questions[0].history.size() == 1u);
  BOOST_TEST(!provider->questions[0].rules_question.empty());

  // Its scores are stored, and its question is asked.
  const DialogueExchangeView& scored = claimed.scored;
  BOOST_TEST(scored.persuasiveness == 0.9);
  BOOST_TEST(scored.consistency == 0.95);
  BOOST_TEST(scored.suspicion == 0.3);
  BOOST_TEST((scored.claims == StringList{"owns the ship"}));
  BOOST_TEST(scored.provider == "scripted");
  const DialogueExchangeView& next = claimed.session.history[1];
  BOOST_TEST(next.question == "[AI] Tell me about " + next.topic + ".");
  BOOST_TEST(claimed.session.ai_service_used);
  BOOST_TEST(!claimed.session.fallback_to_rules);

  // Every logging column is filled.
  const auto logged = core_of(game).read([&](SQLite::Database& db) {
    SQLite::Statement query(db,
                            "SELECT ai_provider, ai_system_prompt, ai_user_prompt, "
                            "ai_raw_response, response_time_ms IS NOT NULL, estimated_cost_usd, "
                            "tokens_used FROM dialogue_exchanges WHERE id = ?");
    query.bind(1, scored.id);
    query.executeStep();
    return std::tuple{query.getColumn(0).getString(), query.getColumn(1).getString(),
                      query.getColumn(2).getString(), query.getColumn(3).getString(),
                      query.getColumn(4).getInt(),    query.getColumn(5).getDouble(),
                      query.getColumn(6).getInt64()};
  });
  BOOST_TEST(std::get<0>(logged) == "scripted");
  BOOST_TEST(std::get<1>(logged) == "Judge the answer.");
  BOOST_TEST(std::get<2>(logged) == kPlain);
  BOOST_TEST(std::get<3>(logged) == "{\"score\":0.9}");
  BOOST_TEST(std::get<4>(logged) == 1);
  BOOST_TEST(std::get<5>(logged) == 0.002);
  BOOST_TEST(std::get<6>(logged) == 120);
  BOOST_TEST(query_int(game, "SELECT tokens_used FROM dialogue_exchanges WHERE id = '" +
                                 next.id.value() + "'") == 40);

  // The provider's judgement drives the outcome: K 0.95, C 0.8, P 0.9 → 0.895, STRONG.
  DialogueReply reply = claimed;
  while (reply.end == DialogueEnd::None) {
    reply = game.onboarding().answer(alice, reply.session.pending_exchange_id, kPlain).value();
  }
  BOOST_TEST(reply.end == DialogueEnd::MaxExchanges);
  BOOST_TEST(reply.session.outcome->score == 0.895);
  BOOST_TEST(reply.session.outcome->negotiation_bonus);
  BOOST_TEST(reply.session.metrics.response_time_ms >= 0.0);
}

BOOST_AUTO_TEST_CASE(a_throwing_provider_falls_back_to_the_rules) {
  auto provider = std::make_shared<ThrowingProvider>();
  game.onboarding().set_provider(provider);
  const DialogueReply reply = negotiate(alice, "SCOUT_SHIP", kPlain, {kPlain});
  BOOST_TEST(provider->calls == 9);  // five judgements, four questions
  BOOST_TEST(reply.session.fallback_to_rules);
  BOOST_TEST(!reply.session.ai_service_used);
  BOOST_TEST(reply.session.outcome->score == 0.654);  // as without a provider
  for (const DialogueExchangeView& exchange : reply.session.history) {
    BOOST_TEST(exchange.provider.empty());
  }
  BOOST_TEST(query_int(game,
                       "SELECT count(*) FROM dialogue_exchanges WHERE ai_provider IS NOT "
                       "NULL OR response_time_ms IS NOT NULL") == 0);
  game.onboarding().set_provider(nullptr);
  BOOST_TEST(!game.onboarding().provider());
}

BOOST_AUTO_TEST_CASE(a_provider_over_its_time_budget_is_overruled) {
  Rules rules = tier3_rules();
  rules.onboarding.provider_time_budget_ms = 20;
  Match match(rules);
  match.plain_guards();
  auto provider = std::make_shared<SlowProvider>();
  match.game.onboarding().set_provider(provider);
  const std::string carla = match.player("carla");
  BOOST_TEST_REQUIRE(match.game.onboarding().start(carla).ok());
  const DialogueReply reply =
      match.game.onboarding().claim_ship(carla, "SCOUT_SHIP", kPlain).value();
  BOOST_TEST(provider->answers.size() == 1u);       // it was asked...
  BOOST_TEST(reply.scored.persuasiveness == 0.52);  // ...and the rules decided
  BOOST_TEST(reply.scored.provider.empty());
  BOOST_TEST(reply.session.history[1].question.find("[AI]") == std::string::npos);
  BOOST_TEST(reply.session.fallback_to_rules);
  BOOST_TEST(!reply.session.ai_service_used);
}

BOOST_AUTO_TEST_SUITE_END()

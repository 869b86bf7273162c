#include "sample_game/arrival.h"

#include <fmt/core.h>

#include "sample_game/text.h"

namespace hearth::sample_game {

namespace {

// The guard at Callisto Shipyard speaks for the Terran Federation: how the negotiation ends is
// the pilot's first standing with it.
constexpr const char* kGuardFaction = "terran_federation";
constexpr std::int64_t kVouched = 150;
constexpr std::int64_t kHonestPod = 50;
constexpr std::int64_t kCaughtLying = -150;

std::optional<OnboardingSession> open_session(Session& session) {
  auto started = session.game.onboarding().start(session.pilot);
  if (!started) {
    fmt::print("{}\n", started.detail());
    return std::nullopt;
  }
  return *started;
}

// The guard's lines are narrated, quotes included.
void print_guard_line(const std::string& line) { print_wrapped(line, 2); }

void print_scores(const DialogueExchangeView& exchange) {
  fmt::print("  (believability {:.2f}; the guard's suspicion is now {:.2f}{})\n",
             exchange.believability, exchange.suspicion,
             exchange.contradictions.empty() ? "" : "; you contradicted yourself");
}

// Hands out the outcome: the engine replaces the ship and sets the credits through the ledger;
// the game records the ship type and the guard's word with the Federation.
void finish(Session& session, const OnboardingSession& decided) {
  const NegotiationOutcome& outcome = *decided.outcome;
  const auto done = session.game.onboarding().complete(session.pilot, decided.extracted_name);
  if (!done) {
    fmt::print("{}\n", done.detail());
    return;
  }
  session.galaxy.set_ship(session.pilot, done->ship_type);
  std::int64_t standing = kCaughtLying;
  std::string reason = "Caught bluffing at Callisto Shipyard";
  if (outcome.result != NegotiationResult::Failure) {
    const bool pod = done->ship_type == "ESCAPE_POD";
    standing = pod ? kHonestPod : kVouched;
    reason = pod ? "Honest about the escape pod" : "Vouched for by the Callisto guard";
  }
  const auto changed =
      session.game.reputation().change(session.pilot, kGuardFaction, standing, reason);
  fmt::print("Outcome: {} (score {:.2f}, {} negotiator).\n", to_string(outcome.result),
             outcome.score, lower(std::string(to_string(outcome.skill))));
  fmt::print("{} waves you through to your {} with {} credits.\n", decided.guard.name,
             title_case(done->ship_type), done->credits);
  if (changed) {
    fmt::print("Terran Federation standing {:+}: {} ({}).\n", standing, changed->value,
               changed->title);
  }
  if (!done->nickname.empty()) fmt::print("The guard logs you as {}.\n", done->nickname);
  fmt::print("Welcome to Sol, {}. Type 'help' for your commands.\n", session.pilot_name());
}

void after_reply(Session& session, const DialogueReply& reply) {
  print_scores(reply.scored);
  if (reply.end != DialogueEnd::None) {
    fmt::print("The negotiation is over ({}).\n", title_case(std::string(to_string(reply.end))));
    finish(session, reply.session);
    return;
  }
  print_guard_line(reply.session.history.back().question);
}

}  // namespace

void register_pilot(Session& session, const std::string& name) {
  // The player and the pilot are one registration: both are written, or neither.
  std::string id;
  const Outcome registered = session.game.atomically([&]() -> Outcome {
    const auto created = session.game.players().create({.username = name});
    if (!created) return created.outcome();
    id = created->id;
    session.galaxy.add_pilot(id);
    return {};
  });
  if (!registered) {
    fmt::print("{}\n", registered.detail());
    return;
  }
  session.activate(id);
  fmt::print("Pilot {} registered. You arrive at Callisto Shipyard in an escape pod.\n", name);
  show_gate(session);
}

bool at_the_gate(Session& session) {
  if (session.pilot.empty()) return false;
  const auto status = session.game.onboarding().status(session.pilot);
  return status && status->needs_onboarding;
}

void show_gate(Session& session) {
  const auto open = open_session(session);
  if (!open) return;
  const OnboardingSession& gate = *open;
  const GuardPersonality& guard = gate.guard;
  switch (gate.step) {
    case OnboardingStep::ShipSelection:
      if (!session.picked_ship.empty()) {
        fmt::print("You claim the {}. What do you tell {}?\n", title_case(session.picked_ship),
                   guard.name);
        return;
      }
      print_wrapped(fmt::format("{} {}, {}: {}", guard.title, guard.name, lower(guard.trait),
                                guard.description));
      print_guard_line(gate.history.front().question);
      fmt::print("Ships on the pad:\n");
      for (std::size_t i = 0; i < gate.offered_ships.size(); ++i) {
        const bool pod = gate.offered_ships[i] == "ESCAPE_POD";
        fmt::print("  {}. {}{}\n", i + 1, title_case(gate.offered_ships[i]),
                   pod ? " (admit it is just your pod: no questions, 1000 credits)" : "");
      }
      fmt::print("Which ship is yours? Type its number or name.\n");
      return;
    case OnboardingStep::Dialogue:
      for (const DialogueExchangeView& exchange : gate.history) {
        if (exchange.id == gate.pending_exchange_id) print_guard_line(exchange.question);
      }
      return;
    case OnboardingStep::Completion:
      finish(session, gate);
      return;
  }
}

std::string gate_prompt(Session& session) {
  const auto status = session.game.onboarding().status(session.pilot);
  const bool choosing = status && status->session &&
                        status->session->step == OnboardingStep::ShipSelection &&
                        session.picked_ship.empty();
  return choosing ? "ship> " : "answer> ";
}

void reply_at_gate(Session& session, const std::string& line) {
  const auto open = open_session(session);
  if (!open) return;
  const OnboardingSession& gate = *open;
  if (gate.step == OnboardingStep::ShipSelection && session.picked_ship.empty()) {
    const std::string wanted = lower(line);
    for (std::size_t i = 0; i < gate.offered_ships.size(); ++i) {
      const std::string& ship = gate.offered_ships[i];
      if (wanted == std::to_string(i + 1) || wanted == lower(ship) ||
          wanted == lower(title_case(ship))) {
        session.picked_ship = ship;
        show_gate(session);
        return;
      }
    }
    fmt::print("That ship is not on the pad: type a number from 1 to {}.\n",
               gate.offered_ships.size());
    return;
  }
  if (gate.step == OnboardingStep::ShipSelection) {
    const auto reply =
        session.game.onboarding().claim_ship(session.pilot, session.picked_ship, line);
    if (!reply) {
      fmt::print("{}\n", reply.detail());
      return;
    }
    session.picked_ship.clear();
    after_reply(session, *reply);
    return;
  }
  if (gate.step == OnboardingStep::Dialogue) {
    const auto reply =
        session.game.onboarding().answer(session.pilot, gate.pending_exchange_id, line);
    if (!reply) {
      fmt::print("{}\n", reply.detail());
      return;
    }
    after_reply(session, *reply);
    return;
  }
  finish(session, gate);
}

}  // namespace hearth::sample_game

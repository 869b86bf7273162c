#include "sample_game/commands.h"

#include <functional>
#include <vector>

#include <fmt/core.h>

#include "sample_game/arrival.h"
#include "sample_game/screens.h"
#include "sample_game/text.h"
#include "sample_game/trade.h"
#include "sample_game/travel.h"
#include "sample_game/waiting.h"

namespace hearth::sample_game {

namespace {

using Words = std::vector<std::string>;

// A command: its name, what it takes, what it does, and whether it needs a pilot who has passed
// the shipyard gate (then `pilot` is that pilot; else it is null).
struct Command {
  const char* name;
  const char* arguments;  // e.g. "SECTOR"; "" for none
  const char* help;
  bool needs_pilot;
  std::function<void(Session&, const Pilot*, const Words&)> run;
  bool many_words = false;  // the last argument may be several words ("move alpha centauri")
};

void greet_pilot(Session& session);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"status", "", "credits, turns, ship, location, boost and supply drop", true,
       [](Session& s, const Pilot* p, const Words&) { show_status(s, *p); }},
      {"map", "", "this sector and the warps out of it, with their turn costs", true,
       [](Session& s, const Pilot* p, const Words&) { show_map(s, *p); }},
      {"move", "SECTOR", "warp to a linked sector (by number or name); costs its turns", true,
       [](Session& s, const Pilot* p, const Words& w) { move(s, *p, join_words(w, 1)); }, true},
      {"dock", "", "dock at this sector's station (1 turn)", true,
       [](Session& s, const Pilot* p, const Words&) { dock(s, *p); }},
      {"undock", "", "leave the station (1 turn)", true,
       [](Session& s, const Pilot* p, const Words&) { undock(s, *p); }},
      {"market", "", "the docked station's prices, after your standing with its faction", true,
       [](Session& s, const Pilot* p, const Words&) { show_market(s, *p); }},
      {"buy", "ITEM QUANTITY", "buy a commodity, e.g. 'buy food 5'", true,
       [](Session& s, const Pilot* p, const Words& w) { buy(s, *p, w); }, true},
      {"sell", "ITEM QUANTITY", "sell a commodity, e.g. 'sell food 5'", true,
       [](Session& s, const Pilot* p, const Words& w) { sell(s, *p, w); }, true},
      {"cargo", "", "what is in your hold", true,
       [](Session& s, const Pilot* p, const Words&) { show_cargo(s, *p); }},
      {"standings", "", "every faction: value, tier, title and what it does to prices", true,
       [](Session& s, const Pilot* p, const Words&) { show_standings(s, *p); }},
      {"supply", "", "collect the daily supply drop: 500 credits and a Fuel Cell", true,
       [](Session& s, const Pilot* p, const Words&) { supply(s, *p); }},
      {"boost", "", "burn a Fuel Cell: warps cost half their turns for 2 hours", true,
       [](Session& s, const Pilot* p, const Words&) { boost(s, *p); }},
      {"log", "", "your recent events", true,
       [](Session& s, const Pilot* p, const Words&) { show_log(s, *p); }},
      {"wait", "DURATION", "let game time pass, e.g. 'wait 90m', 'wait 3d'", false,
       [](Session& s, const Pilot*, const Words& w) { wait(s, join_words(w, 1)); }},
      {"pilots", "", "every pilot in this save", false,
       [](Session& s, const Pilot*, const Words&) { show_pilots(s); }},
      {"new", "NAME", "register a new pilot, who starts at the shipyard gate", false,
       [](Session& s, const Pilot*, const Words& w) { register_pilot(s, w[1]); }},
      {"switch", "NAME", "hand the controls to another pilot (hot-seat)", false,
       [](Session& s, const Pilot*, const Words& w) {
         const auto player = s.game.players().find_by_username(w[1]);
         if (!player || player->deleted) {
           fmt::print("No pilot named '{}': 'pilots' lists them.\n", w[1]);
         } else if (player->id == s.pilot) {
           fmt::print("{} already has the controls.\n", player->username);
         } else {
           s.activate(player->id);
           greet_pilot(s);
         }
       }},
      {"help", "", "this list", false,
       [](Session&, const Pilot*, const Words&) {
         for (const Command& command : commands()) {
           const std::string usage =
               std::string(command.name) + (*command.arguments ? " " : "") + command.arguments;
           fmt::print("  {:<20} {}\n", usage, command.help);
         }
         fmt::print("  {:<20} {}\n", "quit", "save and leave (everything is saved as you go)");
       }},
  };
  return table;
}

std::string nearest_command(const std::string& typed) {
  std::string best;
  int best_distance = 3;
  for (const Command& command : commands()) {
    const int distance = edit_distance(typed, command.name);
    if (distance < best_distance) {
      best_distance = distance;
      best = command.name;
    }
  }
  return best;
}

void greet_pilot(Session& session) {
  const auto player = session.game.players().find(session.pilot);
  if (at_the_gate(session)) {
    fmt::print("{} is at the shipyard gate.\n", player->username);
    show_gate(session);
    return;
  }
  const auto pilot = session.galaxy.pilot(session.pilot);
  const auto sector = session.galaxy.sector(pilot->sector);
  fmt::print("{} has the controls, in {} ({}).\n", player->username, sector->name, sector->id);
  // A pilot back after a week away gets the engine's return bonus.
  const auto bonus = session.game.turns().welcome_back(session.pilot);
  if (bonus && *bonus > 0) fmt::print("Welcome back: +{} turns.\n", *bonus);
}

}  // namespace

bool run_line(Session& session, const std::string& line) {
  const Words words = split_words(line);
  if (words.empty() || words[0].front() == '#') return true;
  const std::string name = lower(words[0]);
  if (name == "quit" && words.size() == 1) return false;

  // At the gate every line is a reply to the guard, except what lets another pilot play.
  const bool hot_seat = (name == "pilots" && words.size() == 1) ||
                        ((name == "switch" || name == "new") && words.size() == 2);
  if (at_the_gate(session) && !hot_seat) {
    reply_at_gate(session, line);
    return true;
  }

  for (const Command& command : commands()) {
    if (name != command.name) continue;
    const std::size_t wanted = *command.arguments ? split_words(command.arguments).size() : 0;
    const bool fits = command.many_words ? words.size() > wanted : words.size() == wanted + 1;
    if (!fits) {
      fmt::print("Usage: {}{}{}.\n", command.name, *command.arguments ? " " : "",
                 command.arguments);
      return true;
    }
    std::optional<Pilot> pilot;
    if (command.needs_pilot) {
      if (!session.pilot.empty()) pilot = session.galaxy.pilot(session.pilot);
      if (!pilot) {
        fmt::print("No pilot has the controls: 'new NAME' registers one.\n");
        return true;
      }
    }
    command.run(session, pilot ? &*pilot : nullptr, words);
    return true;
  }
  const std::string suggestion = nearest_command(name);
  if (suggestion.empty()) {
    fmt::print("Unknown command '{}': 'help' lists the commands.\n", words[0]);
  } else {
    fmt::print("Unknown command '{}'. Did you mean '{}'?\n", words[0], suggestion);
  }
  return true;
}

std::string prompt(Session& session) {
  if (session.pilot.empty()) return "> ";
  if (at_the_gate(session)) return gate_prompt(session);
  const auto pilot = session.galaxy.pilot(session.pilot);
  if (!pilot) return "> ";
  return fmt::format("{}@{}> ", session.pilot_name(), session.galaxy.sector(pilot->sector)->name);
}

void greet(Session& session) {
  const std::string active = session.galaxy.active_pilot();
  if (!active.empty() && session.game.players().find(active)) {
    session.activate(active);
    greet_pilot(session);
    return;
  }
  fmt::print("No pilot has the controls. Type 'new NAME' to register one, 'help' for more.\n");
}

}  // namespace hearth::sample_game

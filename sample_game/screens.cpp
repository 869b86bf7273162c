#include "sample_game/screens.h"

#include <algorithm>

#include <fmt/core.h>

#include "sample_game/text.h"
#include "sample_game/trade.h"
#include "sample_game/travel.h"

namespace hearth::sample_game {

namespace {

// The value of `key` in a flat JSON object written by the engine (a string without its quotes,
// or a number); "" when absent. Enough for the log: the game has no JSON library of its own.
std::string field(const std::string& payload, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  const std::size_t at = payload.find(needle);
  if (at == std::string::npos) return "";
  std::size_t from = at + needle.size();
  if (from < payload.size() && payload[from] == '"') {
    const std::size_t end = payload.find('"', from + 1);
    return payload.substr(from + 1, end - from - 1);
  }
  std::size_t end = from;
  while (end < payload.size() && payload[end] != ',' && payload[end] != '}') ++end;
  return payload.substr(from, end - from);
}

std::string sector_name(Session& session, const std::string& id) {
  const auto sector = session.galaxy.sector(std::stoll(id.empty() ? "0" : id));
  return sector ? sector->name : id;
}

// One journal entry in words; "" for entries the log leaves out.
std::string describe(Session& session, const Pilot& pilot, const Event& event) {
  const std::string& p = event.payload;
  const std::string& type = event.type;
  if (type == "player.created") return "Registered as a pilot.";
  if (type == "onboarding.started") {
    return fmt::format("Stopped at the gate by {} {}.", field(p, "guard_title"),
                       field(p, "guard_name"));
  }
  if (type == "onboarding.ship_claimed") {
    return fmt::format("Claimed the {}.", title_case(field(p, "ship")));
  }
  if (type == "onboarding.decided") {
    return fmt::format("Negotiation decided: {} ({}).", field(p, "outcome"), field(p, "reason"));
  }
  if (type == "onboarding.completed") {
    return fmt::format("Handed the {} and {} credits.", title_case(field(p, "ship_type")),
                       field(p, "credits"));
  }
  if (type == "ledger.transferred") {
    const bool in = field(p, "to_user") == pilot.id;
    return fmt::format("Credits {}{} ({}).", in ? "+" : "-", field(p, "amount"), field(p, "type"));
  }
  if (type == "ledger.reversed") return fmt::format("Payment of {} refunded.", field(p, "amount"));
  if (type == "inventory.added" || type == "inventory.removed") {
    return fmt::format("Cargo {}{} {} ({}).", type == "inventory.added" ? "+" : "-",
                       field(p, "quantity"), field(p, "name"), field(p, "type"));
  }
  if (type == "reputation.changed") {
    return fmt::format("{} standing {} -> {}: {}.", faction_name(session, field(p, "faction")),
                       field(p, "old"), field(p, "new"), field(p, "reason"));
  }
  if (type == "reputation.decayed") {
    return fmt::format("{} standing decayed {} -> {} after {} idle days.",
                       faction_name(session, field(p, "faction")), field(p, "old"), field(p, "new"),
                       field(p, "days_idle"));
  }
  if (type == "reputation.tier_changed") {
    return fmt::format("{} tier now {}.", faction_name(session, field(p, "faction")),
                       field(p, "new_title"));
  }
  if (type == "location.moved" || type == "galaxy.moved") {
    return fmt::format("Warped {} -> {} ({} turns).", sector_name(session, field(p, "from")),
                       sector_name(session, field(p, "to")), field(p, "turns"));
  }
  if (type == "location.docked" || type == "galaxy.docked") return "Docked.";
  if (type == "location.undocked" || type == "galaxy.undocked") return "Undocked.";
  if (type == "effect.expired") return fmt::format("Effect '{}' expired.", field(p, "key"));
  if (type == "cooldown.expired") return fmt::format("Cooldown '{}' is over.", field(p, "key"));
  if (type == "rank.promoted") return fmt::format("Promoted: {}.", p);
  if (type == "rank.points_awarded") return fmt::format("+{} rank points.", field(p, "points"));
  if (type == "onboarding.answered" || type == "turns.granted") return "";
  return fmt::format("{} {}", type, p);
}

}  // namespace

void show_status(Session& session, const Pilot& pilot) {
  const auto player = session.game.players().find(pilot.id);
  const auto budget = session.game.turns().budget(pilot.id);
  const auto rank = session.game.ranks().rank(pilot.id);
  const auto sector = session.galaxy.sector(pilot.sector);
  fmt::print("Pilot {} - {}, {} rank points - {}\n", player->username, rank->name, rank->points,
             format_time(session.game.now()));
  fmt::print("  Credits   {}\n", session.game.ledger().credits(pilot.id));
  if (budget->next_turn_at == 0) {
    fmt::print("  Turns     {}/{} (full)\n", budget->available, budget->cap);
  } else {
    fmt::print("  Turns     {}/{}, next turn in {}, full in {}\n", budget->available, budget->cap,
               format_duration(Duration(budget->next_turn_at - session.game.now())),
               format_duration(Duration(budget->full_at - session.game.now())));
  }
  fmt::print("  Ship      {}, hold {}/{}\n", title_case(pilot.ship), cargo_used(session, pilot),
             pilot.capacity);
  std::string where = fmt::format("sector {}, {}", sector->id, sector->name);
  if (pilot.docked) where += ", docked at " + session.galaxy.station_in(pilot.sector)->name;
  fmt::print("  Location  {}\n", where);
  const auto boosted = session.game.timers().effect(pilot.id, kBoostEffect);
  fmt::print("  Boost     {}\n",
             boosted ? "warps at half cost, " + format_duration(boosted->remaining) + " left"
                     : std::string("off"));
  const Duration supply_in = session.game.timers().cooldown_remaining(pilot.id, kSupplyCooldown);
  fmt::print("  Supply    {}\n", supply_in > Duration()
                                     ? "next drop in " + format_duration(supply_in)
                                     : std::string("ready"));
}

void show_standings(Session& session, const Pilot& pilot) {
  fmt::print("  {:<26} {:>5}  {:<13} {:<13} {}\n", "faction", "value", "tier", "title", "prices");
  for (const Standing& standing : session.game.reputation().standings(pilot.id)) {
    fmt::print("  {:<26} {:>5}  {:<13} {:<13} x{:.2f}\n", standing.faction_name, standing.value,
               standing.level, standing.title, standing.price_multiplier);
  }
}

void show_cargo(Session& session, const Pilot& pilot) {
  const auto stacks = session.game.inventory().stacks(pilot.id);
  fmt::print("Hold of your {}: {}/{} units.\n", title_case(pilot.ship), cargo_used(session, pilot),
             pilot.capacity);
  if (stacks.empty()) fmt::print("  (empty)\n");
  for (const Stack& stack : stacks) fmt::print("  {:<12} {:>5}\n", stack.name, stack.quantity);
}

void show_log(Session& session, const Pilot& pilot) {
  // The journal lists a catch-up rule by rule; a pilot reads the log in time order.
  std::vector<Event> events = session.game.events_about(pilot.id, 15);
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  for (const Event& event : events) {
    const std::string text = describe(session, pilot, event);
    if (!text.empty()) fmt::print("  {}  {}\n", format_time(event.at), text);
  }
}

void show_pilots(Session& session) {
  const auto players = session.game.players().list();
  if (players.empty()) fmt::print("No pilots yet: 'new NAME' registers one.\n");
  for (const PlayerView& player : players) {
    const auto pilot = session.galaxy.pilot(player.id);
    const auto sector = session.galaxy.sector(pilot ? pilot->sector : 1);
    fmt::print("{} {:<16} {:>7} credits  {:<16} {}\n", player.id == session.pilot ? "*" : " ",
               player.username, player.credits, sector->name,
               player.needs_first_login ? "(at the shipyard gate)" : title_case(pilot->ship));
  }
}

}  // namespace hearth::sample_game

#include "sample_game/travel.h"

#include <fmt/core.h>

#include "sample_game/text.h"

#include "hearth/world/locations.h"

namespace hearth::sample_game {

namespace {

std::optional<Sector> find_sector(Session& session, const std::string& target) {
  const std::int64_t number = parse_quantity(target, 1000000);
  return number > 0 ? session.galaxy.sector(number) : session.galaxy.sector_named(target);
}

void describe_arrival(Session& session, const Sector& sector) {
  print_wrapped(sector.description, 2);
  if (const auto station = session.galaxy.station_in(sector.id)) {
    fmt::print("  {} ({}) is here: 'dock' to trade.\n", station->name,
               faction_name(session, station->faction));
  }
}

}  // namespace

std::string faction_name(Session& session, const std::string& faction) {
  const auto standing = session.game.reputation().standing(session.pilot, faction);
  return standing ? standing->faction_name : faction;
}

std::int64_t warp_cost(Session& session, const Pilot& pilot, std::int64_t turns) {
  const bool boosted = session.game.timers().effect(pilot.id, kBoostEffect).has_value();
  return boosted ? (turns + 1) / 2 : turns;
}

void show_map(Session& session, const Pilot& pilot) {
  const auto here = session.galaxy.sector(pilot.sector);
  fmt::print("Sector {}: {}\n", here->id, here->name);
  print_wrapped(here->description, 2);
  if (const auto station = session.galaxy.station_in(pilot.sector)) {
    fmt::print("  Station: {} ({}){}\n", station->name, faction_name(session, station->faction),
               pilot.docked ? ", docked" : "");
  }
  fmt::print("Warps:\n");
  for (const Warp& warp : session.galaxy.warps_from(pilot.sector)) {
    fmt::print("  {} {:<16} {} turns{}\n", warp.to, warp.to_name,
               warp_cost(session, pilot, warp.turns), warp.has_station ? "  [station]" : "");
  }
}

void move(Session& session, const Pilot& pilot, const std::string& target) {
  const auto to = find_sector(session, target);
  if (!to) {
    fmt::print("No such sector: '{}'. 'map' lists the warps from here.\n", target);
    return;
  }
  const auto here = session.galaxy.sector(pilot.sector);
  if (to->id == pilot.sector) {
    fmt::print("You are already in {}.\n", here->name);
    return;
  }
  if (pilot.docked) {
    fmt::print("You are docked: 'undock' first.\n");
    return;
  }
  std::optional<Warp> warp;
  for (const Warp& candidate : session.galaxy.warps_from(pilot.sector)) {
    if (candidate.to == to->id) warp = candidate;
  }
  if (!warp) {
    fmt::print("No warp leads from {} to {}: 'map' lists the warps from here.\n", here->name,
               to->name);
    return;
  }
  const std::int64_t cost = warp_cost(session, pilot, warp->turns);
  const auto moved = session.galaxy.move_pilot(pilot.id, to->id, cost);
  if (!moved) {
    fmt::print("{}\n", moved.detail());
    return;
  }
  const bool first_visit = *moved;
  fmt::print("You warp to {} ({}) for {} turns.\n", to->name, to->id, cost);
  describe_arrival(session, *to);
  if (first_visit) {
    // Charting a new sector earns rank points (the engine's military ranks).
    (void)session.game.ranks().record(pilot.id, {.sectors_visited = 1});
    if (session.game.ranks().award(pilot.id, RankReason::Exploration, 1)) {
      fmt::print("  A new sector for your charts: +{} rank points.\n",
                 Ranks::points_for(session.game.rules().ranks, RankReason::Exploration, 1));
    }
  }
}

void dock(Session& session, const Pilot& pilot) {
  const auto station = session.galaxy.station_in(pilot.sector);
  if (!station) {
    fmt::print("There is no station in this sector: 'map' marks the sectors that have one.\n");
    return;
  }
  if (pilot.docked) {
    fmt::print("You are already docked at {}.\n", station->name);
    return;
  }
  const Outcome docked = session.game.locations().dock(pilot.id, station->place);
  if (!docked) {
    fmt::print("{}\n", docked.detail());
    return;
  }
  fmt::print("Docked at {} ({}) for {} turn. 'market' shows its prices.\n", station->name,
             faction_name(session, station->faction), session.game.rules().locations.dock_turns);
}

void undock(Session& session, const Pilot& pilot) {
  if (!pilot.docked) {
    fmt::print("You are not docked.\n");
    return;
  }
  const Outcome undocked = session.game.locations().undock(pilot.id);
  if (!undocked) {
    fmt::print("{}\n", undocked.detail());
    return;
  }
  fmt::print("Undocked from {} for {} turn.\n", session.galaxy.station_in(pilot.sector)->name,
             session.game.rules().locations.undock_turns);
}

void boost(Session& session, const Pilot& pilot) {
  if (const auto running = session.game.timers().effect(pilot.id, kBoostEffect)) {
    fmt::print("The fuel boost is already running: {} left.\n",
               format_duration(running->remaining));
    return;
  }
  const auto fuel = session.game.inventory().item_named("Fuel Cell");
  const auto used = session.game.inventory().remove({.user_id = pilot.id,
                                                     .item = fuel->id,
                                                     .quantity = 1,
                                                     .type = "USE",
                                                     .description = "Burned for a fuel boost"});
  if (!used) {
    fmt::print("You have no Fuel Cell: buy one at a market or collect the 'supply' drop.\n");
    return;
  }
  const Outcome applied = session.game.timers().apply_effect(pilot.id, kBoostEffect, kBoostDuration,
                                                             R"({"warp_cost":0.5})");
  if (!applied) {
    fmt::print("{}\n", applied.detail());
    return;
  }
  fmt::print("You burn a Fuel Cell: warps cost half their turns for {}.\n",
             format_duration(kBoostDuration));
}

}  // namespace hearth::sample_game

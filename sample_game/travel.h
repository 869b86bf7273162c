// Travel: the map, warping between sectors, docking, and the fuel boost. Every move spends turns
// (the engine's turn budget); the boost is a timed effect (the engine's timers).
#pragma once

#include <string>
#include <vector>

#include "sample_game/session.h"

namespace hearth::sample_game {

// The effect key of the fuel boost and how long it lasts.
constexpr const char* kBoostEffect = "fuel_boost";
constexpr Duration kBoostDuration = Duration::hours(2);

// `map`: this sector, its station, and the warps out with their turn costs.
void show_map(Session& session, const Pilot& pilot);

// `move SECTOR` (a number or a name): warps to a linked sector.
void move(Session& session, const Pilot& pilot, const std::string& target);

// `dock` and `undock`: one turn each.
void dock(Session& session, const Pilot& pilot);
void undock(Session& session, const Pilot& pilot);

// `boost`: burns a Fuel Cell from the cargo to halve warp costs for two hours.
void boost(Session& session, const Pilot& pilot);

// The turns a warp costs the pilot now (halved, rounded up, while the boost runs).
std::int64_t warp_cost(Session& session, const Pilot& pilot, std::int64_t turns);

// The faction's display name, e.g. "Terran Federation".
std::string faction_name(Session& session, const std::string& faction);

}  // namespace hearth::sample_game

// Locations: the places the engine knows (regions, sectors, the stations a player docks at, the
// planets a player lands on) and where each player is among them.
//
// The engine keeps only what it checks: a sector's number, name and region; a station's or a
// planet's sector and name; a station's faction and the standing it asks for. Everything else
// about a place (warp lanes, descriptions, markets) is the game's own data: a game checks it
// before it calls move(), or groups its own check and the move with Game::atomically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

struct RegionView {
  RegionId id;
  std::string name;

  bool operator==(const RegionView&) const = default;
};

struct SectorView {
  std::int64_t number = 0;  // sector 1 exists in every game: where new players start
  std::string name;         // "" when the game has not named it
  RegionId region;          // the region's id; "" when in none

  bool operator==(const SectorView&) const = default;
};

struct StationView {
  StationId id;
  std::int64_t sector = 0;
  std::string name;
  std::string faction;  // the faction's code; "" for a station of no faction
  // Docking needs a standing with `faction` of at least this (-800..800; 0 with no faction).
  std::int64_t reputation_threshold = 0;

  bool operator==(const StationView&) const = default;
};

struct PlanetView {
  PlanetId id;
  std::int64_t sector = 0;
  std::string name;

  bool operator==(const PlanetView&) const = default;
};

// Where a player is. A player is in exactly one sector, and there at most one of: docked at a
// station, landed on a planet.
struct Location {
  std::int64_t sector = 1;
  RegionId region;    // the current sector's region; "" when in none
  StationId station;  // the station docked at; "" when not docked
  PlanetId planet;    // the planet landed on; "" when not landed
  std::int64_t home_sector = 1;
  RegionId home_region;  // the home sector's region; "" when in none
  bool galactic_citizen = false;

  bool operator==(const Location&) const = default;
};

// The event types locations journals (payloads: docs/rules.md).
struct LocationEvents {
  static constexpr std::string_view kCitizenshipGranted = "location.citizenship_granted";
  static constexpr std::string_view kCitizenshipRevoked = "location.citizenship_revoked";
  static constexpr std::string_view kDocked = "location.docked";
  static constexpr std::string_view kHomeChanged = "location.home_changed";
  static constexpr std::string_view kLanded = "location.landed";
  static constexpr std::string_view kMoved = "location.moved";
  static constexpr std::string_view kPlanetAdded = "location.planet_added";
  static constexpr std::string_view kRegionAdded = "location.region_added";
  static constexpr std::string_view kSectorDefined = "location.sector_defined";
  static constexpr std::string_view kStationAdded = "location.station_added";
  static constexpr std::string_view kTookOff = "location.took_off";
  static constexpr std::string_view kUndocked = "location.undocked";
};

// Obtain it from Game::locations().
class Locations {
 public:
  explicit Locations(Core& core) : core_(core) {}

  // The map ---------------------------------------------------------------------------------------

  // Adds a region. Refuses a name of 1 to 100 characters taken (regardless of case) or of the
  // wrong length.
  Result<RegionView> add_region(const std::string& name);

  // Creates sector `number` (≥ 1), or renames and re-regions it when it exists (sector 1 always
  // does). Players there keep their place; their current region follows the sector's. Refuses a
  // number below 1, a name over 100 characters, an unknown region ("" for none).
  Result<SectorView> define_sector(std::int64_t number, const std::string& name,
                                   const RegionId& region = {});

  // Adds a station in `sector`. Refuses an unknown sector or faction, a name not of 1 to 100
  // characters, a threshold outside -800..800 or, with no faction, other than 0.
  Result<StationView> add_station(std::int64_t sector, const std::string& name,
                                  const std::string& faction = "",
                                  std::int64_t reputation_threshold = 0);

  // Adds a planet in `sector`. Refuses an unknown sector, a name not of 1 to 100 characters.
  Result<PlanetView> add_planet(std::int64_t sector, const std::string& name);

  std::optional<SectorView> sector(std::int64_t number) const;
  std::optional<RegionView> region(const RegionId& id) const;
  std::optional<StationView> station(const StationId& id) const;
  std::optional<PlanetView> planet(const PlanetId& id) const;
  // The stations and planets of a sector, by name.
  std::vector<StationView> stations_in(std::int64_t sector) const;
  std::vector<PlanetView> planets_in(std::int64_t sector) const;

  // Players ---------------------------------------------------------------------------------------

  // Where `player` is; nullopt for an unknown or deleted player.
  std::optional<Location> where(const PlayerId& player) const;

  // The players (not deleted) in `sector`, by id.
  std::vector<std::string> players_in(std::int64_t sector) const;

  // Moves `player` (and its ship) to `sector`, spending `turns` (≥ 0) with the move: the game's
  // cost of the lane it checked. Journals "location.moved" {from, to, turns}. Refuses an unknown
  // sector, the sector the player is in, a player docked ("undock first") or landed ("take off
  // first"), a negative cost, too few turns.
  Outcome move(const PlayerId& player, std::int64_t sector, std::int64_t turns = 0);

  // Docks at a station of the player's sector for Rules::locations.dock_turns. Journals
  // "location.docked" {station}. Refuses an unknown station, one in another sector, a player
  // already docked or landed, a standing with the station's faction below its threshold, too few
  // turns.
  Outcome dock(const PlayerId& player, const StationId& station);

  // Leaves the station for Rules::locations.undock_turns. Journals "location.undocked"
  // {station}. Refuses a player not docked, too few turns.
  Outcome undock(const PlayerId& player);

  // Lands on a planet of the player's sector. Journals "location.landed" {planet}. Refuses an
  // unknown planet, one in another sector, a player docked or already landed.
  Outcome land(const PlayerId& player, const PlanetId& planet);

  // Leaves the planet. Journals "location.took_off" {planet}. Refuses a player not landed.
  Outcome take_off(const PlayerId& player);

  // Makes `sector` the player's home (and its region the home region). Journals
  // "location.home_changed" {from, to}. Refuses an unknown sector, the current home.
  Outcome set_home(const PlayerId& player, std::int64_t sector);

  // Grants or revokes galactic citizenship. Journals "location.citizenship_granted" or
  // "location.citizenship_revoked". Refuses granting it twice or revoking what is not held.
  Outcome set_galactic_citizen(const PlayerId& player, bool citizen);

 private:
  Core& core_;
};

}  // namespace hearth

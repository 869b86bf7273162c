#include "hearth/world/locations.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/turns_internal.h"
#include "engine/standing/reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

Locations Game::locations() { return Locations(*core_); }

namespace {

constexpr std::int64_t kMaxNameLength = 100;

std::optional<SectorView> load_sector(Reader& reader, std::int64_t number) {
  Query query(reader, "SELECT ifnull(name, ''), ifnull(region_id, '') FROM sectors WHERE id = ?",
              number);
  if (!query.step()) return std::nullopt;
  SectorView sector{number, query.text(0), query.text(1)};
  return sector;
}

std::optional<RegionView> load_region(Reader& reader, const RegionId& id) {
  Query query(reader, "SELECT name FROM regions WHERE id = ?", id);
  if (!query.step()) return std::nullopt;
  RegionView region{id, query.text(0)};
  return region;
}

constexpr const char* kStationColumns =
    "SELECT s.id, s.sector_id, s.name, ifnull(f.code, ''), s.reputation_threshold, "
    "ifnull(s.faction_id, '') FROM stations s LEFT JOIN factions f ON f.id = s.faction_id ";

StationView station_from(Query& query) {
  return {query.text(0), query.integer(1), query.text(2), query.text(3), query.integer(4)};
}

// A station and its faction's id ("" for none).
struct Station {
  StationView view;
  std::string faction_id;
};

std::optional<Station> load_station(Reader& reader, const StationId& id) {
  Query query(reader, std::string(kStationColumns) + "WHERE s.id = ?", id);
  if (!query.step()) return std::nullopt;
  Station station{station_from(query), query.text(5)};
  return station;
}

std::optional<PlanetView> load_planet(Reader& reader, const PlanetId& id) {
  Query query(reader, "SELECT sector_id, name FROM planets WHERE id = ?", id);
  if (!query.step()) return std::nullopt;
  PlanetView planet{id, query.integer(0), query.text(1)};
  return planet;
}

std::optional<Location> load_location(Reader& reader, const PlayerId& player) {
  Query query(
      reader,
      "SELECT p.current_sector_id, ifnull(p.current_region_id, ''), ifnull(p.current_port_id, ''), "
      "ifnull(p.current_planet_id, ''), p.home_sector_id, ifnull(p.home_region_id, ''), "
      "p.is_galactic_citizen FROM players p JOIN users u ON u.id = p.id "
      "WHERE p.id = ? AND u.deleted_at IS NULL",
      player);
  if (!query.step()) return std::nullopt;
  Location location{query.integer(0), query.text(1), query.text(2),        query.text(3),
                    query.integer(4), query.text(5), query.integer(6) != 0};
  return location;
}

// The location of an active player, or the refusal saying why there is none.
// Where `player` is, for a command of the player's own (it needs "play"), or of the game's
// (`privilege` empty: the player need only exist and not be deleted).
Result<Location> active_location(Command& command, const PlayerId& player,
                                 std::string_view privilege = "play") {
  Outcome may = privilege.empty() ? players::check_active(command, player)
                                  : access::require(command, player, privilege);
  if (!may) return may;
  return *load_location(command, player);
}

Outcome unknown_sector(std::int64_t number) {
  return Outcome::refused(Refusal::NotFound, fmt::format("There is no sector {}.", number));
}

Outcome check_name(std::string_view what, const std::string& name) {
  return text::check(what, name, 1, kMaxNameLength);
}

// Spends `cost` turns when it is positive.
Outcome pay_turns(Command& command, const PlayerId& player, std::int64_t cost) {
  return cost > 0 ? turns::spend(command, player, cost) : Outcome{};
}

void set_port(Command& command, const PlayerId& player, const StationId& station) {
  Query update(
      command,
      "UPDATE players SET is_docked = ?1 <> '', current_port_id = NULLIF(?1, ''), updated_at = ?2 "
      "WHERE id = ?3",
      station, command.now(), player);
  update.exec();
}

void set_planet(Command& command, const PlayerId& player, const PlanetId& planet) {
  Query update(command,
               "UPDATE players SET is_landed = ?1 <> '', current_planet_id = NULLIF(?1, ''), "
               "updated_at = ?2 WHERE id = ?3",
               planet, command.now(), player);
  update.exec();
}

}  // namespace

// The map ---------------------------------------------------------------------------------------

Result<RegionView> Locations::add_region(const std::string& name) {
  return core_.run([&](Command& command) -> Result<RegionView> {
    if (Outcome valid = check_name("A region's name", name); !valid) return valid;
    Query taken(command, "SELECT 1 FROM regions WHERE name = ?", name);
    const bool exists = taken.step();
    taken.reset();
    if (exists) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The region name '{}' is taken.", name));
    }
    RegionView region{command.new_uuid(), name};
    Query insert(command,
                 "INSERT INTO regions (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                 region.id, name, command.now());
    insert.exec();
    command.emit(LocationEvents::kRegionAdded, "", region.id, Payload().add("name", name).str());
    return region;
  });
}

Result<SectorView> Locations::define_sector(std::int64_t number, const std::string& name,
                                            const RegionId& region) {
  return core_.run([&](Command& command) -> Result<SectorView> {
    if (number < 1) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A sector number is 1 or more, not {}.", number));
    }
    if (Outcome valid = text::check_optional("A sector's name", name, kMaxNameLength); !valid) {
      return valid;
    }
    if (!region.empty() && !load_region(command, region)) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no region '{}'.", region));
    }
    Query upsert(
        command,
        "INSERT INTO sectors (id, name, region_id, created_at, updated_at) "
        "VALUES (?1, NULLIF(?2, ''), NULLIF(?3, ''), ?4, ?4) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_id = excluded.region_id, "
        "updated_at = excluded.updated_at",
        number, name, region, command.now());
    upsert.exec();
    // The regions of players here (or at home here) follow the sector's.
    Query current(command,
                  "UPDATE players SET current_region_id = NULLIF(?1, ''), updated_at = ?2 "
                  "WHERE current_sector_id = ?3 AND current_region_id IS NOT NULLIF(?1, '')",
                  region, command.now(), number);
    current.exec();
    Query home(command,
               "UPDATE players SET home_region_id = NULLIF(?1, ''), updated_at = ?2 "
               "WHERE home_sector_id = ?3 AND home_region_id IS NOT NULLIF(?1, '')",
               region, command.now(), number);
    home.exec();
    command.emit(LocationEvents::kSectorDefined, "", std::to_string(number),
                 Payload().add("name", name).add("region", region).str());
    return SectorView{number, name, region};
  });
}

Result<StationView> Locations::add_station(std::int64_t sector, const std::string& name,
                                           const std::string& faction,
                                           std::int64_t reputation_threshold) {
  return core_.run([&](Command& command) -> Result<StationView> {
    if (Outcome valid = check_name("A station's name", name); !valid) return valid;
    if (reputation_threshold < -800 || reputation_threshold > 800) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("A docking threshold is from -800 to 800, not {}.", reputation_threshold));
    }
    if (faction.empty() && reputation_threshold != 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A station of no faction cannot ask for a standing.");
    }
    if (!load_sector(command, sector)) return unknown_sector(sector);
    std::string faction_id;
    if (!faction.empty()) {
      Query query(command, "SELECT id FROM factions WHERE code = ?", faction);
      if (!query.step()) {
        return Outcome::refused(Refusal::NotFound,
                                fmt::format("There is no faction '{}'.", faction));
      }
      faction_id = query.text(0);
    }
    StationView station{command.new_uuid(), sector, name, faction, reputation_threshold};
    Query insert(command,
                 "INSERT INTO stations (id, sector_id, name, faction_id, reputation_threshold, "
                 "created_at, updated_at) VALUES (:station_id, :sector, :name, NULLIF(:faction_id, "
                 "''), :reputation_threshold, :now, :now)",
                 named(":station_id", station.id), named(":sector", sector), named(":name", name),
                 named(":faction_id", faction_id),
                 named(":reputation_threshold", reputation_threshold),
                 named(":now", command.now()));
    insert.exec();
    command.emit(LocationEvents::kStationAdded, "", station.id,
                 Payload().add("sector", sector).add("name", name).add("faction", faction).str());
    return station;
  });
}

Result<PlanetView> Locations::add_planet(std::int64_t sector, const std::string& name) {
  return core_.run([&](Command& command) -> Result<PlanetView> {
    if (Outcome valid = check_name("A planet's name", name); !valid) return valid;
    if (!load_sector(command, sector)) return unknown_sector(sector);
    PlanetView planet{command.new_uuid(), sector, name};
    Query insert(command,
                 "INSERT INTO planets (id, sector_id, name, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?4)",
                 planet.id, sector, name, command.now());
    insert.exec();
    command.emit(LocationEvents::kPlanetAdded, "", planet.id,
                 Payload().add("sector", sector).add("name", name).str());
    return planet;
  });
}

std::optional<SectorView> Locations::sector(std::int64_t number) const {
  return core_.read([&](Reader& reader) { return load_sector(reader, number); });
}

std::optional<RegionView> Locations::region(const RegionId& id) const {
  return core_.read([&](Reader& reader) { return load_region(reader, id); });
}

std::optional<StationView> Locations::station(const StationId& id) const {
  return core_.read([&](Reader& reader) -> std::optional<StationView> {
    const auto station = load_station(reader, id);
    if (!station) return std::nullopt;
    return station->view;
  });
}

std::optional<PlanetView> Locations::planet(const PlanetId& id) const {
  return core_.read([&](Reader& reader) { return load_planet(reader, id); });
}

std::vector<StationView> Locations::stations_in(std::int64_t sector) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, std::string(kStationColumns) + "WHERE s.sector_id = ? ORDER BY s.name",
                sector);
    std::vector<StationView> stations;
    while (query.step()) stations.push_back(station_from(query));
    return stations;
  });
}

std::vector<PlanetView> Locations::planets_in(std::int64_t sector) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, "SELECT id, name FROM planets WHERE sector_id = ? ORDER BY name", sector);
    std::vector<PlanetView> planets;
    while (query.step()) {
      planets.push_back({query.text(0), sector, query.text(1)});
    }
    return planets;
  });
}

// Players ---------------------------------------------------------------------------------------

std::optional<Location> Locations::where(const PlayerId& player) const {
  return core_.read([&](Reader& reader) { return load_location(reader, player); });
}

std::vector<std::string> Locations::players_in(std::int64_t sector) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT p.id FROM players p JOIN users u ON u.id = p.id "
                "WHERE p.current_sector_id = ? AND u.deleted_at IS NULL ORDER BY p.id",
                sector);
    std::vector<std::string> players;
    while (query.step()) players.push_back(query.text(0));
    return players;
  });
}

Outcome Locations::move(const PlayerId& player, std::int64_t sector, std::int64_t turns) {
  return core_.run([&](Command& command) -> Outcome {
    if (turns < 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A move's turn cost is 0 or more, not {}.", turns));
    }
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    const auto to = load_sector(command, sector);
    if (!to) return unknown_sector(sector);
    if (here->sector == sector) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("The player is already in sector {}.", sector));
    }
    if (!here->station.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player is docked: undock first.");
    }
    if (!here->planet.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player has landed: take off first.");
    }
    if (Outcome paid = pay_turns(command, player, turns); !paid) return paid;
    Query update(command,
                 "UPDATE players SET current_sector_id = ?1, current_region_id = NULLIF(?2, ''), "
                 "updated_at = ?3 WHERE id = ?4",
                 sector, to->region, command.now(), player);
    update.exec();
    Query ship(command,
               "UPDATE ships SET sector_id = ?1, updated_at = ?2 "
               "WHERE id = (SELECT current_ship_id FROM players WHERE id = ?3)",
               sector, command.now(), player);
    ship.exec();
    command.emit(LocationEvents::kMoved, player, player,
                 Payload().add("from", here->sector).add("to", sector).add("turns", turns).str());
    return {};
  });
}

Outcome Locations::dock(const PlayerId& player, const StationId& station) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    const auto target = load_station(command, station);
    if (!target) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no station '{}'.", station));
    }
    if (!here->station.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player is already docked.");
    }
    if (!here->planet.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player has landed: take off first.");
    }
    if (target->view.sector != here->sector) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is in sector {}; the player is in sector {}.",
                                          target->view.name, target->view.sector, here->sector));
    }
    if (!target->faction_id.empty()) {
      const std::int64_t standing = reputation::value_now(command, player, target->faction_id);
      if (standing < target->view.reputation_threshold) {
        return Outcome::refused(
            Refusal::NotAllowed,
            fmt::format("{} docks pilots with a standing of {} or more; the player has {}.",
                        target->view.name, target->view.reputation_threshold, standing));
      }
    }
    if (Outcome paid = pay_turns(command, player, command.rules().locations.dock_turns); !paid) {
      return paid;
    }
    set_port(command, player, station);
    command.emit(LocationEvents::kDocked, player, player, Payload().add("station", station).str());
    return {};
  });
}

Outcome Locations::undock(const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    if (here->station.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player is not docked.");
    }
    if (Outcome paid = pay_turns(command, player, command.rules().locations.undock_turns); !paid) {
      return paid;
    }
    set_port(command, player, "");
    command.emit(LocationEvents::kUndocked, player, player,
                 Payload().add("station", here->station).str());
    return {};
  });
}

Outcome Locations::land(const PlayerId& player, const PlanetId& planet) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    const auto target = load_planet(command, planet);
    if (!target) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no planet '{}'.", planet));
    }
    if (!here->station.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player is docked: undock first.");
    }
    if (!here->planet.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player has already landed.");
    }
    if (target->sector != here->sector) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is in sector {}; the player is in sector {}.",
                                          target->name, target->sector, here->sector));
    }
    set_planet(command, player, planet);
    command.emit(LocationEvents::kLanded, player, player, Payload().add("planet", planet).str());
    return {};
  });
}

Outcome Locations::take_off(const PlayerId& player) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    if (here->planet.empty()) {
      return Outcome::refused(Refusal::NotAllowed, "The player has not landed.");
    }
    set_planet(command, player, "");
    command.emit(LocationEvents::kTookOff, player, player,
                 Payload().add("planet", here->planet).str());
    return {};
  });
}

Outcome Locations::set_home(const PlayerId& player, std::int64_t sector) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player);
    if (!here) return here.outcome();
    const auto home = load_sector(command, sector);
    if (!home) return unknown_sector(sector);
    if (here->home_sector == sector) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("Sector {} is already the player's home.", sector));
    }
    Query update(
        command,
        "UPDATE players SET home_sector_id = ?1, home_region_id = NULLIF(?2, ''), updated_at = ?3 "
        "WHERE id = ?4",
        sector, home->region, command.now(), player);
    update.exec();
    command.emit(LocationEvents::kHomeChanged, player, player,
                 Payload().add("from", here->home_sector).add("to", sector).str());
    return {};
  });
}

Outcome Locations::set_galactic_citizen(const PlayerId& player, bool citizen) {
  return core_.run([&](Command& command) -> Outcome {
    const auto here = active_location(command, player, "");
    if (!here) return here.outcome();
    if (here->galactic_citizen == citizen) {
      return Outcome::refused(Refusal::AlreadyDone,
                              citizen ? "The player is already a galactic citizen."
                                      : "The player is not a galactic citizen.");
    }
    Query update(command,
                 "UPDATE players SET is_galactic_citizen = ?1, updated_at = ?2 WHERE id = ?3",
                 citizen ? 1 : 0, command.now(), player);
    update.exec();
    command.emit(
        citizen ? LocationEvents::kCitizenshipGranted : LocationEvents::kCitizenshipRevoked, player,
        player, "{}");
    return {};
  });
}

}  // namespace hearth

#include "sample_game/galaxy.h"

#include <fmt/core.h>

#include "hearth/world/locations.h"

namespace hearth::sample_game {

namespace {

// The game's first migration: its tables and the static galaxy. Commodities are the engine's
// items (so cargo is an inventory); their price column stays NULL because stations set prices.
constexpr const char* kGalaxySql = R"sql(
CREATE TABLE galaxy_sectors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL
);

CREATE TABLE galaxy_warps (
  from_sector INTEGER NOT NULL REFERENCES galaxy_sectors (id),
  to_sector INTEGER NOT NULL REFERENCES galaxy_sectors (id),
  turns INTEGER NOT NULL CHECK (turns > 0),
  PRIMARY KEY (from_sector, to_sector)
);

CREATE TABLE galaxy_stations (
  id INTEGER PRIMARY KEY,
  sector INTEGER NOT NULL UNIQUE REFERENCES galaxy_sectors (id),
  name TEXT NOT NULL,
  faction TEXT NOT NULL REFERENCES factions (code)
);

-- What each station sells to pilots (sells_at) and buys from them (buys_at); 0: not traded.
CREATE TABLE galaxy_market (
  station INTEGER NOT NULL REFERENCES galaxy_stations (id),
  item TEXT NOT NULL,
  sells_at INTEGER NOT NULL CHECK (sells_at >= 0),
  buys_at INTEGER NOT NULL CHECK (buys_at >= 0),
  PRIMARY KEY (station, item)
);

-- Trading with a faction displeases its rival (both directions are listed).
CREATE TABLE galaxy_rivals (
  faction TEXT PRIMARY KEY REFERENCES factions (code),
  rival TEXT NOT NULL REFERENCES factions (code)
);

CREATE TABLE galaxy_ships (
  ship_type TEXT PRIMARY KEY,
  capacity INTEGER NOT NULL CHECK (capacity > 0)
);

CREATE TABLE pilots (
  player_id TEXT PRIMARY KEY REFERENCES users (id),
  sector INTEGER NOT NULL REFERENCES galaxy_sectors (id),
  docked INTEGER NOT NULL DEFAULT 0 CHECK (docked IN (0, 1)),
  ship_type TEXT NOT NULL REFERENCES galaxy_ships (ship_type)
);

CREATE TABLE pilot_visits (
  player_id TEXT NOT NULL REFERENCES pilots (player_id),
  sector INTEGER NOT NULL REFERENCES galaxy_sectors (id),
  PRIMARY KEY (player_id, sector)
);

-- One row: the save's own state.
CREATE TABLE save_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  clock_offset_ms INTEGER NOT NULL DEFAULT 0,
  active_pilot TEXT
);
INSERT INTO save_state (id) VALUES (1);

INSERT INTO galaxy_sectors (id, name, description) VALUES
  (1, 'Sol', 'Home. Callisto Shipyard turns slowly above Jupiter.'),
  (2, 'Alpha Centauri', 'Three suns and the busiest exchange in known space.'),
  (3, 'Barnard''s Star', 'A dim red dwarf. Dust, ice, and nobody asking questions.'),
  (4, 'Wolf 359', 'A flare star where the Fringe keeps its freeport.'),
  (5, 'Tau Ceti', 'Frontier farms under a quiet sun.'),
  (6, 'Epsilon Eridani', 'A young system still wrapped in its debris rings.'),
  (7, 'Ross 128', 'Mining rigs chew through the asteroid belt day and night.'),
  (8, 'Sirius', 'A blue-white glare that washes out every sensor.');

INSERT INTO galaxy_warps (from_sector, to_sector, turns)
WITH links (a, b, turns) AS (VALUES
  (1, 2, 3), (1, 3, 2), (2, 3, 2), (2, 5, 4), (3, 4, 3), (4, 6, 3),
  (5, 6, 2), (5, 7, 3), (6, 8, 4), (7, 8, 2), (4, 8, 5))
SELECT a, b, turns FROM links UNION ALL SELECT b, a, turns FROM links;

INSERT INTO galaxy_stations (id, sector, name, faction) VALUES
  (1, 1, 'Callisto Shipyard', 'terran_federation'),
  (2, 2, 'Centauri Exchange', 'mercantile_guild'),
  (3, 4, 'Wolf Freeport', 'fringe_alliance'),
  (4, 5, 'Tau Ceti Colony', 'frontier_coalition'),
  (5, 7, 'Ross Ore Works', 'astral_mining_consortium');

INSERT INTO items (name, type, description) VALUES
  ('Food', 'COMMODITY', 'Grain, protein and coffee: everyone eats.'),
  ('Ore', 'COMMODITY', 'Unrefined metal from the belts.'),
  ('Fuel Cell', 'COMMODITY', 'Burn one with `boost` to halve warp costs for two hours.'),
  ('Medicine', 'COMMODITY', 'Vaccines and med-gel, always short on the frontier.'),
  ('Electronics', 'COMMODITY', 'Chips and sensor parts from the core worlds.');

INSERT INTO galaxy_market (station, item, sells_at, buys_at) VALUES
  (1, 'Food', 20, 0), (1, 'Fuel Cell', 60, 0), (1, 'Electronics', 140, 0),
  (1, 'Ore', 0, 45), (1, 'Medicine', 0, 110),
  (2, 'Electronics', 120, 0), (2, 'Medicine', 90, 0),
  (2, 'Food', 0, 32), (2, 'Ore', 0, 50), (2, 'Fuel Cell', 0, 75),
  (3, 'Medicine', 70, 0), (3, 'Ore', 25, 0), (3, 'Electronics', 0, 190), (3, 'Food', 0, 40),
  (4, 'Ore', 22, 0), (4, 'Food', 18, 0),
  (4, 'Medicine', 0, 130), (4, 'Electronics', 0, 170), (4, 'Fuel Cell', 0, 80),
  (5, 'Ore', 18, 0), (5, 'Fuel Cell', 50, 0), (5, 'Food', 0, 35), (5, 'Medicine', 0, 120);

INSERT INTO galaxy_rivals (faction, rival) VALUES
  ('terran_federation', 'fringe_alliance'), ('fringe_alliance', 'terran_federation'),
  ('mercantile_guild', 'shadow_syndicate'), ('shadow_syndicate', 'mercantile_guild'),
  ('frontier_coalition', 'astral_mining_consortium'),
  ('astral_mining_consortium', 'frontier_coalition');

INSERT INTO galaxy_ships (ship_type, capacity) VALUES
  ('ESCAPE_POD', 10), ('LIGHT_FREIGHTER', 60), ('SCOUT_SHIP', 25), ('FAST_COURIER', 30),
  ('CARGO_HAULER', 120), ('DEFENDER', 40), ('COLONY_SHIP', 150), ('CARRIER', 200);
)sql";

// 0004: the credits each pilot traded with each faction per game day (standing from trade grows
// with value, up to a daily limit).
constexpr const char* kTradeDaysSql = R"sql(
CREATE TABLE pilot_trade_days (
  player_id TEXT NOT NULL REFERENCES pilots (player_id),
  faction TEXT NOT NULL REFERENCES factions (code),
  day INTEGER NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (player_id, faction, day)
);
)sql";

// 0003: the engine keeps where pilots are. The positions of an older save wait in a table of
// their own until define_places() hands them over.
constexpr const char* kPlacesSql = R"sql(
CREATE TABLE pilot_positions_to_hand_over AS SELECT player_id, sector FROM pilots;
ALTER TABLE pilots DROP COLUMN docked;
ALTER TABLE pilots DROP COLUMN sector;
ALTER TABLE save_state ADD COLUMN places_defined INTEGER NOT NULL DEFAULT 0
  CHECK (places_defined IN (0, 1));
)sql";

}  // namespace

std::vector<GameMigration> Galaxy::migrations() {
  // 0002: game time moved into the engine's save (Game::skip), so the game keeps no clock offset.
  return {{"0001_galaxy.sql", kGalaxySql},
          {"0002_no_clock_offset.sql", "ALTER TABLE save_state DROP COLUMN clock_offset_ms;"},
          {"0003_engine_keeps_positions.sql", kPlacesSql},
          {"0004_trade_days.sql", kTradeDaysSql}};
}

void Galaxy::define_places() {
  CustomTables tables = game_.custom_tables();
  if (tables.query("SELECT places_defined FROM save_state")[0].integer(0) == 1) return;
  Locations places = game_.locations();
  // One group: the whole map and every hand-over, or nothing.
  const Outcome defined = game_.atomically([&]() -> Outcome {
    for (const SqlRow& row : tables.query("SELECT id, name FROM galaxy_sectors ORDER BY id")) {
      if (auto sector = places.define_sector(row.integer(0), row.text(1)); !sector) {
        return sector.outcome();
      }
    }
    for (const SqlRow& row :
         tables.query("SELECT sector, name, faction FROM galaxy_stations ORDER BY id")) {
      if (auto station = places.add_station(row.integer(0), row.text(1), row.text(2)); !station) {
        return station.outcome();
      }
    }
    for (const SqlRow& row : tables.query(
             "SELECT player_id, sector FROM pilot_positions_to_hand_over WHERE sector <> 1")) {
      (void)places.move(row.text(0), row.integer(1));  // a deleted player stays where it was
    }
    tables.execute_all({{"DELETE FROM pilot_positions_to_hand_over", {}},
                        {"UPDATE save_state SET places_defined = 1", {}}});
    return {};
  });
  if (!defined) {
    throw Error(ErrorKind::CorruptData, "The galaxy's places were refused: " + defined.detail());
  }
}

std::optional<Sector> Galaxy::sector(std::int64_t id) const {
  const auto rows = game_.custom_tables().query(
      "SELECT id, name, description FROM galaxy_sectors WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return Sector{rows[0].integer(0), rows[0].text(1), rows[0].text(2)};
}

std::optional<Sector> Galaxy::sector_named(const std::string& name) const {
  const auto rows = game_.custom_tables().query(
      "SELECT id, name, description FROM galaxy_sectors WHERE name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return Sector{rows[0].integer(0), rows[0].text(1), rows[0].text(2)};
}

std::vector<Warp> Galaxy::warps_from(std::int64_t sector) const {
  std::vector<Warp> warps;
  for (const SqlRow& row : game_.custom_tables().query(
           "SELECT w.to_sector, s.name, w.turns, st.id IS NOT NULL FROM galaxy_warps w "
           "JOIN galaxy_sectors s ON s.id = w.to_sector "
           "LEFT JOIN galaxy_stations st ON st.sector = w.to_sector "
           "WHERE w.from_sector = ? ORDER BY w.to_sector",
           {sector})) {
    warps.push_back({row.integer(0), row.text(1), row.integer(2), row.integer(3) != 0});
  }
  return warps;
}

std::optional<Station> Galaxy::station_in(std::int64_t sector) const {
  const auto rows = game_.custom_tables().query(
      "SELECT id, sector, name, faction FROM galaxy_stations WHERE sector = ?", {sector});
  if (rows.empty()) return std::nullopt;
  Station station{.id = rows[0].integer(0),
                  .sector = rows[0].integer(1),
                  .name = rows[0].text(2),
                  .faction = rows[0].text(3)};
  for (const StationView& place : game_.locations().stations_in(sector)) {
    if (place.name == station.name) station.place = place.id;
  }
  return station;
}

std::vector<MarketLine> Galaxy::market(std::int64_t station) const {
  std::vector<MarketLine> lines;
  for (const SqlRow& row : game_.custom_tables().query(
           "SELECT item, sells_at, buys_at FROM galaxy_market WHERE station = ? ORDER BY item",
           {station})) {
    lines.push_back({row.text(0), row.integer(1), row.integer(2)});
  }
  return lines;
}

std::string Galaxy::rival_of(const std::string& faction) const {
  const auto rows =
      game_.custom_tables().query("SELECT rival FROM galaxy_rivals WHERE faction = ?", {faction});
  return rows.empty() ? "" : rows[0].text(0);
}

std::int64_t Galaxy::add_trade_value(const std::string& id, const std::string& faction,
                                     std::int64_t day, std::int64_t value) {
  CustomTables tables = game_.custom_tables();
  const auto rows = tables.query(
      "SELECT value FROM pilot_trade_days WHERE player_id = ? AND faction = ? AND day = ?",
      {id, faction, day});
  const std::int64_t before = rows.empty() ? 0 : rows[0].integer(0);
  tables.execute(
      "INSERT INTO pilot_trade_days (player_id, faction, day, value) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (player_id, faction, day) DO UPDATE SET value = value + excluded.value",
      {id, faction, day, value});
  return before;
}

std::vector<std::string> Galaxy::commodities() const {
  std::vector<std::string> names;
  for (const SqlRow& row :
       game_.custom_tables().query("SELECT DISTINCT item FROM galaxy_market ORDER BY item")) {
    names.push_back(row.text(0));
  }
  return names;
}

std::optional<Pilot> Galaxy::pilot(const std::string& id) const {
  const auto rows = game_.custom_tables().query(
      "SELECT p.ship_type, s.capacity FROM pilots p "
      "JOIN galaxy_ships s ON s.ship_type = p.ship_type WHERE p.player_id = ?",
      {id});
  const auto where = game_.locations().where(id);
  if (rows.empty() || !where) return std::nullopt;
  return Pilot{.id = id,
               .sector = where->sector,
               .docked = !where->station.empty(),
               .ship = rows[0].text(0),
               .capacity = rows[0].integer(1)};
}

void Galaxy::add_pilot(const std::string& id) {
  const std::int64_t sector = game_.locations().where(id)->sector;
  game_.custom_tables().execute_all(
      {{"INSERT INTO pilots (player_id, ship_type) VALUES (?, 'ESCAPE_POD')", {id}},
       {"INSERT INTO pilot_visits (player_id, sector) VALUES (?, ?)", {id, sector}}});
}

void Galaxy::set_ship(const std::string& id, const std::string& ship) {
  game_.custom_tables().execute("UPDATE pilots SET ship_type = ? WHERE player_id = ?", {ship, id});
}

Result<bool> Galaxy::move_pilot(const std::string& id, std::int64_t to, std::int64_t turns) {
  bool first_visit = false;
  const Outcome moved = game_.atomically([&]() -> Outcome {
    if (Outcome move = game_.locations().move(id, to, turns); !move) return move;
    first_visit =
        game_.custom_tables().execute(
            "INSERT OR IGNORE INTO pilot_visits (player_id, sector) VALUES (?, ?)", {id, to}) == 1;
    return {};
  });
  if (!moved) return moved;
  return first_visit;
}

std::string Galaxy::active_pilot() const {
  return game_.custom_tables().query("SELECT active_pilot FROM save_state")[0].text(0);
}

void Galaxy::set_active_pilot(const std::string& id) {
  game_.custom_tables().execute("UPDATE save_state SET active_pilot = ?", {id});
}

}  // namespace hearth::sample_game

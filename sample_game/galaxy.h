// The galaxy: sectors linked by warps, stations owned by factions, their markets, and the pilots'
// ships. It lives in the game's own tables, created by the game's migrations and read and written
// through the engine's custom tables. Where each pilot is (sector, docked or not) the engine keeps
// (Locations): the galaxy hands its sectors and stations to the engine once per save.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hearth/core/id.h"
#include "hearth/extension/custom_tables.h"
#include "hearth/game.h"

namespace hearth::sample_game {

struct Sector {
  std::int64_t id = 0;
  std::string name;
  std::string description;
};

// A warp from one sector to another and the turns it costs.
struct Warp {
  std::int64_t to = 0;
  std::string to_name;
  std::int64_t turns = 0;
  bool has_station = false;
};

struct Station {
  std::int64_t id = 0;
  StationId place;  // the engine's station id (Locations)
  std::int64_t sector = 0;
  std::string name;
  std::string faction;  // the engine's faction code, e.g. "terran_federation"
};

// What one station trades in one commodity, before the pilot's standing is applied. A price of 0
// means the station does not trade that way.
struct MarketLine {
  std::string item;           // the commodity's item name
  std::int64_t sells_at = 0;  // what a pilot pays per unit
  std::int64_t buys_at = 0;   // what a pilot is paid per unit
};

// Where a pilot is and what it flies.
struct Pilot {
  std::string id;  // the engine's player (and user) id
  std::int64_t sector = 1;
  bool docked = false;
  std::string ship = "ESCAPE_POD";
  std::int64_t capacity = 0;  // cargo units the ship holds
};

class Galaxy {
 public:
  explicit Galaxy(Game& game) : game_(game) {}

  // The game's own schema and static data, for GameOptions::migrations.
  static std::vector<GameMigration> migrations();

  // Hands the galaxy's sectors and stations to the engine's Locations, once per save, and moves
  // the pilots of a save from before the engine kept positions to where they were (undocked).
  // Call it after opening the game.
  void define_places();

  std::optional<Sector> sector(std::int64_t id) const;

  // The sector named `name` (any case).
  std::optional<Sector> sector_named(const std::string& name) const;

  std::vector<Warp> warps_from(std::int64_t sector) const;

  std::optional<Station> station_in(std::int64_t sector) const;

  std::vector<MarketLine> market(std::int64_t station) const;

  // The faction a trade with `faction` displeases; "" when it has no rival.
  std::string rival_of(const std::string& faction) const;

  // Adds `value` credits to what the pilot traded with `faction` on game day `day`; returns what
  // was traded that day before.
  std::int64_t add_trade_value(const std::string& id, const std::string& faction, std::int64_t day,
                               std::int64_t value);

  // Every commodity's item name, by name.
  std::vector<std::string> commodities() const;

  // Pilots --------------------------------------------------------------------------------------

  std::optional<Pilot> pilot(const std::string& id) const;

  // Puts a new pilot in sector 1 in an escape pod.
  void add_pilot(const std::string& id);

  void set_ship(const std::string& id, const std::string& ship);

  // Moves the pilot to `to` for `turns` (the engine journals "location.moved") and records the
  // visit; the answer is whether the sector is a first visit, or the engine's refusal.
  Result<bool> move_pilot(const std::string& id, std::int64_t to, std::int64_t turns);

  // The save --------------------------------------------------------------------------------------

  // The pilot the save was last played with ("" when none).
  std::string active_pilot() const;

  void set_active_pilot(const std::string& id);

 private:
  Game& game_;
};

}  // namespace hearth::sample_game

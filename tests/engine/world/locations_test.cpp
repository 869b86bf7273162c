// Locations: the map, moving, docking, landing, home and citizenship, with every refusal writing
// nothing, and a random sequence checked against a model of where the player must be.
#include "hearth/world/locations.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "engine/identity/players_internal.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;
using hearth::test::snapshot;

namespace {

constexpr const char* kNobody = "00000000-0000-4000-8000-000000000000";

// Sectors 1–3 (1 and 2 in the Core region), a Terran station in 1 asking for standing 100, a free
// station and a planet in 2.
struct MapGame : FreshGame {
  Locations places = game.locations();
  std::string alice = game.players().create({.username = "alice"})->id;
  RegionView core = *places.add_region("Core");
  SectorView sol = *places.define_sector(1, "Sol", core.id);
  SectorView alpha = *places.define_sector(2, "Alpha", core.id);
  SectorView wolf = *places.define_sector(3, "Wolf");
  StationView shipyard = *places.add_station(1, "Shipyard", "terran_federation", 100);
  StationView freeport = *places.add_station(2, "Freeport");
  PlanetView mars = *places.add_planet(2, "Mars");

  std::int64_t turns() { return game.turns().budget(alice)->available; }

  // Asserts that `outcome` is the refusal `kind` and that it wrote nothing.
  void refused(const std::function<Outcome()>& command, Refusal kind) {
    const std::string before = snapshot(game);
    const Outcome outcome = command();
    BOOST_TEST(outcome.refusal() == kind, outcome.detail());
    BOOST_TEST(!outcome.detail().empty());
    BOOST_TEST((snapshot(game) == before));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(locations_test, MapGame)

BOOST_AUTO_TEST_CASE(the_map_reads_back_what_was_defined) {
  BOOST_TEST((places.sector(1) == SectorView{1, "Sol", core.id}));
  BOOST_TEST((places.sector(3) == SectorView{3, "Wolf", ""}));
  BOOST_TEST(!places.sector(4).has_value());
  BOOST_TEST((places.region(core.id) == core));
  BOOST_TEST((places.station(shipyard.id) ==
              StationView{shipyard.id, 1, "Shipyard", "terran_federation", 100}));
  BOOST_TEST((places.stations_in(2) == std::vector<StationView>{freeport}));
  BOOST_TEST((places.planets_in(2) == std::vector<PlanetView>{mars}));
  BOOST_TEST(places.planets_in(1).empty());
  BOOST_TEST((places.planet(mars.id) == mars));
  // Redefining renames and moves the sector to another region (or none).
  BOOST_TEST(places.define_sector(3, "Wolf 359").ok());
  BOOST_TEST(places.sector(3)->name == "Wolf 359");
}

BOOST_AUTO_TEST_CASE(a_new_player_starts_in_sector_one) {
  BOOST_TEST((places.where(alice) == Location{.sector = 1,
                                              .region = core.id,
                                              .station = "",
                                              .planet = "",
                                              .home_sector = 1,
                                              .home_region = core.id,
                                              .galactic_citizen = false}));
  BOOST_TEST(!places.where(kNobody).has_value());
  BOOST_TEST((places.players_in(1) == std::vector<std::string>{alice}));
}

BOOST_AUTO_TEST_CASE(bad_map_arguments_are_refused_and_write_nothing) {
  refused([&] { return places.add_region("").outcome(); }, Refusal::InvalidArgument);
  refused([&] { return places.add_region("core").outcome(); }, Refusal::AlreadyExists);
  refused([&] { return places.add_region(std::string(101, 'x')).outcome(); },
          Refusal::InvalidArgument);
  refused([&] { return places.add_region(std::string("a\0b", 3)).outcome(); },
          Refusal::InvalidArgument);
  refused([&] { return places.define_sector(0, "Zero").outcome(); }, Refusal::InvalidArgument);
  refused([&] { return places.define_sector(9, "Nine", kNobody).outcome(); }, Refusal::NotFound);
  refused([&] { return places.define_sector(9, std::string(101, 'x')).outcome(); },
          Refusal::InvalidArgument);
  refused([&] { return places.add_station(9, "Nowhere").outcome(); }, Refusal::NotFound);
  refused([&] { return places.add_station(1, "X", "no_such_faction").outcome(); },
          Refusal::NotFound);
  refused([&] { return places.add_station(1, "X", "terran_federation", 801).outcome(); },
          Refusal::InvalidArgument);
  refused([&] { return places.add_station(1, "X", "", 5).outcome(); }, Refusal::InvalidArgument);
  refused([&] { return places.add_planet(1, "").outcome(); }, Refusal::InvalidArgument);
  refused([&] { return places.add_planet(9, "Nowhere").outcome(); }, Refusal::NotFound);
  // 100 characters (not bytes) is the limit: 100 two-byte characters fit.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "é";
  BOOST_TEST(places.add_planet(3, accented).ok());
}

BOOST_AUTO_TEST_CASE(moving_changes_sector_region_and_ship_and_spends_the_lane_cost) {
  const std::string ship = core_of(game).run([&](Command& command) {
    return players::replace_ships(command, alice, {.type = "SCOUT_SHIP", .name = "Kestrel"});
  });
  const std::int64_t before = turns();
  BOOST_TEST(places.move(alice, 3, 4).ok());
  const Location there = *places.where(alice);
  BOOST_TEST(there.sector == 3);
  BOOST_TEST(there.region == "");
  BOOST_TEST(there.home_sector == 1);
  BOOST_TEST(turns() == before - 4);
  BOOST_TEST(test::query_int(game, "SELECT sector_id FROM ships WHERE id = '" + ship + "'") == 3);
  const auto journal = game.events_about(alice, 1);
  BOOST_TEST_REQUIRE(journal.size() == 1u);
  BOOST_TEST(journal[0].type == LocationEvents::kMoved);
  BOOST_TEST(journal[0].payload == R"({"from":1,"to":3,"turns":4})");
  BOOST_TEST(places.move(alice, 2).ok());  // a free move
  BOOST_TEST(places.where(alice)->region == core.id);
  BOOST_TEST(turns() == before - 4);
}

BOOST_AUTO_TEST_CASE(moving_refusals_write_nothing) {
  refused([&] { return places.move(alice, 1); }, Refusal::InvalidArgument);
  refused([&] { return places.move(alice, 9); }, Refusal::NotFound);
  refused([&] { return places.move(alice, 2, -1); }, Refusal::InvalidArgument);
  refused([&] { return places.move(alice, 2, 5000); }, Refusal::NotEnoughTurns);
  refused([&] { return places.move(kNobody, 2); }, Refusal::NotFound);
  BOOST_TEST_REQUIRE(game.players().remove(alice).ok());
  refused([&] { return places.move(alice, 2); }, Refusal::NotAllowed);
  BOOST_TEST(!places.where(alice).has_value());
}

BOOST_AUTO_TEST_CASE(docking_needs_the_station_here_the_standing_and_a_turn) {
  refused([&] { return places.dock(alice, freeport.id); }, Refusal::NotAllowed);  // in sector 2
  refused([&] { return places.dock(alice, kNobody); }, Refusal::NotFound);
  refused([&] { return places.dock(alice, shipyard.id); }, Refusal::NotAllowed);  // standing 0
  BOOST_TEST_REQUIRE(game.reputation().change(alice, "terran_federation", 100, "test").ok());
  const std::int64_t before = turns();
  BOOST_TEST(places.dock(alice, shipyard.id).ok());
  BOOST_TEST(places.where(alice)->station == shipyard.id);
  BOOST_TEST(turns() == before - 1);
  refused([&] { return places.dock(alice, shipyard.id); }, Refusal::NotAllowed);
  refused([&] { return places.move(alice, 2); }, Refusal::NotAllowed);
  BOOST_TEST(places.undock(alice).ok());
  BOOST_TEST(places.where(alice)->station == "");
  BOOST_TEST(turns() == before - 2);
  refused([&] { return places.undock(alice); }, Refusal::NotAllowed);
  const auto journal = game.events_about(alice, 2);
  BOOST_TEST(journal[0].type == LocationEvents::kDocked);
  BOOST_TEST(journal[1].type == LocationEvents::kUndocked);
  BOOST_TEST(journal[1].payload == R"({"station":")" + shipyard.id.value() + R"("})");
}

BOOST_AUTO_TEST_CASE(docking_costs_follow_the_rules) {
  Rules rules = game.rules();
  rules.locations.dock_turns = 0;
  rules.locations.undock_turns = 7;
  GameOptions options = test::options_with(clock);
  options.rules = rules;
  Game other(options);
  const std::string bob = other.players().create({.username = "bob"})->id;
  const auto station = other.locations().add_station(1, "Dock");
  const std::int64_t before = other.turns().budget(bob)->available;
  BOOST_TEST(other.locations().dock(bob, station->id).ok());
  BOOST_TEST(other.turns().budget(bob)->available == before);
  BOOST_TEST(other.locations().undock(bob).ok());
  BOOST_TEST(other.turns().budget(bob)->available == before - 7);
}

BOOST_AUTO_TEST_CASE(landing_and_docking_exclude_each_other) {
  BOOST_TEST_REQUIRE(places.move(alice, 2).ok());
  BOOST_TEST_REQUIRE(places.dock(alice, freeport.id).ok());
  refused([&] { return places.land(alice, mars.id); }, Refusal::NotAllowed);
  BOOST_TEST_REQUIRE(places.undock(alice).ok());
  BOOST_TEST(places.land(alice, mars.id).ok());
  BOOST_TEST(places.where(alice)->planet == mars.id);
  refused([&] { return places.land(alice, mars.id); }, Refusal::NotAllowed);
  refused([&] { return places.dock(alice, freeport.id); }, Refusal::NotAllowed);
  refused([&] { return places.move(alice, 1); }, Refusal::NotAllowed);
  BOOST_TEST(places.take_off(alice).ok());
  refused([&] { return places.take_off(alice); }, Refusal::NotAllowed);
  refused([&] { return places.land(alice, kNobody); }, Refusal::NotFound);
  BOOST_TEST_REQUIRE(places.move(alice, 1).ok());
  refused([&] { return places.land(alice, mars.id); }, Refusal::NotAllowed);  // in sector 2
}

BOOST_AUTO_TEST_CASE(home_and_citizenship) {
  BOOST_TEST(places.set_home(alice, 3).ok());
  BOOST_TEST(places.where(alice)->home_sector == 3);
  BOOST_TEST(places.where(alice)->home_region == "");
  refused([&] { return places.set_home(alice, 3); }, Refusal::AlreadyDone);
  refused([&] { return places.set_home(alice, 9); }, Refusal::NotFound);
  BOOST_TEST(places.set_home(alice, 2).ok());
  BOOST_TEST(places.where(alice)->home_region == core.id);
  BOOST_TEST(places.set_galactic_citizen(alice, true).ok());
  BOOST_TEST(places.where(alice)->galactic_citizen);
  refused([&] { return places.set_galactic_citizen(alice, true); }, Refusal::AlreadyDone);
  BOOST_TEST(places.set_galactic_citizen(alice, false).ok());
  refused([&] { return places.set_galactic_citizen(alice, false); }, Refusal::AlreadyDone);
}

BOOST_AUTO_TEST_CASE(a_sector_moved_to_another_region_takes_its_players_along) {
  const RegionView rim = *places.add_region("Rim");
  BOOST_TEST_REQUIRE(places.define_sector(1, "Sol", rim.id).ok());
  BOOST_TEST(places.where(alice)->region == rim.id);
  BOOST_TEST(places.where(alice)->home_region == rim.id);
  BOOST_TEST_REQUIRE(places.define_sector(1, "Sol").ok());
  BOOST_TEST(places.where(alice)->region == "");
}

// Random commands, many refused, against a model of where the player must be: after each one the
// engine agrees with the model, a refusal wrote nothing, and the turns spent add up.
BOOST_AUTO_TEST_CASE(random_sequences_agree_with_a_model) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    FreshGame fresh;
    Locations map = fresh.game.locations();
    const std::string pilot = fresh.game.players().create({.username = "pilot"})->id;
    std::vector<StationId> stations;
    std::vector<PlanetId> planets;
    for (std::int64_t sector = 2; sector <= 4; ++sector) {
      BOOST_TEST_REQUIRE(map.define_sector(sector, "S" + std::to_string(sector)).ok());
      stations.push_back(map.add_station(sector, "Station")->id);
      planets.push_back(map.add_planet(sector, "Planet")->id);
    }
    stations.push_back(map.add_station(1, "Guarded", "terran_federation", 200)->id);
    Location model = *map.where(pilot);
    std::mt19937 random(seed);
    std::int64_t spent = 0;
    const std::int64_t start = fresh.game.turns().budget(pilot)->lifetime_spent;
    for (int step = 0; step < 120; ++step) {
      const std::string before = snapshot(fresh.game);
      const int what = static_cast<int>(random() % 5);
      const StationId station = stations[random() % stations.size()];
      const PlanetId planet = planets[random() % planets.size()];
      const std::int64_t sector = 1 + static_cast<std::int64_t>(random() % 5);  // 5: unknown
      const std::int64_t cost = static_cast<std::int64_t>(random() % 3);
      Outcome outcome;
      Location expected = model;
      std::int64_t cost_if_ok = 0;
      if (what == 0) {
        outcome = map.move(pilot, sector, cost);
        expected.sector = sector;
        cost_if_ok = cost;
      } else if (what == 1) {
        outcome = map.dock(pilot, station);
        expected.station = station;
        cost_if_ok = 1;
      } else if (what == 2) {
        outcome = map.undock(pilot);
        expected.station = "";
        cost_if_ok = 1;
      } else if (what == 3) {
        outcome = map.land(pilot, planet);
        expected.planet = planet;
      } else {
        outcome = map.take_off(pilot);
        expected.planet = "";
      }
      // What the rules allow, from the model alone.
      const bool docked = !model.station.empty();
      const bool landed = !model.planet.empty();
      bool allowed = false;
      if (what == 0) allowed = sector <= 4 && sector != model.sector && !docked && !landed;
      if (what == 1) {
        const auto view = map.station(station);
        allowed = !docked && !landed && view->sector == model.sector && view->sector != 1;
      }
      if (what == 2) allowed = docked;
      if (what == 3) allowed = !docked && !landed && map.planet(planet)->sector == model.sector;
      if (what == 4) allowed = landed;
      BOOST_TEST(outcome.ok() == allowed,
                 "seed " << seed << " step " << step << ": " << outcome.detail());
      if (outcome.ok()) {
        model = expected;
        spent += cost_if_ok;
      } else {
        BOOST_TEST((snapshot(fresh.game) == before));
      }
      BOOST_TEST_REQUIRE((*map.where(pilot) == model), "seed " << seed << " step " << step);
    }
    BOOST_TEST(fresh.game.turns().budget(pilot)->lifetime_spent - start == spent);
  }
}

BOOST_AUTO_TEST_SUITE_END()

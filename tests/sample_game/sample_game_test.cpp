// The sample game end to end: scripted sessions run the built binary, and the tests check what it
// printed and what the save file holds afterwards.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "sample_game/galaxy.h"
#include "tests/support/fixtures.h"

#include "hearth/game.h"
#include <sys/wait.h>

using namespace hearth;

namespace {

// The fixed start every script runs at (--start-time), and its seed (--seed): with both, a script
// prints the same thing on every run. With seed 7 the guard is Docking Authority Garcia and the
// pad holds 1. the escape pod, 2. a light freighter, 3. a fast courier.
constexpr GameTime kStart = test::kStart;

// Registers `name` and talks the guard into the fast courier (SUCCESS: 3000 credits, +150 with
// the Terran Federation).
std::string courier_arrival(const std::string& name) {
  return "new " + name +
         "\nfast courier\n"
         "I'm captain Ada Lovelace. This is absolutely my ship: registry, license, clearance and "
         "cargo manifest are filed. My cat rides along.\n"
         "I certainly docked this morning with full docking authorization and the serial on file.\n"
         "Of course, the registry and license were definitely checked by customs.\n"
         "Absolutely, my cargo manifest lists the serial and clearance.\n"
         "Of course it is, the registry says so.\n";
}

// Registers `name` and admits to the escape pod (SUCCESS: 1000 credits, +50 with the Federation).
std::string pod_arrival(const std::string& name) {
  return "new " + name + "\nescape pod\nIt is only my escape pod, I came in on it today.\n";
}

struct Run {
  std::string out;
  std::string err;
  int exit_code = -1;

  bool says(const std::string& text) const { return out.find(text) != std::string::npos; }
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A save file for one test, and the runs of the game on it.
struct Save {
  test::TempFile file;
  test::TempFile script_file;
  test::TempFile err_file;

  // Runs the game on the save with `script` (lines of commands), at the fixed start time.
  Run play(const std::string& script, const std::string& extra = "") const {
    script_file.write(script);
    const std::string command =
        std::string(SAMPLE_GAME_PATH) + " --db " + file.path + " --script " + script_file.path +
        " --start-time " + std::to_string(kStart) + " --seed 7 " + extra + " 2>" + err_file.path;
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, got);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_all(err_file.path);
    return run;
  }

  // The save, opened by the engine at game time `at` (the time the scripts reached).
  std::unique_ptr<Game> open(GameTime at = kStart) const {
    GameOptions options;
    options.path = file.path;
    options.clock = std::make_shared<ManualClock>(at);
    return std::make_unique<Game>(std::move(options));
  }
};

std::string player_id(Game& game, const std::string& name) {
  const auto player = game.players().find_by_username(name);
  BOOST_TEST_REQUIRE(player.has_value());
  return player->id;
}

std::int64_t count_events(Game& game, const std::string& type) {
  std::int64_t count = 0;
  for (const Event& event : game.events(0, 100000)) count += event.type == type;
  return count;
}

std::int64_t held(Game& game, const std::string& player, const std::string& item) {
  return game.inventory().quantity(player, game.inventory().item_named(item)->id);
}

// Where the engine keeps a pilot: sector, and 1 when docked.
std::pair<std::int64_t, std::int64_t> position(Game& game, const std::string& player) {
  const auto where = game.locations().where(player);
  BOOST_TEST_REQUIRE(where.has_value());
  return {where->sector, where->station.empty() ? 0 : 1};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample_game_test)

BOOST_AUTO_TEST_CASE(a_new_pilot_goes_through_the_gate_to_a_first_trade) {
  Save save;
  const Run run = save.play(courier_arrival("ada") +
                            "status\ndock\nmarket\nbuy food 10\nundock\nmove 2\ndock\n"
                            "sell food 10\nstandings\nlog\nquit\n");
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.err == "");
  BOOST_TEST(run.says("Pilot ada registered."));
  BOOST_TEST(run.says("Docking Authority Garcia"));
  BOOST_TEST(run.says("  3. Fast Courier"));
  BOOST_TEST(run.says("Outcome: SUCCESS"));
  BOOST_TEST(run.says("Garcia waves you through to your Fast Courier with 3000 credits."));
  BOOST_TEST(run.says("Terran Federation standing +150: 150 (Acknowledged)."));
  BOOST_TEST(run.says("  Credits   3000\n"));
  BOOST_TEST(run.says("  Turns     60/60 (full)\n"));
  BOOST_TEST(run.says("  Ship      Fast Courier, hold 0/30\n"));
  BOOST_TEST(run.says("prices x0.97"));  // the Federation's price effect at 150
  BOOST_TEST(run.says("Bought 10 Food for 200 credits (20 each). Credits 2800. Hold 10/30."));
  // 200 credits with the Federation earn no point yet (one per 250 traded in a day).
  BOOST_TEST(
      run.says("  Terran Federation standing: 200/250 credits toward the next point today.\n"));
  BOOST_TEST(run.says("You warp to Alpha Centauri (2) for 3 turns."));
  BOOST_TEST(run.says("Sold 10 Food for 320 credits (32 each). Credits 3120. Hold 0/30."));
  BOOST_TEST(run.says("Mercantile Guild standing +1 (now 1, Neutral).\n"));
  BOOST_TEST(run.says("  Terran Federation            150  ACKNOWLEDGED  Acknowledged  x0.97"));
  BOOST_TEST(run.says("Warped Sol -> Alpha Centauri (3 turns)."));

  auto game = save.open();
  const std::string ada = player_id(*game, "ada");
  const PlayerView player = *game->players().find(ada);
  BOOST_TEST(!player.needs_first_login);
  BOOST_TEST(game->ledger().credits(ada) == 3120);
  BOOST_TEST(held(*game, ada, "Food") == 0);
  BOOST_TEST(game->inventory().history(ada).size() == 2u);  // bought, then sold
  BOOST_TEST(game->reputation().standing(ada, "mercantile_guild")->value == 1);
  BOOST_TEST(game->reputation().standing(ada, "terran_federation")->value == 150);
  BOOST_TEST(game->turns().budget(ada)->available == 60 - 1 - 1 - 3 - 1);
  BOOST_TEST((position(*game, ada) == std::pair<std::int64_t, std::int64_t>{2, 1}));
  BOOST_TEST(count_events(*game, "onboarding.completed") == 1);
  BOOST_TEST(game->ledger().check_ledger().empty());
  BOOST_TEST(game->inventory().check_inventory().empty());
}

BOOST_AUTO_TEST_CASE(waiting_regenerates_turns_expires_timers_and_decays_standing) {
  Save save;
  const Run run = save.play(courier_arrival("ada") +
                            "move 3\nmove 1\nsupply\nboost\nstatus\nwait 90m\nstatus\nwait 40d\n"
                            "standings\nlog\nquit\n");
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.says("You warp to Barnard's Star (3) for 2 turns."));
  BOOST_TEST(run.says("  Turns     56/60, next turn in 3m 0s, full in 12m 0s\n"));
  BOOST_TEST(run.says("  Boost     warps at half cost, 2h 0m left\n"));
  BOOST_TEST(run.says("1h 30m pass. It is now 2026-01-01 01:30 UTC.\n  Turns 56 -> 60 (full).\n"));
  BOOST_TEST(run.says("  Boost     warps at half cost, 30m 0s left\n"));
  BOOST_TEST(run.says("40d 0h pass. It is now 2026-02-10 01:30 UTC."));
  BOOST_TEST(run.says("Terran Federation standing decays 150 -> 100 (Acknowledged)"));
  BOOST_TEST(run.says("  The fuel boost has worn off.\n"));
  BOOST_TEST(run.says("  The supply drop is ready again.\n"));
  BOOST_TEST(run.says("Terran Federation standing decayed 150 -> 100 after 37 idle days."));
  BOOST_TEST(run.says("Effect 'fuel_boost' expired."));
  // The log reads in time order, though the catch-up journaled rule by rule.
  const std::string log = run.out.substr(run.out.find("> log\n"));
  std::vector<std::string> times;
  for (std::size_t at = log.find("\n  2026-"); at != std::string::npos;
       at = log.find("\n  2026-", at + 1)) {
    times.push_back(log.substr(at + 3, 16));
  }
  BOOST_TEST(times.size() >= 5u);
  BOOST_TEST(std::is_sorted(times.begin(), times.end()));

  const GameTime end = kStart + 90 * kMinute + 40 * kDay;
  auto game = save.open(end);
  const std::string ada = player_id(*game, "ada");
  BOOST_TEST(game->reached_at() == end);
  // The waited time is the save's: opened on a clock still at the start, the game is at `end`.
  BOOST_TEST(save.open(kStart)->now() == end);
  BOOST_TEST(count_events(*game, "clock.skipped") == 2);
  BOOST_TEST(game->reputation().standing(ada, "terran_federation")->value == 100);
  BOOST_TEST(count_events(*game, "reputation.decayed") == 1);
  BOOST_TEST(count_events(*game, "effect.expired") == 1);
  BOOST_TEST(count_events(*game, "cooldown.expired") == 1);
  BOOST_TEST(game->turns().budget(ada)->available == 60);
}

BOOST_AUTO_TEST_CASE(two_pilots_take_turns_in_one_save) {
  Save save;
  const Run run = save.play(pod_arrival("ada") + "move 3\n" + pod_arrival("bob") +
                            "pilots\nstatus\nswitch ada\nstatus\nswitch carol\nswitch ada\n"
                            "quit\n");
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.says("Garcia waves you through to your Escape Pod with 1000 credits."));
  BOOST_TEST(run.says("Terran Federation standing +50: 50 (Recognized)."));
  BOOST_TEST(
      run.says("  ada                 1000 credits  Barnard's Star   Escape Pod\n"
               "* bob                 1000 credits  Sol              Escape Pod\n"));
  BOOST_TEST(run.says("bob@Sol> status\nPilot bob"));
  BOOST_TEST(
      run.says("ada has the controls, in Barnard's Star (3).\nada@Barnard's Star> status\n"
               "Pilot ada"));
  BOOST_TEST(run.says("No pilot named 'carol': 'pilots' lists them.\n"));
  BOOST_TEST(run.says("ada already has the controls.\n"));

  auto game = save.open();
  const std::string ada = player_id(*game, "ada");
  const std::string bob = player_id(*game, "bob");
  BOOST_TEST(game->players().list().size() == 2u);
  BOOST_TEST(position(*game, ada).first == 3);
  BOOST_TEST(position(*game, bob).first == 1);
  BOOST_TEST(game->turns().budget(ada)->available == 58);
  BOOST_TEST(game->turns().budget(bob)->available == 60);
  BOOST_TEST(game->custom_tables().query("SELECT active_pilot FROM save_state")[0].text(0) == ada);
}

BOOST_AUTO_TEST_CASE(a_session_resumes_where_the_save_left_off) {
  Save save;
  const Run first = save.play(pod_arrival("ada") + "dock\nbuy food 5\nwait 1h\n" +
                              "new bob\nscout ship\n");  // bob picks a ship, then the input ends
  BOOST_TEST(first.exit_code == 0);
  // The guard's name and the pad, as the first session showed them.
  const std::string asked = "You claim the Scout Ship. What do you tell ";
  const std::size_t at = first.out.find(asked);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  const std::size_t name_at = at + asked.size();
  const std::string guard = first.out.substr(name_at, first.out.find('?', name_at) - name_at);
  const auto pad = [](const std::string& out, std::size_t from) {
    const std::size_t start = out.find("Ships on the pad:\n", from);
    return out.substr(start, out.find("Which ship", start) - start);
  };
  const std::string first_pad = pad(first.out, first.out.find("new bob"));

  // bob is still at the gate with the same guard and ships; his pick is made again.
  const Run second = save.play(
      "scout ship\nI'm pilot Bob, I definitely bought it with registry and license today.\n"
      "switch ada\nstatus\ncargo\nquit\n");
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(second.says("Hearth sample game - save " + save.file.path +
                         " - 2026-01-01 01:00 UTC\nbob is at the shipyard gate.\n"));
  BOOST_TEST(second.says(guard + ", "), guard);
  BOOST_TEST(pad(second.out, 0) == first_pad);
  BOOST_TEST(second.says("ship> scout ship\nYou claim the Scout Ship."));
  BOOST_TEST(second.says("ada has the controls, in Sol (1)."));
  BOOST_TEST(second.says("  Location  sector 1, Sol, docked at Callisto Shipyard\n"));
  BOOST_TEST(second.says("  Food             5\n"));

  auto game = save.open(kStart + kHour);
  const std::string ada = player_id(*game, "ada");
  const std::string bob = player_id(*game, "bob");
  BOOST_TEST(held(*game, ada, "Food") == 5);
  BOOST_TEST(game->ledger().credits(ada) == 1000 - 5 * 20);
  BOOST_TEST(game->onboarding().status(bob)->attempts == 1);  // resumed, not restarted
  BOOST_TEST(game->onboarding().status(bob)->claimed_ship);
}

BOOST_AUTO_TEST_CASE(every_refusal_is_one_sentence_and_changes_nothing) {
  Save save;
  // A pilot in an escape pod (1000 credits, 10 units of hold) who has spent every turn warping
  // between Sol and Barnard's Star (2 turns a warp), and has collected the supply drop.
  std::string setup = pod_arrival("ada") + "supply\n";
  for (int i = 0; i < 30; ++i) setup += i % 2 == 0 ? "move 3\n" : "move 1\n";
  const Run ready = save.play(setup + "quit\n");
  BOOST_TEST(ready.exit_code == 0);
  BOOST_TEST(ready.says("ada@Sol> move 3\nYou warp"));

  std::string ada;
  std::int64_t events_before = 0;
  {
    auto game = save.open();
    ada = player_id(*game, "ada");
    events_before = static_cast<std::int64_t>(game->events(0, 100000).size());
    BOOST_TEST(game->turns().budget(ada)->available == 0);
    BOOST_TEST(game->ledger().credits(ada) == 1500);
  }

  const Run run = save.play(
      "stauts\n"
      "frobnicate\n"
      "move 3\n"
      "move 42\n"
      "move 8\n"
      "move\n"
      "market\n"
      "buy food 1\n"
      "sell food 1\n"
      "supply\n"
      "wait forever\n"
      "switch nobody\n"
      "new ada\n"
      "new x\n"
      "quit\n");
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.err == "");
  BOOST_TEST(run.says("> stauts\nUnknown command 'stauts'. Did you mean 'status'?\n"));
  BOOST_TEST(run.says("> frobnicate\nUnknown command 'frobnicate': 'help' lists the commands.\n"));
  BOOST_TEST(run.says("> move 3\nNot enough turns: 2 needed, 0 available (enough in 6m 0s).\n"));
  BOOST_TEST(run.says("> move 42\nNo such sector: '42'. 'map' lists the warps from here.\n"));
  BOOST_TEST(
      run.says("> move 8\nNo warp leads from Sol to Sirius: 'map' lists the warps from "
               "here.\n"));
  BOOST_TEST(run.says("> move\nUsage: move SECTOR.\n"));
  BOOST_TEST(run.says("> market\nYou are not docked at a station: 'dock' first.\n"));
  BOOST_TEST(run.says("> buy food 1\nYou are not docked at a station: 'dock' first.\n"));
  BOOST_TEST(run.says("> sell food 1\nYou are not docked at a station: 'dock' first.\n"));
  BOOST_TEST(
      run.says("> supply\nThe supply drop is on cooldown: the next one is ready in 1d 0h.\n"));
  BOOST_TEST(run.says("> wait forever\nWait how long?"));
  BOOST_TEST(run.says("> switch nobody\nNo pilot named 'nobody': 'pilots' lists them.\n"));
  BOOST_TEST(run.says("> new ada\nThe username 'ada' is taken.\n"));
  BOOST_TEST(run.says("> new x\nA username has 3 to 50 characters; 'x' has 1.\n"));

  auto game = save.open();
  BOOST_TEST(static_cast<std::int64_t>(game->events(0, 100000).size()) == events_before);
  BOOST_TEST(game->ledger().credits(ada) == 1500);
  BOOST_TEST(game->turns().budget(ada)->available == 0);
  BOOST_TEST(position(*game, ada).first == 1);
  BOOST_TEST(game->players().list().size() == 1u);
}

BOOST_AUTO_TEST_CASE(trading_refusals_name_what_is_missing) {
  Save save;
  const Run run = save.play(pod_arrival("ada") +
                            "boost\ndock\ndock\nbuy electronics 8\nbuy food 11\nbuy ore 1\n"
                            "buy gold 1\nbuy food 0\nsell food 1\nbuy food 2\nsell food 3\n"
                            "supply\nboost\nboost\nmove 2\nquit\n");
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(
      run.says("> boost\nYou have no Fuel Cell: buy one at a market or collect the "
               "'supply' drop.\n"));
  BOOST_TEST(run.says("> dock\nYou are already docked at Callisto Shipyard.\n"));
  BOOST_TEST(run.says("> buy electronics 8\nInsufficient funds: 1120 needed, 1000 available.\n"));
  BOOST_TEST(run.says("> buy food 11\nYour hold has room for 10 more units.\n"));
  BOOST_TEST(run.says("> buy ore 1\nCallisto Shipyard does not sell Ore.\n"));
  BOOST_TEST(run.says("> buy gold 1\nNo such commodity: 'gold'."));
  BOOST_TEST(run.says("> buy food 0\nThe quantity must be a whole number from 1 to 10000.\n"));
  BOOST_TEST(run.says("> sell food 1\nCallisto Shipyard does not buy Food.\n"));
  BOOST_TEST(run.says("> boost\nThe fuel boost is already running: 2h 0m left.\n"));
  BOOST_TEST(run.says("> move 2\nYou are docked: 'undock' first.\n"));

  auto game = save.open();
  const std::string ada = player_id(*game, "ada");
  BOOST_TEST(held(*game, ada, "Food") == 2);
  BOOST_TEST(held(*game, ada, "Fuel Cell") == 0);  // dropped by the supply, burned by the boost
  BOOST_TEST(game->ledger().credits(ada) == 1000 - 2 * 20 + 500);
  BOOST_TEST(game->ledger().check_ledger().empty());
}

BOOST_AUTO_TEST_CASE(an_unusable_save_exits_non_zero_with_one_line) {
  Save save;
  save.file.write("this is not a game\n");
  const Run run = save.play("status\n");
  BOOST_TEST(run.exit_code == 1);
  BOOST_TEST(run.out == "");
  BOOST_TEST(run.err.find("is not a game file") != std::string::npos);
  BOOST_TEST(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  BOOST_TEST(save.file.bytes() == "this is not a game\n");  // untouched
}

BOOST_AUTO_TEST_CASE(help_lists_every_command) {
  Save save;
  const Run run = save.play("help\nquit\n");
  for (const char* command :
       {"status", "map", "move SECTOR", "dock", "undock", "market", "buy ITEM QUANTITY",
        "sell ITEM QUANTITY", "cargo", "standings", "supply", "boost", "log", "wait DURATION",
        "pilots", "new NAME", "switch NAME", "help", "quit"}) {
    BOOST_TEST(run.says(std::string("\n  ") + command + " "), command);
  }
}

// A player the galaxy has no pilot for (made through the engine alone, or left by a crash
// before registration was one transaction) gets a pilot when it takes the controls.
BOOST_AUTO_TEST_CASE(a_player_without_a_pilot_takes_the_controls) {
  Save save;
  BOOST_TEST(save.play("new ada\nquit\n").exit_code == 0);
  {
    auto game = save.open();
    BOOST_REQUIRE(game->players().create({.username = "bob"}).ok());
  }
  const Run run = save.play(
      "switch bob\nescape pod\nIt is only my escape pod, I came in on it today.\n"
      "status\nquit\n");
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.says("Pilot bob"));
  auto game = save.open();
  BOOST_TEST(position(*game, player_id(*game, "bob")).first == 1);
}

// Standing from trade grows with the value traded in a game day: 25 one-unit purchases earn what
// one purchase of 25 units earns (500 credits: 2 points), not 25 times more.
BOOST_AUTO_TEST_CASE(many_small_trades_earn_what_one_large_trade_earns) {
  std::string small_trades;
  for (int i = 0; i < 25; ++i) small_trades += "buy food 1\n";
  Save small;
  BOOST_TEST(small.play(courier_arrival("ada") + "dock\n" + small_trades + "quit\n").exit_code ==
             0);
  Save large;
  BOOST_TEST(large.play(courier_arrival("ada") + "dock\nbuy food 25\nquit\n").exit_code == 0);
  for (const Save* save : {&small, &large}) {
    auto game = save->open();
    const std::string ada = player_id(*game, "ada");
    BOOST_TEST(held(*game, ada, "Food") == 25);
    BOOST_TEST(game->reputation().standing(ada, "terran_federation")->value == 150 + 2);
    BOOST_TEST(game->reputation().standing(ada, "fringe_alliance")->value == -1);  // the rival
  }
}

// At most 20 points a day come from trade with one faction; the next game day starts afresh.
BOOST_AUTO_TEST_CASE(standing_from_trade_has_a_daily_limit) {
  Save save;
  BOOST_TEST(save.play(courier_arrival("ada") + "quit\n").exit_code == 0);
  {
    auto game = save.open();
    const std::string ada = player_id(*game, "ada");
    BOOST_TEST_REQUIRE(game->inventory()
                           .add({.user_id = ada,
                                 .item = game->inventory().item_named("Medicine")->id,
                                 .quantity = 90,
                                 .type = "DROP",
                                 .description = "test"})
                           .ok());
  }
  // Sol pays 113 per unit of Medicine at standing 150: 3390 credits a sale of 30.
  const Run run =
      save.play("dock\nsell medicine 30\nsell medicine 30\nwait 1d\nsell medicine 30\nquit\n");
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.says("Terran Federation standing +13 (now 163, "));
  BOOST_TEST(run.says("Terran Federation standing +7 (now 170, "));   // 20 in the day
  BOOST_TEST(run.says("Terran Federation standing +13 (now 183, "));  // the next day
  auto game = save.open(kStart + kDay);
  BOOST_TEST(game->reputation().standing(player_id(*game, "ada"), "terran_federation")->value ==
             183);
}

// A save from before the engine kept positions: its pilots are handed to the engine where the
// game's own table had them (undocked), once, and the old table is emptied.
BOOST_AUTO_TEST_CASE(an_older_save_hands_its_positions_to_the_engine) {
  Save save;
  {
    GameOptions options;
    options.path = save.file.path;
    options.clock = std::make_shared<ManualClock>(kStart);
    options.game_name = "sample_game";
    options.migrations = sample_game::Galaxy::migrations();
    options.migrations.resize(2);  // the game before 0003
    Game old(std::move(options));
    const std::string ada = old.players().create({.username = "ada"})->id;
    BOOST_TEST_REQUIRE(
        old.custom_tables().execute("INSERT INTO pilots (player_id, sector, docked, ship_type) "
                                    "VALUES (?, 4, 1, 'ESCAPE_POD')",
                                    {ada}) == 1);
  }
  const Run run = save.play("quit\n");
  BOOST_TEST(run.exit_code == 0, run.err);
  auto game = save.open();
  const std::string ada = player_id(*game, "ada");
  BOOST_TEST((position(*game, ada) == std::pair<std::int64_t, std::int64_t>{4, 0}));
  BOOST_TEST(game->locations().sector(4)->name == "Wolf 359");
  BOOST_TEST(game->locations().stations_in(4).at(0).name == "Wolf Freeport");
  BOOST_TEST(game->locations().stations_in(4).at(0).faction == "fringe_alliance");
  BOOST_TEST(
      game->custom_tables().query("SELECT count(*) FROM pilot_positions_to_hand_over")[0].integer(
          0) == 0);
  // Opening again hands over nothing more and defines nothing twice.
  BOOST_TEST(save.play("quit\n").exit_code == 0);
  BOOST_TEST(game->locations().stations_in(4).size() == 1u);
}

// Registration is one transaction: a refused registration leaves neither player nor pilot.
BOOST_AUTO_TEST_CASE(registration_writes_player_and_pilot_together) {
  Save save;
  BOOST_TEST(save.play("new ada\nnew ADA\nquit\n").exit_code == 0);
  auto game = save.open();
  BOOST_TEST(game->players().list().size() == 1u);
  BOOST_TEST(game->custom_tables().query("SELECT count(*) FROM pilots")[0].integer(0) == 1);
}

BOOST_AUTO_TEST_CASE(help_prints_the_usage_and_succeeds) {
  FILE* pipe = ::popen((std::string(SAMPLE_GAME_PATH) + " --help 2>/dev/null").c_str(), "r");
  BOOST_TEST_REQUIRE(pipe != nullptr);
  char buffer[512] = {};
  const std::size_t got = std::fread(buffer, 1, sizeof buffer - 1, pipe);
  const int status = ::pclose(pipe);
  BOOST_TEST(std::string(buffer, got).rfind("usage: sample_game", 0) == 0);
  BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

// A script saved with Windows line endings and stray spaces plays the same.
BOOST_AUTO_TEST_CASE(lines_are_trimmed_of_spaces_and_carriage_returns) {
  Save save;
  const Run run = save.play(
      "  new ada  \r\n1\r\n  It is only my escape pod, I came in on it today.\r\nstatus \r\n"
      "quit\r\n");
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.says("Garcia waves you through to your Escape Pod with 1000 credits."));
  BOOST_TEST(run.says("ada@Sol> status\nPilot ada"));
  auto game = save.open();
  const auto rows = game->custom_tables().query(
      "SELECT count(*) FROM dialogue_exchanges WHERE player_response LIKE '%' || char(13) || '%' "
      "OR player_response LIKE ' %'");
  BOOST_TEST(rows[0].integer(0) == 0);
}

// An item prefix that names two commodities asks which, and buys nothing.
BOOST_AUTO_TEST_CASE(an_ambiguous_item_asks_which) {
  Save save;
  const Run run = save.play(pod_arrival("ada") + "dock\nbuy f 1\nquit\n");
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.says("'f' could be Food or Fuel Cell: which one?"), run.out);
  BOOST_TEST(!run.says("Bought"));
  auto game = save.open();
  BOOST_TEST(count_events(*game, "inventory.added") == 0);
}

// The same scripted sessions, played by other processes on another save, give the same file: the
// same content hash (Game::content_hash), whatever the process, its memory layout or the moment
// it ran. One different line gives another hash.
BOOST_AUTO_TEST_CASE(the_same_scripted_sessions_give_the_same_file) {
  const std::vector<std::string> sessions = {
      courier_arrival("ada") +
          "dock\nbuy food 10\nundock\nmove 2\ndock\nsell food 10\n"
          "supply\nboost\nwait 90m\nstatus\nquit\n",
      pod_arrival("bob") +
          "move 3\nwait 2d\nswitch ada\nundock\nmove 1\ndock\nbuy food 3\n"
          "wait 40d\nquit\n",
      "new carol\nscout ship\n",  // carol stops at the gate
  };
  const auto play_all = [&](const Save& save, const std::vector<std::string>& scripts) {
    for (const std::string& script : scripts) {
      const Run run = save.play(script);
      BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
    }
    return save.open()->content_hash();
  };
  Save first;
  Save second;
  const std::string hash = play_all(first, sessions);
  BOOST_TEST(hash.size() == 64u);
  BOOST_TEST(play_all(second, sessions) == hash);

  std::vector<std::string> changed = sessions;
  changed[1].replace(changed[1].find("buy food 3"), 10, "buy food 4");
  Save third;
  BOOST_TEST(play_all(third, changed) != hash);
}

// Two terminals play in one world through a third that hosts the save: bob waits while ann
// looks around, writes to him and asks him to be friends; bob sees her message as it happens.
BOOST_AUTO_TEST_CASE(two_terminals_play_in_one_world_through_a_host) {
  Save save;
  const std::string game = SAMPLE_GAME_PATH;
  // The shell prints its pid, then becomes the host, whose first line names its address.
  const std::string serve = "echo $$; exec " + game + " --db " + save.file.path +
                            " --host 127.0.0.1:0 --start-time " + std::to_string(kStart) +
                            " --seed 7";
  FILE* host = ::popen(serve.c_str(), "r");
  BOOST_TEST_REQUIRE(host != nullptr);
  const auto line_of = [](FILE* from) {
    char buffer[512];
    return std::fgets(buffer, sizeof buffer, from) ? std::string(buffer) : std::string();
  };
  const pid_t host_pid = std::stoi(line_of(host));

  // However the test ends, the host does not outlive it.
  struct Stop {
    pid_t pid;

    ~Stop() { ::kill(pid, SIGKILL); }
  } stop{host_pid};

  const std::string serving = line_of(host);
  const auto at = serving.rfind(' ');
  BOOST_TEST_REQUIRE(serving.find("serving save") != std::string::npos);
  const std::string address = serving.substr(at + 1, serving.size() - at - 2);

  test::TempFile bob_script;
  test::TempFile ann_script;
  const auto client = [&](const test::TempFile& script, const std::string& lines) {
    script.write(lines);
    return ::popen((game + " --connect " + address + " --script " + script.path).c_str(), "r");
  };
  const auto rest_of = [](FILE* from) {
    std::string out;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, from)) > 0) out.append(buffer, got);
    BOOST_TEST(::pclose(from) == 0);
    return out;
  };
  BOOST_TEST(rest_of(client(bob_script, "register bob bobs-password\n")).find("Playing as bob") !=
             std::string::npos);

  // bob logs in and waits; ann starts once he is in.
  FILE* bob = client(bob_script, "login bob bobs-password\nawait message\ninbox\nquit\n");
  std::string bob_out;
  while (bob_out.find("Playing as bob") == std::string::npos) {
    const std::string line = line_of(bob);
    BOOST_TEST_REQUIRE(!line.empty());
    bob_out += line;
  }
  const std::string ann_out = rest_of(client(ann_script,
                                             "register ann anns-password\nwho\n"
                                             "tell bob meet me at the shipyard\n"
                                             "friend bob\nquit\n"));
  bob_out += rest_of(bob);
  BOOST_TEST(ann_out.find("In sector 1: ann, bob, host.") != std::string::npos, ann_out);
  BOOST_TEST(ann_out.find("Sent to bob.") != std::string::npos, ann_out);
  BOOST_TEST(ann_out.find("Asked bob to be friends.") != std::string::npos, ann_out);
  BOOST_TEST(bob_out.find("* ann says: meet me at the shipyard") != std::string::npos, bob_out);
  BOOST_TEST(bob_out.find("bob@host> inbox\nann: meet me at the shipyard") != std::string::npos,
             bob_out);

  // The host stops on SIGTERM, and the save holds what the players did.
  ::kill(host_pid, SIGTERM);
  rest_of(host);
  const auto opened = save.open();
  BOOST_TEST(test::query_int(*opened, "SELECT count(*) FROM messages") == 1);
  BOOST_TEST(test::query_int(*opened, "SELECT count(*) FROM friends WHERE pending = 1") == 1);
  BOOST_TEST(test::query_int(*opened, "SELECT count(*) FROM hosted_servers WHERE active = 1") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

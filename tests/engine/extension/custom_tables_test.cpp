// Custom tables: a game's own tables, created by its migrations, read and written through plain
// SQL as commands.
#include "hearth/extension/custom_tables.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;

namespace {

// A game with one table of its own: sectors with a name and a danger level.
struct Galaxy {
  Galaxy() : Galaxy(":memory:") {}

  explicit Galaxy(const std::string& path)
      : game([&] {
          GameOptions options = test::options_with(clock, path);
          options.game_name = "galaxy_test";
          options.migrations = {{"0001_sectors.sql",
                                 "CREATE TABLE sectors_of_game (id INTEGER PRIMARY KEY, "
                                 "name TEXT NOT NULL UNIQUE, danger REAL);"
                                 "INSERT INTO sectors_of_game VALUES (1, 'Sol', 0.5);"}};
          return options;
        }()) {}

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(custom_tables_test)

BOOST_AUTO_TEST_CASE(a_migration_creates_a_table_that_query_reads) {
  Galaxy galaxy;
  const std::vector<SqlRow> rows =
      galaxy.game.custom_tables().query("SELECT id, name, danger, NULL FROM sectors_of_game");
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].integer(0) == 1);
  BOOST_TEST(rows[0].text(1) == "Sol");
  BOOST_TEST(rows[0].real(2) == 0.5);
  BOOST_TEST(rows[0].is_null(3));
  BOOST_TEST(rows[0].text(3) == "");
  BOOST_TEST(rows[0].text(0) == "1");
}

BOOST_AUTO_TEST_CASE(execute_binds_parameters_and_counts_changed_rows) {
  Galaxy galaxy;
  CustomTables tables = galaxy.game.custom_tables();
  BOOST_TEST(tables.execute("INSERT INTO sectors_of_game (id, name, danger) VALUES (?, ?, ?)",
                            {std::int64_t{2}, std::string("Vega"), 0.25}) == 1);
  BOOST_TEST(tables.execute("UPDATE sectors_of_game SET danger = danger * 2") == 2);
  const auto rows =
      tables.query("SELECT name, danger FROM sectors_of_game WHERE id = ?", {std::int64_t{2}});
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].text(0) == "Vega");
  BOOST_TEST(rows[0].real(1) == 0.5);
}

BOOST_AUTO_TEST_CASE(execute_all_applies_whole_or_not_at_all) {
  Galaxy galaxy;
  CustomTables tables = galaxy.game.custom_tables();
  // The second statement breaks the UNIQUE name: the first is rolled back with it.
  BOOST_CHECK_THROW(
      tables.execute_all({{"INSERT INTO sectors_of_game (id, name) VALUES (3, 'Altair')", {}},
                          {"INSERT INTO sectors_of_game (id, name) VALUES (4, 'Sol')", {}}}),
      Error);
  BOOST_TEST(tables.query("SELECT count(*) FROM sectors_of_game")[0].integer(0) == 1);

  BOOST_TEST(tables.execute_all({{"INSERT INTO sectors_of_game (id, name) VALUES (3, 'A')", {}},
                                 {"INSERT INTO sectors_of_game (id, name) VALUES (4, 'B')", {}}}) ==
             2);
  BOOST_TEST(tables.query("SELECT count(*) FROM sectors_of_game")[0].integer(0) == 3);
}

BOOST_AUTO_TEST_CASE(events_are_journaled_with_the_writes_and_reach_listeners) {
  Galaxy galaxy;
  std::vector<std::string> heard;
  galaxy.game.on_event([&](const Event& event) { heard.push_back(event.type); });
  galaxy.game.custom_tables().execute_all(
      {{"UPDATE sectors_of_game SET danger = 1", {}}},
      {{.type = "galaxy.alarm", .actor = "", .subject = "sol", .payload = R"({"level":1})"}});
  BOOST_TEST(heard == std::vector<std::string>{"galaxy.alarm"});
  const std::vector<Event> about = galaxy.game.events_about("sol");
  BOOST_TEST_REQUIRE(about.size() == 1u);
  BOOST_TEST(about[0].payload == R"({"level":1})");
  BOOST_TEST(about[0].at == test::kStart);

  // A bad payload throws and takes the write with it.
  BOOST_CHECK_THROW(galaxy.game.custom_tables().execute_all(
                        {{"UPDATE sectors_of_game SET danger = 2", {}}},
                        {{.type = "galaxy.alarm", .subject = "sol", .payload = "{not json"}}),
                    Error);
  BOOST_TEST(galaxy.game.custom_tables().query("SELECT danger FROM sectors_of_game")[0].real(0) ==
             1.0);
  BOOST_CHECK_THROW(galaxy.game.custom_tables().execute_all({}, {{.type = ""}}), Error);
}

BOOST_AUTO_TEST_CASE(mistakes_are_usage_errors_that_write_nothing) {
  Galaxy galaxy;
  CustomTables tables = galaxy.game.custom_tables();
  auto kind_of = [](auto&& call) {
    try {
      call();
    } catch (const Error& error) {
      return error.kind();
    }
    BOOST_FAIL("no error");
    return ErrorKind::Storage;
  };
  BOOST_TEST((kind_of([&] { tables.execute("UPDATE nowhere SET x = 1"); }) == ErrorKind::Usage));
  BOOST_TEST((kind_of([&] { tables.query("SELEC 1"); }) == ErrorKind::Usage));
  BOOST_TEST((kind_of([&] {
                tables.execute("INSERT INTO sectors_of_game (id, name) VALUES (?, ?)",
                               {std::int64_t{9}});
              }) == ErrorKind::Usage));
  BOOST_TEST((kind_of([&] {
                tables.execute(
                    "INSERT INTO sectors_of_game (id, name) VALUES (9, 'X'); "
                    "DELETE FROM sectors_of_game");
              }) == ErrorKind::Usage));
  BOOST_TEST((kind_of([&] { tables.query("DELETE FROM sectors_of_game"); }) == ErrorKind::Usage));
  BOOST_TEST((kind_of([&] { tables.execute(""); }) == ErrorKind::Usage));
  BOOST_TEST(tables.query("SELECT count(*) FROM sectors_of_game")[0].integer(0) == 1);
  // A trailing comment is not a second statement.
  BOOST_TEST(tables.query("SELECT name FROM sectors_of_game; -- the only one").size() == 1u);
}

BOOST_AUTO_TEST_CASE(writes_are_commands_that_advance_the_world_first) {
  Galaxy galaxy;
  galaxy.clock->advance(kDay);
  galaxy.game.custom_tables().execute("UPDATE sectors_of_game SET danger = 0");
  BOOST_TEST(galaxy.game.reached_at() == test::kStart + kDay);
}

BOOST_AUTO_TEST_CASE(the_tables_persist_in_the_file) {
  test::TempFile file;
  {
    Galaxy galaxy(file.path);
    galaxy.game.custom_tables().execute("INSERT INTO sectors_of_game (id, name) VALUES (2, 'V')");
  }
  Galaxy reopened(file.path);
  BOOST_TEST(reopened.game.custom_tables().query("SELECT count(*) FROM sectors_of_game")[0].integer(
                 0) == 2);
}

// A game's SQL cannot leave its command's transaction, change the file's identity, attach other
// files, or write the engine's tables: each is an Error{Usage} that names why, and nothing of the
// command survives.
BOOST_AUTO_TEST_CASE(a_games_sql_stays_inside_its_command_and_its_own_tables) {
  test::TempFile file;
  {
    Galaxy galaxy(file.path);
    Game& game = galaxy.game;
    const std::string ann = game.players().create({.username = "ann"})->id;
    const std::string before = test::snapshot(game);
    auto refused = [&](std::vector<SqlStatement> statements, const std::string& says) {
      try {
        (void)game.custom_tables().execute_all(statements);
        BOOST_FAIL("accepted: " << statements.back().sql);
      } catch (const Error& error) {
        BOOST_TEST((error.kind() == ErrorKind::Usage));
        BOOST_TEST(std::string(error.what()).find(says) != std::string::npos, error.what());
      }
      BOOST_TEST((test::snapshot(game) == before));
    };
    const SqlStatement insert{"INSERT INTO sectors_of_game VALUES (2, 'Vega', 0.1)"};
    refused({insert, {"COMMIT"}, {"INSERT INTO nowhere VALUES (1)"}}, "transaction control");
    refused({insert, {"ROLLBACK"}}, "transaction control");
    refused({insert, {"SAVEPOINT x"}}, "transaction control");
    refused({{"PRAGMA user_version = 999"}}, "PRAGMA user_version");
    refused({{"PRAGMA application_id = 0"}}, "PRAGMA application_id");
    refused({{"PRAGMA journal_mode = DELETE"}}, "PRAGMA journal_mode");
    refused({{"ATTACH DATABASE ':memory:' AS other"}}, "ATTACH");
    refused({insert, {"UPDATE players SET turns = 999999"}}, "'players' is an engine table");
    refused({{"DELETE FROM events"}}, "'events' is an engine table");
    refused({{"INSERT INTO accounts (currency_id, owner_kind) VALUES (1, 'system')"}},
            "'accounts' is an engine table");
    refused({{"DROP TABLE users"}}, "'users' is an engine table");
    refused({{"CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END"}},
            "'users' is an engine table");
    // A trigger on the game's own table that writes an engine table is refused too.
    BOOST_TEST(
        game.custom_tables().execute("CREATE TRIGGER sneaky AFTER INSERT ON sectors_of_game BEGIN "
                                     "UPDATE players SET turns = 5; END") == 0);
    try {
      (void)game.custom_tables().execute(insert.sql);
      BOOST_FAIL("the trigger wrote an engine table");
    } catch (const Error& error) {
      BOOST_TEST(std::string(error.what()).find("'players'") != std::string::npos, error.what());
    }
    // Reading every table, describing pragmas, and writing its own tables are fine.
    BOOST_TEST(game.custom_tables().query("SELECT count(*) FROM players")[0].integer(0) == 1);
    BOOST_TEST(!game.custom_tables().query("PRAGMA table_info(players)").empty());
    BOOST_TEST(game.custom_tables().query("PRAGMA user_version")[0].integer(0) > 0);
    BOOST_TEST(game.custom_tables().execute("DROP TRIGGER sneaky") == 0);
    BOOST_TEST(game.custom_tables().execute(insert.sql) == 1);
    BOOST_TEST(game.turns().budget(ann)->available == game.rules().turns.starting);
  }
  // The file still opens.
  Galaxy again(file.path);
  BOOST_TEST(
      again.game.custom_tables().query("SELECT count(*) FROM sectors_of_game")[0].integer(0) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

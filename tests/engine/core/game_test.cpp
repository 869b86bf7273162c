// Opening a game: migrations, the stored rules, the seeded generator, the tick entry point.
#include "hearth/game.h"

#include <array>

#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "schema/schema.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;
using hearth::test::TempFile;

BOOST_AUTO_TEST_SUITE(game_test)

BOOST_FIXTURE_TEST_CASE(a_new_game_has_the_whole_schema_and_starts_at_the_clock, FreshGame) {
  BOOST_TEST(game.schema_version() == static_cast<int>(schema::files().size()));
  BOOST_TEST(game.reached_at() == test::kStart);
  BOOST_TEST((game.rules() == Rules{}));
  BOOST_TEST(game.now() == test::kStart);
}

BOOST_FIXTURE_TEST_CASE(advance_records_the_time_reached_and_never_goes_back, FreshGame) {
  game.advance_to(test::kStart + kDay);
  BOOST_TEST(game.reached_at() == test::kStart + kDay);
  game.advance_to(test::kStart + kHour);
  BOOST_TEST(game.reached_at() == test::kStart + kDay);
  clock->advance(2 * kDay);
  game.tick();
  BOOST_TEST(game.reached_at() == test::kStart + 2 * kDay);
}

BOOST_AUTO_TEST_CASE(reopening_keeps_state_and_applies_nothing) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  {
    Game game(test::options_with(clock, file.path));
    game.advance_to(test::kStart + kHour);
  }
  Game game(test::options_with(clock, file.path));
  BOOST_TEST(game.reached_at() == test::kStart + kHour);
  BOOST_TEST(game.schema_version() == static_cast<int>(schema::files().size()));
}

BOOST_AUTO_TEST_CASE(rules_with_problems_are_named_and_refused) {
  BOOST_TEST(Rules{}.problems().empty());
  Rules rules;
  rules.turns.per_day = -1;                 // a count below 0
  rules.reputation.decay_interval = 0;      // an interval not above 0
  rules.levels.activity_min = 20;           // a minimum above its maximum
  rules.inventory.sell_back_percent = 101;  // a percentage above 100
  rules.accounts.password_cost = 3;         // outside bcrypt's range
  rules.reputation.min_value = -900;        // a standing may be negative
  const std::vector<std::string> problems = rules.problems();
  BOOST_TEST_REQUIRE(problems.size() == 5u);
  BOOST_TEST(problems[0] == "turns.per_day is -1, below 0.");
  BOOST_TEST(problems[1] == "reputation.decay_interval is 0; it must be above 0.");
  BOOST_TEST(problems[2] == "levels.activity_min (20) is above levels.activity_max (15).");
  BOOST_TEST(problems[3] == "inventory.sell_back_percent (101) is above 100 (100).");
  BOOST_TEST(problems[4] == "accounts.password_cost is 3; bcrypt's is 4 to 31.");
  GameOptions options;
  options.rules = rules;
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(rules_round_trip_through_json) {
  Rules rules;
  rules.turns.per_day = 1234;
  rules.turns.max_multiplier = 1.25;
  rules.turns.daily_refill = true;
  rules.reputation.decay_grace = 3 * kDay;
  BOOST_TEST((Rules::from_json(rules.to_json()) == rules));
  // A document lacking fields keeps the defaults for them.
  const Rules partial = Rules::from_json(R"({"turns": {"per_day": 10}})");
  BOOST_TEST(partial.turns.per_day == 10);
  BOOST_TEST(partial.turns.base_cap == 1000);
  BOOST_TEST((partial.reputation == ReputationRules{}));
  BOOST_CHECK_EXCEPTION(Rules::from_json("{turns:"), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(Rules::from_json(R"({"turns": 5})"), Error,
                        test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(the_file_carries_its_rules_until_a_game_replaces_them) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  Rules custom;
  custom.turns.per_day = 77;
  {
    auto options = test::options_with(clock, file.path);
    options.rules = custom;
    Game game(options);
  }
  {
    Game game(test::options_with(clock, file.path));
    BOOST_TEST(game.rules().turns.per_day == 77);
  }
  auto options = test::options_with(clock, file.path);
  options.rules = Rules{};
  { Game game(options); }
  Game game(test::options_with(clock, file.path));
  BOOST_TEST(game.rules().turns.per_day == 1000);
}

BOOST_AUTO_TEST_CASE(malformed_rules_in_the_file_are_corrupt_data) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  {
    Game game(test::options_with(clock, file.path));
    core_of(game).run([](Command& command) {
      command.sql().exec(R"(UPDATE rules SET document = '{"turns": []}')");
    });
  }
  try {
    Game game(test::options_with(clock, file.path));
    BOOST_FAIL("opened");
  } catch (const Error& error) {
    BOOST_TEST((error.kind() == ErrorKind::CorruptData));
    BOOST_TEST(std::string(error.what()).find("rules.document") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_generator_is_deterministic_across_reopen) {
  auto clock = std::make_shared<ManualClock>(test::kStart);
  std::vector<std::string> straight;
  {
    Game game(test::options_with(clock));
    for (int i = 0; i < 6; ++i) straight.push_back(game.new_uuid());
    straight.push_back(std::to_string(game.roll(1, 6)));
  }
  TempFile file;
  std::vector<std::string> interrupted;
  {
    Game game(test::options_with(clock, file.path));
    for (int i = 0; i < 3; ++i) interrupted.push_back(game.new_uuid());
  }
  {
    Game game(test::options_with(clock, file.path));
    for (int i = 0; i < 3; ++i) interrupted.push_back(game.new_uuid());
    interrupted.push_back(std::to_string(game.roll(1, 6)));
  }
  BOOST_TEST(straight == interrupted);
  // Another seed, other ids.
  auto other = test::options_with(clock);
  other.seed = 43;
  BOOST_TEST(Game(other).new_uuid() != straight[0]);
}

BOOST_AUTO_TEST_CASE(uuids_are_version_4_lowercase_text) {
  Random random(1);
  for (int i = 0; i < 100; ++i) {
    const std::string id = random.uuid();
    BOOST_TEST_REQUIRE(id.size() == 36u);
    BOOST_TEST(id[8] == '-');
    BOOST_TEST(id[14] == '4');
    BOOST_TEST((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    BOOST_TEST(id.find_first_not_of("0123456789abcdef-") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(draws_stay_in_their_range) {
  Random random(7);
  std::array<int, 6> seen{};
  for (int i = 0; i < 6000; ++i) {
    const auto draw = random.between(1, 6);
    BOOST_TEST_REQUIRE((draw >= 1 && draw <= 6));
    ++seen[static_cast<std::size_t>(draw - 1)];
  }
  for (int count : seen) BOOST_TEST(count > 800);  // roughly uniform
  BOOST_TEST(random.between(-3, -3) == -3);
  const double unit = random.unit();
  BOOST_TEST((unit >= 0.0 && unit < 1.0));
}

BOOST_AUTO_TEST_CASE(a_game_adds_its_own_tables_through_migrations) {
  TempFile file;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  auto options = test::options_with(clock, file.path);
  options.game_name = "space";
  options.migrations = {
      {"0001_sectors.sql", "CREATE TABLE space_sectors (id INTEGER PRIMARY KEY);"},
      {"0002_seed.sql", "INSERT INTO space_sectors VALUES (1), (2);"}};
  { Game game(options); }
  {
    Game game(options);  // reopening applies nothing twice
    const int sectors = core_of(game).read([](SQLite::Database& sql) {
      return sql.execAndGet("SELECT count(*) FROM space_sectors").getInt();
    });
    BOOST_TEST(sectors == 2);
  }
  options.migrations.pop_back();
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::CorruptData));
  options.game_name = "hearth";
  BOOST_CHECK_EXCEPTION(Game{options}, Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_SUITE_END()

// The reference rows every new game file starts with (0007_reference_data.sql), checked against
// the research notes (research/sectorwars.md §2.1, §2.2, §3.2, §3.3, §6.1 and
// research/aurora-platform.md §2.2): reputation bands, personal tiers, military ranks, factions
// and rivalries, starter ships, the onboarding guard, currencies and their system accounts, and
// the role/privilege tree.
#include <set>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include "tests/support/database.h"

namespace hearth {

namespace {

// Every value of the first column of a query, as text, in the query's order.
std::vector<std::string> column_of(SQLite::Database& db, const std::string& query) {
  std::vector<std::string> values;
  SQLite::Statement statement(db, query);
  while (statement.executeStep()) values.push_back(statement.getColumn(0).getString());
  return values;
}

std::set<std::string> set_of(SQLite::Database& db, const std::string& query) {
  const std::vector<std::string> values = column_of(db, query);
  return {values.begin(), values.end()};
}

// The privileges a role grants itself (not through its ancestors).
std::set<std::string> own_privileges(SQLite::Database& db, const std::string& role) {
  return set_of(
      db,
      "SELECT p.privilege FROM roles AS r JOIN role_privileges AS rp ON rp.role_id = r.id "
      "JOIN privileges AS p ON p.id = rp.privilege_id WHERE r.role = '" +
          role + "'");
}

// The privileges a role holds: its own and those of every ancestor (the parent chain).
std::set<std::string> effective_privileges(SQLite::Database& db, const std::string& role) {
  return set_of(db,
                "WITH RECURSIVE chain (id) AS ("
                "  SELECT id FROM roles WHERE role = '" +
                    role +
                    "'"
                    "  UNION"
                    "  SELECT r.parent_id FROM roles AS r JOIN chain AS c ON r.id = c.id"
                    "  WHERE r.parent_id IS NOT NULL"
                    ") "
                    "SELECT DISTINCT p.privilege FROM chain JOIN role_privileges AS rp ON "
                    "rp.role_id = chain.id JOIN privileges AS p ON p.id = rp.privilege_id");
}

std::set<std::string> joined(std::initializer_list<std::set<std::string>> sets) {
  std::set<std::string> all;
  for (const auto& s : sets) all.insert(s.begin(), s.end());
  return all;
}

// A value band [min, max] of a tier table, in the order the walk visits it.
struct Band {
  std::string name;
  long long min = 0;
  long long max = 0;
};

// The bands of a tier table ordered by min_value.
std::vector<Band> bands_of(SQLite::Database& db, const std::string& table, const std::string& key) {
  std::vector<Band> bands;
  SQLite::Statement statement(
      db, "SELECT " + key + ", min_value, max_value FROM " + table + " ORDER BY min_value");
  while (statement.executeStep()) {
    bands.push_back({statement.getColumn(0).getString(), statement.getColumn(1).getInt64(),
                     statement.getColumn(2).getInt64()});
  }
  return bands;
}

// Walks the bands in order: the first starts at `low`, each starts right after the previous one
// ends (no gap, no overlap), none is empty, and the last ends at `high`. Returns the problems.
std::vector<std::string> tiling_problems(const std::vector<Band>& bands, long long low,
                                         long long high) {
  std::vector<std::string> problems;
  if (bands.empty()) return {"no bands"};
  if (bands.front().min != low) problems.push_back(bands.front().name + " does not start at low");
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].min > bands[i].max) problems.push_back(bands[i].name + " is empty");
    if (i > 0 && bands[i].min != bands[i - 1].max + 1) {
      problems.push_back(bands[i - 1].name + " and " + bands[i].name + " leave a gap or overlap");
    }
  }
  if (bands.back().max != high) problems.push_back(bands.back().name + " does not end at high");
  return problems;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reference_data_test, test::FreshDatabase)

// -- reputation -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seventeen_reputation_tiers_tile_minus_800_to_800_without_gaps_or_overlaps) {
  BOOST_TEST(scalar("SELECT count(*) FROM reputation_tiers") == 17);
  const std::vector<Band> bands = bands_of(sql, "reputation_tiers", "level");
  BOOST_TEST(bands.size() == 17u);
  const std::vector<std::string> problems = tiling_problems(bands, -800, 800);
  BOOST_TEST(problems.empty(), "tiling: " << (problems.empty() ? "" : problems.front()));

  // The code's bands (sectorwars §2.1): NEUTRAL -50..49, RECOGNIZED 50..99, then 100 wide.
  struct Tier {
    const char* level;
    int numeric;
    const char* title;
    int min;
    int max;
  };

  const std::vector<Tier> expected = {
      {"PUBLIC_ENEMY", -8, "Public Enemy", -800, -701},
      {"CRIMINAL", -7, "Criminal", -700, -601},
      {"OUTLAW", -6, "Outlaw", -600, -501},
      {"PIRATE", -5, "Pirate", -500, -401},
      {"SMUGGLER", -4, "Smuggler", -400, -301},
      {"UNTRUSTWORTHY", -3, "Untrustworthy", -300, -201},
      {"SUSPICIOUS", -2, "Suspicious", -200, -101},
      {"QUESTIONABLE", -1, "Questionable", -100, -51},
      {"NEUTRAL", 0, "Neutral", -50, 49},
      {"RECOGNIZED", 1, "Recognized", 50, 99},
      {"ACKNOWLEDGED", 2, "Acknowledged", 100, 199},
      {"TRUSTED", 3, "Trusted", 200, 299},
      {"RESPECTED", 4, "Respected", 300, 399},
      {"VALUED", 5, "Valued", 400, 499},
      {"HONORED", 6, "Honored", 500, 599},
      {"REVERED", 7, "Revered", 600, 699},
      {"EXALTED", 8, "Exalted", 700, 800},
  };
  SQLite::Statement rows(sql,
                         "SELECT level, numeric_level, title, min_value, max_value FROM "
                         "reputation_tiers ORDER BY min_value");
  std::size_t i = 0;
  while (rows.executeStep() && i < expected.size()) {
    BOOST_TEST_CONTEXT("tier " << expected[i].level) {
      BOOST_TEST(rows.getColumn(0).getString() == expected[i].level);
      BOOST_TEST(rows.getColumn(1).getInt() == expected[i].numeric);
      BOOST_TEST(rows.getColumn(2).getString() == expected[i].title);
      BOOST_TEST(rows.getColumn(3).getInt() == expected[i].min);
      BOOST_TEST(rows.getColumn(4).getInt() == expected[i].max);
    }
    ++i;
  }
  BOOST_TEST(i == expected.size());
  // Ordered by value, the numeric levels climb -8..8 one step at a time.
  BOOST_TEST(scalar("SELECT count(*) FROM (SELECT numeric_level - lag(numeric_level) OVER "
                    "(ORDER BY min_value) AS step FROM reputation_tiers) WHERE step <> 1") == 0);

  BOOST_TEST(scalar("SELECT min_value = -50 AND max_value = 49 FROM reputation_tiers WHERE level "
                    "= 'NEUTRAL'") == 1);
  BOOST_TEST(scalar("SELECT min_value = 50 AND max_value = 99 FROM reputation_tiers WHERE level = "
                    "'RECOGNIZED'") == 1);
  BOOST_TEST(scalar("SELECT min_value = 700 AND max_value = 800 FROM reputation_tiers WHERE level "
                    "= 'EXALTED'") == 1);
  BOOST_TEST(scalar("SELECT min_value = -800 AND max_value = -701 FROM reputation_tiers WHERE "
                    "level = 'PUBLIC_ENEMY'") == 1);
  // Every value of the range falls in exactly one band.
  BOOST_TEST(scalar("WITH RECURSIVE v (x) AS (SELECT -800 UNION ALL SELECT x + 1 FROM v WHERE x < "
                    "800) SELECT count(*) FROM v WHERE (SELECT count(*) FROM reputation_tiers "
                    "WHERE x BETWEEN min_value AND max_value) <> 1") == 0);
}

BOOST_AUTO_TEST_CASE(eight_personal_tiers_tile_minus_1000_to_1000_with_neutral_exactly_zero) {
  BOOST_TEST(scalar("SELECT count(*) FROM personal_reputation_tiers") == 8);
  const std::vector<Band> bands = bands_of(sql, "personal_reputation_tiers", "name");
  const std::vector<std::string> problems = tiling_problems(bands, -1000, 1000);
  BOOST_TEST(problems.empty(), "tiling: " << (problems.empty() ? "" : problems.front()));

  // sectorwars §2.2: range, name colour, price factor (player pays), aggro, standing bonus.
  struct Tier {
    const char* name;
    int min;
    int max;
    const char* color;
    int price_factor_pct;
    int aggro;
    int bonus;
  };

  const std::vector<Tier> expected = {
      {"Villain", -1000, -750, "#FF0000", 120, 1, 0},
      {"Criminal", -749, -500, "#FF4400", 115, 1, 0},
      {"Outlaw", -499, -250, "#FF8800", 110, 0, 0},
      {"Suspicious", -249, -1, "#FFCC00", 105, 0, 0},
      {"Neutral", 0, 0, "#FFFFFF", 100, 0, 0},
      {"Lawful", 1, 249, "#88FF88", 97, 0, 0},
      {"Heroic", 250, 499, "#00FF00", 95, 0, 5},
      {"Legendary", 500, 1000, "#00FFFF", 90, 0, 5},
  };
  SQLite::Statement rows(
      sql,
      "SELECT name, min_value, max_value, name_color, "
      "CAST(round(price_factor * 100) AS INTEGER), bounty_hunter_aggro, "
      "faction_standing_bonus FROM personal_reputation_tiers ORDER BY min_value");
  std::size_t i = 0;
  while (rows.executeStep() && i < expected.size()) {
    BOOST_TEST_CONTEXT("tier " << expected[i].name) {
      BOOST_TEST(rows.getColumn(0).getString() == expected[i].name);
      BOOST_TEST(rows.getColumn(1).getInt() == expected[i].min);
      BOOST_TEST(rows.getColumn(2).getInt() == expected[i].max);
      BOOST_TEST(rows.getColumn(3).getString() == expected[i].color);
      BOOST_TEST(rows.getColumn(4).getInt() == expected[i].price_factor_pct);
      BOOST_TEST(rows.getColumn(5).getInt() == expected[i].aggro);
      BOOST_TEST(rows.getColumn(6).getInt() == expected[i].bonus);
    }
    ++i;
  }
  BOOST_TEST(i == expected.size());
  BOOST_TEST(scalar("SELECT min_value = 0 AND max_value = 0 FROM personal_reputation_tiers WHERE "
                    "name = 'Neutral'") == 1);
  // The better the standing, the less a player pays.
  BOOST_TEST(scalar("SELECT count(*) FROM (SELECT price_factor - lag(price_factor) OVER (ORDER BY "
                    "min_value) AS step FROM personal_reputation_tiers) WHERE step >= 0") == 0);
  // A new player's cached tier and colour are the Neutral row.
  BOOST_TEST(scalar("SELECT count(*) FROM pragma_table_info('players') WHERE (name = "
                    "'reputation_tier' AND dflt_value = '''Neutral''') OR (name = 'name_color' "
                    "AND dflt_value = '''#FFFFFF''')") == 2);
}

// -- ranks ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(eighteen_military_ranks_climb_strictly_in_points_and_never_lose_turn_bonus) {
  BOOST_TEST(scalar("SELECT count(*) FROM military_ranks") == 18);
  BOOST_TEST(scalar("SELECT min(level) = 0 AND max(level) = 17 FROM military_ranks") == 1);

  // sectorwars §6.1: name, tier, points needed, trade %, combat %, +max turns, achievement gate.
  struct Rank {
    const char* name;
    const char* tier;
    int points;
    int trade;
    int combat;
    int turns;
    std::vector<std::pair<const char*, int>> gate;
  };

  const std::vector<Rank> expected = {
      {"Recruit", "Enlisted", 0, 0, 0, 0, {}},
      {"Spacer", "Enlisted", 50, 2, 1, 5, {}},
      {"Corporal", "Enlisted", 150, 3, 2, 10, {}},
      {"Sergeant", "NCO", 300, 5, 4, 15, {{"trades", 25}, {"sectors_visited", 50}}},
      {"Staff Sergeant", "NCO", 500, 6, 5, 20, {{"trades", 50}, {"combat_wins", 10}}},
      {"Master Sergeant",
       "NCO",
       800,
       7,
       6,
       25,
       {{"trades", 100}, {"combat_wins", 25}, {"sectors_visited", 100}}},
      {"Warrant Officer", "Warrant", 1200, 8, 8, 30, {{"trades", 200}, {"combat_wins", 50}}},
      {"Chief Warrant Officer", "Warrant", 1800, 10, 10, 35, {}},
      {"Ensign", "Officer", 2500, 12, 12, 40, {{"combat_wins", 100}, {"planets_owned", 1}}},
      {"Lieutenant", "Officer", 3500, 15, 14, 45, {{"trades", 500}, {"combat_wins", 200}}},
      {"Commander", "Officer", 5000, 18, 16, 50, {{"combat_wins", 500}, {"planets_owned", 3}}},
      {"Captain",
       "Officer",
       7000,
       20,
       18,
       55,
       {{"trades", 1000}, {"combat_wins", 1000}, {"planets_owned", 5}}},
      {"Senior Captain", "Officer", 10000, 22, 20, 60, {}},
      {"Commodore", "Flag", 14000, 25, 22, 70, {}},
      {"Rear Admiral", "Flag", 20000, 30, 25, 80, {}},
      {"Vice Admiral", "Flag", 28000, 35, 28, 90, {}},
      {"Admiral", "Flag", 40000, 40, 32, 100, {}},
      {"Fleet Admiral", "Flag", 60000, 50, 40, 120, {}},
  };
  BOOST_TEST(expected.size() == 18u);
  for (std::size_t level = 0; level < expected.size(); ++level) {
    const Rank& rank = expected[level];
    BOOST_TEST_CONTEXT("rank " << level << " " << rank.name) {
      SQLite::Statement row(sql,
                            "SELECT name, tier, points_required, trade_discount_pct, "
                            "combat_damage_pct, max_turns_bonus, requirements FROM military_ranks "
                            "WHERE level = ?");
      row.bind(1, static_cast<int>(level));
      BOOST_TEST_REQUIRE(row.executeStep());
      BOOST_TEST(row.getColumn(0).getString() == rank.name);
      BOOST_TEST(row.getColumn(1).getString() == rank.tier);
      BOOST_TEST(row.getColumn(2).getInt() == rank.points);
      BOOST_TEST(row.getColumn(3).getInt() == rank.trade);
      BOOST_TEST(row.getColumn(4).getInt() == rank.combat);
      BOOST_TEST(row.getColumn(5).getInt() == rank.turns);
      const std::string requirements = row.getColumn(6).getString();
      BOOST_TEST(scalar("SELECT count(*) FROM json_each('" + requirements + "')") ==
                 static_cast<long long>(rank.gate.size()));
      for (const auto& [key, value] : rank.gate) {
        BOOST_TEST_CONTEXT("requirement " << key) {
          BOOST_TEST(scalar("SELECT coalesce(json_extract('" + requirements + "', '$." + key +
                            "'), -1)") == value);
        }
      }
    }
  }

  // Walked in level order: points strictly increase, no bonus ever shrinks.
  SQLite::Statement walk(sql,
                         "SELECT name, points_required, max_turns_bonus, trade_discount_pct, "
                         "combat_damage_pct FROM military_ranks ORDER BY level");
  long long previous_points = -1;
  long long previous_turns = -1;
  long long previous_trade = -1;
  long long previous_combat = -1;
  int walked = 0;
  while (walk.executeStep()) {
    BOOST_TEST_CONTEXT("rank " << walk.getColumn(0).getString()) {
      BOOST_TEST(walk.getColumn(1).getInt64() > previous_points);
      BOOST_TEST(walk.getColumn(2).getInt64() >= previous_turns);
      BOOST_TEST(walk.getColumn(3).getInt64() >= previous_trade);
      BOOST_TEST(walk.getColumn(4).getInt64() >= previous_combat);
    }
    previous_points = walk.getColumn(1).getInt64();
    previous_turns = walk.getColumn(2).getInt64();
    previous_trade = walk.getColumn(3).getInt64();
    previous_combat = walk.getColumn(4).getInt64();
    ++walked;
  }
  BOOST_TEST(walked == 18);
  BOOST_TEST(scalar("SELECT points_required = 0 AND max_turns_bonus = 0 AND level = 0 FROM "
                    "military_ranks WHERE name = 'Recruit'") == 1);
  BOOST_TEST(scalar("SELECT points_required = 60000 AND max_turns_bonus = 120 AND level = 17 FROM "
                    "military_ranks WHERE name = 'Fleet Admiral'") == 1);
  // A new player is a Recruit.
  BOOST_TEST(scalar("SELECT count(*) FROM pragma_table_info('players') WHERE name = "
                    "'military_rank' AND dflt_value = '''Recruit'''") == 1);
}

// -- factions -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_factions_are_seeded_with_the_two_rivalries) {
  const std::vector<std::string> codes = column_of(sql, "SELECT code FROM factions ORDER BY id");
  const std::vector<std::string> expected_codes = {"terran_federation",
                                                   "mercantile_guild",
                                                   "frontier_coalition",
                                                   "astral_mining_consortium",
                                                   "nova_scientific_institute",
                                                   "fringe_alliance",
                                                   "pirates",
                                                   "shadow_syndicate"};
  BOOST_TEST(codes == expected_codes, boost::test_tools::per_element());
  // Ids follow the convention fac00000-0000-4000-8000-00000000000N, N = 1..8 in roster order.
  std::vector<std::string> expected_ids;
  for (int n = 1; n <= 8; ++n)
    expected_ids.push_back("fac00000-0000-4000-8000-00000000000" + std::to_string(n));
  BOOST_TEST(column_of(sql, "SELECT id FROM factions ORDER BY id") == expected_ids,
             boost::test_tools::per_element());
  BOOST_TEST(scalar("SELECT count(*) FROM factions WHERE (code, name, faction_type) IN (VALUES "
                    "('terran_federation', 'Terran Federation', 'Federation'), "
                    "('mercantile_guild', 'Mercantile Guild', 'Merchants'), "
                    "('fringe_alliance', 'Fringe Alliance', 'Outlaws'), "
                    "('pirates', 'Pirates', 'Pirates'), "
                    "('shadow_syndicate', 'Shadow Syndicate', 'Syndicate'))") == 5);

  BOOST_TEST(scalar("SELECT count(*) FROM faction_rivalries") == 2);
  const auto rivalry = [this](const std::string& one, const std::string& other) {
    return scalar(
        "SELECT coalesce((SELECT r.max_combined FROM faction_rivalries AS r JOIN factions AS a ON "
        "a.id = r.faction_a_id JOIN factions AS b ON b.id = r.faction_b_id WHERE (a.code = '" +
        one + "' AND b.code = '" + other + "') OR (a.code = '" + other + "' AND b.code = '" + one +
        "')), 0)");
  };
  BOOST_TEST(rivalry("terran_federation", "fringe_alliance") == 800);
  BOOST_TEST(rivalry("mercantile_guild", "shadow_syndicate") == 600);
  BOOST_TEST(rivalry("terran_federation", "pirates") == 0);
}

// -- onboarding -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ship_rarity_config_holds_the_code_seed_numbers) {
  BOOST_TEST(scalar("SELECT count(*) FROM ship_rarity_config") == 8);

  // sectorwars §3.3, the code-seed column: tier, spawn weight, base credits, weak / average /
  // strong persuasion thresholds (in hundredths).
  struct Ship {
    const char* type;
    int tier;
    int spawn;
    int credits;
    int weak;
    int average;
    int strong;
  };

  const std::vector<Ship> expected = {
      {"ESCAPE_POD", 1, 100, 1000, 30, 30, 30},  {"LIGHT_FREIGHTER", 2, 50, 2500, 40, 35, 30},
      {"SCOUT_SHIP", 3, 25, 2000, 55, 50, 45},   {"FAST_COURIER", 3, 20, 3000, 55, 50, 45},
      {"CARGO_HAULER", 4, 10, 5000, 65, 55, 50}, {"DEFENDER", 5, 5, 7000, 75, 65, 60},
      {"COLONY_SHIP", 6, 3, 10000, 80, 70, 65},  {"CARRIER", 7, 1, 15000, 85, 75, 70},
  };
  for (const Ship& ship : expected) {
    BOOST_TEST_CONTEXT("ship " << ship.type) {
      SQLite::Statement row(sql,
                            "SELECT rarity_tier, spawn_chance, base_credits, "
                            "CAST(round(weak_threshold * 100) AS INTEGER), "
                            "CAST(round(average_threshold * 100) AS INTEGER), "
                            "CAST(round(strong_threshold * 100) AS INTEGER) FROM "
                            "ship_rarity_config WHERE ship_type = ?");
      row.bind(1, ship.type);
      BOOST_TEST_REQUIRE(row.executeStep());
      BOOST_TEST(row.getColumn(0).getInt() == ship.tier);
      BOOST_TEST(row.getColumn(1).getInt() == ship.spawn);
      BOOST_TEST(row.getColumn(2).getInt() == ship.credits);
      BOOST_TEST(row.getColumn(3).getInt() == ship.weak);
      BOOST_TEST(row.getColumn(4).getInt() == ship.average);
      BOOST_TEST(row.getColumn(5).getInt() == ship.strong);
    }
  }
  // A better negotiator never needs a higher score; rarer ships are never drawn more often.
  BOOST_TEST(scalar("SELECT count(*) FROM ship_rarity_config WHERE NOT (weak_threshold >= "
                    "average_threshold AND average_threshold >= strong_threshold)") == 0);
  BOOST_TEST(scalar("SELECT count(*) FROM ship_rarity_config AS a JOIN ship_rarity_config AS b ON "
                    "a.rarity_tier < b.rarity_tier WHERE a.spawn_chance < b.spawn_chance") == 0);
  // WARP_JUMPER is a ship type but never a starter ship.
  BOOST_TEST(scalar("SELECT count(*) FROM ship_rarity_config WHERE ship_type = 'WARP_JUMPER'") ==
             0);
}

BOOST_AUTO_TEST_CASE(the_onboarding_guard_has_12_names_6_titles_and_6_traits) {
  BOOST_TEST(scalar("SELECT count(*) FROM guard_personalities") == 24);
  // The guard's words: 4 topics of 3 questions, asked in topic_position order; 4 lines.
  BOOST_TEST(scalar("SELECT count(*) FROM guard_questions") == 12);
  BOOST_TEST(scalar("SELECT count(DISTINCT topic) FROM guard_questions") == 4);
  BOOST_TEST(scalar("SELECT count(*) FROM guard_questions WHERE text LIKE '%{ship}%'") == 4);
  BOOST_TEST(scalar("SELECT count(*) FROM guard_lines") == 4);
  // sectorwars §3.2, in index order (the index is picked from the session hash).
  const std::vector<std::string> names = {"Chen",     "Rodriguez", "Sato",   "O'Brien",
                                          "Kowalski", "Singh",     "Müller", "Nakamura",
                                          "Garcia",   "Petrov",    "Kim",    "Anderson"};
  const std::vector<std::string> titles = {"Security Officer",  "Guard",
                                           "Security Chief",    "Station Inspector",
                                           "Docking Authority", "Customs Officer"};
  BOOST_TEST(column_of(sql,
                       "SELECT value FROM guard_personalities WHERE kind = 'name' ORDER BY "
                       "position") == names,
             boost::test_tools::per_element());
  BOOST_TEST(column_of(sql,
                       "SELECT value FROM guard_personalities WHERE kind = 'title' ORDER BY "
                       "position") == titles,
             boost::test_tools::per_element());
  // Positions run 0..n-1 with no hole, for every kind.
  BOOST_TEST(scalar("SELECT count(*) FROM (SELECT kind, count(*) AS n, min(position) AS low, "
                    "max(position) AS high FROM guard_personalities GROUP BY kind) WHERE low <> 0 "
                    "OR high <> n - 1") == 0);

  struct Trait {
    const char* value;
    int base_suspicion;  // hundredths
    int threshold_modifier;
  };

  const std::vector<Trait> traits = {
      {"Strict Rule-Follower", 60, 10}, {"Friendly Veteran", 30, -10},
      {"Paranoid Newbie", 70, 10},      {"Tired Night-Shifter", 40, -10},
      {"Shrewd Investigator", 50, 0},   {"Cynical Bureaucrat", 55, 0},
  };
  SQLite::Statement rows(sql,
                         "SELECT value, CAST(round(base_suspicion * 100) AS INTEGER), "
                         "CAST(round(threshold_modifier * 100) AS INTEGER), "
                         "length(coalesce(description, '')) FROM guard_personalities WHERE kind = "
                         "'trait' ORDER BY position");
  std::size_t i = 0;
  while (rows.executeStep() && i < traits.size()) {
    BOOST_TEST_CONTEXT("trait " << traits[i].value) {
      BOOST_TEST(rows.getColumn(0).getString() == traits[i].value);
      BOOST_TEST(rows.getColumn(1).getInt() == traits[i].base_suspicion);
      BOOST_TEST(rows.getColumn(2).getInt() == traits[i].threshold_modifier);
      BOOST_TEST(rows.getColumn(3).getInt() > 0);  // every trait has its one-line description
    }
    ++i;
  }
  BOOST_TEST(i == traits.size());
  BOOST_TEST(scalar("SELECT count(*) FROM guard_personalities WHERE kind <> 'trait' AND "
                    "(base_suspicion IS NOT NULL OR threshold_modifier IS NOT NULL)") == 0);
}

// -- money ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exactly_one_default_currency_and_every_currency_has_its_mint_and_sink) {
  BOOST_TEST(scalar("SELECT count(*) FROM currencies") == 13);
  BOOST_TEST(scalar("SELECT count(*) FROM currencies WHERE is_default = 1") == 1);
  BOOST_TEST(column_of(sql, "SELECT name FROM currencies WHERE is_default = 1") ==
                 std::vector<std::string>{"credits"},
             boost::test_tools::per_element());
  BOOST_TEST(scalar("SELECT id = 1 AND type = 'whole' AND kind = 'money' FROM currencies WHERE "
                    "is_default = 1") == 1);
  BOOST_TEST(scalar("SELECT type = 'denom' AND kind = 'money' FROM currencies WHERE name = "
                    "'fragments'") == 1);
  // The space game's eleven treasury resources.
  BOOST_TEST(
      set_of(sql, "SELECT name FROM currencies WHERE kind = 'resource'") ==
          std::set<std::string>({"fuel", "organics", "equipment", "technology", "luxury_items",
                                 "precious_metals", "raw_materials", "plasma", "bio_samples",
                                 "dark_matter", "quantum_crystals"}),
      boost::test_tools::per_element());

  // Currency c: mint account 2c - 1 (may go negative), sink account 2c; nothing else yet.
  BOOST_TEST(scalar("SELECT count(*) FROM accounts") == 26);
  BOOST_TEST(scalar("SELECT count(*) FROM currencies AS c WHERE "
                    "(SELECT count(*) FROM accounts AS a WHERE a.currency_id = c.id AND a.id = "
                    "2 * c.id - 1 AND a.owner_kind = 'system' AND a.system_name = 'mint' AND "
                    "a.allow_negative = 1) = 1 AND "
                    "(SELECT count(*) FROM accounts AS a WHERE a.currency_id = c.id AND a.id = "
                    "2 * c.id AND a.owner_kind = 'system' AND a.system_name = 'sink' AND "
                    "a.allow_negative = 0) = 1") == 13);
  BOOST_TEST(scalar("SELECT count(*) FROM accounts WHERE owner_kind <> 'system' OR balance <> 0") ==
             0);
  BOOST_TEST(scalar("SELECT count(*) FROM transactions") == 0);
}

// -- roles and privileges -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_role_tree_runs_player_member_moderator_admin) {
  BOOST_TEST(set_of(sql, "SELECT role FROM roles") ==
                 std::set<std::string>({"player", "member", "moderator", "admin", "reduced"}),
             boost::test_tools::per_element());
  // Walk the parent chain up from admin.
  const std::vector<std::string> chain =
      column_of(sql,
                "WITH RECURSIVE up (id, depth) AS (SELECT id, 0 FROM roles WHERE role = 'admin' "
                "UNION ALL SELECT r.parent_id, up.depth + 1 FROM roles AS r JOIN up ON r.id = "
                "up.id WHERE r.parent_id IS NOT NULL AND up.depth < 10) "
                "SELECT r.role FROM up JOIN roles AS r ON r.id = up.id ORDER BY up.depth");
  const std::vector<std::string> expected_chain = {"admin", "moderator", "member", "player"};
  BOOST_TEST(chain == expected_chain, boost::test_tools::per_element());
  BOOST_TEST(scalar("SELECT parent_id IS NULL FROM roles WHERE role = 'player'") == 1);
  BOOST_TEST(scalar("SELECT parent_id IS NULL FROM roles WHERE role = 'reduced'") == 1);
  // New users get 'player', and only 'player'.
  BOOST_TEST(column_of(sql, "SELECT role FROM roles WHERE automatic = 1") ==
                 std::vector<std::string>{"player"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_role_grants_what_its_level_adds) {
  BOOST_TEST(scalar("SELECT count(*) FROM privileges") == 24);
  BOOST_TEST(scalar("SELECT count(*) FROM privileges WHERE automatic = 1") == 0);
  // aurora-platform §2.2.
  const std::set<std::string> player = {
      "web",         "report",          "play",  "shop", "community",
      "create:game", "create:clothing", "trade", "oidc"};
  const std::set<std::string> member = {"create:accessory"};
  // 'moderate' (moderation cases) comes with migration 0017.
  const std::set<std::string> moderator = {"ban", "privban", "contentmod", "server:quarantine",
                                           "moderate"};
  // The notes list contentedit as an admin privilege too ("contentedit (admin)").
  const std::set<std::string> admin = {"permaban", "server:stop", "server:banhost",
                                       "server:provision", "contentedit"};
  BOOST_TEST(own_privileges(sql, "player") == player, boost::test_tools::per_element());
  BOOST_TEST(own_privileges(sql, "member") == member, boost::test_tools::per_element());
  BOOST_TEST(own_privileges(sql, "moderator") == moderator, boost::test_tools::per_element());
  BOOST_TEST(own_privileges(sql, "admin") == admin, boost::test_tools::per_element());
  BOOST_TEST(own_privileges(sql, "reduced") == std::set<std::string>({"web", "report"}),
             boost::test_tools::per_element());
  // Each role lists only what it adds: no role repeats a privilege one of its ancestors grants.
  BOOST_TEST(scalar("WITH RECURSIVE ancestry (role_id, ancestor_id) AS ("
                    "  SELECT id, parent_id FROM roles WHERE parent_id IS NOT NULL"
                    "  UNION"
                    "  SELECT a.role_id, r.parent_id FROM ancestry AS a JOIN roles AS r ON r.id = "
                    "a.ancestor_id WHERE r.parent_id IS NOT NULL"
                    ") SELECT count(*) FROM ancestry AS a JOIN role_privileges AS own ON "
                    "own.role_id = a.role_id JOIN role_privileges AS inherited ON "
                    "inherited.role_id = a.ancestor_id AND inherited.privilege_id = "
                    "own.privilege_id") == 0);
  // 'root' (anything), 'host' (granted by account age) and 'classbank' (the game's to give)
  // belong to no role.
  BOOST_TEST(scalar("SELECT count(*) FROM role_privileges AS rp JOIN privileges AS p ON p.id = "
                    "rp.privilege_id WHERE p.privilege IN ('root', 'host', 'classbank')") == 0);
}

BOOST_AUTO_TEST_CASE(effective_privileges_of_a_role_include_everything_up_its_parent_chain) {
  const std::set<std::string> player = {
      "web",         "report",          "play",  "shop", "community",
      "create:game", "create:clothing", "trade", "oidc"};
  const std::set<std::string> member = joined({player, {"create:accessory"}});
  const std::set<std::string> moderator =
      joined({member, {"ban", "privban", "contentmod", "server:quarantine", "moderate"}});
  const std::set<std::string> admin =
      joined({moderator,
              {"permaban", "server:stop", "server:banhost", "server:provision", "contentedit"}});

  const std::set<std::string> of_admin = effective_privileges(sql, "admin");
  BOOST_TEST(of_admin.count("web") == 1u);
  BOOST_TEST(of_admin.count("permaban") == 1u);
  BOOST_TEST(of_admin == admin, boost::test_tools::per_element());
  BOOST_TEST(of_admin.size() == 20u);
  BOOST_TEST(effective_privileges(sql, "moderator") == moderator, boost::test_tools::per_element());
  BOOST_TEST(effective_privileges(sql, "member") == member, boost::test_tools::per_element());
  BOOST_TEST(effective_privileges(sql, "player") == player, boost::test_tools::per_element());
  BOOST_TEST(effective_privileges(sql, "moderator").count("permaban") == 0u);
  BOOST_TEST(effective_privileges(sql, "reduced") == std::set<std::string>({"web", "report"}),
             boost::test_tools::per_element());
}

// -- the file as shipped --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reference_rows_ship_as_part_of_the_file_from_the_start) {
  // created_at = updated_at = 0 marks a row that shipped with the schema.
  for (const char* table :
       {"sectors", "factions", "currencies", "accounts", "privileges", "roles"}) {
    BOOST_TEST_CONTEXT(table) {
      BOOST_TEST(scalar("SELECT count(*) FROM " + std::string(table)) > 0);
      BOOST_TEST(scalar("SELECT count(*) FROM " + std::string(table) +
                        " WHERE created_at <> 0 OR updated_at <> 0") == 0);
    }
  }
  // Sector 1, the starting sector, and nothing a player or user would own.
  BOOST_TEST(scalar("SELECT count(*) FROM sectors") == 1);
  BOOST_TEST(scalar("SELECT count(*) FROM sectors WHERE id = 1") == 1);
  for (const char* table : {"users", "players", "teams", "content", "items", "quests"}) {
    BOOST_TEST_CONTEXT(table) {
      BOOST_TEST(scalar("SELECT count(*) FROM " + std::string(table)) == 0);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

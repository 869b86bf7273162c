// The player domain of migration 0003 (and the hull table of 0008): map, factions, reference
// tables, players, ships, reputations, teams, messages, onboarding rows. For each table a valid row
// inserts and each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its violation, leaving the table
// as it was.
#include <boost/test/unit_test.hpp>

#include "tests/support/constraints.h"

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(players_constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(factions_and_rivalries_take_valid_rows_and_refuse_each_violation) {
  Table factions(*this, "factions");
  BOOST_TEST(factions.count() == 8);
  BOOST_TEST(factions.accepts(with(faction_row(kNewFaction, "void_walkers", "Void Walkers"),
                                   {{"territory_sectors", q("[1, 2]")},
                                    {"trade_specialties", q(R"(["fuel"])")},
                                    {"aggression_level", "10"},
                                    {"diplomacy_stance", q("hostile")},
                                    {"color_primary", q("#123456")},
                                    {"home_sector_id", "1"}})));
  const Row next = faction_row(uuid(32), "star_seekers", "Star Seekers");
  BOOST_TEST(
      factions.refuses(with(next, "code", q("terran_federation")), {kUnique, "factions.code"}));
  BOOST_TEST(
      factions.refuses(with(next, "code", q("Star_Seekers")), {kCheck, "code = lower(code)"}));
  BOOST_TEST(factions.refuses(with(next, "code", q("")), {kCheck, "length(code)"}));
  BOOST_TEST(
      factions.refuses(with(next, "name", q("terran FEDERATION")), {kUnique, "factions.name"}));
  BOOST_TEST(
      factions.refuses(with(next, "faction_type", q("explorers")), {kCheck, "faction_type"}));
  BOOST_TEST(factions.refuses(with(next, "faction_type", q("Traders")), {kCheck, "faction_type"}));
  BOOST_TEST(factions.refuses(without(next, "faction_type"), {kNotNull, "factions.faction_type"}));
  BOOST_TEST(
      factions.refuses(with(next, "territory_sectors", q("{}")), {kCheck, "territory_sectors"}));
  BOOST_TEST(
      factions.refuses(with(next, "territory_sectors", q("[1, 2")), {kCheck, "territory_sectors"}));
  BOOST_TEST(
      factions.refuses(with(next, "trade_specialties", q("fuel")), {kCheck, "trade_specialties"}));
  BOOST_TEST(factions.refuses(with(next, "base_pricing_modifier", "0"),
                              {kCheck, "base_pricing_modifier"}));
  BOOST_TEST(factions.refuses(with(next, "aggression_level", "0"), {kCheck, "aggression_level"}));
  BOOST_TEST(factions.refuses(with(next, "aggression_level", "11"), {kCheck, "aggression_level"}));
  BOOST_TEST(factions.refuses(with(next, "diplomacy_stance", q("Friendly")),
                              {kCheck, "diplomacy_stance"}));
  BOOST_TEST(factions.refuses(with(next, "color_primary", q("#FFF")), {kCheck, "color_primary"}));
  BOOST_TEST(
      factions.refuses(with(next, "color_secondary", q("#FFFFFFF")), {kCheck, "color_secondary"}));
  BOOST_TEST(
      factions.refuses(with(next, "logo_url", q(std::string(256, 'l'))), {kCheck, "logo_url"}));
  BOOST_TEST(factions.refuses(with(next, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(factions.accepts(with(next, "aggression_level", "1")));
  BOOST_TEST(scalar("SELECT territory_sectors = '[]' AND trade_specialties = '[]' AND "
                    "base_pricing_modifier = 1.0 AND diplomacy_stance = 'neutral' FROM factions "
                    "WHERE code = 'star_seekers'") == 1);

  Table rivalries(*this, "faction_rivalries");
  BOOST_TEST(rivalries.count() == 2);
  // Stored with faction_a_id < faction_b_id.
  const Row pair = {
      {"faction_a_id", q(kTerran)}, {"faction_b_id", q(kShadow)}, {"max_combined", "1600"}};
  BOOST_TEST(rivalries.accepts(pair));
  BOOST_TEST(rivalries.refuses(
      {{"faction_a_id", q(kShadow)}, {"faction_b_id", q(kTerran)}, {"max_combined", "500"}},
      {kCheck, "faction_a_id < faction_b_id"}));
  BOOST_TEST(rivalries.refuses(with(pair, "faction_b_id", q(kFringe)),
                               {kUnique, "faction_rivalries.faction_a_id"}));
  const Row next_pair = {
      {"faction_a_id", q(kNewFaction)}, {"faction_b_id", q(kMercantile)}, {"max_combined", "1"}};
  BOOST_TEST(rivalries.refuses(with(next_pair, "max_combined", "0"), {kCheck, "max_combined"}));
  BOOST_TEST(rivalries.refuses(with(next_pair, "max_combined", "1601"), {kCheck, "max_combined"}));
  BOOST_TEST(rivalries.refuses(with(next_pair, "faction_a_id", q(uuid(39))), {kForeignKey}));
  BOOST_TEST(rivalries.refuses(without(next_pair, "max_combined"),
                               {kNotNull, "faction_rivalries.max_combined"}));
  BOOST_TEST(rivalries.accepts(next_pair));
}

BOOST_AUTO_TEST_CASE(reference_tables_take_valid_rows_and_refuse_each_violation) {
  // Each table already holds its seeded rows: a seeded row is taken out and put back, with every
  // violation tried in between.
  Table tiers(*this, "reputation_tiers");
  const Row exalted = {{"level", q("EXALTED")},
                       {"numeric_level", "8"},
                       {"title", q("Exalted")},
                       {"min_value", "700"},
                       {"max_value", "800"}};
  BOOST_TEST(tiers.refuses(exalted, {kUnique}));
  run(*this, "DELETE FROM reputation_tiers WHERE level = 'EXALTED'");
  BOOST_TEST(tiers.refuses(with(exalted, "level", q("Exalted")), {kCheck, "level IN"}));
  BOOST_TEST(tiers.refuses(with(exalted, "level", q("ASCENDED")), {kCheck, "level IN"}));
  BOOST_TEST(tiers.refuses(with(exalted, "numeric_level", "9"), {kCheck, "numeric_level"}));
  BOOST_TEST(tiers.refuses(with(exalted, "numeric_level", "7"),
                           {kUnique, "reputation_tiers.numeric_level"}));
  BOOST_TEST(
      tiers.refuses(with(exalted, "title", q("Revered")), {kUnique, "reputation_tiers.title"}));
  BOOST_TEST(tiers.refuses(with(exalted, "title", q("")), {kCheck, "length(title)"}));
  BOOST_TEST(
      tiers.refuses(with(exalted, "min_value", "600"), {kUnique, "reputation_tiers.min_value"}));
  BOOST_TEST(tiers.refuses(with(exalted, "max_value", "801"), {kCheck, "max_value BETWEEN"}));
  BOOST_TEST(tiers.refuses(with(exalted, {{"min_value", "750"}, {"max_value", "740"}}),
                           {kCheck, "min_value <= max_value"}));
  BOOST_TEST(tiers.accepts(exalted));
  BOOST_TEST(tiers.count() == 17);

  Table personal(*this, "personal_reputation_tiers");
  const Row neutral = {{"name", q("Neutral")},
                       {"min_value", "0"},
                       {"max_value", "0"},
                       {"name_color", q("#FFFFFF")},
                       {"price_factor", "1.0"}};
  BOOST_TEST(personal.refuses(neutral, {kUnique}));
  run(*this, "DELETE FROM personal_reputation_tiers WHERE name = 'Neutral'");
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("#ffffff")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("#FFFFF")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("FFFFFFF")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "price_factor", "0"), {kCheck, "price_factor"}));
  BOOST_TEST(personal.refuses(with(neutral, "min_value", "-1001"), {kCheck, "min_value BETWEEN"}));
  BOOST_TEST(personal.refuses(with(neutral, "max_value", "1001"), {kCheck, "max_value BETWEEN"}));
  BOOST_TEST(personal.refuses(with(neutral, {{"min_value", "1"}, {"max_value", "2"}}),
                              {kUnique, "personal_reputation_tiers.min_value"}));
  BOOST_TEST(personal.refuses(with(neutral, {{"min_value", "5"}, {"max_value", "3"}}),
                              {kCheck, "min_value <= max_value"}));
  BOOST_TEST(
      personal.refuses(with(neutral, "bounty_hunter_aggro", "2"), {kCheck, "bounty_hunter_aggro"}));
  BOOST_TEST(personal.refuses(with(neutral, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      personal.refuses(with(neutral, "name", q(std::string(51, 'n'))), {kCheck, "length(name)"}));
  BOOST_TEST(personal.accepts(neutral));
  BOOST_TEST(personal.count() == 8);

  Table ranks(*this, "military_ranks");
  const Row fleet_admiral = {{"level", "17"},
                             {"name", q("Fleet Admiral")},
                             {"tier", q("Flag")},
                             {"points_required", "60000"},
                             {"trade_discount_pct", "50"},
                             {"combat_damage_pct", "40"},
                             {"max_turns_bonus", "120"}};
  BOOST_TEST(ranks.refuses(fleet_admiral, {kUnique, "military_ranks.level"}));
  run(*this, "DELETE FROM military_ranks WHERE level = 17");
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "level", "-1"), {kCheck, "level >= 0"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "name", q("Admiral")), {kUnique, "military_ranks.name"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "tier", q("flag")), {kCheck, "tier IN"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "tier", q("General")), {kCheck, "tier IN"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "points_required", "40000"),
                           {kUnique, "military_ranks.points_required"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "points_required", "-1"), {kCheck, "points_required"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "trade_discount_pct", "101"),
                           {kCheck, "trade_discount_pct"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "combat_damage_pct", "-1"), {kCheck, "combat_damage_pct"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "max_turns_bonus", "-1"), {kCheck, "max_turns_bonus"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "requirements", q("[]")), {kCheck, "requirements"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "requirements", q("{trades: 1}")),
                           {kCheck, "requirements"}));
  BOOST_TEST(ranks.accepts(fleet_admiral));
  BOOST_TEST(ranks.count() == 18);

  Table guards(*this, "guard_personalities");
  const Row name = {{"kind", q("name")}, {"position", "12"}, {"value", q("Okafor")}};
  BOOST_TEST(guards.accepts(name));
  const Row trait = {{"kind", q("trait")},
                     {"position", "6"},
                     {"value", q("Bored Cadet")},
                     {"description", q("Counting the minutes to the end of the shift")},
                     {"base_suspicion", "0.45"},
                     {"threshold_modifier", "-0.05"}};
  BOOST_TEST(guards.refuses(with(trait, "kind", q("Trait")), {kCheck, "kind IN"}));
  BOOST_TEST(guards.refuses(with(trait, "kind", q("rank")), {kCheck, "kind IN"}));
  BOOST_TEST(guards.refuses(with(trait, "position", "0"), {kUnique, "guard_personalities.kind"}));
  BOOST_TEST(guards.refuses(with(trait, "value", q("Friendly Veteran")),
                            {kUnique, "guard_personalities.kind"}));
  BOOST_TEST(guards.refuses(with(trait, "position", "-1"), {kCheck, "position >= 0"}));
  BOOST_TEST(guards.refuses(with(trait, "value", q("")), {kCheck, "length(value)"}));
  BOOST_TEST(guards.refuses(with(trait, "base_suspicion", "1.01"),
                            {kCheck, "base_suspicion BETWEEN 0.0 AND 1.0"}));
  BOOST_TEST(guards.refuses(with(trait, "threshold_modifier", "1.5"),
                            {kCheck, "threshold_modifier BETWEEN -1.0 AND 1.0"}));
  // Only traits carry a suspicion and a threshold modifier, and traits always do.
  BOOST_TEST(guards.refuses(without(trait, "base_suspicion"),
                            {kCheck, "(kind = 'trait') = (base_suspicion IS NOT NULL)"}));
  BOOST_TEST(guards.refuses(without(trait, "threshold_modifier"),
                            {kCheck, "(kind = 'trait') = (threshold_modifier IS NOT NULL)"}));
  BOOST_TEST(guards.refuses(
      with(name, {{"position", "13"}, {"value", q("Mensah")}, {"base_suspicion", "0.5"}}),
      {kCheck, "(kind = 'trait') = (base_suspicion IS NOT NULL)"}));
  BOOST_TEST(guards.accepts(trait));
  BOOST_TEST(guards.count() == 26);

  Table rarity(*this, "ship_rarity_config");
  const Row carrier = {{"ship_type", q("CARRIER")}, {"rarity_tier", "7"},
                       {"spawn_chance", "1"},       {"base_credits", "15000"},
                       {"weak_threshold", "0.85"},  {"average_threshold", "0.75"},
                       {"strong_threshold", "0.70"}};
  BOOST_TEST(rarity.refuses(carrier, {kUnique, "ship_rarity_config.ship_type"}));
  run(*this, "DELETE FROM ship_rarity_config WHERE ship_type = 'CARRIER'");
  BOOST_TEST(rarity.refuses(with(carrier, "ship_type", q("carrier")), {kCheck, "ship_type IN"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "ship_type", q("WARP_JUMPER")), {kCheck, "ship_type IN"}));
  BOOST_TEST(rarity.refuses(with(carrier, "rarity_tier", "0"), {kCheck, "rarity_tier"}));
  BOOST_TEST(rarity.refuses(with(carrier, "rarity_tier", "8"), {kCheck, "rarity_tier"}));
  BOOST_TEST(rarity.refuses(with(carrier, "spawn_chance", "-1"), {kCheck, "spawn_chance"}));
  BOOST_TEST(rarity.refuses(with(carrier, "spawn_chance", "101"), {kCheck, "spawn_chance"}));
  BOOST_TEST(rarity.refuses(with(carrier, "base_credits", "-1"), {kCheck, "base_credits"}));
  BOOST_TEST(rarity.refuses(with(carrier, "weak_threshold", "1.01"), {kCheck, "weak_threshold"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "average_threshold", "-0.01"), {kCheck, "average_threshold"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "strong_threshold", "1.5"), {kCheck, "strong_threshold"}));
  BOOST_TEST(rarity.refuses(without(carrier, "weak_threshold"),
                            {kNotNull, "ship_rarity_config.weak_threshold"}));
  BOOST_TEST(rarity.accepts(carrier));
  BOOST_TEST(rarity.count() == 8);
}

BOOST_AUTO_TEST_CASE(the_guard_words_take_a_valid_row_and_refuse_each_violation) {
  Table questions(*this, "guard_questions");
  const Row question = {{"topic", q("cargo_checks")},
                        {"topic_position", "5"},
                        {"position", "1"},
                        {"text", q("Open the hold.")}};
  BOOST_TEST(questions.refuses(with(question, "topic", q("introduction")), {kCheck, "topic"}));
  BOOST_TEST(questions.refuses(with(question, "topic", q("")), {kCheck, "length(topic)"}));
  BOOST_TEST(
      questions.refuses(with(question, "topic_position", "0"), {kCheck, "topic_position >= 1"}));
  BOOST_TEST(questions.refuses(with(question, "position", "0"), {kCheck, "position >= 1"}));
  BOOST_TEST(questions.refuses(with(question, "text", q("")), {kCheck, "length(text)"}));
  BOOST_TEST(questions.accepts(question));
  BOOST_TEST(questions.refuses(question, {kUnique, "guard_questions.topic"}));
  BOOST_TEST(questions.count() == 13);

  Table lines(*this, "guard_lines");
  BOOST_TEST(lines.refuses({{"kind", q("farewell")}, {"text", q("Go.")}}, {kCheck, "kind IN"}));
  BOOST_TEST(
      lines.refuses({{"kind", q("opening")}, {"text", q("Hi.")}}, {kUnique, "guard_lines.kind"}));
  BOOST_TEST(lines.refuses({{"kind", q("mood_calm")}, {"text", q("")}}, {kCheck, "length(text)"}));
  BOOST_TEST(lines.count() == 4);
}

BOOST_AUTO_TEST_CASE(ship_specifications_take_a_valid_row_and_refuse_each_violation) {
  Table specs(*this, "ship_specifications");
  const Row carrier = {
      {"ship_type", q("CARRIER")}, {"shield_resistance", "0.15"}, {"armor_rating", "0.15"}};
  BOOST_TEST(specs.refuses(carrier, {kUnique, "ship_specifications.ship_type"}));
  run(*this, "DELETE FROM ship_specifications WHERE ship_type = 'CARRIER'");
  BOOST_TEST(specs.refuses(with(carrier, "ship_type", q("carrier")), {kCheck, "ship_type IN"}));
  BOOST_TEST(
      specs.refuses(with(carrier, "shield_resistance", "1.5"), {kCheck, "shield_resistance"}));
  BOOST_TEST(specs.refuses(with(carrier, "armor_rating", "-0.1"), {kCheck, "armor_rating"}));
  BOOST_TEST(specs.refuses(without(carrier, "armor_rating"),
                           {kNotNull, "ship_specifications.armor_rating"}));
  BOOST_TEST(specs.accepts(carrier));
  BOOST_TEST(specs.count() == 9);
}

BOOST_AUTO_TEST_CASE(classes_take_a_valid_row_and_refuse_each_violation) {
  Table classes(*this, "classes");
  BOOST_TEST(
      classes.accepts({{"id", "1"}, {"name", q("Engineer")}, {"role_id", num(kMemberRole)}}));
  const Row pilot = {{"id", "2"}, {"name", q("Pilot")}};
  BOOST_TEST(classes.refuses(with(pilot, "name", q("ENGINEER")), {kUnique, "classes.name"}));
  BOOST_TEST(classes.refuses(with(pilot, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      classes.refuses(with(pilot, "name", q(std::string(256, 'c'))), {kCheck, "length(name)"}));
  BOOST_TEST(classes.refuses(without(pilot, "name"), {kNotNull, "classes.name"}));
  BOOST_TEST(classes.refuses(with(pilot, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(classes.refuses(with(pilot, "id", "1"), {kUnique, "classes.id"}));
  BOOST_TEST(classes.accepts(pilot));
}

BOOST_AUTO_TEST_CASE(players_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "regions", region_row(kRegion, "Core Worlds"));
  add(*this, "sectors", sector_row(2));
  add(*this, "stations", station_row(kStation, 2));
  add(*this, "planets", planet_row(kPlanet, 2));
  Table players(*this, "players");
  BOOST_TEST(players.accepts(player_row(kAlicePlayer, kAlice)));
  // A new player starts with the seeds' defaults: 1000 turns, Neutral, Recruit, in sector 1.
  BOOST_TEST(scalar("SELECT turns = 1000 AND max_turns = 1000 AND lifetime_turns_spent = 0 AND "
                    "personal_reputation = 0 AND reputation_tier = 'Neutral' AND "
                    "name_color = '#FFFFFF' AND military_rank = 'Recruit' AND rank_points = 0 AND "
                    "aria_bonus_multiplier = 1.0 AND aria_consciousness_level = 1 AND "
                    "aria_relationship_score = 25 AND home_sector_id = 1 AND "
                    "current_sector_id = 1 AND is_docked = 0 AND is_landed = 0 AND "
                    "settings = '{}' AND insurance IS NULL AND xp = 0 AND level = 1 AND "
                    "is_active = 1 FROM players") == 1);
  run(*this, "UPDATE players SET nickname = 'Ace' WHERE id = " + q(kAlicePlayer));

  const Row bob = player_row(kBobPlayer, kBob);
  // One game-state row per user.
  BOOST_TEST(players.refuses(with(bob, "user_id", q(kAlice)), {kUnique, "players.user_id"}));
  BOOST_TEST(players.refuses(with(bob, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(players.refuses(without(bob, "user_id"), {kNotNull, "players.user_id"}));
  BOOST_TEST(players.refuses(with(bob, "id", q(upper(kBobPlayer))), {kCheck, "lower(id)"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("ACE")), {kUnique, "players.nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("ace")), {kUnique, "players.nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("")), {kCheck, "nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q(std::string(51, 'n'))), {kCheck, "nickname"}));
  for (const char* counter : {"turns", "max_turns", "lifetime_turns_spent", "rank_points",
                              "aria_total_interactions", "attack_drones", "defense_drones", "mines",
                              "genesis_devices", "xp", "level", "daily_streak"}) {
    BOOST_TEST(players.refuses(with(bob, counter, "-1"), {kCheck, counter}));
  }
  BOOST_TEST(
      players.refuses(with(bob, "personal_reputation", "1001"), {kCheck, "personal_reputation"}));
  BOOST_TEST(
      players.refuses(with(bob, "personal_reputation", "-1001"), {kCheck, "personal_reputation"}));
  // Tier and rank are keys of the reference tables: a misspelt or unknown name is refused.
  BOOST_TEST(players.refuses(with(bob, "reputation_tier", q("neutral")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "reputation_tier", q("Hero")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "military_rank", q("recruit")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "military_rank", q("General")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "name_color", q("")), {kCheck, "name_color"}));
  BOOST_TEST(players.refuses(with(bob, "aria_bonus_multiplier", "0.99"),
                             {kCheck, "aria_bonus_multiplier"}));
  BOOST_TEST(players.refuses(with(bob, "aria_bonus_multiplier", "1.51"),
                             {kCheck, "aria_bonus_multiplier"}));
  BOOST_TEST(players.refuses(with(bob, "aria_consciousness_level", "0"),
                             {kCheck, "aria_consciousness_level"}));
  BOOST_TEST(players.refuses(with(bob, "aria_consciousness_level", "6"),
                             {kCheck, "aria_consciousness_level"}));
  BOOST_TEST(players.refuses(with(bob, "aria_relationship_score", "-1"),
                             {kCheck, "aria_relationship_score"}));
  BOOST_TEST(players.refuses(with(bob, "aria_relationship_score", "101"),
                             {kCheck, "aria_relationship_score"}));
  for (const char* flag : {"is_docked", "is_landed", "is_galactic_citizen", "is_active"}) {
    BOOST_TEST(players.refuses(with(bob, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(players.refuses(with(bob, {{"is_docked", "1"}, {"is_landed", "1"}}),
                             {kCheck, "NOT (is_docked = 1 AND is_landed = 1)"}));
  BOOST_TEST(players.refuses(with(bob, "current_ship_id", q(kShip)), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_port_id", q(uuid(59))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_planet_id", q(uuid(69))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "home_region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "class_id", "9"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "insurance", q("[]")), {kCheck, "insurance"}));
  BOOST_TEST(players.refuses(with(bob, "insurance", q("basic")), {kCheck, "insurance"}));
  BOOST_TEST(players.refuses(with(bob, "settings", q("[]")), {kCheck, "settings"}));
  BOOST_TEST(players.refuses(with(bob, "settings", q("{")), {kCheck, "settings"}));
  BOOST_TEST(players.refuses(with(bob, "settings", kNull), {kNotNull, "players.settings"}));
  BOOST_TEST(players.refuses(without(bob, "created_at"), {kNotNull, "players.created_at"}));
  // Every optional reference and range at a valid edge.
  BOOST_TEST(players.accepts(with(bob, {{"nickname", q(std::string(50, 'n'))},
                                        {"personal_reputation", "-1000"},
                                        {"reputation_tier", q("Villain")},
                                        {"name_color", q("#FF0000")},
                                        {"military_rank", q("Fleet Admiral")},
                                        {"aria_bonus_multiplier", "1.5"},
                                        {"aria_consciousness_level", "5"},
                                        {"aria_relationship_score", "100"},
                                        {"current_sector_id", "2"},
                                        {"is_docked", "1"},
                                        {"current_port_id", q(kStation)},
                                        {"home_region_id", q(kRegion)},
                                        {"current_region_id", q(kRegion)},
                                        {"class_id", "1"},
                                        {"insurance", q(R"({"policy": "basic"})")},
                                        {"settings", q(R"({"theme": "dark"})")}})));
  BOOST_TEST(players.accepts_statement("UPDATE players SET personal_reputation = 1000 WHERE id = " +
                                       q(kAlicePlayer)));
  BOOST_TEST(players.refuses_statement(
      "UPDATE players SET personal_reputation = 1001 WHERE id = " + q(kAlicePlayer),
      {kCheck, "personal_reputation"}));
  BOOST_TEST(players.refuses_statement("UPDATE players SET is_landed = 1, current_planet_id = " +
                                           q(kPlanet) + " WHERE id = " + q(kBobPlayer),
                                       {kCheck, "NOT (is_docked = 1 AND is_landed = 1)"}));
  BOOST_TEST(scalar("SELECT personal_reputation FROM players WHERE id = " + q(kAlicePlayer)) ==
             1000);
}

BOOST_AUTO_TEST_CASE(ships_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  Table ships(*this, "ships");
  BOOST_TEST(ships.accepts(
      with(ship_row(kShip, kAlicePlayer),
           {{"is_flagship", "1"}, {"cargo", q(R"({"fuel": 10})")}, {"shield_resistance", "1.0"}})));
  const Row next = ship_row(uuid(72), kAlicePlayer);
  // One flagship per owner.
  BOOST_TEST(ships.refuses(with(next, "is_flagship", "1"), {kUnique, "ships.owner_id"}));
  BOOST_TEST(ships.refuses(with(next, "type", q("escape_pod")), {kCheck, "type IN"}));
  BOOST_TEST(ships.refuses(with(next, "type", q("BATTLESHIP")), {kCheck, "type IN"}));
  BOOST_TEST(ships.refuses(with(next, "owner_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(ships.refuses(without(next, "owner_id"), {kNotNull, "ships.owner_id"}));
  BOOST_TEST(ships.refuses(with(next, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(ships.refuses(with(next, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(ships.refuses(with(next, "name", q(std::string(101, 's'))), {kCheck, "length(name)"}));
  for (const char* flag : {"is_flagship", "is_active", "warp_capable"}) {
    BOOST_TEST(ships.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  for (const char* amount : {"base_speed", "current_speed", "turn_cost", "purchase_value",
                             "current_value", "armor_rating"}) {
    BOOST_TEST(ships.refuses(with(next, amount, "-1"), {kCheck, amount}));
  }
  for (const char* document : {"maintenance", "cargo", "combat"}) {
    BOOST_TEST(ships.refuses(with(next, document, q("[]")), {kCheck, document}));
    BOOST_TEST(ships.refuses(with(next, document, q("{")), {kCheck, document}));
  }
  BOOST_TEST(ships.refuses(with(next, "shield_resistance", "1.01"), {kCheck, "shield_resistance"}));
  BOOST_TEST(
      ships.refuses(with(next, "shield_resistance", "-0.01"), {kCheck, "shield_resistance"}));
  BOOST_TEST(ships.accepts(next));
  // Every ship type, including WARP_JUMPER (a ship type, though not a starter ship).
  int id = 200;
  for (const char* type : {"ESCAPE_POD", "LIGHT_FREIGHTER", "SCOUT_SHIP", "FAST_COURIER",
                           "CARGO_HAULER", "DEFENDER", "COLONY_SHIP", "CARRIER", "WARP_JUMPER"}) {
    BOOST_TEST(ships.accepts(with(ship_row(uuid(id++), kBobPlayer), "type", q(type))));
  }
  // Another owner may have a flagship of its own.
  BOOST_TEST(ships.accepts(with(ship_row(uuid(73), kCarolPlayer), "is_flagship", "1")));
  BOOST_TEST(ships.count() == 12);
}

BOOST_AUTO_TEST_CASE(reputations_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  Table reputations(*this, "reputations");
  BOOST_TEST(reputations.accepts(
      with(reputation_row(kReputation, kAlicePlayer, kTerran), "current_value", "800")));
  BOOST_TEST(reputations.accepts(
      with(reputation_row(uuid(82), kAlicePlayer, kFringe), "current_value", "-800")));
  const Row next = reputation_row(uuid(83), kBobPlayer, kTerran);
  BOOST_TEST(reputations.refuses(reputation_row(uuid(84), kAlicePlayer, kTerran),
                                 {kUnique, "reputations.player_id"}));
  BOOST_TEST(reputations.refuses(with(next, "current_value", "801"), {kCheck, "current_value"}));
  BOOST_TEST(reputations.refuses(with(next, "current_value", "-801"), {kCheck, "current_value"}));
  BOOST_TEST(reputations.refuses(with(next, "decay_paused", "2"), {kCheck, "decay_paused"}));
  BOOST_TEST(reputations.refuses(with(next, "is_locked", "2"), {kCheck, "is_locked"}));
  BOOST_TEST(reputations.refuses(with(next, "mission_availability", q("{}")),
                                 {kCheck, "mission_availability"}));
  BOOST_TEST(reputations.refuses(with(next, "lock_reason", q(std::string(256, 'l'))),
                                 {kCheck, "lock_reason"}));
  BOOST_TEST(reputations.refuses(with(next, "special_status", q(std::string(51, 's'))),
                                 {kCheck, "special_status"}));
  BOOST_TEST(reputations.refuses(without(next, "last_activity_at"),
                                 {kNotNull, "reputations.last_activity_at"}));
  BOOST_TEST(reputations.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(reputations.refuses(with(next, "faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(reputations.accepts(next));
  BOOST_TEST(scalar("SELECT current_value = 0 AND decay_event_at IS NULL FROM reputations "
                    "WHERE id = " +
                    q(uuid(83))) == 1);
  BOOST_TEST(reputations.accepts_statement(
      "UPDATE reputations SET current_value = -800 WHERE id = " + q(uuid(83))));
  BOOST_TEST(reputations.refuses_statement(
      "UPDATE reputations SET current_value = current_value - 1 WHERE id = " + q(uuid(83)),
      {kCheck, "current_value"}));
}

BOOST_AUTO_TEST_CASE(reputation_history_takes_a_valid_row_and_refuses_each_violation) {
  add_players(*this);
  Table reputations(*this, "reputations");
  BOOST_REQUIRE(reputations.accepts(reputation_row(kReputation, kAlicePlayer, kTerran)));
  Table history(*this, "reputation_history");
  const Row entry = {{"reputation_id", q(kReputation)},
                     {"seq", "1"},
                     {"at", "1"},
                     {"old_value", "0"},
                     {"new_value", "5"},
                     {"change", "5"},
                     {"reason", q("deal")}};
  BOOST_TEST(history.accepts(entry));
  BOOST_TEST(history.accepts(with(with(entry, "seq", "2"), "reason", q(""))));
  BOOST_TEST(history.refuses(entry, {kUnique, "reputation_history.reputation_id"}));
  BOOST_TEST(history.refuses(with(entry, "seq", "0"), {kCheck, "seq"}));
  BOOST_TEST(history.refuses(with(with(entry, "seq", "3"), "reason", q(std::string(256, 'r'))),
                             {kCheck, "reason"}));
  BOOST_TEST(history.refuses(with(entry, "reputation_id", q(uuid(99))), {kForeignKey}));
  BOOST_TEST(
      history.refuses(without(with(entry, "seq", "4"), "at"), {kNotNull, "reputation_history.at"}));
  // A standing's history goes with it.
  BOOST_TEST(reputations.accepts_statement("DELETE FROM reputations WHERE id = " + q(kReputation)));
  BOOST_TEST(history.count() == 0);
}

BOOST_AUTO_TEST_CASE(teams_take_a_valid_row_and_refuse_each_violation) {
  Table teams(*this, "teams");
  BOOST_TEST(teams.accepts(
      with(team_row(kTeam, "Star Runners"), {{"tag", q("SR")},
                                             {"max_members", "20"},
                                             {"home_sector_id", "1"},
                                             {"recruitment_status", q("INVITE_ONLY")}})));
  const Row next = team_row(kOtherTeam, "Night Owls");
  BOOST_TEST(teams.refuses(with(next, "name", q("STAR RUNNERS")), {kUnique, "teams.name"}));
  BOOST_TEST(teams.refuses(with(next, "name", q("ab")), {kCheck, "length(name)"}));
  BOOST_TEST(teams.refuses(with(next, "name", q(std::string(81, 't'))), {kCheck, "length(name)"}));
  BOOST_TEST(
      teams.refuses(with(next, "description", q(std::string(501, 'd'))), {kCheck, "description"}));
  BOOST_TEST(teams.refuses(with(next, "tag", q("S")), {kCheck, "length(tag)"}));
  BOOST_TEST(teams.refuses(with(next, "tag", q(std::string(11, 'T'))), {kCheck, "length(tag)"}));
  BOOST_TEST(teams.refuses(with(next, "logo", q(std::string(256, 'l'))), {kCheck, "logo"}));
  BOOST_TEST(teams.refuses(with(next, "is_public", "2"), {kCheck, "is_public"}));
  BOOST_TEST(teams.refuses(with(next, "max_members", "1"), {kCheck, "max_members"}));
  BOOST_TEST(teams.refuses(with(next, "max_members", "21"), {kCheck, "max_members"}));
  BOOST_TEST(
      teams.refuses(with(next, "recruitment_status", q("open")), {kCheck, "recruitment_status"}));
  BOOST_TEST(
      teams.refuses(with(next, "recruitment_status", q("Closed")), {kCheck, "recruitment_status"}));
  BOOST_TEST(teams.refuses(with(next, "sector_claims", q("{}")), {kCheck, "sector_claims"}));
  for (const char* document : {"join_requirements", "member_roles", "resource_sharing"}) {
    BOOST_TEST(teams.refuses(with(next, document, q("[]")), {kCheck, document}));
  }
  BOOST_TEST(teams.refuses(with(next, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(teams.refuses(without(next, "name"), {kNotNull, "teams.name"}));
  BOOST_TEST(teams.accepts(with(next, {{"max_members", "2"}, {"tag", q("NO")}})));
  BOOST_TEST(scalar("SELECT is_public = 1 AND recruitment_status = 'OPEN' AND sector_claims = '[]' "
                    "AND combat_rating = 0.0 FROM teams WHERE id = " +
                    q(kOtherTeam)) == 1);
  BOOST_TEST(scalar("SELECT max_members FROM teams WHERE id = " + q(kTeam)) == 20);
  // A disbanded team frees its name; it cannot come back while a live team holds the name.
  run(*this, "UPDATE teams SET disbanded_at = " + kLater + " WHERE id = " + q(kTeam));
  BOOST_TEST(teams.accepts(team_row(uuid(23), "star runners")));
  BOOST_TEST(teams.refuses_statement("UPDATE teams SET disbanded_at = NULL WHERE id = " + q(kTeam),
                                     {kUnique, "teams.name"}));
  BOOST_TEST(teams.refuses(with(team_row(uuid(24), "Night Hawks"), "max_members", kNull),
                           {kNotNull, "teams.max_members"}));
}

BOOST_AUTO_TEST_CASE(
    team_members_invitations_and_reputations_take_valid_rows_and_refuse_each_violation) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "teams", team_row(kOtherTeam, "Night Owls"));

  Table members(*this, "team_members");
  BOOST_TEST(members.accepts(with(member_row(kTeam, kAlicePlayer), "role", q("LEADER"))));
  // One LEADER per team, one team per player.
  BOOST_TEST(members.refuses(with(member_row(kTeam, kBobPlayer), "role", q("LEADER")),
                             {kUnique, "team_members.team_id"}));
  BOOST_TEST(
      members.refuses(member_row(kOtherTeam, kAlicePlayer), {kUnique, "team_members.player_id"}));
  const Row bob = member_row(kTeam, kBobPlayer);
  BOOST_TEST(members.refuses(with(bob, "role", q("leader")), {kCheck, "role IN"}));
  BOOST_TEST(members.refuses(with(bob, "role", q("CAPTAIN")), {kCheck, "role IN"}));
  BOOST_TEST(members.refuses(with(bob, "permissions", q("[]")), {kCheck, "permissions"}));
  BOOST_TEST(members.refuses(with(bob, "contribution_credits", q("[]")),
                             {kCheck, "contribution_credits"}));
  for (const char* flag : {"can_invite", "can_kick", "can_manage_treasury", "can_manage_missions",
                           "can_manage_alliances"}) {
    BOOST_TEST(members.refuses(with(bob, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(members.refuses(with(bob, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(members.refuses(with(bob, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(members.refuses(without(bob, "joined_at"), {kNotNull, "team_members.joined_at"}));
  BOOST_TEST(members.accepts(bob));
  BOOST_TEST(scalar("SELECT role = 'MEMBER' AND permissions = '{}' AND can_kick = 0 FROM "
                    "team_members WHERE player_id = " +
                    q(kBobPlayer)) == 1);
  BOOST_TEST(members.accepts(with(member_row(kOtherTeam, kCarolPlayer), "role", q("OFFICER"))));
  BOOST_TEST(members.accepts_statement(
      "UPDATE team_members SET role = 'RECRUIT' WHERE player_id = " + q(kCarolPlayer)));

  Table invitations(*this, "team_invitations");
  BOOST_TEST(invitations.accepts(
      with(invitation_row("JOIN-1", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer))));
  const Row next = invitation_row("JOIN-2", kOtherTeam, kBobPlayer);
  BOOST_TEST(
      invitations.refuses(with(next, "code", q("JOIN-1")), {kUnique, "team_invitations.code"}));
  BOOST_TEST(invitations.refuses(with(next, "code", q("")), {kCheck, "length(code)"}));
  BOOST_TEST(
      invitations.refuses(with(next, "code", q(std::string(101, 'c'))), {kCheck, "length(code)"}));
  BOOST_TEST(invitations.refuses(with(next, "expires_at", "1767225599999"),
                                 {kCheck, "expires_at >= created_at"}));
  BOOST_TEST(
      invitations.refuses(without(next, "expires_at"), {kNotNull, "team_invitations.expires_at"}));
  BOOST_TEST(invitations.refuses(with(next, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(invitations.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(invitations.refuses(with(next, "invited_by", q(kAlice)), {kForeignKey}));
  // Expiring at the instant it was created is the edge the CHECK allows.
  BOOST_TEST(invitations.accepts(with(next, "expires_at", kT)));
  // 0015: a shared code (no player) good for up to 100 uses; a personal one for one.
  const Row code = without(invitation_row("CODE-1", kTeam, kBobPlayer), "player_id");
  BOOST_TEST(invitations.refuses(with(code, "max_uses", "0"), {kCheck, "max_uses BETWEEN"}));
  BOOST_TEST(invitations.refuses(with(code, "max_uses", "101"), {kCheck, "max_uses BETWEEN"}));
  BOOST_TEST(invitations.refuses(with(code, {{"max_uses", "3"}, {"uses", "4"}}),
                                 {kCheck, "uses BETWEEN 0 AND max_uses"}));
  BOOST_TEST(invitations.refuses(with(code, {{"max_uses", "3"}, {"player_id", q(kBobPlayer)}}),
                                 {kCheck, "player_id IS NULL OR max_uses = 1"}));
  BOOST_TEST(invitations.accepts(with(code, {{"max_uses", "100"}, {"uses", "100"}})));

  Table requests(*this, "team_join_requests");
  const Row request = {{"team_id", q(kTeam)}, {"player_id", q(kBobPlayer)}, {"created_at", kT}};
  BOOST_TEST(requests.accepts(request));
  BOOST_TEST(requests.refuses(request, {kUnique, "team_join_requests.team_id"}));
  BOOST_TEST(requests.refuses(with(request, "player_id", q(kBob)), {kForeignKey}));

  Table reputations(*this, "team_reputations");
  BOOST_TEST(reputations.accepts({{"team_id", q(kTeam)}, {"next_recalculation_at", kLater}}));
  BOOST_TEST(scalar("SELECT calculation_method = 'AVERAGE' AND faction_reputation = '{}' AND "
                    "history = '[]' AND pending_notifications = '[]' FROM team_reputations") == 1);
  const Row other = {{"team_id", q(kOtherTeam)}, {"next_recalculation_at", kLater}};
  BOOST_TEST(
      reputations.refuses(with(other, "team_id", q(kTeam)), {kUnique, "team_reputations.team_id"}));
  BOOST_TEST(reputations.refuses(with(other, "calculation_method", q("average")),
                                 {kCheck, "calculation_method"}));
  BOOST_TEST(reputations.refuses(with(other, "calculation_method", q("MEDIAN")),
                                 {kCheck, "calculation_method"}));
  BOOST_TEST(reputations.refuses(without(other, "next_recalculation_at"),
                                 {kNotNull, "team_reputations.next_recalculation_at"}));
  BOOST_TEST(reputations.refuses(with(other, "faction_reputation", q("[]")),
                                 {kCheck, "faction_reputation"}));
  BOOST_TEST(reputations.refuses(with(other, "history", q("{}")), {kCheck, "history"}));
  BOOST_TEST(reputations.refuses(with(other, "pending_notifications", q("{}")),
                                 {kCheck, "pending_notifications"}));
  BOOST_TEST(reputations.refuses(with(other, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(reputations.accepts(with(other, "calculation_method", q("LEADER"))));
  BOOST_TEST(reputations.accepts_statement(
      "UPDATE team_reputations SET calculation_method = 'LOWEST' WHERE team_id = " + q(kTeam)));
}

BOOST_AUTO_TEST_CASE(messages_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  Table messages(*this, "messages");
  BOOST_TEST(messages.accepts(message_row(kMessage, kAlicePlayer, kBobPlayer)));
  BOOST_TEST(scalar("SELECT message_type = 'player' AND priority = 'normal' AND flagged = 0 AND "
                    "moderation_status IS NULL FROM messages") == 1);
  // A team message, replying to the first one.
  BOOST_TEST(messages.accepts(
      with(without(message_row(uuid(92), kBobPlayer, kBobPlayer), "recipient_id"),
           {{"team_id", q(kTeam)}, {"message_type", q("team")}, {"reply_to_id", q(kMessage)}})));
  const Row next = message_row(uuid(93), kBobPlayer, kAlicePlayer);
  BOOST_TEST(messages.refuses(with(next, "team_id", q(kTeam)),
                              {kCheck, "recipient_id IS NULL OR team_id IS NULL"}));
  BOOST_TEST(messages.refuses(with(next, "content", q("")), {kCheck, "length(content)"}));
  BOOST_TEST(messages.refuses(without(next, "content"), {kNotNull, "messages.content"}));
  BOOST_TEST(
      messages.refuses(with(next, "subject", q(std::string(256, 's'))), {kCheck, "subject"}));
  BOOST_TEST(messages.refuses(with(next, "thread_id", q(upper(kThread))), {kCheck, "thread_id"}));
  BOOST_TEST(
      messages.refuses(with(next, "thread_id", q(kThread.substr(1))), {kCheck, "thread_id"}));
  BOOST_TEST(messages.refuses(without(next, "thread_id"), {kNotNull, "messages.thread_id"}));
  BOOST_TEST(messages.refuses(with(next, "message_type", q("Player")), {kCheck, "message_type"}));
  BOOST_TEST(
      messages.refuses(with(next, "message_type", q("broadcast")), {kCheck, "message_type"}));
  BOOST_TEST(messages.refuses(with(next, "priority", q("URGENT")), {kCheck, "priority"}));
  BOOST_TEST(messages.refuses(with(next, "priority", q("critical")), {kCheck, "priority"}));
  for (const char* flag : {"flagged", "deleted_by_sender", "deleted_by_recipient"}) {
    BOOST_TEST(messages.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(messages.refuses(with(next, "flagged_reason", q(std::string(256, 'f'))),
                              {kCheck, "flagged_reason"}));
  BOOST_TEST(messages.refuses(with(next, "moderation_status", q("hidden")),
                              {kCheck, "moderation_status"}));
  BOOST_TEST(messages.refuses(with(next, "moderation_status", q("DELETED")),
                              {kCheck, "moderation_status"}));
  BOOST_TEST(messages.refuses(with(next, "sender_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(messages.refuses(with(next, "recipient_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(
      messages.refuses(with(without(next, "recipient_id"), "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(messages.refuses(with(next, "reply_to_id", q(uuid(98))), {kForeignKey}));
  // The moderator is a user, not a player.
  BOOST_TEST(messages.refuses(with(next, "moderated_by", q(kCarolPlayer)), {kForeignKey}));
  BOOST_TEST(messages.refuses(without(next, "sent_at"), {kNotNull, "messages.sent_at"}));
  // 0015: a system message has no sender, every other kind has one.
  BOOST_TEST(messages.refuses(with(next, "message_type", q("system")),
                              {kCheck, "(sender_id IS NULL) = (message_type = 'system')"}));
  BOOST_TEST(messages.refuses(without(next, "sender_id"),
                              {kCheck, "(sender_id IS NULL) = (message_type = 'system')"}));
  BOOST_TEST(messages.accepts(with(without(next, "sender_id"), {{"priority", q("urgent")},
                                                                {"message_type", q("system")},
                                                                {"moderation_status", q("deleted")},
                                                                {"moderated_at", kLater},
                                                                {"moderated_by", q(kCarol)},
                                                                {"purge_at", kLater}})));
  Table reads(*this, "message_reads");
  const Row read = {{"player_id", q(kAlicePlayer)}, {"message_id", q(uuid(93))}, {"read_at", kT}};
  BOOST_TEST(reads.accepts(read));
  BOOST_TEST(reads.refuses(read, {kUnique, "message_reads.player_id"}));
  BOOST_TEST(reads.refuses(with(read, "message_id", q(uuid(97))), {kForeignKey}));
  BOOST_TEST(reads.refuses(without(read, "read_at"), {kNotNull, "message_reads.read_at"}));
}

BOOST_AUTO_TEST_CASE(onboarding_rows_take_valid_values_and_refuse_each_violation) {
  add_players(*this);
  Table sessions(*this, "first_login_sessions");
  BOOST_TEST(sessions.accepts(session_row(kSession, kAlicePlayer)));
  BOOST_TEST(sessions.accepts(
      with(session_row(uuid(102), kAlicePlayer), {{"completed_at", kT},
                                                  {"ai_service_used", "1"},
                                                  {"guard_name", q("Chen")},
                                                  {"guard_trait", q("Paranoid Newbie")},
                                                  {"guard_base_suspicion", "1.0"},
                                                  {"ship_claimed", q("CARRIER")},
                                                  {"negotiation_skill", q("AVERAGE")},
                                                  {"final_persuasion_score", "0.0"},
                                                  {"outcome", q("PARTIAL_SUCCESS")},
                                                  {"awarded_ship", q("ESCAPE_POD")},
                                                  {"starting_credits", "1000"},
                                                  {"negotiation_bonus_flag", "0"},
                                                  {"notoriety_penalty", "1"},
                                                  {"client_info", q(R"({"ua": "test"})")},
                                                  {"performance_metrics", q("[1, 2]")}})));
  const Row next = session_row(uuid(103), kBobPlayer);
  BOOST_TEST(
      sessions.refuses(with(next, "ship_claimed", q("WARP_JUMPER")), {kCheck, "ship_claimed"}));
  BOOST_TEST(sessions.refuses(with(next, "ship_claimed", q("carrier")), {kCheck, "ship_claimed"}));
  BOOST_TEST(
      sessions.refuses(with(next, "awarded_ship", q("Scout_Ship")), {kCheck, "awarded_ship"}));
  BOOST_TEST(sessions.refuses(with(next, "negotiation_skill", q("average")),
                              {kCheck, "negotiation_skill"}));
  BOOST_TEST(sessions.refuses(with(next, "outcome", q("success")), {kCheck, "outcome"}));
  BOOST_TEST(sessions.refuses(with(next, "outcome", q("DRAW")), {kCheck, "outcome"}));
  BOOST_TEST(sessions.refuses(with(next, "completed_at", "1767225599999"),
                              {kCheck, "completed_at >= started_at"}));
  BOOST_TEST(sessions.refuses(with(next, "guard_base_suspicion", "1.1"),
                              {kCheck, "guard_base_suspicion"}));
  BOOST_TEST(sessions.refuses(with(next, "final_persuasion_score", "-0.1"),
                              {kCheck, "final_persuasion_score"}));
  BOOST_TEST(sessions.refuses(with(next, "starting_credits", "-1"), {kCheck, "starting_credits"}));
  for (const char* flag :
       {"ai_service_used", "fallback_to_rules", "negotiation_bonus_flag", "notoriety_penalty"}) {
    BOOST_TEST(sessions.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(sessions.refuses(with(next, "client_info", q("ua=test")), {kCheck, "client_info"}));
  BOOST_TEST(
      sessions.refuses(with(next, "performance_metrics", q("{")), {kCheck, "performance_metrics"}));
  BOOST_TEST(sessions.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(
      sessions.refuses(without(next, "started_at"), {kNotNull, "first_login_sessions.started_at"}));
  BOOST_TEST(sessions.accepts(next));

  Table exchanges(*this, "dialogue_exchanges");
  BOOST_TEST(exchanges.accepts(exchange_row(kExchange, kSession, 1)));
  BOOST_TEST(exchanges.accepts(
      with(exchange_row(uuid(112), kSession, 2), {{"player_response", q("I'm a trader.")},
                                                  {"answered_at", kLater},
                                                  {"persuasiveness", "1.0"},
                                                  {"current_suspicion", "0.0"},
                                                  {"key_extracted_info", q(R"({"name": "Al"})")},
                                                  {"detected_contradictions", q(R"(["name"])")}})));
  const Row exchange = exchange_row(uuid(113), kSession, 3);
  BOOST_TEST(exchanges.refuses(with(exchange, "sequence_number", "1"),
                               {kUnique, "dialogue_exchanges.session_id"}));
  BOOST_TEST(
      exchanges.refuses(with(exchange, "sequence_number", "0"), {kCheck, "sequence_number"}));
  // An answer and its time come together.
  BOOST_TEST(exchanges.refuses(with(exchange, "player_response", q("Hi.")),
                               {kCheck, "(player_response IS NULL) = (answered_at IS NULL)"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "answered_at", kLater),
                               {kCheck, "(player_response IS NULL) = (answered_at IS NULL)"}));
  for (const char* score :
       {"persuasiveness", "confidence", "consistency", "believability", "current_suspicion"}) {
    BOOST_TEST(exchanges.refuses(with(exchange, score, "1.01"), {kCheck, score}));
    BOOST_TEST(exchanges.refuses(with(exchange, score, "-0.01"), {kCheck, score}));
  }
  BOOST_TEST(exchanges.refuses(with(exchange, "key_extracted_info", q("name=Al")),
                               {kCheck, "key_extracted_info"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "detected_contradictions", q("{}")),
                               {kCheck, "detected_contradictions"}));
  BOOST_TEST(
      exchanges.refuses(with(exchange, "topic", q(std::string(51, 't'))), {kCheck, "topic"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "ai_provider", q(std::string(21, 'a'))),
                               {kCheck, "ai_provider"}));
  for (const char* measure : {"response_time_ms", "estimated_cost_usd", "tokens_used"}) {
    BOOST_TEST(exchanges.refuses(with(exchange, measure, "-1"), {kCheck, measure}));
  }
  BOOST_TEST(exchanges.refuses(without(exchange, "npc_prompt"),
                               {kNotNull, "dialogue_exchanges.npc_prompt"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(exchanges.accepts(exchange));

  Table options(*this, "ship_presentation_options");
  BOOST_TEST(options.accepts({{"session_id", q(kSession)},
                              {"available_ships", q(R"(["ESCAPE_POD", "SCOUT_SHIP", "CARRIER"])")},
                              {"rarity_roll", "100"}}));
  const Row offer = {{"session_id", q(uuid(102))},
                     {"available_ships", q(R"(["ESCAPE_POD"])")},
                     {"rarity_roll", "0"}};
  BOOST_TEST(options.refuses(with(offer, "session_id", q(kSession)),
                             {kUnique, "ship_presentation_options.session_id"}));
  BOOST_TEST(options.refuses(with(offer, "rarity_roll", "101"), {kCheck, "rarity_roll"}));
  BOOST_TEST(options.refuses(with(offer, "rarity_roll", "-1"), {kCheck, "rarity_roll"}));
  BOOST_TEST(options.refuses(with(offer, "available_ships", q("{}")), {kCheck, "available_ships"}));
  BOOST_TEST(options.refuses(without(offer, "available_ships"),
                             {kNotNull, "ship_presentation_options.available_ships"}));
  BOOST_TEST(
      options.refuses(with(offer, "escape_pod_present", "2"), {kCheck, "escape_pod_present"}));
  BOOST_TEST(
      options.refuses(with(offer, "special_event_active", "2"), {kCheck, "special_event_active"}));
  BOOST_TEST(options.refuses(with(offer, "session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(options.accepts(offer));

  Table states(*this, "player_first_login_state");
  BOOST_TEST(states.accepts(
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}, {"attempts", "2"}}));
  const Row state = {{"player_id", q(kBobPlayer)}};
  BOOST_TEST(states.refuses(with(state, "player_id", q(kAlicePlayer)),
                            {kUnique, "player_first_login_state.player_id"}));
  BOOST_TEST(states.refuses(with(state, "attempts", "-1"), {kCheck, "attempts"}));
  for (const char* flag : {"has_completed_first_login", "claimed_ship", "answered_questions",
                           "received_resources", "tutorial_started"}) {
    BOOST_TEST(states.refuses(with(state, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(states.refuses(with(state, "previous_ship_claims", q("{}")),
                            {kCheck, "previous_ship_claims"}));
  BOOST_TEST(states.refuses(with(state, "previous_dialogue_strategies", q("bold")),
                            {kCheck, "previous_dialogue_strategies"}));
  BOOST_TEST(states.refuses(with(state, "current_session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(states.refuses(with(state, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(states.accepts(state));
  BOOST_TEST(scalar("SELECT has_completed_first_login = 0 AND attempts = 0 AND "
                    "previous_ship_claims = '[]' FROM player_first_login_state WHERE player_id = " +
                    q(kBobPlayer)) == 1);
}

// -- economy (0004) -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

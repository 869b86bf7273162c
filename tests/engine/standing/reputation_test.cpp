// Faction reputation: tiers, derived effects, rivalry caps, history, locks, decay.
#include "hearth/standing/reputation.h"

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "tests/support/database.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

constexpr const char* kTerran = "terran_federation";
constexpr const char* kFringe = "fringe_alliance";
constexpr const char* kGuild = "mercantile_guild";

struct ReputationGame : FreshGame {
  std::string alice = game.players().create({.username = "alice"})->id;

  // Sets alice's standing with `faction` to `value` through a change.
  Standing set(const char* faction, std::int64_t value) {
    const std::int64_t current = game.reputation().standing(alice, faction)->value;
    if (value == current) return *game.reputation().standing(alice, faction);
    return game.reputation().change(alice, faction, value - current, "test").value();
  }

  std::vector<Event> events_of(const std::string& type) {
    std::vector<Event> found;
    for (const Event& event : game.events(0, 10000)) {
      if (event.type == type) found.push_back(event);
    }
    return found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reputation_test, ReputationGame)

BOOST_AUTO_TEST_CASE(a_player_starts_neutral_with_every_faction) {
  const auto standings = game.reputation().standings(alice);
  BOOST_TEST(standings.size() == 8u);
  for (const Standing& standing : standings) {
    BOOST_TEST(standing.value == 0);
    BOOST_TEST(standing.level == "NEUTRAL");
    BOOST_TEST(standing.price_multiplier == 1.0);
  }
  BOOST_TEST(!game.reputation().standing(alice, "no_such_faction"));
}

BOOST_AUTO_TEST_CASE(the_tier_follows_the_code_bands) {
  const std::vector<std::pair<std::int64_t, std::string>> cases = {
      {800, "EXALTED"},      {700, "EXALTED"},       {699, "REVERED"},     {100, "ACKNOWLEDGED"},
      {99, "RECOGNIZED"},    {50, "RECOGNIZED"},     {49, "NEUTRAL"},      {-50, "NEUTRAL"},
      {-51, "QUESTIONABLE"}, {-100, "QUESTIONABLE"}, {-101, "SUSPICIOUS"}, {-701, "PUBLIC_ENEMY"},
      {-800, "PUBLIC_ENEMY"}};
  for (const auto& [value, level] : cases) {
    const Standing standing = set(kTerran, value);
    BOOST_TEST(standing.level == level, "value " << value);
  }
  BOOST_TEST(set(kTerran, -800).title == "Public Enemy");
  BOOST_TEST(set(kTerran, -800).numeric_level == -8);
}

BOOST_AUTO_TEST_CASE(effects_are_derived_from_the_value) {
  Standing top = set(kTerran, 800);
  BOOST_TEST(top.trade_modifier == 0.3);
  BOOST_TEST(top.port_access_level == 3);
  BOOST_TEST(top.combat_response == CombatResponse::Friendly);
  BOOST_TEST(top.price_multiplier == 0.85);
  BOOST_TEST(set(kTerran, 599).port_access_level == 2);
  BOOST_TEST(set(kTerran, 199).port_access_level == 1);
  BOOST_TEST(set(kTerran, 399).combat_response == CombatResponse::Neutral);
  BOOST_TEST(set(kTerran, 400).combat_response == CombatResponse::Friendly);
  BOOST_TEST(set(kTerran, 100).price_multiplier == 0.97);
  BOOST_TEST(set(kTerran, -99).price_multiplier == 1.0);
  BOOST_TEST(set(kTerran, -100).price_multiplier == 1.05);
  BOOST_TEST(set(kTerran, -700).price_multiplier == 1.5);
  const Standing low = set(kTerran, -201);
  BOOST_TEST(low.port_access_level == 0);
  BOOST_TEST(low.combat_response == CombatResponse::Hostile);
  BOOST_TEST(set(kTerran, -800).trade_modifier == -0.3);
}

BOOST_AUTO_TEST_CASE(values_clamp_to_their_range) {
  BOOST_TEST(game.reputation().change(alice, kTerran, 5000, "hero").value().value == 800);
  BOOST_TEST(game.reputation().change(alice, kTerran, -5000, "villain").value().value == -800);
}

BOOST_AUTO_TEST_CASE(a_gain_is_capped_by_the_rivalry) {
  set(kFringe, 300);
  // Terran and Fringe together may hold at most 800 when the rival's standing is positive.
  const Standing terran = game.reputation().change(alice, kTerran, 700, "favour").value();
  BOOST_TEST(terran.value == 500);
  BOOST_TEST(game.reputation().change(alice, kTerran, 10, "more").value().value == 500);
  // Losses are never capped, and a negative rival does not cap.
  BOOST_TEST(game.reputation().change(alice, kTerran, -100, "slight").value().value == 400);
  set(kGuild, 600);  // the guild's rival (shadow syndicate) stands at 0: no cap
  BOOST_TEST(game.reputation().standing(alice, kGuild)->value == 600);
}

BOOST_AUTO_TEST_CASE(refusals_write_nothing) {
  const std::size_t events = game.events().size();
  BOOST_TEST((game.reputation().change(alice, kTerran, 0, "nothing").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(
      (game.reputation().change(alice, kTerran, 5, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.reputation().change(alice, "nobody", 5, "x").refusal() == Refusal::NotFound));
  BOOST_TEST((
      game.reputation().change("00000000-0000-4000-8000-000000000000", kTerran, 5, "x").refusal() ==
      Refusal::NotFound));
  BOOST_TEST(game.events().size() == events);
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM reputations") == 0);
}

BOOST_AUTO_TEST_CASE(every_change_is_kept_in_the_history_and_journaled) {
  game.reputation().change(alice, kTerran, 60, "delivered cargo").value();
  clock->advance(kHour);
  BOOST_TEST(game.reputation().change(alice, kTerran, -20, "late").value().value == 40);
  const Standing standing = *game.reputation().standing(alice, kTerran);
  BOOST_TEST_REQUIRE(standing.history.size() == 2u);
  BOOST_TEST(
      (standing.history[0] == ReputationHistoryEntry{test::kStart, 0, 60, 60, "delivered cargo"}));
  BOOST_TEST(
      (standing.history[1] == ReputationHistoryEntry{test::kStart + kHour, 60, 40, -20, "late"}));
  const auto tiers = events_of("reputation.tier_changed");
  BOOST_TEST_REQUIRE(tiers.size() == 2u);
  BOOST_TEST(tiers[0].payload ==
             R"({"faction":"terran_federation","old_level":"NEUTRAL","new_level":"RECOGNIZED",)"
             R"("old_title":"Neutral","new_title":"Recognized","value":60})");
  BOOST_TEST(events_of("reputation.changed").size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_locked_standing_refuses_changes_until_it_is_unlocked) {
  BOOST_TEST(game.reputation().lock(alice, kTerran, "under investigation").ok());
  const auto refused = game.reputation().change(alice, kTerran, 10, "bribe");
  BOOST_TEST((refused.refusal() == Refusal::NotAllowed));
  BOOST_TEST(refused.detail() ==
             "The standing with Terran Federation is locked: under investigation.");
  BOOST_TEST(game.reputation().standing(alice, kTerran)->locked);
  BOOST_TEST(game.reputation().unlock(alice, kTerran).ok());
  BOOST_TEST((game.reputation().unlock(alice, kTerran).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.reputation().change(alice, kTerran, 10, "honest").ok());
}

BOOST_AUTO_TEST_CASE(a_lock_with_an_expiry_is_lifted_by_the_tick) {
  BOOST_TEST((game.reputation().lock(alice, kTerran, "audit", test::kStart).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(game.reputation().lock(alice, kTerran, "audit", test::kStart + kDay).ok());
  game.advance_to(test::kStart + 2 * kDay);
  BOOST_TEST(!game.reputation().standing(alice, kTerran)->locked);
  const auto unlocked = events_of("reputation.unlocked");
  BOOST_TEST_REQUIRE(unlocked.size() == 1u);
  BOOST_TEST(unlocked[0].at == test::kStart + kDay);
}

BOOST_AUTO_TEST_CASE(decay_waits_thirty_idle_days_then_takes_fifty_a_week_down_to_a_hundred) {
  set(kTerran, 260);
  game.advance_to(test::kStart + 30 * kDay + 7 * kDay - 1);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 260);
  game.advance_to(test::kStart + 37 * kDay);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 210);
  game.advance_to(test::kStart + 365 * kDay);
  const Standing standing = *game.reputation().standing(alice, kTerran);
  BOOST_TEST(standing.value == 100);  // never crosses the floor
  BOOST_TEST(standing.next_decay_at == 0);
  // Only the steps a player sees are journaled: 260 → 210 → 160 crosses into ACKNOWLEDGED on
  // day 44, then 160 → 110 → 100 reaches the floor on day 58.
  const auto decays = events_of("reputation.decayed");
  BOOST_TEST_REQUIRE(decays.size() == 2u);
  BOOST_TEST(decays[0].at == test::kStart + 44 * kDay);
  BOOST_TEST(decays[0].payload ==
             R"({"faction":"terran_federation","old":260,"new":160,"days_idle":44})");
  BOOST_TEST(decays[1].at == test::kStart + 58 * kDay);
  BOOST_TEST(decays[1].payload ==
             R"({"faction":"terran_federation","old":160,"new":100,"days_idle":58})");
  BOOST_TEST(standing.history.back().reason == "Inactivity decay (58 days idle)");
  BOOST_TEST(
      (standing.history.back() == ReputationHistoryEntry{test::kStart + 58 * kDay, 160, 100, -60,
                                                         "Inactivity decay (58 days idle)"}));
  // ACKNOWLEDGED (100..199) was entered from TRUSTED (200..299) on the way down.
  BOOST_TEST(events_of("reputation.tier_changed").size() == 2u);
}

BOOST_AUTO_TEST_CASE(negative_standings_decay_up_toward_minus_a_hundred) {
  set(kTerran, -180);
  game.advance_to(test::kStart + 100 * kDay);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == -100);
  set(kGuild, -60);  // within ±100: no decay at all
  game.advance_to(test::kStart + 400 * kDay);
  BOOST_TEST(game.reputation().standing(alice, kGuild)->value == -60);
}

BOOST_AUTO_TEST_CASE(a_change_restarts_the_idle_clock) {
  set(kTerran, 300);
  clock->set(test::kStart + 36 * kDay);
  game.reputation().change(alice, kTerran, 1, "kept in touch").value();
  game.advance_to(test::kStart + 70 * kDay);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 301);
}

BOOST_AUTO_TEST_CASE(paused_and_locked_standings_do_not_decay) {
  set(kTerran, 400);
  set(kGuild, 400);
  BOOST_TEST(game.reputation().pause_decay(alice, kTerran).ok());
  BOOST_TEST((game.reputation().pause_decay(alice, kTerran).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.reputation().lock(alice, kGuild, "frozen").ok());
  game.advance_to(test::kStart + 200 * kDay);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 400);
  BOOST_TEST(game.reputation().standing(alice, kGuild)->value == 400);
  // Resuming continues on the original weekly schedule from the next step after now.
  clock->set(test::kStart + 200 * kDay);
  BOOST_TEST(game.reputation().resume_decay(alice, kTerran).ok());
  game.advance_to(test::kStart + 206 * kDay);  // the step at day 30 + 7k after day 200 is day 205
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 350);
}

BOOST_AUTO_TEST_CASE(reads_include_decay_due_before_the_world_is_advanced) {
  set(kTerran, 300);
  clock->set(test::kStart + 51 * kDay);  // steps at days 37, 44 and 51
  BOOST_TEST(game.reputation().standing(alice, kTerran)->value == 150);
  BOOST_TEST(game.reputation().standing(alice, kTerran)->next_decay_at == test::kStart + 58 * kDay);
}

// A read after a lock expired, with no tick in between, shows the decay that followed the expiry
// (defect: 500 instead of 450 on day 38).
BOOST_AUTO_TEST_CASE(a_read_applies_a_lock_expiry_that_no_tick_has_seen) {
  const std::string ann = game.players().create({.username = "ann"})->id;
  BOOST_REQUIRE(game.reputation().change(ann, "terran_federation", 500, "start").ok());
  BOOST_REQUIRE(
      game.reputation().lock(ann, "terran_federation", "probe", test::kStart + 5 * kDay).ok());
  clock->set(test::kStart + 38 * kDay);
  const auto standing = game.reputation().standing(ann, "terran_federation");
  BOOST_TEST(standing->value == 450);
  BOOST_TEST(!standing->locked);
  game.tick();
  BOOST_TEST(game.reputation().standing(ann, "terran_federation")->value == 450);
}

// The history does not depend on the tick rate, whatever characters a reason holds.
BOOST_AUTO_TEST_CASE(history_is_the_same_stepwise_and_in_one_catch_up) {
  auto history_after = [](bool stepwise) {
    FreshGame world;
    const std::string ann = world.game.players().create({.username = "ann"})->id;
    BOOST_REQUIRE(world.game.reputation()
                      .change(ann, "terran_federation", 700, "esc \x1b bs \b ff \f \"q\" \u00e9")
                      .ok());
    const GameTime end = test::kStart + 200 * kDay;
    if (stepwise) {
      for (GameTime t = test::kStart; t <= end; t += kDay) world.game.advance_to(t);
    }
    world.game.advance_to(end);
    return world.game.reputation().standing(ann, "terran_federation")->history;
  };
  const ReputationHistory stepped = history_after(true);
  const ReputationHistory jumped = history_after(false);
  // The change, then 700 → 100 in 12 weekly steps: six tiers crossed, then the floor.
  BOOST_TEST_REQUIRE(stepped.size() == 8u);
  BOOST_TEST(stepped == jumped);
  BOOST_TEST(stepped.front().reason == "esc \x1b bs \b ff \f \"q\" \u00e9");
}

// The history keeps the newest Rules::reputation.history_limit entries.
BOOST_AUTO_TEST_CASE(the_history_keeps_the_newest_entries) {
  for (int i = 1; i <= 60; ++i) {
    BOOST_REQUIRE(game.reputation().change(alice, kTerran, 1, "step " + std::to_string(i)).ok());
  }
  const ReputationHistory history = game.reputation().standing(alice, kTerran)->history;
  BOOST_TEST_REQUIRE(history.size() == 50u);
  BOOST_TEST(history.front().reason == "step 11");
  BOOST_TEST(history.back().reason == "step 60");
  BOOST_TEST((history.back() == ReputationHistoryEntry{test::kStart, 59, 60, 1, "step 60"}));
}

// Saves from before: from before standings decayed lazily (schema 0010), or written under other
// rules.
BOOST_AUTO_TEST_SUITE(from_other_saves)

// Its JSON history moves into reputation_history, and its pending decay goes on as if nothing
// had changed.

BOOST_AUTO_TEST_CASE(a_save_from_before_keeps_its_history_and_its_decay) {
  test::TempFile file;
  test::write_old_save(
      file.path, "0011_lazy_standing.sql",
      fmt::format(
          "INSERT INTO users (id, username, created_at, updated_at) VALUES ('{1}', 'old', {0}, "
          "{0});"
          "INSERT INTO players (id, user_id, created_at, updated_at) VALUES ('{1}', '{1}', {0}, "
          "{0});"
          "INSERT INTO reputations (id, player_id, faction_id, current_value, current_level, "
          "title, "
          "history, last_activity_at, decay_due_at, created_at) SELECT '{2}', '{1}', id, 260, "
          "'TRUSTED', 'Trusted', '[{{\"at\":{0},\"old_value\":0,\"new_value\":260,\"change\":260,"
          "\"reason\":\"old deal\"}}]', {0}, {0} + 37 * 86400000, {0} FROM factions "
          "WHERE code = 'terran_federation'",
          test::kStart, "00000000-0000-4000-8000-0000000000a1",
          "00000000-0000-4000-8000-0000000000b1"),
      test::kStart);
  auto save_clock = std::make_shared<ManualClock>(test::kStart);
  Game opened(test::options_with(save_clock, file.path));
  const std::string player = "00000000-0000-4000-8000-0000000000a1";
  Standing standing = *opened.reputation().standing(player, kTerran);
  BOOST_TEST(standing.value == 260);
  BOOST_TEST(standing.level == "TRUSTED");
  BOOST_TEST_REQUIRE(standing.history.size() == 1u);
  BOOST_TEST(
      (standing.history[0] == ReputationHistoryEntry{test::kStart, 0, 260, 260, "old deal"}));
  // The migrated row is looked at on its next step (day 37: nothing to see), then on day 44.
  opened.advance_to(test::kStart + 100 * kDay);
  standing = *opened.reputation().standing(player, kTerran);
  BOOST_TEST(standing.value == 100);
  BOOST_TEST(standing.history.size() == 3u);
  int decays = 0;
  for (const Event& event : opened.events(0, 100)) decays += event.type == "reputation.decayed";
  BOOST_TEST(decays == 2);
}

// Opening a save with other decay rules moves the steps a player sees: they are found again under
// the new rules, not journaled where the old ones put them.
BOOST_AUTO_TEST_CASE(new_decay_rules_reschedule_the_visible_steps) {
  test::TempFile file;
  auto save_clock = std::make_shared<ManualClock>(test::kStart);
  std::string ann;
  {
    Game first(test::options_with(save_clock, file.path));
    ann = first.players().create({.username = "ann"})->id;
    BOOST_REQUIRE(first.reputation().change(ann, kTerran, 260, "deal").ok());
  }
  GameOptions options = test::options_with(save_clock, file.path);
  options.rules = Rules{};
  options.rules->reputation.decay_per_week = 80;
  Game opened(options);
  opened.advance_to(test::kStart + 100 * kDay);
  std::vector<Event> decays;
  for (const Event& event : opened.events(0, 100)) {
    if (event.type == "reputation.decayed") decays.push_back(event);
  }
  // 260 → 180 on day 37 (into ACKNOWLEDGED), → 100 on day 44 (the floor).
  BOOST_TEST_REQUIRE(decays.size() == 2u);
  BOOST_TEST(decays[0].at == test::kStart + 37 * kDay);
  BOOST_TEST(decays[0].payload ==
             R"({"faction":"terran_federation","old":260,"new":180,"days_idle":37})");
  BOOST_TEST(decays[1].at == test::kStart + 44 * kDay);
  BOOST_TEST(opened.reputation().standing(ann, kTerran)->value == 100);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // reputation_test

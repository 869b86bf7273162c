// Teams and team reputation: membership, aggregation methods, daily recalculation, the cooldown.
#include "hearth/standing/team_reputation.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

constexpr const char* kTerran = "terran_federation";

struct TeamGame : FreshGame {
  std::string lead = game.players().create({.username = "lead"})->id;
  std::string mate = game.players().create({.username = "mate"})->id;
  std::string third = game.players().create({.username = "third"})->id;
  std::string team = game.teams().create(lead, "Star Runners", "SR")->id;

  TeamGame() {
    BOOST_REQUIRE(game.teams().join(team, mate).ok());
    BOOST_REQUIRE(game.teams().join(team, third).ok());
  }

  std::int64_t team_value(const char* faction_code) {
    const std::string faction_id = core_of(game).read([&](SQLite::Database& sql) {
      SQLite::Statement query(sql, "SELECT id FROM factions WHERE code = ?");
      query.bind(1, faction_code);
      query.executeStep();
      return query.getColumn(0).getString();
    });
    const TeamReputationView view = *game.team_reputation().reputation(team);
    for (const TeamStanding& standing : view.standings) {
      if (standing.faction_id == faction_id) return standing.value;
    }
    BOOST_FAIL("no standing with " << faction_code);
    return 0;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(team_reputation_test, TeamGame)

BOOST_AUTO_TEST_CASE(founding_costs_credits_and_membership_has_rules) {
  BOOST_TEST(game.players().find(lead)->credits == 0);  // 10000 - 10000
  const TeamView view = *game.teams().find(team);
  BOOST_TEST(view.leader == lead);
  BOOST_TEST(view.members.size() == 3u);
  BOOST_TEST(view.members[0].role == TeamRole::Leader);  // the leader first
  BOOST_TEST(view.members[1].role == TeamRole::Member);
  BOOST_TEST(view.recruitment == Recruitment::Open);
  BOOST_TEST(to_string(TeamRole::Recruit) == "RECRUIT");
  BOOST_TEST(to_string(Recruitment::InviteOnly) == "INVITE_ONLY");
  BOOST_TEST((game.teams().join(team, mate).refusal() == Refusal::NotAllowed));  // already in
  BOOST_TEST((game.teams().create(mate, "Other").refusal() == Refusal::NotAllowed));
  const std::string poor = game.players().create({.username = "poor"})->id;
  const std::string fourth = game.players().create({.username = "fourth"})->id;
  BOOST_TEST(game.teams().join(team, fourth).ok());
  BOOST_TEST((game.teams().join(team, poor).refusal() == Refusal::NotAllowed));  // full at 4
  BOOST_TEST((game.teams().create(poor, "star runners").refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.teams().create(poor, "No").refusal() == Refusal::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(a_leaving_leader_hands_over_and_the_last_one_out_disbands) {
  BOOST_TEST(game.teams().leave(lead).ok());
  BOOST_TEST(game.teams().find(team)->leader == mate);  // the earliest member
  BOOST_TEST(game.teams().find(team)->members[0].role == TeamRole::Leader);
  BOOST_TEST(game.teams().leave(third).ok());
  BOOST_TEST(game.teams().leave(mate).ok());
  BOOST_TEST(!game.teams().find(team).has_value());
  BOOST_TEST(!game.team_reputation().reputation(team).has_value());
  BOOST_TEST((game.teams().leave(mate).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(the_three_methods_aggregate_member_standings) {
  game.reputation().change(lead, kTerran, 300, "a").value();
  game.reputation().change(mate, kTerran, 101, "b").value();
  // third has no row: it counts as 0. AVERAGE = round(401 / 3) = 134.
  game.tick();
  BOOST_TEST(team_value(kTerran) == 0);  // recalculated at founding, before the changes
  game.advance_to(test::kStart + kDay);
  BOOST_TEST(team_value(kTerran) == 134);
  // The clock is still at day 0; game time never runs back, so this happens at day 1.
  BOOST_TEST(game.team_reputation().set_method(team, lead, AggregationMethod::Lowest).ok());
  BOOST_TEST(team_value(kTerran) == 0);
  clock->set(test::kStart + 8 * kDay);  // the 7-day cooldown from day 1
  BOOST_TEST(game.team_reputation().set_method(team, lead, AggregationMethod::Leader).ok());
  BOOST_TEST(team_value(kTerran) == 300);
}

BOOST_AUTO_TEST_CASE(changing_the_method_is_for_the_leader_once_a_week) {
  BOOST_TEST((game.team_reputation().set_method(team, mate, AggregationMethod::Lowest).refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(
      (game.team_reputation().set_method(team, lead, static_cast<AggregationMethod>(7)).refusal() ==
       Refusal::InvalidArgument));
  BOOST_TEST((game.team_reputation().set_method(team, lead, AggregationMethod::Average).refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST(game.team_reputation().set_method(team, lead, AggregationMethod::Lowest).ok());
  clock->advance(6 * kDay);
  const Outcome soon = game.team_reputation().set_method(team, lead, AggregationMethod::Leader);
  BOOST_TEST((soon.refusal() == Refusal::CooldownActive));
  BOOST_TEST(soon.detail() == "The method was changed recently; it can change again in 1d 0h.");
  clock->advance(kDay);
  BOOST_TEST(game.team_reputation().set_method(team, lead, AggregationMethod::Leader).ok());
  BOOST_TEST(game.team_reputation().reputation(team)->method == AggregationMethod::Leader);
}

BOOST_AUTO_TEST_CASE(tier_changes_notify_but_never_on_the_first_computation) {
  game.tick();  // the first computation: everyone neutral, no notification
  BOOST_TEST(game.team_reputation().reputation(team)->pending_notifications.empty());
  game.reputation().change(lead, kTerran, 600, "a").value();
  game.reputation().change(mate, kTerran, 600, "b").value();
  game.reputation().change(third, kTerran, 600, "c").value();
  game.advance_to(test::kStart + kDay);
  const auto view = *game.team_reputation().reputation(team);
  BOOST_TEST(view.last_recalculated_at == test::kStart + kDay);
  BOOST_TEST(view.next_recalculation_at == test::kStart + 2 * kDay);
  BOOST_TEST_REQUIRE(view.pending_notifications.size() == 1u);
  BOOST_TEST(view.pending_notifications[0].old_level == "NEUTRAL");
  BOOST_TEST(view.pending_notifications[0].new_level == "REVERED");
  int events = 0;
  for (const Event& event : game.events(0, 1000))
    events += event.type == "team_reputation.tier_changed";
  BOOST_TEST(events == 1);
  BOOST_TEST(game.team_reputation().clear_notifications(team).ok());
  BOOST_TEST(game.team_reputation().reputation(team)->pending_notifications.empty());
}

BOOST_AUTO_TEST_CASE(recalculations_use_member_values_as_of_their_own_time) {
  game.reputation().change(lead, kTerran, 400, "a").value();
  game.reputation().change(mate, kTerran, 400, "b").value();
  game.reputation().change(third, kTerran, 400, "c").value();
  // Decay steps land at days 37, 44, ...; a year in one advance recalculates day by day.
  game.advance_to(test::kStart + 40 * kDay);
  BOOST_TEST(team_value(kTerran) == 350);
  game.advance_to(test::kStart + 365 * kDay);
  BOOST_TEST(team_value(kTerran) == 100);
}

// A member's lock that expires inside one long advance: the team sees the decay that follows it,
// as hourly ticks do (defect: 600 REVERED in one step, 400 VALUED hourly).
BOOST_AUTO_TEST_CASE(a_lock_expiring_inside_a_tick_does_not_hide_decay) {
  auto one_member_team = [](Game& world, std::string& member) {
    member = world.players().create({.username = "solo"})->id;
    const std::string id = world.teams().create(member, "Lone Wolves")->id;
    BOOST_REQUIRE(world.reputation().change(member, kTerran, 600, "hero").ok());
    BOOST_REQUIRE(world.reputation().lock(member, kTerran, "probe", test::kStart + 5 * kDay).ok());
    return id;
  };
  auto value_of = [](Game& world, const std::string& id) {
    const TeamReputationView view = *world.team_reputation().reputation(id);
    for (const TeamStanding& standing : view.standings) {
      if (standing.faction_name == "Terran Federation") return standing.value;
    }
    return std::int64_t{-1};
  };
  FreshGame stepped;
  FreshGame jumped;
  std::string a;
  std::string b;
  const std::string team_a = one_member_team(stepped.game, a);
  const std::string team_b = one_member_team(jumped.game, b);
  const GameTime end = test::kStart + 60 * kDay;
  for (GameTime t = test::kStart + kHour; t <= end; t += kHour) stepped.game.advance_to(t);
  jumped.game.advance_to(end);
  // Grace 30 days from day 0, then steps at days 37, 44, 51 and 58: 600 - 4 × 50.
  BOOST_TEST(value_of(stepped.game, team_a) == 400);
  BOOST_TEST(value_of(jumped.game, team_b) == 400);
  BOOST_TEST(test::query_int(jumped.game, "SELECT count(*) FROM events WHERE type LIKE 'team%'") ==
             test::query_int(stepped.game, "SELECT count(*) FROM events WHERE type LIKE 'team%'"));
}

// A catch-up to the far future costs time in proportion to what changes, not to days elapsed.
BOOST_AUTO_TEST_CASE(a_catch_up_to_the_year_9999_finishes_and_settles) {
  BOOST_REQUIRE(game.reputation().change(lead, kTerran, 800, "hero").ok());
  BOOST_REQUIRE(game.reputation().change(mate, kTerran, -700, "villain").ok());
  game.advance_to(kMaxGameTime);
  BOOST_TEST(game.reached_at() == kMaxGameTime);
  BOOST_TEST(game.reputation().standing(lead, kTerran)->value == 100);
  BOOST_TEST(game.reputation().standing(mate, kTerran)->value == -100);
  const TeamReputationView view = *game.team_reputation().reputation(team);
  BOOST_TEST(view.last_recalculated_at <= kMaxGameTime);
  BOOST_TEST(view.last_recalculated_at > kMaxGameTime - kDay);
  BOOST_TEST(team_value(kTerran) == 0);  // the average of 100, -100 and 0
}

BOOST_AUTO_TEST_SUITE_END()

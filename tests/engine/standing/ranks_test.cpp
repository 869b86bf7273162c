// Military rank: points per reason, promotion through the table, achievement gates, the turn cap.
#include "hearth/standing/ranks.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/rules.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

struct RankGame : FreshGame {
  std::string alice = game.players().create({.username = "alice"})->id;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ranks_test, RankGame)

BOOST_AUTO_TEST_CASE(points_follow_the_formulas_of_each_reason) {
  const RankRules rules;
  BOOST_TEST(Ranks::points_for(rules, RankReason::CombatVictory, 0) == 15);   // same level
  BOOST_TEST(Ranks::points_for(rules, RankReason::CombatVictory, 2) == 30);   // 10 + 20
  BOOST_TEST(Ranks::points_for(rules, RankReason::CombatVictory, 9) == 50);   // capped
  BOOST_TEST(Ranks::points_for(rules, RankReason::CombatVictory, -3) == 10);  // 10 - 5, floor 10
  BOOST_TEST(Ranks::points_for(rules, RankReason::TradingVolume, 100000) == 20);
  BOOST_TEST(Ranks::points_for(rules, RankReason::TradingVolume, 99999) == 15);
  BOOST_TEST(Ranks::points_for(rules, RankReason::TradingVolume, 1000) == 5);
  BOOST_TEST(Ranks::points_for(rules, RankReason::TradingVolume, 999) == 0);
  BOOST_TEST(Ranks::points_for(rules, RankReason::Exploration, 4) == 12);
  BOOST_TEST(Ranks::points_for(rules, RankReason::ColonyEstablishment, 1) == 25);
}

BOOST_AUTO_TEST_CASE(a_new_player_is_a_recruit) {
  const RankView rank = *game.ranks().rank(alice);
  BOOST_TEST(rank.name == "Recruit");
  BOOST_TEST(rank.level == 0);
  BOOST_TEST(rank.next_rank == "Spacer");
  BOOST_TEST(rank.next_rank_points == 50);
}

BOOST_AUTO_TEST_CASE(points_promote_through_ungated_ranks_and_raise_the_cap) {
  const RankView rank = game.ranks().award(alice, RankReason::AdminGrant, 160).value();
  BOOST_TEST(rank.name == "Corporal");
  BOOST_TEST(rank.max_turns_bonus == 10);
  BOOST_TEST(game.turns().budget(alice)->cap == 1010);
  const auto events = game.events_about(alice, 3);
  BOOST_TEST(events.back().type == "rank.promoted");
  BOOST_TEST(events.back().payload ==
             R"({"old_rank":"Recruit","new_rank":"Corporal","level":2,"max_turns_bonus":10})");
}

BOOST_AUTO_TEST_CASE(an_unmet_gate_blocks_the_promotion_entirely) {
  // 300 points reach Sergeant, which needs 25 trades and 50 sectors: no promotion at all, not
  // even to the ungated Corporal below it.
  const RankView blocked = game.ranks().award(alice, RankReason::AdminGrant, 300).value();
  BOOST_TEST(blocked.name == "Recruit");
  BOOST_TEST(blocked.points == 300);
  BOOST_TEST_REQUIRE(blocked.blocked_by.size() == 2u);
  BOOST_TEST(blocked.blocked_by[0] == "trades 25 (has 0)");
  BOOST_TEST(blocked.blocked_by[1] == "sectors visited 50 (has 0)");
  BOOST_TEST(game.ranks().record(alice, {.trades = 25}).value().name == "Recruit");
  const RankView promoted = game.ranks().record(alice, {.sectors_visited = 50}).value();
  BOOST_TEST(promoted.name == "Sergeant");
  BOOST_TEST(promoted.blocked_by.empty());
  BOOST_TEST(promoted.achievements.trades == 25);
  BOOST_TEST(game.turns().budget(alice)->cap == 1015);
}

BOOST_AUTO_TEST_CASE(worthless_awards_and_shrinking_achievements_are_refused) {
  BOOST_TEST((game.ranks().award(alice, RankReason::TradingVolume, 500).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.ranks().award(alice, RankReason::AdminGrant, -5).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.ranks().record(alice, {.trades = -1}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.ranks()
                  .award("00000000-0000-4000-8000-000000000000", RankReason::AdminGrant, 5)
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(game.ranks().rank(alice)->points == 0);
}

BOOST_AUTO_TEST_SUITE_END()

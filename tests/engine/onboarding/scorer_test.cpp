// The rules-based guard's scorer, on its own: pure functions of the rules and the text, no game.
#include "engine/onboarding/scorer.h"

#include <cmath>
#include <limits>

#include <boost/test/unit_test.hpp>

#include "tests/support/print.h"

using namespace hearth;
using namespace hearth::onboarding;

BOOST_AUTO_TEST_SUITE(scorer_test)

BOOST_AUTO_TEST_CASE(an_answer_is_scored_by_the_documented_formulas) {
  const OnboardingRules rules;
  const Assessment scores =
      score_by_rules(rules, "I definitely docked today with my cargo manifest.", {}, 0.5);
  // 8 words: 0.3 + 8 × 0.02, and two detail keywords (cargo, manifest) at 0.05 each.
  BOOST_TEST(scores.persuasiveness == 0.56);
  BOOST_TEST(scores.confidence == 0.7);  // "definitely"
  BOOST_TEST(scores.consistency == 0.8);
  BOOST_TEST(scores.believability == 0.674);  // 0.4 × 0.56 + 0.3 × 0.7 + 0.3 × 0.8
  BOOST_TEST(scores.suspicion == 0.42);       // believability ≥ 0.6: −0.08
  BOOST_TEST(scores.contradictions.empty());
}

BOOST_AUTO_TEST_CASE(contradictions_are_found_both_ways_and_by_phrase) {
  const OnboardingRules rules;
  const Assessment later = score_by_rules(rules, "It arrived yesterday.", {"I came today."}, 0.5);
  BOOST_TEST_REQUIRE(later.contradictions.size() == 1u);
  BOOST_TEST(later.contradictions[0] == "timeline: 'today' earlier, 'yesterday' now");
  BOOST_TEST(later.consistency == 0.6);
  const Assessment reverse =
      score_by_rules(rules, "I landed this morning.", {"It was last week."}, 0.5);
  BOOST_TEST_REQUIRE(reverse.contradictions.size() == 1u);
  BOOST_TEST(reverse.contradictions[0] == "timeline: 'last week' earlier, 'this morning' now");
  const Assessment none = score_by_rules(rules, "Todays news.", {"Yesterdays news."}, 0.5);
  BOOST_TEST(none.contradictions.empty());  // whole words only
}

BOOST_AUTO_TEST_CASE(names_suspicion_and_the_end_of_the_dialogue) {
  const OnboardingRules rules;
  BOOST_TEST(extract_name(rules, "My name is Vex Morrow, pilot of this ship.") == "Vex Morrow");
  BOOST_TEST(extract_name(rules, "I'm the one who owns every ship in this yard.").empty());
  BOOST_TEST(suspicion_change(rules, 0.9) == -0.15);
  BOOST_TEST(suspicion_change(rules, 0.1) == 0.20);
  Assessment calm;
  calm.suspicion = 0.1;
  calm.believability = 0.8;
  BOOST_TEST(end_reason(rules, 2, calm) == DialogueEnd::None);
  BOOST_TEST(end_reason(rules, 3, calm) == DialogueEnd::Convinced);
  Assessment alarmed;
  alarmed.suspicion = 0.95;
  BOOST_TEST(end_reason(rules, rules.high_suspicion_min_exchanges, alarmed) ==
             DialogueEnd::HighSuspicion);
  BOOST_TEST(end_reason(rules, rules.max_exchanges, Assessment{}) == DialogueEnd::MaxExchanges);
}

BOOST_AUTO_TEST_CASE(a_providers_scores_are_clamped_and_not_a_number_is_refused) {
  AnswerAssessment judged;
  judged.persuasiveness = 1.7;
  judged.confidence = -0.2;
  judged.extracted_name = "  Ada  ";
  const auto scores = from_provider(judged);
  BOOST_TEST_REQUIRE(scores.has_value());
  BOOST_TEST(scores->persuasiveness == 1.0);
  BOOST_TEST(scores->confidence == 0.0);
  BOOST_TEST(scores->name == "Ada");
  judged.suspicion = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(!from_provider(judged).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

// Classes: membership with the class's role, and the class bank.
#include "hearth/progression/classes.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"

using namespace hearth;

namespace {

struct ClassesGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  ClassId mages = game.classes().create_class("Mages", "member").value().id;
  ClassId rogues = game.classes().create_class("Rogues").value().id;

  bool has_role(const PlayerId& user, const std::string& role) {
    const auto roles = game.access().roles(user);
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(classes_test, ClassesGame)

BOOST_AUTO_TEST_CASE(classes_are_created_with_unique_names_and_known_roles) {
  BOOST_TEST((game.classes().find(mages) == ClassView{mages, "Mages", "member", 0}));
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.classes().create_class("mages").refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.classes().create_class("").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.classes().create_class(std::string(256, 'x')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.classes().create_class(std::string("Ba\0d", 4)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.classes().create_class("Bards", "nobody").refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(game.classes().list().size() == 2u);
}

BOOST_AUTO_TEST_CASE(joining_gives_the_classs_role_and_changing_swaps_it) {
  BOOST_TEST(game.classes().join(ann, mages).ok());
  BOOST_TEST((game.classes().class_of(ann) == std::optional<ClassId>(mages)));
  BOOST_TEST(has_role(ann, "member"));
  BOOST_TEST(game.access().has(ann, "create:accessory"));
  BOOST_TEST(game.classes().find(mages)->members == 1);
  BOOST_TEST((game.classes().join(ann, mages).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.classes().join(ann, rogues).ok());
  BOOST_TEST(!has_role(ann, "member"));
  BOOST_TEST(game.classes().find(mages)->members == 0);
  BOOST_TEST(game.classes().leave(ann).ok());
  BOOST_TEST(!game.classes().class_of(ann));
  BOOST_TEST((game.classes().leave(ann).refusal() == Refusal::NotFound));
  BOOST_TEST((game.classes().join(ann, ClassId(99)).refusal() == Refusal::NotFound));
  int joined = 0;
  int left = 0;
  for (const Event& event : game.events(0, 1000)) {
    joined += event.type == ClassEvents::kJoined;
    left += event.type == ClassEvents::kLeft;
  }
  BOOST_TEST(joined == 2);
  BOOST_TEST(left == 2);
}

BOOST_AUTO_TEST_CASE(members_pay_into_the_bank_and_classbank_holders_pay_out_to_members) {
  BOOST_REQUIRE(game.classes().join(ann, mages).ok());
  BOOST_REQUIRE(game.classes().join(bob, mages).ok());
  const std::int64_t ann_before = game.ledger().credits(ann);
  BOOST_TEST(game.classes().deposit(ann, 300).ok());
  BOOST_TEST(game.classes().bank(mages) == 300);
  BOOST_TEST(game.ledger().credits(ann) == ann_before - 300);
  // Without classbank, nobody takes money out.
  std::string before = test::snapshot(game);
  BOOST_TEST((game.classes().withdraw(bob, bob, 50).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.access().grant(bob, "classbank").ok());
  const std::int64_t ann_now = game.ledger().credits(ann);
  BOOST_TEST(game.classes().withdraw(bob, ann, 120).ok());
  BOOST_TEST(game.classes().bank(mages) == 180);
  BOOST_TEST(game.ledger().credits(ann) == ann_now + 120);
  // Not more than the bank holds; not to someone outside the class.
  before = test::snapshot(game);
  BOOST_TEST((game.classes().withdraw(bob, bob, 181).refusal() == Refusal::InsufficientFunds));
  const PlayerId cyd = game.players().create({.username = "cyd"}).value().id;
  before = test::snapshot(game);
  BOOST_TEST((game.classes().withdraw(bob, cyd, 10).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.classes().deposit(cyd, 10).refusal() == Refusal::NotFound));
  BOOST_TEST((game.classes().deposit(ann, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.classes().deposit(ann, -4).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.classes().deposit(ann, game.ledger().credits(ann) + 1).refusal() ==
              Refusal::InsufficientFunds));
  BOOST_TEST((game.classes().deposit(ann, 5, CurrencyId(3)).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  // Another money currency has its own bank account.
  const CurrencyId fragments = game.ledger().currency("fragments")->id;
  const AccountId ann_fragments =
      game.ledger().account_of(AccountOwner::user(ann.value()), fragments)->id;
  BOOST_REQUIRE(game.ledger().mint(ann_fragments, 40).ok());
  BOOST_TEST(game.classes().deposit(ann, 40, fragments).ok());
  BOOST_TEST(game.classes().bank(mages, fragments) == 40);
  BOOST_TEST(game.ledger().check_ledger().empty());
}

BOOST_AUTO_TEST_SUITE_END()

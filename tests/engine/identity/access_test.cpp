// Access: roles in a tree, privileges through roles and directly, root, automatic grants.
#include "hearth/identity/access.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"
#include "tests/support/print.h"

#include "hearth/game.h"
#include "hearth/identity/players.h"

using namespace hearth;

namespace {

using Names = std::vector<std::string>;

const Names kPlayer = {"community", "create:clothing", "create:game", "oidc", "play", "report",
                       "shop",      "trade",           "web"};

struct AccessGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(access_test, AccessGame)

BOOST_AUTO_TEST_CASE(a_new_user_gets_the_automatic_player_role) {
  BOOST_TEST(game.access().roles(ann) == Names{"player"}, boost::test_tools::per_element());
  BOOST_TEST(game.access().privileges(ann) == kPlayer, boost::test_tools::per_element());
  BOOST_TEST(game.access().has(ann, "play"));
  BOOST_TEST(!game.access().has(ann, "ban"));
  BOOST_TEST(game.access().privileges(PlayerId("00000000-0000-4000-8000-000000000000")).empty());
}

BOOST_AUTO_TEST_CASE(a_role_grants_its_ancestors_privileges) {
  BOOST_TEST(game.access().assign_role(ann, "moderator").ok());
  // moderator → member → player: each adds to its parent.
  const Names held = game.access().privileges(ann);
  BOOST_TEST(held.size() == kPlayer.size() + 1 + 4);
  for (const char* privilege : {"play", "create:accessory", "ban", "privban", "contentmod"}) {
    BOOST_TEST(game.access().has(ann, privilege), privilege);
  }
  BOOST_TEST(!game.access().has(ann, "permaban"));  // admin's
  BOOST_TEST(game.access().revoke_role(ann, "moderator").ok());
  BOOST_TEST(game.access().privileges(ann) == kPlayer, boost::test_tools::per_element());
  BOOST_TEST(count("access.role_assigned") == 1);
  BOOST_TEST(count("access.role_revoked") == 1);
}

BOOST_AUTO_TEST_CASE(direct_grants_and_root) {
  BOOST_TEST(game.access().grant(ann, "host").ok());
  BOOST_TEST(game.access().has(ann, "host"));
  BOOST_TEST(game.access().withdraw(ann, "host").ok());
  BOOST_TEST(!game.access().has(ann, "host"));
  // Withdrawing a direct grant leaves what a role gives.
  BOOST_TEST((game.access().withdraw(ann, "play").refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.access().has(ann, "play"));
  BOOST_TEST(game.access().grant(ann, "root").ok());
  BOOST_TEST(game.access().privileges(ann).size() == 22u);  // everything
  BOOST_TEST(game.access().has(ann, "permaban"));
}

BOOST_AUTO_TEST_CASE(refusals_write_nothing) {
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.access().assign_role(ann, "emperor").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().grant(ann, "fly").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().assign_role(ann, "player").refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access().revoke_role(ann, "admin").refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access()
                  .assign_role(PlayerId("00000000-0000-4000-8000-000000000000"), "member")
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST((game.access().assign_role(ann, "member").refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_SUITE_END()

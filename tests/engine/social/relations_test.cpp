// Relations: the friendship state machine of a pair, follows, blocks and what a block refuses,
// pages with stable cursors, privileges; and a property over random sequences: no pair is both
// friends and blocked, no request is pending across a block.
#include "hearth/social/relations.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/identity/access.h"

using namespace hearth;

namespace {

struct Social : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  PlayerId cyd = game.players().create({.username = "cyd"}).value().id;
  Relations relations = game.relations();

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }

  static std::vector<PlayerId> users(const RelatedPage& page) {
    std::vector<PlayerId> found;
    for (const Related& entry : page.entries) found.push_back(entry.user);
    return found;
  }
};

const PlayerId kNobody("00000000-0000-4000-8000-000000000000");

}  // namespace

BOOST_FIXTURE_TEST_SUITE(relations_test, Social)

BOOST_AUTO_TEST_CASE(a_request_accepted_makes_friends_both_ways) {
  BOOST_TEST(relations.request_friend(ann, bob).ok());
  BOOST_TEST((relations.friendship(ann, bob) == Friendship::RequestSent));
  BOOST_TEST((relations.friendship(bob, ann) == Friendship::RequestReceived));
  BOOST_TEST((users(relations.incoming_requests(bob)) == std::vector<PlayerId>{ann}));
  BOOST_TEST((users(relations.outgoing_requests(ann)) == std::vector<PlayerId>{bob}));
  BOOST_TEST(relations.accept(bob, ann).ok());
  BOOST_TEST(relations.are_friends(ann, bob));
  BOOST_TEST(relations.are_friends(bob, ann));
  BOOST_TEST((users(relations.friends(ann)) == std::vector<PlayerId>{bob}));
  BOOST_TEST((users(relations.friends(bob)) == std::vector<PlayerId>{ann}));
  BOOST_TEST(relations.incoming_requests(bob).entries.empty());
  BOOST_TEST(relations.unfriend(bob, ann).ok());
  BOOST_TEST((relations.friendship(ann, bob) == Friendship::None));
  BOOST_TEST(count("relation.friend_requested") == 1);
  BOOST_TEST(count("relation.befriended") == 1);
  BOOST_TEST(count("relation.unfriended") == 1);
}

BOOST_AUTO_TEST_CASE(crossing_requests_become_a_friendship) {
  BOOST_TEST(relations.request_friend(ann, bob).ok());
  BOOST_TEST(relations.request_friend(bob, ann).ok());
  BOOST_TEST(relations.are_friends(ann, bob));
  BOOST_TEST(count("relation.befriended") == 1);
}

BOOST_AUTO_TEST_CASE(declining_cancelling_and_refusals_that_write_nothing) {
  BOOST_REQUIRE(relations.request_friend(ann, bob).ok());
  BOOST_REQUIRE(relations.request_friend(ann, cyd).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((relations.request_friend(ann, ann).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((relations.request_friend(ann, bob).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((relations.request_friend(ann, kNobody).refusal() == Refusal::NotFound));
  BOOST_TEST((relations.accept(ann, bob).refusal() == Refusal::NotFound));  // ann asked
  BOOST_TEST((relations.decline(ann, bob).refusal() == Refusal::NotFound));
  BOOST_TEST((relations.cancel(bob, ann).refusal() == Refusal::NotFound));
  BOOST_TEST((relations.unfriend(ann, bob).refusal() == Refusal::NotFound));
  BOOST_TEST((relations.unfollow(ann, bob).refusal() == Refusal::NotFound));
  BOOST_TEST((relations.unblock(ann, bob).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(relations.decline(bob, ann).ok());
  BOOST_TEST(relations.cancel(ann, cyd).ok());
  BOOST_TEST(relations.outgoing_requests(ann).entries.empty());
  BOOST_TEST(count("relation.request_declined") == 1);
  BOOST_TEST(count("relation.request_cancelled") == 1);
  BOOST_REQUIRE(game.players().remove(cyd).ok());
  BOOST_TEST((relations.request_friend(ann, cyd).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(the_friend_limit_counts_both_sides) {
  GameOptions options = test::options_with(clock);
  options.rules = Rules{};
  options.rules->relations.max_friends = 1;
  Game limited(options);
  const PlayerId a = limited.players().create({.username = "aaa"})->id;
  const PlayerId b = limited.players().create({.username = "bbb"})->id;
  const PlayerId c = limited.players().create({.username = "ccc"})->id;
  BOOST_REQUIRE(limited.relations().request_friend(a, b).ok());
  BOOST_REQUIRE(limited.relations().request_friend(c, b).ok());  // pending ones do not count
  BOOST_REQUIRE(limited.relations().accept(b, a).ok());
  BOOST_TEST((limited.relations().accept(b, c).refusal() == Refusal::NotAllowed));
  BOOST_TEST((limited.relations().request_friend(a, c).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(follows_are_one_way) {
  BOOST_TEST(relations.follow(ann, bob).ok());
  BOOST_TEST((relations.follow(ann, bob).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((users(relations.followers(bob)) == std::vector<PlayerId>{ann}));
  BOOST_TEST((users(relations.following(ann)) == std::vector<PlayerId>{bob}));
  BOOST_TEST(relations.following(bob).entries.empty());
  BOOST_TEST(relations.unfollow(ann, bob).ok());
  BOOST_TEST(relations.followers(bob).entries.empty());
}

BOOST_AUTO_TEST_CASE(a_block_clears_the_pair_and_refuses_what_the_blocked_user_tries) {
  BOOST_REQUIRE(relations.request_friend(ann, bob).ok());
  BOOST_REQUIRE(relations.accept(bob, ann).ok());
  BOOST_REQUIRE(relations.follow(ann, bob).ok());
  BOOST_REQUIRE(relations.follow(bob, ann).ok());
  BOOST_TEST(relations.block(bob, ann).ok());
  BOOST_TEST((relations.friendship(ann, bob) == Friendship::None));
  BOOST_TEST(relations.followers(ann).entries.empty());
  BOOST_TEST(relations.followers(bob).entries.empty());
  BOOST_TEST(relations.has_blocked(bob, ann));
  BOOST_TEST(!relations.has_blocked(ann, bob));
  BOOST_TEST(relations.blocked_either(ann, bob));
  BOOST_TEST((users(relations.blocked(bob)) == std::vector<PlayerId>{ann}));
  const ItemId ore = game.inventory().create_item({.name = "Ore", .type = "MATERIAL"})->id;
  BOOST_REQUIRE(game.inventory().add({ann, ore, 1}).ok());
  const std::string before = test::snapshot(game);
  const Outcome asked = relations.request_friend(ann, bob);
  BOOST_TEST((asked.refusal() == Refusal::NotAllowed));
  BOOST_TEST(asked.detail() == "One of you has blocked the other.");
  BOOST_TEST((relations.request_friend(bob, ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST((relations.follow(ann, bob).refusal() == Refusal::NotAllowed));
  // Trades between them: items and money.
  BOOST_TEST((game.inventory().give({ann, bob, ore, 1}).refusal() == Refusal::NotAllowed));
  const CurrencyId credits = game.ledger().default_currency().id;
  Transfer pay{game.ledger().account_of(AccountOwner::user(ann.value()), credits)->id,
               game.ledger().account_of(AccountOwner::user(bob.value()), credits)->id, 1};
  pay.by = ann;
  BOOST_TEST((game.ledger().transfer(pay).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == before);
  // Unblocking restores nothing.
  BOOST_TEST((relations.block(bob, ann).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(relations.unblock(bob, ann).ok());
  BOOST_TEST((relations.friendship(ann, bob) == Friendship::None));
  BOOST_TEST(relations.followers(bob).entries.empty());
  BOOST_TEST(relations.request_friend(ann, bob).ok());
  // The blocked user hears nothing: the block's events are about the blocker.
  for (const Event& event : game.events_about(ann.value(), 100)) {
    BOOST_TEST(event.type != "relation.blocked");
  }
}

BOOST_AUTO_TEST_CASE(pages_follow_a_stable_cursor) {
  std::vector<PlayerId> fans;
  for (int i = 0; i < 7; ++i) {
    fans.push_back(game.players().create({.username = "fan" + std::to_string(i)})->id);
    BOOST_REQUIRE(relations.follow(fans.back(), ann).ok());
  }
  const RelatedPage first = relations.followers(ann, 0, 3);
  BOOST_TEST((users(first) == std::vector<PlayerId>{fans[0], fans[1], fans[2]}));
  BOOST_TEST(first.next != 0);
  // An entry leaving before the cursor does not move the next page.
  BOOST_REQUIRE(relations.unfollow(fans[1], ann).ok());
  const RelatedPage second = relations.followers(ann, first.next, 3);
  BOOST_TEST((users(second) == std::vector<PlayerId>{fans[3], fans[4], fans[5]}));
  const RelatedPage last = relations.followers(ann, second.next, 3);
  BOOST_TEST((users(last) == std::vector<PlayerId>{fans[6]}));
  BOOST_TEST(last.next == 0);
  BOOST_CHECK_EXCEPTION(relations.followers(ann, 0, 0), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(relations.followers(ann, 0, 201), Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(asking_needs_community_getting_away_needs_only_web) {
  const PlayerId mod = game.players().create({.username = "mod"})->id;
  BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
  BOOST_REQUIRE(relations.follow(ann, bob).ok());
  const NewBan mute{mod, ann, "", "spam", test::kStart + kDay, {"community"}};
  BOOST_REQUIRE(game.access().ban(mute).ok());
  BOOST_TEST((relations.request_friend(ann, bob).refusal() == Refusal::Banned));
  BOOST_TEST((relations.follow(ann, cyd).refusal() == Refusal::Banned));
  BOOST_TEST(relations.unfollow(ann, bob).ok());
  BOOST_TEST(relations.block(ann, cyd).ok());
}

// Random sequences of social commands, most of them refused: whatever happens, no friendship or
// request and no follow crosses a block.
BOOST_AUTO_TEST_CASE(no_sequence_leaves_anything_across_a_block) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    test::FreshGame world;
    std::vector<PlayerId> people;
    for (int i = 0; i < 5; ++i) {
      people.push_back(world.game.players().create({.username = "pal" + std::to_string(i)})->id);
    }
    Relations r = world.game.relations();
    std::mt19937 random(seed);
    int done = 0;
    for (int step = 0; step < 300; ++step) {
      const PlayerId& a = people[random() % people.size()];
      const PlayerId& b = people[random() % people.size()];
      Outcome outcome;
      switch (random() % 9) {
        case 0:
          outcome = r.request_friend(a, b);
          break;
        case 1:
          outcome = r.accept(a, b);
          break;
        case 2:
          outcome = r.decline(a, b);
          break;
        case 3:
          outcome = r.cancel(a, b);
          break;
        case 4:
          outcome = r.unfriend(a, b);
          break;
        case 5:
          outcome = r.follow(a, b);
          break;
        case 6:
          outcome = r.unfollow(a, b);
          break;
        case 7:
          outcome = r.block(a, b);
          break;
        default:
          outcome = r.unblock(a, b);
          break;
      }
      done += outcome.ok();
    }
    const long long across = test::query_int(
        world.game,
        "SELECT (SELECT count(*) FROM friends f JOIN blocks k ON (k.user_id = f.user_id AND "
        "k.target_id = f.target_id) OR (k.user_id = f.target_id AND k.target_id = f.user_id)) + "
        "(SELECT count(*) FROM follows f JOIN blocks k ON (k.user_id = f.user_id AND "
        "k.target_id = f.target_id) OR (k.user_id = f.target_id AND k.target_id = f.user_id))");
    BOOST_TEST(across == 0, "seed " << seed);
    BOOST_TEST(done > 30, "seed " << seed);
    BOOST_TEST(test::query_int(world.game, "SELECT count(*) FROM blocks") > 0, "seed " << seed);
  }
}

BOOST_AUTO_TEST_SUITE_END()

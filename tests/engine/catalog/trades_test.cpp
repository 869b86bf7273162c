// Trades: what a trade may hold, its states, confirmation moving every leg or none, a trade going
// back when an offered leg is gone, expiry once; and a property over random trades, gifts and
// purchases: one owner per instance, the ledger and inventory hold, no confirmed trade moved
// only part of its legs.
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/social/relations.h"

using namespace hearth;

namespace {

struct Market : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  PlayerId maker = game.players().create({.username = "maker"}).value().id;
  Catalog catalog = game.catalog();
  CurrencyId credits = game.ledger().default_currency().id;
  ContentId hat = make("Hat");
  ContentId coat = make("Coat");
  ItemId ore = game.inventory().create_item({.name = "Ore", .type = "MATERIAL"})->id;

  ContentId make(const std::string& name) {
    const ContentId id =
        catalog.create({.author = maker, .type = ContentType::Front, .name = name})->id;
    BOOST_REQUIRE(catalog.publish(maker, id, true).ok());
    return id;
  }

  OwnershipId give(ContentId content, const PlayerId& to) {
    return catalog.grant(content, to).value().id;
  }

  std::int64_t balance(const PlayerId& user) {
    return game.ledger().account_of(AccountOwner::user(user.value()), credits)->balance;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(trades_test, Market)

BOOST_AUTO_TEST_CASE(a_confirmed_trade_moves_every_leg) {
  const OwnershipId anns_hat = give(hat, ann);
  const OwnershipId bobs_coat = give(coat, bob);
  BOOST_REQUIRE(game.inventory().add({ann, ore, 5}).ok());
  const std::int64_t ann_before = balance(ann);
  const std::int64_t bob_before = balance(bob);
  NewTrade offer{ann, bob, {{anns_hat}, {{ore, 3}}, {}}, {{bobs_coat}, {}, {{credits, 40}}}, ""};
  const TradeView sent = catalog.propose(offer).value();
  BOOST_TEST((sent.status == TradeStatus::Sent));
  BOOST_TEST(sent.expires_at == test::kStart + 7 * kDay);
  BOOST_TEST(catalog.open(bob, sent.id).ok());
  const TradeView done = catalog.confirm(bob, sent.id).value();
  BOOST_TEST((done.status == TradeStatus::Confirmed));
  BOOST_TEST(catalog.owns(bob, hat));
  BOOST_TEST(catalog.owns(ann, coat));
  BOOST_TEST(!catalog.owns(ann, hat));
  BOOST_TEST(game.inventory().quantity(bob, ore) == 3);
  BOOST_TEST(game.inventory().quantity(ann, ore) == 2);
  BOOST_TEST(balance(ann) == ann_before + 40);
  BOOST_TEST(balance(bob) == bob_before - 40);
  BOOST_TEST((catalog.provenance(hat, 1).back().source == OwnershipSource::Trade));
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_TEST((catalog.confirm(bob, sent.id).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((catalog.cancel(ann, sent.id).refusal() == Refusal::AlreadyDone));
}

BOOST_AUTO_TEST_CASE(a_trade_that_cannot_be_refused_writes_nothing) {
  const OwnershipId anns_hat = give(hat, ann);
  const PlayerId mod = game.players().create({.username = "mod"})->id;
  BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
  BOOST_REQUIRE(game.access().ban({mod, bob, "", "scam", test::kStart + kDay, {"trade"}}).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.propose({ann, ann, {{anns_hat}, {}, {}}, {}, ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((catalog.propose({ann, maker, {}, {}, ""}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((catalog.propose({ann, maker, {{anns_hat, anns_hat}, {}, {}}, {}, ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((catalog.propose({ann, maker, {{}, {{ore, 0}}, {}}, {}, ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((catalog.propose({ann, maker, {{}, {{ore, 1}}, {}}, {}, ""}).refusal() ==
              Refusal::NotAllowed));  // ann has no ore
  BOOST_TEST((catalog.propose({ann, maker, {}, {{anns_hat}, {}, {}}, ""}).refusal() ==
              Refusal::NotAllowed));  // not maker's
  BOOST_TEST(
      (catalog.propose({ann, maker, {{}, {}, {{credits, balance(ann) + 1}}}, {}, ""}).refusal() ==
       Refusal::InsufficientFunds));
  BOOST_TEST((catalog.propose({ann, bob, {{anns_hat}, {}, {}}, {}, ""}).refusal() ==
              Refusal::NotAllowed));  // bob may not trade
  const OwnershipId makers_copy = catalog.owned(maker).front().id;
  BOOST_TEST((catalog.propose({maker, ann, {{makers_copy}, {}, {}}, {}, ""}).refusal() ==
              Refusal::NotAllowed));  // an author's copy
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.relations().block(maker, ann).ok());
  const std::string blocked = test::snapshot(game);
  BOOST_TEST((catalog.propose({ann, maker, {{anns_hat}, {}, {}}, {}, ""}).refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == blocked);
}

BOOST_AUTO_TEST_CASE(states_end_once_and_only_their_party_moves_them) {
  const OwnershipId anns_hat = give(hat, ann);
  const std::int64_t first = catalog.propose({ann, bob, {{anns_hat}, {}, {}}, {}, ""})->id;
  BOOST_TEST((catalog.open(ann, first).refusal() == Refusal::NotFound));  // the sender
  BOOST_TEST((catalog.confirm(maker, first).refusal() == Refusal::NotFound));
  BOOST_TEST(catalog.reject(bob, first).ok());
  BOOST_TEST((catalog.trade(first)->status == TradeStatus::Rejected));
  BOOST_TEST((catalog.open(bob, first).refusal() == Refusal::AlreadyDone));
  const std::int64_t second = catalog.propose({ann, bob, {{anns_hat}, {}, {}}, {}, ""})->id;
  BOOST_TEST((catalog.cancel(bob, second).refusal() == Refusal::NotFound));
  BOOST_TEST(catalog.cancel(ann, second).ok());
  BOOST_TEST((catalog.trade(second)->status == TradeStatus::Cancelled));
  BOOST_TEST(catalog.open_trades(ann).empty());
  BOOST_TEST(catalog.owns(ann, hat));
}

BOOST_AUTO_TEST_CASE(a_trade_whose_offer_is_gone_goes_back_and_a_short_answer_is_refused) {
  const OwnershipId anns_hat = give(hat, ann);
  const std::int64_t trade = catalog.propose({ann, bob, {{anns_hat}, {}, {}}, {}, ""})->id;
  const PlayerId cyd = game.players().create({.username = "cyd"})->id;
  BOOST_REQUIRE(catalog.give(ann, anns_hat, cyd).ok());  // gone before bob answers
  const TradeView back = catalog.confirm(bob, trade).value();
  BOOST_TEST((back.status == TradeStatus::ReturnedToSender));
  BOOST_TEST(!catalog.owns(bob, hat));
  // The recipient cannot pay what was asked: refused, nothing moves, the trade still waits.
  const OwnershipId anns_coat = give(coat, ann);
  const std::int64_t asked =
      catalog.propose({ann, bob, {{anns_coat}, {}, {}}, {{}, {}, {{credits, 10}}}, ""})->id;
  const AccountId bobs = game.ledger().account_of(AccountOwner::user(bob.value()), credits)->id;
  BOOST_REQUIRE(game.ledger().burn(bobs, balance(bob)).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.confirm(bob, asked).refusal() == Refusal::InsufficientFunds));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST((catalog.trade(asked)->status == TradeStatus::Sent));
}

BOOST_AUTO_TEST_CASE(an_unanswered_trade_expires_once_at_any_tick_rate) {
  const auto expiries = [](const std::vector<Duration>& steps) {
    Market world;
    const OwnershipId anns_hat = world.give(world.hat, world.ann);
    const std::int64_t id =
        world.catalog.propose({world.ann, world.bob, {{anns_hat}, {}, {}}, {}, ""})->id;
    for (const Duration step : steps) {
      world.clock->advance(step);
      world.game.tick();
    }
    BOOST_TEST((world.catalog.trade(id)->status == TradeStatus::Expired));
    BOOST_TEST((world.catalog.confirm(world.bob, id).refusal() == Refusal::AlreadyDone));
    std::vector<GameTime> seen;
    for (const Event& event : world.game.events(0, 1000)) {
      if (event.type == "trade.expired") seen.push_back(event.at);
    }
    return seen;
  };
  const std::vector<GameTime> once = expiries({Duration::days(8)});
  BOOST_TEST((once == std::vector<GameTime>{test::kStart + 7 * kDay}));
  BOOST_TEST((expiries(std::vector<Duration>(16, Duration::hours(12))) == once));
}

// Random trades, gifts and purchases among three players: every instance keeps one owner, money
// and items add up, and every confirmed trade moved all of its legs.
BOOST_AUTO_TEST_CASE(no_trade_moves_only_part_of_its_legs) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    Market world;
    const std::vector<PlayerId> people = {world.ann, world.bob, world.maker};
    for (const PlayerId& p : people)
      BOOST_REQUIRE(world.game.inventory().add({p, world.ore, 20}).ok());
    for (const ContentId c : {world.hat, world.coat}) {
      BOOST_REQUIRE(world.catalog.set_on_sale(world.maker, c, true).ok());
      BOOST_REQUIRE(world.catalog.set_price(world.maker, c, {world.credits, 5}).ok());
    }
    std::mt19937 random(seed);
    std::vector<std::int64_t> trades;
    for (int step = 0; step < 120; ++step) {
      const PlayerId& a = people[random() % 3];
      const PlayerId& b = people[random() % 3];
      const ContentId c = random() % 2 ? world.hat : world.coat;
      switch (random() % 5) {
        case 0:
          (void)world.catalog.buy(a, c, world.credits);
          break;
        case 1: {
          const std::vector<OwnershipView> held = world.catalog.owned(a);
          NewTrade trade{a, b, {}, {}, ""};
          if (!held.empty() && held.front().serial) trade.offered.ownerships = {held.front().id};
          trade.offered.items = {{world.ore, 1 + static_cast<std::int64_t>(random() % 3)}};
          trade.asked.money = {{world.credits, 1 + static_cast<std::int64_t>(random() % 20)}};
          if (auto sent = world.catalog.propose(trade)) trades.push_back(sent->id);
          break;
        }
        case 2:
        case 3:
          if (!trades.empty()) {
            const std::int64_t id = trades[random() % trades.size()];
            const auto found = world.catalog.trade(id);
            (void)world.catalog.confirm(found->recipient, id);
          }
          break;
        default: {
          const std::vector<OwnershipView> held = world.catalog.owned(a);
          if (!held.empty() && held.back().serial) (void)world.catalog.give(a, held.back().id, b);
        }
      }
    }
    BOOST_TEST(test::query_int(world.game,
                               "SELECT count(*) FROM (SELECT content_id, serial FROM "
                               "content_ownerships WHERE serial IS NOT NULL GROUP BY content_id, "
                               "serial HAVING sum(ended_at IS NULL) <> 1)") == 0,
               "seed " << seed);
    BOOST_TEST(world.game.ledger().check_ledger().empty(), "seed " << seed);
    BOOST_TEST(test::query_int(world.game, "SELECT sum(quantity) FROM inventory") == 60,
               "seed " << seed);
    // Each confirmed trade's offered instances went to its recipient, by trade.
    BOOST_TEST(test::query_int(
                   world.game,
                   "SELECT count(*) FROM trades t JOIN trade_offer_ownerships l ON l.trade_id = "
                   "t.id AND l.side = 'user' WHERE t.status = 'confirmed' AND NOT EXISTS (SELECT "
                   "1 FROM content_ownerships n WHERE n.previous_ownership_id = l.ownership_id "
                   "AND n.user_id = t.recipient_id AND n.source = 'trade')") == 0,
               "seed " << seed);
    int confirmed = 0;
    for (std::int64_t id : trades) {
      confirmed += world.catalog.trade(id)->status == TradeStatus::Confirmed;
    }
    BOOST_TEST(confirmed > 0, "seed " << seed);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// Inventory: item definitions, stacks, their history, gifts between users and purchases.
#include "hearth/economy/inventory.h"

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/support/fixtures.h"

#include "hearth/economy/ledger.h"

using namespace hearth;

namespace {

using test::exec_sql;
using test::query_int;

// Everything an inventory command writes — items, stacks, history, ledger rows, balances,
// events — so that a refused command can be shown to have written nothing.
std::string snapshot(Game& game) {
  return core_of(game).read([](SQLite::Database& db) {
    return db
        .execAndGet(
            "SELECT (SELECT count(*) FROM items) || '/' || (SELECT count(*) FROM "
            "item_transactions) || '/' || (SELECT count(*) FROM events) || '/' || (SELECT "
            "count(*) FROM transactions) || '/' || ifnull((SELECT group_concat(user_id || ':' || "
            "item_id || '=' || quantity, ',') FROM inventory), '') || '/' || (SELECT "
            "group_concat(id || '=' || balance, ',') FROM accounts)")
        .getString();
  });
}

std::int64_t last_event_id(Game& game) {
  return query_int(game, "SELECT ifnull(max(id), 0) FROM events");
}

// A game with two players and two items: a sword sold at 100 credits and a gem not sold.
struct InventoryGame : test::FreshGame {
  InventoryGame() {
    alice = game.players().create({.username = "alice"})->id;
    bob = game.players().create({.username = "bob"})->id;
    sword = items.create_item({.name = "Sword", .type = "EQUIPMENT", .price = 100})->id;
    gem = items.create_item({.name = "Gem", .type = "MATERIAL", .rarity = "Rare"})->id;
  }

  Inventory items = game.inventory();
  std::string alice, bob;
  std::int64_t sword = 0, gem = 0;
};

// A game whose rules cap stacks at 10 and inventories at 2 different items.
struct LimitedGame {
  LimitedGame() {
    GameOptions options = test::options_with(clock);
    Rules rules;
    rules.inventory.max_stack_size = 10;
    rules.inventory.max_slots = 2;
    options.rules = rules;
    game = std::make_unique<Game>(options);
    alice = game->players().create({.username = "alice"})->id;
    bob = game->players().create({.username = "bob"})->id;
    for (const char* name : {"Arrow", "Bolt", "Coin"}) {
      ids.push_back(game->inventory().create_item({.name = name, .type = "AMMO", .price = 1})->id);
    }
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  std::unique_ptr<Game> game;
  std::string alice, bob;
  std::vector<std::int64_t> ids;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(inventory_test, InventoryGame)

// Item definitions -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_item_is_created_with_its_definition) {
  const std::int64_t after = last_event_id(game);
  const auto potion = items.create_item({.name = "Potion of Haste",
                                         .type = "CONSUMABLE",
                                         .rarity = "Uncommon",
                                         .description = "Faster, briefly.",
                                         .price = 0,
                                         .usage_data = R"({ "consume": true, "effects": [] })",
                                         .icon_url = "icons/haste.png"});
  BOOST_TEST_REQUIRE(potion.ok(), potion.detail());
  ItemView expected;
  expected.id = potion->id;
  expected.name = "Potion of Haste";
  expected.type = "CONSUMABLE";
  expected.rarity = "Uncommon";
  expected.description = "Faster, briefly.";
  expected.price = 0;
  expected.usage_data = R"({"consume":true,"effects":[]})";
  expected.icon_url = "icons/haste.png";
  BOOST_TEST((*potion == expected));
  BOOST_TEST((items.item(potion->id) == expected));
  BOOST_TEST((items.item_named("POTION OF HASTE") == expected));
  BOOST_TEST(!items.item_named("Potion"));
  BOOST_TEST(!items.item(999));
  // Defaults: Common, not sold, no usage.
  const auto gem_view = items.item(gem);
  BOOST_TEST(gem_view->rarity == "Rare");
  BOOST_TEST(!gem_view->price.has_value());
  BOOST_TEST(gem_view->usage_data == "{}");
  BOOST_TEST(items.item(sword)->rarity == "Common");

  const auto events = game.events(after);
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "item.created");
  BOOST_TEST(events[0].payload ==
             fmt::format(R"({{"item":{},"name":"Potion of Haste"}})", potion->id));
}

BOOST_AUTO_TEST_CASE(item_definitions_are_validated_and_refusals_write_nothing) {
  const std::string before = snapshot(game);
  const auto refused = [&](const NewItem& item, Refusal refusal) {
    const auto answer = items.create_item(item);
    BOOST_TEST((answer.refusal() == refusal), answer.detail());
    return answer.detail();
  };
  BOOST_TEST(refused({.name = "sWORD", .type = "EQUIPMENT"}, Refusal::AlreadyExists) ==
             "The item name 'sWORD' is taken.");
  refused({.name = "", .type = "EQUIPMENT"}, Refusal::InvalidArgument);
  refused({.name = std::string(256, 'n'), .type = "EQUIPMENT"}, Refusal::InvalidArgument);
  refused({.name = "Axe", .type = ""}, Refusal::InvalidArgument);
  refused({.name = "Axe", .type = std::string(51, 'T')}, Refusal::InvalidArgument);
  refused({.name = "Axe", .type = "EQUIPMENT", .rarity = ""}, Refusal::InvalidArgument);
  refused({.name = "Axe", .type = "EQUIPMENT", .rarity = std::string(21, 'r')},
          Refusal::InvalidArgument);
  BOOST_TEST(refused({.name = "Axe", .type = "EQUIPMENT", .price = -1}, Refusal::InvalidArgument) ==
             "A price cannot be negative: -1.");
  for (const char* usage : {"[]", "nope", "", "3", "{\"a\":"}) {
    refused({.name = "Axe", .type = "EQUIPMENT", .usage_data = usage}, Refusal::InvalidArgument);
  }
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST(items
                 .create_item({.name = std::string(255, 'n'),
                               .type = std::string(50, 'T'),
                               .rarity = std::string(20, 'r')})
                 .ok());
}

// Stacks -----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(adding_grows_a_stack_and_records_every_change) {
  const std::int64_t after = last_event_id(game);
  const auto first = items.add({.user_id = alice, .item = sword, .quantity = 3});
  BOOST_TEST_REQUIRE(first.ok(), first.detail());
  const auto second = items.add({.user_id = alice,
                                 .item = sword,
                                 .quantity = 2,
                                 .type = "DROP",
                                 .description = "From a chest",
                                 .related_user_id = bob});
  BOOST_TEST_REQUIRE(second.ok(), second.detail());
  BOOST_TEST(items.quantity(alice, sword) == 5);
  BOOST_TEST(items.quantity(bob, sword) == 0);
  BOOST_TEST((items.stacks(alice) == std::vector<Stack>{{sword, "Sword", 5}}));
  BOOST_TEST(query_int(game, "SELECT count(*) FROM inventory") == 1);

  const auto history = items.history(alice);
  BOOST_TEST_REQUIRE(history.size() == 2u);
  BOOST_TEST((history[0] ==
              ItemEntry{*second, alice, bob, sword, 2, "DROP", "From a chest", test::kStart}));
  BOOST_TEST((history[1] == ItemEntry{*first, alice, "", sword, 3, "GRANT", "", test::kStart}));
  BOOST_TEST(items.history(alice, 1).size() == 1u);

  const auto events = game.events(after);
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[0].type == "inventory.added");
  BOOST_TEST(events[0].subject == alice);
  BOOST_TEST(events[0].actor == "");
  BOOST_TEST(events[0].payload ==
             fmt::format(R"({{"entry":{},"item":{},"name":"Sword","quantity":3,"held":3,)"
                         R"("type":"GRANT","related_user":""}})",
                         *first, sword));
  BOOST_TEST(events[1].payload ==
             fmt::format(R"({{"entry":{},"item":{},"name":"Sword","quantity":2,"held":5,)"
                         R"("type":"DROP","related_user":"{}"}})",
                         *second, sword, bob));
  BOOST_TEST(items.check_inventory().empty());
}

BOOST_AUTO_TEST_CASE(removing_shrinks_a_stack_and_deletes_it_at_zero) {
  BOOST_TEST_REQUIRE(items.add({.user_id = alice, .item = gem, .quantity = 5}).ok());
  const std::int64_t after = last_event_id(game);
  const auto used = items.remove({.user_id = alice, .item = gem, .quantity = 2, .type = "USE"});
  BOOST_TEST_REQUIRE(used.ok(), used.detail());
  BOOST_TEST(items.quantity(alice, gem) == 3);
  const auto rest = items.remove({.user_id = alice, .item = gem, .quantity = 3});
  BOOST_TEST_REQUIRE(rest.ok(), rest.detail());
  BOOST_TEST(items.quantity(alice, gem) == 0);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM inventory") == 0);
  BOOST_TEST(items.stacks(alice).empty());
  const auto history = items.history(alice);
  BOOST_TEST_REQUIRE(history.size() == 3u);
  BOOST_TEST(history[0].quantity == -3);
  BOOST_TEST(history[0].type == "REMOVE");
  BOOST_TEST(history[1].quantity == -2);
  BOOST_TEST(history[1].type == "USE");

  const auto events = game.events(after);
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[0].type == "inventory.removed");
  BOOST_TEST(events[1].payload ==
             fmt::format(R"({{"entry":{},"item":{},"name":"Gem","quantity":3,"held":0,)"
                         R"("type":"REMOVE","related_user":""}})",
                         *rest, gem));
  BOOST_TEST(items.check_inventory().empty());
}

BOOST_AUTO_TEST_CASE(removing_more_than_is_held_is_refused_and_writes_nothing) {
  BOOST_TEST_REQUIRE(items.add({.user_id = alice, .item = gem, .quantity = 2}).ok());
  const std::string before = snapshot(game);
  const auto refused = items.remove({.user_id = alice, .item = gem, .quantity = 3});
  BOOST_TEST((refused.refusal() == Refusal::NotAllowed));
  BOOST_TEST(refused.detail() == "The user holds 2 of Gem, fewer than 3.");
  BOOST_TEST((items.remove({.user_id = bob, .item = gem, .quantity = 1}).refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(every_refused_item_change_writes_nothing) {
  BOOST_TEST_REQUIRE(items.add({.user_id = alice, .item = gem, .quantity = 2}).ok());
  const std::string before = snapshot(game);
  const std::vector<std::pair<ItemChange, Refusal>> cases = {
      {{.user_id = alice, .item = gem, .quantity = 0}, Refusal::InvalidArgument},
      {{.user_id = alice, .item = gem, .quantity = -1}, Refusal::InvalidArgument},
      {{.user_id = "nobody", .item = gem, .quantity = 1}, Refusal::NotFound},
      {{.user_id = alice, .item = 999, .quantity = 1}, Refusal::NotFound},
      {{.user_id = alice, .item = gem, .quantity = 1, .related_user_id = "nobody"},
       Refusal::NotFound},
      {{.user_id = alice, .item = gem, .quantity = 1, .type = std::string(51, 'T')},
       Refusal::InvalidArgument},
  };
  for (const auto& [change, refusal] : cases) {
    const auto added = items.add(change);
    const auto removed = items.remove(change);
    BOOST_TEST((added.refusal() == refusal), added.detail());
    BOOST_TEST((removed.refusal() == refusal), removed.detail());
  }
  // A stack never overflows.
  BOOST_TEST((items
                  .add({.user_id = alice,
                        .item = gem,
                        .quantity = std::numeric_limits<std::int64_t>::max() - 1})
                  .refusal() == Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(the_rules_limit_stacks_and_slots) {
  LimitedGame limited;
  Inventory limited_items = limited.game->inventory();
  const auto& ids = limited.ids;
  const std::string dora = limited.alice;
  const std::string before = snapshot(*limited.game);
  const auto too_many = limited_items.add({.user_id = dora, .item = ids[0], .quantity = 11});
  BOOST_TEST((too_many.refusal() == Refusal::NotAllowed));
  BOOST_TEST(too_many.detail() == "A stack holds at most 10: 0 of Arrow plus 11 is too many.");
  BOOST_TEST(snapshot(*limited.game) == before);

  BOOST_TEST(limited_items.add({.user_id = dora, .item = ids[0], .quantity = 10}).ok());
  BOOST_TEST((limited_items.add({.user_id = dora, .item = ids[0], .quantity = 1}).refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(limited_items.add({.user_id = dora, .item = ids[1], .quantity = 1}).ok());
  const std::string full = snapshot(*limited.game);
  const auto third = limited_items.add({.user_id = dora, .item = ids[2], .quantity = 1});
  BOOST_TEST((third.refusal() == Refusal::NotAllowed));
  BOOST_TEST(third.detail() == "An inventory holds at most 2 different items.");
  BOOST_TEST(
      (limited_items.buy({.user_id = dora, .item = ids[2]}).refusal() == Refusal::NotAllowed));
  BOOST_TEST(snapshot(*limited.game) == full);  // the refused purchase paid nothing

  // Adding to a held stack takes no new slot; emptying a stack frees one.
  BOOST_TEST(limited_items.remove({.user_id = dora, .item = ids[0], .quantity = 5}).ok());
  BOOST_TEST(limited_items.add({.user_id = dora, .item = ids[0], .quantity = 5}).ok());
  BOOST_TEST(limited_items.remove({.user_id = dora, .item = ids[1], .quantity = 1}).ok());
  BOOST_TEST(limited_items.add({.user_id = dora, .item = ids[2], .quantity = 1}).ok());
  BOOST_TEST(limited_items.stacks(dora).size() == 2u);
}

BOOST_AUTO_TEST_CASE(stacks_are_listed_by_item_name) {
  const auto axe = items.create_item({.name = "axe", .type = "EQUIPMENT"});
  BOOST_TEST_REQUIRE(items.add({.user_id = bob, .item = sword, .quantity = 1}).ok());
  BOOST_TEST_REQUIRE(items.add({.user_id = bob, .item = gem, .quantity = 4}).ok());
  BOOST_TEST_REQUIRE(items.add({.user_id = bob, .item = axe->id, .quantity = 2}).ok());
  BOOST_TEST((items.stacks(bob) ==
              std::vector<Stack>{{axe->id, "axe", 2}, {gem, "Gem", 4}, {sword, "Sword", 1}}));
  BOOST_TEST(items.stacks(alice).empty());
}

// Gifts and purchases ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(giving_moves_items_between_two_users_in_one_command) {
  BOOST_TEST_REQUIRE(items.add({.user_id = alice, .item = gem, .quantity = 5}).ok());
  const std::int64_t after = last_event_id(game);
  const auto receipt = items.give({.from_user = alice, .to_user = bob, .item = gem, .quantity = 2});
  BOOST_TEST_REQUIRE(receipt.ok(), receipt.detail());
  BOOST_TEST(items.quantity(alice, gem) == 3);
  BOOST_TEST(items.quantity(bob, gem) == 2);
  BOOST_TEST((items.history(alice)[0] ==
              ItemEntry{receipt->removed_entry, alice, bob, gem, -2, "TRADE", "", test::kStart}));
  BOOST_TEST((items.history(bob)[0] ==
              ItemEntry{receipt->added_entry, bob, alice, gem, 2, "TRADE", "", test::kStart}));
  const auto events = game.events(after);
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[0].type == "inventory.removed");
  BOOST_TEST(events[0].actor == alice);
  BOOST_TEST(events[0].subject == alice);
  BOOST_TEST(events[1].type == "inventory.added");
  BOOST_TEST(events[1].actor == alice);
  BOOST_TEST(events[1].subject == bob);

  // Everything a gift refuses writes nothing.
  const std::string before = snapshot(game);
  BOOST_TEST(
      (items.give({.from_user = alice, .to_user = bob, .item = gem, .quantity = 4}).refusal() ==
       Refusal::NotAllowed));
  BOOST_TEST(
      (items.give({.from_user = alice, .to_user = alice, .item = gem, .quantity = 1}).refusal() ==
       Refusal::InvalidArgument));
  BOOST_TEST((
      items.give({.from_user = alice, .to_user = "nobody", .item = gem, .quantity = 1}).refusal() ==
      Refusal::NotFound));
  BOOST_TEST(
      (items.give({.from_user = "nobody", .to_user = bob, .item = gem, .quantity = 1}).refusal() ==
       Refusal::NotFound));
  BOOST_TEST(
      (items.give({.from_user = alice, .to_user = bob, .item = gem, .quantity = 0}).refusal() ==
       Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST_REQUIRE(game.players().remove(alice).ok());
  const std::string removed = snapshot(game);
  BOOST_TEST(
      (items.give({.from_user = alice, .to_user = bob, .item = gem, .quantity = 1}).refusal() ==
       Refusal::NotAllowed));
  BOOST_TEST(snapshot(game) == removed);
}

BOOST_AUTO_TEST_CASE(a_gift_the_receiver_cannot_hold_takes_nothing_from_the_giver) {
  LimitedGame limited;
  Inventory limited_items = limited.game->inventory();
  BOOST_TEST_REQUIRE(
      limited_items.add({.user_id = limited.alice, .item = limited.ids[0], .quantity = 6}).ok());
  BOOST_TEST_REQUIRE(
      limited_items.add({.user_id = limited.bob, .item = limited.ids[0], .quantity = 6}).ok());
  const std::string before = snapshot(*limited.game);
  // The first leg (alice loses 5) would succeed; the second (bob holds 11) is refused.
  BOOST_TEST((limited_items
                  .give({.from_user = limited.alice,
                         .to_user = limited.bob,
                         .item = limited.ids[0],
                         .quantity = 5})
                  .refusal() == Refusal::NotAllowed));
  BOOST_TEST(snapshot(*limited.game) == before);
  BOOST_TEST(limited_items.quantity(limited.alice, limited.ids[0]) == 6);
}

BOOST_AUTO_TEST_CASE(buying_pays_the_price_and_adds_the_items_together) {
  Ledger ledger = game.ledger();
  const std::int64_t after = last_event_id(game);
  const auto receipt = items.buy({.user_id = alice, .item = sword, .quantity = 3});
  BOOST_TEST_REQUIRE(receipt.ok(), receipt.detail());
  BOOST_TEST(receipt->paid == 300);
  BOOST_TEST(ledger.credits(alice) == 9700);
  BOOST_TEST(ledger.balance(2) == 300);  // the credits sink
  BOOST_TEST(items.quantity(alice, sword) == 3);
  const auto payment = ledger.transaction(receipt->transaction);
  BOOST_TEST(payment->type == "PURCHASE");
  BOOST_TEST(payment->user_id == alice);
  BOOST_TEST(payment->description == "Bought 3 × Sword");
  BOOST_TEST((items.history(alice)[0] == ItemEntry{receipt->entry, alice, "", sword, 3, "SHOP_BUY",
                                                   "Bought 3 × Sword", test::kStart}));
  const auto events = game.events(after);
  BOOST_TEST_REQUIRE(events.size() == 2u);
  BOOST_TEST(events[0].type == "ledger.transferred");
  BOOST_TEST(events[1].type == "inventory.added");
  BOOST_TEST(events[1].actor == alice);
  BOOST_TEST(ledger.check_ledger().empty());
  BOOST_TEST(items.check_inventory().empty());

  // A free item costs no ledger row.
  const auto free = items.create_item({.name = "Leaflet", .type = "MISC", .price = 0});
  const auto leaflet = items.buy({.user_id = alice, .item = free->id});
  BOOST_TEST_REQUIRE(leaflet.ok(), leaflet.detail());
  BOOST_TEST(leaflet->transaction == 0);
  BOOST_TEST(leaflet->paid == 0);
  BOOST_TEST(items.quantity(alice, free->id) == 1);
}

BOOST_AUTO_TEST_CASE(a_refused_purchase_writes_nothing) {
  const std::string before = snapshot(game);
  const auto refused = [&](const Purchase& purchase, Refusal refusal) {
    const auto answer = items.buy(purchase);
    BOOST_TEST((answer.refusal() == refusal), answer.detail());
    return answer.detail();
  };
  BOOST_TEST(refused({.user_id = alice, .item = gem}, Refusal::NotAllowed) == "Gem is not sold.");
  BOOST_TEST(
      refused({.user_id = alice, .item = sword, .quantity = 101}, Refusal::InsufficientFunds) ==
      "Insufficient funds: 10100 needed, 10000 available.");
  refused({.user_id = alice, .item = sword, .quantity = 0}, Refusal::InvalidArgument);
  refused({.user_id = alice, .item = 999}, Refusal::NotFound);
  refused({.user_id = "nobody", .item = sword}, Refusal::NotFound);
  refused({.user_id = alice, .item = sword, .quantity = std::numeric_limits<std::int64_t>::max()},
          Refusal::InvalidArgument);
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST_REQUIRE(game.players().remove(alice).ok());
  const std::string removed = snapshot(game);
  refused({.user_id = alice, .item = sword}, Refusal::NotAllowed);
  BOOST_TEST(snapshot(game) == removed);
}

// The invariant check ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_check_finds_stacks_that_disagree_with_their_history) {
  BOOST_TEST_REQUIRE(items.add({.user_id = alice, .item = sword, .quantity = 4}).ok());
  BOOST_TEST_REQUIRE(items.add({.user_id = bob, .item = gem, .quantity = 2}).ok());
  BOOST_TEST(items.check_inventory().empty());
  exec_sql(game, fmt::format("UPDATE inventory SET quantity = 9 WHERE item_id = {}", sword));
  exec_sql(game, fmt::format("DELETE FROM inventory WHERE item_id = {}", gem));
  const auto violations = items.check_inventory();
  BOOST_TEST_REQUIRE(violations.size() == 2u);
  const auto& by_alice = violations[0].user_id == alice ? violations[0] : violations[1];
  const auto& by_bob = violations[0].user_id == alice ? violations[1] : violations[0];
  BOOST_TEST((by_alice == InventoryViolation{alice, sword, 9, 4,
                                             fmt::format("User '{}' holds 9 of item {}, but its "
                                                         "history sums to 4.",
                                                         alice, sword)}));
  BOOST_TEST(by_bob.item == gem);
  BOOST_TEST(by_bob.held == 0);
  BOOST_TEST(by_bob.logged == 2);
}

BOOST_AUTO_TEST_SUITE_END()

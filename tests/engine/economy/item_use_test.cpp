// Using and selling items: usage data checked at creation, effects applied (timers, loot boxes,
// the game's own handlers) all or nothing, the shop's buy-back.
#include <map>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/economy/inventory.h"
#include "hearth/identity/access.h"
#include "hearth/progression/levels.h"

using namespace hearth;

namespace {

struct UseGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  ItemId ore = make("Ore", "{}", 7);
  ItemId potion = make("Potion", R"({"consume":true,"effects":[{"type":"XP_BOOST",)"
                                 R"("multiplier":2,"duration":3600000}]})");
  ItemId box = make("Box", R"({"consume":true,"effects":[{"type":"LOOTBOX","pool":[)"
                           R"({"type":"CURRENCY","weight":50,"min_amount":100,"max_amount":200},)"
                           R"({"type":"XP","weight":30,"amount":500},)"
                           R"({"type":"ITEM","weight":10,"item_id":1,"amount":2},)"
                           R"({"type":"NOTHING","weight":10,"message":"Empty!"}]}]})");

  ItemId make(const std::string& name, const std::string& usage,
              std::optional<std::int64_t> price = {}) {
    const auto item = game.inventory().create_item(
        {.name = name, .type = "CONSUMABLE", .price = price, .usage_data = usage});
    BOOST_REQUIRE_MESSAGE(item.ok(), item.detail());
    return item->id;
  }

  Refusal refusal_creating(const std::string& usage) {
    return game.inventory()
        .create_item({.name = "Bad", .type = "CONSUMABLE", .usage_data = usage})
        .refusal();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(item_use_test, UseGame)

BOOST_AUTO_TEST_CASE(usage_data_of_the_wrong_shape_is_refused_at_creation) {
  const std::string before = test::snapshot(game);
  for (
      const char* usage : {
          "[]",
          R"({"effects":{}})",
          R"({"consume":"yes"})",
          R"({"effects":[{"multiplier":2}]})",
          R"({"effects":[{"type":"XP_BOOST","multiplier":0,"duration":1000}]})",
          R"({"effects":[{"type":"XP_BOOST","multiplier":2000,"duration":1000}]})",
          R"({"effects":[{"type":"XP_BOOST","multiplier":2,"duration":0}]})",
          R"({"effects":[{"type":"TEMP_ROLE","duration":1000}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"NOTHING","weight":0}]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"NOTHING","weight":-1}]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"GOLD","weight":1}]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"CURRENCY","weight":1}]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"XP","min_amount":9,"max_amount":3}]}]})",
          R"({"effects":[{"type":"LOOTBOX","pool":[{"type":"ITEM","weight":1}]}]})",
      }) {
    BOOST_TEST((refusal_creating(usage) == Refusal::InvalidArgument), usage);
  }
  BOOST_TEST(test::snapshot(game) == before);
  // A type of the game's own is accepted: its handler may come later.
  BOOST_TEST(game.inventory()
                 .create_item({.name = "Scroll",
                               .type = "CONSUMABLE",
                               .usage_data = R"({"effects":[{"type":"TELEPORT","to":7}]})"})
                 .ok());
}

BOOST_AUTO_TEST_CASE(an_xp_boost_starts_an_effect_that_a_second_use_replaces) {
  BOOST_REQUIRE(game.inventory().add({ann, potion, 2}).ok());
  const auto used = game.inventory().use(ann, potion);
  BOOST_TEST_REQUIRE(used.ok(), used.detail());
  BOOST_TEST((used.value() == ItemUse{true, {"XP_BOOST"}, {}}));
  BOOST_TEST(game.inventory().quantity(ann, potion) == 1);
  const auto effect = game.timers().effect(ann, "xp_boost");
  BOOST_TEST_REQUIRE(effect.has_value());
  BOOST_TEST(effect->expires_at == clock->now() + kHour);
  BOOST_TEST(effect->metadata == R"({"multiplier":2.0})");
  clock->advance(30 * kMinute);
  BOOST_TEST(game.inventory().use(ann, potion).ok());
  // Replaced, not extended: an hour from the second use.
  BOOST_TEST(game.timers().effect(ann, "xp_boost")->expires_at == clock->now() + kHour);
  BOOST_TEST(game.inventory().quantity(ann, potion) == 0);
  BOOST_TEST((game.inventory().use(ann, potion).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(items_that_cannot_be_used_are_refused_and_nothing_changes) {
  BOOST_REQUIRE(game.inventory().add({ann, ore, 1}).ok());
  const ItemId scroll = make("Scroll", R"({"consume":true,"effects":[{"type":"TELEPORT"}]})");
  const ItemId badge = make("Badge", R"({"effects":[{"type":"TEMP_ROLE","role_id":99,)"
                                     R"("duration":60000}]})");
  BOOST_REQUIRE(game.inventory().add({ann, scroll, 1}).ok());
  BOOST_REQUIRE(game.inventory().add({ann, badge, 1}).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.inventory().use(ann, ore).refusal() == Refusal::NotAllowed));  // no effects
  BOOST_TEST((game.inventory().use(ann, scroll).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.inventory().use(ann, badge).refusal() == Refusal::NotFound));  // no role 99
  BOOST_TEST((game.inventory().use(ann, ItemId(99)).refusal() == Refusal::NotFound));
  BOOST_TEST((game.inventory().use(ann, potion).refusal() == Refusal::NotAllowed));  // not held
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.access().revoke_role(ann, "player").ok());
  BOOST_TEST((game.inventory().use(ann, scroll).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_temporary_role_is_an_effect_naming_the_role) {
  const ItemId badge = make("Badge", R"({"effects":[{"type":"TEMP_ROLE","role_id":2,)"
                                     R"("duration":60000}]})");
  BOOST_REQUIRE(game.inventory().add({ann, badge, 1}).ok());
  BOOST_TEST(game.inventory().use(ann, badge).ok());
  BOOST_TEST(game.inventory().quantity(ann, badge) == 1);  // not consumed
  const auto effect = game.timers().effect(ann, "temp_role:2");
  BOOST_TEST_REQUIRE(effect.has_value());
  BOOST_TEST(effect->metadata == R"({"role_id":2})");
}

BOOST_AUTO_TEST_CASE(a_games_own_effect_runs_in_the_same_transaction) {
  const ItemId scroll = make("Scroll", R"({"consume":true,"effects":[{"type":"WISDOM","xp":40},)"
                                       R"({"type":"XP_BOOST","multiplier":1.5,"duration":1000}]})");
  BOOST_REQUIRE(game.inventory().add({ann, scroll, 2}).ok());
  std::vector<std::string> seen;
  bool refuse = false;
  game.inventory().register_effect("WISDOM", [&](const EffectUse& use) -> Outcome {
    seen.push_back(use.effect);
    if (refuse) return Outcome::refused(Refusal::NotAllowed, "The scroll crumbles.");
    return game.levels().award(use.user, 40, "wisdom").outcome();
  });
  const auto used = game.inventory().use(ann, scroll);
  BOOST_TEST_REQUIRE(used.ok(), used.detail());
  BOOST_TEST((used->effects == std::vector<std::string>{"XP_BOOST", "WISDOM"}));
  BOOST_TEST((seen == std::vector<std::string>{R"({"type":"WISDOM","xp":40})"}));
  BOOST_TEST(game.levels().progress(ann).xp == 40);
  // The handler's refusal undoes the whole use: the scroll, the boost, the XP.
  refuse = true;
  clock->advance(kHour);
  game.tick();  // the first boost's expiry is the tick's, not the use's
  const std::string before = test::snapshot(game);
  const auto refused = game.inventory().use(ann, scroll);
  BOOST_TEST((refused.refusal() == Refusal::NotAllowed));
  BOOST_TEST(refused.detail() == "The scroll crumbles.");
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_CHECK_EXCEPTION(
      game.inventory().register_effect("LOOTBOX", [](const EffectUse&) { return Outcome(); }),
      Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(game.inventory().register_effect("X", EffectHandler()), Error,
                        test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(a_lootbox_draws_by_weight_from_the_seeded_generator) {
  BOOST_REQUIRE(game.inventory().add({ann, box, 400}).ok());
  std::map<std::string, int> drawn;
  std::int64_t money = 0;
  std::int64_t xp = 0;
  std::int64_t items = 0;
  const std::int64_t credits = game.ledger().credits(ann);
  for (int i = 0; i < 400; ++i) {
    const auto used = game.inventory().use(ann, box);
    BOOST_TEST_REQUIRE(used.ok(), used.detail());
    BOOST_TEST_REQUIRE(used->loot.size() == 1u);
    const LootDraw& draw = used->loot.front();
    ++drawn[draw.type];
    if (draw.type == "CURRENCY") {
      BOOST_TEST((draw.amount >= 100 && draw.amount <= 200));
      money += draw.amount;
    } else if (draw.type == "XP") {
      BOOST_TEST(draw.amount == 500);
      xp += draw.amount;
    } else if (draw.type == "ITEM") {
      BOOST_TEST((draw.item == ore && draw.amount == 2));
      items += draw.amount;
    } else {
      BOOST_TEST(draw.type == "NOTHING");
      BOOST_TEST(draw.message == "Empty!");
    }
  }
  // Every outcome appears, in proportions near their weights (50/30/10/10 of 400).
  BOOST_TEST(drawn["CURRENCY"] > 150);
  BOOST_TEST(drawn["XP"] > 80);
  BOOST_TEST(drawn["ITEM"] > 15);
  BOOST_TEST(drawn["NOTHING"] > 15);
  BOOST_TEST(game.ledger().credits(ann) == credits + money);
  BOOST_TEST(game.levels().progress(ann).xp == xp);
  BOOST_TEST(game.inventory().quantity(ann, ore) == items);
  BOOST_TEST(game.inventory().quantity(ann, box) == 0);
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_TEST(game.inventory().check_inventory().empty());
}

BOOST_AUTO_TEST_CASE(a_pool_entry_may_leave_fields_out_or_spell_them_as_older_documents) {
  const ItemId pouch = make("Pouch", R"({"effects":[{"type":"LOOTBOX","pool":[)"
                                     R"({"type":"CURRENCY","minAmount":5,"maxAmount":5}]}]})");
  const ItemId sack = make("Sack", R"({"effects":[{"type":"LOOTBOX","pool":[)"
                                   R"({"type":"ITEM","itemId":1}]}]})");
  BOOST_REQUIRE(game.inventory().add({ann, pouch, 1}).ok());
  BOOST_REQUIRE(game.inventory().add({ann, sack, 1}).ok());
  const std::int64_t credits = game.ledger().credits(ann);
  BOOST_TEST(game.inventory().use(ann, pouch)->loot.front().amount == 5);
  BOOST_TEST(game.ledger().credits(ann) == credits + 5);
  BOOST_TEST(game.inventory().use(ann, sack).ok());
  BOOST_TEST(game.inventory().quantity(ann, ore) == 1);
}

BOOST_AUTO_TEST_CASE(selling_pays_the_buy_back_share_of_the_price) {
  BOOST_REQUIRE(game.inventory().add({ann, ore, 5}).ok());
  const std::int64_t credits = game.ledger().credits(ann);
  const auto sold = game.inventory().sell(ann, ore, 3);
  BOOST_TEST_REQUIRE(sold.ok(), sold.detail());
  BOOST_TEST(sold->paid == 10);  // 50 % of 21, rounded down
  BOOST_TEST(game.ledger().credits(ann) == credits + 10);
  BOOST_TEST(game.inventory().quantity(ann, ore) == 2);
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.inventory().sell(ann, ore, 3).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.inventory().sell(ann, ore, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.inventory().sell(ann, potion, 1).refusal() == Refusal::NotAllowed));  // not sold
  BOOST_TEST((game.inventory().sell(ann, ItemId(99), 1).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.access().revoke_role(ann, "player").ok());
  BOOST_TEST((game.inventory().sell(ann, ore, 1).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_sale_too_large_for_the_integers_is_refused) {
  const ItemId crown = make("Crown", "{}", std::numeric_limits<std::int64_t>::max());
  BOOST_REQUIRE(game.inventory().add({ann, crown, 3}).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.inventory().sell(ann, crown, 3).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
  // One crown pays half the maximum: within range.
  BOOST_TEST(game.inventory().sell(ann, crown, 1)->paid ==
             std::numeric_limits<std::int64_t>::max() / 2);
}

BOOST_AUTO_TEST_CASE(the_default_limits_hold_on_every_add) {
  BOOST_TEST((game.inventory().add({ann, ore, 1000}).refusal() == Refusal::NotAllowed));
  BOOST_TEST(game.inventory().add({ann, ore, 999}).ok());
  BOOST_TEST((game.inventory().add({ann, ore, 1}).refusal() == Refusal::NotAllowed));
  for (int i = 0; i < 49; ++i) {
    const ItemId item = make("Thing " + std::to_string(i), "{}");
    BOOST_TEST_REQUIRE(game.inventory().add({ann, item, 1}).ok());
  }
  const ItemId one_more = make("One more", "{}");
  BOOST_TEST((game.inventory().add({ann, one_more, 1}).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_SUITE_END()

// Access on every player command: each command a player makes is refused, writing nothing, when
// the acting user lacks the command's privilege (NotAllowed) or a ban took it away (Banned), and
// goes through when they hold it. One case per command, grouped by privilege.
#include <functional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/economy/loot.h"
#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/progression/classes.h"
#include "hearth/progression/levels.h"
#include "hearth/progression/quests.h"
#include "hearth/progression/rewards.h"
#include "hearth/progression/turns.h"
#include "hearth/social/messages.h"
#include "hearth/social/relations.h"
#include "hearth/social/teams.h"
#include "hearth/standing/team_reputation.h"
#include "hearth/world/locations.h"

using namespace hearth;

namespace {

// A world in which every player command below would succeed for ann.
struct World : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  PlayerId mod = game.players().create({.username = "mod"}).value().id;
  ItemId ore = game.inventory().create_item({.name = "Ore", .type = "MATERIAL", .price = 5})->id;
  TeamId bobs_team;

  World() {
    BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
    BOOST_REQUIRE(game.locations().define_sector(2, "Beyond").ok());
    BOOST_REQUIRE(game.inventory().add({ann, ore, 3}).ok());
    bobs_team = game.teams().create(bob, "Bobs").value().id;
  }

  // A published shirt by bob (content 1 of the catalog).
  ContentId bobs_shirt() {
    const ContentId id =
        game.catalog().create({.author = bob, .type = ContentType::Front, .name = "Shirt"})->id;
    BOOST_REQUIRE(game.catalog().publish(bob, id, true).ok());
    return id;
  }

  AccountId account(const PlayerId& user) {
    return game.ledger()
        .account_of(AccountOwner::user(user.value()), game.ledger().default_currency().id)
        ->id;
  }
};

struct Case {
  const char* command;
  const char* privilege;
  std::function<void(World&)> prepare;
  std::function<Outcome(World&)> run;
};

void nothing(World&) {}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"turns.spend", "play", nothing, [](World& w) { return w.game.turns().spend(w.ann, 1); }},
      {"locations.move", "play", nothing,
       [](World& w) { return w.game.locations().move(w.ann, 2, 0); }},
      {"onboarding.start", "play", nothing,
       [](World& w) { return w.game.onboarding().start(w.ann).outcome(); }},
      {"inventory.buy", "shop", nothing,
       [](World& w) {
         return w.game.inventory().buy({w.ann, w.ore, 1}).outcome();
       }},
      {"inventory.give", "trade", nothing,
       [](World& w) {
         return w.game.inventory().give({w.ann, w.bob, w.ore, 1}).outcome();
       }},
      {"ledger.transfer by a player", "trade", nothing,
       [](World& w) {
         Transfer pay{w.account(w.ann), w.account(w.bob), 10};
         pay.by = w.ann;
         return w.game.ledger().transfer(pay).outcome();
       }},
      {"teams.create", "community", nothing,
       [](World& w) { return w.game.teams().create(w.ann, "Anns").outcome(); }},
      {"teams.join", "community", nothing,
       [](World& w) { return w.game.teams().join(w.bobs_team, w.ann); }},
      {"team_reputation.set_method", "community",
       [](World& w) { BOOST_REQUIRE(w.game.teams().create(w.ann, "Anns").ok()); },
       [](World& w) {
         const TeamId team = *w.game.teams().team_of(w.ann);
         return w.game.team_reputation().set_method(team, w.ann, AggregationMethod::Lowest);
       }},
      {"relations.request_friend", "community", nothing,
       [](World& w) { return w.game.relations().request_friend(w.ann, w.bob); }},
      {"relations.follow", "community", nothing,
       [](World& w) { return w.game.relations().follow(w.ann, w.bob); }},
      {"messages.send", "community", nothing,
       [](World& w) {
         NewMessage message;
         message.sender = w.ann;
         message.recipient = w.bob;
         message.content = "hello";
         return w.game.messages().send(message).outcome();
       }},
      {"teams.request_to_join", "community",
       [](World& w) {
         TeamProfile invite_only;
         invite_only.recruitment = Recruitment::InviteOnly;
         BOOST_REQUIRE(w.game.teams().update_profile(w.bob, invite_only).ok());
       },
       [](World& w) { return w.game.teams().request_to_join(w.bobs_team, w.ann); }},
      {"teams.deposit", "play",
       [](World& w) { BOOST_REQUIRE(w.game.teams().join(w.bobs_team, w.ann).ok()); },
       [](World& w) {
         return w.game.teams().deposit(w.ann, w.game.ledger().default_currency().id, 10);
       }},
      {"catalog.create (clothing)", "create:clothing", nothing,
       [](World& w) {
         return w.game.catalog()
             .create({.author = w.ann, .type = ContentType::Front, .name = "Shirt"})
             .outcome();
       }},
      {"catalog.buy", "shop",
       [](World& w) {
         BOOST_REQUIRE(w.game.catalog().set_on_sale(w.bob, w.bobs_shirt(), true).ok());
       },
       [](World& w) {
         return w.game.catalog().buy(w.ann, 1, w.game.ledger().default_currency().id).outcome();
       }},
      {"catalog.give", "trade",
       [](World& w) { BOOST_REQUIRE(w.game.catalog().grant(w.bobs_shirt(), w.ann).ok()); },
       [](World& w) {
         const OwnershipId held = w.game.catalog().owned(w.ann).front().id;
         return w.game.catalog().give(w.ann, held, w.mod).outcome();
       }},
      {"catalog.report", "report", [](World& w) { w.bobs_shirt(); },
       [](World& w) { return w.game.catalog().report(w.ann, 1, "offensive", "").outcome(); }},
      {"levels.activity", "play", nothing,
       [](World& w) { return w.game.levels().activity(w.ann).outcome(); }},
      {"rewards.claim_daily", "play", nothing,
       [](World& w) { return w.game.rewards().claim_daily(w.ann).outcome(); }},
      {"rewards.log_in_bonus", "play", nothing,
       [](World& w) { return w.game.rewards().log_in_bonus(w.ann).outcome(); }},
      {"classes.join", "play",
       [](World& w) { BOOST_REQUIRE(w.game.classes().create_class("Mages").ok()); },
       [](World& w) { return w.game.classes().join(w.ann, ClassId(1)); }},
      {"classes.deposit", "play",
       [](World& w) {
         BOOST_REQUIRE(w.game.classes().create_class("Mages").ok());
         BOOST_REQUIRE(w.game.classes().join(w.ann, ClassId(1)).ok());
       },
       [](World& w) { return w.game.classes().deposit(w.ann, 10).outcome(); }},
      {"quests.assign", "play",
       [](World& w) {
         BOOST_REQUIRE(w.game.quests().create_quest({"Hunt", "", "KILL"}).ok());
       },
       [](World& w) { return w.game.quests().assign(w.ann, QuestId(1)); }},
      {"inventory.use", "play",
       [](World& w) {
         const ItemId potion =
             w.game.inventory()
                 .create_item({.name = "Potion",
                               .type = "CONSUMABLE",
                               .usage_data = R"({"consume":true,"effects":[{"type":"XP_BOOST",)"
                                             R"("multiplier":2,"duration":60000}]})"})
                 ->id;
         BOOST_REQUIRE(w.game.inventory().add({w.ann, potion, 1}).ok());
       },
       [](World& w) {
         return w.game.inventory()
             .use(w.ann, w.game.inventory().item_named("Potion")->id)
             .outcome();
       }},
      {"inventory.sell", "shop", nothing,
       [](World& w) { return w.game.inventory().sell(w.ann, w.ore, 1).outcome(); }},
      {"loot.claim", "play",
       [](World& w) { BOOST_REQUIRE(w.game.loot().spawn("general", 5, "drop").ok()); },
       [](World& w) { return w.game.loot().claim(w.ann, "drop").outcome(); }},
      {"relations.block", "web", nothing,
       [](World& w) { return w.game.relations().block(w.ann, w.bob); }},
      {"teams.leave", "web",
       [](World& w) { BOOST_REQUIRE(w.game.teams().join(w.bobs_team, w.ann).ok()); },
       [](World& w) { return w.game.teams().leave(w.ann); }},
  };
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(privilege_checks_test)

BOOST_AUTO_TEST_CASE(a_command_goes_through_with_its_privilege) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    const Outcome done = c.run(world);
    BOOST_TEST(done.ok(), c.command << ": " << done.detail());
  }
}

BOOST_AUTO_TEST_CASE(a_command_without_its_privilege_is_refused_and_writes_nothing) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    // Take the privilege away: no role gives it any more (the "reduced" role keeps web).
    BOOST_REQUIRE(world.game.access().revoke_role(world.ann, "player").ok());
    if (std::string(c.privilege) == "web") {
      BOOST_REQUIRE(world.game.access().remove_from_role("reduced", "web").ok());
    }
    BOOST_REQUIRE(!world.game.access().has(world.ann, c.privilege));
    const std::string before = test::snapshot(world.game);
    const Outcome refused = c.run(world);
    BOOST_TEST((refused.refusal() == Refusal::NotAllowed), c.command);
    BOOST_TEST(refused.detail().find(c.privilege) != std::string::npos, refused.detail());
    BOOST_TEST(test::snapshot(world.game) == before, c.command);
  }
}

BOOST_AUTO_TEST_CASE(a_ban_of_its_privilege_refuses_a_command_and_writes_nothing) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    NewBan ban{world.mod, world.ann, "", "griefing", test::kStart + kDay, {c.privilege}};
    const BanId id = world.game.access().ban(ban).value().id;
    const std::string before = test::snapshot(world.game);
    const Outcome refused = c.run(world);
    BOOST_TEST((refused.refusal() == Refusal::Banned), c.command);
    BOOST_TEST(refused.detail().find("griefing") != std::string::npos, refused.detail());
    BOOST_TEST(test::snapshot(world.game) == before, c.command);
    // Lifted, the same command goes through.
    BOOST_REQUIRE(world.game.access().lift_ban(id, world.mod).ok());
    BOOST_TEST(c.run(world).ok(), c.command);
  }
}

BOOST_AUTO_TEST_CASE(a_full_ban_refuses_every_command_but_those_needing_web_or_report) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    NewBan ban{world.mod, world.ann, "", "griefing", test::kStart + kDay, {}};
    BOOST_REQUIRE(world.game.access().ban(ban).ok());
    const Outcome outcome = c.run(world);
    if (std::string(c.privilege) == "web" || std::string(c.privilege) == "report") {
      BOOST_TEST(outcome.ok(), c.command << ": " << outcome.detail());
    } else {
      BOOST_TEST((outcome.refusal() == Refusal::Banned), c.command);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_deleted_actor_is_refused) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    BOOST_REQUIRE(world.game.players().remove(world.ann).ok());
    BOOST_TEST((c.run(world).refusal() == Refusal::NotAllowed), c.command);
  }
}

BOOST_AUTO_TEST_CASE(a_player_pays_only_from_their_own_account) {
  World world;
  Transfer pay{world.account(world.mod), world.account(world.ann), 10};
  pay.by = world.ann;
  const std::string before = test::snapshot(world.game);
  BOOST_TEST((world.game.ledger().transfer(pay).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(world.game) == before);
  // The game's own transfer (no player named) is not checked.
  pay.by = PlayerId();
  BOOST_REQUIRE(world.game.access().revoke_role(world.ann, "player").ok());
  const Result<TransactionId> paid = world.game.ledger().transfer(pay);
  BOOST_TEST(paid.ok(), paid.detail());
}

BOOST_AUTO_TEST_SUITE_END()

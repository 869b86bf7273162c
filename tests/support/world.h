// A small world with a little of everything the invariants cover: two players who paid each other
// and gave each other items, a team, messages, a running cooldown. For tests that look at a whole
// file (the invariant check, the inspector).
#pragma once

#include <string>

#include "hearth/catalog/catalog.h"
#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/identity/players.h"
#include "hearth/progression/timers.h"
#include "hearth/social/messages.h"
#include "hearth/social/teams.h"

namespace hearth::test {

struct SmallWorld {
  PlayerId ann;
  PlayerId bob;
  CurrencyId gold;
  AccountId ann_gold;
  AccountId bob_gold;
  ItemId ore;
  TeamId team;
  PlayerId moderator;
  std::int64_t trade = 0;
};

inline SmallWorld build_small_world(Game& game) {
  SmallWorld world;
  world.ann = game.players().create({.username = "ann", .email = "ann@example.org"}).value().id;
  world.bob = game.players().create({.username = "bob"}).value().id;
  world.gold = game.ledger().create_currency({.name = "gold"}).value().id;
  world.ann_gold = game.ledger().account_of(AccountOwner::user(world.ann), world.gold).value().id;
  world.bob_gold = game.ledger().account_of(AccountOwner::user(world.bob), world.gold).value().id;
  game.ledger().mint(world.ann_gold, 50000).value();
  game.ledger().mint(world.bob_gold, 700).value();
  game.ledger()
      .transfer({.from_account = world.ann_gold,
                 .to_account = world.bob_gold,
                 .amount = 300,
                 .by = world.ann})
      .value();
  game.ledger()
      .transfer({.from_account = world.bob_gold,
                 .to_account = world.ann_gold,
                 .amount = 120,
                 .by = world.bob})
      .value();
  world.ore = game.inventory().create_item({.name = "ore", .type = "MATERIAL"}).value().id;
  game.inventory().add({.user_id = world.ann, .item = world.ore, .quantity = 9}).value();
  game.inventory().add({.user_id = world.bob, .item = world.ore, .quantity = 4}).value();
  game.inventory()
      .give({.from_user = world.ann, .to_user = world.bob, .item = world.ore, .quantity = 2})
      .value();
  world.team = game.teams().create(world.ann, "Wayfarers", "WF").value().id;
  if (!game.teams().join(world.team, world.bob)) throw Error(ErrorKind::Usage, "join refused");
  game.messages().send({.sender = world.ann, .recipient = world.bob, .content = "hello"}).value();
  game.messages().send({.sender = world.bob, .recipient = world.ann, .content = "hi"}).value();
  if (!game.timers().start_cooldown(world.bob, "mining", Duration::hours(1))) {
    throw Error(ErrorKind::Usage, "cooldown refused");
  }
  world.moderator = game.players().create({.username = "mod"}).value().id;
  if (!game.access().assign_role(world.moderator, "moderator")) {
    throw Error(ErrorKind::Usage, "role refused");
  }
  world.trade = game.catalog()
                    .propose({.sender = world.ann,
                              .recipient = world.bob,
                              .offered = {.items = {{world.ore, 1}}},
                              .asked = {.money = {{world.gold, 25}}},
                              .description = "ore for gold"})
                    .value()
                    .id;
  return world;
}

}  // namespace hearth::test

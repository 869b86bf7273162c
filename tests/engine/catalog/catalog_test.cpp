// The catalog: creating content (privilege by type), revisions, who sees what, prices and
// buying with serials, the ownership chain (gifts, provenance), timed grants ending once; and a
// property over random purchases, gifts and grants: every instance has exactly one owner, serials
// are never reused, the ledger balances.
#include "hearth/catalog/catalog.h"

#include <algorithm>
#include <memory>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/social/relations.h"

using namespace hearth;

namespace {

struct Shop : test::FreshGame {
  PlayerId maker = game.players().create({.username = "maker"}).value().id;
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  Catalog catalog = game.catalog();
  CurrencyId credits = game.ledger().default_currency().id;

  ContentId shirt(std::optional<std::int64_t> stock = std::nullopt) {
    NewContent made;
    made.author = maker;
    made.type = ContentType::Front;
    made.name = "Star Shirt";
    made.description = "A shirt with a star.";
    made.stock = stock;
    const ContentId id = catalog.create(made).value().id;
    BOOST_REQUIRE(catalog.publish(maker, id, true).ok());
    BOOST_REQUIRE(catalog.set_on_sale(maker, id, true).ok());
    return id;
  }

  std::int64_t balance(const PlayerId& user) {
    return game.ledger().account_of(AccountOwner::user(user.value()), credits)->balance;
  }

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(catalog_test, Shop)

BOOST_AUTO_TEST_CASE(creating_needs_the_privilege_of_the_type) {
  NewContent hat{.author = ann, .type = ContentType::Hat, .name = "Cap"};
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.create(hat).refusal() == Refusal::NotAllowed));  // create:accessory
  NewContent bad{.author = ann, .type = ContentType::Front, .name = ""};
  BOOST_TEST((catalog.create(bad).refusal() == Refusal::InvalidArgument));
  bad.name = std::string(256, 'n');
  BOOST_TEST((catalog.create(bad).refusal() == Refusal::InvalidArgument));
  bad.name = "ok";
  bad.stock = -1;
  BOOST_TEST((catalog.create(bad).refusal() == Refusal::InvalidArgument));
  bad.stock.reset();
  bad.parent = 999;
  BOOST_TEST((catalog.create(bad).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.access().assign_role(ann, "member").ok());
  const ContentView cap = catalog.create(hat).value();
  BOOST_TEST((cap.type == ContentType::Hat));
  BOOST_TEST(!cap.published);
  BOOST_TEST(cap.revisions == 1);
  BOOST_TEST(catalog.owns(ann, cap.id));  // the author's own copy
  BOOST_TEST(!catalog.owned(ann).front().serial.has_value());
  BOOST_TEST(count("catalog.created") == 1);
}

BOOST_AUTO_TEST_CASE(every_edit_is_a_revision_and_only_the_author_edits) {
  const ContentId id = shirt();
  BOOST_TEST(catalog.edit(maker, id, "Star Shirt II", "Two stars now.").ok());
  BOOST_TEST((catalog.edit(ann, id, "Mine", "").refusal() == Refusal::NotAllowed));
  BOOST_TEST((catalog.edit(maker, 999, "x", "").refusal() == Refusal::NotFound));
  const std::vector<RevisionView> revisions = catalog.revisions(id);
  BOOST_REQUIRE(revisions.size() == 2u);
  BOOST_TEST(revisions[0].name == "Star Shirt");
  BOOST_TEST(revisions[1].name == "Star Shirt II");
  BOOST_TEST(catalog.find(ann, id)->name == "Star Shirt II");
  BOOST_TEST(catalog.find(ann, id)->revisions == 2);
}

BOOST_AUTO_TEST_CASE(who_sees_what_follows_publishing_privacy_and_restriction) {
  NewContent draft{.author = maker, .type = ContentType::Game, .name = "Space Race"};
  const ContentId id = catalog.create(draft).value().id;
  BOOST_TEST(catalog.find(maker, id).has_value());
  BOOST_TEST(!catalog.find(ann, id).has_value());  // unpublished
  BOOST_REQUIRE(catalog.publish(maker, id, true).ok());
  BOOST_TEST((catalog.publish(maker, id, true).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(catalog.find(ann, id).has_value());
  BOOST_REQUIRE(catalog.set_privacy(maker, id, Privacy::Friends).ok());
  BOOST_TEST(!catalog.find(ann, id).has_value());
  BOOST_REQUIRE(game.relations().request_friend(ann, maker).ok());
  BOOST_REQUIRE(game.relations().accept(maker, ann).ok());
  BOOST_TEST(catalog.find(ann, id).has_value());
  BOOST_TEST(!catalog.find(bob, id).has_value());
  BOOST_REQUIRE(catalog.set_privacy(maker, id, Privacy::Unlisted).ok());
  BOOST_TEST(catalog.find(bob, id).has_value());
  BOOST_REQUIRE(catalog.set_privacy(maker, id, Privacy::Private).ok());
  BOOST_TEST(!catalog.find(ann, id).has_value());
  BOOST_REQUIRE(catalog.set_privacy(maker, id, Privacy::Public).ok());
  BOOST_REQUIRE(catalog.restrict(id, true).ok());
  BOOST_TEST(!catalog.find(ann, id).has_value());
  BOOST_TEST(catalog.find(maker, id).has_value());
}

BOOST_AUTO_TEST_CASE(buying_pays_and_hands_out_the_next_serial_up_to_the_stock) {
  const ContentId id = shirt(2);
  BOOST_REQUIRE(catalog.set_price(maker, id, {credits, 150}).ok());
  const std::int64_t before = balance(ann);
  const OwnershipView first = catalog.buy(ann, id, credits).value();
  BOOST_TEST(first.serial.value_or(0) == 1);
  BOOST_TEST(balance(ann) == before - 150);
  BOOST_TEST(first.transaction != 0);
  BOOST_TEST((first.paid == std::optional<Price>(Price{credits, 150})));
  const std::string held = test::snapshot(game);
  BOOST_TEST((catalog.buy(ann, id, credits).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((catalog.buy(bob, id, 2).refusal() == Refusal::NotAllowed));  // not priced in it
  BOOST_TEST((catalog.buy(bob, 999, credits).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == held);
  BOOST_TEST(catalog.buy(bob, id, credits).value().serial.value_or(0) == 2);
  const PlayerId cyd = game.players().create({.username = "cyd"})->id;
  BOOST_TEST((catalog.buy(cyd, id, credits).refusal() == Refusal::NotAllowed));  // sold out
  BOOST_TEST(catalog.find(cyd, id)->sold == 2);
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_TEST(count("catalog.bought") == 2);
}

BOOST_AUTO_TEST_CASE(free_off_sale_restricted_and_unaffordable) {
  const ContentId id = shirt();
  BOOST_TEST(catalog.buy(ann, id, credits).ok());  // on sale without a price: free
  BOOST_REQUIRE(catalog.set_on_sale(maker, id, false).ok());
  BOOST_TEST((catalog.buy(bob, id, credits).refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(catalog.set_on_sale(maker, id, true).ok());
  BOOST_REQUIRE(catalog.set_price(maker, id, {credits, balance(bob) + 1}).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.buy(bob, id, credits).refusal() == Refusal::InsufficientFunds));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(catalog.remove_price(maker, id, credits).ok());
  BOOST_REQUIRE(catalog.restrict(id, true).ok());
  BOOST_TEST((catalog.buy(bob, id, credits).refusal() == Refusal::NotFound));
  BOOST_TEST((catalog.set_price(maker, id, {credits, -1}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((catalog.set_price(maker, id, {999, 1}).refusal() == Refusal::NotFound));
  BOOST_TEST((catalog.set_price(ann, id, {credits, 1}).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_gift_continues_the_chain_with_the_same_serial) {
  const ContentId id = shirt();
  const OwnershipView mine = catalog.buy(ann, id, credits).value();
  const OwnershipView given = catalog.give(ann, mine.id, bob).value();
  BOOST_TEST((given.serial == mine.serial));
  BOOST_TEST(given.previous == mine.id);
  BOOST_TEST((given.source == OwnershipSource::Gift));
  BOOST_TEST(!catalog.owns(ann, id));
  BOOST_TEST(catalog.owns(bob, id));
  const std::vector<OwnershipView> chain = catalog.provenance(id, *mine.serial);
  BOOST_REQUIRE(chain.size() == 2u);
  BOOST_TEST(chain[0].owner == ann);
  BOOST_TEST(chain[0].ended_at.has_value());
  BOOST_TEST(chain[1].owner == bob);
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.give(ann, mine.id, bob).refusal() == Refusal::NotFound));  // ended
  BOOST_TEST((catalog.give(bob, given.id, bob).refusal() == Refusal::InvalidArgument));
  const OwnershipView authors = catalog.owned(maker).front();
  BOOST_TEST((catalog.give(maker, authors.id, ann).refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(game.relations().block(ann, bob).ok());
  const std::string blocked = test::snapshot(game);
  BOOST_TEST((catalog.give(bob, given.id, ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == blocked);
  (void)before;
}

BOOST_AUTO_TEST_CASE(a_timed_grant_ends_once_whatever_the_tick_rate) {
  const auto expiries = [](const std::vector<Duration>& steps) {
    Shop world;
    const ContentId id = world.shirt();
    BOOST_REQUIRE(world.catalog.grant(id, world.ann, test::kStart + 3 * kDay).ok());
    BOOST_REQUIRE(world.catalog.grant(id, world.bob, test::kStart + kDay).ok());
    for (const Duration step : steps) {
      world.clock->advance(step);
      world.game.tick();
    }
    BOOST_TEST(!world.catalog.owns(world.ann, id));
    std::vector<GameTime> seen;
    for (const Event& event : world.game.events(0, 1000)) {
      if (event.type == "catalog.ownership_expired") seen.push_back(event.at);
    }
    return seen;
  };
  const std::vector<GameTime> once = expiries({Duration::days(4)});
  BOOST_TEST((once == std::vector<GameTime>{test::kStart + kDay, test::kStart + 3 * kDay}));
  BOOST_TEST((expiries(std::vector<Duration>(96, Duration::hours(1))) == once));
  BOOST_TEST((catalog.grant(shirt(), ann, test::kStart).refusal() == Refusal::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(favorites_votes_and_reports) {
  const ContentId id = shirt();
  BOOST_TEST(catalog.favorite(ann, id).ok());
  BOOST_TEST((catalog.favorite(ann, id).refusal() == Refusal::AlreadyDone));
  // Votes only from owners of an instance.
  BOOST_TEST((catalog.vote(bob, id, Vote::Up).refusal() == Refusal::NotAllowed));
  BOOST_TEST((catalog.vote(maker, id, Vote::Up).refusal() == Refusal::NotAllowed));  // author
  BOOST_REQUIRE(catalog.buy(bob, id, credits).ok());
  BOOST_TEST(catalog.vote(bob, id, Vote::Up).ok());
  BOOST_TEST((catalog.vote(bob, id, Vote::Up).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((catalog.reception(id) == Reception{1, 1, 0}));
  BOOST_TEST(catalog.vote(bob, id, Vote::Down).ok());
  BOOST_TEST((catalog.reception(id) == Reception{1, 0, 1}));
  BOOST_TEST(catalog.unfavorite(ann, id).ok());
  BOOST_TEST((catalog.unfavorite(ann, id).refusal() == Refusal::NotFound));
  // A fully banned player can still report; a moderator ends the report once.
  const PlayerId mod = game.players().create({.username = "mod"})->id;
  BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
  BOOST_REQUIRE(game.access().ban({mod, ann, "", "spam", test::kStart + kDay, {}}).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((catalog.report(ann, id, "", "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((catalog.report(ann, 999, "stolen", "").refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  const ReportView report = catalog.report(ann, id, "stolen design", "It copies mine.").value();
  BOOST_TEST(catalog.open_reports().size() == 1u);
  BOOST_TEST((catalog.end_report(bob, report.id, ReportStatus::Resolved, "").refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST((catalog.end_report(mod, report.id, ReportStatus::Open, "").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(catalog.end_report(mod, report.id, ReportStatus::Invalid, "Not a copy.").ok());
  BOOST_TEST((catalog.end_report(mod, report.id, ReportStatus::Closed, "").refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST(catalog.open_reports().empty());
  BOOST_TEST(count("catalog.reported") == 1);
  BOOST_TEST(count("catalog.report_ended") == 1);
}

BOOST_AUTO_TEST_CASE(reviewed_revisions_show_once_approved) {
  GameOptions options = test::options_with(clock);
  options.rules = Rules{};
  options.rules->catalog.review_revisions = true;
  Game reviewed(options);
  Catalog shop = reviewed.catalog();
  const PlayerId author = reviewed.players().create({.username = "author"})->id;
  const PlayerId fan = reviewed.players().create({.username = "fan"})->id;
  const PlayerId mod = reviewed.players().create({.username = "mod"})->id;
  const PlayerId boss = reviewed.players().create({.username = "boss"})->id;
  BOOST_REQUIRE(reviewed.access().assign_role(mod, "moderator").ok());
  BOOST_REQUIRE(reviewed.access().assign_role(boss, "admin").ok());
  const ContentId id =
      shop.create({.author = author, .type = ContentType::Front, .name = "Draft"})->id;
  BOOST_REQUIRE(shop.publish(author, id, true).ok());
  BOOST_TEST(!shop.find(fan, id).has_value());  // nothing approved yet
  const std::vector<RevisionView> waiting = shop.pending_revisions();
  BOOST_REQUIRE(waiting.size() == 1u);
  BOOST_TEST((shop.moderate(fan, waiting[0].id, {}).refusal() == Refusal::NotAllowed));
  BOOST_TEST(shop.moderate(mod, waiting[0].id, {}).ok());  // approve
  BOOST_TEST((shop.moderate(mod, waiting[0].id, {}).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(shop.find(fan, id)->name == "Draft");
  // An edit waits; the content shows the approved name meanwhile.
  BOOST_REQUIRE(shop.edit(author, id, "Final", "Better").ok());
  BOOST_TEST(shop.find(fan, id)->name == "Draft");
  const std::int64_t edit = shop.pending_revisions().front().id;
  Moderation forward;
  forward.action = Moderation::Action::Forward;
  BOOST_TEST(shop.moderate(mod, edit, forward).ok());
  BOOST_TEST((shop.moderate(mod, edit, {}).refusal() == Refusal::NotAllowed));  // contentedit
  BOOST_TEST(shop.moderate(boss, edit, {}).ok());
  BOOST_TEST(shop.find(fan, id)->name == "Final");
  // A rejection with a penalty bans the author and can hide the content.
  BOOST_REQUIRE(shop.edit(author, id, "Rude", "Rude").ok());
  Moderation reject;
  reject.action = Moderation::Action::Reject;
  reject.reason = RejectionReason::Tos;
  reject.penalty = true;
  reject.restrict = true;
  reject.description = "Against the rules.";
  BOOST_TEST(shop.moderate(mod, shop.pending_revisions().front().id, reject).ok());
  BOOST_TEST(!shop.find(fan, id).has_value());  // restricted
  BOOST_TEST(shop.find(author, id)->name == "Final");
  const std::optional<BanView> ban = reviewed.access().is_banned(author);
  BOOST_REQUIRE(ban.has_value());
  BOOST_TEST(ban->expires_at.value_or(0) == test::kStart + 7 * kDay);
  BOOST_TEST(test::query_int(reviewed, "SELECT count(*) FROM moderator_action_bans") == 1);
  BOOST_TEST(test::query_int(reviewed, "SELECT count(*) FROM moderator_actions") == 4);
  // Nobody moderates their own content.
  const ContentId own =
      shop.create({.author = mod, .type = ContentType::Front, .name = "Mine"})->id;
  (void)own;
  BOOST_TEST((shop.moderate(mod, shop.pending_revisions().front().id, {}).refusal() ==
              Refusal::NotAllowed));
}

namespace {

// A reader of `size` bytes of a pattern, given in pieces of at most `piece` bytes.
std::function<std::size_t(std::span<std::byte>)> pattern(std::int64_t size, std::size_t piece,
                                                         unsigned char seed) {
  auto given = std::make_shared<std::int64_t>(0);
  return [=](std::span<std::byte> into) {
    const auto take = static_cast<std::size_t>(
        std::min<std::int64_t>(std::min<std::int64_t>(static_cast<std::int64_t>(into.size()),
                                                      static_cast<std::int64_t>(piece)),
                               size - *given));
    for (std::size_t i = 0; i < take; ++i) {
      into[i] = static_cast<std::byte>((*given + static_cast<std::int64_t>(i)) * 7 + seed);
    }
    *given += static_cast<std::int64_t>(take);
    return take;
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(assets_are_stored_once_in_pieces_and_read_by_who_may) {
  const std::int64_t size = 300 * 1024 + 17;
  NewAsset upload{maker, "star.png", "image/png", false, size, pattern(size, 4096, 3)};
  const AssetView first = catalog.store_asset(upload).value();
  BOOST_TEST(first.size == size);
  BOOST_TEST(first.sha256.size() == 64u);
  upload.read = pattern(size, 1000, 3);  // the same bytes, in other pieces
  const AssetView second = catalog.store_asset(upload).value();
  BOOST_TEST(second.id != first.id);
  BOOST_TEST(second.sha256 == first.sha256);
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM asset_blobs") == 1);
  // Read back in pieces: the same bytes.
  std::int64_t offset = 0;
  bool same = true;
  const auto check = [&](std::span<const std::byte> piece) {
    for (const std::byte b : piece) {
      same = same && b == static_cast<std::byte>(offset * 7 + 3);
      ++offset;
    }
  };
  BOOST_TEST(catalog.read_asset(maker, first.id, check).value() == size);
  BOOST_TEST(same);
  BOOST_TEST(offset == size);
  // Private: nobody else, until it is attached to content they can see.
  BOOST_TEST((catalog.read_asset(ann, first.id, check).refusal() == Refusal::NotFound));
  const ContentId id = shirt();
  BOOST_TEST(
      (catalog.attach_asset(ann, id, first.id, AssetType::Image).refusal() == Refusal::NotAllowed));
  BOOST_TEST(catalog.attach_asset(maker, id, first.id, AssetType::Image).ok());
  offset = 0;
  BOOST_TEST(catalog.read_asset(ann, first.id, check).ok());
  // A reader that gives too few or too many bytes, or a size over the limit: nothing written.
  const std::string before = test::snapshot(game);
  NewAsset short_one{maker, "short", "", false, 100, pattern(99, 64, 0)};
  BOOST_TEST((catalog.store_asset(short_one).refusal() == Refusal::InvalidArgument));
  NewAsset long_one{maker, "long", "", false, 100, pattern(101, 64, 0)};
  BOOST_TEST((catalog.store_asset(long_one).refusal() == Refusal::InvalidArgument));
  NewAsset huge{maker, "huge", "", false, 64 * 1024 * 1024 + 1, pattern(1, 1, 0)};
  BOOST_TEST((catalog.store_asset(huge).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(games_have_settings_and_support_flags) {
  const ContentId game_id =
      catalog.create({.author = maker, .type = ContentType::Game, .name = "Race"})->id;
  BOOST_TEST((catalog.game_settings(game_id) == std::optional<GameSettings>(GameSettings{})));
  BOOST_TEST(catalog.set_game(maker, game_id, {true, 32}).ok());
  BOOST_TEST(
      (catalog.game_settings(game_id) == std::optional<GameSettings>(GameSettings{true, 32})));
  BOOST_TEST((catalog.set_game(maker, game_id, {true, 0}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((catalog.set_game(ann, game_id, {}).refusal() == Refusal::NotAllowed));
  BOOST_TEST((catalog.set_game(maker, shirt(), {}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(catalog.set_support(maker, game_id, GameSupport::Chat, true).ok());
  BOOST_TEST(catalog.set_support(maker, game_id, GameSupport::Chat, false).ok());
  BOOST_TEST(test::query_int(game,
                             "SELECT count(*) FROM game_supports WHERE flag = 'chat' AND "
                             "enabled = 0") == 1);
}

BOOST_AUTO_TEST_CASE(characters_wear_what_they_own_in_the_slots_there_are) {
  BOOST_REQUIRE(game.access().grant(maker, "create:character").ok());
  BOOST_REQUIRE(game.access().assign_role(maker, "member").ok());
  const auto made = [&](ContentType type, const std::string& name, ContentId parent = 0) {
    const ContentId id =
        catalog.create({.author = maker, .type = type, .name = name, .parent = parent})->id;
    BOOST_REQUIRE(catalog.publish(maker, id, true).ok());
    return id;
  };
  const ContentId robot = made(ContentType::Character, "Robot");
  const ContentId elf = made(ContentType::Character, "Elf");
  const ContentId shirt_id = made(ContentType::Front, "Shirt");
  const ContentId elf_shirt = made(ContentType::Front, "Elf shirt", elf);
  const ContentId second_shirt = made(ContentType::Front, "Another shirt");
  BOOST_TEST((catalog.create_character(ann, robot, "R2").refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(catalog.grant(robot, ann).ok());
  const CharacterView me = catalog.create_character(ann, robot, "R2").value();
  BOOST_TEST((catalog.wear(ann, me.id, shirt_id).refusal() == Refusal::NotAllowed));  // not owned
  const OwnershipView mine = catalog.grant(shirt_id, ann).value();
  BOOST_REQUIRE(catalog.grant(elf_shirt, ann).ok());
  BOOST_REQUIRE(catalog.grant(second_shirt, ann).ok());
  BOOST_TEST(catalog.wear(ann, me.id, shirt_id).ok());
  BOOST_TEST((catalog.wear(ann, me.id, shirt_id).refusal() == Refusal::NotAllowed));  // slot full
  BOOST_TEST((catalog.wear(ann, me.id, second_shirt).refusal() == Refusal::NotAllowed));
  BOOST_TEST((catalog.wear(ann, me.id, elf_shirt).refusal() == Refusal::NotAllowed));  // model
  BOOST_TEST((catalog.wear(ann, me.id, robot).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((catalog.wear(bob, me.id, shirt_id).refusal() == Refusal::NotFound));
  BOOST_TEST(catalog.set_property(ann, me.id, "color", PropertyType::Color, "#FF8800").ok());
  BOOST_TEST((catalog.set_property(ann, me.id, "color", PropertyType::Color, "orange").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((catalog.set_property(ann, me.id, "size", PropertyType::Integer, "1.5").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(catalog.set_property(ann, me.id, "size", PropertyType::Number, "1.5").ok());
  const CharacterView seen = *catalog.character(me.id);
  BOOST_TEST((seen.worn == std::vector<ContentId>{shirt_id}));
  BOOST_TEST(seen.properties.size() == 2u);
  // Given away, the shirt comes off.
  BOOST_REQUIRE(catalog.give(ann, mine.id, bob).ok());
  BOOST_TEST(catalog.character(me.id)->worn.empty());
  BOOST_TEST(catalog.wear(ann, me.id, second_shirt).ok());
  BOOST_TEST(catalog.take_off(ann, me.id, second_shirt).ok());
  BOOST_TEST((catalog.take_off(ann, me.id, second_shirt).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(comments_are_child_content_where_comments_are_open) {
  const ContentId id = shirt();
  const ContentView comment =
      catalog.create({.author = ann, .type = ContentType::Comment, .name = "Nice!", .parent = id})
          .value();
  BOOST_TEST(comment.parent == id);
  BOOST_TEST(
      (catalog.create({.author = ann, .type = ContentType::Comment, .name = "Orphan"}).refusal() ==
       Refusal::NotAllowed));
  BOOST_REQUIRE(catalog.set_comments(maker, id, false).ok());
  BOOST_TEST(!catalog.find(ann, id)->comments_enabled);
  BOOST_TEST(
      (catalog.create({.author = bob, .type = ContentType::Comment, .name = "Late", .parent = id})
           .refusal() == Refusal::NotAllowed));
}

// Random purchases, gifts and grants: each instance has one owner, serials are 1..n without a
// gap or a repeat, the ledger balances.
BOOST_AUTO_TEST_CASE(every_instance_has_exactly_one_owner) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    Shop world;
    const std::vector<PlayerId> people = {world.ann, world.bob, world.maker};
    const ContentId limited = world.shirt(5);
    const ContentId open = world.shirt();
    BOOST_REQUIRE(world.catalog.set_price(world.maker, open, {world.credits, 10}).ok());
    std::mt19937 random(seed);
    for (int step = 0; step < 150; ++step) {
      const PlayerId& a = people[random() % people.size()];
      const PlayerId& b = people[random() % people.size()];
      const ContentId content = random() % 2 ? limited : open;
      switch (random() % 3) {
        case 0:
          (void)world.catalog.buy(a, content, world.credits);
          break;
        case 1:
          (void)world.catalog.grant(content, a);
          break;
        default: {
          const std::vector<OwnershipView> held = world.catalog.owned(a);
          if (!held.empty()) (void)world.catalog.give(a, held[random() % held.size()].id, b);
        }
      }
    }
    BOOST_TEST(test::query_int(world.game,
                               "SELECT count(*) FROM (SELECT content_id, serial FROM "
                               "content_ownerships WHERE serial IS NOT NULL GROUP BY content_id, "
                               "serial HAVING sum(ended_at IS NULL) <> 1)") == 0,
               "seed " << seed);
    BOOST_TEST(test::query_int(world.game,
                               "SELECT count(*) FROM (SELECT content_id FROM content_ownerships "
                               "WHERE serial IS NOT NULL GROUP BY content_id HAVING "
                               "count(DISTINCT serial) <> max(serial))") == 0,
               "seed " << seed);
    BOOST_TEST(world.catalog.find(world.ann, limited)->sold <= 5);
    BOOST_TEST(world.game.ledger().check_ledger().empty(), "seed " << seed);
  }
}

BOOST_AUTO_TEST_SUITE_END()

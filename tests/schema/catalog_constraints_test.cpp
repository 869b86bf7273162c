// The catalog and platform tables of migration 0005: assets, content, moderation, prices,
// ownership, trades, games, servers, characters, sessions. For each table a valid row inserts and
// each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its violation, leaving the table as it was.
#include <boost/test/unit_test.hpp>

#include "tests/support/constraints.h"

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(catalog_constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(assets_content_and_revisions_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table assets(*this, "assets");
  BOOST_TEST(assets.accepts(with(asset_row(kAsset), {{"user_id", q(kAlice)},
                                                     {"mime_type", q("model/gltf-binary")},
                                                     {"file_size", "0"},
                                                     {"public", "1"}})));
  const Row asset = asset_row(uuid(122));
  BOOST_TEST(assets.refuses(with(asset, "id", q(kAsset)), {kUnique, "assets.id"}));
  BOOST_TEST(assets.refuses(with(asset, "id", q(upper(uuid(122)))), {kCheck, "lower(id)"}));
  BOOST_TEST(assets.refuses(with(asset, "file_size", "-1"), {kCheck, "file_size"}));
  BOOST_TEST(assets.refuses(with(asset, "public", "2"), {kCheck, "public"}));
  BOOST_TEST(
      assets.refuses(with(asset, "mime_type", q(std::string(256, 'm'))), {kCheck, "mime_type"}));
  BOOST_TEST(assets.refuses(with(asset, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(assets.refuses(without(asset, "created_at"), {kNotNull, "assets.created_at"}));
  BOOST_TEST(assets.accepts(asset));

  Table content(*this, "content");
  BOOST_TEST(content.accepts(with(content_row(1), {{"user_id", q(kAlice)},
                                                   {"type", q("hat")},
                                                   {"privacy", q("unlisted")},
                                                   {"stock", "0"},
                                                   {"onsale", "1"},
                                                   {"published", "1"}})));
  // A comment on it.
  BOOST_TEST(content.accepts(with(content_row(2), {{"parent_id", "1"}, {"type", q("comment")}})));
  BOOST_TEST(scalar("SELECT privacy = 'public' AND comments_enabled = 1 AND stock IS NULL FROM "
                    "content WHERE id = 2") == 1);
  const Row next = content_row(3);
  BOOST_TEST(content.refuses(with(next, "privacy", q("Public")), {kCheck, "privacy"}));
  BOOST_TEST(content.refuses(with(next, "privacy", q("secret")), {kCheck, "privacy"}));
  BOOST_TEST(content.refuses(with(next, "type", q("hats")), {kCheck, "type IN"}));
  BOOST_TEST(content.refuses(with(next, "type", q("Hat")), {kCheck, "type IN"}));
  BOOST_TEST(content.refuses(with(next, "parent_id", "99"), {kForeignKey}));
  BOOST_TEST(content.refuses(with(next, "parent_id", "3"), {kCheck, "parent_id <> id"}));
  BOOST_TEST(content.refuses(with(next, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      content.refuses(with(next, "name", q(std::string(256, 'n'))), {kCheck, "length(name)"}));
  BOOST_TEST(content.refuses(without(next, "description"), {kNotNull, "content.description"}));
  for (const char* flag :
       {"restricted", "onsale", "published", "comments_enabled", "open_source"}) {
    BOOST_TEST(content.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(content.refuses(with(next, "stock", "-1"), {kCheck, "stock"}));
  for (const char* actor : {"user_id", "created_by", "updated_by"}) {
    BOOST_TEST(content.refuses(with(next, actor, q(kDave)), {kForeignKey}));
  }
  BOOST_TEST(content.accepts(next));
  BOOST_TEST(content.refuses_statement("UPDATE content SET parent_id = 1 WHERE id = 1",
                                       {kCheck, "parent_id <> id"}));

  Table revisions(*this, "content_revisions");
  BOOST_TEST(revisions.accepts(revision_row(1, 1, kAlice)));
  const Row revision = revision_row(2, 1, kBob);
  BOOST_TEST(revisions.refuses(with(revision, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(revisions.refuses(without(revision, "content_id"),
                               {kNotNull, "content_revisions.content_id"}));
  BOOST_TEST(revisions.refuses(with(revision, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      revisions.refuses(without(revision, "user_id"), {kNotNull, "content_revisions.user_id"}));
  // 0016: a revision's name, when it has one, is 1 to 255 characters.
  BOOST_TEST(revisions.refuses(with(revision, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(revisions.refuses(with(revision, "name", q(std::string(256, 'n'))),
                               {kCheck, "length(name)"}));
  BOOST_TEST(revisions.refuses(with(revision, "status", q("waiting")), {kCheck, "status IN"}));
  BOOST_TEST(revisions.refuses(with(revision, "forwarded", "2"), {kCheck, "forwarded IN"}));
  BOOST_TEST(
      revisions.accepts(with(revision, {{"name", q("Star Shirt")}, {"description", q("")}})));
}

// 0016: the bytes of assets, once per SHA-256, kept apart from their name.
BOOST_AUTO_TEST_CASE(asset_blobs_take_valid_rows_and_refuse_each_violation) {
  Table blobs(*this, "asset_blobs");
  const std::string digest(64, 'a');
  const Row row = {{"id", "1"}, {"sha256", q(digest)}, {"size", "3"}};
  BOOST_TEST(blobs.accepts(row));
  const Row next = with(row, "id", "2");
  BOOST_TEST(blobs.refuses(next, {kUnique, "asset_blobs.sha256"}));
  BOOST_TEST(blobs.refuses(with(next, "sha256", q("abc")), {kCheck, "length(sha256)"}));
  BOOST_TEST(blobs.refuses(with(next, "size", "-1"), {kCheck, "size >= 0"}));
  BOOST_TEST(blobs.accepts(without(next, "sha256")));  // while its bytes are being written
  Table bytes(*this, "asset_blob_bytes");
  const Row data = {{"blob_id", "1"}, {"data", "x'010203'"}};
  BOOST_TEST(bytes.accepts(data));
  BOOST_TEST(bytes.refuses(with(data, "blob_id", "9"), {kForeignKey}));
  BOOST_TEST(bytes.refuses(with(without(data, "data"), "blob_id", "2"),
                           {kNotNull, "asset_blob_bytes.data"}));
}

BOOST_AUTO_TEST_CASE(moderation_of_content_takes_valid_rows_and_refuses_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "bans", ban_row(1, kCarol, kBob));
  add(*this, "assets", asset_row(kAsset));

  Table actions(*this, "moderator_actions");
  BOOST_TEST(actions.accepts(moderator_action_row(1, 1, 1, kBob)));
  BOOST_TEST(actions.accepts(
      with(moderator_action_row(2, 1, 1, kBob),
           {{"action", q("reject")}, {"rejection_reason", q("dmca")}, {"penalty", "1"}})));
  const Row next = moderator_action_row(3, 1, 1, kCarol);
  BOOST_TEST(actions.refuses(with(next, "action", q("approved")), {kCheck, "action IN"}));
  BOOST_TEST(actions.refuses(with(next, "action", q("Approve")), {kCheck, "action IN"}));
  // A rejection reason only on a rejection, and one of the four.
  BOOST_TEST(actions.refuses(with(next, "rejection_reason", q("tos")),
                             {kCheck, "rejection_reason IS NULL OR action = 'reject'"}));
  BOOST_TEST(actions.refuses(with(next, {{"action", q("reject")}, {"rejection_reason", q("spam")}}),
                             {kCheck, "rejection_reason IN"}));
  BOOST_TEST(actions.refuses(with(next, "penalty", "2"), {kCheck, "penalty"}));
  BOOST_TEST(actions.refuses(with(next, "asset_delete", "2"), {kCheck, "asset_delete"}));
  BOOST_TEST(actions.refuses(with(next, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(actions.refuses(with(next, "revision_id", "99"), {kForeignKey}));
  BOOST_TEST(actions.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(actions.refuses(without(next, "user_id"), {kNotNull, "moderator_actions.user_id"}));
  BOOST_TEST(actions.accepts(with(next, "action", q("forward"))));

  Table action_bans(*this, "moderator_action_bans");
  const Row issued = {{"moderator_action_id", "2"}, {"ban_id", "1"}};
  BOOST_TEST(action_bans.accepts(issued));
  BOOST_TEST(action_bans.refuses(issued, {kUnique, "moderator_action_bans.moderator_action_id"}));
  BOOST_TEST(action_bans.refuses(with(issued, "moderator_action_id", "99"), {kForeignKey}));
  BOOST_TEST(action_bans.refuses(with(issued, "ban_id", "99"), {kForeignKey}));
  BOOST_TEST(action_bans.accepts(with(issued, "moderator_action_id", "1")));

  Table object_assets(*this, "object_assets");
  BOOST_TEST(object_assets.accepts(object_asset_row(1, 1, 1, kAsset)));
  BOOST_TEST(scalar("SELECT asset_index FROM object_assets WHERE id = 1") == 0);
  const Row image =
      with(object_asset_row(2, 1, 1, kAsset), {{"type", q("image")}, {"asset_index", "1"}});
  BOOST_TEST(object_assets.refuses(with(image, "type", q("model")), {kCheck, "type IN"}));
  BOOST_TEST(object_assets.refuses(with(image, "type", q("Mesh")), {kCheck, "type IN"}));
  BOOST_TEST(object_assets.refuses(with(image, "asset_index", "-1"), {kCheck, "asset_index"}));
  BOOST_TEST(object_assets.refuses(with(image, "type_name", q(std::string(256, 't'))),
                                   {kCheck, "type_name"}));
  BOOST_TEST(object_assets.refuses(with(image, "asset_id", q(uuid(129))), {kForeignKey}));
  BOOST_TEST(object_assets.refuses(with(image, "revision_id", "99"), {kForeignKey}));
  BOOST_TEST(object_assets.refuses(with(image, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(object_assets.accepts(image));

  Table reports(*this, "content_reports");
  BOOST_TEST(reports.accepts(with(report_row(1, 1, kCarol), "moderator_id", q(kBob))));
  BOOST_TEST(count_of(*this, "content_reports", "id = 1 AND status = 'open'") == 1);
  const Row report = report_row(2, 1, kAlice);
  BOOST_TEST(reports.refuses(with(report, "status", q("Open")), {kCheck, "status IN"}));
  BOOST_TEST(reports.refuses(with(report, "status", q("pending")), {kCheck, "status IN"}));
  BOOST_TEST(reports.refuses(with(report, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(
      reports.refuses(without(report, "description"), {kNotNull, "content_reports.description"}));
  BOOST_TEST(reports.refuses(with(report, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(reports.refuses(with(report, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(reports.refuses(with(report, "moderator_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(reports.accepts(with(report, {{"status", q("resolved")}, {"resolved_at", kLater}})));

  Table report_actions(*this, "report_moderator_actions");
  const Row handled = {{"report_id", "1"}, {"moderator_action_id", "1"}};
  BOOST_TEST(report_actions.accepts(handled));
  BOOST_TEST(report_actions.refuses(handled, {kUnique, "report_moderator_actions.report_id"}));
  BOOST_TEST(report_actions.refuses(with(handled, "report_id", "99"), {kForeignKey}));
  BOOST_TEST(report_actions.refuses(with(handled, "moderator_action_id", "99"), {kForeignKey}));
  BOOST_TEST(report_actions.accepts(with(handled, "report_id", "2")));
}

BOOST_AUTO_TEST_CASE(prices_and_ownerships_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kBob));
  add(*this, "transactions", transaction_row(1, kCredits, 100, kCreditsSink));

  Table prices(*this, "content_prices");
  BOOST_TEST(prices.accepts(with(price_row(1, 1, kCredits), "created_by", q(kAlice))));
  const Row price = price_row(2, 1, kFragments);
  // One price per content and currency.
  BOOST_TEST(prices.refuses(with(price, "currency_id", num(kCredits)),
                            {kUnique, "content_prices.content_id"}));
  BOOST_TEST(prices.refuses(with(price, "price", "-1"), {kCheck, "price >= 0"}));
  BOOST_TEST(prices.refuses(with(price, "price", kNull), {kNotNull, "content_prices.price"}));
  BOOST_TEST(prices.refuses(with(price, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(prices.accepts(with(price, "price", "0")));

  Table ownerships(*this, "content_ownerships");
  BOOST_TEST(ownerships.accepts(with(ownership_row(1, 1, kAlice), "serial", "1")));
  BOOST_TEST(count_of(*this, "content_ownerships", "id = 1 AND source = 'author'") == 1);
  BOOST_TEST(
      ownerships.accepts(with(ownership_row(2, 1, kBob), {{"source", q("purchase")},
                                                          {"serial", "2"},
                                                          {"purchase_price", "250"},
                                                          {"purchase_currency_id", num(kCredits)},
                                                          {"purchase_transaction_id", "1"}})));
  const Row next = with(ownership_row(3, 1, kCarol), "serial", "3");
  // At most one open row per (content, serial).
  BOOST_TEST(
      ownerships.refuses(with(next, "serial", "1"), {kUnique, "content_ownerships.content_id"}));
  BOOST_TEST(ownerships.refuses(with(next, "source", q("bought")), {kCheck, "source IN"}));
  BOOST_TEST(ownerships.refuses(with(next, "source", q("Purchase")), {kCheck, "source IN"}));
  // A purchase price and its currency come together.
  BOOST_TEST(
      ownerships.refuses(with(next, "purchase_price", "250"),
                         {kCheck, "(purchase_price IS NULL) = (purchase_currency_id IS NULL)"}));
  BOOST_TEST(
      ownerships.refuses(with(next, "purchase_currency_id", num(kCredits)),
                         {kCheck, "(purchase_price IS NULL) = (purchase_currency_id IS NULL)"}));
  BOOST_TEST(ownerships.refuses(
      with(next, {{"purchase_price", "-1"}, {"purchase_currency_id", num(kCredits)}}),
      {kCheck, "purchase_price >= 0"}));
  BOOST_TEST(ownerships.refuses(with(next, "serial", "0"), {kCheck, "serial >= 1"}));
  BOOST_TEST(ownerships.refuses(with(next, "previous_ownership_id", "3"),
                                {kCheck, "previous_ownership_id <> id"}));
  BOOST_TEST(ownerships.refuses(with(next, "previous_ownership_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "purchase_transaction_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(
      with(next, {{"purchase_price", "5"}, {"purchase_currency_id", "99"}}), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      ownerships.refuses(without(next, "user_id"), {kNotNull, "content_ownerships.user_id"}));
  BOOST_TEST(ownerships.accepts(next));
  // A transfer ends the open row and chains a new one for the same serial; one successor only.
  run(*this, "UPDATE content_ownerships SET ended_at = " + kLater + " WHERE id = 1");
  BOOST_TEST(ownerships.accepts(
      with(ownership_row(4, 1, kCarol),
           {{"source", q("trade")}, {"serial", "1"}, {"previous_ownership_id", "1"}})));
  BOOST_TEST(ownerships.refuses(
      with(ownership_row(5, 1, kBob), {{"source", q("gift")}, {"previous_ownership_id", "1"}}),
      {kUnique, "content_ownerships.previous_ownership_id"}));
  BOOST_TEST(
      ownerships.refuses_statement("UPDATE content_ownerships SET ended_at = NULL WHERE id = 1",
                                   {kUnique, "content_ownerships.content_id"}));
}

BOOST_AUTO_TEST_CASE(trades_and_their_legs_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "content_ownerships", ownership_row(1, 1, kAlice));
  add(*this, "content_ownerships", ownership_row(2, 1, kBob));
  add(*this, "items", item_row(1, "Iron Ore"));

  Table trades(*this, "trades");
  BOOST_TEST(trades.accepts(trade_row(1, kAlice, kBob)));
  BOOST_TEST(count_of(*this, "trades", "status = 'sent'") == 1);
  const Row next = trade_row(2, kBob, kCarol);
  BOOST_TEST(trades.refuses(trade_row(2, kCarol, kCarol), {kCheck, "user_id <> recipient_id"}));
  BOOST_TEST(trades.refuses(with(next, "status", q("accepted")), {kCheck, "status IN"}));
  BOOST_TEST(trades.refuses(with(next, "status", q("SENT")), {kCheck, "status IN"}));
  BOOST_TEST(trades.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(trades.refuses(with(next, "recipient_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(trades.refuses(without(next, "recipient_id"), {kNotNull, "trades.recipient_id"}));
  BOOST_TEST(trades.refuses(with(next, "expired", "2"), {kCheck, "expired IN"}));  // 0016
  BOOST_TEST(trades.accepts(with(next, "expires_at", kLater)));
  for (const char* status : {"opened", "rejected", "return_to_sender", "confirmed", "cancelled"}) {
    BOOST_TEST(
        trades.accepts_statement("UPDATE trades SET status = " + q(status) + " WHERE id = 2"));
  }

  Table offered(*this, "trade_offer_ownerships");
  const Row leg = {{"trade_id", "1"}, {"ownership_id", "1"}, {"side", q("user")}};
  BOOST_TEST(offered.accepts(leg));
  BOOST_TEST(offered.refuses(with(leg, "side", q("recipient")),
                             {kUnique, "trade_offer_ownerships.trade_id"}));
  const Row other = {{"trade_id", "1"}, {"ownership_id", "2"}, {"side", q("recipient")}};
  BOOST_TEST(offered.refuses(with(other, "side", q("both")), {kCheck, "side IN"}));
  BOOST_TEST(offered.refuses(with(other, "side", q("Recipient")), {kCheck, "side IN"}));
  BOOST_TEST(offered.refuses(with(other, "ownership_id", "99"), {kForeignKey}));
  BOOST_TEST(offered.refuses(with(other, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(offered.accepts(other));

  Table items(*this, "trade_offer_items");
  const Row stack = {{"trade_id", "1"}, {"side", q("user")}, {"item_id", "1"}, {"quantity", "5"}};
  BOOST_TEST(items.accepts(stack));
  BOOST_TEST(items.refuses(with(stack, "quantity", "1"), {kUnique, "trade_offer_items.trade_id"}));
  const Row their = with(stack, "side", q("recipient"));
  BOOST_TEST(items.refuses(with(their, "quantity", "0"), {kCheck, "quantity > 0"}));
  BOOST_TEST(items.refuses(with(their, "side", q("sender")), {kCheck, "side IN"}));
  BOOST_TEST(items.refuses(with(their, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(items.refuses(with(their, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(items.accepts(their));

  Table money(*this, "trade_offer_currencies");
  const Row amount = {
      {"trade_id", "1"}, {"side", q("user")}, {"currency_id", num(kCredits)}, {"amount", "100"}};
  BOOST_TEST(money.accepts(amount));
  BOOST_TEST(
      money.refuses(with(amount, "amount", "1"), {kUnique, "trade_offer_currencies.trade_id"}));
  const Row fragments = with(amount, "currency_id", num(kFragments));
  BOOST_TEST(money.refuses(with(fragments, "amount", "0"), {kCheck, "amount > 0"}));
  BOOST_TEST(money.refuses(with(fragments, "side", q("USER")), {kCheck, "side IN"}));
  BOOST_TEST(money.refuses(with(fragments, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(money.refuses(with(fragments, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(money.accepts(fragments));
}

BOOST_AUTO_TEST_CASE(favorites_and_votes_take_one_row_per_user_and_content) {
  add_users(*this);
  add_content(*this);
  Table favorites(*this, "favorites");
  BOOST_TEST(favorites.accepts(favorite_row(1, 1, kAlice)));
  BOOST_TEST(favorites.refuses(favorite_row(2, 1, kAlice), {kUnique, "favorites.user_id"}));
  BOOST_TEST(favorites.refuses(favorite_row(2, 99, kBob), {kForeignKey}));
  BOOST_TEST(favorites.refuses(favorite_row(2, 1, kDave), {kForeignKey}));
  BOOST_TEST(favorites.refuses(without(favorite_row(2, 1, kBob), "content_id"),
                               {kNotNull, "favorites.content_id"}));
  BOOST_TEST(favorites.accepts(favorite_row(2, 1, kBob)));

  Table votes(*this, "content_votes");
  BOOST_TEST(votes.accepts(with(favorite_row(1, 1, kAlice), "vote", q("up"))));
  const Row down = with(favorite_row(2, 1, kBob), "vote", q("down"));
  BOOST_TEST(votes.refuses(with(down, "user_id", q(kAlice)), {kUnique, "content_votes.user_id"}));
  BOOST_TEST(votes.refuses(with(down, "vote", q("UP")), {kCheck, "vote IN"}));
  BOOST_TEST(votes.refuses(with(down, "vote", q("like")), {kCheck, "vote IN"}));
  BOOST_TEST(votes.refuses(without(down, "vote"), {kNotNull, "content_votes.vote"}));
  BOOST_TEST(votes.refuses(with(down, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(votes.refuses(with(down, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(votes.accepts(down));
}

BOOST_AUTO_TEST_CASE(games_and_their_supports_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "content", with(content_row(10), "type", q("game")));
  add(*this, "content", with(content_row(11), "type", q("game")));
  add(*this, "content", with(content_row(12), "type", q("character")));

  Table games(*this, "games");
  BOOST_TEST(games.accepts({{"id", "10"}}));
  BOOST_TEST(scalar("SELECT hosted = 0 AND max_players = 16 FROM games WHERE id = 10") == 1);
  BOOST_TEST(games.refuses({{"id", "10"}}, {kUnique, "games.id"}));
  BOOST_TEST(games.refuses({{"id", "99"}}, {kForeignKey}));
  BOOST_TEST(games.refuses({{"id", "11"}, {"max_players", "0"}}, {kCheck, "max_players"}));
  BOOST_TEST(games.refuses({{"id", "11"}, {"hosted", "2"}}, {kCheck, "hosted"}));
  BOOST_TEST(games.accepts({{"id", "11"}, {"max_players", "1"}, {"hosted", "1"}}));

  Table supports(*this, "game_supports");
  const Row chat = {{"id", "1"}, {"game_id", "10"}, {"flag", q("chat")}};
  BOOST_TEST(supports.accepts(chat));
  BOOST_TEST(supports.accepts(
      {{"id", "2"}, {"game_id", "10"}, {"flag", q("character")}, {"content_id", "12"}}));
  const Row features = {{"id", "3"}, {"game_id", "11"}, {"flag", q("character_features")}};
  BOOST_TEST(supports.refuses(with(features, "flag", q("voice")), {kCheck, "flag IN"}));
  BOOST_TEST(supports.refuses(with(features, "flag", q("Chat")), {kCheck, "flag IN"}));
  BOOST_TEST(supports.refuses(with(features, "enabled", "2"), {kCheck, "enabled"}));
  BOOST_TEST(
      supports.refuses(with(features, "game_id", "12"), {kForeignKey}));  // content, not a game
  BOOST_TEST(supports.refuses(with(features, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(supports.refuses(without(features, "flag"), {kNotNull, "game_supports.flag"}));
  BOOST_TEST(supports.accepts(features));
}

BOOST_AUTO_TEST_CASE(servers_hosts_and_host_bans_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_game(*this);

  Table hosts(*this, "provisioning_hosts");
  BOOST_TEST(hosts.accepts(with(provisioning_host_row(1, "host-1"), "updated_by", q(kAlice))));
  BOOST_TEST(
      hosts.accepts(with(provisioning_host_row(2, "host-2"), {{"capacity", "0"}, {"slots", "0"}})));
  const Row host = provisioning_host_row(3, "host-3");
  BOOST_TEST(hosts.refuses(with(host, "slots", "11"), {kCheck, "slots <= capacity"}));
  BOOST_TEST(hosts.refuses(with(host, "slots", "-1"), {kCheck, "slots >= 0"}));
  BOOST_TEST(hosts.refuses(with(host, {{"capacity", "-1"}, {"slots", "-1"}}), {kCheck}));
  BOOST_TEST(
      hosts.refuses(with(host, "token", q("host-1")), {kUnique, "provisioning_hosts.token"}));
  BOOST_TEST(hosts.refuses(with(host, "official", "2"), {kCheck, "official"}));
  BOOST_TEST(hosts.refuses(with(host, "active", "2"), {kCheck, "active"}));
  BOOST_TEST(hosts.refuses(without(host, "api_url"), {kNotNull, "provisioning_hosts.api_url"}));
  BOOST_TEST(hosts.refuses(with(host, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(hosts.accepts(with(host, "slots", "10")));

  Table servers(*this, "hosted_servers");
  BOOST_TEST(servers.accepts(
      with(server_row(1, "srv-1", kAlice), {{"game_id", "10"},
                                            {"provisioned_by", "1"},
                                            {"socket_port", "65535"},
                                            {"server_info", q(R"({"map": "dust"})")}})));
  BOOST_TEST(servers.accepts(with(server_row(2, "srv-2", kBob), "socket_port", "1")));
  const Row server = server_row(3, "srv-3", kCarol);
  BOOST_TEST(servers.refuses(with(server, "socket_port", "0"), {kCheck, "socket_port"}));
  BOOST_TEST(servers.refuses(with(server, "socket_port", "65536"), {kCheck, "socket_port"}));
  BOOST_TEST(servers.refuses(with(server, "token", q("srv-1")), {kUnique, "hosted_servers.token"}));
  BOOST_TEST(servers.refuses(with(server, "server_info", q("map=dust")), {kCheck, "server_info"}));
  BOOST_TEST(servers.refuses(with(server, "player_count", "-1"), {kCheck, "player_count"}));
  BOOST_TEST(servers.refuses(with(server, "ping", "-1"), {kCheck, "ping"}));
  BOOST_TEST(
      servers.refuses(with(server, "country", q(std::string(256, 'c'))), {kCheck, "country"}));
  for (const char* flag : {"provisioned", "quarantine", "official", "active"}) {
    BOOST_TEST(servers.refuses(with(server, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(servers.refuses(with(server, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(servers.refuses(with(server, "game_id", "20"), {kForeignKey}));  // content, not a game
  BOOST_TEST(servers.refuses(with(server, "provisioned_by", "99"), {kForeignKey}));
  BOOST_TEST(
      servers.refuses(without(server, "socket_host"), {kNotNull, "hosted_servers.socket_host"}));
  BOOST_TEST(servers.accepts(server));

  Table server_games(*this, "server_games");
  const Row loads = {{"server_id", "1"}, {"game_id", "10"}};
  BOOST_TEST(server_games.accepts(loads));
  BOOST_TEST(server_games.refuses(loads, {kUnique, "server_games.server_id"}));
  BOOST_TEST(server_games.refuses(with(loads, "server_id", "99"), {kForeignKey}));
  BOOST_TEST(server_games.refuses(with(loads, "game_id", "20"), {kForeignKey}));
  BOOST_TEST(server_games.accepts(with(loads, "server_id", "2")));

  Table host_bans(*this, "host_bans");
  BOOST_TEST(host_bans.accepts(
      with(host_ban_row(1, "192.168.0.0", kAlice), {{"cidr", "16"}, {"user_id", q(kBob)}})));
  BOOST_TEST(host_bans.accepts(with(host_ban_row(2, "10.0.0.0", kAlice), "cidr", "0")));
  BOOST_TEST(host_bans.accepts(with(host_ban_row(3, "fd00::", kAlice), "cidr", "128")));
  const Row ban = host_ban_row(4, "10.1.2.3", kAlice);  // cidr defaults to 32, the IPv4 edge
  BOOST_TEST(host_bans.refuses(with(ban, "cidr", "33"), {kCheck, "cidr <= 32"}));
  BOOST_TEST(host_bans.refuses(with(ban, "cidr", "-1"), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(host_bans.refuses(with(ban, {{"ip", q("fd00::")}, {"cidr", "129"}}),
                               {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(host_bans.refuses(without(ban, "ip"), {kNotNull, "host_bans.ip"}));
  BOOST_TEST(host_bans.refuses(with(ban, "ip", q("")), {kCheck, "length(ip)"}));
  BOOST_TEST(host_bans.refuses(with(ban, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(host_bans.refuses(without(ban, "admin_id"), {kNotNull, "host_bans.admin_id"}));
  BOOST_TEST(host_bans.refuses(with(ban, "admin_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(host_bans.refuses(with(ban, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(host_bans.accepts(ban));
  BOOST_TEST(scalar("SELECT cidr FROM host_bans WHERE id = 4") == 32);
}

BOOST_AUTO_TEST_CASE(characters_and_play_sessions_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_game(*this);
  add(*this, "content", with(content_row(30), "type", q("hat")));
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kAlice), "game_id", "10"));

  Table characters(*this, "characters");
  BOOST_TEST(characters.accepts(with(character_row(1, kAlice, 20), "name", q("Al"))));
  const Row bobs = character_row(2, kBob, 20);
  BOOST_TEST(characters.refuses(with(bobs, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(characters.refuses(without(bobs, "content_id"), {kNotNull, "characters.content_id"}));
  BOOST_TEST(characters.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(characters.refuses(without(bobs, "user_id"), {kNotNull, "characters.user_id"}));
  BOOST_TEST(characters.accepts(bobs));

  Table properties(*this, "character_properties");
  BOOST_TEST(properties.accepts(property_row(1, 1, "color")));
  BOOST_TEST(properties.accepts(
      with(property_row(2, 1, "hat"),
           {{"value_type", q("content")}, {"value", q("30")}, {"related_content_id", "30"}})));
  const Row height = property_row(3, 1, "height");
  BOOST_TEST(properties.refuses(with(height, "property", q("color")),
                                {kUnique, "character_properties.character_id"}));
  BOOST_TEST(properties.refuses(with(height, "value_type", q("str")), {kCheck, "value_type"}));
  BOOST_TEST(properties.refuses(with(height, "value_type", q("Color")), {kCheck, "value_type"}));
  BOOST_TEST(properties.refuses(with(height, "property", q("")), {kCheck, "length(property)"}));
  BOOST_TEST(
      properties.refuses(without(height, "value"), {kNotNull, "character_properties.value"}));
  BOOST_TEST(properties.refuses(with(height, "character_id", "99"), {kForeignKey}));
  BOOST_TEST(properties.refuses(with(height, "related_content_id", "99"), {kForeignKey}));
  BOOST_TEST(properties.accepts(with(height, {{"value_type", q("number")}, {"value", q("1.1")}})));

  Table worn(*this, "character_worn_items");
  BOOST_TEST(worn.accepts(worn_row(1, 1, 30)));
  BOOST_TEST(worn.refuses(worn_row(2, 1, 30), {kUnique, "character_worn_items.character_id"}));
  BOOST_TEST(worn.refuses(worn_row(2, 2, 99), {kForeignKey}));
  BOOST_TEST(worn.refuses(worn_row(2, 99, 30), {kForeignKey}));
  BOOST_TEST(worn.accepts(worn_row(2, 2, 30)));

  Table sessions(*this, "sessions");
  BOOST_TEST(sessions.accepts(play_session_row(1, "play-1", kAlice, 1, 10, 1)));
  BOOST_TEST(count_of(*this, "sessions", "server_type = 'provision'") == 1);
  const Row session = play_session_row(2, "play-2", kBob, 2, 10, 1);
  BOOST_TEST(sessions.refuses(with(session, "token", q("play-1")), {kUnique, "sessions.token"}));
  BOOST_TEST(sessions.refuses(without(session, "token"), {kNotNull, "sessions.token"}));
  BOOST_TEST(sessions.refuses(with(session, "server_type", q("hosted")), {kCheck, "server_type"}));
  BOOST_TEST(sessions.refuses(with(session, "server_type", q("Host")), {kCheck, "server_type"}));
  BOOST_TEST(sessions.refuses(with(session, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "character_id", "99"), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "game_id", "20"), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "server_id", "99"), {kForeignKey}));
  BOOST_TEST(sessions.accepts(with(session, "server_type", q("host"))));
}

// -- progression and moderation (0006) ------------------------------------------------------------

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

// Golden saves: tests/data/golden-vN.hearth is a save made by the engine at schema version N with
// rows in every table, and golden-vN.rows the content it held then, one line per row. Every later
// version opens a copy of each golden save (migrating it), finds it intact and consistent, and
// reads every row of the dump the same (the columns that existed then, in the tables that existed
// then). A release whose schema moved on adds its own golden save:
//
//   HEARTH_WRITE_GOLDEN=1 build/tests/hearth_tests
//       --run_test=golden_test/write_this_versions_golden_save   (one command line)
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "engine/identity/secrets.h"
#include "tests/fuzz/command_generator.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay.h"
#include "tests/support/world.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/ledger.h"
#include "hearth/economy/loot.h"
#include "hearth/game.h"
#include "hearth/hosting/servers.h"
#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/identity/cases.h"
#include "hearth/progression/classes.h"
#include "hearth/progression/quests.h"
#include "hearth/social/messages.h"
#include "hearth/social/relations.h"
#include "hearth/social/teams.h"
#include "hearth/standing/reputation.h"
#include "hearth/world/locations.h"

using namespace hearth;

namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(HEARTH_SOURCE_DIR) / "tests" / "data";

std::vector<std::string> columns_of(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> columns;
  SQLite::Statement query(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  query.bind(1, table);
  while (query.executeStep()) columns.push_back(query.getColumn(0).getString());
  return columns;
}

// The dump of a save: for each table, "table name" then "columns a,b,c", then one line per row:
// each column's SQL literal (quote()) in hex, so that no value can break a line.
struct Dump {
  struct Table {
    std::vector<std::string> columns;
    std::vector<std::string> rows;
  };

  std::map<std::string, Table> tables;
};

// Each row of `table`: the hex of its `columns`' SQL literals joined by ',', sorted.
std::vector<std::string> hex_rows_of(SQLite::Database& db, const std::string& table,
                                     const std::vector<std::string>& columns) {
  std::string row;
  for (const std::string& column : columns) {
    row += (row.empty() ? "" : " || ',' || ") + fmt::format("hex(quote(\"{}\"))", column);
  }
  std::vector<std::string> rows;
  SQLite::Statement query(db, fmt::format("SELECT {} FROM \"{}\"", row, table));
  while (query.executeStep()) rows.push_back(query.getColumn(0).getString());
  std::sort(rows.begin(), rows.end());
  return rows;
}

Dump dump_of(SQLite::Database& db) {
  Dump dump;
  for (const std::string& table : test::table_names(db)) {
    Dump::Table& entry = dump.tables[table];
    entry.columns = columns_of(db, table);
    entry.rows = hex_rows_of(db, table, entry.columns);
  }
  return dump;
}

std::string to_text(const Dump& dump) {
  std::string text;
  for (const auto& [table, entry] : dump.tables) {
    text += "table " + table + "\ncolumns ";
    for (std::size_t i = 0; i < entry.columns.size(); ++i) {
      text += (i == 0 ? "" : ",") + entry.columns[i];
    }
    text += "\n";
    for (const std::string& row : entry.rows) text += row + "\n";
  }
  return text;
}

Dump read_dump(const fs::path& path) {
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.good(), "cannot read " << path);
  Dump dump;
  Dump::Table* table = nullptr;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("table ", 0) == 0) {
      table = &dump.tables[line.substr(6)];
    } else if (line.rfind("columns ", 0) == 0) {
      BOOST_TEST_REQUIRE(table != nullptr);
      std::stringstream columns(line.substr(8));
      std::string column;
      while (std::getline(columns, column, ',')) table->columns.push_back(column);
    } else {
      BOOST_TEST_REQUIRE(table != nullptr);
      table->rows.push_back(line);
    }
  }
  return dump;
}

std::string integrity_of(Game& game) {
  return core_of(game).read(
      [](SQLite::Database& sql) { return sql.execAndGet("PRAGMA integrity_check").getString(); });
}

// The golden saves under tests/data, oldest first.
std::vector<fs::path> golden_saves() {
  std::vector<fs::path> saves;
  for (const auto& entry : fs::directory_iterator(kData)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("golden-v", 0) == 0 && entry.path().extension() == ".hearth") {
      saves.push_back(entry.path());
    }
  }
  std::sort(saves.begin(), saves.end());
  return saves;
}

// Stops the test when a step of the builder is refused.
void must(const Outcome& outcome) {
  BOOST_TEST_REQUIRE(outcome.ok(), "refused: " << outcome.detail());
}

// Reads `count` bytes of a pattern into an asset upload.
std::function<std::size_t(std::span<std::byte>)> bytes_of(std::int64_t count) {
  auto left = std::make_shared<std::int64_t>(count);
  return [left](std::span<std::byte> buffer) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(*left, buffer.size()));
    for (std::size_t i = 0; i < n; ++i) buffer[i] = static_cast<std::byte>((*left - i) % 251);
    *left -= static_cast<std::int64_t>(n);
    return n;
  };
}

// The golden world: the small world, then every domain's definitions and actions through the
// engine's API, then generated commands of every kind with time moving on, so that every table
// has rows the engine wrote itself (but two tables no engine code writes, which take raw rows).
void build_golden(Game& game) {
  const test::SmallWorld world = test::build_small_world(game);
  const PlayerId admin = game.players().create({.username = "admin_one"}).value().id;
  must(game.access().assign_role(admin, "admin"));
  const PlayerId cid = game.players().create({.username = "cid"}).value().id;
  for (const char* privilege : {"host", "create:accessory", "create:character", "create:game"}) {
    must(game.access().grant(world.ann, privilege));
  }

  // Accounts: a password account with a session, a one-shot token, a provider link, MFA.
  const PlayerId dora =
      game.accounts()
          .register_account({.user = {.username = "dora", .email = "d@example.org"},
                             .password = "correct horse battery"})
          .value()
          .id;
  game.accounts().log_in("dora", "correct horse battery").value();
  game.accounts().issue_token(dora, OneShotToken::EmailVerification).value();
  must(game.accounts().link_provider(dora, {.provider = "github", .provider_user_id = "d-42"}));
  const MfaEnrolment enrolment =
      game.accounts().begin_mfa(dora, "correct horse battery", "Hearth").value();
  game.accounts()
      .confirm_mfa(dora, secrets::totp_code(enrolment.secret, game.reached_at() / 30000))
      .value();

  // Access: a ban with privileges; moderation cases.
  game.access()
      .ban({.issuer = admin, .user = cid, .reason = "spam", .privileges = {"trade"}})
      .value();
  game.moderation_cases()
      .open({.type = CaseType::Warn,
             .moderator = world.moderator,
             .user = world.bob,
             .reason = "language"})
      .value();

  // World: a region, sectors, a station and a planet, and a player docked.
  game.locations().add_region("Core Worlds").value();
  game.locations().define_sector(2, "Sol", {}).value();
  game.locations().add_station(2, "Sol Station").value();
  game.locations().add_planet(2, "Terra").value();

  // Standing: faction reputation (with history) for players; a team's reputation follows.
  game.reputation().change(world.ann, "terran_federation", 120, "escort").value();
  game.reputation().change(world.bob, "terran_federation", -40, "smuggling").value();

  // Teams: a join request waiting.
  const TeamId other = game.teams().create(dora, "Night Owls", "NO").value().id;
  must(game.teams().update_profile(dora, {.recruitment = Recruitment::InviteOnly}));
  must(game.teams().request_to_join(other, admin));

  // Progression: a class with a member, a quest assigned.
  const ClassId pilots = game.classes().create_class("Pilots").value().id;
  must(game.classes().join(world.bob, pilots));
  const QuestId quest = game.quests()
                            .create_quest({.name = "First steps", .trigger = "jump", .target = 3})
                            .value()
                            .id;
  must(game.quests().assign(world.ann, quest));
  must(game.quests().record(world.ann, "jump"));

  // Economy: a second currency with a rate and a conversion; a loot drop, claimed.
  const CurrencyId gems = game.ledger().create_currency({.name = "gems"}).value().id;
  game.ledger().set_rate({.source = world.gold, .destination = gems, .ratio = 2}).value();
  const AccountId ann_gems =
      game.ledger().account_of(AccountOwner::user(world.ann), gems).value().id;
  game.ledger()
      .convert({.from_account = world.ann_gold, .to_account = ann_gems, .amount = 10})
      .value();
  const DropView drop = game.loot().spawn("main", 30).value();
  game.loot().claim(world.bob, drop.id).value();

  // Messages: one read.
  const MessageView note =
      game.messages()
          .send({.sender = world.bob, .recipient = world.ann, .content = "read me"})
          .value();
  must(game.messages().mark_read(world.ann, note.id));

  // Catalog: content with a price, bought, favourited, voted, reported and the report ended; a
  // revision moderated; an asset attached; a game with support flags and a server with a player;
  // a character wearing a hat; a trade of content, confirmed.
  Catalog catalog = game.catalog();
  const ContentView hat =
      catalog.create({.author = world.ann, .type = ContentType::Hat, .name = "Red hat"}).value();
  must(catalog.set_price(world.ann, hat.id, {.currency = world.gold, .amount = 5}));
  must(catalog.moderate(world.moderator, catalog.revisions(hat.id).front().id, {}));
  must(catalog.publish(world.ann, hat.id, true));
  must(catalog.set_on_sale(world.ann, hat.id, true));
  catalog.buy(world.bob, hat.id, world.gold).value();
  must(catalog.favorite(world.bob, hat.id));
  must(catalog.vote(world.bob, hat.id, Vote::Up));
  const ReportView report = catalog.report(world.bob, hat.id, "other", "too red").value();
  must(catalog.end_report(world.moderator, report.id, ReportStatus::Resolved, "fine"));
  // A second revision, reviewed and rejected (review is on in the golden world).
  must(catalog.edit(world.ann, hat.id, "Red hat", "Now redder"));
  must(catalog.moderate(world.moderator, catalog.revisions(hat.id).back().id,
                        {.action = Moderation::Action::Reject, .description = "too bright"}));
  const AssetView asset = catalog
                              .store_asset({.owner = world.ann,
                                            .name = "hat.png",
                                            .mime_type = "image/png",
                                            .size = 300,
                                            .read = bytes_of(300)})
                              .value();
  must(catalog.attach_asset(world.ann, hat.id, asset.id, AssetType::Image));
  const ContentView model =
      catalog.create({.author = world.ann, .type = ContentType::Character, .name = "Pilot"})
          .value();
  const ContentView game_content =
      catalog.create({.author = world.ann, .type = ContentType::Game, .name = "Skirmish"}).value();
  must(catalog.set_game(world.ann, game_content.id, {.hosted = true, .max_players = 8}));
  must(catalog.set_support(world.ann, game_content.id, GameSupport::Character, true, model.id));
  const CharacterView character = catalog.create_character(world.ann, model.id, "Vega").value();
  must(catalog.set_property(world.ann, character.id, "colour", PropertyType::Color, "#AA0000"));
  const ContentView ann_hat =
      catalog.create({.author = world.ann, .type = ContentType::Hat, .name = "Blue hat"}).value();
  must(catalog.wear(world.ann, character.id, ann_hat.id));
  const std::vector<OwnershipView> owned = catalog.owned(world.bob);
  game.ledger()
      .mint(game.ledger().account_of(AccountOwner::user(dora), world.gold).value().id, 90)
      .value();
  const TradeView swap = catalog
                             .propose({.sender = world.bob,
                                       .recipient = dora,
                                       .offered = {.ownerships = {owned.front().id}},
                                       .asked = {.money = {{world.gold, 3}}}})
                             .value();
  catalog.confirm(dora, swap.id).value();

  // Hosting: a server serving the game, a player's session on it, a banned network.
  const StartedServer server = game.servers()
                                   .start({.owner = world.ann,
                                           .game = game_content.id,
                                           .socket_host = "10.0.0.2",
                                           .socket_port = 7777,
                                           .api_url = "http://10.0.0.2:8080"})
                                   .value();
  catalog.grant(model.id, world.bob).value();
  const CharacterView rigel = catalog.create_character(world.bob, model.id, "Rigel").value();
  const PlayTicket ticket = game.servers().play(world.bob, server.server.id, rigel.id).value();
  game.servers().join(server.server.id, ticket.token, "10.0.0.9").value();
  game.servers().ban_host(admin, "192.0.2.0/24", "abuse").value();

  // Everything moves on: generated commands of every kind, with time passing.
  fuzz::Generator generate(20261201, world, false);
  fuzz::play(game, generate, 600, [](const fuzz::Call&) {});

  // Late, so that time does not end them: friends and a follower, a team message read, a personal
  // invitation, loot activity, a revision rejected with a penalty ban of its author.
  const PlayerId eve = game.players().create({.username = "eve"}).value().id;
  const PlayerId finn = game.players().create({.username = "finn"}).value().id;
  const PlayerId gus = game.players().create({.username = "gus"}).value().id;
  must(game.relations().request_friend(eve, finn));
  must(game.relations().accept(finn, eve));
  must(game.relations().follow(gus, eve));
  const TeamId crew = game.teams().create(eve, "Crew").value().id;
  must(game.teams().join(crew, finn));
  const MessageView orders =
      game.messages().send({.sender = eve, .team = crew, .content = "muster at dawn"}).value();
  must(game.messages().mark_read(finn, orders.id));
  game.teams().invite(eve, gus).value();
  game.loot().activity("main").value();
  must(game.access().grant(eve, "create:accessory"));
  const ContentView scarf =
      catalog.create({.author = eve, .type = ContentType::Accessory, .name = "Scarf"}).value();
  must(catalog.moderate(
      world.moderator, catalog.revisions(scarf.id).front().id,
      {.action = Moderation::Action::Reject, .reason = RejectionReason::Tos, .penalty = true}));

  // The two tables no engine code writes (kept for the games that use them): raw rows.
  test::exec_sql(game, fmt::format("INSERT INTO provisioning_hosts (id, token, api_url, capacity, "
                                   "slots, created_at, updated_at) VALUES (1, 'host-token', "
                                   "'https://host.example.org', 10, 4, {0}, {0})",
                                   fuzz::kStart));
  test::exec_sql(game,
                 "INSERT INTO report_moderator_actions (report_id, moderator_action_id) "
                 "SELECT (SELECT min(id) FROM content_reports), (SELECT min(id) FROM "
                 "moderator_actions)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden_test)

BOOST_AUTO_TEST_CASE(write_this_versions_golden_save) {
  if (std::getenv("HEARTH_WRITE_GOLDEN") == nullptr) return;
  test::TempFile file;
  GameOptions options = test::logged_game(file.path, 20261201);
  options.rules = Rules{};
  options.rules->catalog.review_revisions = true;
  Game game(options);
  build_golden(game);
  const std::string version = std::to_string(game.schema_version());
  const fs::path save = kData / ("golden-v" + version + ".hearth");
  fs::create_directories(kData);
  fs::remove(save);
  game.save_as(save.string());
  Game saved(test::logged_game(save.string(), 0));
  test::exec_sql(saved, "VACUUM");
  std::ofstream(kData / ("golden-v" + version + ".rows"))
      << core_of(saved).read([](SQLite::Database& db) { return to_text(dump_of(db)); });
}

BOOST_AUTO_TEST_CASE(every_golden_save_opens_migrated_and_reads_the_same) {
  const std::vector<fs::path> saves = golden_saves();
  BOOST_TEST_REQUIRE(!saves.empty(), "no golden saves in " << kData);
  for (const fs::path& golden : saves) {
    BOOST_TEST_CONTEXT(golden.filename()) {
      const Dump expected = read_dump(fs::path(golden).replace_extension(".rows"));
      test::TempFile copy;
      fs::copy_file(golden, copy.path);
      Game game(test::logged_game(copy.path, 0));
      BOOST_TEST(integrity_of(game) == "ok");
      const std::vector<Violation> violations = game.check();
      BOOST_TEST(violations.empty(), (violations.empty() ? "" : violations.front().detail));
      core_of(game).read([&](SQLite::Database& db) {
        for (const auto& [table, entry] : expected.tables) {
          BOOST_TEST_CONTEXT(table) {
            // Something in every table: what makes the save worth keeping.
            BOOST_TEST(!entry.rows.empty());
            const std::vector<std::string> columns = columns_of(db, table);
            BOOST_TEST_REQUIRE(!columns.empty(), "the table is gone");
            for (const std::string& column : entry.columns) {
              BOOST_TEST(std::count(columns.begin(), columns.end(), column) == 1,
                         "column " << column << " is gone");
            }
            BOOST_TEST(hex_rows_of(db, table, entry.columns) == entry.rows,
                       boost::test_tools::per_element());
          }
        }
        return 0;
      });
      // The game goes on from it: commands run on the migrated save.
      const std::string before = game.content_hash();
      game.advance_to(game.reached_at() + kDay);
      BOOST_TEST(game.check().empty());
      BOOST_TEST(game.content_hash() != before);
    }
  }
}

BOOST_AUTO_TEST_CASE(this_versions_golden_save_has_every_table) {
  const std::vector<fs::path> saves = golden_saves();
  BOOST_TEST_REQUIRE(!saves.empty());
  test::FreshGame fresh;
  const std::string version = std::to_string(fresh.game.schema_version());
  const fs::path golden = kData / ("golden-v" + version + ".hearth");
  BOOST_TEST_REQUIRE(fs::exists(golden),
                     "this version (" << version << ") has no golden save: write one");
  const Dump expected = read_dump(fs::path(golden).replace_extension(".rows"));
  core_of(fresh.game).read([&](SQLite::Database& db) {
    for (const std::string& table : test::table_names(db)) {
      BOOST_TEST(expected.tables.count(table) == 1u, table << " is not in the golden save");
    }
    return 0;
  });
}

BOOST_AUTO_TEST_CASE(a_damaged_golden_save_is_refused_untouched) {
  const std::vector<fs::path> saves = golden_saves();
  BOOST_TEST_REQUIRE(!saves.empty());
  std::ifstream in(saves.back(), std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  // Damage where opening reads: the header's magic, its application id, the schema's page.
  for (const std::size_t at : {std::size_t{0}, std::size_t{68}, std::size_t{100}}) {
    BOOST_TEST_CONTEXT("byte " << at) {
      std::string damaged = original;
      for (std::size_t i = at; i < at + 16; ++i) damaged[i] = static_cast<char>(~damaged[i]);
      test::TempFile file;
      std::ofstream(file.path, std::ios::binary) << damaged;
      BOOST_CHECK_THROW(Game(test::logged_game(file.path, 0)), Error);
      std::ifstream after(file.path, std::ios::binary);
      const std::string left((std::istreambuf_iterator<char>(after)),
                             std::istreambuf_iterator<char>());
      BOOST_TEST((left == damaged), "the damaged file was changed");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

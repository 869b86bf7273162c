// Players: the minimum identity API every rule needs.
#include "hearth/identity/players.h"

#include <boost/test/unit_test.hpp>

#include "engine/core/command.h"
#include "engine/identity/iso_codes.h"
#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

using test::query_int;

// Every table a create writes, so a refused create can be shown to have written nothing.
long long footprint(Game& game) {
  return query_int(game,
                   "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM players) + "
                   "(SELECT count(*) FROM ships) + (SELECT count(*) FROM accounts) + "
                   "(SELECT count(*) FROM transactions) + (SELECT count(*) FROM events) + "
                   "(SELECT count(*) FROM player_first_login_state)");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(players_test, FreshGame)

BOOST_AUTO_TEST_CASE(a_new_player_starts_with_the_seed_defaults) {
  const auto created = game.players().create({.username = "Alice", .email = "alice@example.com"});
  BOOST_TEST_REQUIRE(created.ok(), created.detail());
  const PlayerView& alice = *created;
  BOOST_TEST(alice.id.value().size() == 36u);
  BOOST_TEST(alice.username == "Alice");
  BOOST_TEST(alice.display_name == "Alice");
  BOOST_TEST(alice.credits == 10000);
  BOOST_TEST(alice.turns == 1000);
  BOOST_TEST(alice.max_turns == 1000);
  BOOST_TEST(alice.personal_reputation == 0);
  BOOST_TEST(alice.reputation_tier == "Neutral");
  BOOST_TEST(alice.name_color == "#FFFFFF");
  BOOST_TEST(alice.military_rank == "Recruit");
  BOOST_TEST(alice.current_sector == 1);
  BOOST_TEST(alice.needs_first_login);
  BOOST_TEST(!alice.deleted);
  BOOST_TEST(alice.created_at == test::kStart);

  // An escape pod as flagship, an account per money currency, the credits minted to it.
  BOOST_TEST(query_int(game, "SELECT count(*) FROM ships WHERE owner_id = '" + alice.id.value() +
                                 "' AND type = 'ESCAPE_POD' AND is_flagship = 1") == 1);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM players WHERE current_ship_id IS NOT NULL") ==
             1);
  BOOST_TEST(
      query_int(game, "SELECT count(*) FROM accounts WHERE user_id = '" + alice.id.value() + "'") ==
      query_int(game, "SELECT count(*) FROM currencies WHERE kind = 'money'"));
  BOOST_TEST(
      query_int(game, "SELECT amount FROM transactions WHERE type = 'GRANT' AND user_id = '" +
                          alice.id.value() + "'") == 10000);
  BOOST_TEST(query_int(game, "SELECT sum(balance) FROM accounts WHERE currency_id = 1") == 0);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM player_first_login_state WHERE player_id = '" +
                                 alice.id.value() + "' AND has_completed_first_login = 0") == 1);

  const auto events = game.events();
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "player.created");
  BOOST_TEST(events[0].subject == alice.id);
  BOOST_TEST(events[0].payload == R"({"username":"Alice"})");
}

BOOST_AUTO_TEST_CASE(usernames_are_validated_and_refusals_write_nothing) {
  BOOST_TEST_REQUIRE(game.players().create({.username = "Alice"}).ok());
  const long long before = footprint(game);
  const std::string too_long(51, 'a');
  for (const std::string& name : {std::string("ab"), too_long, std::string("has space"),
                                  std::string("_lead"), std::string("émile"), std::string("")}) {
    const auto refused = game.players().create({.username = name});
    BOOST_TEST(!refused.ok(), name);
    BOOST_TEST((refused.refusal() == Refusal::InvalidArgument), name);
  }
  const auto taken = game.players().create({.username = "aLiCe"});
  BOOST_TEST((taken.refusal() == Refusal::AlreadyExists));
  BOOST_TEST(taken.detail() == "The username 'aLiCe' is taken.");
  BOOST_TEST((game.players().create({.username = "bob", .email = "nope"}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.players().create({.username = "bob", .language = "eng"}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(footprint(game) == before);
  BOOST_CHECK_THROW((void)game.players().create({.username = "x"}).value(), Error);
}

BOOST_AUTO_TEST_CASE(languages_countries_and_phones_are_checked_and_stored_normalised) {
  const PlayerView ann = game.players()
                             .create({.username = "ann",
                                      .email = "ann@example.org",
                                      .language = "PT",
                                      .country = "br",
                                      .phone = "+55 (11) 5555-0100"})
                             .value();
  BOOST_TEST(ann.language == "pt");
  BOOST_TEST(ann.country == "BR");
  BOOST_TEST(ann.phone == "+55 (11) 5555-0100");
  BOOST_TEST(ann.email == "ann@example.org");
  const PlayerView bob = game.players().create({.username = "bob"}).value();
  BOOST_TEST(bob.language == "en");  // the default
  BOOST_TEST(bob.country.empty());
  BOOST_TEST(bob.phone.empty());
  const std::string before = test::snapshot(game);
  // Two letters are not enough: the code must be assigned.
  for (const char* language : {"xx", "qq", "e1", "", "e"}) {
    BOOST_TEST((game.players().create({.username = "cyd", .language = language}).refusal() ==
                Refusal::InvalidArgument),
               language);
  }
  for (const char* country : {"XX", "UK", "EU", "D1", "DEU"}) {
    BOOST_TEST((game.players().create({.username = "cyd", .country = country}).refusal() ==
                Refusal::InvalidArgument),
               country);
  }
  const std::vector<std::string> phones = {
      "123",        "call me",           "+1+2345", "5555-0100 ext", "1234567890123456",
      "++15550100", std::string(33, '1')};
  for (const std::string& phone : phones) {
    BOOST_TEST((game.players().create({.username = "cyd", .phone = phone}).refusal() ==
                Refusal::InvalidArgument),
               phone);
  }
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(iso_codes::country_count() == 249);
  BOOST_TEST(iso_codes::language_count() == 184);
  BOOST_TEST(iso_codes::country("gb") == "GB");
  BOOST_TEST(iso_codes::country("ZW") == "ZW");
  BOOST_TEST(iso_codes::language("zu") == "zu");
  BOOST_TEST(iso_codes::language("AA") == "aa");
}

BOOST_AUTO_TEST_CASE(emails_are_unique_regardless_of_case) {
  BOOST_TEST_REQUIRE(game.players().create({.username = "alice", .email = "A@x.org"}).ok());
  BOOST_TEST((game.players().create({.username = "bob", .email = "a@X.org"}).refusal() ==
              Refusal::AlreadyExists));
  BOOST_TEST(game.players().create({.username = "carol"}).ok());  // no email is fine, twice
  BOOST_TEST(game.players().create({.username = "dave"}).ok());
}

BOOST_AUTO_TEST_CASE(players_are_found_by_id_and_by_username_in_any_case) {
  const std::string id = game.players().create({.username = "Alice"})->id;
  BOOST_TEST(game.players().find(id)->username == "Alice");
  BOOST_TEST(game.players().find_by_username("ALICE")->id == id);
  BOOST_TEST(!game.players().find("00000000-0000-4000-8000-000000000000"));
  BOOST_TEST(!game.players().find_by_username("nobody"));
}

BOOST_AUTO_TEST_CASE(a_rename_checks_the_new_name_and_is_journaled) {
  const std::string alice = game.players().create({.username = "alice"})->id;
  BOOST_TEST_REQUIRE(game.players().create({.username = "bob"}).ok());
  BOOST_TEST((game.players().rename(alice, "BOB").refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.players().rename(alice, "a").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.players().rename("00000000-0000-4000-8000-000000000000", "zed").refusal() ==
              Refusal::NotFound));
  BOOST_TEST(game.players().find(alice)->username == "alice");

  BOOST_TEST(game.players().rename(alice, "Alicia").ok());
  BOOST_TEST(game.players().find(alice)->username == "Alicia");
  BOOST_TEST(game.players().find(alice)->display_name == "Alicia");
  BOOST_TEST(game.players().rename(alice, "ALICIA").ok());  // its own name in another case
  const auto events = game.events_about(alice);
  BOOST_TEST(events.back().type == "player.renamed");
  BOOST_TEST(events.back().payload == R"({"old":"Alicia","new":"ALICIA"})");
}

BOOST_AUTO_TEST_CASE(a_removed_player_is_soft_deleted) {
  const std::string alice = game.players().create({.username = "alice"})->id;
  BOOST_TEST_REQUIRE(game.players().create({.username = "bob"}).ok());
  BOOST_TEST(game.players().remove(alice).ok());
  const auto found = game.players().find(alice);
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->deleted);
  BOOST_TEST(found->credits == 10000);  // the ledger keeps everything
  BOOST_TEST(game.players().list().size() == 1u);
  BOOST_TEST(query_int(game, "SELECT deleted_at FROM users WHERE id = '" + alice + "'") ==
             test::kStart);
  BOOST_TEST((game.players().remove(alice).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.players().rename(alice, "again").refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.players().create({.username = "ALICE"}).refusal() == Refusal::AlreadyExists));
}

BOOST_AUTO_TEST_CASE(ids_come_from_the_seeded_generator) {
  auto other_clock = std::make_shared<ManualClock>(test::kStart);
  Game twin(test::options_with(other_clock));
  BOOST_TEST(game.players().create({.username = "alice"})->id ==
             twin.players().create({.username = "alice"})->id);
}

BOOST_AUTO_TEST_SUITE_END()

// Bad input and overflow: every refusal says why and writes nothing; arithmetic saturates or
// refuses, never wraps; text limits count characters, as the schema does.
#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::FreshGame;

namespace {

constexpr std::int64_t kMax = INT64_MAX;

// Runs `command`, expects an InvalidArgument refusal, and checks that nothing changed.
template <class Command>
void refused_unchanged(Game& game, Command&& command) {
  const std::string before = test::snapshot(game);
  const auto outcome = command();
  BOOST_TEST(outcome.refusal() == Refusal::InvalidArgument, outcome.detail());
  BOOST_TEST(!outcome.detail().empty());
  BOOST_TEST((test::snapshot(game) == before));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(input_test, FreshGame)

BOOST_AUTO_TEST_CASE(huge_amounts_saturate_or_are_refused) {
  const std::string ann = game.players().create({.username = "ann"})->id;
  refused_unchanged(game,
                    [&] { return game.timers().start_cooldown(ann, "forever", Duration(kMax)); });
  refused_unchanged(game, [&] { return game.turns().grant(ann, kMax, "gift"); });

  BOOST_REQUIRE(game.reputation().change(ann, "terran_federation", 300, "start").ok());
  const auto up = game.reputation().change(ann, "terran_federation", kMax, "huge");
  BOOST_REQUIRE(up.ok());
  BOOST_TEST(up->value == 800);
  const auto down = game.reputation().change(ann, "mercantile_guild", INT64_MIN, "huge");
  BOOST_REQUIRE(down.ok());
  BOOST_TEST(down->value == -800);

  BOOST_REQUIRE(game.personal_reputation().change(ann, 10, "kind").ok());
  const auto saint = game.personal_reputation().change(ann, kMax, "saint");
  BOOST_REQUIRE(saint.ok());
  BOOST_TEST(saint->value == 1000);

  const auto victory = game.ranks().award(ann, RankReason::CombatVictory, kMax);
  BOOST_REQUIRE(victory.ok());
  BOOST_TEST(victory->points == 50);  // 10 for the victory + the 40 cap for the level gap
  const auto loss = game.ranks().award(ann, RankReason::AdminGrant, kMax);
  BOOST_REQUIRE(loss.ok());
  BOOST_TEST(loss->points == kMax);  // held at the maximum, not wrapped

  BOOST_REQUIRE(game.ranks().record(ann, {.sectors_visited = kMax}).ok());
  const auto twice = game.ranks().record(ann, {.sectors_visited = kMax});
  BOOST_REQUIRE(twice.ok());
  BOOST_TEST(twice->achievements.sectors_visited == kMax);
}

BOOST_AUTO_TEST_CASE(the_ledger_check_holds_for_money_that_went_round_many_times) {
  Ledger ledger = game.ledger();
  const std::string ann = game.players().create({.username = "ann"})->id;
  const std::string ben = game.players().create({.username = "ben"})->id;
  const std::int64_t money = ledger.default_currency().id;
  const std::int64_t a = ledger.account_of(AccountOwner::user(ann), money)->id;
  const std::int64_t b = ledger.account_of(AccountOwner::user(ben), money)->id;
  const std::int64_t amount = (std::int64_t{1} << 62) - 1;
  BOOST_REQUIRE(ledger.mint(a, amount).ok());
  for (int round = 0; round < 3; ++round) {
    BOOST_REQUIRE(ledger.transfer({a, b, amount}).ok());
    BOOST_REQUIRE(ledger.transfer({b, a, amount}).ok());
  }
  BOOST_TEST(ledger.check_ledger().empty());
  // A second mint of that size would overflow the balance: refused, nothing written.
  refused_unchanged(game, [&] { return ledger.mint(a, kMax - 5); });
}

BOOST_AUTO_TEST_CASE(text_limits_count_characters_and_refuse_nul_and_bad_utf8) {
  const std::string ann = game.players().create({.username = "ann"})->id;
  const std::string nul_first = std::string("\0abc", 4);
  std::string long_name;
  for (int i = 0; i < 256; ++i) long_name += "é";
  refused_unchanged(
      game, [&] { return game.players().create({.username = "bob", .display_name = long_name}); });
  refused_unchanged(game,
                    [&] { return game.players().create({.username = "bob", .language = "é"}); });
  refused_unchanged(
      game, [&] { return game.players().create({.username = "bob", .country = "\xff\xfe"}); });
  refused_unchanged(game, [&] { return game.teams().create(ann, "Night Owls", "é"); });
  refused_unchanged(game, [&] { return game.teams().create(ann, "éé"); });
  refused_unchanged(game, [&] { return game.teams().create(ann, "Night\xc0\xafOwls"); });
  refused_unchanged(game,
                    [&] { return game.inventory().create_item({.name = nul_first, .type = "X"}); });
  refused_unchanged(game,
                    [&] { return game.timers().start_cooldown(ann, nul_first, Duration(kHour)); });
  refused_unchanged(game, [&] {
    return game.reputation().change(ann, "terran_federation", 5, std::string("why\0not", 7));
  });
  refused_unchanged(game,
                    [&] { return game.personal_reputation().change(ann, 5, "\xed\xa0\x80"); });

  const std::int64_t money = game.ledger().default_currency().id;
  const std::int64_t account = game.ledger().account_of(AccountOwner::user(ann), money)->id;
  refused_unchanged(game, [&] { return game.ledger().mint(account, 10, {.type = nul_first}); });

  // At the limit in characters (not bytes) it is accepted.
  std::string exact;
  for (int i = 0; i < 255; ++i) exact += "é";
  BOOST_TEST(game.players().create({.username = "cat", .display_name = exact}).ok());
  BOOST_TEST(game.teams().create(ann, "Éé Owls", "ÉÉ").ok());
}

BOOST_AUTO_TEST_SUITE_END()

// The ledger: currencies, accounts, transfers, mint and burn, reversals, conversions and the
// invariant check.
#include "hearth/economy/ledger.h"

#include <concepts>
#include <limits>
#include <map>
#include <random>
#include <type_traits>

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/support/fixtures.h"

using namespace hearth;

namespace {

constexpr std::int64_t kCredits = 1;
constexpr std::int64_t kFragments = 2;
constexpr std::int64_t kFuel = 3;
constexpr std::int64_t kCreditsMint = 1;
constexpr std::int64_t kCreditsSink = 2;
constexpr std::int64_t kFragmentsMint = 3;

using test::exec_sql;
using test::query_int;

// Everything the ledger writes — row counts, every balance, every rate — so that a refused
// command can be shown to have written nothing.
std::string snapshot(Game& game) {
  return core_of(game).read([](SQLite::Database& db) {
    return db
        .execAndGet(
            "SELECT (SELECT count(*) FROM transactions) || '/' || (SELECT count(*) FROM events) "
            "|| '/' || (SELECT count(*) FROM currencies) || '/' || (SELECT count(*) FROM "
            "accounts) || '/' || (SELECT group_concat(id || '=' || balance, ',') FROM accounts) "
            "|| '/' || ifnull((SELECT group_concat(id || ':' || ratio || ':' || valid_from || ':' "
            "|| ifnull(valid_to, '-') || ':' || ifnull(volume, 0), ',') FROM "
            "currency_conversions), '')")
        .getString();
  });
}

// Per currency, the sum of every balance (the mint's included): 0 when nothing was created or
// lost.
std::map<std::int64_t, std::int64_t> sums(Game& game) {
  return core_of(game).read([](SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT currency_id, sum(balance) FROM accounts GROUP BY 1");
    std::map<std::int64_t, std::int64_t> sums;
    while (query.executeStep()) {
      sums[query.getColumn(0).getInt64()] = query.getColumn(1).getInt64();
    }
    return sums;
  });
}

bool conserved(Game& game) {
  for (const auto& [currency, sum] : sums(game)) {
    if (sum != 0) return false;
  }
  return true;
}

std::int64_t last_event_id(Game& game) {
  return query_int(game, "SELECT ifnull(max(id), 0) FROM events");
}

// The events journaled after `after`, of types starting with `prefix`.
std::vector<Event> events_since(Game& game, std::int64_t after, const std::string& prefix) {
  std::vector<Event> found;
  for (const Event& event : game.events(after, 1000)) {
    if (event.type.rfind(prefix, 0) == 0) found.push_back(event);
  }
  return found;
}

// A game with three players (10000 credits each) and their credit accounts.
struct LedgerGame : test::FreshGame {
  LedgerGame() {
    alice = game.players().create({.username = "alice"})->id;
    bob = game.players().create({.username = "bob"})->id;
    carol = game.players().create({.username = "carol"})->id;
    alice_credits = ledger.account_of(AccountOwner::user(alice), kCredits)->id;
    bob_credits = ledger.account_of(AccountOwner::user(bob), kCredits)->id;
    carol_credits = ledger.account_of(AccountOwner::user(carol), kCredits)->id;
    alice_fragments = ledger.account_of(AccountOwner::user(alice), kFragments)->id;
    bob_fragments = ledger.account_of(AccountOwner::user(bob), kFragments)->id;
  }

  Ledger ledger = game.ledger();
  std::string alice, bob, carol;
  std::int64_t alice_credits = 0, bob_credits = 0, carol_credits = 0;
  std::int64_t alice_fragments = 0, bob_fragments = 0;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ledger_test, LedgerGame)

// Currencies and accounts ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(credits_are_the_default_and_every_currency_has_a_mint_and_a_sink) {
  const auto currencies = ledger.currencies();
  BOOST_TEST_REQUIRE(currencies.size() == 13u);
  BOOST_TEST((currencies[0] ==
              CurrencyView{kCredits, "credits", CurrencyType::Whole, CurrencyKind::Money, true}));
  BOOST_TEST((currencies[1] == CurrencyView{kFragments, "fragments", CurrencyType::Denom,
                                            CurrencyKind::Money, false}));
  BOOST_TEST((currencies[2].kind == CurrencyKind::Resource));
  BOOST_TEST((ledger.default_currency() == currencies[0]));
  BOOST_TEST(ledger.currency("FRAGMENTS")->id == kFragments);
  BOOST_TEST(!ledger.currency("gold"));
  for (const CurrencyView& currency : currencies) {
    const auto mint = ledger.account_of(AccountOwner::system("mint"), currency.id);
    const auto sink = ledger.account_of(AccountOwner::system("sink"), currency.id);
    BOOST_TEST_REQUIRE((mint && sink));
    BOOST_TEST(mint->allow_negative);
    BOOST_TEST(!sink->allow_negative);
  }
  BOOST_TEST(ledger.account_of(AccountOwner::system("mint"), kCredits)->balance == -30000);
}

BOOST_AUTO_TEST_CASE(a_player_holds_an_account_in_every_money_currency) {
  const auto account = ledger.account(alice_credits);
  BOOST_TEST_REQUIRE(account.has_value());
  BOOST_TEST((account->owner == AccountOwner::user(alice)));
  BOOST_TEST(account->currency == kCredits);
  BOOST_TEST(account->balance == 10000);
  BOOST_TEST(!account->allow_negative);
  BOOST_TEST(ledger.balance(alice_credits) == 10000);
  BOOST_TEST(ledger.credits(alice) == 10000);
  BOOST_TEST(ledger.credits("nobody") == 0);
  BOOST_TEST(ledger.balance(alice_fragments) == 0);
  BOOST_TEST(!ledger.account_of(AccountOwner::user(alice), kFuel));
  BOOST_TEST(!ledger.account(999999));
  BOOST_CHECK_EXCEPTION((void)ledger.balance(999999), Error, test::is_kind(ErrorKind::Usage));
}

BOOST_AUTO_TEST_CASE(accounts_open_for_users_teams_classes_and_the_system) {
  exec_sql(game,
           "INSERT INTO teams (id, name, created_at, updated_at) VALUES "
           "('7e000000-0000-4000-8000-000000000001', 'Traders', 0, 0), "
           "('7e000000-0000-4000-8000-000000000002', 'Gone', 0, 0)");
  exec_sql(game, "UPDATE teams SET disbanded_at = 1 WHERE name = 'Gone'");
  exec_sql(game, "INSERT INTO classes (id, name) VALUES (7, 'Class 7')");
  const std::int64_t after = last_event_id(game);

  const auto fuel = ledger.open_account(AccountOwner::user(alice), kFuel);
  BOOST_TEST_REQUIRE(fuel.ok(), fuel.detail());
  BOOST_TEST((fuel->owner == AccountOwner::user(alice)));
  BOOST_TEST(fuel->balance == 0);
  const auto treasury =
      ledger.open_account(AccountOwner::team("7e000000-0000-4000-8000-000000000001"), kCredits);
  BOOST_TEST_REQUIRE(treasury.ok(), treasury.detail());
  const auto bank = ledger.open_account(AccountOwner::of_class(7), kCredits);
  BOOST_TEST_REQUIRE(bank.ok(), bank.detail());
  BOOST_TEST((bank->owner == AccountOwner{OwnerKind::Class, "7"}));
  BOOST_TEST((ledger.account_of(AccountOwner::of_class(7), kCredits) == *bank));
  const auto shop = ledger.open_account(AccountOwner::system("shop"), kCredits);
  BOOST_TEST_REQUIRE(shop.ok(), shop.detail());
  BOOST_TEST(!shop->allow_negative);

  const auto events = events_since(game, after, "ledger.");
  BOOST_TEST_REQUIRE(events.size() == 4u);
  BOOST_TEST(events[0].type == "ledger.account_opened");
  BOOST_TEST(events[0].subject == alice);
  BOOST_TEST(events[0].payload == fmt::format(R"({{"account":{},"currency":3,"owner_kind":"user",)"
                                              R"("owner":"{}"}})",
                                              fuel->id, alice));

  // The refusals write nothing.
  const std::string before = snapshot(game);
  BOOST_TEST(
      (ledger.open_account(AccountOwner::user(alice), kFuel).refusal() == Refusal::AlreadyExists));
  BOOST_TEST((ledger.open_account(AccountOwner::of_class(7), kCredits).refusal() ==
              Refusal::AlreadyExists));
  BOOST_TEST((ledger.open_account(AccountOwner::user(alice), 99).refusal() == Refusal::NotFound));
  BOOST_TEST(
      (ledger.open_account(AccountOwner::user("nobody"), kFuel).refusal() == Refusal::NotFound));
  BOOST_TEST(
      (ledger.open_account(AccountOwner::team("nobody"), kFuel).refusal() == Refusal::NotFound));
  BOOST_TEST((ledger.open_account(AccountOwner::team("7e000000-0000-4000-8000-000000000002"), kFuel)
                  .refusal() == Refusal::NotAllowed));
  BOOST_TEST(
      (ledger.open_account(AccountOwner::of_class(8), kCredits).refusal() == Refusal::NotFound));
  BOOST_TEST(
      (ledger.open_account({OwnerKind::Class, "7x"}, kCredits).refusal() == Refusal::NotFound));
  for (const std::string& name : {std::string(""), std::string("Shop"), std::string(51, 'a')}) {
    BOOST_TEST((ledger.open_account(AccountOwner::system(name), kCredits).refusal() ==
                Refusal::InvalidArgument),
               name);
  }
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST_REQUIRE(game.players().remove(bob).ok());
  const std::string after_remove = snapshot(game);
  BOOST_TEST(
      (ledger.open_account(AccountOwner::user(bob), kFuel).refusal() == Refusal::NotAllowed));
  BOOST_TEST(snapshot(game) == after_remove);
}

BOOST_AUTO_TEST_CASE(a_new_currency_gets_its_system_accounts_and_an_account_per_user) {
  const std::int64_t after = last_event_id(game);
  const auto gems = ledger.create_currency({.name = "gems", .type = CurrencyType::Denom});
  BOOST_TEST_REQUIRE(gems.ok(), gems.detail());
  BOOST_TEST(gems->id == 14);
  BOOST_TEST((gems->type == CurrencyType::Denom));
  BOOST_TEST((gems->kind == CurrencyKind::Money));
  BOOST_TEST(!gems->is_default);
  BOOST_TEST(ledger.account_of(AccountOwner::system("mint"), gems->id)->allow_negative);
  BOOST_TEST(ledger.account_of(AccountOwner::system("sink"), gems->id).has_value());
  BOOST_TEST(ledger.account_of(AccountOwner::user(carol), gems->id)->balance == 0);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM accounts WHERE currency_id = 14") == 5);
  const auto events = events_since(game, after, "ledger.");
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].payload == R"({"currency":14,"name":"gems"})");

  // A resource currency gets no user accounts; players created later get every money currency.
  const auto ore = ledger.create_currency({.name = "ore", .kind = CurrencyKind::Resource});
  BOOST_TEST_REQUIRE(ore.ok(), ore.detail());
  BOOST_TEST(query_int(game, "SELECT count(*) FROM accounts WHERE currency_id = 15") == 2);
  const std::string dave = game.players().create({.username = "dave"})->id;
  BOOST_TEST(ledger.account_of(AccountOwner::user(dave), gems->id).has_value());
  BOOST_TEST(!ledger.account_of(AccountOwner::user(dave), ore->id));

  const std::string before = snapshot(game);
  BOOST_TEST((ledger.create_currency({.name = "GEMS"}).refusal() == Refusal::AlreadyExists));
  BOOST_TEST((ledger.create_currency({.name = ""}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((ledger.create_currency({.name = std::string(256, 'g')}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);
}

// Transfers --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_transfer_is_one_ledger_row_and_one_event) {
  const std::int64_t after = last_event_id(game);
  const auto id = ledger.transfer(
      {alice_credits,
       bob_credits,
       250,
       {.type = "GIFT", .description = "For the fuel", .user_id = alice, .related_user_id = bob}});
  BOOST_TEST_REQUIRE(id.ok(), id.detail());
  BOOST_TEST(ledger.balance(alice_credits) == 9750);
  BOOST_TEST(ledger.balance(bob_credits) == 10250);

  TransactionView expected;
  expected.id = *id;
  expected.currency = kCredits;
  expected.from_account = alice_credits;
  expected.to_account = bob_credits;
  expected.amount = 250;
  expected.type = "GIFT";
  expected.description = "For the fuel";
  expected.user_id = alice;
  expected.related_user_id = bob;
  expected.created_at = test::kStart;
  BOOST_TEST((ledger.transaction(*id) == expected));
  BOOST_TEST(!ledger.transaction(*id + 1));

  const auto history = ledger.history(alice_credits);
  BOOST_TEST_REQUIRE(history.size() == 2u);  // newest first: the gift, then the starting grant
  BOOST_TEST(history[0].id == *id);
  BOOST_TEST(history[1].type == "GRANT");
  BOOST_TEST(ledger.history(alice_credits, 1).size() == 1u);

  const auto events = events_since(game, after, "");
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "ledger.transferred");
  BOOST_TEST(events[0].actor == alice);
  BOOST_TEST(events[0].subject == bob);  // the receiver
  BOOST_TEST(events[0].payload ==
             fmt::format(R"({{"transaction":{},"currency":1,"from":{},"to":{},"amount":250,)"
                         R"("type":"GIFT","from_user":"{}","to_user":"{}"}})",
                         *id, alice_credits, bob_credits, alice, bob));
  BOOST_TEST(ledger.check_ledger().empty());
}

BOOST_AUTO_TEST_CASE(a_memo_without_a_type_is_a_transfer) {
  const auto id = ledger.transfer({alice_credits, bob_credits, 1});
  BOOST_TEST_REQUIRE(id.ok(), id.detail());
  const auto row = ledger.transaction(*id);
  BOOST_TEST(row->type == "TRANSFER");
  BOOST_TEST(row->user_id == "");
  BOOST_TEST(!row->automated);
}

BOOST_AUTO_TEST_CASE(every_refused_transfer_writes_nothing) {
  const auto gems = ledger.create_currency({.name = "gems"});
  const std::int64_t alice_gems = ledger.account_of(AccountOwner::user(alice), gems->id)->id;
  const std::string before = snapshot(game);
  const auto refused = [&](const Transfer& transfer, Refusal refusal) {
    const auto answer = ledger.transfer(transfer);
    BOOST_TEST(!answer.ok());
    BOOST_TEST((answer.refusal() == refusal), answer.detail());
    BOOST_TEST(!answer.detail().empty());
    return answer.detail();
  };
  BOOST_TEST(refused({alice_credits, bob_credits, 0}, Refusal::InvalidArgument) ==
             "The amount must be positive, not 0.");
  refused({alice_credits, bob_credits, -5}, Refusal::InvalidArgument);
  BOOST_TEST(refused({alice_credits, 999999, 5}, Refusal::NotFound) ==
             "There is no account 999999.");
  refused({999999, bob_credits, 5}, Refusal::NotFound);
  refused({alice_credits, alice_credits, 5}, Refusal::InvalidArgument);
  BOOST_TEST(refused({alice_credits, bob_fragments, 5}, Refusal::InvalidArgument) ==
             fmt::format("Accounts {} and {} hold different currencies (credits and fragments).",
                         alice_credits, bob_fragments));
  refused({alice_gems, bob_credits, 5}, Refusal::InvalidArgument);
  refused({alice_credits, bob_credits, 5, {.type = std::string(51, 'T')}},
          Refusal::InvalidArgument);
  refused({alice_credits, bob_credits, 5, {.user_id = "nobody"}}, Refusal::NotFound);
  refused({alice_credits, bob_credits, 5, {.related_user_id = "nobody"}}, Refusal::NotFound);
  BOOST_TEST(refused({alice_credits, bob_credits, 10001}, Refusal::InsufficientFunds) ==
             "Insufficient funds: 10001 needed, 10000 available.");
  refused({kCreditsSink, bob_credits, 1}, Refusal::InsufficientFunds);  // the sink is empty
  BOOST_TEST(snapshot(game) == before);

  // No balance may overflow: alice's nears the top, the mint's the bottom.
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  BOOST_TEST_REQUIRE(ledger.mint(alice_credits, kMax - 30000).ok());
  BOOST_TEST(ledger.balance(kCreditsMint) == -kMax);
  const std::string full = snapshot(game);
  BOOST_TEST(
      (ledger.transfer({bob_credits, alice_credits, 20001}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((ledger.mint(bob_credits, 2).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == full);
  BOOST_TEST(ledger.mint(bob_credits, 1).ok());  // exactly the lowest int64
}

BOOST_AUTO_TEST_CASE(mint_and_burn_go_through_the_system_accounts) {
  const std::int64_t after = last_event_id(game);
  const auto minted = ledger.mint(
      bob_credits, 500, {.description = "Quest reward", .user_id = bob, .automated = true});
  BOOST_TEST_REQUIRE(minted.ok(), minted.detail());
  BOOST_TEST(ledger.balance(bob_credits) == 10500);
  BOOST_TEST(ledger.balance(kCreditsMint) == -30500);
  const auto mint_row = ledger.transaction(*minted);
  BOOST_TEST(mint_row->type == "MINT");
  BOOST_TEST(mint_row->from_account == kCreditsMint);
  BOOST_TEST(mint_row->automated);

  const auto burned = ledger.burn(bob_credits, 200, {.type = "TAX"});
  BOOST_TEST_REQUIRE(burned.ok(), burned.detail());
  BOOST_TEST(ledger.balance(bob_credits) == 10300);
  BOOST_TEST(ledger.balance(kCreditsSink) == 200);
  BOOST_TEST(ledger.transaction(*burned)->type == "TAX");
  BOOST_TEST(ledger.transaction(*burned)->to_account == kCreditsSink);
  BOOST_TEST(sums(game)[kCredits] == 0);
  BOOST_TEST(events_since(game, after, "ledger.transferred").size() == 2u);

  const std::string before = snapshot(game);
  BOOST_TEST((ledger.mint(999999, 5).refusal() == Refusal::NotFound));
  BOOST_TEST((ledger.burn(999999, 5).refusal() == Refusal::NotFound));
  BOOST_TEST((ledger.mint(bob_credits, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((ledger.burn(bob_credits, 10301).refusal() == Refusal::InsufficientFunds));
  BOOST_TEST((ledger.mint(kCreditsMint, 5).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(the_legs_of_one_command_commit_together_or_not_at_all) {
  const std::string before = snapshot(game);
  // The first leg alone would be fine; the second is refused, so the first is not applied.
  const auto refused =
      ledger.transfer_all({{alice_credits, bob_credits, 100}, {bob_credits, carol_credits, 20000}});
  BOOST_TEST((refused.refusal() == Refusal::InsufficientFunds));
  BOOST_TEST(refused.detail() ==
             "Transfer 2 of 2: Insufficient funds: 20000 needed, 10100 available.");
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST(ledger.balance(alice_credits) == 10000);
  BOOST_TEST((ledger.transfer_all({}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);

  // A trade: each side pays the other, and the later leg may spend what the earlier brought.
  const std::int64_t after = last_event_id(game);
  const auto ids = ledger.transfer_all({{alice_credits, bob_credits, 10000, {.type = "TRADE"}},
                                        {bob_credits, carol_credits, 20000, {.type = "TRADE"}}});
  BOOST_TEST_REQUIRE(ids.ok(), ids.detail());
  BOOST_TEST_REQUIRE(ids->size() == 2u);
  BOOST_TEST((*ids)[1] == (*ids)[0] + 1);
  BOOST_TEST(ledger.balance(alice_credits) == 0);
  BOOST_TEST(ledger.balance(bob_credits) == 0);
  BOOST_TEST(ledger.balance(carol_credits) == 30000);
  BOOST_TEST(events_since(game, after, "ledger.transferred").size() == 2u);
  BOOST_TEST(ledger.check_ledger().empty());
}

// Reversals --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_reversal_moves_the_amount_back_and_points_at_the_original) {
  const auto original =
      ledger.transfer({alice_credits,
                       bob_credits,
                       300,
                       {.type = "PURCHASE", .user_id = alice, .related_user_id = bob}});
  BOOST_TEST_REQUIRE(original.ok());
  const std::int64_t after = last_event_id(game);
  const auto reversal = ledger.reverse(*original, {.description = "Refund"});
  BOOST_TEST_REQUIRE(reversal.ok(), reversal.detail());
  BOOST_TEST(ledger.balance(alice_credits) == 10000);
  BOOST_TEST(ledger.balance(bob_credits) == 10000);
  const auto row = ledger.transaction(*reversal);
  BOOST_TEST(row->previous_transaction == *original);
  BOOST_TEST(row->from_account == bob_credits);
  BOOST_TEST(row->to_account == alice_credits);
  BOOST_TEST(row->amount == 300);
  BOOST_TEST(row->type == "REVERSAL");
  BOOST_TEST(row->description == "Refund");
  BOOST_TEST(row->user_id == alice);  // the users default to the original's
  BOOST_TEST(row->related_user_id == bob);
  // The original is untouched.
  BOOST_TEST(ledger.transaction(*original)->amount == 300);
  BOOST_TEST(ledger.transaction(*original)->type == "PURCHASE");

  const auto events = events_since(game, after, "");
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "ledger.reversed");
  BOOST_TEST(events[0].subject == bob);  // the payer of the reversal
  BOOST_TEST(events[0].payload ==
             fmt::format(R"({{"transaction":{},"original":{},"currency":1,"from":{},"to":{},)"
                         R"("amount":300}})",
                         *reversal, *original, bob_credits, alice_credits));
  BOOST_TEST(ledger.check_ledger().empty());

  const auto plain = ledger.transfer({alice_credits, bob_credits, 5});
  const auto default_memo = ledger.reverse(*plain);
  BOOST_TEST_REQUIRE(default_memo.ok());
  BOOST_TEST(ledger.transaction(*default_memo)->description ==
             fmt::format("Reversal of transaction {}", *plain));
}

BOOST_AUTO_TEST_CASE(a_row_is_reversed_at_most_once_and_a_reversal_never) {
  const auto original = ledger.transfer({alice_credits, bob_credits, 300});
  const auto reversal = ledger.reverse(*original);
  BOOST_TEST_REQUIRE(reversal.ok());
  const std::string before = snapshot(game);
  const auto twice = ledger.reverse(*original);
  BOOST_TEST((twice.refusal() == Refusal::AlreadyDone));
  BOOST_TEST(twice.detail() == fmt::format("Transaction {} was already reversed by transaction {}.",
                                           *original, *reversal));
  BOOST_TEST((ledger.reverse(*reversal).refusal() == Refusal::NotAllowed));
  BOOST_TEST((ledger.reverse(999999).refusal() == Refusal::NotFound));
  BOOST_TEST((ledger.reverse(*original, {.type = std::string(51, 'R')}).refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST(snapshot(game) == before);
  const auto other = ledger.transfer({alice_credits, bob_credits, 1});
  BOOST_TEST((ledger.reverse(*other, {.type = std::string(51, 'R')}).refusal() ==
              Refusal::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(a_reversal_that_would_overdraw_the_receiver_is_refused) {
  const auto original = ledger.transfer({alice_credits, bob_credits, 5000});
  BOOST_TEST_REQUIRE(ledger.transfer({bob_credits, carol_credits, 14000}).ok());
  const std::string before = snapshot(game);
  const auto refused = ledger.reverse(*original);
  BOOST_TEST((refused.refusal() == Refusal::InsufficientFunds));
  BOOST_TEST(refused.detail() == "Insufficient funds: 5000 needed, 1000 available.");
  BOOST_TEST(snapshot(game) == before);
  // Once the receiver holds enough again, the reversal goes through.
  BOOST_TEST_REQUIRE(ledger.transfer({carol_credits, bob_credits, 4000}).ok());
  BOOST_TEST(ledger.reverse(*original).ok());
  BOOST_TEST(ledger.balance(alice_credits) == 10000);
}

BOOST_AUTO_TEST_CASE(a_mint_is_reversed_back_into_the_mint) {
  const auto minted = ledger.mint(alice_credits, 700);
  BOOST_TEST_REQUIRE(ledger.reverse(*minted).ok());
  BOOST_TEST(ledger.balance(alice_credits) == 10000);
  BOOST_TEST(ledger.balance(kCreditsMint) == -30000);
}

BOOST_AUTO_TEST_CASE(an_unconfirmed_row_is_not_reversed) {
  exec_sql(game,
           fmt::format("INSERT INTO transactions (currency_id, from_account_id, to_account_id, "
                       "amount, type, confirmed, created_at, updated_at) VALUES "
                       "(1, {}, {}, 50, 'PENDING', 0, 0, 0)",
                       alice_credits, bob_credits));
  const std::int64_t pending = query_int(game, "SELECT max(id) FROM transactions");
  const std::string before = snapshot(game);
  BOOST_TEST((ledger.reverse(pending).refusal() == Refusal::NotAllowed));
  BOOST_TEST(snapshot(game) == before);
  BOOST_TEST(ledger.check_ledger().empty());  // unconfirmed rows do not count
}

// Conversion -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_rate_multiplies_and_each_currency_stays_conserved) {
  const auto rate = ledger.set_rate({kCredits, kFragments, 100});
  BOOST_TEST_REQUIRE(rate.ok(), rate.detail());
  BOOST_TEST((*rate == Rate{rate->id, kCredits, kFragments, 100, test::kStart, std::nullopt, 0}));
  const std::int64_t after = last_event_id(game);
  const auto receipt = ledger.convert({alice_credits, alice_fragments, 30});
  BOOST_TEST_REQUIRE(receipt.ok(), receipt.detail());
  BOOST_TEST(receipt->rate == rate->id);
  BOOST_TEST(receipt->converted == 30);
  BOOST_TEST(receipt->received == 3000);
  BOOST_TEST(receipt->remainder == 0);
  BOOST_TEST(ledger.balance(alice_credits) == 9970);
  BOOST_TEST(ledger.balance(alice_fragments) == 3000);
  BOOST_TEST(ledger.balance(kCreditsMint) == -29970);
  BOOST_TEST(ledger.balance(kFragmentsMint) == -3000);
  BOOST_TEST(conserved(game));
  BOOST_TEST(ledger.check_ledger().empty());

  const auto out = ledger.transaction(receipt->source_transaction);
  const auto in = ledger.transaction(receipt->destination_transaction);
  BOOST_TEST((out->from_account == alice_credits && out->to_account == kCreditsMint));
  BOOST_TEST((in->from_account == kFragmentsMint && in->to_account == alice_fragments));
  BOOST_TEST(out->type == "CONVERSION");
  BOOST_TEST(in->type == "CONVERSION");
  BOOST_TEST(out->user_id == alice);  // the owner, when the memo names nobody
  BOOST_TEST(ledger.rate_at(kCredits, kFragments, test::kStart)->volume == 30);

  const auto events = events_since(game, after, "");
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].type == "ledger.converted");
  BOOST_TEST(events[0].subject == alice);
  BOOST_TEST(events[0].payload ==
             fmt::format(R"({{"rate":{},"from":{},"to":{},"from_currency":1,"to_currency":2,)"
                         R"("converted":30,"received":3000,"remainder":0,)"
                         R"("source_transaction":{},"destination_transaction":{}}})",
                         rate->id, alice_credits, alice_fragments, receipt->source_transaction,
                         receipt->destination_transaction));
}

BOOST_AUTO_TEST_CASE(converting_against_a_rate_divides_and_the_remainder_stays) {
  BOOST_TEST_REQUIRE(ledger.set_rate({kCredits, kFragments, 100}).ok());
  BOOST_TEST_REQUIRE(ledger.mint(alice_fragments, 1000).ok());

  const auto inexact = ledger.convert({alice_fragments, alice_credits, 250});
  BOOST_TEST_REQUIRE(inexact.ok(), inexact.detail());
  BOOST_TEST(inexact->converted == 200);
  BOOST_TEST(inexact->received == 2);
  BOOST_TEST(inexact->remainder == 50);
  BOOST_TEST(ledger.balance(alice_fragments) == 800);  // the 50 stayed
  BOOST_TEST(ledger.balance(alice_credits) == 10002);

  const auto exact = ledger.convert({alice_fragments, alice_credits, 300});
  BOOST_TEST_REQUIRE(exact.ok(), exact.detail());
  BOOST_TEST(exact->received == 3);
  BOOST_TEST(exact->remainder == 0);
  BOOST_TEST(ledger.balance(alice_fragments) == 500);
  BOOST_TEST(ledger.rate_at(kCredits, kFragments, test::kStart)->volume == 5);
  BOOST_TEST(conserved(game));

  const std::string before = snapshot(game);
  const auto too_small = ledger.convert({alice_fragments, alice_credits, 99});
  BOOST_TEST((too_small.refusal() == Refusal::InvalidArgument));
  BOOST_TEST(too_small.detail() ==
             "It takes 100 fragments to buy one unit of credits; 99 is too few.");
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(exact_conversions_refuse_a_remainder) {
  GameOptions options = test::options_with(std::make_shared<ManualClock>(test::kStart));
  Rules rules;
  rules.ledger.exact_conversions = true;
  options.rules = rules;
  Game strict(options);
  Ledger money = strict.ledger();
  const std::string dora = strict.players().create({.username = "dora"})->id;
  const std::int64_t credits = money.account_of(AccountOwner::user(dora), kCredits)->id;
  const std::int64_t fragments = money.account_of(AccountOwner::user(dora), kFragments)->id;
  BOOST_TEST_REQUIRE(money.set_rate({kCredits, kFragments, 100}).ok());
  BOOST_TEST_REQUIRE(money.mint(fragments, 1000).ok());
  const std::string before = snapshot(strict);
  const auto refused = money.convert({fragments, credits, 250});
  BOOST_TEST((refused.refusal() == Refusal::InvalidArgument));
  BOOST_TEST(refused.detail() == "250 is not a multiple of 100: conversions must be exact.");
  BOOST_TEST(snapshot(strict) == before);
  const auto exact = money.convert({fragments, credits, 300});
  BOOST_TEST_REQUIRE(exact.ok(), exact.detail());
  BOOST_TEST(exact->received == 3);
}

BOOST_AUTO_TEST_CASE(a_conversion_uses_the_rate_valid_at_the_commands_time) {
  const GameTime day = test::kStart + kDay;
  const auto first = ledger.set_rate({kCredits, kFragments, 10, test::kStart, day});
  const auto second = ledger.set_rate({kCredits, kFragments, 20, day});
  BOOST_TEST_REQUIRE(first.ok(), first.detail());
  BOOST_TEST_REQUIRE(second.ok(), second.detail());
  BOOST_TEST(ledger.rate_at(kCredits, kFragments, day - 1)->id == first->id);
  BOOST_TEST(ledger.rate_at(kCredits, kFragments, day)->id == second->id);
  BOOST_TEST(!ledger.rate_at(kCredits, kFragments, test::kStart - 1));
  BOOST_TEST(!ledger.rate_at(kFragments, kCredits, day));  // as stored: one direction

  BOOST_TEST(ledger.convert({alice_credits, alice_fragments, 1})->received == 10);
  clock->set(day - 1);
  BOOST_TEST(ledger.convert({alice_credits, alice_fragments, 1})->received == 10);
  clock->set(day);
  BOOST_TEST(ledger.convert({alice_credits, alice_fragments, 1})->received == 20);
  BOOST_TEST(ledger.balance(alice_fragments) == 40);
}

BOOST_AUTO_TEST_CASE(a_direct_rate_wins_over_an_inverse_one) {
  BOOST_TEST_REQUIRE(ledger.set_rate({kCredits, kFragments, 100}).ok());
  BOOST_TEST_REQUIRE(ledger.set_rate({kFragments, kCredits, 2}).ok());  // not an overlap
  BOOST_TEST_REQUIRE(ledger.mint(alice_fragments, 10).ok());
  const auto receipt = ledger.convert({alice_fragments, alice_credits, 10});
  BOOST_TEST_REQUIRE(receipt.ok(), receipt.detail());
  BOOST_TEST(receipt->received == 20);
}

BOOST_AUTO_TEST_CASE(rate_windows_of_a_pair_never_overlap) {
  const GameTime day = test::kStart + kDay;
  BOOST_TEST_REQUIRE(ledger.set_rate({kCredits, kFragments, 10, day, day + kDay}).ok());
  const std::string before = snapshot(game);
  const auto refused = [&](const NewRate& rate, Refusal refusal) {
    const auto answer = ledger.set_rate(rate);
    BOOST_TEST((answer.refusal() == refusal), answer.detail());
  };
  refused({kCredits, kFragments, 20}, Refusal::AlreadyExists);  // open from now: covers it
  refused({kCredits, kFragments, 20, day + kHour, day + 2 * kHour}, Refusal::AlreadyExists);
  refused({kCredits, kFragments, 20, day - kHour, day + kHour}, Refusal::AlreadyExists);
  refused({kCredits, kFragments, 20, day + kDay - 1}, Refusal::AlreadyExists);
  refused({kCredits, kFragments, 0}, Refusal::InvalidArgument);
  refused({kCredits, kFragments, -3}, Refusal::InvalidArgument);
  refused({kCredits, kCredits, 3}, Refusal::InvalidArgument);
  refused({kCredits, 99, 3}, Refusal::NotFound);
  refused({99, kCredits, 3}, Refusal::NotFound);
  refused({kCredits, kFragments, 3, day, day}, Refusal::InvalidArgument);
  refused({kCredits, kFragments, 3, test::kStart - kDay, test::kStart}, Refusal::InvalidArgument);
  BOOST_TEST(snapshot(game) == before);
  // Windows that only touch do not overlap; neither do the two directions of a pair.
  BOOST_TEST(ledger.set_rate({kCredits, kFragments, 5, test::kStart, day}).ok());
  BOOST_TEST(ledger.set_rate({kCredits, kFragments, 30, day + kDay}).ok());
  BOOST_TEST(ledger.set_rate({kFragments, kCredits, 1, day}).ok());
  // The schema's trigger refuses an overlap even from SQL.
  BOOST_CHECK_THROW(exec_sql(game,
                             "INSERT INTO currency_conversions (currency_source_id, "
                             "currency_destination_id, ratio, valid_from, created_at, updated_at) "
                             "VALUES (1, 2, 7, 0, 0, 0)"),
                    SQLite::Exception);
}

BOOST_AUTO_TEST_CASE(ending_a_rate_shortens_its_window) {
  const auto rate = ledger.set_rate({kCredits, kFragments, 100});
  const GameTime noon = test::kStart + 12 * kHour;
  const std::int64_t after = last_event_id(game);
  BOOST_TEST_REQUIRE(ledger.end_rate(rate->id, noon).ok());
  BOOST_TEST(ledger.rate_at(kCredits, kFragments, noon - 1)->valid_to.value() == noon);
  BOOST_TEST(!ledger.rate_at(kCredits, kFragments, noon));
  BOOST_TEST(events_since(game, after, "ledger.")[0].payload ==
             fmt::format(R"({{"rate":{},"valid_to":{}}})", rate->id, noon));
  BOOST_TEST(ledger.set_rate({kCredits, kFragments, 120, noon}).ok());  // the next rate

  const auto later = ledger.set_rate({kFragments, kCredits, 1, test::kStart + kDay});
  BOOST_TEST_REQUIRE(later.ok(), later.detail());
  const std::string before = snapshot(game);
  BOOST_TEST((ledger.end_rate(999, noon).refusal() == Refusal::NotFound));
  BOOST_TEST((ledger.end_rate(rate->id, noon + 1).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((ledger.end_rate(rate->id, noon).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((ledger.end_rate(later->id, test::kStart - 1).refusal() == Refusal::NotAllowed));
  BOOST_TEST(
      (ledger.end_rate(later->id, test::kStart + kDay).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (ledger.end_rate(later->id, test::kStart + kHour).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(every_refused_conversion_writes_nothing) {
  const auto gems = ledger.create_currency({.name = "gems"});
  const std::int64_t alice_gems = ledger.account_of(AccountOwner::user(alice), gems->id)->id;
  BOOST_TEST_REQUIRE(ledger.set_rate({kCredits, kFragments, 100}).ok());
  BOOST_TEST_REQUIRE(
      ledger.set_rate({kCredits, gems->id, std::numeric_limits<std::int64_t>::max() / 2}).ok());
  const std::string before = snapshot(game);
  const auto refused = [&](const Conversion& conversion, Refusal refusal) {
    const auto answer = ledger.convert(conversion);
    BOOST_TEST((answer.refusal() == refusal), answer.detail());
    return answer.detail();
  };
  refused({alice_credits, alice_fragments, 0}, Refusal::InvalidArgument);
  refused({alice_credits, alice_fragments, -1}, Refusal::InvalidArgument);
  refused({alice_credits, 999999, 1}, Refusal::NotFound);
  refused({999999, alice_fragments, 1}, Refusal::NotFound);
  refused({alice_credits, bob_credits, 1}, Refusal::InvalidArgument);
  refused({alice_credits, bob_fragments, 1}, Refusal::NotAllowed);
  BOOST_TEST(refused({alice_fragments, alice_gems, 1}, Refusal::NotFound) ==
             "No rate converts fragments into gems at this time.");
  refused({alice_credits, alice_fragments, 10001}, Refusal::InsufficientFunds);
  refused({alice_credits, alice_gems, 3}, Refusal::InvalidArgument);  // would overflow
  refused({alice_credits, alice_fragments, 1, {.user_id = "nobody"}}, Refusal::NotFound);
  BOOST_TEST(snapshot(game) == before);
}

// The invariant check ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_check_finds_a_tampered_balance) {
  BOOST_TEST(ledger.check_ledger().empty());
  exec_sql(game,
           fmt::format("UPDATE accounts SET balance = balance + 5 WHERE id = {}", alice_credits));
  const auto violations = ledger.check_ledger();
  BOOST_TEST_REQUIRE(violations.size() == 2u);
  BOOST_TEST((violations[0].kind == ViolationKind::NotConserved));
  BOOST_TEST(violations[0].currency == kCredits);
  BOOST_TEST(violations[0].actual == 5);
  BOOST_TEST(violations[0].detail == "The balances of currency 1 sum to 5, not 0.");
  BOOST_TEST((violations[1].kind == ViolationKind::BalanceMismatch));
  BOOST_TEST(violations[1].account == alice_credits);
  BOOST_TEST(violations[1].expected == 10000);
  BOOST_TEST(violations[1].actual == 10005);
}

BOOST_AUTO_TEST_CASE(the_check_finds_a_balance_that_moved_between_accounts_without_a_row) {
  // Conserved, yet two balances disagree with their ledger rows.
  exec_sql(game,
           fmt::format("UPDATE accounts SET balance = balance - 7 WHERE id = {}", alice_credits));
  exec_sql(game,
           fmt::format("UPDATE accounts SET balance = balance + 7 WHERE id = {}", bob_credits));
  const auto violations = ledger.check_ledger();
  BOOST_TEST_REQUIRE(violations.size() == 2u);
  BOOST_TEST((violations[0].kind == ViolationKind::BalanceMismatch));
  BOOST_TEST(violations[0].account == alice_credits);
  BOOST_TEST((violations[1].kind == ViolationKind::BalanceMismatch));
  BOOST_TEST(violations[1].account == bob_credits);
}

BOOST_AUTO_TEST_CASE(the_check_finds_a_forbidden_negative_balance) {
  // A consistent ledger row that overdraws alice, written past the schema's CHECK.
  exec_sql(game, "PRAGMA ignore_check_constraints = ON");
  exec_sql(game,
           fmt::format("INSERT INTO transactions (currency_id, from_account_id, to_account_id, "
                       "amount, type, confirmed, created_at, updated_at) VALUES "
                       "(1, {0}, {1}, 10010, 'THEFT', 1, 0, 0); "
                       "UPDATE accounts SET balance = balance - 10010 WHERE id = {0}; "
                       "UPDATE accounts SET balance = balance + 10010 WHERE id = {1}",
                       alice_credits, bob_credits));
  exec_sql(game, "PRAGMA ignore_check_constraints = OFF");
  const auto violations = ledger.check_ledger();
  BOOST_TEST_REQUIRE(violations.size() == 1u);
  BOOST_TEST((violations[0].kind == ViolationKind::ForbiddenNegative));
  BOOST_TEST(violations[0].account == alice_credits);
  BOOST_TEST(violations[0].actual == -10);
  BOOST_TEST(violations[0].detail ==
             fmt::format("Account {} holds -10, below zero, which it may not.", alice_credits));
}

BOOST_AUTO_TEST_CASE(the_check_finds_a_reversal_that_does_not_mirror_its_original) {
  const auto original = ledger.transfer({alice_credits, bob_credits, 300});
  // A "reversal" of 200 instead of 300, with consistent balances.
  exec_sql(game,
           fmt::format("INSERT INTO transactions (currency_id, from_account_id, to_account_id, "
                       "amount, type, previous_transaction_id, confirmed, created_at, "
                       "updated_at) VALUES (1, {1}, {0}, 200, 'REVERSAL', {2}, 1, 0, 0); "
                       "UPDATE accounts SET balance = balance + 200 WHERE id = {0}; "
                       "UPDATE accounts SET balance = balance - 200 WHERE id = {1}",
                       alice_credits, bob_credits, *original));
  const auto violations = ledger.check_ledger();
  BOOST_TEST_REQUIRE(violations.size() == 1u);
  BOOST_TEST((violations[0].kind == ViolationKind::BadReversal));
  BOOST_TEST(violations[0].expected == *original);
  BOOST_TEST(violations[0].transaction == query_int(game, "SELECT max(id) FROM transactions"));
}

BOOST_AUTO_TEST_CASE(money_is_conserved_over_many_random_commands) {
  BOOST_TEST_REQUIRE(ledger.set_rate({kCredits, kFragments, 100}).ok());
  std::vector<std::int64_t> accounts = {alice_credits,   bob_credits,   carol_credits,
                                        alice_fragments, bob_fragments, kCreditsSink};
  std::vector<std::int64_t> rows;
  std::mt19937_64 draw(7);
  const auto pick = [&](const std::vector<std::int64_t>& from) {
    return from[draw() % from.size()];
  };
  int applied = 0, refused = 0;
  for (int i = 0; i < 600; ++i) {
    const std::int64_t amount = static_cast<std::int64_t>(draw() % 4000) - 100;
    bool ok = false;
    switch (draw() % 5) {
      case 0: {
        const auto id = ledger.transfer({pick(accounts), pick(accounts), amount});
        if (id) rows.push_back(*id);
        ok = id.ok();
        break;
      }
      case 1: {
        const auto id = ledger.mint(pick(accounts), amount);
        if (id) rows.push_back(*id);
        ok = id.ok();
        break;
      }
      case 2: {
        const auto id = ledger.burn(pick(accounts), amount);
        if (id) rows.push_back(*id);
        ok = id.ok();
        break;
      }
      case 3:
        ok = !rows.empty() && ledger.reverse(pick(rows)).ok();
        break;
      default: {
        const bool up = draw() % 2 == 0;
        ok = ledger
                 .convert(up ? Conversion{alice_credits, alice_fragments, amount % 50}
                             : Conversion{bob_fragments, bob_credits, amount})
                 .ok();
      }
    }
    (ok ? applied : refused) += 1;
    BOOST_TEST_REQUIRE(conserved(game), "after command " << i);
  }
  BOOST_TEST(applied > 100);
  BOOST_TEST(refused > 50);
  BOOST_TEST(ledger.check_ledger().empty());
}

BOOST_AUTO_TEST_CASE(the_ledger_rules_round_trip_through_json) {
  Rules rules;
  rules.ledger.exact_conversions = true;
  rules.inventory.max_slots = 20;
  rules.inventory.max_stack_size = 99;
  BOOST_TEST((Rules::from_json(rules.to_json()) == rules));
  BOOST_TEST((Rules::from_json("{}").ledger == LedgerRules{}));
  BOOST_TEST((game.rules().ledger == LedgerRules{}));
}

// Ids of one kind never stand in for another: an AccountId is not a CurrencyId, though both are
// numbers a game may read from its own tables.
static_assert(!std::is_convertible_v<AccountId, CurrencyId>);
static_assert(!std::is_convertible_v<TransactionId, AccountId>);
static_assert(!std::is_convertible_v<ItemId, AccountId>);
static_assert(std::is_convertible_v<std::int64_t, AccountId>);
static_assert(std::is_convertible_v<AccountId, std::int64_t>);
static_assert(!std::equality_comparable_with<AccountId, CurrencyId>);
static_assert(!std::is_convertible_v<PlayerId, TeamId>);
static_assert(std::is_convertible_v<std::string, PlayerId>);
static_assert(std::is_convertible_v<PlayerId, const std::string&>);
static_assert(!std::equality_comparable_with<PlayerId, TeamId>);

BOOST_AUTO_TEST_CASE(ids_compare_with_their_numbers) {
  const AccountId account = 7;
  BOOST_TEST(account == 7);
  BOOST_TEST(account.value() == 7);
  BOOST_TEST((account == AccountId{7}));
  BOOST_TEST((account < AccountId{8}));
  const std::int64_t stored = account;
  BOOST_TEST(stored == 7);
  const PlayerId player = std::string("p-1");
  BOOST_TEST(player == "p-1");
  BOOST_TEST((player == PlayerId{"p-1"}));
  const std::string& text = player;
  BOOST_TEST(text == "p-1");
}

// Rules stored before items had their own section kept the limits under "ledger".
BOOST_AUTO_TEST_CASE(older_rules_keep_their_inventory_limits) {
  const Rules old =
      Rules::from_json(R"({"ledger":{"max_inventory_slots":20,"max_stack_size":99}})");
  BOOST_TEST(old.inventory.max_slots == 20);
  BOOST_TEST(old.inventory.max_stack_size == 99);
  const Rules both = Rules::from_json(
      R"({"ledger":{"max_inventory_slots":20},"inventory":{"max_slots":5,"max_stack_size":0}})");
  BOOST_TEST(both.inventory.max_slots == 5);  // the newer section wins
  BOOST_TEST(both.inventory.max_stack_size == 0);
  BOOST_TEST((Rules::from_json("{}").inventory == InventoryRules{}));
}

BOOST_AUTO_TEST_SUITE_END()

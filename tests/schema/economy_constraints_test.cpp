// The economy of migration 0004: currencies, conversions, accounts, ledger rows, items and stacks.
// For each table a valid row inserts and each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its
// violation, leaving the table as it was.
#include <boost/test/unit_test.hpp>

#include "tests/support/constraints.h"

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(economy_constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(currencies_and_conversions_take_valid_rows_and_refuse_each_violation) {
  Table currencies(*this, "currencies");
  BOOST_TEST(currencies.count() == 13);
  BOOST_TEST(currencies.accepts(with(currency_row(20, "gems"), "type", q("denom"))));
  BOOST_TEST(scalar("SELECT kind = 'money' AND is_default = 0 FROM currencies WHERE id = 20") == 1);
  const Row ore = currency_row(21, "ore");
  BOOST_TEST(currencies.refuses(with(ore, "name", q("CREDITS")), {kUnique, "currencies.name"}));
  BOOST_TEST(currencies.refuses(with(ore, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      currencies.refuses(with(ore, "name", q(std::string(256, 'o'))), {kCheck, "length(name)"}));
  BOOST_TEST(currencies.refuses(with(ore, "type", q("Whole")), {kCheck, "type IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "type", q("coin")), {kCheck, "type IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "kind", q("Money")), {kCheck, "kind IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "is_default", "2"), {kCheck, "is_default IN"}));
  // Exactly one default, and it is money.
  BOOST_TEST(currencies.refuses(with(ore, "is_default", "1"), {kUnique, "currencies.is_default"}));
  BOOST_TEST(currencies.refuses(with(ore, {{"kind", q("resource")}, {"is_default", "1"}}),
                                {kCheck, "is_default = 0 OR kind = 'money'"}));
  BOOST_TEST(currencies.refuses(without(ore, "type"), {kNotNull, "currencies.type"}));
  BOOST_TEST(currencies.accepts(with(ore, "kind", q("resource"))));

  Table conversions(*this, "currency_conversions");
  const Row rate = {{"id", "1"},
                    {"currency_source_id", num(kCredits)},
                    {"currency_destination_id", num(kFragments)},
                    {"ratio", "100"},
                    {"valid_from", kT},
                    {"created_at", kT},
                    {"updated_at", kT}};
  BOOST_TEST(conversions.accepts(with(rate, {{"valid_to", kLater}, {"volume", "0"}})));
  // The reverse pair is another pair.
  const Row reverse = with(rate, {{"id", "2"},
                                  {"currency_source_id", num(kFragments)},
                                  {"currency_destination_id", num(kCredits)}});
  BOOST_TEST(conversions.refuses(with(reverse, "ratio", "0"), {kCheck, "ratio > 0"}));
  BOOST_TEST(conversions.refuses(with(reverse, "ratio", "-100"), {kCheck, "ratio > 0"}));
  BOOST_TEST(
      conversions.refuses(without(reverse, "ratio"), {kNotNull, "currency_conversions.ratio"}));
  BOOST_TEST(conversions.refuses(with(reverse, "volume", "-1"), {kCheck, "volume"}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_destination_id", num(kFragments)),
                                 {kCheck, "currency_source_id <> currency_destination_id"}));
  BOOST_TEST(conversions.refuses(with(reverse, "valid_to", kT), {kCheck, "valid_to > valid_from"}));
  BOOST_TEST(conversions.refuses(with(reverse, "valid_to", "1767225599999"),
                                 {kCheck, "valid_to > valid_from"}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_source_id", "99"), {kForeignKey}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_destination_id", "99"), {kForeignKey}));
  BOOST_TEST(conversions.refuses(without(reverse, "valid_from"),
                                 {kNotNull, "currency_conversions.valid_from"}));
  BOOST_TEST(conversions.accepts(reverse));
}

BOOST_AUTO_TEST_CASE(accounts_take_exactly_one_owner_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  Table accounts(*this, "accounts");
  BOOST_TEST(accounts.count() == 26);  // the seeded mint and sink of each of the 13 currencies
  BOOST_TEST(accounts.accepts(user_account_row(100, kCredits, kAlice)));
  const Row team_account = {{"id", "101"},         {"currency_id", "3"}, {"owner_kind", q("team")},
                            {"team_id", q(kTeam)}, {"created_at", kT},   {"updated_at", kT}};
  BOOST_TEST(accounts.accepts(team_account));
  BOOST_TEST(accounts.accepts({{"id", "102"},
                               {"currency_id", num(kCredits)},
                               {"owner_kind", q("class")},
                               {"class_id", "1"},
                               {"created_at", kT},
                               {"updated_at", kT}}));
  const Row system_account = {{"id", "103"},
                              {"currency_id", num(kCredits)},
                              {"owner_kind", q("system")},
                              {"system_name", q("fees")},
                              {"created_at", kT},
                              {"updated_at", kT}};
  BOOST_TEST(accounts.accepts(system_account));
  BOOST_TEST(scalar("SELECT balance = 0 AND allow_negative = 0 FROM accounts WHERE id = 100") == 1);

  // One account per owner and currency.
  BOOST_TEST(
      accounts.refuses(user_account_row(110, kCredits, kAlice), {kUnique, "accounts.user_id"}));
  BOOST_TEST(accounts.refuses(with(team_account, "id", "110"), {kUnique, "accounts.team_id"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("mint")}}),
                              {kUnique, "accounts.system_name"}));
  const Row bob = user_account_row(110, kCredits, kBob);
  BOOST_TEST(accounts.refuses(with(bob, "owner_kind", q("User")), {kCheck, "owner_kind IN"}));
  BOOST_TEST(accounts.refuses(with(bob, "owner_kind", q("bank")), {kCheck, "owner_kind IN"}));
  // Exactly the owner column of the kind is set.
  BOOST_TEST(accounts.refuses(without(bob, "user_id"),
                              {kCheck, "(owner_kind = 'user') = (user_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "team_id", q(kTeam)),
                              {kCheck, "(owner_kind = 'team') = (team_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "class_id", "1"),
                              {kCheck, "(owner_kind = 'class') = (class_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "system_name", q("fees")),
                              {kCheck, "(owner_kind = 'system') = (system_name IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("Fees")}}),
                              {kCheck, "system_name = lower(system_name)"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("")}}),
                              {kCheck, "length(system_name)"}));
  // No overdraft unless the account allows it.
  BOOST_TEST(
      accounts.refuses(with(bob, "balance", "-1"), {kCheck, "allow_negative = 1 OR balance >= 0"}));
  BOOST_TEST(accounts.refuses(with(bob, "allow_negative", "2"), {kCheck, "allow_negative IN"}));
  BOOST_TEST(accounts.refuses(with(bob, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(accounts.refuses(without(bob, "currency_id"), {kNotNull, "accounts.currency_id"}));
  BOOST_TEST(accounts.refuses(with(bob, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(accounts.refuses(with(team_account, {{"id", "110"}, {"team_id", q(uuid(29))}}),
                              {kForeignKey}));
  BOOST_TEST(accounts.refuses(
      with(bob, {{"owner_kind", q("class")}, {"user_id", kNull}, {"class_id", "9"}}),
      {kForeignKey}));
  BOOST_TEST(accounts.accepts(with(bob, {{"allow_negative", "1"}, {"balance", "-5"}})));
  BOOST_TEST(accounts.refuses_statement("UPDATE accounts SET balance = -1 WHERE id = 100",
                                        {kCheck, "allow_negative = 1 OR balance >= 0"}));
}

BOOST_AUTO_TEST_CASE(transactions_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kBob));
  add(*this, "accounts", user_account_row(101, kCredits, kAlice));
  add(*this, "accounts", user_account_row(102, kFragments, kAlice));
  Table transactions(*this, "transactions");
  BOOST_TEST(
      transactions.accepts(with(transaction_row(1, kCredits, kCreditsMint, 100),
                                {{"user_id", q(kBob)}, {"confirmed", "1"}, {"automated", "1"}})));
  // A reversal points at its original.
  BOOST_TEST(
      transactions.accepts(with(transaction_row(2, kCredits, 100, kCreditsMint),
                                {{"previous_transaction_id", "1"}, {"type", q("REVERSAL")}})));
  const Row next = transaction_row(3, kCredits, kCreditsMint, 101);
  BOOST_TEST(transactions.refuses(with(next, "amount", "0"), {kCheck, "amount > 0"}));
  BOOST_TEST(transactions.refuses(with(next, "amount", "-100"), {kCheck, "amount > 0"}));
  BOOST_TEST(transactions.refuses(with(next, "amount", kNull), {kNotNull, "transactions.amount"}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", num(kCreditsMint)),
                                  {kCheck, "from_account_id <> to_account_id"}));
  // At most one reversal per original.
  BOOST_TEST(transactions.refuses(with(next, "previous_transaction_id", "1"),
                                  {kUnique, "transactions.previous_transaction_id"}));
  BOOST_TEST(transactions.refuses(with(next, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      transactions.refuses(with(next, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(transactions.refuses(with(next, "confirmed", "2"), {kCheck, "confirmed"}));
  BOOST_TEST(transactions.refuses(with(next, "automated", "2"), {kCheck, "automated"}));
  BOOST_TEST(transactions.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(transactions.refuses(with(next, "related_user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      transactions.refuses(without(next, "created_at"), {kNotNull, "transactions.created_at"}));
  // Unknown accounts, reversals and currencies: the currency trigger runs before the foreign
  // keys are checked and refuses them first.
  constexpr std::string_view kSameCurrency = "accounts and reversal must share the currency";
  BOOST_TEST(transactions.refuses(with(next, "from_account_id", "999"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", "999"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "previous_transaction_id", "99"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "currency_id", "99"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", "102"), {kSameCurrency}));
  BOOST_TEST(transactions.accepts(with(next, "related_user_id", q(kBob))));
  BOOST_TEST(transactions.count() == 3);
}

BOOST_AUTO_TEST_CASE(items_inventory_and_item_history_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table items(*this, "items");
  BOOST_TEST(items.accepts(
      with(item_row(1, "Iron Ore"),
           {{"price", "0"}, {"usage_data", q(R"({"consume": true, "effects": []})")}})));
  const Row potion = item_row(2, "Health Potion");
  BOOST_TEST(items.refuses(with(potion, "name", q("IRON ORE")), {kUnique, "items.name"}));
  BOOST_TEST(items.refuses(with(potion, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      items.refuses(with(potion, "name", q(std::string(256, 'i'))), {kCheck, "length(name)"}));
  BOOST_TEST(items.refuses(with(potion, "rarity", q("")), {kCheck, "length(rarity)"}));
  BOOST_TEST(
      items.refuses(with(potion, "rarity", q(std::string(21, 'r'))), {kCheck, "length(rarity)"}));
  BOOST_TEST(items.refuses(with(potion, "rarity", kNull), {kNotNull, "items.rarity"}));
  BOOST_TEST(items.refuses(with(potion, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      items.refuses(with(potion, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(items.refuses(without(potion, "type"), {kNotNull, "items.type"}));
  BOOST_TEST(items.refuses(with(potion, "usage_data", q("[]")), {kCheck, "usage_data"}));
  BOOST_TEST(items.refuses(with(potion, "usage_data", q("heal")), {kCheck, "usage_data"}));
  BOOST_TEST(items.refuses(with(potion, "price", "-1"), {kCheck, "price"}));
  BOOST_TEST(items.accepts(potion));
  BOOST_TEST(scalar("SELECT rarity = 'Common' AND usage_data = '{}' AND price IS NULL FROM items "
                    "WHERE id = 2") == 1);

  Table inventory(*this, "inventory");
  const Row stack = {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "1"}};
  BOOST_TEST(inventory.accepts(stack));
  BOOST_TEST(inventory.refuses(with(stack, "quantity", "5"), {kUnique, "inventory.user_id"}));
  const Row bobs = with(stack, "user_id", q(kBob));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", "0"), {kCheck, "quantity > 0"}));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", "-1"), {kCheck, "quantity > 0"}));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", kNull), {kNotNull, "inventory.quantity"}));
  BOOST_TEST(inventory.refuses(with(bobs, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(inventory.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(inventory.accepts(bobs));
  BOOST_TEST(inventory.refuses_statement(
      "UPDATE inventory SET quantity = 0 WHERE user_id = " + q(kBob), {kCheck, "quantity > 0"}));

  Table history(*this, "item_transactions");
  BOOST_TEST(history.accepts(with(item_transaction_row(1, kAlice, 1), "related_user_id", q(kBob))));
  // A loss is a negative quantity.
  BOOST_TEST(history.accepts(with(item_transaction_row(2, kAlice, 1), "quantity", "-3")));
  const Row next = item_transaction_row(3, kBob, 2);
  BOOST_TEST(history.refuses(with(next, "quantity", "0"), {kCheck, "quantity <> 0"}));
  BOOST_TEST(history.refuses(with(next, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      history.refuses(with(next, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(history.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(history.refuses(with(next, "related_user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(history.refuses(with(next, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(history.refuses(without(next, "user_id"), {kNotNull, "item_transactions.user_id"}));
  BOOST_TEST(history.accepts(next));
}

// -- catalog and hosting (0005) -------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/economy/ledger_rows.h"

#include "hearth/economy/ledger.h"

namespace hearth {

namespace ledger {

std::vector<LedgerViolation> find_violations(Reader& reader) {
  // Sums are taken in 128 bits: each balance and amount fits in 64 bits, but their sums over
  // many rows need not (money that went round in circles many times is still healthy).
  __extension__ typedef __int128 Wide;
  const auto narrow = [](Wide value) {
    return static_cast<std::int64_t>(std::clamp<Wide>(value, INT64_MIN, INT64_MAX));
  };
  std::vector<LedgerViolation> violations;

  struct Account {
    std::int64_t currency = 0;
    std::int64_t balance = 0;
    Wide ledger = 0;
  };

  std::map<std::int64_t, Account> accounts;
  std::map<std::int64_t, Wide> by_currency;
  Query balances(reader, "SELECT id, currency_id, balance FROM accounts");
  while (balances.step()) {
    Account& account = accounts[balances.integer(0)];
    account.currency = balances.integer(1);
    account.balance = balances.integer(2);
    by_currency[account.currency] += account.balance;
  }
  for (const auto& [currency, sum] : by_currency) {
    if (sum == 0) continue;
    LedgerViolation violation;
    violation.kind = ViolationKind::NotConserved;
    violation.currency = currency;
    violation.actual = narrow(sum);
    violation.detail = fmt::format("The balances of currency {} sum to {}, not 0.",
                                   violation.currency, violation.actual);
    violations.push_back(std::move(violation));
  }
  Query rows(reader,
             "SELECT from_account_id, to_account_id, amount FROM transactions WHERE confirmed = 1");
  while (rows.step()) {
    const std::int64_t amount = rows.integer(2);
    accounts[rows.integer(0)].ledger -= amount;
    accounts[rows.integer(1)].ledger += amount;
  }
  for (const auto& [id, account] : accounts) {
    if (account.ledger == account.balance) continue;
    LedgerViolation violation;
    violation.kind = ViolationKind::BalanceMismatch;
    violation.account = id;
    violation.currency = account.currency;
    violation.expected = narrow(account.ledger);
    violation.actual = account.balance;
    violation.detail = fmt::format("Account {} holds {}, but its ledger rows sum to {}.",
                                   violation.account, violation.actual, violation.expected);
    violations.push_back(std::move(violation));
  }
  Query negative(reader,
                 "SELECT id, currency_id, balance FROM accounts WHERE balance < 0 "
                 "AND (allow_negative = 0 OR owner_kind <> 'system') ORDER BY id");
  while (negative.step()) {
    LedgerViolation violation;
    violation.kind = ViolationKind::ForbiddenNegative;
    violation.account = negative.integer(0);
    violation.currency = negative.integer(1);
    violation.actual = negative.integer(2);
    violation.detail = fmt::format("Account {} holds {}, below zero, which it may not.",
                                   violation.account, violation.actual);
    violations.push_back(std::move(violation));
  }
  Query reversals(reader, R"sql(
      SELECT r.id, r.currency_id, o.id FROM transactions r
      JOIN transactions o ON o.id = r.previous_transaction_id
      WHERE r.from_account_id <> o.to_account_id OR r.to_account_id <> o.from_account_id
         OR r.amount <> o.amount OR r.currency_id <> o.currency_id
         OR o.previous_transaction_id IS NOT NULL
      ORDER BY r.id)sql");
  while (reversals.step()) {
    LedgerViolation violation;
    violation.kind = ViolationKind::BadReversal;
    violation.transaction = reversals.integer(0);
    violation.currency = reversals.integer(1);
    violation.expected = reversals.integer(2);
    violation.actual = violation.transaction;
    violation.detail = fmt::format(
        "Transaction {} is no valid reversal of transaction {}: it must mirror it, and the "
        "original may not be a reversal itself.",
        violation.transaction, violation.expected);
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace ledger

std::vector<LedgerViolation> Ledger::check_ledger() const {
  return core_.read(ledger::find_violations);
}

}  // namespace hearth

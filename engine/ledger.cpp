#include <fmt/core.h>

#include "engine/ledger_internal.h"

namespace hearth::ledger {

std::int64_t default_currency(Command& command) {
  SQLite::Statement query(command.sql(), "SELECT id FROM currencies WHERE is_default = 1");
  if (!query.executeStep())
    throw Error(ErrorKind::CorruptData, "The game has no default currency.");
  return query.getColumn(0).getInt64();
}

void open_user_accounts(Command& command, const std::string& user_id) {
  SQLite::Statement open(command.sql(),
                         "INSERT INTO accounts (currency_id, owner_kind, user_id, created_at, "
                         "updated_at) SELECT id, 'user', ?1, ?2, ?2 FROM currencies "
                         "WHERE kind = 'money' ORDER BY id");
  open.bind(1, user_id);
  open.bind(2, command.now());
  open.exec();
}

std::int64_t user_account(Command& command, const std::string& user_id, std::int64_t currency) {
  SQLite::Statement query(command.sql(),
                          "SELECT id FROM accounts WHERE user_id = ? AND currency_id = ?");
  query.bind(1, user_id);
  query.bind(2, currency);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::int64_t system_account(Command& command, const std::string& name, std::int64_t currency) {
  SQLite::Statement query(command.sql(),
                          "SELECT id FROM accounts WHERE system_name = ? AND currency_id = ?");
  query.bind(1, name);
  query.bind(2, currency);
  if (!query.executeStep()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("Currency {} has no '{}' system account.", currency, name));
  }
  return query.getColumn(0).getInt64();
}

Result<std::int64_t> post(Command& command, const Posting& posting) {
  if (posting.amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("The amount must be positive, not {}.", posting.amount));
  }
  SQLite::Statement accounts(command.sql(),
                             "SELECT id, currency_id, balance, allow_negative FROM accounts "
                             "WHERE id IN (?1, ?2)");
  accounts.bind(1, posting.from_account);
  accounts.bind(2, posting.to_account);
  std::int64_t from_currency = 0, to_currency = 0, from_balance = 0;
  bool from_found = false, to_found = false, overdraft = false;
  while (accounts.executeStep()) {
    const std::int64_t id = accounts.getColumn(0).getInt64();
    if (id == posting.from_account) {
      from_found = true;
      from_currency = accounts.getColumn(1).getInt64();
      from_balance = accounts.getColumn(2).getInt64();
      overdraft = accounts.getColumn(3).getInt() != 0;
    }
    if (id == posting.to_account) {
      to_found = true;
      to_currency = accounts.getColumn(1).getInt64();
    }
  }
  if (!from_found || !to_found || posting.from_account == posting.to_account) {
    return Outcome::refused(Refusal::NotFound, "Both accounts must exist and differ.");
  }
  if (from_currency != to_currency) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "The two accounts hold different currencies.");
  }
  if (!overdraft && from_balance < posting.amount) {
    return Outcome::refused(
        Refusal::InsufficientFunds,
        fmt::format("Insufficient funds: {} needed, {} available.", posting.amount, from_balance));
  }
  SQLite::Statement move(command.sql(),
                         "UPDATE accounts SET balance = balance + ?, updated_at = ? WHERE id = ?");
  move.bind(1, -posting.amount);
  move.bind(2, command.now());
  move.bind(3, posting.from_account);
  move.exec();
  move.reset();
  move.bind(1, posting.amount);
  move.bind(3, posting.to_account);
  move.exec();
  SQLite::Statement record(
      command.sql(),
      "INSERT INTO transactions (currency_id, from_account_id, to_account_id, amount, type, "
      "description, user_id, related_user_id, confirmed, automated, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''), NULLIF(?7, ''), NULLIF(?8, ''), 1, ?9, ?10, "
      "?10)");
  record.bind(1, from_currency);
  record.bind(2, posting.from_account);
  record.bind(3, posting.to_account);
  record.bind(4, posting.amount);
  record.bind(5, posting.type);
  record.bind(6, posting.description);
  record.bind(7, posting.user_id);
  record.bind(8, posting.related_user_id);
  record.bind(9, posting.automated ? 1 : 0);
  record.bind(10, command.now());
  record.exec();
  return command.sql().getLastInsertRowid();
}

}  // namespace hearth::ledger

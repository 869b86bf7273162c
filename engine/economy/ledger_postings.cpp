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

namespace hearth::ledger {

std::int64_t default_currency(Command& command) {
  Query query(command, "SELECT id FROM currencies WHERE is_default = 1");
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData, "The game has no default currency.");
  }
  const std::int64_t id = query.integer(0);
  return id;
}

Result<std::int64_t> currency_named(Reader& reader, const std::string& name) {
  Query query(
      reader,
      "SELECT id FROM currencies WHERE CASE WHEN ?1 = '' THEN is_default = 1 ELSE name = ?1 "
      "END",
      name);
  if (!query.step()) {
    return Outcome::refused(Refusal::NotFound, fmt::format("There is no currency '{}'.", name));
  }
  const std::int64_t id = query.integer(0);
  return id;
}

void open_user_accounts(Command& command, const std::string& user_id) {
  Query open(command,
             "INSERT INTO accounts (currency_id, owner_kind, user_id, created_at, updated_at) "
             "SELECT id, 'user', ?1, ?2, ?2 FROM currencies WHERE kind = 'money' ORDER BY id",
             user_id, command.now());
  open.exec();
}

std::int64_t user_account(Command& command, const std::string& user_id, std::int64_t currency) {
  Query query(command, "SELECT id FROM accounts WHERE user_id = ? AND currency_id = ?", user_id,
              currency);
  const std::int64_t id = query.step() ? query.integer(0) : 0;
  return id;
}

std::optional<std::int64_t> user_balance(Reader& reader, const std::string& user_id,
                                         std::int64_t currency) {
  Query query(reader, "SELECT balance FROM accounts WHERE user_id = ? AND currency_id = ?", user_id,
              currency);
  if (!query.step()) return std::nullopt;
  return query.integer(0);
}

std::int64_t team_account(Command& command, const std::string& team_id, std::int64_t currency) {
  Query find(command, "SELECT id FROM accounts WHERE team_id = ? AND currency_id = ?", team_id,
             currency);
  if (find.step()) return find.integer(0);
  find.reset();
  Query open(command,
             "INSERT INTO accounts (currency_id, owner_kind, team_id, created_at, updated_at) "
             "VALUES (?1, 'team', ?2, ?3, ?3)",
             currency, team_id, command.now());
  open.exec();
  return command.last_insert_id();
}

std::int64_t class_account(Command& command, std::int64_t class_id, std::int64_t currency) {
  Query find(command, "SELECT id FROM accounts WHERE class_id = ? AND currency_id = ?", class_id,
             currency);
  if (find.step()) return find.integer(0);
  find.reset();
  Query open(command,
             "INSERT INTO accounts (currency_id, owner_kind, class_id, created_at, updated_at) "
             "VALUES (?1, 'class', ?2, ?3, ?3)",
             currency, class_id, command.now());
  open.exec();
  return command.last_insert_id();
}

std::int64_t system_account(Command& command, const std::string& name, std::int64_t currency) {
  Query query(command, "SELECT id FROM accounts WHERE system_name = ? AND currency_id = ?", name,
              currency);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("Currency {} has no '{}' system account.", currency, name));
  }
  const std::int64_t id = query.integer(0);
  return id;
}

Result<TransactionId> post(Command& command, const Posting& posting) {
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  return posted->id;
}

Result<TransactionId> pay_from_mint(Command& command, const std::string& user_id,
                                    std::int64_t currency, std::int64_t amount,
                                    const std::string& type, const std::string& description) {
  Posting posting;
  posting.from_account = system_account(command, "mint", currency);
  posting.to_account = user_account(command, user_id, currency);
  if (posting.to_account == 0) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("The user has no account in currency {}.", currency));
  }
  posting.amount = amount;
  posting.type = type;
  posting.description = description;
  posting.user_id = user_id;
  posting.automated = true;
  return transfer(command, posting);
}

Result<TransactionId> transfer(Command& command, const Posting& posting) {
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  command.emit(LedgerEvents::kTransferred, posting.user_id,
               posted->to_user.empty() ? posted->from_user : posted->to_user,
               Payload()
                   .add("transaction", posted->id)
                   .add("currency", posted->currency)
                   .add("from", posting.from_account)
                   .add("to", posting.to_account)
                   .add("amount", posting.amount)
                   .add("type", posting.type)
                   .add("from_user", posted->from_user)
                   .add("to_user", posted->to_user)
                   .str());
  return posted->id;
}

Result<TransactionId> reverse(Command& command, TransactionId transaction, const Memo& memo) {
  Query query(command,
              "SELECT from_account_id, to_account_id, amount, ifnull(user_id, ''), "
              "ifnull(related_user_id, ''), previous_transaction_id IS NOT NULL, confirmed, "
              "ifnull((SELECT r.id FROM transactions r WHERE r.previous_transaction_id = t.id), 0) "
              "FROM transactions t WHERE id = ?",
              transaction);
  if (!query.step()) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no transaction {}.", transaction));
  }
  const std::int64_t original_from = query.integer(0);
  const std::int64_t original_to = query.integer(1);
  const std::int64_t amount = query.integer(2);
  const std::string original_user = query.text(3);
  const std::string original_related = query.text(4);
  const bool is_reversal = query.integer(5) != 0;
  const bool confirmed = query.integer(6) != 0;
  const std::int64_t reversed_by = query.integer(7);
  query.reset();
  if (is_reversal) {
    return Outcome::refused(
        Refusal::NotAllowed,
        fmt::format("Transaction {} is a reversal; a reversal is never reversed.", transaction));
  }
  if (reversed_by != 0) {
    return Outcome::refused(Refusal::AlreadyDone,
                            fmt::format("Transaction {} was already reversed by transaction {}.",
                                        transaction, reversed_by));
  }
  if (!confirmed) {
    return Outcome::refused(
        Refusal::NotAllowed,
        fmt::format("Transaction {} is not confirmed; only confirmed rows are reversed.",
                    transaction));
  }
  Posting posting;
  posting.from_account = original_to;
  posting.to_account = original_from;
  posting.amount = amount;
  posting.type = type_or(memo, "REVERSAL");
  posting.description = memo.description.empty()
                            ? fmt::format("Reversal of transaction {}", transaction)
                            : memo.description;
  posting.user_id = memo.user_id.empty() ? original_user : memo.user_id.value();
  posting.related_user_id =
      memo.related_user_id.empty() ? original_related : memo.related_user_id.value();
  posting.automated = memo.automated;
  posting.previous_transaction = transaction;
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  command.emit(LedgerEvents::kReversed, posting.user_id,
               posted->from_user.empty() ? posted->to_user : posted->from_user,
               Payload()
                   .add("transaction", posted->id)
                   .add("original", transaction)
                   .add("currency", posted->currency)
                   .add("from", posting.from_account)
                   .add("to", posting.to_account)
                   .add("amount", amount)
                   .str());
  return posted->id;
}

}  // namespace hearth::ledger

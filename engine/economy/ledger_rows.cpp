#include "engine/economy/ledger_rows.h"

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

namespace {

// The two accounts of a posting, and whether the users its memo names exist, read by one
// statement (this is the hot path of every money movement).
struct PostingState {
  std::optional<AccountState> from;
  std::optional<AccountState> to;
  bool user_found = false;
  bool related_user_found = false;
};

PostingState posting_state(Command& command, const Posting& posting) {
  Query query(command,
              "SELECT id, currency_id, balance, allow_negative, owner_kind, "
              "coalesce(user_id, team_id, CAST(class_id AS TEXT), system_name), "
              "?3 = '' OR EXISTS (SELECT 1 FROM users WHERE id = ?3), "
              "?4 = '' OR EXISTS (SELECT 1 FROM users WHERE id = ?4) "
              "FROM accounts WHERE id IN (?1, ?2)",
              posting.from_account, posting.to_account, posting.user_id, posting.related_user_id);
  PostingState state;
  while (query.step()) {
    AccountState account;
    account.currency = query.integer(1);
    account.balance = query.integer(2);
    account.allow_negative = query.integer(3) != 0;
    account.owner_kind = owner_kind_from(query.text(4));
    account.owner = query.text(5);
    state.user_found = query.integer(6) != 0;
    state.related_user_found = query.integer(7) != 0;
    (query.integer(0) == posting.from_account ? state.from : state.to) = std::move(account);
  }
  return state;
}

}  // namespace

const char* owner_kind_text(OwnerKind kind) {
  switch (kind) {
    case OwnerKind::User:
      return "user";
    case OwnerKind::Team:
      return "team";
    case OwnerKind::Class:
      return "class";
    case OwnerKind::System:
      return "system";
  }
  return "system";
}

OwnerKind owner_kind_from(const std::string& text) {
  if (text == "user") return OwnerKind::User;
  if (text == "team") return OwnerKind::Team;
  if (text == "class") return OwnerKind::Class;
  return OwnerKind::System;
}

// The accounts column that names an owner of `kind`.
const char* owner_column(OwnerKind kind) {
  switch (kind) {
    case OwnerKind::User:
      return "user_id";
    case OwnerKind::Team:
      return "team_id";
    case OwnerKind::Class:
      return "class_id";
    case OwnerKind::System:
      return "system_name";
  }
  return "system_name";
}

TransactionView read_transaction(Query& query) {
  TransactionView view;
  view.id = query.integer(0);
  view.currency = query.integer(1);
  view.from_account = query.integer(2);
  view.to_account = query.integer(3);
  view.amount = query.integer(4);
  view.type = query.text(5);
  view.description = query.text(6);
  view.user_id = query.text(7);
  view.related_user_id = query.text(8);
  view.previous_transaction = query.integer(9);
  view.confirmed = query.integer(10) != 0;
  view.automated = query.integer(11) != 0;
  view.created_at = query.integer(12);
  return view;
}

AccountView read_account_view(Query& query) {
  AccountView view;
  view.id = query.integer(0);
  view.currency = query.integer(1);
  view.owner.kind = owner_kind_from(query.text(2));
  view.owner.id = query.text(3);
  view.balance = query.integer(4);
  view.allow_negative = query.integer(5) != 0;
  return view;
}

CurrencyView read_currency(Query& query) {
  CurrencyView view;
  view.id = query.integer(0);
  view.name = query.text(1);
  view.type = query.text(2) == "denom" ? CurrencyType::Denom : CurrencyType::Whole;
  view.kind = query.text(3) == "resource" ? CurrencyKind::Resource : CurrencyKind::Money;
  view.is_default = query.integer(4) != 0;
  return view;
}

Rate read_rate(Query& query) {
  Rate rate;
  rate.id = query.integer(0);
  rate.source = query.integer(1);
  rate.destination = query.integer(2);
  rate.ratio = query.integer(3);
  rate.valid_from = query.integer(4);
  if (!query.is_null(5)) rate.valid_to = query.integer(5);
  rate.volume = query.integer(6);
  return rate;
}

std::optional<AccountView> find_account(Reader& reader, std::int64_t id) {
  Query query(reader, std::string(kAccountSelect) + " WHERE id = ?", id);
  if (!query.step()) return std::nullopt;
  return read_account_view(query);
}

std::optional<AccountView> find_account_of(Reader& reader, const AccountOwner& owner,
                                           std::int64_t currency) {
  Query query(
      reader,
      fmt::format("{} WHERE {} = ? AND currency_id = ?", kAccountSelect, owner_column(owner.kind)),
      owner.id, currency);
  if (!query.step()) return std::nullopt;
  return read_account_view(query);
}

std::optional<CurrencyView> find_currency(Reader& reader, std::int64_t id) {
  Query query(reader, std::string(kCurrencySelect) + " WHERE id = ?", id);
  if (!query.step()) return std::nullopt;
  return read_currency(query);
}

// The currency named `name`, in any case.
std::optional<CurrencyView> find_currency_named(Reader& reader, const std::string& name) {
  Query query(reader, std::string(kCurrencySelect) + " WHERE name = ?", name);
  if (!query.step()) return std::nullopt;
  return read_currency(query);
}

std::optional<Rate> find_rate_at(Reader& reader, std::int64_t source, std::int64_t destination,
                                 GameTime at) {
  Query query(reader,
              std::string(kRateSelect) +
                  " WHERE currency_source_id = ?1 AND currency_destination_id = ?2 "
                  "AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?3) "
                  "ORDER BY valid_from DESC LIMIT 1",
              source, destination, at);
  if (!query.step()) return std::nullopt;
  return read_rate(query);
}

std::optional<AccountState> account_state(Reader& reader, std::int64_t id) {
  Query query(
      reader,
      "SELECT currency_id, balance, allow_negative, owner_kind, "
      "coalesce(user_id, team_id, CAST(class_id AS TEXT), system_name) FROM accounts WHERE id = ?",
      id);
  if (!query.step()) return std::nullopt;
  AccountState state;
  state.currency = query.integer(0);
  state.balance = query.integer(1);
  state.allow_negative = query.integer(2) != 0;
  state.owner_kind = owner_kind_from(query.text(3));
  state.owner = query.text(4);
  return state;
}

std::string currency_name(Reader& reader, std::int64_t currency) {
  Query query(reader, "SELECT name FROM currencies WHERE id = ?", currency);
  std::string name = query.step() ? query.text(0) : "?";
  return name;
}

Result<Posted> post_row(Command& command, const Posting& posting) {
  if (posting.amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("The amount must be positive, not {}.", posting.amount));
  }
  if (posting.from_account == posting.to_account) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("Account {} cannot pay itself.", posting.from_account));
  }
  const PostingState state = posting_state(command, posting);
  const auto& from = state.from;
  const auto& to = state.to;
  if (!from) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no account {}.", posting.from_account));
  }
  if (!to) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no account {}.", posting.to_account));
  }
  if (from->currency != to->currency) {
    return Outcome::refused(
        Refusal::InvalidArgument,
        fmt::format("Accounts {} and {} hold different currencies ({} and {}).",
                    posting.from_account, posting.to_account,
                    currency_name(command, from->currency), currency_name(command, to->currency)));
  }
  if (Outcome valid = text::check("A ledger row's type", posting.type, 1, 50); !valid) {
    return valid;
  }
  if (!state.user_found || !state.related_user_found) {
    return Outcome::refused(
        Refusal::NotFound,
        fmt::format("There is no user '{}'.",
                    state.user_found ? posting.related_user_id : posting.user_id));
  }
  if (to->balance > kMaxAmount - posting.amount ||
      (from->allow_negative && from->balance < kMinAmount + posting.amount)) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("Moving {} would overflow a balance.", posting.amount));
  }
  if (!from->allow_negative && from->balance < posting.amount) {
    return Outcome::refused(
        Refusal::InsufficientFunds,
        fmt::format("Insufficient funds: {} needed, {} available.", posting.amount, from->balance));
  }

  Query move(command, "UPDATE accounts SET balance = balance + ?1, updated_at = ?2 WHERE id = ?3",
             -posting.amount, command.now(), posting.from_account);
  move.exec();
  move.rebind(posting.amount, command.now(), posting.to_account);
  move.exec();

  Query record(command,
               "INSERT INTO transactions (currency_id, from_account_id, to_account_id, amount, "
               "type, description, user_id, related_user_id, previous_transaction_id, confirmed, "
               "automated, created_at, updated_at) VALUES (:currency, :from_account, :to_account, "
               ":amount, :type, NULLIF(:description, ''), NULLIF(:user_id, ''), "
               "NULLIF(:related_user_id, ''), NULLIF(:previous_transaction, 0), 1, :automated, "
               ":now, :now)",
               named(":currency", from->currency), named(":from_account", posting.from_account),
               named(":to_account", posting.to_account), named(":amount", posting.amount),
               named(":type", posting.type), named(":description", posting.description),
               named(":user_id", posting.user_id),
               named(":related_user_id", posting.related_user_id),
               named(":previous_transaction", posting.previous_transaction),
               named(":automated", posting.automated ? 1 : 0), named(":now", command.now()));
  record.exec();
  record.reset();

  Posted posted;
  posted.id = command.last_insert_id();
  posted.currency = from->currency;
  if (from->owner_kind == OwnerKind::User) posted.from_user = from->owner;
  if (to->owner_kind == OwnerKind::User) posted.to_user = to->owner;
  return posted;
}

// Fills a memo's empty type with the operation's own.
std::string type_or(const Memo& memo, const char* fallback) {
  return memo.type.empty() ? std::string(fallback) : memo.type;
}

}  // namespace hearth::ledger

#include "hearth/economy/ledger.h"

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

#include "hearth/game.h"

namespace hearth {

Ledger Game::ledger() { return Ledger(*core_); }

namespace {

constexpr std::int64_t kMaxAmount = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinAmount = std::numeric_limits<std::int64_t>::min();

// The columns of a TransactionView, in read_transaction's order.
constexpr const char* kTransactionSelect =
    "SELECT id, currency_id, from_account_id, to_account_id, amount, type, "
    "ifnull(description, ''), ifnull(user_id, ''), ifnull(related_user_id, ''), "
    "ifnull(previous_transaction_id, 0), confirmed, automated, created_at FROM transactions";

// The columns of an AccountView, in read_account_view's order.
constexpr const char* kAccountSelect =
    "SELECT id, currency_id, owner_kind, "
    "coalesce(user_id, team_id, CAST(class_id AS TEXT), system_name), balance, allow_negative "
    "FROM accounts";

constexpr const char* kCurrencySelect = "SELECT id, name, type, kind, is_default FROM currencies";

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

constexpr const char* kRateSelect =
    "SELECT id, currency_source_id, currency_destination_id, ratio, valid_from, valid_to, "
    "ifnull(volume, 0) FROM currency_conversions";

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

}  // namespace

namespace ledger {

namespace {

// What post() needs to know about an account.
struct AccountState {
  std::int64_t currency = 0;
  std::int64_t balance = 0;
  bool allow_negative = false;
  OwnerKind owner_kind = OwnerKind::System;
  std::string owner;  // as AccountOwner::id
};

std::optional<AccountState> account_state(Command& command, std::int64_t id) {
  Query query(
      command,
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
  query.reset();
  return state;
}

std::string currency_name(Command& command, std::int64_t currency) {
  Query query(command, "SELECT name FROM currencies WHERE id = ?", currency);
  std::string name = query.step() ? query.text(0) : "?";
  query.reset();
  return name;
}

// A row post_row() wrote, with what its event needs.
struct Posted {
  std::int64_t id = 0;
  std::int64_t currency = 0;
  std::string from_user;  // the owners, when they are users
  std::string to_user;
};

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
  query.reset();
  return state;
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

  Query record(
      command,
      "INSERT INTO transactions (currency_id, from_account_id, to_account_id, amount, type, "
      "description, user_id, related_user_id, previous_transaction_id, confirmed, automated, "
      "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''), NULLIF(?7, ''), "
      "NULLIF(?8, ''), NULLIF(?9, 0), 1, ?10, ?11, ?11)",
      from->currency, posting.from_account, posting.to_account, posting.amount, posting.type,
      posting.description, posting.user_id, posting.related_user_id, posting.previous_transaction,
      posting.automated ? 1 : 0, command.now());
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

}  // namespace

std::int64_t default_currency(Command& command) {
  Query query(command, "SELECT id FROM currencies WHERE is_default = 1");
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData, "The game has no default currency.");
  }
  const std::int64_t id = query.integer(0);
  query.reset();
  return id;
}

void open_user_accounts(Command& command, const std::string& user_id) {
  Query open(command,
             "INSERT INTO accounts (currency_id, owner_kind, user_id, created_at, updated_at) "
             "SELECT id, 'user', ?1, ?2, ?2 FROM currencies WHERE kind = 'money' ORDER BY id",
             user_id, command.now());
  open.exec();
  open.reset();
}

std::int64_t user_account(Command& command, const std::string& user_id, std::int64_t currency) {
  Query query(command, "SELECT id FROM accounts WHERE user_id = ? AND currency_id = ?", user_id,
              currency);
  const std::int64_t id = query.step() ? query.integer(0) : 0;
  query.reset();
  return id;
}

std::int64_t system_account(Command& command, const std::string& name, std::int64_t currency) {
  Query query(command, "SELECT id FROM accounts WHERE system_name = ? AND currency_id = ?", name,
              currency);
  if (!query.step()) {
    throw Error(ErrorKind::CorruptData,
                fmt::format("Currency {} has no '{}' system account.", currency, name));
  }
  const std::int64_t id = query.integer(0);
  query.reset();
  return id;
}

Result<std::int64_t> post(Command& command, const Posting& posting) {
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  return posted->id;
}

Result<std::int64_t> transfer(Command& command, const Posting& posting) {
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  command.emit("ledger.transferred", posting.user_id,
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

Result<std::int64_t> reverse(Command& command, std::int64_t transaction, const Memo& memo) {
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
  posting.user_id = memo.user_id.empty() ? original_user : memo.user_id;
  posting.related_user_id = memo.related_user_id.empty() ? original_related : memo.related_user_id;
  posting.automated = memo.automated;
  posting.previous_transaction = transaction;
  auto posted = post_row(command, posting);
  if (!posted) return posted.outcome();
  command.emit("ledger.reversed", posting.user_id,
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

Result<ConversionReceipt> convert(Command& command, const Conversion& conversion) {
  if (conversion.amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("The amount must be positive, not {}.", conversion.amount));
  }
  const auto from = account_state(command, conversion.from_account);
  const auto to = account_state(command, conversion.to_account);
  if (!from || !to) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no account {}.",
                                        !from ? conversion.from_account : conversion.to_account));
  }
  if (from->currency == to->currency) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A conversion needs accounts of two different currencies.");
  }
  if (from->owner_kind != to->owner_kind || from->owner != to->owner) {
    return Outcome::refused(Refusal::NotAllowed,
                            "A conversion stays with one owner: both accounts must be theirs.");
  }

  // A rate source → destination multiplies; failing that, a rate destination → source divides.
  std::int64_t rate_id = 0, ratio = 0, converted = 0, received = 0, volume = 0;
  bool inverse = false;
  Query rates(
      command,
      "SELECT id, ratio FROM currency_conversions WHERE currency_source_id = ?1 AND "
      "currency_destination_id = ?2 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?3) "
      "ORDER BY valid_from DESC LIMIT 1");
  for (bool flipped : {false, true}) {
    rates.rebind(flipped ? to->currency : from->currency, flipped ? from->currency : to->currency,
                 command.now());
    if (rates.step()) {
      rate_id = rates.integer(0);
      ratio = rates.integer(1);
      inverse = flipped;
      break;
    }
  }
  rates.reset();
  if (rate_id == 0) {
    return Outcome::refused(
        Refusal::NotFound,
        fmt::format("No rate converts {} into {} at this time.",
                    currency_name(command, from->currency), currency_name(command, to->currency)));
  }
  if (!inverse) {
    if (conversion.amount > kMaxAmount / ratio) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("Converting {} at {} would overflow.", conversion.amount, ratio));
    }
    converted = conversion.amount;
    received = conversion.amount * ratio;
    volume = converted;
  } else {
    received = conversion.amount / ratio;
    converted = received * ratio;
    volume = received;
    if (received == 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("It takes {} {} to buy one unit of {}; {} is too few.",
                                          ratio, currency_name(command, from->currency),
                                          currency_name(command, to->currency), conversion.amount));
    }
    if (converted != conversion.amount && command.rules().ledger.exact_conversions) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("{} is not a multiple of {}: conversions must be exact.",
                                          conversion.amount, ratio));
    }
  }

  Posting out;
  out.from_account = conversion.from_account;
  out.to_account = system_account(command, "mint", from->currency);
  out.amount = converted;
  out.type = type_or(conversion.memo, "CONVERSION");
  out.description = conversion.memo.description.empty()
                        ? fmt::format("Conversion at rate {}", rate_id)
                        : conversion.memo.description;
  out.user_id = conversion.memo.user_id.empty() && from->owner_kind == OwnerKind::User
                    ? from->owner
                    : conversion.memo.user_id;
  out.related_user_id = conversion.memo.related_user_id;
  out.automated = conversion.memo.automated;
  auto source_leg = post_row(command, out);
  if (!source_leg) return source_leg.outcome();

  Posting in = out;
  in.from_account = system_account(command, "mint", to->currency);
  in.to_account = conversion.to_account;
  in.amount = received;
  auto destination_leg = post_row(command, in);
  if (!destination_leg) return destination_leg.outcome();

  Query count(command,
              "UPDATE currency_conversions SET volume = ifnull(volume, 0) + ?1, updated_at = ?2 "
              "WHERE id = ?3",
              volume, command.now(), rate_id);
  count.exec();
  count.reset();

  ConversionReceipt receipt;
  receipt.rate = rate_id;
  receipt.source_transaction = source_leg->id;
  receipt.destination_transaction = destination_leg->id;
  receipt.converted = converted;
  receipt.received = received;
  receipt.remainder = conversion.amount - converted;
  command.emit("ledger.converted", out.user_id, source_leg->from_user,
               Payload()
                   .add("rate", rate_id)
                   .add("from", conversion.from_account)
                   .add("to", conversion.to_account)
                   .add("from_currency", from->currency)
                   .add("to_currency", to->currency)
                   .add("converted", converted)
                   .add("received", received)
                   .add("remainder", receipt.remainder)
                   .add("source_transaction", receipt.source_transaction)
                   .add("destination_transaction", receipt.destination_transaction)
                   .str());
  return receipt;
}

}  // namespace ledger

// Ledger -----------------------------------------------------------------------------------------

namespace {

ledger::Posting posting_of(const Transfer& transfer, const char* fallback_type) {
  ledger::Posting posting;
  posting.from_account = transfer.from_account;
  posting.to_account = transfer.to_account;
  posting.amount = transfer.amount;
  posting.type = transfer.memo.type.empty() ? std::string(fallback_type) : transfer.memo.type;
  posting.description = transfer.memo.description;
  posting.user_id = transfer.memo.user_id;
  posting.related_user_id = transfer.memo.related_user_id;
  posting.automated = transfer.memo.automated;
  return posting;
}

}  // namespace

std::vector<CurrencyView> Ledger::currencies() const {
  return core_.read([](Reader& reader) {
    Query query(reader, std::string(kCurrencySelect) + " ORDER BY id");
    std::vector<CurrencyView> currencies;
    while (query.step()) currencies.push_back(read_currency(query));
    return currencies;
  });
}

std::optional<CurrencyView> Ledger::currency(const std::string& name) const {
  return core_.read([&](Reader& reader) { return find_currency_named(reader, name); });
}

CurrencyView Ledger::default_currency() const {
  return core_.read([](Reader& reader) {
    Query query(reader, std::string(kCurrencySelect) + " WHERE is_default = 1");
    if (!query.step()) {
      throw Error(ErrorKind::CorruptData, "The game has no default currency.");
    }
    return read_currency(query);
  });
}

Result<CurrencyView> Ledger::create_currency(const NewCurrency& currency) {
  return core_.run([&](Command& command) -> Result<CurrencyView> {
    if (Outcome valid = text::check("A currency's name", currency.name, 1, 255); !valid) {
      return valid;
    }
    if (find_currency_named(command, currency.name)) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The currency name '{}' is taken.", currency.name));
    }
    const bool money = currency.kind == CurrencyKind::Money;
    Query insert(command,
                 "INSERT INTO currencies (type, name, kind, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?4)",
                 currency.type == CurrencyType::Denom ? "denom" : "whole", currency.name,
                 money ? "money" : "resource", command.now());
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    Query system(command,
                 "INSERT INTO accounts (currency_id, owner_kind, system_name, "
                 "allow_negative, created_at, updated_at) VALUES "
                 "(?1, 'system', 'mint', 1, ?2, ?2), (?1, 'system', 'sink', 0, ?2, ?2)",
                 id, command.now());
    system.exec();
    if (money) {
      Query users(command,
                  "INSERT INTO accounts (currency_id, owner_kind, user_id, created_at, "
                  "updated_at) SELECT ?1, 'user', id, ?2, ?2 FROM users ORDER BY id",
                  id, command.now());
      users.exec();
    }
    command.emit("ledger.currency_created", "", "",
                 Payload().add("currency", id).add("name", currency.name).str());
    return *find_currency(command, id);
  });
}

std::optional<AccountView> Ledger::account(std::int64_t id) const {
  return core_.read([&](Reader& reader) { return find_account(reader, id); });
}

std::optional<AccountView> Ledger::account_of(const AccountOwner& owner,
                                              std::int64_t currency) const {
  return core_.read([&](Reader& reader) { return find_account_of(reader, owner, currency); });
}

std::int64_t Ledger::balance(std::int64_t account) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, "SELECT balance FROM accounts WHERE id = ?", account);
    if (!query.step()) {
      throw Error(ErrorKind::Usage, fmt::format("There is no account {}.", account));
    }
    return query.integer(0);
  });
}

std::int64_t Ledger::credits(const std::string& user_id) const {
  return core_.read([&](Reader& reader) -> std::int64_t {
    Query query(reader,
                "SELECT a.balance FROM accounts a JOIN currencies c ON "
                "c.id = a.currency_id WHERE a.user_id = ? AND c.is_default = 1",
                user_id);
    return query.step() ? query.integer(0) : 0;
  });
}

Result<AccountView> Ledger::open_account(const AccountOwner& owner, std::int64_t currency) {
  return core_.run([&](Command& command) -> Result<AccountView> {
    if (!find_currency(command, currency)) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no currency {}.", currency));
    }
    std::int64_t class_id = 0;
    switch (owner.kind) {
      case OwnerKind::User: {
        Query query(command, "SELECT deleted FROM users WHERE id = ?", owner.id);
        if (!query.step()) {
          return Outcome::refused(Refusal::NotFound,
                                  fmt::format("There is no user '{}'.", owner.id));
        }
        if (query.integer(0) != 0) {
          return Outcome::refused(Refusal::NotAllowed, "A deleted user opens no account.");
        }
        break;
      }
      case OwnerKind::Team: {
        Query query(command, "SELECT disbanded_at IS NOT NULL FROM teams WHERE id = ?", owner.id);
        if (!query.step()) {
          return Outcome::refused(Refusal::NotFound,
                                  fmt::format("There is no team '{}'.", owner.id));
        }
        if (query.integer(0) != 0) {
          return Outcome::refused(Refusal::NotAllowed, "A disbanded team opens no account.");
        }
        break;
      }
      case OwnerKind::Class: {
        const char* end = owner.id.data() + owner.id.size();
        const auto parsed = std::from_chars(owner.id.data(), end, class_id);
        Query query(command, "SELECT 1 FROM classes WHERE id = ?", class_id);
        if (parsed.ec != std::errc() || parsed.ptr != end || !query.step()) {
          return Outcome::refused(Refusal::NotFound,
                                  fmt::format("There is no class '{}'.", owner.id));
        }
        break;
      }
      case OwnerKind::System: {
        const bool lower = owner.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-.") ==
                           std::string::npos;
        if (owner.id.empty() || owner.id.size() > 50 || !lower) {
          return Outcome::refused(Refusal::InvalidArgument,
                                  fmt::format("A system account's name has 1 to 50 lowercase "
                                              "letters, digits, '_', '-' or '.'; not '{}'.",
                                              owner.id));
        }
        break;
      }
    }
    if (find_account_of(command, owner, currency)) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The {} '{}' already has an account in currency {}.",
                                          owner_kind_text(owner.kind), owner.id, currency));
    }
    Query insert(command,
                 fmt::format("INSERT INTO accounts (currency_id, owner_kind, {}, created_at, "
                             "updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                             owner_column(owner.kind)),
                 currency, owner_kind_text(owner.kind));
    if (owner.kind == OwnerKind::Class) {
      insert.rebind(currency, owner_kind_text(owner.kind), class_id, command.now());
    } else {
      insert.rebind(currency, owner_kind_text(owner.kind), owner.id, command.now());
    }
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit("ledger.account_opened", "", owner.kind == OwnerKind::User ? owner.id : "",
                 Payload()
                     .add("account", id)
                     .add("currency", currency)
                     .add("owner_kind", owner_kind_text(owner.kind))
                     .add("owner", owner.id)
                     .str());
    return *find_account(command, id);
  });
}

Result<std::int64_t> Ledger::transfer(const Transfer& movement) {
  return core_.run([&](Command& command) {
    return ledger::transfer(command, posting_of(movement, "TRANSFER"));
  });
}

Result<std::vector<std::int64_t>> Ledger::transfer_all(const std::vector<Transfer>& movements) {
  return core_.run([&](Command& command) -> Result<std::vector<std::int64_t>> {
    if (movements.empty()) {
      return Outcome::refused(Refusal::InvalidArgument, "There is nothing to transfer.");
    }
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < movements.size(); ++i) {
      auto posted = ledger::transfer(command, posting_of(movements[i], "TRANSFER"));
      if (!posted) {
        return Outcome::refused(posted.refusal(), fmt::format("Transfer {} of {}: {}", i + 1,
                                                              movements.size(), posted.detail()));
      }
      ids.push_back(*posted);
    }
    return ids;
  });
}

Result<std::int64_t> Ledger::mint(std::int64_t to_account, std::int64_t amount, const Memo& memo) {
  return core_.run([&](Command& command) -> Result<std::int64_t> {
    const auto to = ledger::account_state(command, to_account);
    if (!to) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no account {}.", to_account));
    }
    Transfer movement{ledger::system_account(command, "mint", to->currency), to_account, amount,
                      memo};
    return ledger::transfer(command, posting_of(movement, "MINT"));
  });
}

Result<std::int64_t> Ledger::burn(std::int64_t from_account, std::int64_t amount,
                                  const Memo& memo) {
  return core_.run([&](Command& command) -> Result<std::int64_t> {
    const auto from = ledger::account_state(command, from_account);
    if (!from) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no account {}.", from_account));
    }
    Transfer movement{from_account, ledger::system_account(command, "sink", from->currency), amount,
                      memo};
    return ledger::transfer(command, posting_of(movement, "BURN"));
  });
}

Result<std::int64_t> Ledger::reverse(std::int64_t transaction, const Memo& memo) {
  return core_.run([&](Command& command) { return ledger::reverse(command, transaction, memo); });
}

std::optional<TransactionView> Ledger::transaction(std::int64_t id) const {
  return core_.read([&](Reader& reader) -> std::optional<TransactionView> {
    Query query(reader, std::string(kTransactionSelect) + " WHERE id = ?", id);
    if (!query.step()) return std::nullopt;
    return read_transaction(query);
  });
}

std::vector<TransactionView> Ledger::history(std::int64_t account, int limit) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                std::string(kTransactionSelect) +
                    " WHERE from_account_id = ?1 OR to_account_id = ?1 "
                    "ORDER BY id DESC LIMIT ?2",
                account, limit);
    std::vector<TransactionView> rows;
    while (query.step()) rows.push_back(read_transaction(query));
    return rows;
  });
}

Result<Rate> Ledger::set_rate(const NewRate& rate) {
  return core_.run([&](Command& command) -> Result<Rate> {
    if (rate.ratio <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A ratio must be positive, not {}.", rate.ratio));
    }
    if (rate.source == rate.destination) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate converts between two different currencies.");
    }
    for (std::int64_t currency : {rate.source, rate.destination}) {
      if (!find_currency(command, currency)) {
        return Outcome::refused(Refusal::NotFound,
                                fmt::format("There is no currency {}.", currency));
      }
    }
    const GameTime from = rate.valid_from.value_or(command.now());
    if (rate.valid_to && *rate.valid_to <= from) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate's window must end after it starts.");
    }
    if (rate.valid_to && *rate.valid_to <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate whose window has already ended would never apply.");
    }
    Query overlap(command,
                  "SELECT id FROM currency_conversions WHERE currency_source_id = ?1 "
                  "AND currency_destination_id = ?2 AND (valid_to IS NULL OR "
                  "valid_to > ?3) AND (?4 IS NULL OR ?4 > valid_from) LIMIT 1",
                  rate.source, rate.destination, from, rate.valid_to);
    if (overlap.step()) {
      return Outcome::refused(
          Refusal::AlreadyExists,
          fmt::format("The window overlaps rate {} of the same pair.", overlap.integer(0)));
    }
    Query insert(command,
                 "INSERT INTO currency_conversions (currency_source_id, "
                 "currency_destination_id, ratio, valid_from, valid_to, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                 rate.source, rate.destination, rate.ratio, from, rate.valid_to, command.now());
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    Payload payload;
    payload.add("rate", id)
        .add("source", rate.source)
        .add("destination", rate.destination)
        .add("ratio", rate.ratio)
        .add("valid_from", from);
    if (rate.valid_to) {
      payload.add("valid_to", *rate.valid_to);
    } else {
      payload.raw("valid_to", "null");
    }
    command.emit("ledger.rate_set", "", "", payload.str());
    Query read(command, std::string(kRateSelect) + " WHERE id = ?", id);
    read.step();
    return read_rate(read);
  });
}

Outcome Ledger::end_rate(std::int64_t rate, GameTime at) {
  return core_.run([&](Command& command) -> Outcome {
    Query query(command, std::string(kRateSelect) + " WHERE id = ?", rate);
    if (!query.step()) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no rate {}.", rate));
    }
    const Rate current = read_rate(query);
    if (current.valid_to && *current.valid_to <= at) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("Rate {} already ends at {}.", rate, *current.valid_to));
    }
    if (at < command.now()) {
      return Outcome::refused(Refusal::NotAllowed, "A rate cannot be ended in the past.");
    }
    if (at <= current.valid_from) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate's window must end after it starts.");
    }
    Query end(command,
              "UPDATE currency_conversions SET valid_to = ?1, updated_at = ?2 "
              "WHERE id = ?3",
              at, command.now(), rate);
    end.exec();
    command.emit("ledger.rate_ended", "", "",
                 Payload().add("rate", rate).add("valid_to", at).str());
    return {};
  });
}

std::optional<Rate> Ledger::rate_at(std::int64_t source, std::int64_t destination,
                                    GameTime at) const {
  return core_.read([&](Reader& reader) { return find_rate_at(reader, source, destination, at); });
}

Result<ConversionReceipt> Ledger::convert(const Conversion& conversion) {
  return core_.run([&](Command& command) { return ledger::convert(command, conversion); });
}

std::vector<LedgerViolation> Ledger::check_ledger() const {
  return core_.read([](Reader& reader) {
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
    Query rows(
        reader,
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
  });
}

}  // namespace hearth

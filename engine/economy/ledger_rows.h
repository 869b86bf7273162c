// The ledger's rows: how accounts, currencies, transactions and rates read, and the one write that
// moves money (post_row). Shared by the ledger's files: ledger.cpp (the handle),
// ledger_postings.cpp, ledger_conversion.cpp and ledger_audit.cpp. Internal.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "engine/core/command.h"
#include "engine/core/query.h"
#include "engine/economy/ledger_internal.h"

#include "hearth/economy/ledger.h"

namespace hearth::ledger {

inline constexpr std::int64_t kMaxAmount = std::numeric_limits<std::int64_t>::max();

inline constexpr std::int64_t kMinAmount = std::numeric_limits<std::int64_t>::min();

// The columns of a TransactionView, in read_transaction's order.
inline constexpr const char* kTransactionSelect =
    "SELECT id, currency_id, from_account_id, to_account_id, amount, type, "
    "ifnull(description, ''), ifnull(user_id, ''), ifnull(related_user_id, ''), "
    "ifnull(previous_transaction_id, 0), confirmed, automated, created_at FROM transactions";

// The columns of an AccountView, in read_account_view's order.
inline constexpr const char* kAccountSelect =
    "SELECT id, currency_id, owner_kind, "
    "coalesce(user_id, team_id, CAST(class_id AS TEXT), system_name), balance, allow_negative "
    "FROM accounts";

inline constexpr const char* kCurrencySelect =
    "SELECT id, name, type, kind, is_default FROM currencies";

inline constexpr const char* kRateSelect =
    "SELECT id, currency_source_id, currency_destination_id, ratio, valid_from, valid_to, "
    "ifnull(volume, 0) FROM currency_conversions";

// What post() needs to know about an account.
struct AccountState {
  std::int64_t currency = 0;
  std::int64_t balance = 0;
  bool allow_negative = false;
  OwnerKind owner_kind = OwnerKind::System;
  std::string owner;  // as AccountOwner::id
};

// A row post_row() wrote, with what its event needs.
struct Posted {
  TransactionId id;
  std::int64_t currency = 0;
  std::string from_user;  // the owners, when they are users
  std::string to_user;
};

const char* owner_kind_text(OwnerKind kind);
OwnerKind owner_kind_from(const std::string& text);
// The accounts column that names an owner of `kind`.
const char* owner_column(OwnerKind kind);

// Rows of the selects above, in their column order.
TransactionView read_transaction(Query& query);
AccountView read_account_view(Query& query);
CurrencyView read_currency(Query& query);
Rate read_rate(Query& query);

std::optional<AccountView> find_account(Reader& reader, std::int64_t id);
std::optional<AccountView> find_account_of(Reader& reader, const AccountOwner& owner,
                                           std::int64_t currency);
std::optional<CurrencyView> find_currency(Reader& reader, std::int64_t id);
// The currency named `name`, in any case.
std::optional<CurrencyView> find_currency_named(Reader& reader, const std::string& name);
// The rate source → destination in force at `at`.
std::optional<Rate> find_rate_at(Reader& reader, std::int64_t source, std::int64_t destination,
                                 GameTime at);

std::optional<AccountState> account_state(Reader& reader, std::int64_t id);
// A currency's name; "?" for an unknown id.
std::string currency_name(Reader& reader, std::int64_t currency);

// Writes one ledger row and moves both balances, refusing as ledger::post() documents.
Result<Posted> post_row(Command& command, const Posting& posting);

// Fills a memo's empty type with the operation's own.
std::string type_or(const Memo& memo, const char* fallback);

}  // namespace hearth::ledger

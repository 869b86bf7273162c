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
#include "engine/economy/ledger_rows.h"
#include "engine/identity/access_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/game.h"

namespace hearth {

Ledger Game::ledger() { return Ledger(*core_); }

using namespace ledger;

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

// A transfer as the ledger posts it, after the checks a player's transfer needs: the "trade"
// privilege, an account of their own to pay from, no block between payer and payee.
Result<ledger::Posting> checked(Command& command, const Transfer& transfer) {
  ledger::Posting posting = posting_of(transfer, "TRANSFER");
  if (transfer.by.empty()) return posting;
  if (Outcome may = access::require(command, transfer.by, "trade"); !may) return may;
  const auto from = ledger::account_state(command, transfer.from_account);
  if (from && (from->owner_kind != OwnerKind::User || from->owner != transfer.by.value())) {
    return Outcome::refused(Refusal::NotAllowed,
                            "A player may pay only from an account of their own.");
  }
  const auto to = ledger::account_state(command, transfer.to_account);
  if (to && to->owner_kind == OwnerKind::User) {
    if (Outcome open = relations::check_not_blocked(command, transfer.by, PlayerId(to->owner));
        !open) {
      return open;
    }
  }
  if (posting.user_id.empty()) posting.user_id = transfer.by;
  posting.automated = false;
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
    command.emit(LedgerEvents::kCurrencyCreated, "", "",
                 Payload().add("currency", id).add("name", currency.name).str());
    return *find_currency(command, id);
  });
}

std::optional<AccountView> Ledger::account(AccountId id) const {
  return core_.read([&](Reader& reader) { return find_account(reader, id); });
}

std::optional<AccountView> Ledger::account_of(const AccountOwner& owner,
                                              CurrencyId currency) const {
  return core_.read([&](Reader& reader) { return find_account_of(reader, owner, currency); });
}

std::int64_t Ledger::balance(AccountId account) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, "SELECT balance FROM accounts WHERE id = ?", account);
    if (!query.step()) {
      throw Error(ErrorKind::Usage, fmt::format("There is no account {}.", account));
    }
    return query.integer(0);
  });
}

std::int64_t Ledger::credits(const PlayerId& user_id) const {
  return core_.read([&](Reader& reader) -> std::int64_t {
    Query query(reader,
                "SELECT a.balance FROM accounts a JOIN currencies c ON "
                "c.id = a.currency_id WHERE a.user_id = ? AND c.is_default = 1",
                user_id);
    return query.step() ? query.integer(0) : 0;
  });
}

Result<AccountView> Ledger::open_account(const AccountOwner& owner, CurrencyId currency) {
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
    command.emit(LedgerEvents::kAccountOpened, "", owner.kind == OwnerKind::User ? owner.id : "",
                 Payload()
                     .add("account", id)
                     .add("currency", currency)
                     .add("owner_kind", owner_kind_text(owner.kind))
                     .add("owner", owner.id)
                     .str());
    return *find_account(command, id);
  });
}

Result<TransactionId> Ledger::transfer(const Transfer& movement) {
  return core_.run([&](Command& command) -> Result<TransactionId> {
    const Result<ledger::Posting> posting = checked(command, movement);
    if (!posting) return posting.outcome();
    return ledger::transfer(command, *posting);
  });
}

Result<std::vector<TransactionId>> Ledger::transfer_all(const std::vector<Transfer>& movements) {
  return core_.run([&](Command& command) -> Result<std::vector<TransactionId>> {
    if (movements.empty()) {
      return Outcome::refused(Refusal::InvalidArgument, "There is nothing to transfer.");
    }
    std::vector<TransactionId> ids;
    for (std::size_t i = 0; i < movements.size(); ++i) {
      const Result<ledger::Posting> posting = checked(command, movements[i]);
      const Result<TransactionId> posted =
          posting ? ledger::transfer(command, *posting) : Result<TransactionId>(posting.outcome());
      if (!posted) {
        return Outcome::refused(posted.refusal(), fmt::format("Transfer {} of {}: {}", i + 1,
                                                              movements.size(), posted.detail()));
      }
      ids.push_back(*posted);
    }
    return ids;
  });
}

Result<TransactionId> Ledger::mint(AccountId to_account, std::int64_t amount, const Memo& memo) {
  return core_.run([&](Command& command) -> Result<TransactionId> {
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

Result<TransactionId> Ledger::burn(AccountId from_account, std::int64_t amount, const Memo& memo) {
  return core_.run([&](Command& command) -> Result<TransactionId> {
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

Result<TransactionId> Ledger::reverse(TransactionId transaction, const Memo& memo) {
  return core_.run([&](Command& command) { return ledger::reverse(command, transaction, memo); });
}

std::optional<TransactionView> Ledger::transaction(TransactionId id) const {
  return core_.read([&](Reader& reader) -> std::optional<TransactionView> {
    Query query(reader, std::string(kTransactionSelect) + " WHERE id = ?", id);
    if (!query.step()) return std::nullopt;
    return read_transaction(query);
  });
}

std::vector<TransactionView> Ledger::history(AccountId account, int limit) const {
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

}  // namespace hearth

// The ledger's internal operations, used by every concern that moves money (players on
// creation, onboarding, shops, trades...). Internal to the engine: games use engine/ledger.h.
// Each runs inside the caller's command; a refusal writes nothing, and the caller returns it so
// that the whole command rolls back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/core/command.h"

#include "hearth/core/outcome.h"
#include "hearth/economy/ledger.h"

namespace hearth::ledger {

// One movement of money between two accounts, recorded as one `transactions` row.
struct Posting {
  std::int64_t from_account = 0;
  std::int64_t to_account = 0;
  std::int64_t amount = 0;  // > 0
  std::string type;         // e.g. "GRANT", "PURCHASE", "TRANSFER"; 1 to 50 characters
  std::string description;
  std::string user_id;          // the user who caused or is affected by it; empty for none
  std::string related_user_id;  // the other party; empty for none
  bool automated = false;       // initiated by the game itself, not a player
  std::int64_t previous_transaction = 0;  // the row this one reverses; 0 for none
};

// The default currency (the one that plays "credits").
std::int64_t default_currency(Command& command);

// The currency called `name` (any case), or the default currency when `name` is empty; a
// refusal (NotFound) when there is none. For rules that name a currency.
Result<std::int64_t> currency_named(Reader& reader, const std::string& name);

// Opens an account in every money currency for a new user.
void open_user_accounts(Command& command, const std::string& user_id);

// The account of `user_id` in `currency`, or 0 when there is none.
std::int64_t user_account(Command& command, const std::string& user_id, std::int64_t currency);

// The balance of `user_id`'s account in `currency`; nullopt when there is no such account.
std::optional<std::int64_t> user_balance(Reader& reader, const std::string& user_id,
                                         std::int64_t currency);

// The account of team `team_id` in `currency` (its treasury), opened when it has none.
std::int64_t team_account(Command& command, const std::string& team_id, std::int64_t currency);

// The account of class `class_id` in `currency` (its bank), opened when it has none.
std::int64_t class_account(Command& command, std::int64_t class_id, std::int64_t currency);

// The system account `name` ("mint" or "sink") of `currency`.
std::int64_t system_account(Command& command, const std::string& name, std::int64_t currency);

// Moves money: refuses (writing nothing) when the amount is not positive, an account is missing
// or pays itself, the accounts hold different currencies, the type is not 1 to 50 characters, a
// named user does not exist, a balance would overflow, or the payer would go below zero (unless
// its account allows it). Returns the new transaction's id. Journals no event: the caller's own
// event tells the story (e.g. "player.created" for the starting credits).
Result<TransactionId> post(Command& command, const Posting& posting);

// post(), journaling a "ledger.transferred" event.
Result<TransactionId> transfer(Command& command, const Posting& posting);

// Pays `amount` of `currency` from its mint to the user's account — a reward, a drop, a sale —
// automated, with `type` and `description`, journaling "ledger.transferred". Refuses what
// transfer refuses, and a user without an account in the currency (NotFound).
Result<TransactionId> pay_from_mint(Command& command, const std::string& user_id,
                                    std::int64_t currency, std::int64_t amount,
                                    const std::string& type, const std::string& description = "");

// Reverses a ledger row (see Ledger::reverse), journaling "ledger.reversed".
Result<TransactionId> reverse(Command& command, TransactionId transaction, const Memo& memo);

// Converts between currencies (see Ledger::convert), journaling "ledger.converted".
Result<ConversionReceipt> convert(Command& command, const Conversion& conversion);

// Every broken ledger invariant (see Ledger::check_ledger), as the reader sees the file.
std::vector<LedgerViolation> find_violations(Reader& reader);

}  // namespace hearth::ledger

// The ledger: currencies, the accounts that hold them, and every movement of money between
// accounts — transfers, mint and burn, reversals, conversions — with a check of its invariants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// The platform's two denominations: whole (the larger unit, e.g. credits) and denom (the smaller,
// e.g. fragments). Amounts of both are whole numbers; what one is worth in the other is a rate.
enum class CurrencyType { Whole, Denom };

// Money, or a stored resource (fuel, organics... in team treasuries).
enum class CurrencyKind { Money, Resource };

struct CurrencyView {
  CurrencyId id;
  std::string name;
  CurrencyType type = CurrencyType::Whole;
  CurrencyKind kind = CurrencyKind::Money;
  bool is_default = false;  // the one money currency that plays "credits"

  bool operator==(const CurrencyView&) const = default;
};

struct NewCurrency {
  std::string name;  // 1 to 255 characters, unique regardless of case
  CurrencyType type = CurrencyType::Whole;
  CurrencyKind kind = CurrencyKind::Money;
};

enum class OwnerKind { User, Team, Class, System };

// Who holds an account: a user, a team (its treasury), a class (its class bank) or the system
// (the mint that issues a currency, the sink that receives what is spent).
struct AccountOwner {
  OwnerKind kind = OwnerKind::User;
  std::string id;  // the user id, the team id, the class id in decimal, or the system name

  static AccountOwner user(std::string id) { return {OwnerKind::User, std::move(id)}; }

  static AccountOwner team(std::string id) { return {OwnerKind::Team, std::move(id)}; }

  static AccountOwner of_class(std::int64_t id) { return {OwnerKind::Class, std::to_string(id)}; }

  static AccountOwner system(std::string name) { return {OwnerKind::System, std::move(name)}; }

  bool operator==(const AccountOwner&) const = default;
};

// One balance of one currency held by one owner. The balance is a stored column, read in O(1);
// it always equals the account's confirmed incoming ledger rows minus its outgoing ones.
struct AccountView {
  AccountId id;
  CurrencyId currency;
  AccountOwner owner;
  std::int64_t balance = 0;
  bool allow_negative = false;  // only the mint of each currency may go below zero

  bool operator==(const AccountView&) const = default;
};

// What a ledger row says besides its accounts and its amount.
struct Memo {
  // 1 to 50 characters, e.g. "TRANSFER", "PURCHASE", "REWARD"; empty means the operation's own
  // type (TRANSFER, MINT, BURN, REVERSAL, CONVERSION).
  std::string type;
  std::string description;
  PlayerId user_id;          // the user who caused or is affected by it; empty for none
  PlayerId related_user_id;  // the other party; empty for none
  bool automated = false;    // initiated by the game itself, not by a player
};

// One movement of `amount` from one account to another of the same currency.
struct Transfer {
  AccountId from_account;
  AccountId to_account;
  std::int64_t amount = 0;
  Memo memo;
  // The player making it (paying another player, a team...): they must own from_account and hold
  // the "trade" privilege, and neither they nor a payee user may have blocked the other; the
  // memo's user defaults to them. Empty for the game's own movement.
  PlayerId by;
};

// One row of the ledger, as stored.
struct TransactionView {
  TransactionId id;
  CurrencyId currency;
  AccountId from_account;
  AccountId to_account;
  std::int64_t amount = 0;
  std::string type;
  std::string description;
  PlayerId user_id;
  PlayerId related_user_id;
  TransactionId previous_transaction;  // the row this one reverses; 0 for none
  bool confirmed = true;
  bool automated = false;
  GameTime created_at = 0;

  bool operator==(const TransactionView&) const = default;
};

// An exchange rate over the window [valid_from, valid_to): one unit of `source` buys `ratio`
// units of `destination`. Windows of one pair never overlap.
struct Rate {
  RateId id;
  CurrencyId source;
  CurrencyId destination;
  std::int64_t ratio = 0;
  GameTime valid_from = 0;
  std::optional<GameTime> valid_to;  // none: open-ended
  std::int64_t volume = 0;           // source-currency units exchanged at this rate so far

  bool operator==(const Rate&) const = default;
};

struct NewRate {
  CurrencyId source;
  CurrencyId destination;
  std::int64_t ratio = 0;              // > 0
  std::optional<GameTime> valid_from;  // none: the command's time
  std::optional<GameTime> valid_to;    // none: open-ended
};

// Exchanging `amount` of the currency of `from_account` into the currency of `to_account`; both
// accounts belong to the same owner.
struct Conversion {
  AccountId from_account;
  AccountId to_account;
  std::int64_t amount = 0;
  Memo memo;
};

// What a conversion did: `converted` source units left from_account (amount − remainder) and
// `received` destination units reached to_account, as two ledger rows.
struct ConversionReceipt {
  RateId rate;
  TransactionId source_transaction;
  TransactionId destination_transaction;
  std::int64_t converted = 0;
  std::int64_t received = 0;
  std::int64_t remainder = 0;  // stayed in from_account: not a whole destination unit

  bool operator==(const ConversionReceipt&) const = default;
};

// A broken ledger invariant.
enum class ViolationKind {
  NotConserved,       // a currency's balances do not sum to zero (money created or lost)
  BalanceMismatch,    // a balance differs from the sum of its confirmed ledger rows
  ForbiddenNegative,  // a balance below zero where the account does not allow it
  BadReversal,        // a reversal that does not mirror its original, or reverses a reversal
};

struct LedgerViolation {
  ViolationKind kind = ViolationKind::NotConserved;
  CurrencyId currency;
  AccountId account;          // 0 when the violation is about a whole currency
  TransactionId transaction;  // the reversal row, for BadReversal
  std::int64_t expected = 0;  // e.g. the ledger sum
  std::int64_t actual = 0;    // e.g. the stored balance
  std::string detail;         // one sentence

  bool operator==(const LedgerViolation&) const = default;
};

// The game's money. Obtain it from Game::ledger(); it is a light handle.
//
// Every balance change is one `transactions` row moving a positive amount between two accounts of
// the same currency, written with both balances in one command. Money enters circulation from
// its currency's mint (which goes negative by what it has issued) and leaves it to the sink or
// back to the mint, so per currency the balances always sum to zero. Rows are never edited or
// deleted: a mistake is undone by a reversal row.
class Ledger {
 public:
  explicit Ledger(Core& core) : core_(core) {}

  // Currencies ----------------------------------------------------------------------------------

  std::vector<CurrencyView> currencies() const;

  // The currency named `name` (any case).
  std::optional<CurrencyView> currency(const std::string& name) const;

  // The money currency that plays "credits".
  CurrencyView default_currency() const;

  // Creates a currency with its mint and sink accounts; a money currency also gets an account
  // for every existing user (new users get one in every money currency). Refuses an empty or too
  // long name, and a taken one.
  Result<CurrencyView> create_currency(const NewCurrency& currency);

  // Accounts ------------------------------------------------------------------------------------

  std::optional<AccountView> account(AccountId id) const;

  // The account of `owner` in `currency`.
  std::optional<AccountView> account_of(const AccountOwner& owner, CurrencyId currency) const;

  // The balance of an account. Throws Error{Usage} for an unknown account.
  std::int64_t balance(AccountId account) const;

  // The balance of a user in the default currency (0 when the user has no such account).
  std::int64_t credits(const PlayerId& user_id) const;

  // Opens an empty account (never overdrawable) for `owner` in `currency`. Refuses an unknown
  // currency or owner, a deleted user, a system name that is not 1 to 50 lowercase characters, and
  // an owner that already has an account in the currency.
  Result<AccountView> open_account(const AccountOwner& owner, CurrencyId currency);

  // Moving money --------------------------------------------------------------------------------

  // Moves money between two accounts; returns the ledger row's id. Refuses, writing nothing: an
  // amount that is not positive, a missing account, an account paying itself, accounts of two
  // currencies, a memo type that is not 1 to 50 characters, an unknown memo user, a balance that
  // would overflow, and a payer that would go below zero (InsufficientFunds) unless its account
  // allows it. A transfer `by` a player is refused too when the player may not trade (NotAllowed,
  // or Banned) or does not own the paying account.
  Result<TransactionId> transfer(const Transfer& transfer);

  // Several transfers as one command (a purchase, a trade): all of them, in order, or — when one
  // is refused — none, with that leg's refusal. Refuses an empty list.
  Result<std::vector<TransactionId>> transfer_all(const std::vector<Transfer>& transfers);

  // Issues `amount` from the mint of the account's currency into the account (type MINT).
  Result<TransactionId> mint(AccountId to_account, std::int64_t amount, const Memo& memo = {});

  // Takes `amount` out of circulation into the sink of the account's currency (type BURN).
  Result<TransactionId> burn(AccountId from_account, std::int64_t amount, const Memo& memo = {});

  // Undoes a ledger row with a compensating row (type REVERSAL) that moves the same amount back
  // and points at it; the memo's users default to the original's. Refuses an unknown row, an
  // unconfirmed row, a row that is itself a reversal, a row already reversed (AlreadyDone), and a
  // reversal that would take the original receiver below zero (InsufficientFunds).
  Result<TransactionId> reverse(TransactionId transaction, const Memo& memo = {});

  // Reading the ledger --------------------------------------------------------------------------

  std::optional<TransactionView> transaction(TransactionId id) const;

  // The newest `limit` rows paying from or into `account`, newest first.
  std::vector<TransactionView> history(AccountId account, int limit = 50) const;

  // Conversion ----------------------------------------------------------------------------------

  // Sets a rate for a currency pair over a window. Refuses an unknown currency, a pair of one
  // currency, a ratio that is not positive, an empty window or one that has already ended, and a
  // window overlapping another of the same pair (AlreadyExists).
  Result<Rate> set_rate(const NewRate& rate);

  // Ends a rate at game time `at` (shortening its window). Refuses an unknown rate, a time in the
  // past or not after the window's start (NotAllowed / InvalidArgument), and a rate that already
  // ends by then (AlreadyDone).
  Outcome end_rate(RateId rate, GameTime at);

  // The rate of the pair (source → destination, as stored) valid at `at`.
  std::optional<Rate> rate_at(CurrencyId source, CurrencyId destination, GameTime at) const;

  // Converts at the rate valid at the command's time: a rate source → destination multiplies the
  // amount by its ratio; failing that, a rate destination → source divides it, and what is not a
  // whole destination unit stays in from_account (or, with Rules::ledger.exact_conversions, is
  // refused). The source amount goes back to its mint, the destination amount comes from its
  // mint, so each currency stays conserved. Refuses: an amount that is not positive, a missing
  // account, one currency on both sides, accounts of two owners (NotAllowed), no rate at this
  // time (NotFound), an amount too small to buy one unit, a result that would overflow, and a
  // payer that is short (InsufficientFunds).
  Result<ConversionReceipt> convert(const Conversion& conversion);

  // Invariants ----------------------------------------------------------------------------------

  // Every violation of the ledger's invariants, in a consistent snapshot; empty when healthy.
  // Per currency the balances sum to zero; every balance equals its confirmed incoming rows minus
  // its outgoing ones; no balance is negative unless it is a system account allowed to be; every
  // reversal mirrors a row that is not itself a reversal.
  std::vector<LedgerViolation> check_ledger() const;

 private:
  Core& core_;
};

// The event types the ledger journals (payloads: docs/rules.md).
struct LedgerEvents {
  static constexpr std::string_view kAccountOpened = "ledger.account_opened";
  static constexpr std::string_view kConverted = "ledger.converted";
  static constexpr std::string_view kCurrencyCreated = "ledger.currency_created";
  static constexpr std::string_view kRateEnded = "ledger.rate_ended";
  static constexpr std::string_view kRateSet = "ledger.rate_set";
  static constexpr std::string_view kReversed = "ledger.reversed";
  static constexpr std::string_view kTransferred = "ledger.transferred";
};

}  // namespace hearth

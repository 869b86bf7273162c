// Character classes: each player is in at most one; a class has a bank (a ledger account per
// currency) that its members pay into and that holders of "classbank" in the class pay out of.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

struct ClassView {
  ClassId id;
  std::string name;
  std::string role;  // the role its members hold while in it; empty for none
  std::int64_t members = 0;

  bool operator==(const ClassView&) const = default;
};

// The classes of a game. Obtain it from Game::classes().
class Classes {
 public:
  explicit Classes(Core& core) : core_(core) {}

  // Creates a class (a system command). `role`, when not empty, is a role its members hold while
  // they are in it. Refuses a name that is not 1 to 255 characters or is taken (any case), and an
  // unknown role.
  Result<ClassView> create_class(const std::string& name, const std::string& role = "");

  std::optional<ClassView> find(ClassId id) const;

  // Every class, by name.
  std::vector<ClassView> list() const;

  // Puts the user in a class, out of the one it was in (taking that class's role, giving the new
  // one's). Refuses an unknown class and the class the user is in already (AlreadyDone). A player
  // command: the user needs "play".
  Outcome join(const PlayerId& user, ClassId id);

  // Takes the user out of its class. Refuses a user in none (NotFound). Needs "play".
  Outcome leave(const PlayerId& user);

  // The user's class, if any.
  std::optional<ClassId> class_of(const PlayerId& user) const;

  // A member pays `amount` of `currency` (0: the default currency) into its class's bank.
  // Refuses a user in no class, an amount that is not positive, a short balance
  // (InsufficientFunds). Needs "play".
  Result<TransactionId> deposit(const PlayerId& user, std::int64_t amount,
                                CurrencyId currency = CurrencyId());

  // Pays `amount` from the bank of `actor`'s class to `to`, a member of the same class. `actor`
  // needs "classbank" and to be in the class. Refuses what deposit refuses, a recipient outside the
  // class (NotAllowed), and a short bank (InsufficientFunds).
  Result<TransactionId> withdraw(const PlayerId& actor, const PlayerId& to, std::int64_t amount,
                                 CurrencyId currency = CurrencyId());

  // The class bank's balance in `currency` (0: the default currency); 0 before anything was paid
  // in.
  std::int64_t bank(ClassId id, CurrencyId currency = CurrencyId()) const;

 private:
  Core& core_;
};

// The event types classes journals (payloads: docs/rules.md).
struct ClassEvents {
  static constexpr std::string_view kCreated = "class.created";
  static constexpr std::string_view kJoined = "class.joined";
  static constexpr std::string_view kLeft = "class.left";
  static constexpr std::string_view kDeposited = "class.deposited";
  static constexpr std::string_view kWithdrawn = "class.withdrawn";
};

}  // namespace hearth

#include "hearth/progression/classes.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"

#include "hearth/game.h"

namespace hearth {

Classes Game::classes() { return Classes(*core_); }

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.name, ifnull(r.role, ''), (SELECT count(*) FROM players p WHERE p.class_id "
    "= c.id) FROM classes c LEFT JOIN roles r ON r.id = c.role_id ";

std::vector<ClassView> read_classes(Reader& reader, const std::string& where, std::int64_t id) {
  Query query(reader, std::string(kSelect) + where, id);
  std::vector<ClassView> found;
  while (query.step()) {
    found.push_back({query.integer(0), query.text(1), query.text(2), query.integer(3)});
  }
  return found;
}

// The class of `user` and its role (0 for none); class 0 when the user is in none.
struct Membership {
  std::int64_t class_id = 0;
  std::int64_t role = 0;
};

Membership membership(Reader& reader, const PlayerId& user) {
  Query query(reader,
              "SELECT c.id, ifnull(c.role_id, 0) FROM players p JOIN classes c ON c.id = "
              "p.class_id WHERE p.user_id = ?",
              user);
  if (!query.step()) return {};
  return {query.integer(0), query.integer(1)};
}

// Moves `user` to class `to` (0: out of every class), swapping the classes' roles.
void move(Command& command, const PlayerId& user, const Membership& from, std::int64_t to,
          std::int64_t role) {
  Query set(command,
            "UPDATE players SET class_id = NULLIF(?1, 0), updated_at = ?2 WHERE user_id = ?3", to,
            command.now(), user);
  set.exec();
  if (from.role != 0 && from.role != role) access::set_role(command, user, from.role, false);
  if (role != 0) access::set_role(command, user, role, true);
  if (from.class_id != 0) {
    command.emit(ClassEvents::kLeft, user, user, Payload().add("class", from.class_id).str());
  }
  if (to != 0) command.emit(ClassEvents::kJoined, user, user, Payload().add("class", to).str());
}

Result<std::int64_t> currency_of(Reader& reader, CurrencyId currency) {
  if (currency.value() == 0) return ledger::currency_named(reader, "");
  Query query(reader, "SELECT id FROM currencies WHERE id = ? AND kind = 'money'", currency);
  if (!query.step()) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no money currency {}.", currency.value()));
  }
  return currency.value();
}

// Moves money between a member and its class's bank, journaling `event`.
Result<TransactionId> bank_move(Command& command, const PlayerId& member, std::int64_t class_id,
                                std::int64_t amount, std::int64_t currency, bool into_bank,
                                const PlayerId& actor, std::string_view event) {
  if (amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("The amount must be positive, not {}.", amount));
  }
  const std::int64_t user_account = ledger::user_account(command, member, currency);
  if (user_account == 0) {
    return Outcome::refused(Refusal::NotFound, "The user has no account in that currency.");
  }
  const std::int64_t bank = ledger::class_account(command, class_id, currency);
  ledger::Posting posting;
  posting.from_account = into_bank ? user_account : bank;
  posting.to_account = into_bank ? bank : user_account;
  posting.amount = amount;
  posting.type = into_bank ? "CLASS_DEPOSIT" : "CLASS_WITHDRAWAL";
  posting.user_id = actor;
  if (actor != member) posting.related_user_id = member;
  const auto moved = ledger::transfer(command, posting);
  if (!moved) return moved.outcome();
  command.emit(event, actor, member,
               Payload()
                   .add("class", class_id)
                   .add("amount", amount)
                   .add("currency", currency)
                   .add("transaction", moved->value())
                   .str());
  return *moved;
}

}  // namespace

Result<ClassView> Classes::create_class(const std::string& name, const std::string& role) {
  return core_.run([&](Command& command) -> Result<ClassView> {
    if (Outcome valid = text::check("A class's name", name, 1, 255); !valid) return valid;
    Query taken(command, "SELECT 1 FROM classes WHERE name = ?", name);
    if (taken.step()) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("There is a class '{}' already.", name));
    }
    taken.reset();
    std::optional<std::int64_t> role_id;
    if (!role.empty()) {
      Query find(command, "SELECT id FROM roles WHERE role = ?", role);
      if (!find.step()) {
        return Outcome::refused(Refusal::NotFound, fmt::format("There is no role '{}'.", role));
      }
      role_id = find.integer(0);
    }
    Query insert(command, "INSERT INTO classes (name, role_id) VALUES (?, ?)", name, role_id);
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit(ClassEvents::kCreated, "", "",
                 Payload().add("class", id).add("name", name).add("role", role).str());
    return read_classes(command, "WHERE c.id = ?", id).front();
  });
}

std::optional<ClassView> Classes::find(ClassId id) const {
  return core_.read([&](Reader& reader) -> std::optional<ClassView> {
    auto found = read_classes(reader, "WHERE c.id = ?", id.value());
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::vector<ClassView> Classes::list() const {
  return core_.read(
      [&](Reader& reader) { return read_classes(reader, "WHERE ?1 = 0 ORDER BY c.name", 0); });
}

Outcome Classes::join(const PlayerId& user, ClassId id) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    Query target(command, "SELECT ifnull(role_id, 0) FROM classes WHERE id = ?", id);
    if (!target.step()) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no class {}.", id.value()));
    }
    const std::int64_t role = target.integer(0);
    target.reset();
    const Membership from = membership(command, user);
    if (from.class_id == id.value()) {
      return Outcome::refused(Refusal::AlreadyDone, "The user is in that class already.");
    }
    move(command, user, from, id.value(), role);
    return {};
  });
}

Outcome Classes::leave(const PlayerId& user) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const Membership from = membership(command, user);
    if (from.class_id == 0) return Outcome::refused(Refusal::NotFound, "The user is in no class.");
    move(command, user, from, 0, 0);
    return {};
  });
}

std::optional<ClassId> Classes::class_of(const PlayerId& user) const {
  return core_.read([&](Reader& reader) -> std::optional<ClassId> {
    const Membership in = membership(reader, user);
    if (in.class_id == 0) return std::nullopt;
    return ClassId(in.class_id);
  });
}

Result<TransactionId> Classes::deposit(const PlayerId& user, std::int64_t amount,
                                       CurrencyId currency) {
  return core_.run([&](Command& command) -> Result<TransactionId> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const Membership in = membership(command, user);
    if (in.class_id == 0) return Outcome::refused(Refusal::NotFound, "The user is in no class.");
    const auto money = currency_of(command, currency);
    if (!money) return money.outcome();
    return bank_move(command, user, in.class_id, amount, *money, true, user,
                     ClassEvents::kDeposited);
  });
}

Result<TransactionId> Classes::withdraw(const PlayerId& actor, const PlayerId& to,
                                        std::int64_t amount, CurrencyId currency) {
  return core_.run([&](Command& command) -> Result<TransactionId> {
    if (Outcome may = access::require(command, actor, "classbank"); !may) return may;
    const Membership in = membership(command, actor);
    if (in.class_id == 0) return Outcome::refused(Refusal::NotFound, "The user is in no class.");
    if (membership(command, to).class_id != in.class_id) {
      return Outcome::refused(Refusal::NotAllowed,
                              "A class bank pays out only to members of the class.");
    }
    const auto money = currency_of(command, currency);
    if (!money) return money.outcome();
    return bank_move(command, to, in.class_id, amount, *money, false, actor,
                     ClassEvents::kWithdrawn);
  });
}

std::int64_t Classes::bank(ClassId id, CurrencyId currency) const {
  return core_.read([&](Reader& reader) -> std::int64_t {
    const auto money = currency_of(reader, currency);
    if (!money) return 0;
    Query query(reader, "SELECT balance FROM accounts WHERE class_id = ? AND currency_id = ?", id,
                *money);
    return query.step() ? query.integer(0) : 0;
  });
}

}  // namespace hearth

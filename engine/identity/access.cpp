#include "hearth/identity/access.h"

#include <algorithm>
#include <optional>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"

#include "hearth/game.h"

namespace hearth {

Access Game::access() { return Access(*core_); }

namespace {

// A role or a privilege: which table holds it, which join gives it to users, what it is called.
struct Grantable {
  const char* table;   // "roles" / "privileges"
  const char* column;  // "role" / "privilege"
  const char* join;    // "user_roles" / "user_privileges"
  const char* key;     // "role_id" / "privilege_id"
  const char* what;    // "role" / "privilege"
  std::string_view given;
  std::string_view taken;
};

constexpr Grantable kRole{"roles",
                          "role",
                          "user_roles",
                          "role_id",
                          "role",
                          AccessEvents::kRoleAssigned,
                          AccessEvents::kRoleRevoked};
constexpr Grantable kPrivilege{"privileges",
                               "privilege",
                               "user_privileges",
                               "privilege_id",
                               "privilege",
                               AccessEvents::kPrivilegeGranted,
                               AccessEvents::kPrivilegeWithdrawn};

// Gives (`give`) or takes back a role or a privilege.
Outcome change(Core& core, const Grantable& kind, const PlayerId& user, const std::string& name,
               bool give) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, user); !active) return active;
    Query find(command, fmt::format("SELECT id FROM {} WHERE {} = ?", kind.table, kind.column),
               name);
    if (!find.step()) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no {} '{}'.", kind.what, name));
    }
    const std::int64_t id = find.integer(0);
    find.reset();
    Query write(
        command,
        give ? fmt::format("INSERT OR IGNORE INTO {} (user_id, {}) VALUES (?, ?)", kind.join,
                           kind.key)
             : fmt::format("DELETE FROM {} WHERE user_id = ? AND {} = ?", kind.join, kind.key),
        user, id);
    write.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(
          Refusal::AlreadyDone,
          give ? fmt::format("The user holds the {} '{}' already.", kind.what, name)
               : fmt::format("The user does not hold the {} '{}'.", kind.what, name));
    }
    command.emit(give ? kind.given : kind.taken, "", user, Payload().add(kind.what, name).str());
    return {};
  });
}

}  // namespace

void access::grant_automatic(Command& command, const PlayerId& user) {
  Query roles(command,
              "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles "
              "WHERE automatic = 1",
              user);
  roles.exec();
  Query privileges(command,
                   "INSERT INTO user_privileges (user_id, privilege_id) SELECT ?, id FROM "
                   "privileges WHERE automatic = 1",
                   user);
  privileges.exec();
}

std::vector<std::string> Access::privileges(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    std::vector<std::string> held;
    Query query(reader,
                "WITH RECURSIVE given (id) AS (SELECT role_id FROM user_roles WHERE user_id = ?1 "
                "UNION SELECT r.parent_id FROM roles r JOIN given g ON r.id = g.id "
                "WHERE r.parent_id IS NOT NULL) "
                "SELECT privilege FROM privileges WHERE id IN (SELECT privilege_id FROM "
                "role_privileges WHERE role_id IN (SELECT id FROM given)) OR id IN (SELECT "
                "privilege_id FROM user_privileges WHERE user_id = ?1) ORDER BY privilege",
                user);
    while (query.step()) held.push_back(query.text(0));
    query.reset();
    if (std::find(held.begin(), held.end(), "root") != held.end()) {
      held.clear();
      Query all(reader, "SELECT privilege FROM privileges ORDER BY privilege");
      while (all.step()) held.push_back(all.text(0));
    }
    return held;
  });
}

bool Access::has(const PlayerId& user, std::string_view privilege) const {
  const std::vector<std::string> held = privileges(user);
  return std::find(held.begin(), held.end(), privilege) != held.end();
}

std::vector<std::string> Access::roles(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    std::vector<std::string> held;
    Query query(reader,
                "SELECT r.role FROM user_roles u JOIN roles r ON r.id = u.role_id "
                "WHERE u.user_id = ? ORDER BY r.role",
                user);
    while (query.step()) held.push_back(query.text(0));
    return held;
  });
}

Outcome Access::assign_role(const PlayerId& user, const std::string& role) {
  return change(core_, kRole, user, role, true);
}

Outcome Access::revoke_role(const PlayerId& user, const std::string& role) {
  return change(core_, kRole, user, role, false);
}

Outcome Access::grant(const PlayerId& user, const std::string& privilege) {
  return change(core_, kPrivilege, user, privilege, true);
}

Outcome Access::withdraw(const PlayerId& user, const std::string& privilege) {
  return change(core_, kPrivilege, user, privilege, false);
}

}  // namespace hearth

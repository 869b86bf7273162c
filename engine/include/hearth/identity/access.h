// Access: the roles and privileges a user holds. Roles form a tree: a role grants its own
// privileges and all of its ancestors'; a user holds each of their roles' privileges and those
// granted to them directly. New users get every automatic role and privilege ("player").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// Roles and privileges of users. Obtain it from Game::access(); it is a light handle.
class Access {
 public:
  explicit Access(Core& core) : core_(core) {}

  // The privileges the user holds, by name: every privilege when one of them is "root". Empty
  // for an unknown user.
  std::vector<std::string> privileges(const PlayerId& user) const;

  // Whether the user holds `privilege`.
  bool has(const PlayerId& user, std::string_view privilege) const;

  // The roles the user was given (not their ancestors), by name.
  std::vector<std::string> roles(const PlayerId& user) const;

  // Gives a role; takes it back. Refuses an unknown or deleted user (NotFound / NotAllowed), an
  // unknown role (NotFound), a role already held or not held (AlreadyDone). Journals
  // "access.role_assigned" / "access.role_revoked".
  Outcome assign_role(const PlayerId& user, const std::string& role);
  Outcome revoke_role(const PlayerId& user, const std::string& role);

  // Grants a privilege to the user directly; withdraws a direct grant (roles' privileges stay).
  // Refuses as assign_role does. Journals "access.privilege_granted" /
  // "access.privilege_withdrawn".
  Outcome grant(const PlayerId& user, const std::string& privilege);
  Outcome withdraw(const PlayerId& user, const std::string& privilege);

 private:
  Core& core_;
};

// The event types access journals.
struct AccessEvents {
  static constexpr std::string_view kRoleAssigned = "access.role_assigned";
  static constexpr std::string_view kRoleRevoked = "access.role_revoked";
  static constexpr std::string_view kPrivilegeGranted = "access.privilege_granted";
  static constexpr std::string_view kPrivilegeWithdrawn = "access.privilege_withdrawn";
};

}  // namespace hearth

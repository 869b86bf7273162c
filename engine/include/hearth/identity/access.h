// Access: what each user may do, and bans.
//
// Roles form a tree: a role grants its own privileges and all of its ancestors'; a user holds
// each of their roles' privileges and those granted to them directly; "root" stands for every
// privilege. New users get every automatic role and privilege ("player"), and "host" once their
// account is Rules::access.host_after old.
//
// A ban names a user, an IP address or network, or both. A full ban leaves the user only the
// "reduced" role's privileges (web, report) and stops their log-ins and sessions; a privilege ban
// removes only the privileges it names. Bans end when they expire (applied by the tick) or are
// lifted.
//
// Every command a player makes names the acting user first and is refused (NotAllowed, or Banned
// when a ban took the privilege away) unless that user holds the command's privilege; the game's
// own calls (granting, minting, awarding) are not checked. docs/access.md lists which command
// needs which privilege.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// A role as defined: its parent in the tree ("" at the top), whether new users get it, and the
// privileges it adds to its parent's.
struct RoleView {
  std::string name;
  std::string parent;
  bool automatic = false;
  std::vector<std::string> privileges;

  bool operator==(const RoleView&) const = default;
};

// A ban to issue.
struct NewBan {
  // Who bans. A full ban of a user needs "ban" (at most Rules::access.longest_limited_ban) or
  // "permaban" (no limit); a privilege ban needs "privban" or either of those, under the same
  // limit unless the issuer holds "permaban"; a ban of an address or network, and a ban without
  // an end, need "permaban". Nobody may ban themselves, or a user holding one of "ban",
  // "privban", "permaban", "root" that the issuer lacks.
  PlayerId issuer;
  // The user banned; empty for a ban of an address or network only.
  PlayerId user;
  // An IPv4 or IPv6 address or a network in CIDR notation ("10.1.2.3", "10.0.0.0/8",
  // "2001:db8::/32"); empty for none. Stored with the host bits zeroed; an IPv4-mapped IPv6
  // address is taken as the IPv4 one.
  std::string network;
  // Why, for the banned player to read: 1 to 500 characters.
  std::string reason;
  // When the ban ends by itself; nullopt: when lifted ("permaban" only). After now.
  std::optional<GameTime> expires_at;
  // Empty: a full ban. Otherwise a privilege ban that removes only these (a user ban only).
  std::vector<std::string> privileges;
};

// A ban as recorded.
struct BanView {
  BanId id;
  PlayerId user;        // empty for a ban of an address or network only
  std::string network;  // "10.0.0.0/8", or one address "10.1.2.3"; empty for none
  std::string reason;
  PlayerId issuer;
  std::vector<std::string> privileges;  // empty for a full ban
  std::optional<GameTime> expires_at;   // nullopt: until lifted
  GameTime created_at = 0;
  std::optional<GameTime> ended_at;  // when it expired or was lifted; nullopt while in force

  // Whether the player should be shown a notice: a full ban, or a privilege ban of "web".
  bool notice() const;

  bool operator==(const BanView&) const = default;
};

// Roles, privileges and bans. Obtain it from Game::access(); it is a light handle.
class Access {
 public:
  explicit Access(Core& core) : core_(core) {}

  // The privileges the user holds now, by name: every privilege when one of them is "root"; only
  // the "reduced" role's under a full ban; less what privilege bans remove. Empty for an unknown
  // user.
  std::vector<std::string> privileges(const PlayerId& user) const;

  // Whether the user holds `privilege` now (as privileges() says).
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

  // Defines a privilege: a name of 1 to 100 characters (lowercase ASCII letters, digits, ':',
  // '_', '-'), a description of at most 500 characters; automatic ones go to users created from
  // now on. Refuses a name taken (AlreadyExists). Journals "access.privilege_created".
  Outcome create_privilege(const std::string& name, const std::string& description,
                           bool automatic = false);

  // Defines a role under `parent` ("" for the top of the tree), named as privileges are;
  // automatic ones go to users created from now on. Refuses a name taken, an unknown parent.
  // Journals "access.role_created".
  Outcome create_role(const std::string& name, const std::string& parent = "",
                      bool automatic = false);

  // Moves a role under another parent ("" for the top). Refuses an unknown role or parent, and a
  // parent that is the role itself or one of its descendants (the tree would become a cycle).
  // Journals "access.role_moved".
  Outcome set_parent(const std::string& role, const std::string& parent);

  // Adds a privilege to what a role grants; takes it out. Refuses an unknown role or privilege,
  // one already there or not there (AlreadyDone). Journals "access.role_privilege_added" /
  // "access.role_privilege_removed".
  Outcome add_to_role(const std::string& role, const std::string& privilege);
  Outcome remove_from_role(const std::string& role, const std::string& privilege);

  // A role's definition; nullopt for an unknown one.
  std::optional<RoleView> role(const std::string& name) const;

  // Issues a ban (the rules of NewBan). Refuses a reason, network or expiry the rules refuse, an
  // unknown or deleted issuer or user, an unknown privilege, an issuer without the authority.
  // Journals "access.banned" (subject: the user, or "" for a network-only ban).
  Result<BanView> ban(const NewBan& ban);

  // Ends a ban now. `by` needs the authority that issuing it needed. Refuses an unknown ban
  // (NotFound) and one that has ended (AlreadyDone). Journals "access.ban_lifted".
  Outcome lift_ban(BanId ban, const PlayerId& by);

  // The full ban that keeps the user (and, when `ip` is given, that address) out now: of the bans
  // in force on either, the one that lasts longest (an unending one first). nullopt when none
  // applies. A privilege ban does not count (see bans()). Error{Usage} when `ip` is not empty and
  // not an IP address.
  std::optional<BanView> is_banned(const PlayerId& user, const std::string& ip = "") const;

  // The bans in force on a user now, full and privilege bans, the newest first.
  std::vector<BanView> bans(const PlayerId& user) const;

  // One ban, in force or ended; nullopt for an unknown one.
  std::optional<BanView> find_ban(BanId ban) const;

 private:
  Core& core_;
};

// The event types access journals (payloads: docs/rules.md).
struct AccessEvents {
  static constexpr std::string_view kRoleAssigned = "access.role_assigned";
  static constexpr std::string_view kRoleRevoked = "access.role_revoked";
  static constexpr std::string_view kPrivilegeGranted = "access.privilege_granted";
  static constexpr std::string_view kPrivilegeWithdrawn = "access.privilege_withdrawn";
  static constexpr std::string_view kPrivilegeCreated = "access.privilege_created";
  static constexpr std::string_view kRoleCreated = "access.role_created";
  static constexpr std::string_view kRoleMoved = "access.role_moved";
  static constexpr std::string_view kRolePrivilegeAdded = "access.role_privilege_added";
  static constexpr std::string_view kRolePrivilegeRemoved = "access.role_privilege_removed";
  static constexpr std::string_view kBanned = "access.banned";
  static constexpr std::string_view kBanLifted = "access.ban_lifted";
  static constexpr std::string_view kBanExpired = "access.ban_expired";
  static constexpr std::string_view kHostGranted = "access.host_granted";
};

}  // namespace hearth

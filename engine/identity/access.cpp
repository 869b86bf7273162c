#include "hearth/identity/access.h"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/networks.h"
#include "engine/identity/players_internal.h"

#include "hearth/core/error.h"
#include "hearth/game.h"

namespace hearth {

Access Game::access() { return Access(*core_); }

bool BanView::notice() const {
  return privileges.empty() ||
         std::find(privileges.begin(), privileges.end(), "web") != privileges.end();
}

namespace {

// The privileges that carry authority over other users: a user holding one of them can be banned
// only by a user holding it too.
constexpr std::string_view kAuthority[] = {"ban", "privban", "permaban", "root"};

constexpr std::int64_t kMaxName = 100;
constexpr std::int64_t kMaxDescription = 500;
constexpr std::int64_t kMaxReason = 500;

bool holds(const std::vector<std::string>& held, std::string_view privilege) {
  return std::find(held.begin(), held.end(), privilege) != held.end();
}

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

// The id of a role or privilege by name; a NotFound refusal naming it when there is none.
Result<std::int64_t> find(Reader& reader, const Grantable& kind, const std::string& name) {
  Query query(reader, fmt::format("SELECT id FROM {} WHERE {} = ?", kind.table, kind.column), name);
  if (!query.step()) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no {} '{}'.", kind.what, name));
  }
  return query.integer(0);
}

// Gives (`give`) or takes back a role or a privilege.
Outcome change(Core& core, const Grantable& kind, const PlayerId& user, const std::string& name,
               bool give) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, user); !active) return active;
    const Result<std::int64_t> id = find(command, kind, name);
    if (!id) return id.outcome();
    Query write(
        command,
        give ? fmt::format("INSERT OR IGNORE INTO {} (user_id, {}) VALUES (?, ?)", kind.join,
                           kind.key)
             : fmt::format("DELETE FROM {} WHERE user_id = ? AND {} = ?", kind.join, kind.key),
        user, id.value());
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

// Refuses a role or privilege name: 1 to 100 lowercase ASCII letters, digits, ':', '_', '-'.
Outcome check_name(std::string_view what, const std::string& name) {
  const bool valid =
      !name.empty() && static_cast<std::int64_t>(name.size()) <= kMaxName &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '-';
      });
  if (valid) return {};
  return Outcome::refused(
      Refusal::InvalidArgument,
      fmt::format("{} is 1 to {} lowercase letters, digits, ':', '_' or '-'.", what, kMaxName));
}

// Refuses a name already taken in `kind`'s table.
Outcome check_free(Reader& reader, const Grantable& kind, const std::string& name) {
  if (!find(reader, kind, name)) return {};
  return Outcome::refused(Refusal::AlreadyExists,
                          fmt::format("There is a {} '{}' already.", kind.what, name));
}

// The column list read_ban() reads.
constexpr const char* kBanColumns =
    "SELECT id, ifnull(user_id, ''), ip, cidr, reason, admin_id, expires_at, created_at, ended_at "
    "FROM bans ";

// "In force at ?now": not ended, not expired.
constexpr const char* kInForce = "ended_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ";

// Reads every ban the query gives (columns as kBanColumns), with the privileges each removes.
std::vector<BanView> read_bans(Reader& reader, Query& query) {
  std::vector<BanView> bans;
  while (query.step()) {
    BanView ban;
    ban.id = query.integer(0);
    ban.user = query.text(1);
    if (!query.is_null(2)) {
      ban.network = networks::to_string({query.text(2), static_cast<int>(query.integer(3))});
    }
    ban.reason = query.text(4);
    ban.issuer = query.text(5);
    if (!query.is_null(6)) ban.expires_at = query.integer(6);
    ban.created_at = query.integer(7);
    if (!query.is_null(8)) ban.ended_at = query.integer(8);
    bans.push_back(std::move(ban));
  }
  query.reset();
  for (BanView& ban : bans) {
    Query privileges(reader,
                     "SELECT p.privilege FROM ban_privileges b JOIN privileges p "
                     "ON p.id = b.privilege_id WHERE b.ban_id = ? ORDER BY p.privilege",
                     ban.id.value());
    while (privileges.step()) ban.privileges.push_back(privileges.text(0));
  }
  return bans;
}

// The bans in force on a user now, newest first.
std::vector<BanView> user_bans(Reader& reader, const PlayerId& user) {
  Query query(reader,
              std::string(kBanColumns) + "WHERE user_id = ? AND " + kInForce + "ORDER BY id DESC",
              user, reader.now());
  return read_bans(reader, query);
}

// Of full bans, the one that lasts longest (an unending one first); nullopt when none.
std::optional<BanView> longest_full(const std::vector<BanView>& bans) {
  std::optional<BanView> longest;
  for (const BanView& ban : bans) {
    if (!ban.privileges.empty()) continue;
    const bool longer = !longest || (longest->expires_at &&
                                     (!ban.expires_at || *ban.expires_at > *longest->expires_at));
    if (longer) longest = ban;
  }
  return longest;
}

// The privileges the user's roles (with their ancestors) and direct grants give, before bans;
// every privilege for a root holder.
std::vector<std::string> granted(Reader& reader, const PlayerId& user) {
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
  if (holds(held, "root")) {
    held.clear();
    Query all(reader, "SELECT privilege FROM privileges ORDER BY privilege");
    while (all.step()) held.push_back(all.text(0));
  }
  return held;
}

// What the "reduced" role grants: all a fully banned user keeps.
std::vector<std::string> reduced(Reader& reader) {
  std::vector<std::string> kept;
  Query query(reader,
              "SELECT p.privilege FROM roles r JOIN role_privileges rp ON rp.role_id = r.id "
              "JOIN privileges p ON p.id = rp.privilege_id WHERE r.role = 'reduced' "
              "ORDER BY p.privilege");
  while (query.step()) kept.push_back(query.text(0));
  return kept;
}

// A user's privileges now and the bans in force on them.
struct Held {
  std::vector<std::string> privileges;
  std::vector<BanView> bans;
};

Held held_by(Reader& reader, const PlayerId& user) {
  Held held{granted(reader, user), user_bans(reader, user)};
  if (held.bans.empty()) return held;
  if (longest_full(held.bans)) {
    std::vector<std::string> kept = reduced(reader);
    std::erase_if(held.privileges, [&](const std::string& p) { return !holds(kept, p); });
    return held;
  }
  for (const BanView& ban : held.bans) {
    std::erase_if(held.privileges, [&](const std::string& p) { return holds(ban.privileges, p); });
  }
  return held;
}

// Refuses `by` acting on a ban of this kind: the privileges issuing (or lifting) it needs.
Outcome check_authority(const std::vector<std::string>& held, bool network, bool unending,
                        bool full) {
  if (holds(held, "permaban")) return {};
  if (network) {
    return Outcome::refused(Refusal::NotAllowed,
                            "Banning an address or a network needs the 'permaban' privilege.");
  }
  if (unending) {
    return Outcome::refused(Refusal::NotAllowed,
                            "A ban without an end needs the 'permaban' privilege.");
  }
  if (holds(held, "ban") || (!full && holds(held, "privban"))) return {};
  return Outcome::refused(Refusal::NotAllowed,
                          full ? "Banning a user needs the 'ban' privilege."
                               : "A privilege ban needs the 'privban' or 'ban' privilege.");
}

// The user row's state for acting: NotFound, or NotAllowed for a deleted or deactivated user.
Outcome check_may_act(Reader& reader, const PlayerId& user) {
  Query query(reader, "SELECT deleted, is_active FROM users WHERE id = ?", user);
  if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such player.");
  const bool deleted = query.flag(0);
  const bool active = query.flag(1);
  query.reset();
  if (deleted) return Outcome::refused(Refusal::NotAllowed, "A deleted player cannot act.");
  if (!active) return Outcome::refused(Refusal::NotAllowed, "A deactivated player cannot act.");
  return {};
}

}  // namespace

Outcome access::banned(const BanView& ban, GameTime now) {
  const std::string until =
      ban.expires_at ? fmt::format("for {} more", format_duration(Duration(*ban.expires_at - now)))
                     : std::string("until the ban is lifted");
  if (ban.privileges.empty()) {
    return Outcome::refused(Refusal::Banned,
                            fmt::format("The account is banned {}: {}", until, ban.reason));
  }
  return Outcome::refused(Refusal::Banned,
                          fmt::format("A ban takes this away {}: {}", until, ban.reason));
}

std::optional<BanView> access::full_ban(Reader& reader, const PlayerId& user) {
  return longest_full(user_bans(reader, user));
}

std::vector<std::string> access::privileges(Reader& reader, const PlayerId& user) {
  return held_by(reader, user).privileges;
}

// Every role's grants with its ancestors', loaded once (one walk of the whole tree) and kept until
// roles change.
const Core::RolePrivileges& role_privileges(Reader& reader) {
  auto& cached = reader.core().role_privileges();
  if (cached) return *cached;
  Core::RolePrivileges loaded;
  Query all(reader,
            "WITH RECURSIVE up (role, ancestor) AS (SELECT id, id FROM roles UNION SELECT "
            "up.role, r.parent_id FROM up JOIN roles r ON r.id = up.ancestor WHERE r.parent_id "
            "IS NOT NULL) SELECT DISTINCT up.role, p.privilege FROM up JOIN role_privileges rp ON "
            "rp.role_id = up.ancestor JOIN privileges p ON p.id = rp.privilege_id "
            "ORDER BY up.role, p.privilege");
  while (all.step()) loaded[all.integer(0)].push_back(all.text(1));
  cached = std::move(loaded);
  return *cached;
}

Outcome access::require(Reader& reader, const PlayerId& actor, std::string_view privilege) {
  // The common case: the user may act, holds the privilege (or root) through a role (the roles'
  // grants are held in memory) or directly, and is under no ban — one statement, no recursion.
  const Core::RolePrivileges& roles = role_privileges(reader);
  Query quick(reader,
              "SELECT u.deleted = 0 AND u.is_active = 1 AND NOT EXISTS (SELECT 1 FROM bans WHERE "
              "user_id = ?1 AND ended_at IS NULL AND (expires_at IS NULL OR expires_at > ?3)), "
              "EXISTS (SELECT 1 FROM user_privileges up JOIN privileges p ON p.id = "
              "up.privilege_id WHERE up.user_id = ?1 AND (p.privilege = ?2 OR p.privilege = "
              "'root')), (SELECT group_concat(role_id) FROM user_roles WHERE user_id = ?1) "
              "FROM users u WHERE u.id = ?1",
              actor, privilege, reader.now());
  if (quick.step() && quick.flag(0)) {
    bool held = quick.flag(1);
    const std::string role_ids = quick.is_null(2) ? std::string() : quick.text(2);
    for (std::size_t at = 0; !held && at < role_ids.size();) {
      const std::size_t comma = std::min(role_ids.find(',', at), role_ids.size());
      const auto granted = roles.find(std::stoll(role_ids.substr(at, comma - at)));
      held = granted != roles.end() &&
             (holds(granted->second, privilege) || holds(granted->second, "root"));
      at = comma + 1;
    }
    if (held) return {};
  }
  quick.reset();
  if (Outcome may = check_may_act(reader, actor); !may) return may;
  const Held held = held_by(reader, actor);
  if (holds(held.privileges, privilege)) return {};
  if (std::optional<BanView> full = longest_full(held.bans)) return banned(*full, reader.now());
  for (const BanView& ban : held.bans) {
    if (holds(ban.privileges, privilege)) return banned(ban, reader.now());
  }
  return Outcome::refused(Refusal::NotAllowed,
                          fmt::format("The player lacks the '{}' privilege.", privilege));
}

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
  Query host(command, "UPDATE users SET host_due_at = created_at + ? WHERE id = ?",
             command.rules().access.host_after, user);
  host.exec();
  command.schedule(command.now() + command.rules().access.host_after);
}

void access::tick_bans(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, ifnull(user_id, ''), expires_at FROM bans WHERE ended_at IS NULL AND "
              "expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
              to, command.batch_of(kBatch));

    struct Ending {
      std::int64_t ban;
      PlayerId user;
      GameTime at;
    };

    std::vector<Ending> ending;
    while (due.step()) ending.push_back({due.integer(0), due.text(1), due.integer(2)});
    due.reset();
    if (ending.empty()) return;
    command.spend(ending.size());
    for (const Ending& end : ending) {
      Query close(command, "UPDATE bans SET ended_at = expires_at WHERE id = ?", end.ban);
      close.exec();
      command.emit_at(end.at, AccessEvents::kBanExpired, "", end.user,
                      Payload().add("ban", end.ban).str());
    }
  }
}

void access::tick_host(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, host_due_at, deleted FROM users WHERE host_due_at <= ?1 "
              "ORDER BY host_due_at, id LIMIT ?2",
              to, command.batch_of(kBatch));

    struct Due {
      PlayerId user;
      GameTime at;
      bool deleted;
    };

    std::vector<Due> due_now;
    while (due.step()) due_now.push_back({due.text(0), due.integer(1), due.flag(2)});
    due.reset();
    if (due_now.empty()) return;
    command.spend(due_now.size());
    for (const Due& user : due_now) {
      Query done(command, "UPDATE users SET host_due_at = NULL WHERE id = ?", user.user);
      done.exec();
      if (user.deleted) continue;
      Query give(command,
                 "INSERT OR IGNORE INTO user_privileges (user_id, privilege_id) "
                 "SELECT ?, id FROM privileges WHERE privilege = 'host'",
                 user.user);
      give.exec();
      command.emit_at(user.at, AccessEvents::kHostGranted, "", user.user, "{}");
    }
  }
}

void access::reschedule_host(Command& command) {
  Query again(command,
              "UPDATE users SET host_due_at = max(created_at + ?1, ?2) "
              "WHERE host_due_at IS NOT NULL",
              command.rules().access.host_after, command.now());
  again.exec();
}

std::vector<std::string> Access::privileges(const PlayerId& user) const {
  return core_.read([&](Reader& reader) { return access::privileges(reader, user); });
}

bool Access::has(const PlayerId& user, std::string_view privilege) const {
  return holds(privileges(user), privilege);
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

bool access::set_role(Command& command, const PlayerId& user, std::int64_t role, bool give) {
  Query write(command,
              give ? "INSERT OR IGNORE INTO user_roles (user_id, role_id) VALUES (?, ?)"
                   : "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?",
              user, role);
  if (write.exec() == 0) return false;
  write.reset();
  Query name(command, "SELECT role FROM roles WHERE id = ?", role);
  name.step();
  command.emit(give ? kRole.given : kRole.taken, "", user,
               Payload().add("role", name.text(0)).str());
  return true;
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

Outcome Access::create_privilege(const std::string& name, const std::string& description,
                                 bool automatic) {
  if (Outcome valid = check_name("A privilege name", name); !valid) return valid;
  if (Outcome valid = text::check_optional("A description", description, kMaxDescription); !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome free = check_free(command, kPrivilege, name); !free) return free;
    Query insert(command,
                 "INSERT INTO privileges (privilege, description, automatic, created_at, "
                 "updated_at) VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?4)",
                 name, description, automatic, command.now());
    insert.exec();
    command.emit(AccessEvents::kPrivilegeCreated, "", "",
                 Payload().add("privilege", name).add("automatic", automatic).str());
    return {};
  });
}

Outcome Access::create_role(const std::string& name, const std::string& parent, bool automatic) {
  if (Outcome valid = check_name("A role name", name); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome free = check_free(command, kRole, name); !free) return free;
    std::optional<std::int64_t> parent_id;
    if (!parent.empty()) {
      const Result<std::int64_t> found = find(command, kRole, parent);
      if (!found) return found.outcome();
      parent_id = found.value();
    }
    Query insert(command,
                 "INSERT INTO roles (role, parent_id, automatic, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?4)",
                 name, parent_id, automatic, command.now());
    insert.exec();
    command.core().role_privileges().reset();
    command.emit(
        AccessEvents::kRoleCreated, "", "",
        Payload().add("role", name).add("parent", parent).add("automatic", automatic).str());
    return {};
  });
}

Outcome Access::set_parent(const std::string& role, const std::string& parent) {
  return core_.run([&](Command& command) -> Outcome {
    const Result<std::int64_t> id = find(command, kRole, role);
    if (!id) return id.outcome();
    std::optional<std::int64_t> parent_id;
    if (!parent.empty()) {
      const Result<std::int64_t> found = find(command, kRole, parent);
      if (!found) return found.outcome();
      parent_id = found.value();
      Query ancestors(command,
                      "WITH RECURSIVE up (id) AS (SELECT ?1 UNION SELECT r.parent_id FROM roles r "
                      "JOIN up ON r.id = up.id WHERE r.parent_id IS NOT NULL) "
                      "SELECT 1 FROM up WHERE id = ?2",
                      found.value(), id.value());
      if (ancestors.step()) {
        return Outcome::refused(
            Refusal::NotAllowed,
            fmt::format("The role '{}' cannot go under '{}': it is '{}' itself or above it.", role,
                        parent, parent));
      }
    }
    Query move(command, "UPDATE roles SET parent_id = ?1, updated_at = ?2 WHERE id = ?3", parent_id,
               command.now(), id.value());
    move.exec();
    command.core().role_privileges().reset();
    command.emit(AccessEvents::kRoleMoved, "", "",
                 Payload().add("role", role).add("parent", parent).str());
    return {};
  });
}

namespace {

// Adds a privilege to a role (`add`) or takes it out.
Outcome change_role(Core& core, const std::string& role, const std::string& privilege, bool add) {
  return core.run([&](Command& command) -> Outcome {
    const Result<std::int64_t> role_id = find(command, kRole, role);
    if (!role_id) return role_id.outcome();
    const Result<std::int64_t> privilege_id = find(command, kPrivilege, privilege);
    if (!privilege_id) return privilege_id.outcome();
    Query write(command,
                add ? "INSERT OR IGNORE INTO role_privileges (role_id, privilege_id) VALUES (?, ?)"
                    : "DELETE FROM role_privileges WHERE role_id = ? AND privilege_id = ?",
                role_id.value(), privilege_id.value());
    write.exec();
    command.core().role_privileges().reset();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(
          Refusal::AlreadyDone,
          add ? fmt::format("The role '{}' grants '{}' already.", role, privilege)
              : fmt::format("The role '{}' does not grant '{}'.", role, privilege));
    }
    command.emit(add ? AccessEvents::kRolePrivilegeAdded : AccessEvents::kRolePrivilegeRemoved, "",
                 "", Payload().add("role", role).add("privilege", privilege).str());
    return {};
  });
}

}  // namespace

Outcome Access::add_to_role(const std::string& role, const std::string& privilege) {
  return change_role(core_, role, privilege, true);
}

Outcome Access::remove_from_role(const std::string& role, const std::string& privilege) {
  return change_role(core_, role, privilege, false);
}

std::optional<RoleView> Access::role(const std::string& name) const {
  return core_.read([&](Reader& reader) -> std::optional<RoleView> {
    Query query(reader,
                "SELECT r.id, ifnull(p.role, ''), r.automatic FROM roles r "
                "LEFT JOIN roles p ON p.id = r.parent_id WHERE r.role = ?",
                name);
    if (!query.step()) return std::nullopt;
    RoleView role{name, query.text(1), query.flag(2), {}};
    const std::int64_t id = query.integer(0);
    query.reset();
    Query privileges(reader,
                     "SELECT p.privilege FROM role_privileges rp JOIN privileges p "
                     "ON p.id = rp.privilege_id WHERE rp.role_id = ? ORDER BY p.privilege",
                     id);
    while (privileges.step()) role.privileges.push_back(privileges.text(0));
    return role;
  });
}

Result<BanView> access::issue_ban(Command& command, const NewBan& ban, bool by_system) {
  if (Outcome valid = text::check("A ban's reason", ban.reason, 1, kMaxReason); !valid) {
    return valid;
  }
  std::optional<networks::Network> network;
  if (!ban.network.empty()) {
    network = networks::parse(ban.network);
    if (!network) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("'{}' is not an IP address or a network (\"10.0.0.0/8\").", ban.network));
    }
  }
  if (ban.user.empty() && !network) {
    return Outcome::refused(Refusal::InvalidArgument, "A ban names a user, a network or both.");
  }
  if (!ban.privileges.empty() && (ban.user.empty() || network)) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A privilege ban names a user and no network.");
  }
  const std::set<std::string> removed(ban.privileges.begin(), ban.privileges.end());
  const GameTime now = command.now();
  if (ban.expires_at && *ban.expires_at <= now) {
    return Outcome::refused(Refusal::InvalidArgument, "A ban's expiry is after now.");
  }
  std::vector<std::int64_t> privilege_ids;
  for (const std::string& name : removed) {
    const Result<std::int64_t> id = find(command, kPrivilege, name);
    if (!id) return id.outcome();
    privilege_ids.push_back(id.value());
  }
  const bool full = removed.empty();
  const std::vector<std::string> authority =
      by_system ? std::vector<std::string>(std::begin(kAuthority), std::end(kAuthority))
                : access::privileges(command, ban.issuer);
  if (!by_system) {
    if (Outcome may = check_may_act(command, ban.issuer); !may) return may;
  }
  if (Outcome may = check_authority(authority, network.has_value(), !ban.expires_at, full); !may) {
    return may;
  }
  if (!holds(authority, "permaban") &&
      *ban.expires_at - now > command.rules().access.longest_limited_ban) {
    return Outcome::refused(
        Refusal::NotAllowed,
        fmt::format("Without 'permaban' a ban lasts at most {}.",
                    format_duration(Duration(command.rules().access.longest_limited_ban))));
  }
  if (!ban.user.empty()) {
    const std::optional<bool> deleted = players::deleted(command, ban.user);
    if (!deleted) return Outcome::refused(Refusal::NotFound, "There is no such user to ban.");
    if (*deleted) return Outcome::refused(Refusal::NotAllowed, "The user is deleted.");
    if (ban.user == ban.issuer) {
      return Outcome::refused(Refusal::NotAllowed, "Nobody may ban themselves.");
    }
    const std::vector<std::string> target = granted(command, ban.user);
    for (std::string_view privilege : kAuthority) {
      if (holds(target, privilege) && !holds(authority, privilege)) {
        return Outcome::refused(
            Refusal::NotAllowed,
            fmt::format("The user holds '{}', which the issuer does not.", privilege));
      }
    }
  }
  Query insert(command,
               "INSERT INTO bans (reason, ip, cidr, user_id, admin_id, privilege_ban, "
               "expires_at, created_at) VALUES (:reason, :ip, :cidr, NULLIF(:user, ''), "
               ":issuer, :privilege_ban, :expires, :now)",
               named(":reason", ban.reason),
               named(":ip", network ? std::optional<std::string>(network->address) : std::nullopt),
               named(":cidr", network ? network->prefix : 32), named(":user", ban.user.value()),
               named(":issuer", ban.issuer.value()), named(":privilege_ban", !full),
               named(":expires", ban.expires_at), named(":now", now));
  insert.exec();
  if (ban.expires_at) command.schedule(*ban.expires_at);
  const std::int64_t id = command.last_insert_id();
  for (std::int64_t privilege : privilege_ids) {
    Query link(command, "INSERT INTO ban_privileges (ban_id, privilege_id) VALUES (?, ?)", id,
               privilege);
    link.exec();
  }
  command.emit(AccessEvents::kBanned, ban.issuer, ban.user,
               Payload()
                   .add("ban", id)
                   .add("full", full)
                   .add("network", network ? networks::to_string(*network) : std::string())
                   .raw("expires_at", ban.expires_at ? std::to_string(*ban.expires_at) : "null")
                   .str());
  Query read(command, std::string(kBanColumns) + "WHERE id = ?", id);
  return read_bans(command, read).front();
}

Result<BanView> Access::ban(const NewBan& ban) {
  return core_.run([&](Command& command) { return access::issue_ban(command, ban); });
}

Outcome Access::lift_ban(BanId ban, const PlayerId& by) {
  return core_.run([&](Command& command) -> Outcome {
    Query read(command, std::string(kBanColumns) + "WHERE id = ?", ban.value());
    const std::vector<BanView> found = read_bans(command, read);
    if (found.empty()) return Outcome::refused(Refusal::NotFound, "There is no such ban.");
    const BanView& lifted = found.front();
    if (lifted.ended_at || (lifted.expires_at && *lifted.expires_at <= command.now())) {
      return Outcome::refused(Refusal::AlreadyDone, "The ban has ended already.");
    }
    if (Outcome may = check_may_act(command, by); !may) return may;
    if (lifted.user == by) {
      return Outcome::refused(Refusal::NotAllowed, "Nobody may lift a ban on themselves.");
    }
    if (Outcome may = check_authority(access::privileges(command, by), !lifted.network.empty(),
                                      !lifted.expires_at, lifted.privileges.empty());
        !may) {
      return may;
    }
    Query end(command, "UPDATE bans SET ended_at = ?1, lifted_by = ?2 WHERE id = ?3", command.now(),
              by, ban.value());
    end.exec();
    command.emit(AccessEvents::kBanLifted, by, lifted.user,
                 Payload().add("ban", ban.value()).str());
    return {};
  });
}

std::optional<BanView> Access::is_banned(const PlayerId& user, const std::string& ip) const {
  std::optional<networks::Network> address;
  if (!ip.empty()) {
    address = networks::parse(ip);
    if (!address) throw Error(ErrorKind::Usage, fmt::format("'{}' is not an IP address.", ip));
  }
  return core_.read([&](Reader& reader) {
    std::vector<BanView> bans = user_bans(reader, user);
    if (address) {
      if (std::optional<BanView> ban = access::address_ban(reader, *address)) bans.push_back(*ban);
    }
    return longest_full(bans);
  });
}

std::optional<BanView> access::address_ban(Reader& reader, const networks::Network& address) {
  Query query(
      reader,
      std::string(kBanColumns) + "WHERE ip IS NOT NULL AND " + kInForce + "ORDER BY id DESC",
      reader.now());
  std::vector<BanView> bans;
  for (BanView& ban : read_bans(reader, query)) {
    const std::optional<networks::Network> network = networks::parse(ban.network);
    if (network && networks::contains(*network, address)) bans.push_back(std::move(ban));
  }
  return longest_full(bans);
}

std::vector<BanView> Access::bans(const PlayerId& user) const {
  return core_.read([&](Reader& reader) { return user_bans(reader, user); });
}

std::optional<BanView> Access::find_ban(BanId ban) const {
  return core_.read([&](Reader& reader) -> std::optional<BanView> {
    Query query(reader, std::string(kBanColumns) + "WHERE id = ?", ban.value());
    std::vector<BanView> found = read_bans(reader, query);
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

}  // namespace hearth

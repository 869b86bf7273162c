// The access concern's internal API: what other concerns ask of privileges and bans, and its
// part in the tick. Internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/command.h"
#include "engine/identity/networks.h"

#include "hearth/identity/access.h"

namespace hearth::access {

// Ok when `actor` may make a player command that needs `privilege`: the user exists, is neither
// deleted nor deactivated, and holds the privilege now. Otherwise a refusal: NotFound,
// NotAllowed (deleted, deactivated, or lacking it), or Banned (a ban in force took it away).
// Every player command asks this first; it is the one place that decides.
Outcome require(Reader& reader, const PlayerId& actor, std::string_view privilege);

// The user's privileges now (Access::privileges).
std::vector<std::string> privileges(Reader& reader, const PlayerId& user);

// The full ban in force on the user that lasts longest; nullopt when none.
std::optional<BanView> full_ban(Reader& reader, const PlayerId& user);

// The full ban in force on an address or a network containing it that lasts longest; nullopt
// when none.
std::optional<BanView> address_ban(Reader& reader, const networks::Network& address);

// Issues a ban inside the caller's command (Access::ban's rules and events), e.g. a penalty
// that comes with a moderator's decision. `by_system`: a rule of the game imposes it (an
// automatic timeout); the issuer is recorded as the user whose action set it off, and its
// authority is not checked.
Result<BanView> issue_ban(Command& command, const NewBan& ban, bool by_system = false);

// The Banned refusal for `ban`: for how long, and its reason.
Outcome banned(const BanView& ban, GameTime now);

// Gives `user` the role `role` (an id), or takes it back, journaling "access.role_assigned" or
// "access.role_revoked"; false when the user already held it (or did not). REQUIRES: the role
// exists.
bool set_role(Command& command, const PlayerId& user, std::int64_t role, bool give);

// Gives a new user every automatic role and privilege, and schedules "host" for when the account
// is Rules::access.host_after old.
void grant_automatic(Command& command, const PlayerId& user);

// The tick: bans whose expiry has come end, each journaled once ("access.ban_expired").
void tick_bans(Command& command, GameTime to);

// The tick: users whose account reached Rules::access.host_after get "host", each journaled once
// ("access.host_granted"); deleted users get nothing.
void tick_host(Command& command, GameTime to);

// Recomputes when each waiting user gets "host", after Rules::access.host_after changed.
void reschedule_host(Command& command);

}  // namespace hearth::access

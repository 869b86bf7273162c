// The accounts concern's internal API (ending a user's log-ins) and its part in the tick.
// Internal.
#pragma once

#include <cstdint>

#include "engine/core/command.h"

namespace hearth {

namespace accounts {

// Ends every log-in of `user` (all its tokens are revoked: a stored session stops at once) and
// journals "account.logged_out_everywhere". Returns how many tokens were revoked.
std::int64_t end_sessions(Command& command, const PlayerId& user);

}  // namespace accounts

// Subscriptions running out by `to` (Active or Cancelled) become Expired as of their expiry,
// each journaled once ("account.subscription_expired").
void tick_subscriptions(Command& command, GameTime to);

}  // namespace hearth

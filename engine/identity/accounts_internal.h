// The accounts concern's part in the tick. Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth {

// Subscriptions running out by `to` (Active or Cancelled) become Expired as of their expiry,
// each journaled once ("account.subscription_expired").
void tick_subscriptions(Command& command, GameTime to);

}  // namespace hearth

// The numbers of hosted servers and play sessions (Rules::hosting).
#pragma once

#include "hearth/core/clock.h"

namespace hearth {

struct HostingRules {
  // How long a session token from Servers::play may wait to be presented (once) by the client.
  GameTime session_token_lifetime = kMinute;

  bool operator==(const HostingRules&) const = default;
};

}  // namespace hearth

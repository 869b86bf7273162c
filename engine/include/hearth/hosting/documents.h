// The JSON documents of hosted servers (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// hosted_servers.server_info: what a server uploads about itself.
struct ServerInfo {
  std::string name;
  std::string version;           // the server's build
  std::int64_t max_players = 0;  // 0 = unknown

  bool operator==(const ServerInfo&) const = default;
};

}  // namespace hearth

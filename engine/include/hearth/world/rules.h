// The numbers of locations (Rules::locations).
#pragma once

#include <cstdint>

namespace hearth {

// Where players are (Locations).
struct LocationRules {
  std::int64_t dock_turns = 1;    // turns docking at a station costs
  std::int64_t undock_turns = 1;  // turns leaving it costs

  bool operator==(const LocationRules&) const = default;
};

}  // namespace hearth

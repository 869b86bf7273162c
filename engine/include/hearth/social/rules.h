// The numbers of teams (Rules::teams).
#pragma once

#include <cstdint>

namespace hearth {

// Teams.
struct TeamRules {
  std::int64_t creation_cost = 10000;  // credits the founder pays (to the sink)
  std::int64_t default_max_members = 4;
  std::int64_t name_min_length = 3;
  std::int64_t name_max_length = 80;

  bool operator==(const TeamRules&) const = default;
};

}  // namespace hearth

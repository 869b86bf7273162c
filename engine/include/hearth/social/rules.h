// The numbers of teams and of friends (Rules::teams, Rules::relations).
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

// Friends, follows and blocks.
struct RelationRules {
  // How many friends a user may have; a request is refused when either side is at the limit
  // (pending requests do not count).
  std::int64_t max_friends = 250;
  // The most entries one page of a list returns (a larger limit is refused).
  std::int64_t max_page = 200;

  bool operator==(const RelationRules&) const = default;
};

}  // namespace hearth

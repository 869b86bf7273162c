// The numbers of teams, friends and messages (Rules::teams, Rules::relations, Rules::messages).
#pragma once

#include <cstdint>

#include "hearth/core/clock.h"

namespace hearth {

// Teams.
struct TeamRules {
  std::int64_t creation_cost = 10000;  // credits the founder pays (to the sink)
  std::int64_t default_max_members = 4;
  std::int64_t name_min_length = 3;
  std::int64_t name_max_length = 80;
  // How long a personal invitation stays good.
  GameTime invitation_lifetime = 7 * kDay;

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

// Messages.
struct MessageRules {
  std::int64_t max_subject = 255;   // characters; a subject is optional
  std::int64_t max_content = 4000;  // characters; content has at least 1
  // A thread holds at most this many messages; a reply beyond is refused (a new thread is not).
  std::int64_t max_thread = 50;
  // A player sends at most `rate_limit` messages in any `rate_window` (system messages are not
  // counted).
  std::int64_t rate_limit = 10;
  GameTime rate_window = kMinute;
  // A message every side has deleted is purged this long after the last deletion.
  GameTime retention = 30 * kDay;
  // A flag's reason: this many characters.
  std::int64_t flag_reason_min = 10;
  std::int64_t flag_reason_max = 255;
  // The most messages one page returns.
  std::int64_t max_page = 100;

  bool operator==(const MessageRules&) const = default;
};

}  // namespace hearth

// The JSON documents of quests and timers (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// quests.requirements.
struct QuestRequirements {
  // Progress needed to complete; the default 1 completes on the first matching event.
  std::int64_t target = 1;

  bool operator==(const QuestRequirements&) const = default;
};

// An item a quest gives on completion.
struct QuestItem {
  std::int64_t item_id = 0;  // items.id
  std::int64_t quantity = 1;

  bool operator==(const QuestItem&) const = default;
};

// quests.rewards; 0 = no reward of that kind.
struct QuestRewards {
  std::int64_t xp = 0;
  std::int64_t balance = 0;   // money, in `currency`
  std::int64_t currency = 0;  // currencies.id; 0 = the default currency
  std::vector<QuestItem> items;

  bool operator==(const QuestRewards&) const = default;
};

// user_timers.metadata.
struct TimerMetadata {
  double multiplier = 1.0;  // xp_boost EFFECT timers; 1 = no boost

  bool operator==(const TimerMetadata&) const = default;
};

}  // namespace hearth

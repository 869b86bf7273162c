// The JSON documents of items: usage data, loot tables (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// One outcome of a LOOTBOX pool. Older documents spell the keys minAmount/maxAmount/itemId.
struct LootEntry {
  std::string type = "NOTHING";  // "CURRENCY" | "ITEM" | "XP" | "NOTHING"
  std::int64_t weight = 1;       // relative to the pool's total
  std::string message;           // "" = none
  // CURRENCY/XP: a fixed amount, or 0 to draw from [min_amount, max_amount]. ITEM: the quantity,
  // 0 = 1.
  std::int64_t amount = 0;
  std::int64_t min_amount = 0;
  std::int64_t max_amount = 0;
  std::int64_t item_id = 0;  // ITEM: items.id; 0 = none

  bool operator==(const LootEntry&) const = default;
};

// One effect of using an item; which fields matter depends on type.
struct ItemEffect {
  std::string type;             // "XP_BOOST" | "TEMP_ROLE" | "LOOTBOX" | a game's own
  double multiplier = 1.0;      // XP_BOOST
  GameTime duration = 0;        // XP_BOOST/TEMP_ROLE: how long the EFFECT timer runs; 0 = none
  std::int64_t role_id = 0;     // TEMP_ROLE: roles.id; 0 = none
  std::vector<LootEntry> pool;  // LOOTBOX

  bool operator==(const ItemEffect&) const = default;
};

// items.usage_data. An item without effects is not usable.
struct ItemUsage {
  bool consume = false;  // one is removed from the stack per use
  std::vector<ItemEffect> effects;

  bool operator==(const ItemUsage&) const = default;
};

}  // namespace hearth

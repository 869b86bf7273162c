// The numbers of money, items and loot drops (Rules::ledger, ::inventory, ::loot).
#pragma once

#include <cstdint>
#include <string>

#include "hearth/core/clock.h"

namespace hearth {

// Money.
struct LedgerRules {
  // A conversion that divides (a rate destination → source used backwards, e.g. fragments into
  // credits) leaves what is not a whole destination unit in the source account; when true, such
  // an amount is refused instead: it must be an exact multiple of the ratio.
  bool exact_conversions = false;

  bool operator==(const LedgerRules&) const = default;
};

// Items.
struct InventoryRules {
  // Distinct items a user may hold, and the quantity of one stack; checked on every add. 0 = no
  // limit.
  std::int64_t max_slots = 50;
  std::int64_t max_stack_size = 999;
  // Selling an item back pays this percentage of its price (rounded down).
  std::int64_t sell_back_percent = 50;

  bool operator==(const InventoryRules&) const = default;
};

// Loot drops: spawned by chat activity, claimed by the first to ask.
struct LootRules {
  // A drop may spawn in a channel that had at least min_messages messages within the last
  // activity_window, at least cooldown after its previous drop; then it spawns with probability
  // spawn_chance (0 to 1) per message.
  GameTime activity_window = 2 * kMinute;
  std::int64_t min_messages = 5;
  double spawn_chance = 0.1;
  GameTime cooldown = 5 * kMinute;
  // The amount of a drop is drawn from [reward_min, reward_max] in currency (a currency's name;
  // empty: the default currency). An unclaimed drop expires after lifetime.
  std::int64_t reward_min = 10;
  std::int64_t reward_max = 100;
  std::string currency;
  GameTime lifetime = 10 * kMinute;

  bool operator==(const LootRules&) const = default;
};

}  // namespace hearth

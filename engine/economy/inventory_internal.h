// The inventory's internal operations, for every concern that hands out or takes items (loot,
// quests, shops, trades...). Internal to the engine: games use engine/inventory.h. Each runs
// inside the caller's command; a refusal writes nothing, and the caller returns it so that the
// whole command rolls back.
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/command.h"

#include "hearth/core/outcome.h"
#include "hearth/economy/inventory.h"

namespace hearth::inventory {

// One change to one stack, recorded as one item_transactions row.
struct ItemPosting {
  std::string user_id;
  std::int64_t item = 0;
  std::int64_t quantity = 0;  // > 0: added or removed
  std::string type;           // e.g. "DROP", "TRADE", "SHOP_BUY"; 1 to 50 characters
  std::string description;
  std::string related_user_id;  // the other party; empty for none
  std::string actor;            // who caused it, for the event; empty for the game itself
};

// Adds to a stack (creating it), journaling "inventory.added"; returns the history row's id.
// Refuses a quantity that is not positive, a type of the wrong length, an unknown user, related
// user or item, a stack past Rules::inventory.max_stack_size or one stack too many for
// Rules::inventory.max_slots.
Result<std::int64_t> add(Command& command, const ItemPosting& posting);

// Removes from a stack (deleting it at zero), journaling "inventory.removed"; returns the
// history row's id. Refuses what add refuses (but the limits), and more than the user holds.
Result<std::int64_t> remove(Command& command, const ItemPosting& posting);

// Refuses usage data (items.usage_data) that is not an object of the documented shape: a JSON
// object {consume, effects}, each effect with a type, built-in effects with their fields in range.
// Effect types no handler is registered for pass (a game may register them later).
Outcome check_usage(Command& command, const std::string& usage_data);

// How many of `item` the user holds (0 for none).
std::int64_t quantity(Reader& reader, const std::string& user_id, std::int64_t item);

// Every stack that disagrees with its history (see Inventory::check_inventory).
std::vector<InventoryViolation> find_violations(Reader& reader);

}  // namespace hearth::inventory

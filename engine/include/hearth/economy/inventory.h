// Inventory: item definitions, the stacks of items users hold, and the history of every change
// to a stack.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// An item definition.
struct NewItem {
  std::string name;               // 1 to 255 characters, unique regardless of case
  std::string type;               // 1 to 50 characters, e.g. "MATERIAL", "CONSUMABLE"
  std::string rarity = "Common";  // 1 to 20 characters
  std::string description;
  std::optional<std::int64_t> price;  // base value in the default currency; none: not sold
  std::string usage_data = "{}";      // a JSON object: {consume, effects: [...]}
  std::string icon_url;
  std::string image_url;
};

struct ItemView {
  ItemId id;
  std::string name;
  std::string type;
  std::string rarity;
  std::string description;
  std::optional<std::int64_t> price;
  std::string usage_data;
  std::string icon_url;
  std::string image_url;

  bool operator==(const ItemView&) const = default;
};

// A stack: `quantity` (> 0) of one item held by one user.
struct Stack {
  ItemId item;
  std::string name;
  std::int64_t quantity = 0;

  bool operator==(const Stack&) const = default;
};

// Adding or removing `quantity` (> 0) of an item to or from a user's stack.
struct ItemChange {
  PlayerId user_id;
  ItemId item;
  std::int64_t quantity = 0;
  // 1 to 50 characters, e.g. "DROP", "REWARD", "USE"; empty: GRANT when adding, REMOVE when
  // removing.
  std::string type;
  std::string description;
  PlayerId related_user_id;  // the other party, if any
};

// Moving `quantity` of an item from one user's stack to another's (type TRADE by default).
struct ItemTransfer {
  PlayerId from_user;
  PlayerId to_user;
  ItemId item;
  std::int64_t quantity = 0;
  std::string type;
  std::string description;
};

// The two history rows of an ItemTransfer.
struct ItemTransferReceipt {
  std::int64_t removed_entry = 0;
  std::int64_t added_entry = 0;

  bool operator==(const ItemTransferReceipt&) const = default;
};

// Buying `quantity` of an item at its price, paid from the user's default-currency account.
struct Purchase {
  PlayerId user_id;
  ItemId item;
  std::int64_t quantity = 1;
};

struct PurchaseReceipt {
  TransactionId transaction;  // the ledger row of the payment; 0 when the item is free
  std::int64_t entry = 0;     // the item history row
  std::int64_t paid = 0;

  bool operator==(const PurchaseReceipt&) const = default;
};

// Selling items back: `quantity` of an item at Rules::inventory.sell_back_percent of its price.
struct SaleReceipt {
  TransactionId transaction;  // the ledger row of the payment; 0 when it pays nothing
  std::int64_t entry = 0;     // the item history row
  std::int64_t paid = 0;

  bool operator==(const SaleReceipt&) const = default;
};

// One draw from a LOOTBOX's pool.
struct LootDraw {
  std::string type;         // "CURRENCY", "ITEM", "XP" or "NOTHING"
  std::int64_t amount = 0;  // money, XP or items; 0 for NOTHING
  ItemId item;              // ITEM: which
  std::string message;      // the pool entry's message, if any

  bool operator==(const LootDraw&) const = default;
};

// What using an item did.
struct ItemUse {
  bool consumed = false;             // one was taken from the stack
  std::vector<std::string> effects;  // the effect types applied, in the order they ran
  std::vector<LootDraw> loot;        // what its LOOTBOX effects drew

  bool operator==(const ItemUse&) const = default;
};

// A game's own item effect, as Inventory::use hands it to the game's handler.
struct EffectUse {
  PlayerId user;
  ItemId item;
  std::string effect;  // the effect's JSON object, as the item's usage data has it
};

// Applies a game's own effect. It runs inside the use's transaction: every command it makes on
// the game joins it, and a refusal it returns undoes the whole use.
using EffectHandler = std::function<Outcome(const EffectUse&)>;

// One row of item history (item_transactions): a user gained (+) or lost (−) a quantity.
struct ItemEntry {
  std::int64_t id = 0;
  PlayerId user_id;
  PlayerId related_user_id;
  ItemId item;
  std::int64_t quantity = 0;
  std::string type;
  std::string description;
  GameTime created_at = 0;

  bool operator==(const ItemEntry&) const = default;
};

// A stack that disagrees with its history: every stack holds exactly the sum of its user's
// history rows for the item, and a user without a stack has a sum of zero.
struct InventoryViolation {
  PlayerId user_id;
  ItemId item;
  std::int64_t held = 0;    // the stack's quantity, 0 when there is no stack
  std::int64_t logged = 0;  // the sum of the history rows
  std::string detail;       // one sentence

  bool operator==(const InventoryViolation&) const = default;
};

// The items of a game. Obtain it from Game::inventory(); it is a light handle.
//
// Every change to a stack writes an item history row in the same command, and a stack that
// reaches zero is deleted (so a user's slots are its stacks).
class Inventory {
 public:
  explicit Inventory(Core& core) : core_(core) {}

  // Creates an item definition. Refuses a name, type or rarity of the wrong length, a taken name
  // (any case), a negative price, and usage data that is not a JSON object of the documented
  // shape (docs/rules.md, "Using items"): built-in effects with their fields in range.
  Result<ItemView> create_item(const NewItem& item);

  std::optional<ItemView> item(ItemId id) const;

  // The item named `name` (any case).
  std::optional<ItemView> item_named(const std::string& name) const;

  // Adds to a user's stack; returns the history row's id. Refuses a quantity that is not
  // positive, an unknown user, item or related user, a type of the wrong length, a stack that
  // would pass Rules::inventory.max_stack_size, and a new stack beyond
  // Rules::inventory.max_slots (NotAllowed).
  Result<std::int64_t> add(const ItemChange& change);

  // Removes from a user's stack; returns the history row's id. Refuses what add refuses, and
  // removing more than the user holds (NotAllowed).
  Result<std::int64_t> remove(const ItemChange& change);

  // A player gives items to another, in one command: a player command of from_user, who needs
  // the "trade" privilege. Refuses what remove and add refuse, a user giving to itself, a giver
  // who may not trade (NotAllowed, or Banned), a block between the two (NotAllowed).
  Result<ItemTransferReceipt> give(const ItemTransfer& transfer);

  // Buys items at their price: the payment (type PURCHASE, to the default currency's sink) and
  // the new items (type SHOP_BUY) commit together or not at all. Refuses an item that is not
  // sold (NotAllowed), what add refuses and a short balance (InsufficientFunds). A player command:
  // the user needs the "shop" privilege (NotAllowed, or Banned).
  Result<PurchaseReceipt> buy(const Purchase& purchase);

  // Sells items back: they leave the stack (type SHOP_SELL) and the user is paid
  // Rules::inventory.sell_back_percent of their price (rounded down) in the default currency
  // from its mint (type SALE). Refuses an item that is not sold (NotAllowed), a quantity that is
  // not positive or more than the user holds. A player command: the user needs "shop".
  Result<SaleReceipt> sell(const PlayerId& user_id, ItemId item, std::int64_t quantity = 1);

  // Uses one item as its usage data says (docs/rules.md, "Using items"): XP_BOOST and TEMP_ROLE
  // start an effect timer (replacing a running one), LOOTBOX draws from its pool with the game's
  // generator, a game's own effect types run their handlers (after the built-in ones); with
  // "consume" one is taken from the stack. All of it or nothing. Refuses an item the user does
  // not hold, an item without effects (NotAllowed), an effect type nobody registered
  // (InvalidArgument), and what the effects refuse. A player command: the user needs "play".
  Result<ItemUse> use(const PlayerId& user_id, ItemId item);

  // Registers the handler of a game's own effect type (held in memory, for this open game).
  // Throws Error{Usage} for a built-in type, an empty type or an empty handler; registering a
  // type again replaces its handler.
  void register_effect(const std::string& type, EffectHandler handler);

  // How many of `item` the user holds.
  std::int64_t quantity(const PlayerId& user_id, ItemId item) const;

  // The user's stacks, by item name.
  std::vector<Stack> stacks(const PlayerId& user_id) const;

  // The user's newest `limit` history rows, newest first.
  std::vector<ItemEntry> history(const PlayerId& user_id, int limit = 50) const;

  // Every stack that disagrees with its history, in a consistent snapshot; empty when healthy.
  std::vector<InventoryViolation> check_inventory() const;

 private:
  Core& core_;
};

// The event types items journals (payloads: docs/rules.md).
struct InventoryEvents {
  static constexpr std::string_view kAdded = "inventory.added";
  static constexpr std::string_view kRemoved = "inventory.removed";
  static constexpr std::string_view kItemCreated = "item.created";
  static constexpr std::string_view kUsed = "item.used";
};

}  // namespace hearth

#include "hearth/economy/inventory.h"

#include <limits>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/game.h"

namespace hearth {

Inventory Game::inventory() { return Inventory(*core_); }

namespace {

constexpr std::int64_t kMaxQuantity = std::numeric_limits<std::int64_t>::max();

// The columns of an ItemView, in read_item's order.
constexpr const char* kItemSelect =
    "SELECT id, name, type, rarity, ifnull(description, ''), price, usage_data, "
    "ifnull(icon_url, ''), ifnull(image_url, '') FROM items";

ItemView read_item(Query& query) {
  ItemView view;
  view.id = query.integer(0);
  view.name = query.text(1);
  view.type = query.text(2);
  view.rarity = query.text(3);
  view.description = query.text(4);
  if (!query.is_null(5)) view.price = query.integer(5);
  view.usage_data = query.text(6);
  view.icon_url = query.text(7);
  view.image_url = query.text(8);
  return view;
}

std::optional<ItemView> find_item(Reader& reader, std::int64_t id) {
  Query query(reader, std::string(kItemSelect) + " WHERE id = ?", id);
  if (!query.step()) return std::nullopt;
  return read_item(query);
}

Outcome check_length(const char* what, const std::string& text, std::size_t max) {
  return text::check(fmt::format("An item's {}", what), text, 1, static_cast<std::int64_t>(max));
}

}  // namespace

namespace inventory {

namespace {

// What add and remove check alike. Returns the item's name, or the refusal.
Result<std::string> check_posting(Command& command, const ItemPosting& posting) {
  if (posting.quantity <= 0) {
    return Outcome::refused(
        Refusal::InvalidArgument,
        fmt::format("The quantity must be positive, not {}.", posting.quantity));
  }
  if (Outcome valid = text::check("An item history row's type", posting.type, 1, 50); !valid) {
    return valid;
  }
  if (!players::deleted(command, posting.user_id)) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no user '{}'.", posting.user_id));
  }
  if (!posting.related_user_id.empty() && !players::deleted(command, posting.related_user_id)) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no user '{}'.", posting.related_user_id));
  }
  Query item(command, "SELECT name FROM items WHERE id = ?", posting.item);
  if (!item.step()) {
    return Outcome::refused(Refusal::NotFound, fmt::format("There is no item {}.", posting.item));
  }
  std::string name = item.text(0);
  return name;
}

std::int64_t held(Command& command, const std::string& user_id, std::int64_t item) {
  Query query(command, "SELECT quantity FROM inventory WHERE user_id = ? AND item_id = ?", user_id,
              item);
  const std::int64_t quantity = query.step() ? query.integer(0) : 0;
  return quantity;
}

// Writes the history row and journals the event; returns the row's id.
std::int64_t record(Command& command, const ItemPosting& posting, const std::string& name,
                    std::int64_t change, std::int64_t now_held) {
  Query insert(command,
               "INSERT INTO item_transactions (user_id, related_user_id, item_id, quantity, type, "
               "description, created_at) VALUES (:user_id, NULLIF(:related_user_id, ''), :item, "
               ":change, :type, NULLIF(:description, ''), :now)",
               named(":user_id", posting.user_id),
               named(":related_user_id", posting.related_user_id), named(":item", posting.item),
               named(":change", change), named(":type", posting.type),
               named(":description", posting.description), named(":now", command.now()));
  insert.exec();
  insert.reset();
  const std::int64_t entry = command.last_insert_id();
  command.emit(change > 0 ? InventoryEvents::kAdded : InventoryEvents::kRemoved, posting.actor,
               posting.user_id,
               Payload()
                   .add("entry", entry)
                   .add("item", posting.item)
                   .add("name", name)
                   .add("quantity", posting.quantity)
                   .add("held", now_held)
                   .add("type", posting.type)
                   .add("related_user", posting.related_user_id)
                   .str());
  return entry;
}

}  // namespace

Result<std::int64_t> add(Command& command, const ItemPosting& posting) {
  auto name = check_posting(command, posting);
  if (!name) return name.outcome();
  const std::int64_t before = held(command, posting.user_id, posting.item);
  if (before > kMaxQuantity - posting.quantity) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("Adding {} would overflow the stack.", posting.quantity));
  }
  const InventoryRules& rules = command.rules().inventory;
  if (rules.max_stack_size > 0 && before + posting.quantity > rules.max_stack_size) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("A stack holds at most {}: {} of {} plus {} is too many.",
                                        rules.max_stack_size, before, *name, posting.quantity));
  }
  if (before == 0 && rules.max_slots > 0) {
    Query slots(command, "SELECT count(*) FROM inventory WHERE user_id = ?", posting.user_id);
    slots.step();
    const std::int64_t used = slots.integer(0);
    slots.reset();
    if (used >= rules.max_slots) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("An inventory holds at most {} different items.", rules.max_slots));
    }
  }
  Query upsert(
      command,
      "INSERT INTO inventory (user_id, item_id, quantity) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (user_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity",
      posting.user_id, posting.item, posting.quantity);
  upsert.exec();
  return record(command, posting, *name, posting.quantity, before + posting.quantity);
}

Result<std::int64_t> remove(Command& command, const ItemPosting& posting) {
  auto name = check_posting(command, posting);
  if (!name) return name.outcome();
  const std::int64_t before = held(command, posting.user_id, posting.item);
  if (before < posting.quantity) {
    return Outcome::refused(
        Refusal::NotAllowed,
        fmt::format("The user holds {} of {}, fewer than {}.", before, *name, posting.quantity));
  }
  if (before == posting.quantity) {
    Query empty(command, "DELETE FROM inventory WHERE user_id = ? AND item_id = ?", posting.user_id,
                posting.item);
    empty.exec();
  } else {
    Query take(command,
               "UPDATE inventory SET quantity = quantity - ? WHERE user_id = ? AND item_id = ?",
               posting.quantity, posting.user_id, posting.item);
    take.exec();
  }
  return record(command, posting, *name, -posting.quantity, before - posting.quantity);
}

}  // namespace inventory

// Inventory --------------------------------------------------------------------------------------

namespace {

inventory::ItemPosting posting_of(const ItemChange& change, const char* fallback_type) {
  inventory::ItemPosting posting;
  posting.user_id = change.user_id;
  posting.item = change.item;
  posting.quantity = change.quantity;
  posting.type = change.type.empty() ? std::string(fallback_type) : change.type;
  posting.description = change.description;
  posting.related_user_id = change.related_user_id;
  return posting;
}

}  // namespace

Result<ItemView> Inventory::create_item(const NewItem& item) {
  return core_.run([&](Command& command) -> Result<ItemView> {
    if (Outcome valid = check_length("name", item.name, 255); !valid) return valid;
    if (Outcome valid = check_length("type", item.type, 50); !valid) return valid;
    if (Outcome valid = check_length("rarity", item.rarity, 20); !valid) return valid;
    if (item.price && *item.price < 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A price cannot be negative: {}.", *item.price));
    }
    if (Outcome valid = inventory::check_usage(command, item.usage_data); !valid) return valid;
    Query taken(command, "SELECT 1 FROM items WHERE name = ?", item.name);
    if (taken.step()) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The item name '{}' is taken.", item.name));
    }
    Query insert(command,
                 "INSERT INTO items (name, description, rarity, type, usage_data, price, icon_url, "
                 "image_url) VALUES (:name, NULLIF(:description, ''), :rarity, :type, "
                 "json(:usage_data), :price, NULLIF(:icon_url, ''), NULLIF(:image_url, ''))",
                 named(":name", item.name), named(":description", item.description),
                 named(":rarity", item.rarity), named(":type", item.type),
                 named(":usage_data", item.usage_data), named(":price", item.price),
                 named(":icon_url", item.icon_url), named(":image_url", item.image_url));
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit(InventoryEvents::kItemCreated, "", "",
                 Payload().add("item", id).add("name", item.name).str());
    return *find_item(command, id);
  });
}

std::optional<ItemView> Inventory::item(ItemId id) const {
  return core_.read([&](Reader& reader) { return find_item(reader, id); });
}

std::optional<ItemView> Inventory::item_named(const std::string& name) const {
  return core_.read([&](Reader& reader) -> std::optional<ItemView> {
    Query query(reader, std::string(kItemSelect) + " WHERE name = ?", name);
    if (!query.step()) return std::nullopt;
    return read_item(query);
  });
}

Result<std::int64_t> Inventory::add(const ItemChange& change) {
  return core_.run(
      [&](Command& command) { return inventory::add(command, posting_of(change, "GRANT")); });
}

Result<std::int64_t> Inventory::remove(const ItemChange& change) {
  return core_.run(
      [&](Command& command) { return inventory::remove(command, posting_of(change, "REMOVE")); });
}

Result<ItemTransferReceipt> Inventory::give(const ItemTransfer& transfer) {
  return core_.run([&](Command& command) -> Result<ItemTransferReceipt> {
    if (transfer.from_user == transfer.to_user) {
      return Outcome::refused(Refusal::InvalidArgument, "A user cannot give items to itself.");
    }
    if (Outcome may = access::require(command, transfer.from_user, "trade"); !may) return may;
    if (Outcome open = relations::check_not_blocked(command, transfer.from_user, transfer.to_user);
        !open) {
      return open;
    }
    inventory::ItemPosting out;
    out.user_id = transfer.from_user;
    out.item = transfer.item;
    out.quantity = transfer.quantity;
    out.type = transfer.type.empty() ? "TRADE" : transfer.type;
    out.description = transfer.description;
    out.related_user_id = transfer.to_user;
    out.actor = transfer.from_user;
    auto removed = inventory::remove(command, out);
    if (!removed) return removed.outcome();
    inventory::ItemPosting in = out;
    in.user_id = transfer.to_user;
    in.related_user_id = transfer.from_user;
    auto added = inventory::add(command, in);
    if (!added) return added.outcome();
    return ItemTransferReceipt{*removed, *added};
  });
}

Result<PurchaseReceipt> Inventory::buy(const Purchase& purchase) {
  return core_.run([&](Command& command) -> Result<PurchaseReceipt> {
    if (Outcome may = access::require(command, purchase.user_id, "shop"); !may) return may;
    if (purchase.quantity <= 0) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("The quantity must be positive, not {}.", purchase.quantity));
    }
    const auto item = find_item(command, purchase.item);
    if (!item) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no item {}.", purchase.item));
    }
    if (!item->price) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is not sold.", item->name));
    }
    if (*item->price > 0 && purchase.quantity > kMaxQuantity / *item->price) {
      return Outcome::refused(Refusal::InvalidArgument, "The total price would overflow.");
    }
    PurchaseReceipt receipt;
    receipt.paid = *item->price * purchase.quantity;
    const std::string description = fmt::format("Bought {} × {}", purchase.quantity, item->name);
    if (receipt.paid > 0) {
      const std::int64_t currency = ledger::default_currency(command);
      ledger::Posting payment;
      payment.from_account = ledger::user_account(command, purchase.user_id, currency);
      payment.to_account = ledger::system_account(command, "sink", currency);
      payment.amount = receipt.paid;
      payment.type = "PURCHASE";
      payment.description = description;
      payment.user_id = purchase.user_id;
      auto paid = ledger::transfer(command, payment);
      if (!paid) return paid.outcome();
      receipt.transaction = *paid;
    }
    inventory::ItemPosting posting;
    posting.user_id = purchase.user_id;
    posting.item = purchase.item;
    posting.quantity = purchase.quantity;
    posting.type = "SHOP_BUY";
    posting.description = description;
    posting.actor = purchase.user_id;
    auto added = inventory::add(command, posting);
    if (!added) return added.outcome();
    receipt.entry = *added;
    return receipt;
  });
}

std::int64_t inventory::quantity(Reader& reader, const std::string& user_id, std::int64_t item) {
  Query query(reader, "SELECT quantity FROM inventory WHERE user_id = ? AND item_id = ?", user_id,
              item);
  return query.step() ? query.integer(0) : 0;
}

std::int64_t Inventory::quantity(const PlayerId& user_id, ItemId item) const {
  return core_.read([&](Reader& reader) { return inventory::quantity(reader, user_id, item); });
}

std::vector<Stack> Inventory::stacks(const PlayerId& user_id) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT s.item_id, i.name, s.quantity FROM inventory s JOIN items i "
                "ON i.id = s.item_id WHERE s.user_id = ? ORDER BY i.name, i.id",
                user_id);
    std::vector<Stack> stacks;
    while (query.step()) {
      stacks.push_back({query.integer(0), query.text(1), query.integer(2)});
    }
    return stacks;
  });
}

std::vector<ItemEntry> Inventory::history(const PlayerId& user_id, int limit) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT id, user_id, ifnull(related_user_id, ''), item_id, quantity, "
                "type, ifnull(description, ''), created_at FROM item_transactions "
                "WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                user_id, limit);
    std::vector<ItemEntry> entries;
    while (query.step()) {
      ItemEntry entry;
      entry.id = query.integer(0);
      entry.user_id = query.text(1);
      entry.related_user_id = query.text(2);
      entry.item = query.integer(3);
      entry.quantity = query.integer(4);
      entry.type = query.text(5);
      entry.description = query.text(6);
      entry.created_at = query.integer(7);
      entries.push_back(std::move(entry));
    }
    return entries;
  });
}

namespace inventory {

std::vector<InventoryViolation> find_violations(Reader& reader) {
  // One pass over both tables, grouped: a lookup per stack would let SQLite pick the index by
  // item, which scans every history row of a common item once per stack (quadratic).
  Query query(reader, R"sql(
      SELECT user_id, item_id, sum(held), sum(logged) FROM (
        SELECT user_id, item_id, quantity AS held, 0 AS logged FROM inventory
        UNION ALL
        SELECT user_id, item_id, 0, quantity FROM item_transactions)
      GROUP BY user_id, item_id HAVING sum(held) <> sum(logged)
      ORDER BY user_id, item_id)sql");
  std::vector<InventoryViolation> violations;
  while (query.step()) {
    InventoryViolation violation;
    violation.user_id = query.text(0);
    violation.item = query.integer(1);
    violation.held = query.integer(2);
    violation.logged = query.integer(3);
    violation.detail =
        fmt::format("User '{}' holds {} of item {}, but its history sums to {}.", violation.user_id,
                    violation.held, violation.item, violation.logged);
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace inventory

std::vector<InventoryViolation> Inventory::check_inventory() const {
  return core_.read(inventory::find_violations);
}

}  // namespace hearth

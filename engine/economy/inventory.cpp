#include "hearth/economy/inventory.h"

#include <limits>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/text.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"

#include "hearth/game.h"

namespace hearth {

Inventory Game::inventory() { return Inventory(*core_); }

namespace {

constexpr std::int64_t kMaxQuantity = std::numeric_limits<std::int64_t>::max();

// The columns of an ItemView, in read_item's order.
constexpr const char* kItemSelect =
    "SELECT id, name, type, rarity, ifnull(description, ''), price, usage_data, "
    "ifnull(icon_url, ''), ifnull(image_url, '') FROM items";

ItemView read_item(SQLite::Statement& query) {
  ItemView view;
  view.id = query.getColumn(0).getInt64();
  view.name = query.getColumn(1).getString();
  view.type = query.getColumn(2).getString();
  view.rarity = query.getColumn(3).getString();
  view.description = query.getColumn(4).getString();
  if (!query.getColumn(5).isNull()) view.price = query.getColumn(5).getInt64();
  view.usage_data = query.getColumn(6).getString();
  view.icon_url = query.getColumn(7).getString();
  view.image_url = query.getColumn(8).getString();
  return view;
}

std::optional<ItemView> find_item(SQLite::Database& sql, std::int64_t id) {
  SQLite::Statement query(sql, std::string(kItemSelect) + " WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_item(query);
}

// The user's state: nullopt when unknown, else whether it is deleted.
std::optional<bool> user_deleted(Command& command, const std::string& id) {
  SQLite::Statement& query = command.prepare("SELECT deleted FROM users WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  const bool deleted = query.getColumn(0).getInt() != 0;
  query.reset();
  return deleted;
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
  if (!user_deleted(command, posting.user_id)) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no user '{}'.", posting.user_id));
  }
  if (!posting.related_user_id.empty() && !user_deleted(command, posting.related_user_id)) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no user '{}'.", posting.related_user_id));
  }
  SQLite::Statement& item = command.prepare("SELECT name FROM items WHERE id = ?");
  item.bind(1, posting.item);
  if (!item.executeStep()) {
    return Outcome::refused(Refusal::NotFound, fmt::format("There is no item {}.", posting.item));
  }
  std::string name = item.getColumn(0).getString();
  item.reset();
  return name;
}

std::int64_t held(Command& command, const std::string& user_id, std::int64_t item) {
  SQLite::Statement& query =
      command.prepare("SELECT quantity FROM inventory WHERE user_id = ? AND item_id = ?");
  query.bind(1, user_id);
  query.bind(2, item);
  const std::int64_t quantity = query.executeStep() ? query.getColumn(0).getInt64() : 0;
  query.reset();
  return quantity;
}

// Writes the history row and journals the event; returns the row's id.
std::int64_t record(Command& command, const ItemPosting& posting, const std::string& name,
                    std::int64_t change, std::int64_t now_held) {
  SQLite::Statement& insert = command.prepare(
      "INSERT INTO item_transactions (user_id, related_user_id, item_id, quantity, type, "
      "description, created_at) VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?5, NULLIF(?6, ''), ?7)");
  insert.bind(1, posting.user_id);
  insert.bind(2, posting.related_user_id);
  insert.bind(3, posting.item);
  insert.bind(4, change);
  insert.bind(5, posting.type);
  insert.bind(6, posting.description);
  insert.bind(7, command.now());
  insert.exec();
  insert.reset();
  const std::int64_t entry = command.sql().getLastInsertRowid();
  command.emit(change > 0 ? "inventory.added" : "inventory.removed", posting.actor, posting.user_id,
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
  const LedgerRules& rules = command.rules().ledger;
  if (rules.max_stack_size > 0 && before + posting.quantity > rules.max_stack_size) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("A stack holds at most {}: {} of {} plus {} is too many.",
                                        rules.max_stack_size, before, *name, posting.quantity));
  }
  if (before == 0 && rules.max_inventory_slots > 0) {
    SQLite::Statement& slots = command.prepare("SELECT count(*) FROM inventory WHERE user_id = ?");
    slots.bind(1, posting.user_id);
    slots.executeStep();
    const std::int64_t used = slots.getColumn(0).getInt64();
    slots.reset();
    if (used >= rules.max_inventory_slots) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("An inventory holds at most {} different items.", rules.max_inventory_slots));
    }
  }
  SQLite::Statement& upsert = command.prepare(
      "INSERT INTO inventory (user_id, item_id, quantity) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (user_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity");
  upsert.bind(1, posting.user_id);
  upsert.bind(2, posting.item);
  upsert.bind(3, posting.quantity);
  upsert.exec();
  upsert.reset();
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
    SQLite::Statement& empty =
        command.prepare("DELETE FROM inventory WHERE user_id = ? AND item_id = ?");
    empty.bind(1, posting.user_id);
    empty.bind(2, posting.item);
    empty.exec();
    empty.reset();
  } else {
    SQLite::Statement& take = command.prepare(
        "UPDATE inventory SET quantity = quantity - ? WHERE user_id = ? AND item_id = ?");
    take.bind(1, posting.quantity);
    take.bind(2, posting.user_id);
    take.bind(3, posting.item);
    take.exec();
    take.reset();
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
    SQLite::Database& sql = command.sql();
    if (Outcome valid = check_length("name", item.name, 255); !valid) return valid;
    if (Outcome valid = check_length("type", item.type, 50); !valid) return valid;
    if (Outcome valid = check_length("rarity", item.rarity, 20); !valid) return valid;
    if (item.price && *item.price < 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A price cannot be negative: {}.", *item.price));
    }
    SQLite::Statement object(
        sql, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' ELSE 0 END");
    object.bind(1, item.usage_data);
    object.executeStep();
    if (object.getColumn(0).getInt() == 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "An item's usage data is a JSON object, e.g. {\"consume\":true}.");
    }
    SQLite::Statement taken(sql, "SELECT 1 FROM items WHERE name = ?");
    taken.bind(1, item.name);
    if (taken.executeStep()) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The item name '{}' is taken.", item.name));
    }
    SQLite::Statement insert(sql,
                             "INSERT INTO items (name, description, rarity, type, usage_data, "
                             "price, icon_url, image_url) VALUES (?1, NULLIF(?2, ''), ?3, ?4, "
                             "json(?5), ?6, NULLIF(?7, ''), NULLIF(?8, ''))");
    insert.bind(1, item.name);
    insert.bind(2, item.description);
    insert.bind(3, item.rarity);
    insert.bind(4, item.type);
    insert.bind(5, item.usage_data);
    if (item.price) {
      insert.bind(6, *item.price);
    } else {
      insert.bind(6);
    }
    insert.bind(7, item.icon_url);
    insert.bind(8, item.image_url);
    insert.exec();
    const std::int64_t id = sql.getLastInsertRowid();
    command.emit("item.created", "", "", Payload().add("item", id).add("name", item.name).str());
    return *find_item(sql, id);
  });
}

std::optional<ItemView> Inventory::item(std::int64_t id) const {
  return core_.read([&](SQLite::Database& sql) { return find_item(sql, id); });
}

std::optional<ItemView> Inventory::item_named(const std::string& name) const {
  return core_.read([&](SQLite::Database& sql) -> std::optional<ItemView> {
    SQLite::Statement query(sql, std::string(kItemSelect) + " WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) return std::nullopt;
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
    const auto deleted = user_deleted(command, transfer.from_user);
    if (deleted && *deleted) {
      return Outcome::refused(Refusal::NotAllowed, "A deleted user cannot act.");
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
    const auto deleted = user_deleted(command, purchase.user_id);
    if (!deleted) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no user '{}'.", purchase.user_id));
    }
    if (*deleted) return Outcome::refused(Refusal::NotAllowed, "A deleted user cannot act.");
    if (purchase.quantity <= 0) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("The quantity must be positive, not {}.", purchase.quantity));
    }
    const auto item = find_item(command.sql(), purchase.item);
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

std::int64_t Inventory::quantity(const std::string& user_id, std::int64_t item) const {
  return core_.read([&](SQLite::Database& sql) -> std::int64_t {
    SQLite::Statement query(sql,
                            "SELECT quantity FROM inventory WHERE user_id = ? AND item_id = ?");
    query.bind(1, user_id);
    query.bind(2, item);
    return query.executeStep() ? query.getColumn(0).getInt64() : 0;
  });
}

std::vector<Stack> Inventory::stacks(const std::string& user_id) const {
  return core_.read([&](SQLite::Database& sql) {
    SQLite::Statement query(sql,
                            "SELECT s.item_id, i.name, s.quantity FROM inventory s JOIN items i "
                            "ON i.id = s.item_id WHERE s.user_id = ? ORDER BY i.name, i.id");
    query.bind(1, user_id);
    std::vector<Stack> stacks;
    while (query.executeStep()) {
      stacks.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                        query.getColumn(2).getInt64()});
    }
    return stacks;
  });
}

std::vector<ItemEntry> Inventory::history(const std::string& user_id, int limit) const {
  return core_.read([&](SQLite::Database& sql) {
    SQLite::Statement query(sql,
                            "SELECT id, user_id, ifnull(related_user_id, ''), item_id, quantity, "
                            "type, ifnull(description, ''), created_at FROM item_transactions "
                            "WHERE user_id = ? ORDER BY id DESC LIMIT ?");
    query.bind(1, user_id);
    query.bind(2, limit);
    std::vector<ItemEntry> entries;
    while (query.executeStep()) {
      ItemEntry entry;
      entry.id = query.getColumn(0).getInt64();
      entry.user_id = query.getColumn(1).getString();
      entry.related_user_id = query.getColumn(2).getString();
      entry.item = query.getColumn(3).getInt64();
      entry.quantity = query.getColumn(4).getInt64();
      entry.type = query.getColumn(5).getString();
      entry.description = query.getColumn(6).getString();
      entry.created_at = query.getColumn(7).getInt64();
      entries.push_back(std::move(entry));
    }
    return entries;
  });
}

std::vector<InventoryViolation> Inventory::check_inventory() const {
  return core_.read([](SQLite::Database& sql) {
    SQLite::Statement query(sql, R"sql(
      SELECT user_id, item_id, held, logged FROM (
        SELECT s.user_id, s.item_id, s.quantity AS held,
               ifnull((SELECT sum(t.quantity) FROM item_transactions t
                       WHERE t.user_id = s.user_id AND t.item_id = s.item_id), 0) AS logged
        FROM inventory s
        UNION ALL
        SELECT t.user_id, t.item_id, 0, sum(t.quantity) FROM item_transactions t
        WHERE NOT EXISTS (SELECT 1 FROM inventory s
                          WHERE s.user_id = t.user_id AND s.item_id = t.item_id)
        GROUP BY t.user_id, t.item_id)
      WHERE held <> logged
      ORDER BY user_id, item_id)sql");
    std::vector<InventoryViolation> violations;
    while (query.executeStep()) {
      InventoryViolation violation;
      violation.user_id = query.getColumn(0).getString();
      violation.item = query.getColumn(1).getInt64();
      violation.held = query.getColumn(2).getInt64();
      violation.logged = query.getColumn(3).getInt64();
      violation.detail =
          fmt::format("User '{}' holds {} of item {}, but its history sums to {}.",
                      violation.user_id, violation.held, violation.item, violation.logged);
      violations.push_back(std::move(violation));
    }
    return violations;
  });
}

}  // namespace hearth

// Using and selling items: item effects (timers, loot boxes, the game's own), and the shop's
// buy-back.
#include <cmath>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/progression/levels_internal.h"
#include "engine/progression/timers_internal.h"

#include "hearth/economy/inventory.h"

namespace hearth {

namespace {

constexpr std::string_view kXpBoost = "XP_BOOST";
constexpr std::string_view kTempRole = "TEMP_ROLE";
constexpr std::string_view kLootbox = "LOOTBOX";
constexpr double kMaxMultiplier = 1000;

bool built_in(std::string_view type) {
  return type == kXpBoost || type == kTempRole || type == kLootbox;
}

Outcome refuse(std::string detail) {
  return Outcome::refused(Refusal::InvalidArgument, std::move(detail));
}

Outcome check_entry(const LootEntry& entry) {
  if (entry.weight < 0) return refuse("A loot pool entry's weight is not negative.");
  if (entry.type == "NOTHING") return {};
  if (entry.type == "CURRENCY" || entry.type == "XP") {
    const bool fixed = entry.amount > 0;
    const bool ranged = entry.min_amount > 0 && entry.max_amount >= entry.min_amount;
    if (!fixed && !ranged) {
      return refuse(fmt::format(
          "A {} loot entry has a positive amount, or 0 < min_amount <= max_amount.", entry.type));
    }
    return {};
  }
  if (entry.type == "ITEM") {
    if (entry.item_id <= 0 || entry.amount < 0) {
      return refuse(
          "An ITEM loot entry names an item_id and a quantity (amount) that is not "
          "negative.");
    }
    return {};
  }
  return refuse(fmt::format("'{}' is not a loot type (CURRENCY, ITEM, XP, NOTHING).", entry.type));
}

Outcome check_effect(const ItemEffect& effect) {
  if (effect.type.empty()) return refuse("Every item effect has a type.");
  if (effect.type == kXpBoost) {
    if (!(effect.multiplier > 0 && effect.multiplier <= kMaxMultiplier) || effect.duration <= 0) {
      return refuse("An XP_BOOST has a multiplier in (0, 1000] and a positive duration (ms).");
    }
  } else if (effect.type == kTempRole) {
    if (effect.role_id <= 0 || effect.duration <= 0) {
      return refuse("A TEMP_ROLE has a role_id and a positive duration (ms).");
    }
  } else if (effect.type == kLootbox) {
    std::int64_t total = 0;
    for (const LootEntry& entry : effect.pool) {
      if (Outcome valid = check_entry(entry); !valid) return valid;
      if (entry.weight > std::numeric_limits<std::int64_t>::max() - total) {
        return refuse("A loot pool's weights add up past the integer range.");
      }
      total += entry.weight;
    }
    if (total <= 0) return refuse("A LOOTBOX's pool has entries with a positive total weight.");
  }
  return {};
}

// An item's usage data, read: each effect with its JSON text (what a game's handler gets).
struct Usage {
  bool consume = false;
  std::vector<ItemEffect> effects;
  std::vector<std::string> texts;
};

// Reads usage data element by element, so that every effect and pool entry may leave out fields
// (they read as their defaults), and a pool entry may spell minAmount, maxAmount and itemId as
// older documents do. Refuses what is not of the documented shape.
Result<Usage> parse_usage(Reader& reader, const std::string& usage_data) {
  const Outcome wrong = refuse(
      "An item's usage data is {\"consume\": true|false, \"effects\": [{\"type\": ...}, ...]} "
      "(docs/rules.md, \"Using items\").");
  Query shape(reader,
              "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' AND "
              "ifnull(json_type(?1, '$.consume') IN ('true', 'false'), 1) AND "
              "ifnull(json_type(?1, '$.effects') = 'array', 1) ELSE 0 END, "
              "CASE WHEN json_valid(?1) THEN json_extract(?1, '$.consume') END",
              usage_data);
  shape.step();
  if (!shape.flag(0)) return wrong;
  Usage usage;
  usage.consume = shape.flag(1);
  shape.reset();
  Query effects(reader,
                "SELECT value, json_type(value) = 'object' AND ifnull(json_type(value, '$.pool') "
                "= 'array', 1), json_remove(value, '$.pool') FROM json_each(?1, '$.effects') "
                "ORDER BY key",
                usage_data);
  std::vector<std::string> entries;
  while (effects.step()) {
    if (!effects.flag(1)) return wrong;
    usage.texts.push_back(effects.text(0));
    entries.push_back(effects.text(2));
  }
  effects.reset();
  try {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      ItemEffect effect = storage::from_json<ItemEffect>(entries[i], kItemUsageColumn);
      Query pool(reader,
                 "SELECT value, json_type(value) = 'object', json_remove(value, '$.minAmount', "
                 "'$.maxAmount', '$.itemId'), json_extract(value, '$.minAmount'), "
                 "json_extract(value, '$.maxAmount'), json_extract(value, '$.itemId') FROM "
                 "json_each(?1, '$.pool') ORDER BY key",
                 usage.texts[i]);
      while (pool.step()) {
        if (!pool.flag(1)) return wrong;
        LootEntry entry = storage::from_json<LootEntry>(pool.text(2), kItemUsageColumn);
        if (entry.min_amount == 0 && !pool.is_null(3)) entry.min_amount = pool.integer(3);
        if (entry.max_amount == 0 && !pool.is_null(4)) entry.max_amount = pool.integer(4);
        if (entry.item_id == 0 && !pool.is_null(5)) entry.item_id = pool.integer(5);
        effect.pool.push_back(entry);
      }
      usage.effects.push_back(std::move(effect));
    }
  } catch (const storage::CorruptJson& error) {
    return refuse(
        fmt::format("An item's usage data is not of the documented shape: {}", error.what()));
  }
  return usage;
}

// Draws one entry of a LOOTBOX pool and gives it.
Result<LootDraw> open_lootbox(Command& command, const PlayerId& user, const ItemEffect& effect,
                              const std::string& item_name) {
  std::int64_t total = 0;
  for (const LootEntry& entry : effect.pool) total += entry.weight;
  std::int64_t ticket = command.random().between(1, total);
  const LootEntry* drawn = &effect.pool.back();
  for (const LootEntry& entry : effect.pool) {
    if (ticket <= entry.weight) {
      drawn = &entry;
      break;
    }
    ticket -= entry.weight;
  }
  LootDraw draw{drawn->type, 0, ItemId(), drawn->message};
  const std::string reason = fmt::format("lootbox {}", item_name);
  if (drawn->type == "CURRENCY" || drawn->type == "XP") {
    draw.amount = drawn->amount > 0
                      ? drawn->amount
                      : command.random().between(drawn->min_amount, drawn->max_amount);
  }
  if (drawn->type == "CURRENCY") {
    const auto paid = ledger::pay_from_mint(command, user, ledger::default_currency(command),
                                            draw.amount, "LOOTBOX", reason);
    if (!paid) return paid.outcome();
  } else if (drawn->type == "XP") {
    const auto awarded = levels::award(command, user, draw.amount, "lootbox", user);
    if (!awarded) return awarded.outcome();
  } else if (drawn->type == "ITEM") {
    draw.item = drawn->item_id;
    draw.amount = drawn->amount > 0 ? drawn->amount : 1;
    inventory::ItemPosting posting;
    posting.user_id = user;
    posting.item = drawn->item_id;
    posting.quantity = draw.amount;
    posting.type = "LOOTBOX";
    posting.description = reason;
    posting.actor = user;
    const auto added = inventory::add(command, posting);
    if (!added) return added.outcome();
  }
  return draw;
}

// A game's effect still to run, after the built-in ones.
struct Pending {
  std::string type;
  EffectHandler handler;
  EffectUse use;
};

}  // namespace

Outcome inventory::check_usage(Command& command, const std::string& usage_data) {
  const auto usage = parse_usage(command, usage_data);
  if (!usage) return usage.outcome();
  for (const ItemEffect& effect : usage->effects) {
    if (Outcome valid = check_effect(effect); !valid) return valid;
  }
  return {};
}

void Inventory::register_effect(const std::string& type, EffectHandler handler) {
  if (type.empty() || built_in(type) || !handler) {
    throw Error(ErrorKind::Usage,
                "An effect handler needs a type of the game's own (not XP_BOOST, TEMP_ROLE or "
                "LOOTBOX) and a function.");
  }
  core_.effect_handlers()[type] = std::move(handler);
}

Result<ItemUse> Inventory::use(const PlayerId& user_id, ItemId item) {
  std::optional<Result<ItemUse>> answer;
  const Outcome outcome = core_.group([&]() -> Outcome {
    std::vector<Pending> pending;
    answer = core_.run([&](Command& command) -> Result<ItemUse> {
      if (Outcome may = access::require(command, user_id, "play"); !may) return may;
      Query read(command, "SELECT name, usage_data FROM items WHERE id = ?", item);
      if (!read.step()) {
        return Outcome::refused(Refusal::NotFound, fmt::format("There is no item {}.", item));
      }
      const std::string name = read.text(0);
      const std::string usage_data = read.text(1);
      read.reset();
      const auto usage = parse_usage(command, usage_data);
      if (!usage) return usage.outcome();
      if (usage->effects.empty()) {
        return Outcome::refused(Refusal::NotAllowed, fmt::format("{} cannot be used.", name));
      }
      if (inventory::quantity(command, user_id, item) < 1) {
        return Outcome::refused(Refusal::NotAllowed, fmt::format("The user has no {}.", name));
      }
      ItemUse use;
      if (usage->consume) {
        inventory::ItemPosting posting{user_id, item, 1, "USE", "", "", user_id};
        const auto removed = inventory::remove(command, posting);
        if (!removed) return removed.outcome();
        use.consumed = true;
      }
      for (std::size_t i = 0; i < usage->effects.size(); ++i) {
        const ItemEffect& effect = usage->effects[i];
        if (Outcome valid = check_effect(effect); !valid) return valid;
        if (effect.type == kXpBoost) {
          const std::string metadata = storage::to_json(TimerMetadata{effect.multiplier});
          const Outcome started = timers::start(command, user_id, TimerType::Effect, "xp_boost",
                                                Duration(effect.duration), metadata);
          if (!started) return started;
        } else if (effect.type == kTempRole) {
          Query role(command, "SELECT 1 FROM roles WHERE id = ?", effect.role_id);
          if (!role.step()) {
            return Outcome::refused(Refusal::NotFound,
                                    fmt::format("There is no role {}.", effect.role_id));
          }
          role.reset();
          const Outcome started = timers::start(
              command, user_id, TimerType::Effect, fmt::format("temp_role:{}", effect.role_id),
              Duration(effect.duration), Payload().add("role_id", effect.role_id).str());
          if (!started) return started;
        } else if (effect.type == kLootbox) {
          const auto draw = open_lootbox(command, user_id, effect, name);
          if (!draw) return draw.outcome();
          use.loot.push_back(*draw);
        } else {
          const auto& handlers = command.core().effect_handlers();
          const auto found = handlers.find(effect.type);
          if (found == handlers.end()) {
            return refuse(fmt::format("{} has the effect '{}', which no handler is registered for.",
                                      name, effect.type));
          }
          pending.push_back({effect.type, found->second, {user_id, item, usage->texts[i]}});
          continue;
        }
        use.effects.push_back(effect.type);
      }
      return use;
    });
    if (!answer->ok()) return answer->outcome();
    ItemUse use = answer->value();
    for (const Pending& game_effect : pending) {
      const Outcome applied = game_effect.handler(game_effect.use);
      if (!applied) {
        answer = applied;
        return applied;
      }
      use.effects.push_back(game_effect.type);
    }
    core_.run([&](Command& command) {
      Payload payload;
      payload.add("item", item.value()).add("consumed", use.consumed);
      command.emit(InventoryEvents::kUsed, user_id, user_id, payload.str());
    });
    answer = use;
    return {};
  });
  if (!outcome) return outcome;
  return *answer;
}

Result<SaleReceipt> Inventory::sell(const PlayerId& user_id, ItemId item, std::int64_t quantity) {
  return core_.run([&](Command& command) -> Result<SaleReceipt> {
    if (Outcome may = access::require(command, user_id, "shop"); !may) return may;
    if (quantity <= 0) {
      return refuse(fmt::format("The quantity must be positive, not {}.", quantity));
    }
    Query read(command, "SELECT name, price FROM items WHERE id = ?", item);
    if (!read.step()) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no item {}.", item));
    }
    const std::string name = read.text(0);
    const bool sold = !read.is_null(1);
    const std::int64_t price = read.integer(1);
    read.reset();
    if (!sold) return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is not sold.", name));
    const std::int64_t percent = command.rules().inventory.sell_back_percent;
    if (percent < 0 || percent > 100) {
      throw Error(ErrorKind::Usage, "Rules::inventory.sell_back_percent is from 0 to 100.");
    }
    // price × quantity × percent / 100, rounded down, without passing 128 bits.
    const Wide value = static_cast<Wide>(price) * static_cast<Wide>(quantity);
    const Wide share = static_cast<Wide>(percent);
    const Wide total = value / 100 * share + value % 100 * share / 100;
    if (total > static_cast<Wide>(std::numeric_limits<std::int64_t>::max())) {
      return refuse("The sale's payment would pass the integer range.");
    }
    SaleReceipt receipt;
    receipt.paid = static_cast<std::int64_t>(total);
    const std::string description = fmt::format("Sold {} × {}", quantity, name);
    inventory::ItemPosting posting{user_id, item, quantity, "SHOP_SELL", description, "", user_id};
    const auto removed = inventory::remove(command, posting);
    if (!removed) return removed.outcome();
    receipt.entry = *removed;
    if (receipt.paid > 0) {
      const auto paid = ledger::pay_from_mint(command, user_id, ledger::default_currency(command),
                                              receipt.paid, "SALE", description);
      if (!paid) return paid.outcome();
      receipt.transaction = *paid;
    }
    return receipt;
  });
}

}  // namespace hearth

#include "hearth/economy/loot.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/core/tick.h"
#include "engine/economy/ledger_internal.h"
#include "engine/economy/loot_internal.h"
#include "engine/identity/access_internal.h"

#include "hearth/game.h"

namespace hearth {

Loot Game::loot() { return Loot(*core_); }

namespace {

constexpr const char* kSelect =
    "SELECT message_id, ifnull(channel_id, ''), reward_amount, currency_id, created_at, "
    "expires_at, ifnull(claimed_by, ''), claimed_at, expired_at IS NOT NULL FROM lootdrops ";

DropView read_drop(Query& query) {
  DropView view;
  view.id = query.text(0);
  view.channel = query.text(1);
  view.amount = query.integer(2);
  view.currency = query.integer(3);
  view.created_at = query.integer(4);
  view.expires_at = query.integer(5);
  view.claimed_by = query.text(6);
  if (!query.is_null(7)) view.claimed_at = query.integer(7);
  view.expired = query.flag(8);
  return view;
}

std::optional<DropView> find(Reader& reader, const std::string& id) {
  Query query(reader, std::string(kSelect) + "WHERE message_id = ?", id);
  if (!query.step()) return std::nullopt;
  return read_drop(query);
}

void check_rules(const LootRules& rules) {
  if (rules.reward_min < 1 || rules.reward_max < rules.reward_min || rules.lifetime <= 0 ||
      rules.activity_window <= 0 || rules.cooldown < 0 || rules.min_messages < 1 ||
      !(rules.spawn_chance >= 0 && rules.spawn_chance <= 1)) {
    throw Error(ErrorKind::Usage,
                "Rules::loot needs 1 <= reward_min <= reward_max, a positive lifetime and "
                "activity window, a cooldown that is not negative, min_messages >= 1 and a "
                "spawn chance from 0 to 1.");
  }
}

Result<DropView> spawn_drop(Command& command, const std::string& channel, std::int64_t amount,
                            const std::string& id) {
  const LootRules& rules = command.rules().loot;
  check_rules(rules);
  if (amount < 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("A drop's amount is positive, not {}.", amount));
  }
  if (Outcome valid = text::check_optional("A channel", channel, 255); !valid) return valid;
  if (!id.empty()) {
    if (Outcome valid = text::check("A drop's id", id, 1, 255); !valid) return valid;
    if (find(command, id)) {
      return Outcome::refused(Refusal::AlreadyExists, fmt::format("There is a drop '{}'.", id));
    }
  }
  const auto currency = ledger::currency_named(command, rules.currency);
  if (!currency) return currency.outcome();
  const std::string drop = id.empty() ? command.new_uuid() : id;
  if (amount == 0) amount = command.random().between(rules.reward_min, rules.reward_max);
  const GameTime expires_at = command.now() + rules.lifetime;
  Query insert(command,
               "INSERT INTO lootdrops (message_id, channel_id, reward_amount, currency_id, "
               "created_at, expires_at) VALUES (:id, NULLIF(:channel, ''), :amount, :currency, "
               ":now, :expires)",
               named(":id", drop), named(":channel", channel), named(":amount", amount),
               named(":currency", *currency), named(":now", command.now()),
               named(":expires", expires_at));
  insert.exec();
  command.schedule(expires_at);
  command.emit(LootEvents::kSpawned, "", "",
               Payload()
                   .add("drop", drop)
                   .add("channel", channel)
                   .add("amount", amount)
                   .add("currency", *currency)
                   .add("expires_at", expires_at)
                   .str());
  return *find(command, drop);
}

}  // namespace

Result<std::optional<DropView>> Loot::activity(const std::string& channel) {
  return core_.run([&](Command& command) -> Result<std::optional<DropView>> {
    if (Outcome valid = text::check("A channel", channel, 1, 255); !valid) return valid;
    const LootRules& rules = command.rules().loot;
    check_rules(rules);
    const GameTime now = command.now();
    Query prune(command, "DELETE FROM loot_activity WHERE channel_id = ? AND at <= ?", channel,
                now - rules.activity_window);
    prune.exec();
    Query insert(command, "INSERT INTO loot_activity (channel_id, at) VALUES (?, ?)", channel, now);
    insert.exec();
    Query count(command, "SELECT count(*) FROM loot_activity WHERE channel_id = ?", channel);
    count.step();
    const std::int64_t messages = count.integer(0);
    count.reset();
    std::optional<DropView> spawned;
    if (messages < rules.min_messages) return spawned;
    Query last(command,
               "SELECT max(created_at) FROM lootdrops WHERE channel_id = ? AND created_at IS NOT "
               "NULL",
               channel);
    last.step();
    const bool cooling = !last.is_null(0) && now - last.integer(0) < rules.cooldown;
    last.reset();
    if (cooling) return spawned;
    // The chance in millionths, drawn from the game's generator.
    const auto chance = static_cast<std::int64_t>(rules.spawn_chance * 1'000'000);
    if (command.random().between(1, 1'000'000) > chance) return spawned;
    const auto drop = spawn_drop(command, channel, 0, "");
    if (!drop) return drop.outcome();
    spawned = *drop;
    return spawned;
  });
}

Result<DropView> Loot::spawn(const std::string& channel, std::int64_t amount,
                             const std::string& id) {
  return core_.run([&](Command& command) { return spawn_drop(command, channel, amount, id); });
}

Result<DropView> Loot::claim(const PlayerId& user, const std::string& drop) {
  return core_.run([&](Command& command) -> Result<DropView> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const auto found = find(command, drop);
    if (!found) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no drop '{}'.", drop));
    }
    // First claimer wins: only an unclaimed drop that has not expired changes.
    Query take(command,
               "UPDATE lootdrops SET claimed_by = ?1, claimed_at = ?2 WHERE message_id = ?3 AND "
               "claimed_at IS NULL AND expired_at IS NULL AND expires_at > ?2",
               user, command.now(), drop);
    if (take.exec() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, found->claimed_at
                                                        ? "Someone claimed this drop first."
                                                        : "This drop has expired.");
    }
    const auto paid = ledger::pay_from_mint(command, user, found->currency.value(), found->amount,
                                            "LOOTDROP", fmt::format("drop {}", drop));
    if (!paid) return paid.outcome();
    command.emit(LootEvents::kClaimed, user, user,
                 Payload()
                     .add("drop", drop)
                     .add("amount", found->amount)
                     .add("currency", found->currency.value())
                     .str());
    return *find(command, drop);
  });
}

std::optional<DropView> Loot::drop(const std::string& id) const {
  return core_.read([&](Reader& reader) { return find(reader, id); });
}

std::vector<DropView> Loot::open(const std::string& channel) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                std::string(kSelect) +
                    "WHERE channel_id = ? AND claimed_at IS NULL AND expired_at IS NULL AND "
                    "expires_at > ? ORDER BY created_at, message_id",
                channel, reader.now());
    std::vector<DropView> found;
    while (query.step()) found.push_back(read_drop(query));
    return found;
  });
}

void loot::tick_expiry(Command& command, GameTime to) {
  expire_in_batches(
      command, to,
      "SELECT expires_at, 'loot.expired', NULL, NULL, json_object('drop', message_id, 'channel', "
      "ifnull(channel_id, ''), 'amount', reward_amount) FROM lootdrops WHERE claimed_at IS NULL "
      "AND expired_at IS NULL AND expires_at <= ?1 ORDER BY expires_at, message_id LIMIT ?2",
      "UPDATE lootdrops SET expired_at = expires_at WHERE rowid IN (SELECT rowid FROM lootdrops "
      "WHERE claimed_at IS NULL AND expired_at IS NULL AND expires_at <= ?1 ORDER BY expires_at, "
      "message_id LIMIT ?2)");
}

}  // namespace hearth

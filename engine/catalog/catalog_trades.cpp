// Trades: an offer of instances, items and money for others, answered by its recipient; on
// confirmation every leg moves in one command or none does.
#include <algorithm>
#include <set>

#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/catalog/catalog.h"

namespace hearth {

namespace {

constexpr std::int64_t kMaxDescription = 500;

TradeStatus status_of(const std::string& status, bool expired) {
  if (status == "opened") return TradeStatus::Opened;
  if (status == "confirmed") return TradeStatus::Confirmed;
  if (status == "rejected") return TradeStatus::Rejected;
  if (status == "return_to_sender") return TradeStatus::ReturnedToSender;
  if (status == "cancelled") return expired ? TradeStatus::Expired : TradeStatus::Cancelled;
  return TradeStatus::Sent;
}

bool waiting(TradeStatus status) {
  return status == TradeStatus::Sent || status == TradeStatus::Opened;
}

const char* side_word(bool offered) { return offered ? "user" : "recipient"; }

std::optional<TradeView> load(Reader& reader, std::int64_t id) {
  Query query(reader,
              "SELECT user_id, recipient_id, status, expired, ifnull(description, ''), "
              "created_at, ifnull(expires_at, 0) FROM trades WHERE id = ?",
              id);
  if (!query.step()) return std::nullopt;
  TradeView view;
  view.id = id;
  view.sender = query.text(0);
  view.recipient = query.text(1);
  view.status = status_of(query.text(2), query.flag(3));
  view.description = query.text(4);
  view.created_at = query.integer(5);
  view.expires_at = query.integer(6);
  query.reset();
  for (const bool offered : {true, false}) {
    TradeSide& side = offered ? view.offered : view.asked;
    Query ownerships(reader,
                     "SELECT ownership_id FROM trade_offer_ownerships WHERE trade_id = ? AND "
                     "side = ? ORDER BY ownership_id",
                     id, side_word(offered));
    while (ownerships.step()) side.ownerships.push_back(ownerships.integer(0));
    ownerships.reset();
    Query items(reader,
                "SELECT item_id, quantity FROM trade_offer_items WHERE trade_id = ? AND side = ? "
                "ORDER BY item_id",
                id, side_word(offered));
    while (items.step()) side.items.emplace_back(items.integer(0), items.integer(1));
    items.reset();
    Query money(reader,
                "SELECT currency_id, amount FROM trade_offer_currencies WHERE trade_id = ? AND "
                "side = ? ORDER BY currency_id",
                id, side_word(offered));
    while (money.step()) side.money.push_back({money.integer(0), money.integer(1)});
  }
  return view;
}

// Refuses a side's shape: a quantity or amount not positive, a leg twice.
Outcome check_shape(const TradeSide& side) {
  std::set<std::int64_t> seen;
  for (OwnershipId id : side.ownerships) {
    if (!seen.insert(id.value()).second) {
      return Outcome::refused(Refusal::InvalidArgument, "An instance is in a trade twice.");
    }
  }
  std::set<std::int64_t> items;
  for (const auto& [item, quantity] : side.items) {
    if (quantity <= 0 || !items.insert(item.value()).second) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "Each item of a trade comes once, in a positive quantity.");
    }
  }
  std::set<std::int64_t> currencies;
  for (const Price& money : side.money) {
    if (money.amount <= 0 || !currencies.insert(money.currency.value()).second) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "Each currency of a trade comes once, in a positive amount.");
    }
  }
  return {};
}

// Refuses a side `owner` cannot give now: an instance not theirs (or an author's copy), fewer
// items or less money than the side says. `refusal` is the kind to refuse with.
Outcome check_holds(Reader& reader, const TradeSide& side, const PlayerId& owner, Refusal refusal) {
  for (OwnershipId id : side.ownerships) {
    Query link(reader,
               "SELECT 1 FROM content_ownerships WHERE id = ? AND user_id = ? AND ended_at IS "
               "NULL AND serial IS NOT NULL",
               id.value(), owner);
    if (!link.step()) {
      return Outcome::refused(refusal, fmt::format("Instance {} is not there to trade.", id));
    }
  }
  for (const auto& [item, quantity] : side.items) {
    if (inventory::quantity(reader, owner, item.value()) < quantity) {
      return Outcome::refused(
          refusal, fmt::format("There are not {} of item {} to trade.", quantity, item.value()));
    }
  }
  for (const Price& money : side.money) {
    if (ledger::user_balance(reader, owner, money.currency.value()).value_or(0) < money.amount) {
      return Outcome::refused(refusal == Refusal::NotAllowed ? Refusal::InsufficientFunds : refusal,
                              fmt::format("There are not {} of currency {} to trade.", money.amount,
                                          money.currency.value()));
    }
  }
  return {};
}

// Moves one side from `from` to `to`: its instances along their chains, its items, its money.
Outcome move_side(Command& command, const TradeSide& side, const PlayerId& from, const PlayerId& to,
                  std::int64_t trade) {
  for (OwnershipId id : side.ownerships) {
    if (Outcome moved = catalog::pass_on(command, id, to, OwnershipSource::Trade); !moved) {
      return moved;
    }
  }
  for (const auto& [item, quantity] : side.items) {
    inventory::ItemPosting posting;
    posting.user_id = from;
    posting.item = item.value();
    posting.quantity = quantity;
    posting.type = "TRADE";
    posting.description = fmt::format("Trade {}", trade);
    posting.related_user_id = to;
    posting.actor = from;
    if (auto removed = inventory::remove(command, posting); !removed) return removed.outcome();
    posting.user_id = to;
    posting.related_user_id = from;
    if (auto added = inventory::add(command, posting); !added) return added.outcome();
  }
  for (const Price& money : side.money) {
    ledger::Posting posting;
    posting.from_account = ledger::user_account(command, from, money.currency.value());
    posting.to_account = ledger::user_account(command, to, money.currency.value());
    posting.amount = money.amount;
    posting.type = "TRADE";
    posting.description = fmt::format("Trade {}", trade);
    posting.user_id = from;
    posting.related_user_id = to;
    if (posting.to_account == 0) {
      return Outcome::refused(Refusal::NotFound, "The receiver has no account in that currency.");
    }
    if (auto paid = ledger::post(command, posting); !paid) return paid.outcome();
  }
  return {};
}

// Ends a waiting trade as `status`, by `actor` (the sender or the recipient).
Outcome end_trade(Core& core, const PlayerId& actor, std::int64_t id, bool by_recipient,
                  const char* status, std::string_view event) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, actor, "web"); !may) return may;
    const std::optional<TradeView> found = load(command, id);
    if (!found || (by_recipient ? found->recipient : found->sender) != actor) {
      return Outcome::refused(Refusal::NotFound, "There is no such trade of yours.");
    }
    if (!waiting(found->status)) {
      return Outcome::refused(Refusal::AlreadyDone, "The trade is over already.");
    }
    Query update(command, "UPDATE trades SET status = ?, updated_at = ? WHERE id = ?", status,
                 command.now(), id);
    update.exec();
    command.emit(event, actor, by_recipient ? found->sender : found->recipient,
                 Payload().add("trade", id).str());
    return {};
  });
}

}  // namespace

Result<TradeView> Catalog::propose(const NewTrade& trade) {
  if (Outcome valid = text::check_optional("A description", trade.description, kMaxDescription);
      !valid) {
    return valid;
  }
  for (const TradeSide* side : {&trade.offered, &trade.asked}) {
    if (Outcome shape = check_shape(*side); !shape) return shape;
  }
  const auto empty = [](const TradeSide& side) {
    return side.ownerships.empty() && side.items.empty() && side.money.empty();
  };
  if (empty(trade.offered) && empty(trade.asked)) {
    return Outcome::refused(Refusal::InvalidArgument, "A trade has at least one leg.");
  }
  return core_.run([&](Command& command) -> Result<TradeView> {
    if (Outcome may = access::require(command, trade.sender, "trade"); !may) return may;
    if (trade.sender == trade.recipient) {
      return Outcome::refused(Refusal::InvalidArgument, "Nobody trades with themselves.");
    }
    if (Outcome other = access::require(command, trade.recipient, "trade"); !other) {
      return Outcome::refused(
          other.refusal() == Refusal::NotFound ? Refusal::NotFound : Refusal::NotAllowed,
          "The recipient may not trade.");
    }
    if (Outcome open = relations::check_not_blocked(command, trade.sender, trade.recipient);
        !open) {
      return open;
    }
    if (Outcome held = check_holds(command, trade.offered, trade.sender, Refusal::NotAllowed);
        !held) {
      return held;
    }
    if (Outcome held = check_holds(command, trade.asked, trade.recipient, Refusal::NotAllowed);
        !held) {
      return held;
    }
    const GameTime expires = command.now() + command.rules().catalog.trade_lifetime;
    Query insert(command,
                 "INSERT INTO trades (user_id, recipient_id, description, created_at, updated_at, "
                 "expires_at) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?4, ?5)",
                 trade.sender, trade.recipient, trade.description, command.now(), expires);
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    for (const bool offered : {true, false}) {
      const TradeSide& side = offered ? trade.offered : trade.asked;
      for (OwnershipId ownership : side.ownerships) {
        Query leg(command,
                  "INSERT INTO trade_offer_ownerships (trade_id, ownership_id, side) VALUES (?, "
                  "?, ?)",
                  id, ownership.value(), side_word(offered));
        leg.exec();
      }
      for (const auto& [item, quantity] : side.items) {
        Query leg(command,
                  "INSERT INTO trade_offer_items (trade_id, side, item_id, quantity) VALUES (?, "
                  "?, ?, ?)",
                  id, side_word(offered), item.value(), quantity);
        leg.exec();
      }
      for (const Price& money : side.money) {
        Query leg(command,
                  "INSERT INTO trade_offer_currencies (trade_id, side, currency_id, amount) "
                  "VALUES (?, ?, ?, ?)",
                  id, side_word(offered), money.currency.value(), money.amount);
        leg.exec();
      }
    }
    command.schedule(expires);
    command.emit(TradeEvents::kSent, trade.sender, trade.recipient,
                 Payload().add("trade", id).str());
    return *load(command, id);
  });
}

Outcome Catalog::open(const PlayerId& recipient, std::int64_t trade) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, recipient, "web"); !may) return may;
    const std::optional<TradeView> found = load(command, trade);
    if (!found || found->recipient != recipient) {
      return Outcome::refused(Refusal::NotFound, "There is no such trade of yours.");
    }
    if (found->status != TradeStatus::Sent) {
      return Outcome::refused(Refusal::AlreadyDone, "The trade is open or over already.");
    }
    Query update(command, "UPDATE trades SET status = 'opened', updated_at = ? WHERE id = ?",
                 command.now(), trade);
    update.exec();
    command.emit(TradeEvents::kOpened, recipient, found->sender,
                 Payload().add("trade", trade).str());
    return {};
  });
}

Outcome Catalog::reject(const PlayerId& recipient, std::int64_t trade) {
  return end_trade(core_, recipient, trade, true, "rejected", TradeEvents::kRejected);
}

Outcome Catalog::cancel(const PlayerId& sender, std::int64_t trade) {
  return end_trade(core_, sender, trade, false, "cancelled", TradeEvents::kCancelled);
}

Result<TradeView> Catalog::confirm(const PlayerId& recipient, std::int64_t trade) {
  return core_.run([&](Command& command) -> Result<TradeView> {
    if (Outcome may = access::require(command, recipient, "trade"); !may) return may;
    const std::optional<TradeView> found = load(command, trade);
    if (!found || found->recipient != recipient) {
      return Outcome::refused(Refusal::NotFound, "There is no such trade of yours.");
    }
    if (!waiting(found->status)) {
      return Outcome::refused(Refusal::AlreadyDone, "The trade is over already.");
    }
    if (Outcome open = relations::check_not_blocked(command, found->sender, recipient); !open) {
      return open;
    }
    // What the recipient gives must be there, or the confirmation is refused.
    if (Outcome held = check_holds(command, found->asked, recipient, Refusal::NotAllowed); !held) {
      return held;
    }
    // What the sender offered is gone: the trade goes back, nothing moves.
    if (!check_holds(command, found->offered, found->sender, Refusal::NotAllowed) ||
        !access::require(command, found->sender, "trade")) {
      Query back(command,
                 "UPDATE trades SET status = 'return_to_sender', updated_at = ? WHERE id = ?",
                 command.now(), trade);
      back.exec();
      command.emit(TradeEvents::kReturned, recipient, found->sender,
                   Payload().add("trade", trade).str());
      return *load(command, trade);
    }
    if (Outcome moved = move_side(command, found->offered, found->sender, recipient, trade);
        !moved) {
      return moved;
    }
    if (Outcome moved = move_side(command, found->asked, recipient, found->sender, trade); !moved) {
      return moved;
    }
    Query done(command, "UPDATE trades SET status = 'confirmed', updated_at = ? WHERE id = ?",
               command.now(), trade);
    done.exec();
    command.emit(TradeEvents::kConfirmed, recipient, found->sender,
                 Payload().add("trade", trade).str());
    return *load(command, trade);
  });
}

std::optional<TradeView> Catalog::trade(std::int64_t trade) const {
  return core_.read([&](Reader& reader) { return load(reader, trade); });
}

std::vector<TradeView> Catalog::open_trades(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    std::vector<std::int64_t> ids;
    Query query(reader,
                "SELECT id FROM trades WHERE (user_id = ?1 OR recipient_id = ?1) AND status IN "
                "('sent', 'opened') ORDER BY created_at, id",
                user);
    while (query.step()) ids.push_back(query.integer(0));
    query.reset();
    std::vector<TradeView> found;
    for (std::int64_t id : ids) found.push_back(*load(reader, id));
    return found;
  });
}

void catalog::tick_trades(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, user_id, recipient_id, expires_at FROM trades WHERE status IN "
              "('sent', 'opened') AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
              to, command.batch_of(kBatch));

    struct Ending {
      std::int64_t id;
      PlayerId sender;
      PlayerId recipient;
      GameTime at;
    };

    std::vector<Ending> ending;
    while (due.step()) {
      ending.push_back({due.integer(0), due.text(1), due.text(2), due.integer(3)});
    }
    due.reset();
    if (ending.empty()) return;
    command.spend(ending.size());
    for (const Ending& end : ending) {
      Query close(command,
                  "UPDATE trades SET status = 'cancelled', expired = 1, updated_at = expires_at "
                  "WHERE id = ?",
                  end.id);
      close.exec();
      command.emit_at(end.at, TradeEvents::kExpired, end.recipient, end.sender,
                      Payload().add("trade", end.id).str());
    }
  }
}

}  // namespace hearth

// Owning content: buying an instance (the next serial), giving it (the chain goes on), the game's
// grants, timed ownership ending by the tick, and what the chain says.
#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/catalog/catalog.h"

namespace hearth {

namespace {

constexpr const char* kColumns =
    "SELECT id, content_id, serial, user_id, source, ifnull(previous_ownership_id, 0), "
    "purchase_price, purchase_currency_id, ifnull(purchase_transaction_id, 0), created_at, "
    "ended_at, expires_at FROM content_ownerships ";

OwnershipSource source_named(const std::string& name) {
  if (name == "author") return OwnershipSource::Author;
  if (name == "trade") return OwnershipSource::Trade;
  if (name == "gift") return OwnershipSource::Gift;
  return OwnershipSource::Purchase;
}

const char* source_word(OwnershipSource source) {
  switch (source) {
    case OwnershipSource::Author:
      return "author";
    case OwnershipSource::Trade:
      return "trade";
    case OwnershipSource::Gift:
      return "gift";
    case OwnershipSource::Purchase:
      return "purchase";
  }
  return "purchase";
}

std::vector<OwnershipView> read_all(Query& query) {
  std::vector<OwnershipView> found;
  while (query.step()) {
    OwnershipView view;
    view.id = query.integer(0);
    view.content = query.integer(1);
    if (!query.is_null(2)) view.serial = query.integer(2);
    view.owner = query.text(3);
    view.source = source_named(query.text(4));
    view.previous = query.integer(5);
    if (!query.is_null(6)) view.paid = Price{query.integer(7), query.integer(6)};
    view.transaction = query.integer(8);
    view.since = query.integer(9);
    if (!query.is_null(10)) view.ended_at = query.integer(10);
    if (!query.is_null(11)) view.expires_at = query.integer(11);
    found.push_back(std::move(view));
  }
  query.reset();
  return found;
}

std::optional<OwnershipView> ownership(Reader& reader, OwnershipId id) {
  Query query(reader, std::string(kColumns) + "WHERE id = ?", id.value());
  std::vector<OwnershipView> found = read_all(query);
  if (found.empty()) return std::nullopt;
  return found.front();
}

// Refuses an instance of `content` for `user`: content they may not see, restricted, sold out,
// owned already. Returns the next serial otherwise.
Result<std::int64_t> next_serial(Reader& reader, const ContentView& content, const PlayerId& user) {
  if (!catalog::visible(reader, content, user) || content.restricted) {
    return Outcome::refused(Refusal::NotFound, "There is no such content.");
  }
  if (catalog::owns(reader, user, content.id)) {
    return Outcome::refused(Refusal::AlreadyDone, "The player owns that content already.");
  }
  if (content.stock && content.sold >= *content.stock) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("{} is sold out ({} made).", content.name, *content.stock));
  }
  return content.sold + 1;
}

struct NewLink {
  ContentId content;
  std::optional<std::int64_t> serial;
  PlayerId owner;
  OwnershipSource source = OwnershipSource::Purchase;
  OwnershipId previous;
  std::optional<Price> paid;
  TransactionId transaction;
  std::optional<GameTime> expires_at;
};

OwnershipView open_link(Command& command, const NewLink& link) {
  Query insert(
      command,
      "INSERT INTO content_ownerships (content_id, source, user_id, "
      "previous_ownership_id, purchase_price, purchase_currency_id, "
      "purchase_transaction_id, serial, created_by, created_at, updated_at, expires_at) "
      "VALUES (:content, :source, :owner, NULLIF(:previous, 0), :price, :currency, "
      "NULLIF(:transaction, 0), :serial, :owner, :now, :now, :expires)",
      named(":content", link.content.value()), named(":source", source_word(link.source)),
      named(":owner", link.owner.value()), named(":previous", link.previous.value()),
      named(":price", link.paid ? std::optional<std::int64_t>(link.paid->amount) : std::nullopt),
      named(":currency",
            link.paid ? std::optional<std::int64_t>(link.paid->currency) : std::nullopt),
      named(":transaction", link.transaction.value()), named(":serial", link.serial),
      named(":now", command.now()), named(":expires", link.expires_at));
  insert.exec();
  if (link.expires_at) command.schedule(*link.expires_at);
  return *ownership(command, command.last_insert_id());
}

// The open link of an instance.
std::optional<OwnershipView> last_link(Reader& reader, ContentId content, std::int64_t serial) {
  Query query(reader,
              std::string(kColumns) + "WHERE content_id = ? AND serial = ? AND ended_at IS NULL",
              content.value(), serial);
  std::vector<OwnershipView> found = read_all(query);
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace

Outcome catalog::pass_on(Command& command, OwnershipId id, const PlayerId& to,
                         OwnershipSource source) {
  const std::optional<OwnershipView> link = ownership(command, id);
  if (!link || link->ended_at || !link->serial) {
    return Outcome::refused(Refusal::NotFound, "The instance is not there to pass on.");
  }
  if (catalog::owns(command, to, link->content)) {
    return Outcome::refused(Refusal::AlreadyDone, "The receiver owns that content already.");
  }
  Query end(command, "UPDATE content_ownerships SET ended_at = ?1, updated_at = ?1 WHERE id = ?2",
            command.now(), id.value());
  end.exec();
  catalog::take_off_everywhere(command, link->content, link->owner);
  open_link(command,
            {link->content, link->serial, to, source, id, std::nullopt, 0, link->expires_at});
  return {};
}

bool catalog::owns(Reader& reader, const PlayerId& user, ContentId content) {
  Query query(reader,
              "SELECT 1 FROM content_ownerships WHERE user_id = ? AND content_id = ? AND "
              "ended_at IS NULL",
              user, content.value());
  return query.step();
}

void catalog::open_author_copy(Command& command, ContentId content, const PlayerId& author) {
  open_link(command, {content, std::nullopt, author, OwnershipSource::Author, 0, std::nullopt, 0,
                      std::nullopt});
}

Result<OwnershipView> Catalog::buy(const PlayerId& buyer, ContentId content, CurrencyId currency) {
  return core_.run([&](Command& command) -> Result<OwnershipView> {
    if (Outcome may = access::require(command, buyer, "shop"); !may) return may;
    const std::optional<ContentView> view = catalog::load(command, content);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such content.");
    const Result<std::int64_t> serial = next_serial(command, *view, buyer);
    if (!serial) return serial.outcome();
    if (!view->on_sale) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is not on sale.", view->name));
    }
    const std::vector<Price> prices = catalog::prices(command, content);
    std::optional<Price> price;
    for (const Price& p : prices) {
      if (p.currency == currency) price = p;
    }
    if (!prices.empty() && !price) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("{} is not sold in that currency.", view->name));
    }
    TransactionId transaction;
    if (price && price->amount > 0) {
      ledger::Posting payment;
      payment.from_account = ledger::user_account(command, buyer, currency);
      if (payment.from_account == 0) {
        return Outcome::refused(Refusal::InsufficientFunds,
                                "The buyer has no account in that currency.");
      }
      payment.to_account = ledger::system_account(command, "sink", currency);
      payment.amount = price->amount;
      payment.type = "PURCHASE";
      payment.description = fmt::format("{} #{}", view->name, *serial);
      payment.user_id = buyer;
      const Result<TransactionId> paid = ledger::post(command, payment);
      if (!paid) return paid.outcome();
      transaction = *paid;
    }
    const OwnershipView bought =
        open_link(command, {content, *serial, buyer, OwnershipSource::Purchase, 0,
                            price.value_or(Price{currency, 0}), transaction, std::nullopt});
    command.emit(CatalogEvents::kBought, buyer, buyer,
                 Payload()
                     .add("content", content.value())
                     .add("serial", *serial)
                     .add("price", price ? price->amount : 0)
                     .str());
    return bought;
  });
}

Result<OwnershipView> Catalog::give(const PlayerId& giver, OwnershipId id, const PlayerId& to) {
  return core_.run([&](Command& command) -> Result<OwnershipView> {
    if (Outcome may = access::require(command, giver, "trade"); !may) return may;
    if (giver == to)
      return Outcome::refused(Refusal::InvalidArgument, "Nobody gives to themselves.");
    const std::optional<OwnershipView> link = ownership(command, id);
    if (!link || link->owner != giver || link->ended_at) {
      return Outcome::refused(Refusal::NotFound, "The giver owns no such instance.");
    }
    if (!link->serial) {
      return Outcome::refused(Refusal::NotAllowed, "An author's own copy cannot be given.");
    }
    if (Outcome active = players::check_active(command, to); !active) return active;
    if (Outcome open = relations::check_not_blocked(command, giver, to); !open) return open;
    if (Outcome moved = catalog::pass_on(command, id, to, OwnershipSource::Gift); !moved) {
      return moved;
    }
    const OwnershipView given = *last_link(command, link->content, *link->serial);
    command.emit(CatalogEvents::kGiven, giver, to,
                 Payload()
                     .add("content", link->content.value())
                     .add("serial", *link->serial)
                     .add("from", giver)
                     .str());
    return given;
  });
}

Result<OwnershipView> Catalog::grant(ContentId content, const PlayerId& to,
                                     std::optional<GameTime> expires_at) {
  return core_.run([&](Command& command) -> Result<OwnershipView> {
    if (expires_at && *expires_at <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument, "A grant's expiry is after now.");
    }
    if (Outcome active = players::check_active(command, to); !active) return active;
    const std::optional<ContentView> view = catalog::load(command, content);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such content.");
    if (catalog::owns(command, to, content)) {
      return Outcome::refused(Refusal::AlreadyDone, "The player owns that content already.");
    }
    if (view->stock && view->sold >= *view->stock) {
      return Outcome::refused(Refusal::NotAllowed, fmt::format("{} is sold out.", view->name));
    }
    const OwnershipView granted = open_link(
        command,
        {content, view->sold + 1, to, OwnershipSource::Gift, 0, std::nullopt, 0, expires_at});
    command.emit(CatalogEvents::kGranted, "", to,
                 Payload()
                     .add("content", content.value())
                     .add("serial", view->sold + 1)
                     .raw("expires_at", expires_at ? std::to_string(*expires_at) : "null")
                     .str());
    return granted;
  });
}

std::vector<OwnershipView> Catalog::owned(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                std::string(kColumns) +
                    "WHERE user_id = ? AND ended_at IS NULL ORDER BY content_id, serial",
                user);
    return read_all(query);
  });
}

bool Catalog::owns(const PlayerId& user, ContentId content) const {
  return core_.read([&](Reader& reader) { return catalog::owns(reader, user, content); });
}

std::vector<OwnershipView> Catalog::provenance(ContentId content, std::int64_t serial) const {
  return core_.read([&](Reader& reader) {
    Query query(
        reader,
        std::string(kColumns) + "WHERE content_id = ? AND serial = ? ORDER BY created_at, id",
        content.value(), serial);
    return read_all(query);
  });
}

void catalog::tick_ownership_expiry(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, user_id, content_id, ifnull(serial, 0), expires_at FROM "
              "content_ownerships WHERE expires_at <= ?1 AND ended_at IS NULL "
              "ORDER BY expires_at, id LIMIT ?2",
              to, command.batch_of(kBatch));

    struct Ending {
      std::int64_t id;
      PlayerId owner;
      std::int64_t content;
      std::int64_t serial;
      GameTime at;
    };

    std::vector<Ending> ending;
    while (due.step()) {
      ending.push_back(
          {due.integer(0), due.text(1), due.integer(2), due.integer(3), due.integer(4)});
    }
    due.reset();
    if (ending.empty()) return;
    command.spend(ending.size());
    for (const Ending& end : ending) {
      Query close(command, "UPDATE content_ownerships SET ended_at = expires_at WHERE id = ?",
                  end.id);
      close.exec();
      catalog::take_off_everywhere(command, end.content, end.owner);
      command.emit_at(end.at, CatalogEvents::kOwnershipExpired, "", end.owner,
                      Payload().add("content", end.content).add("serial", end.serial).str());
    }
  }
}

namespace catalog {

std::vector<Violation> ownership_violations(Reader& reader) {
  std::vector<Violation> found;
  Query shared(reader,
               "SELECT content_id, serial, count(*) FROM content_ownerships "
               "WHERE ended_at IS NULL AND serial IS NOT NULL GROUP BY content_id, serial "
               "HAVING count(*) > 1 ORDER BY content_id, serial");
  while (shared.step()) {
    found.push_back({"ownership.one_owner",
                     fmt::format("Instance {} of content {} has {} open owners, not 1.",
                                 shared.integer(1), shared.integer(0), shared.integer(2))});
  }
  Query overdue(reader,
                "SELECT id, content_id, user_id, expires_at FROM content_ownerships "
                "WHERE ended_at IS NULL AND expires_at <= (SELECT reached_at FROM game_clock "
                "WHERE id = 1) ORDER BY id");
  while (overdue.step()) {
    found.push_back(
        {"ownership.overdue",
         fmt::format("Ownership {} of content {} by user '{}' expired at {} but is still open "
                     "at the time the file has reached.",
                     overdue.integer(0), overdue.integer(1), overdue.text(2), overdue.integer(3))});
  }
  return found;
}

}  // namespace catalog

}  // namespace hearth

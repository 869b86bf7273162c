// The catalog: purchases per second, and confirming a trade of ten instances, each beside raw
// SQLite running the same statements in the same run.
#include <algorithm>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/identity/players.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr int kBuyers = 2000;
constexpr int kLegs = 10;
constexpr int kTrades = 200;

GameOptions options_for(const std::string& path) {
  GameOptions options = test::options_with(std::make_shared<ManualClock>(test::kStart), path);
  options.durability = std::getenv("HEARTH_FULL") ? Durability::Full : Durability::Normal;
  return options;
}

void step(sqlite3* db, sqlite3_stmt* statement) {
  const int rc = sqlite3_step(statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw std::runtime_error(std::string(sqlite3_errmsg(db)) + ": " + sqlite3_sql(statement));
  }
  sqlite3_reset(statement);
}

sqlite3* open_raw(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_exec(db,
               "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
               "PRAGMA cache_size = -32768",
               nullptr, nullptr, nullptr);
  return db;
}

// Raw purchases: the content, the buyer's holding and the next serial, the payment (both
// balances and the ledger row), the ownership row and the event, one transaction each.
double raw_purchases(const std::string& path, const std::vector<PlayerId>& buyers,
                     std::int64_t content) {
  sqlite3* db = open_raw(path);
  sqlite3_stmt* read =
      raw_prepare(db, "SELECT onsale, restricted, stock FROM content WHERE id = ?");
  sqlite3_stmt* owned = raw_prepare(db,
                                    "SELECT 1 FROM content_ownerships WHERE user_id = ? AND "
                                    "content_id = ? AND ended_at IS NULL");
  sqlite3_stmt* serial = raw_prepare(
      db, "SELECT ifnull(max(serial), 0) + 1 FROM content_ownerships WHERE content_id = ?");
  sqlite3_stmt* price =
      raw_prepare(db, "SELECT price FROM content_prices WHERE content_id = ? AND currency_id = 1");
  sqlite3_stmt* payer = raw_prepare(db,
                                    "UPDATE accounts SET balance = balance - ?1 WHERE user_id = ?2 "
                                    "AND currency_id = 1 RETURNING id");
  sqlite3_stmt* sink =
      raw_prepare(db,
                  "UPDATE accounts SET balance = balance + ?1 WHERE system_name = 'sink' AND "
                  "currency_id = 1 RETURNING id");
  sqlite3_stmt* ledger = raw_prepare(db,
                                     "INSERT INTO transactions (currency_id, from_account_id, "
                                     "to_account_id, amount, type, user_id, confirmed, automated, "
                                     "created_at, updated_at) VALUES (1, (SELECT id FROM accounts "
                                     "WHERE user_id = ?3 AND currency_id = 1), 2, ?1, 'PURCHASE', "
                                     "?3, 1, 0, ?2, ?2)");
  sqlite3_stmt* own = raw_prepare(db,
                                  "INSERT INTO content_ownerships (content_id, source, user_id, "
                                  "purchase_price, purchase_currency_id, purchase_transaction_id, "
                                  "serial, created_by, created_at, updated_at) VALUES (?1, "
                                  "'purchase', ?2, ?3, 1, last_insert_rowid(), ?4, ?2, ?5, ?5)");
  sqlite3_stmt* event = raw_prepare(db,
                                    "INSERT INTO events (at, type, actor, subject, payload) VALUES "
                                    "(?1, 'catalog.bought', ?2, ?2, json(?3))");
  const double elapsed = seconds([&] {
    for (const PlayerId& buyer : buyers) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      sqlite3_bind_int64(read, 1, content);
      step(db, read);
      bind_text(owned, 1, buyer.value());
      sqlite3_bind_int64(owned, 2, content);
      step(db, owned);
      sqlite3_bind_int64(serial, 1, content);
      sqlite3_step(serial);
      const std::int64_t next = sqlite3_column_int64(serial, 0);
      sqlite3_reset(serial);
      sqlite3_bind_int64(price, 1, content);
      step(db, price);
      for (sqlite3_stmt* balance : {payer, sink}) {
        sqlite3_bind_int64(balance, 1, 5);
        if (balance == payer) bind_text(balance, 2, buyer.value());
        step(db, balance);
      }
      sqlite3_bind_int64(ledger, 1, 5);
      sqlite3_bind_int64(ledger, 2, test::kStart);
      bind_text(ledger, 3, buyer.value());
      step(db, ledger);
      sqlite3_bind_int64(own, 1, content);
      bind_text(own, 2, buyer.value());
      sqlite3_bind_int64(own, 3, 5);
      sqlite3_bind_int64(own, 4, next);
      sqlite3_bind_int64(own, 5, test::kStart);
      step(db, own);
      sqlite3_bind_int64(event, 1, test::kStart);
      bind_text(event, 2, buyer.value());
      bind_text(event, 3, fmt::format(R"({{"content":{},"serial":{},"price":5}})", content, next));
      step(db, event);
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
  });
  for (sqlite3_stmt* s : {read, owned, serial, price, payer, sink, ledger, own, event}) {
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return elapsed;
}

// Raw trade confirmations: the trade, each leg's open link checked, ended and continued, the
// status and the event, one transaction per trade.
double raw_confirmations(const std::string& path, const std::vector<std::int64_t>& trades) {
  sqlite3* db = open_raw(path);
  sqlite3_stmt* trade =
      raw_prepare(db, "SELECT user_id, recipient_id, status FROM trades WHERE id = ?");
  sqlite3_stmt* legs =
      raw_prepare(db,
                  "SELECT ownership_id FROM trade_offer_ownerships WHERE trade_id = "
                  "? AND side = 'user' ORDER BY ownership_id");
  sqlite3_stmt* link = raw_prepare(db,
                                   "SELECT content_id, serial, expires_at FROM content_ownerships "
                                   "WHERE id = ? AND user_id = ? AND ended_at IS NULL");
  sqlite3_stmt* holds = raw_prepare(db,
                                    "SELECT 1 FROM content_ownerships WHERE user_id = ? AND "
                                    "content_id = ? AND ended_at IS NULL");
  sqlite3_stmt* end =
      raw_prepare(db, "UPDATE content_ownerships SET ended_at = ?1, updated_at = ?1 WHERE id = ?2");
  sqlite3_stmt* next = raw_prepare(db,
                                   "INSERT INTO content_ownerships (content_id, source, user_id, "
                                   "previous_ownership_id, serial, created_by, created_at, "
                                   "updated_at, expires_at) VALUES (?1, 'trade', ?2, ?3, ?4, ?2, "
                                   "?5, ?5, ?6)");
  sqlite3_stmt* done =
      raw_prepare(db, "UPDATE trades SET status = 'confirmed', updated_at = ? WHERE id = ?");
  sqlite3_stmt* event = raw_prepare(db,
                                    "INSERT INTO events (at, type, actor, subject, payload) VALUES "
                                    "(?1, 'trade.confirmed', ?2, ?3, json(?4))");
  const double elapsed = seconds([&] {
    for (std::int64_t id : trades) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      sqlite3_bind_int64(trade, 1, id);
      sqlite3_step(trade);
      const std::string sender = reinterpret_cast<const char*>(sqlite3_column_text(trade, 0));
      const std::string recipient = reinterpret_cast<const char*>(sqlite3_column_text(trade, 1));
      sqlite3_reset(trade);
      std::vector<std::int64_t> ids;
      sqlite3_bind_int64(legs, 1, id);
      while (sqlite3_step(legs) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(legs, 0));
      sqlite3_reset(legs);
      for (std::int64_t ownership : ids) {
        sqlite3_bind_int64(link, 1, ownership);
        bind_text(link, 2, sender);
        if (sqlite3_step(link) != SQLITE_ROW) throw std::runtime_error("raw: a leg is gone");
        const std::int64_t content = sqlite3_column_int64(link, 0);
        const std::int64_t serial = sqlite3_column_int64(link, 1);
        sqlite3_reset(link);
        bind_text(holds, 1, recipient);
        sqlite3_bind_int64(holds, 2, content);
        step(db, holds);
        sqlite3_bind_int64(end, 1, test::kStart);
        sqlite3_bind_int64(end, 2, ownership);
        step(db, end);
        sqlite3_bind_int64(next, 1, content);
        bind_text(next, 2, recipient);
        sqlite3_bind_int64(next, 3, ownership);
        sqlite3_bind_int64(next, 4, serial);
        sqlite3_bind_int64(next, 5, test::kStart);
        sqlite3_bind_null(next, 6);
        step(db, next);
      }
      sqlite3_bind_int64(done, 1, test::kStart);
      sqlite3_bind_int64(done, 2, id);
      step(db, done);
      sqlite3_bind_int64(event, 1, test::kStart);
      bind_text(event, 2, recipient);
      bind_text(event, 3, sender);
      bind_text(event, 4, fmt::format(R"({{"trade":{}}})", id));
      step(db, event);
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
  });
  for (sqlite3_stmt* s : {trade, legs, link, holds, end, next, done, event}) sqlite3_finalize(s);
  sqlite3_close(db);
  return elapsed;
}

}  // namespace

void run_catalog_bench(const Scale&) {
  print_rate_header(fmt::format("Catalog ({} buyers; trades of {} instances)", kBuyers, kLegs));
  test::TempFile engine_file;
  test::TempFile raw_file;
  std::vector<PlayerId> buyers;
  ContentId shirt;
  std::vector<std::int64_t> trades;
  {
    Game game(options_for(engine_file.path));
    const PlayerId maker = game.players().create({.username = "maker"})->id;
    Catalog catalog = game.catalog();
    shirt = catalog.create({.author = maker, .type = ContentType::Front, .name = "Shirt"})->id;
    if (!catalog.publish(maker, shirt, true) || !catalog.set_on_sale(maker, shirt, true) ||
        !catalog.set_price(maker, shirt, {game.ledger().default_currency().id, 5})) {
      throw std::runtime_error("set-up refused");
    }
    for (int i = 0; i < kBuyers; ++i) {
      buyers.push_back(game.players().create({.username = fmt::format("buyer{}", i)})->id);
    }
    // Trades: a giver holding kLegs different items offers all of them to a taker.
    std::vector<ContentId> goods;
    for (int g = 0; g < kLegs; ++g) {
      goods.push_back(
          catalog
              .create({.author = maker, .type = ContentType::Front, .name = fmt::format("g{}", g)})
              ->id);
      if (!catalog.publish(maker, goods.back(), true)) throw std::runtime_error("set-up refused");
    }
    for (int t = 0; t < kTrades; ++t) {
      const PlayerId& giver = buyers[static_cast<std::size_t>(2 * t)];
      const PlayerId& taker = buyers[static_cast<std::size_t>(2 * t + 1)];
      NewTrade trade{giver, taker, {}, {}, ""};
      for (const ContentId good : goods) {
        trade.offered.ownerships.push_back(catalog.grant(good, giver)->id);
      }
      trades.push_back(catalog.propose(trade).value().id);
    }
    game.save_as(raw_file.path);
  }
  Game game(options_for(engine_file.path));
  Catalog catalog = game.catalog();
  const CurrencyId credits = game.ledger().default_currency().id;
  const double engine_buys = seconds([&] {
    for (const PlayerId& buyer : buyers) {
      if (!catalog.buy(buyer, shirt, credits)) throw std::runtime_error("a purchase was refused");
    }
  });
  const double raw_buys = raw_purchases(raw_file.path, buyers, shirt.value());
  // The floor: the ownership, ledger and event rows, the two balances and the serial counter.
  print_floor_rate("buy content (checks, payment, ownership with serial, event), NORMAL",
                   kBuyers / engine_buys, kBuyers / raw_buys, floor_write_rate(kBuyers, 3, 3));
  const double engine_trades = seconds([&] {
    for (std::size_t t = 0; t < trades.size(); ++t) {
      const auto confirmed = catalog.confirm(buyers[2 * t + 1], trades[t]);
      if (!confirmed || confirmed->status != TradeStatus::Confirmed) {
        throw std::runtime_error("a trade was not confirmed");
      }
    }
  });
  const double raw_trades = raw_confirmations(raw_file.path, trades);
  // The floor: a new ownership row per instance and the event; the old rows ended and the trade.
  print_floor_rate(fmt::format("confirm a trade of {} instances, NORMAL", kLegs),
                   kTrades / engine_trades, kTrades / raw_trades,
                   floor_write_rate(kTrades, kLegs + 1, kLegs + 1));

  // A 50 MB asset written and read back in pieces: how far the process's peak memory rises.
  constexpr std::int64_t kAsset = 50LL * 1000 * 1000;
  reset_peak_memory();
  const double base = peak_memory_mib();
  std::int64_t given = 0;
  NewAsset upload{buyers.front(),
                  "world.bin",
                  "application/octet-stream",
                  false,
                  kAsset,
                  [&](std::span<std::byte> into) {
                    const auto take = static_cast<std::size_t>(std::min<std::int64_t>(
                        static_cast<std::int64_t>(into.size()), kAsset - given));
                    for (std::size_t i = 0; i < take; ++i) {
                      into[i] =
                          static_cast<std::byte>((given + static_cast<std::int64_t>(i)) % 251);
                    }
                    given += static_cast<std::int64_t>(take);
                    return take;
                  }};
  std::string id;
  const double store = seconds([&] { id = catalog.store_asset(upload).value().id; });
  const double after_store = peak_memory_mib();
  reset_peak_memory();
  const double read_base = peak_memory_mib();
  std::int64_t pieces = 0;
  std::int64_t read_back = 0;
  const double read = seconds([&] {
    read_back =
        catalog.read_asset(buyers.front(), id, [&](std::span<const std::byte>) { ++pieces; })
            .value();
  });
  const double after_read = peak_memory_mib();
  if (read_back != kAsset || pieces < 2) throw std::runtime_error("the asset came back wrong");
  print_floor_figure(
      "store a 50 MB asset in pieces",
      fmt::format("{:.0f} ms; peak memory +{:.1f} MiB", store * 1e3, after_store - base));
  print_floor_figure("read it back in pieces",
                     fmt::format("{:.0f} ms in {} pieces; peak memory +{:.1f} MiB", read * 1e3,
                                 pieces, after_read - read_base));
}

}  // namespace hearth::bench

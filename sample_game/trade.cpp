#include "sample_game/trade.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "sample_game/text.h"
#include "sample_game/travel.h"

namespace hearth::sample_game {

namespace {

constexpr std::int64_t kMaxQuantity = 10000;

// The station the pilot is docked at, or a sentence saying why there is none.
std::optional<Station> docked_station(Session& session, const Pilot& pilot) {
  if (!pilot.docked) {
    fmt::print("You are not docked at a station: 'dock' first.\n");
    return std::nullopt;
  }
  return session.galaxy.station_in(pilot.sector);
}

double multiplier(Session& session, const Pilot& pilot, const Station& station) {
  return session.game.reputation().standing(pilot.id, station.faction)->price_multiplier;
}

// What the pilot pays per unit (rounded up) and is paid per unit (rounded down).
std::int64_t pay_price(std::int64_t sells_at, double factor) {
  return static_cast<std::int64_t>(std::ceil(static_cast<double>(sells_at) * factor));
}

std::int64_t paid_price(std::int64_t buys_at, double factor) {
  return static_cast<std::int64_t>(std::floor(static_cast<double>(buys_at) / factor));
}

std::int64_t credit_account(Session& session, const std::string& player) {
  Ledger ledger = session.game.ledger();
  return ledger.account_of(AccountOwner::user(player), ledger.default_currency().id)->id;
}

// "Food or Fuel Cell", "A, B or C".
std::string join_choices(const std::vector<std::string>& names) {
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " or " : ", ";
    joined += names[i];
  }
  return joined;
}

// The commodity and quantity of "ITEM... QUANTITY", or a sentence saying what is wrong.
struct Order {
  MarketLine line;
  ItemView item;
  std::int64_t quantity = 0;
};

std::optional<Order> parse_order(Session& session, const Station& station,
                                 const std::vector<std::string>& words, const char* verb) {
  if (words.size() < 3) {
    fmt::print("Say what and how many: '{} ITEM QUANTITY', e.g. '{} food 5'.\n", verb, verb);
    return std::nullopt;
  }
  const std::string wanted = lower(join_words({words.begin(), words.end() - 1}, 1));
  // A whole name wins; otherwise the prefix must name exactly one commodity.
  std::vector<std::string> matches;
  std::optional<std::string> name;
  for (const std::string& commodity : session.galaxy.commodities()) {
    if (lower(commodity) == wanted) name = commodity;
    if (lower(commodity).rfind(wanted, 0) == 0) matches.push_back(commodity);
  }
  if (!name && matches.size() == 1) name = matches.front();
  if (!name && matches.size() > 1) {
    fmt::print("'{}' could be {}: which one?\n", wanted, join_choices(matches));
    return std::nullopt;
  }
  if (!name) {
    fmt::print("No such commodity: '{}'. 'market' lists what this station trades.\n", wanted);
    return std::nullopt;
  }
  const std::int64_t quantity = parse_quantity(words.back(), kMaxQuantity);
  if (quantity == 0) {
    fmt::print("The quantity must be a whole number from 1 to {}.\n", kMaxQuantity);
    return std::nullopt;
  }
  Order order{.line = {.item = *name},
              .item = *session.game.inventory().item_named(*name),
              .quantity = quantity};
  for (const MarketLine& line : session.galaxy.market(station.id)) {
    if (line.item == *name) order.line = line;
  }
  return order;
}

// A trade pleases the station's faction and displeases its rival, in proportion to its value
// over the game day: one standing point per kCreditsPerPoint credits traded with that faction
// today (one large trade counts the same as many small ones of the same value), at most
// kDailyStandingLimit points a day; the rival loses one per kCreditsPerRivalPoint. It also counts
// toward rank.
void after_trade(Session& session, const Pilot& pilot, const Station& station, std::int64_t value) {
  const std::int64_t before =
      session.galaxy.add_trade_value(pilot.id, station.faction, session.game.now() / kDay, value);
  const std::int64_t after = before + value;
  const auto points = [](std::int64_t traded, std::int64_t per_point, std::int64_t cap) {
    return std::min(cap, traded / per_point);
  };
  const std::int64_t gain = points(after, kCreditsPerPoint, kDailyStandingLimit) -
                            points(before, kCreditsPerPoint, kDailyStandingLimit);
  const std::int64_t loss = points(after, kCreditsPerRivalPoint, kDailyStandingLimit / 2) -
                            points(before, kCreditsPerRivalPoint, kDailyStandingLimit / 2);
  const std::string reason = "Trade at " + station.name;
  if (gain > 0) {
    if (const auto pleased =
            session.game.reputation().change(pilot.id, station.faction, gain, reason)) {
      fmt::print("  {} standing {:+} (now {}, {}).", pleased->faction_name, gain, pleased->value,
                 pleased->title);
    }
  } else if (before / kCreditsPerPoint >= kDailyStandingLimit) {
    fmt::print("  {} standing: today's limit of {} from trade is reached.",
               faction_name(session, station.faction), kDailyStandingLimit);
  } else {
    fmt::print("  {} standing: {}/{} credits toward the next point today.",
               faction_name(session, station.faction), after % kCreditsPerPoint, kCreditsPerPoint);
  }
  const std::string rival = session.galaxy.rival_of(station.faction);
  if (!rival.empty() && loss > 0) {
    if (const auto displeased = session.game.reputation().change(pilot.id, rival, -loss, reason)) {
      fmt::print(" {} {:+}.", displeased->faction_name, -loss);
    }
  }
  fmt::print("\n");
  (void)session.game.ranks().record(pilot.id, {.trades = 1});
  if (const auto rank = session.game.ranks().award(pilot.id, RankReason::TradingVolume, value)) {
    fmt::print("  Trade volume: {} rank points in all ({}).\n", rank->points, rank->name);
  }
}

}  // namespace

std::int64_t cargo_used(Session& session, const Pilot& pilot) {
  std::int64_t used = 0;
  for (const Stack& stack : session.game.inventory().stacks(pilot.id)) used += stack.quantity;
  return used;
}

void show_market(Session& session, const Pilot& pilot) {
  const auto station = docked_station(session, pilot);
  if (!station) return;
  const auto standing = session.game.reputation().standing(pilot.id, station->faction);
  fmt::print("{} ({}): your standing {} ({}), prices x{:.2f}\n", station->name,
             standing->faction_name, standing->value, standing->title, standing->price_multiplier);
  fmt::print("  {:<12} {:>9} {:>9} {:>9}\n", "commodity", "sells at", "buys at", "you hold");
  for (const MarketLine& line : session.galaxy.market(station->id)) {
    const auto item = session.game.inventory().item_named(line.item);
    const std::int64_t held = session.game.inventory().quantity(pilot.id, item->id);
    const std::string sells =
        line.sells_at ? std::to_string(pay_price(line.sells_at, standing->price_multiplier)) : "-";
    const std::string buys =
        line.buys_at ? std::to_string(paid_price(line.buys_at, standing->price_multiplier)) : "-";
    fmt::print("  {:<12} {:>9} {:>9} {:>9}\n", line.item, sells, buys, held);
  }
  fmt::print("Hold {}/{}. Credits {}.\n", cargo_used(session, pilot), pilot.capacity,
             session.game.ledger().credits(pilot.id));
}

void buy(Session& session, const Pilot& pilot, const std::vector<std::string>& words) {
  const auto station = docked_station(session, pilot);
  if (!station) return;
  const auto order = parse_order(session, *station, words, "buy");
  if (!order) return;
  if (order->line.sells_at == 0) {
    fmt::print("{} does not sell {}.\n", station->name, order->item.name);
    return;
  }
  const std::int64_t room = pilot.capacity - cargo_used(session, pilot);
  if (order->quantity > room) {
    fmt::print("Your hold has room for {} more units.\n", room);
    return;
  }
  const std::int64_t each = pay_price(order->line.sells_at, multiplier(session, pilot, *station));
  const std::int64_t total = each * order->quantity;
  const std::string description =
      fmt::format("{} {} at {}", order->quantity, order->item.name, station->name);
  // One group: the payment leaves circulation (to the default currency's sink), the goods
  // arrive, the standing and rank follow; all of it happens, or none (a crash included).
  const Outcome traded = session.game.atomically([&]() -> Outcome {
    const auto paid = session.game.ledger().burn(
        credit_account(session, pilot.id), total,
        {.type = "PURCHASE", .description = description, .user_id = pilot.id});
    if (!paid) return paid.outcome();
    const auto added = session.game.inventory().add({.user_id = pilot.id,
                                                     .item = order->item.id,
                                                     .quantity = order->quantity,
                                                     .type = "SHOP_BUY",
                                                     .description = description});
    if (!added) return added.outcome();
    fmt::print("Bought {} {} for {} credits ({} each). Credits {}. Hold {}/{}.\n", order->quantity,
               order->item.name, total, each, session.game.ledger().credits(pilot.id),
               cargo_used(session, pilot), pilot.capacity);
    after_trade(session, pilot, *station, total);
    return {};
  });
  if (!traded) fmt::print("{}\n", traded.detail());
}

void sell(Session& session, const Pilot& pilot, const std::vector<std::string>& words) {
  const auto station = docked_station(session, pilot);
  if (!station) return;
  const auto order = parse_order(session, *station, words, "sell");
  if (!order) return;
  if (order->line.buys_at == 0) {
    fmt::print("{} does not buy {}.\n", station->name, order->item.name);
    return;
  }
  const std::int64_t held = session.game.inventory().quantity(pilot.id, order->item.id);
  if (order->quantity > held) {
    if (held == 0) {
      fmt::print("You have no {} to sell.\n", order->item.name);
    } else {
      fmt::print("You have only {} {}.\n", held, order->item.name);
    }
    return;
  }
  const std::int64_t each = paid_price(order->line.buys_at, multiplier(session, pilot, *station));
  const std::int64_t total = each * order->quantity;
  const std::string description =
      fmt::format("{} {} at {}", order->quantity, order->item.name, station->name);
  // One group: the goods leave, the station pays with new money from the default currency's
  // mint, the standing and rank follow.
  const Outcome traded = session.game.atomically([&]() -> Outcome {
    const auto removed = session.game.inventory().remove({.user_id = pilot.id,
                                                          .item = order->item.id,
                                                          .quantity = order->quantity,
                                                          .type = "SALE",
                                                          .description = description});
    if (!removed) return removed.outcome();
    const auto paid = session.game.ledger().mint(
        credit_account(session, pilot.id), total,
        {.type = "SALE", .description = description, .user_id = pilot.id, .automated = true});
    if (!paid) return paid.outcome();
    fmt::print("Sold {} {} for {} credits ({} each). Credits {}. Hold {}/{}.\n", order->quantity,
               order->item.name, total, each, session.game.ledger().credits(pilot.id),
               cargo_used(session, pilot), pilot.capacity);
    after_trade(session, pilot, *station, total);
    return {};
  });
  if (!traded) fmt::print("{}\n", traded.detail());
}

void supply(Session& session, const Pilot& pilot) {
  // The cooldown timer is what limits the drop to once a day: starting it is refused while the
  // last one runs, with the time left.
  const Outcome started =
      session.game.timers().start_cooldown(pilot.id, kSupplyCooldown, kSupplyInterval);
  if (!started) {
    fmt::print(
        "The supply drop is on cooldown: the next one is ready in {}.\n",
        format_duration(session.game.timers().cooldown_remaining(pilot.id, kSupplyCooldown)));
    return;
  }
  const auto granted = session.game.ledger().mint(credit_account(session, pilot.id), kSupplyCredits,
                                                  {.type = "GRANT",
                                                   .description = "Daily supply drop",
                                                   .user_id = pilot.id,
                                                   .automated = true});
  if (!granted) {
    fmt::print("{}\n", granted.detail());
    return;
  }
  bool fuel = false;
  if (cargo_used(session, pilot) < pilot.capacity) {
    const auto item = session.game.inventory().item_named("Fuel Cell");
    fuel = session.game.inventory()
               .add({.user_id = pilot.id,
                     .item = item->id,
                     .quantity = 1,
                     .type = "DROP",
                     .description = "Daily supply drop"})
               .ok();
  }
  fmt::print(
      "A supply drone finds you: {} credits{}. The next drop comes in {}.\n", kSupplyCredits,
      fuel ? " and a Fuel Cell ('boost' burns it)" : " (no room in the hold for its Fuel Cell)",
      format_duration(kSupplyInterval));
}

}  // namespace hearth::sample_game

// Trade: station markets, buying and selling, and the daily supply drop. Credits move through the
// engine's ledger, cargo through its inventory; prices follow the pilot's standing with the
// station's faction (the engine's faction reputation), and every trade moves that standing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sample_game/session.h"

namespace hearth::sample_game {

// The cooldown key of the supply drop, how often it comes and what it brings.
constexpr const char* kSupplyCooldown = "supply_drop";
constexpr Duration kSupplyInterval = Duration::days(1);
constexpr std::int64_t kSupplyCredits = 500;

// Standing from trade: a point per 250 credits traded with a faction in a game day, at most 20 a
// day; its rival loses a point per 500 credits, at most 10 a day.
constexpr std::int64_t kCreditsPerPoint = 250;
constexpr std::int64_t kCreditsPerRivalPoint = 500;
constexpr std::int64_t kDailyStandingLimit = 20;

// `market`: what the station of the pilot's sector trades, at the pilot's prices.
void show_market(Session& session, const Pilot& pilot);

// `buy ITEM QUANTITY` and `sell ITEM QUANTITY` (the item by name or its start, any case).
void buy(Session& session, const Pilot& pilot, const std::vector<std::string>& words);
void sell(Session& session, const Pilot& pilot, const std::vector<std::string>& words);

// `supply`: 500 credits and a Fuel Cell, once a day.
void supply(Session& session, const Pilot& pilot);

// The cargo units the pilot holds.
std::int64_t cargo_used(Session& session, const Pilot& pilot);

}  // namespace hearth::sample_game

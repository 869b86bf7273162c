// The JSON documents of standings: reputation histories, team standings, rank requirements
// (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// One change of a faction reputation, appended to reputations.history.
struct ReputationHistoryEntry {
  GameTime at = 0;  // older documents: timestamp (an ISO date)
  std::int64_t old_value = 0;
  std::int64_t new_value = 0;
  // The change recorded: the requested one (after the rivalry cap, before clamping) or the
  // actual delta, depending on the caller.
  std::int64_t change = 0;
  std::string reason;

  bool operator==(const ReputationHistoryEntry&) const = default;
};

using ReputationHistory = std::vector<ReputationHistoryEntry>;

// A team's standing with one faction (a snapshot entry).
struct TeamStanding {
  std::string faction_id;
  std::string faction_name;
  std::int64_t value = 0;
  std::string level = "NEUTRAL";  // a reputation_tiers.level

  bool operator==(const TeamStanding&) const = default;
};

// team_reputations.faction_reputation: faction id -> standing.
using TeamFactionReputation = std::map<std::string, TeamStanding>;

// One entry of team_reputations.history: a recalculation or a method switch.
struct TeamReputationHistoryEntry {
  std::string kind = "recalculation";  // "recalculation" | "method_switch"
  GameTime at = 0;                     // older documents: timestamp
  std::string method = "AVERAGE";      // the method in force after the entry
  // recalculation: the standings computed; empty for a method switch.
  TeamFactionReputation standings;
  // method_switch: the leader's player id; "" for a recalculation.
  std::string actor_player_id;

  bool operator==(const TeamReputationHistoryEntry&) const = default;
};

using TeamReputationHistory = std::vector<TeamReputationHistoryEntry>;

// A team's tier change with one faction, waiting in team_reputations.pending_notifications.
struct TeamTierNotification {
  std::string faction_id;
  std::string faction_name;
  std::int64_t old_value = 0;
  std::int64_t new_value = 0;
  std::string old_level = "NEUTRAL";
  std::string new_level = "NEUTRAL";
  GameTime at = 0;  // older documents: timestamp

  bool operator==(const TeamTierNotification&) const = default;
};

using TeamTierNotifications = std::vector<TeamTierNotification>;

// military_ranks.requirements: the achievement gate of a rank; 0 = no gate.
struct MilitaryRankRequirements {
  std::int64_t trades = 0;
  std::int64_t combat_wins = 0;
  std::int64_t sectors_visited = 0;
  std::int64_t planets_owned = 0;

  bool operator==(const MilitaryRankRequirements&) const = default;
};

}  // namespace hearth

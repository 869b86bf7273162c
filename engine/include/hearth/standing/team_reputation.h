// Team reputation: a team's standing with each faction, aggregated from its members' standings
// by the team's method and recalculated on a daily schedule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/standing/documents.h"

namespace hearth {

class Core;

// How a team's standing with a faction follows from its members': their average (rounded half
// to even), the lowest, or the leader's.
enum class AggregationMethod { Average, Lowest, Leader };

// "AVERAGE", "LOWEST" or "LEADER": the word the file stores; "" for a value outside the enum.
std::string_view to_string(AggregationMethod method);

struct TeamReputationView {
  AggregationMethod method = AggregationMethod::Average;
  std::vector<TeamStanding> standings;  // by faction id; empty before the first recalculation
  GameTime last_recalculated_at = 0;
  GameTime next_recalculation_at = 0;
  GameTime method_changed_at = 0;  // 0: never changed
  TeamTierNotifications pending_notifications;

  bool operator==(const TeamReputationView&) const = default;
};

// The event types team reputation journals (payloads: docs/rules.md).
struct TeamReputationEvents {
  static constexpr std::string_view kMethodChanged = "team_reputation.method_changed";
  static constexpr std::string_view kTierChanged = "team_reputation.tier_changed";
};

// Obtain it from Game::team_reputation().
class TeamReputation {
 public:
  explicit TeamReputation(Core& core) : core_(core) {}

  // Changes how the team's standing is aggregated and recalculates it now. Only the leader may;
  // refuses a value outside the enum, the method already in force, and a change within
  // Rules::team_reputation.method_change_cooldown of the last one (saying when it is allowed).
  Outcome set_method(const TeamId& team, const PlayerId& actor, AggregationMethod method);

  std::optional<TeamReputationView> reputation(const TeamId& team) const;

  // Empties the team's pending tier notifications (once a game has shown them).
  Outcome clear_notifications(const TeamId& team);

 private:
  Core& core_;
};

}  // namespace hearth

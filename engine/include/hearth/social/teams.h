// Teams: player alliances — founding, joining, leaving and leadership succession.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// A member's place in a team. A team has exactly one Leader.
enum class TeamRole { Leader, Officer, Member, Recruit };

// Who may join a team: anyone (Open), the invited (InviteOnly), nobody (Closed).
enum class Recruitment { Open, InviteOnly, Closed };

// The words the file stores: "LEADER", "OFFICER", "MEMBER", "RECRUIT"; "OPEN", "INVITE_ONLY",
// "CLOSED".
std::string_view to_string(TeamRole role);
std::string_view to_string(Recruitment recruitment);

struct TeamMember {
  PlayerId player;
  TeamRole role = TeamRole::Member;
  GameTime joined_at = 0;

  bool operator==(const TeamMember&) const = default;
};

struct TeamView {
  TeamId id;
  std::string name;
  std::string tag;
  PlayerId leader;
  Recruitment recruitment = Recruitment::Open;
  std::int64_t max_members = 0;
  std::vector<TeamMember> members;  // leader first, then by joining time

  bool operator==(const TeamView&) const = default;
};

// The event types teams journals (payloads: docs/rules.md).
struct TeamEvents {
  static constexpr std::string_view kCreated = "team.created";
  static constexpr std::string_view kDisbanded = "team.disbanded";
  static constexpr std::string_view kJoined = "team.joined";
  static constexpr std::string_view kLeaderChanged = "team.leader_changed";
  static constexpr std::string_view kLeft = "team.left";
};

// Obtain it from Game::teams().
class Teams {
 public:
  explicit Teams(Core& core) : core_(core) {}

  // Founds a team led by `leader`, who pays Rules::teams.creation_cost credits. Refuses a leader
  // already in a team, short of credits, unknown or deleted; a name of the wrong length or taken
  // (regardless of case) by a team that is not disbanded; a tag not of 2 to 10 characters.
  Result<TeamView> create(const PlayerId& leader, const std::string& name,
                          const std::string& tag = "");

  // Adds `player` to an OPEN team as a MEMBER. Refuses a player already in a team, a full,
  // closed, unknown or disbanded team.
  Outcome join(const TeamId& team, const PlayerId& player);

  // Takes `player` out of its team. A leaving leader hands over to an officer (else the earliest
  // member); a leader alone disbands the team.
  Outcome leave(const PlayerId& player);

  std::optional<TeamView> find(const TeamId& team) const;

  // The team `player` belongs to, if any.
  std::optional<TeamId> team_of(const PlayerId& player) const;

 private:
  Core& core_;
};

}  // namespace hearth

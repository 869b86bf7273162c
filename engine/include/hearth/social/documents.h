// The JSON documents of teams (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// teams.join_requirements: Hearth's gates for joining a team, each 0 (or the range minimum) = no
// gate.
struct TeamJoinRequirements {
  std::int64_t min_level = 0;        // players.level
  std::int64_t min_rank_points = 0;  // players.rank_points
  // players.personal_reputation; -1000 (the minimum) = no gate.
  std::int64_t min_personal_reputation = -1000;

  bool operator==(const TeamJoinRequirements&) const = default;
};

struct TeamWarScore {
  std::int64_t us = 0;    // kills by this team
  std::int64_t them = 0;  // kills by the other team

  bool operator==(const TeamWarScore&) const = default;
};

// A war of this team against another, recorded on both teams.
struct TeamWar {
  std::string target_team_id;  // the other team
  std::string declared_by;     // player id
  GameTime declared_at = 0;    // older documents: an ISO date
  std::string reason;
  std::string status = "active";  // "active" | "ceased"
  TeamWarScore score;
  GameTime ceased_at = 0;      // 0 = still active
  GameTime victory_at = 0;     // 0 = no victory
  std::string cease_reason;    // "" while active; "victory", ...
  std::string winner_team_id;  // "" = none
  std::string loser_team_id;   // "" = none

  bool operator==(const TeamWar&) const = default;
};

// teams.member_roles: the home of a team's wars.
struct TeamMemberRoles {
  std::vector<TeamWar> active_wars;

  bool operator==(const TeamMemberRoles&) const = default;
};

// teams.resource_sharing: how a team's treasury may be used.
struct TeamResourceSharing {
  // "SHARED" (free use), "PERMISSION_BASED" (withdrawals need can_manage_treasury, the code's
  // behaviour) or "REQUEST_ONLY".
  std::string policy = "PERMISSION_BASED";

  bool operator==(const TeamResourceSharing&) const = default;
};

// team_members.permissions: custom permission name -> granted (unused by the seeds).
using TeamMemberPermissions = std::map<std::string, bool>;

// team_members.contribution_credits: resource (currency code) -> total deposited.
using ContributionCredits = std::map<std::string, std::int64_t>;

// One entry of an older document's invitation code list; Hearth keeps
// invitations as team_invitations rows, so this shape is only for importing old documents.
struct TeamInvitationCode {
  std::string code;
  std::string player_id;   // the invitee
  std::string invited_by;  // player id; "" = unknown
  GameTime created_at = 0;
  GameTime expires_at = 0;

  bool operator==(const TeamInvitationCode&) const = default;
};

}  // namespace hearth

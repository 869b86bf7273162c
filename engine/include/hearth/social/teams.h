// Teams: player alliances — founding, joining (open, by request, by invitation or code), roles
// and their permissions, kicking, leadership, the treasury, the profile, disbanding.
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

// What a member may do besides belonging. A Leader has all five; an Officer is given invite,
// kick and missions (and keeps treasury and alliances if it had them); a Member or Recruit none.
struct TeamPermissions {
  bool invite = false;
  bool kick = false;
  bool manage_treasury = false;
  bool manage_missions = false;
  bool manage_alliances = false;

  bool operator==(const TeamPermissions&) const = default;
};

struct TeamMember {
  PlayerId player;
  TeamRole role = TeamRole::Member;
  GameTime joined_at = 0;
  TeamPermissions permissions;

  bool operator==(const TeamMember&) const = default;
};

// What a player must have to join (any that is set): rank points, an alignment (personal
// reputation), a standing with a faction (by code).
struct JoinRequirements {
  std::optional<std::int64_t> min_rank_points;
  std::optional<std::int64_t> min_alignment;
  std::string faction;                       // with min_standing
  std::optional<std::int64_t> min_standing;  // -800..800

  bool operator==(const JoinRequirements&) const = default;
};

struct TeamView {
  TeamId id;
  std::string name;
  std::string tag;
  std::string description;
  std::string logo;
  bool is_public = true;
  std::int64_t home_sector = 0;  // 0: none
  std::vector<std::int64_t> sector_claims;
  double combat_rating = 0;
  double trade_rating = 0;
  PlayerId leader;
  Recruitment recruitment = Recruitment::Open;
  std::int64_t max_members = 0;
  JoinRequirements requirements;
  std::vector<TeamMember> members;  // leader first, then by joining time

  bool operator==(const TeamView&) const = default;
};

// A change to a team's profile: each field that is set replaces the team's.
struct TeamProfile {
  std::optional<std::string> tag;          // 2 to 10 characters; "" removes it
  std::optional<std::string> description;  // at most 500 characters
  std::optional<std::string> logo;         // at most 255 characters
  std::optional<bool> is_public;
  std::optional<std::int64_t> home_sector;                 // a sector; 0 for none
  std::optional<std::vector<std::int64_t>> sector_claims;  // known sectors, each once
  std::optional<Recruitment> recruitment;
  std::optional<std::int64_t> max_members;  // 2 to 20, and not below the members there are
  std::optional<JoinRequirements> requirements;
};

// An invitation: personal (for one player) or a code anyone may use up to max_uses times.
struct TeamInvitation {
  std::string code;
  TeamId team;
  PlayerId player;  // empty for a shared code
  GameTime expires_at = 0;
  std::int64_t max_uses = 1;
  std::int64_t uses = 0;

  bool operator==(const TeamInvitation&) const = default;
};

// One currency's balance in a team's treasury, and what each member put in.
struct TreasuryBalance {
  std::int64_t currency = 0;
  std::int64_t balance = 0;

  bool operator==(const TreasuryBalance&) const = default;
};

// The event types teams journals (payloads: docs/rules.md).
struct TeamEvents {
  static constexpr std::string_view kCreated = "team.created";
  static constexpr std::string_view kDisbanded = "team.disbanded";
  static constexpr std::string_view kJoined = "team.joined";
  static constexpr std::string_view kLeaderChanged = "team.leader_changed";
  static constexpr std::string_view kLeft = "team.left";
  static constexpr std::string_view kKicked = "team.kicked";
  static constexpr std::string_view kRoleChanged = "team.role_changed";
  static constexpr std::string_view kInvited = "team.invited";
  static constexpr std::string_view kJoinRequested = "team.join_requested";
  static constexpr std::string_view kRequestDeclined = "team.request_declined";
  static constexpr std::string_view kProfileChanged = "team.profile_changed";
  static constexpr std::string_view kDeposited = "team.deposited";
  static constexpr std::string_view kWithdrew = "team.withdrew";
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
  // closed, invite-only, unknown or disbanded team, and a player short of its requirements.
  Outcome join(const TeamId& team, const PlayerId& player);

  // Asks an INVITE_ONLY team to be let in; a member who may invite accepts (the player joins) or
  // declines. Refuses what join refuses but the recruitment, a team that is not INVITE_ONLY, a
  // request already made.
  Outcome request_to_join(const TeamId& team, const PlayerId& player);
  Outcome accept_request(const PlayerId& actor, const PlayerId& player);
  Outcome decline_request(const PlayerId& actor, const PlayerId& player);

  // A member who may invite invites a player of their choice (a personal code, good for
  // Rules::teams.invitation_lifetime), or makes a code anyone may use `max_uses` times (1 to
  // 100) until `lifetime` passes. Refuses an actor without the permission, a full team, a player
  // in a team already or with a block either way with the actor. Journals "team.invited".
  Result<TeamInvitation> invite(const PlayerId& actor, const PlayerId& player);
  Result<TeamInvitation> create_code(const PlayerId& actor, std::int64_t max_uses,
                                     Duration lifetime);

  // Joins with a code, whatever the recruitment (not a CLOSED team). Refuses an unknown, expired
  // or used-up code, another player's personal code, what join refuses but the recruitment.
  Outcome join_with_code(const PlayerId& player, const std::string& code);

  // Declines a personal invitation (it is deleted).
  Outcome decline_invitation(const PlayerId& player, const std::string& code);

  // Takes `player` out of its team. A leaving leader hands over to an officer (else the earliest
  // member); a leader alone disbands the team.
  Outcome leave(const PlayerId& player);

  // The leader gives a member another role (not Leader: transfer_leadership). Refuses the leader
  // changing their own role, a non-member, the role the member has.
  Outcome set_role(const PlayerId& actor, const PlayerId& member, TeamRole role);

  // A member who may kick takes another out: never the leader, and an officer never another
  // officer. Journals "team.kicked".
  Outcome kick(const PlayerId& actor, const PlayerId& member);

  // The leader hands leadership to a member, who gets every permission; the old leader becomes
  // an officer and keeps theirs. Journals "team.leader_changed".
  Outcome transfer_leadership(const PlayerId& actor, const PlayerId& member);

  // The leader disbands the team: every member leaves, what the treasury holds goes to the
  // leader, invitations and requests end, team messages stay without their team. Journals
  // "team.disbanded".
  Outcome disband(const PlayerId& actor);

  // The leader or an officer changes the profile (TeamProfile). Refuses a field out of its
  // limits, an unknown sector, max_members below the members there are. Journals
  // "team.profile_changed".
  Outcome update_profile(const PlayerId& actor, const TeamProfile& profile);

  // The game sets a team's ratings (finite, ≥ 0).
  Outcome set_ratings(const TeamId& team, double combat, double trade);

  // A member puts money of their own into the treasury; it is counted as their contribution.
  // Refuses an amount that is not positive, what a transfer refuses (no such account, short).
  // Journals "team.deposited".
  Outcome deposit(const PlayerId& member, std::int64_t currency, std::int64_t amount);

  // A member who may manage the treasury pays `amount` from it to a member (themselves when
  // `to` is empty). Journals "team.withdrew".
  Outcome withdraw(const PlayerId& actor, std::int64_t currency, std::int64_t amount,
                   const PlayerId& to = {});

  // What the treasury holds, by currency; what a member has put in, by currency.
  std::vector<TreasuryBalance> treasury(const TeamId& team) const;
  std::vector<TreasuryBalance> contributions(const PlayerId& member) const;

  // Pending requests to join the actor's team, and the team's unexpired invitations.
  std::vector<PlayerId> join_requests(const TeamId& team) const;
  std::vector<TeamInvitation> invitations(const TeamId& team) const;

  std::optional<TeamView> find(const TeamId& team) const;

  // The team `player` belongs to, if any.
  std::optional<TeamId> team_of(const PlayerId& player) const;

 private:
  Core& core_;
};

}  // namespace hearth

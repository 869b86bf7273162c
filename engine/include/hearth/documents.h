// Documents: the shapes of the JSON columns as plain C++ types, one per column whose shape is
// known.
//
// Every column-backed struct's defaults are what the column's default document ('{}' or '[]')
// reads as; a field the stored document lacks reads as its default. std::optional is not used:
// "absent" is a sentinel default (0 for times and counts, "" for ids and text), said per field.
// Times are GameTime (ms since the Unix epoch, UTC), money and quantities std::int64_t. JSON keys
// are snake_case; where an older document may spell a key differently it is said per field.
// The serialisers and the column names live in engine/documents_json.h (private: it brings cereal).
//
// Column                                        C++ type (document)
// ----------------------------------------------------------------------------------------------
// rules.document                                Rules (engine/rules.h)
// events.payload                                free-form per event type (engine/payload.h)
// mfa_secrets.backup_codes                      StringList
// factions.territory_sectors                    SectorList
// factions.trade_specialties                    StringList
// military_ranks.requirements                   MilitaryRankRequirements
// players.insurance (nullable)                  PlayerInsurance
// players.settings                              PlayerSettings
// ships.maintenance / .cargo / .combat          ShipMaintenance / ShipCargo / ShipCombat
// reputations.history                           ReputationHistory
// reputations.mission_availability              array, element shape unknown (never written)
// teams.sector_claims                           SectorList
// teams.join_requirements                       TeamJoinRequirements
// teams.member_roles                            TeamMemberRoles
// teams.resource_sharing                        TeamResourceSharing
// team_members.permissions                      TeamMemberPermissions
// team_members.contribution_credits             ContributionCredits
// team_reputations.faction_reputation           TeamFactionReputation
// team_reputations.history                      TeamReputationHistory
// team_reputations.pending_notifications        TeamTierNotifications
// first_login_sessions.client_info (nullable)   FirstLoginClientInfo
// first_login_sessions.performance_metrics (nullable)  FirstLoginMetrics
// dialogue_exchanges.key_extracted_info (nullable)     KeyExtractedInfo
// dialogue_exchanges.detected_contradictions    StringList
// ship_presentation_options.available_ships     StringList (ShipChoice names)
// player_first_login_state.previous_ship_claims / .previous_dialogue_strategies   StringList
// items.usage_data                              ItemUsage
// hosted_servers.server_info (nullable)         ServerInfo
// quests.requirements / quests.rewards          QuestRequirements / QuestRewards
// user_timers.metadata                          TimerMetadata
// moderation_cases.metadata                     ModerationMetadata
// (no column: team_invitations rows)            TeamInvitationCode, to import Team.invitation_codes
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"

namespace hearth {

// Arrays of plain values: ids, names, codes (StringList) and sector numbers (SectorList).
using StringList = std::vector<std::string>;
using SectorList = std::vector<std::int64_t>;

// --- players ------------------------------------------------------------------------------------

struct PlayerUiSettings {
  std::string theme = "dark";
  bool notifications = true;
  bool sound_effects = true;
  double music_volume = 0.7;  // 0..1
  // Seconds between automatic refreshes of the client's view.
  std::int64_t auto_refresh_rate = 30;

  bool operator==(const PlayerUiSettings&) const = default;
};

struct PlayerGameplaySettings {
  bool auto_refuel = true;
  bool auto_repair = false;
  // Drones deployed by default when entering a sector.
  std::int64_t default_drone_deployment = 0;
  // Hull percentage at which the player retreats from combat.
  std::int64_t combat_retreat_threshold = 25;
  bool cat_companion = false;

  bool operator==(const PlayerGameplaySettings&) const = default;
};

struct PlayerPrivacySettings {
  bool share_location = false;
  bool visible_in_rankings = true;
  bool show_online_status = true;
  bool accept_team_invites = true;

  bool operator==(const PlayerPrivacySettings&) const = default;
};

struct PlayerNotificationSettings {
  bool combat_alerts = true;
  bool team_messages = true;
  bool market_opportunities = false;
  bool planet_updates = true;

  bool operator==(const PlayerNotificationSettings&) const = default;
};

// players.settings: the player's settings bag, with documented defaults. Keys not here (a game's
// own settings, sustained_tier, emergent_rep_throttle, medal state, ...) are kept on update.
struct PlayerSettings {
  PlayerUiSettings ui;
  PlayerGameplaySettings gameplay;
  PlayerPrivacySettings privacy;
  PlayerNotificationSettings notifications;
  // Fraction off what the player pays (0.1 after a strong first-login negotiation); 0 = none.
  double trade_bonus = 0.0;

  bool operator==(const PlayerSettings&) const = default;
};

// players.insurance (NULL = never insured).
struct PlayerInsurance {
  bool active = false;
  GameTime expires_at = 0;  // 0 = no expiry recorded
  std::int64_t premium_paid = 0;
  StringList covered_ships;  // ship ids
  std::int64_t deductible_percentage = 0;
  std::int64_t claims_made = 0;
  // Time of the last claim; 0 = never. Older documents spell it last_claim (an ISO date).
  GameTime last_claim_at = 0;

  bool operator==(const PlayerInsurance&) const = default;
};

// --- reputation ---------------------------------------------------------------------------------

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

// --- ships (starter values) --------------------------------------------------

struct ShipMaintenance {
  std::string status = "good";  // "pristine" | "good" | "worn" | "critical"

  bool operator==(const ShipMaintenance&) const = default;
};

struct ShipCargo {
  std::int64_t capacity = 50;
  std::int64_t used = 0;
  std::map<std::string, std::int64_t> contents;  // commodity -> units

  bool operator==(const ShipCargo&) const = default;
};

struct ShipCombat {
  std::int64_t shields = 10;
  std::int64_t weapons = 5;

  bool operator==(const ShipCombat&) const = default;
};

// --- teams --------------------------------------------------------------------------------------

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

// --- first login --------------------------------------------------------------------------------

// first_login_sessions.client_info: what the game tells about the client at first login.
struct FirstLoginClientInfo {
  std::string device_type;
  std::string browser;
  std::string screen_size;
  std::string connection_quality;

  bool operator==(const FirstLoginClientInfo&) const = default;
};

// first_login_sessions.performance_metrics; averages, so not whole numbers. 0 = not measured.
struct FirstLoginMetrics {
  double response_time_ms = 0.0;   // average AI response time
  double client_latency_ms = 0.0;  // average network latency
  double dialogue_duration_seconds = 0.0;

  bool operator==(const FirstLoginMetrics&) const = default;
};

// dialogue_exchanges.key_extracted_info: the claims the analysis pulled out of the answer (the
// rules-based analysis extracts none).
struct KeyExtractedInfo {
  StringList claims;

  bool operator==(const KeyExtractedInfo&) const = default;
};

// --- items, quests, timers, moderation ------------------------------------------------------

// One outcome of a LOOTBOX pool. Older documents spell the keys minAmount/maxAmount/itemId.
struct LootEntry {
  std::string type = "NOTHING";  // "CURRENCY" | "ITEM" | "XP" | "NOTHING"
  std::int64_t weight = 1;       // relative to the pool's total
  std::string message;           // "" = none
  // CURRENCY/XP: a fixed amount, or 0 to draw from [min_amount, max_amount]. ITEM: the quantity,
  // 0 = 1.
  std::int64_t amount = 0;
  std::int64_t min_amount = 0;
  std::int64_t max_amount = 0;
  std::int64_t item_id = 0;  // ITEM: items.id; 0 = none

  bool operator==(const LootEntry&) const = default;
};

// One effect of using an item; which fields matter depends on type.
struct ItemEffect {
  std::string type;             // "XP_BOOST" | "TEMP_ROLE" | "LOOTBOX" | a game's own
  double multiplier = 1.0;      // XP_BOOST
  GameTime duration = 0;        // XP_BOOST/TEMP_ROLE: how long the EFFECT timer runs; 0 = none
  std::int64_t role_id = 0;     // TEMP_ROLE: roles.id; 0 = none
  std::vector<LootEntry> pool;  // LOOTBOX

  bool operator==(const ItemEffect&) const = default;
};

// items.usage_data. An item without effects is not usable.
struct ItemUsage {
  bool consume = false;  // one is removed from the stack per use
  std::vector<ItemEffect> effects;

  bool operator==(const ItemUsage&) const = default;
};

// quests.requirements.
struct QuestRequirements {
  // Progress needed to complete; the default 1 completes on the first matching event.
  std::int64_t target = 1;

  bool operator==(const QuestRequirements&) const = default;
};

// quests.rewards; 0 = no reward of that kind.
struct QuestRewards {
  std::int64_t xp = 0;
  std::int64_t balance = 0;  // in the default currency

  bool operator==(const QuestRewards&) const = default;
};

// user_timers.metadata.
struct TimerMetadata {
  double multiplier = 1.0;  // xp_boost EFFECT timers; 1 = no boost

  bool operator==(const TimerMetadata&) const = default;
};

// moderation_cases.metadata: free extra data; these are the facts the moderation rules produce.
struct ModerationMetadata {
  GameTime duration = 0;           // TIMEOUT/BAN: how long; 0 = not timed
  bool dm_sent = false;            // the user was told by direct message
  bool auto_timeout = false;       // written by the auto-timeout rule, not a moderator
  std::int64_t warning_count = 0;  // active warnings that triggered it; 0 = n/a

  bool operator==(const ModerationMetadata&) const = default;
};

// --- servers ------------------------------------------------------------------------------------

// hosted_servers.server_info: what a server uploads about itself (platform §2.5).
struct ServerInfo {
  std::string name;
  std::string version;           // the server's build
  std::int64_t max_players = 0;  // 0 = unknown

  bool operator==(const ServerInfo&) const = default;
};

}  // namespace hearth

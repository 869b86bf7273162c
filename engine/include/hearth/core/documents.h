// Documents: the shapes of the JSON columns as plain C++ types, one per column whose shape is
// known. Each domain declares its own in hearth/<domain>/documents.h; this header holds what they
// share, and the list of every column.
//
// Every column-backed struct's defaults are what the column's default document ('{}' or '[]')
// reads as; a field the stored document lacks reads as its default. std::optional is not used:
// "absent" is a sentinel default (0 for times and counts, "" for ids and text), said per field.
// Times are GameTime (ms since the Unix epoch, UTC), money and quantities std::int64_t. JSON keys
// are snake_case; where an older document may spell a key differently it is said per field.
// The serialisers and the column names live in engine/core/documents_json.h (private: cereal).
//
// Column                                        C++ type (document)
// ----------------------------------------------------------------------------------------------
// rules.document                                Rules (hearth/rules.h)
// events.payload                                free-form per event type (docs/rules.md)
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
// command_log.arguments                         a command's arguments, as given
// (no column: team_invitations rows)            TeamInvitationCode, to import Team.invitation_codes
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

// Arrays of plain values: ids, names, codes (StringList) and sector numbers (SectorList).
using StringList = std::vector<std::string>;
using SectorList = std::vector<std::int64_t>;

}  // namespace hearth

// Documents as JSON: the cereal serialisers of engine/documents.h and the name of every JSON
// column. Internal to the engine (and its tests): it brings in cereal through storage/json.h.
//
// Read a column with storage::from_json<T>(text, kXxxColumn). Write a struct document with
// storage::update_json(stored, value, kXxxColumn), which keeps the keys the type does not know.
// Write an array or map document (ReputationHistory, TeamMemberPermissions, ...) with
// storage::to_json: it has no unknown keys to keep, and update_json would put back map keys the
// new value removed.
#pragma once

#include <array>

#include "storage/json.h"

#include "hearth/documents.h"

namespace hearth {

// --- where each JSON column lives ---------------------------------------------------------------

inline constexpr storage::JsonColumn kRulesDocumentColumn{"rules", "document"};
inline constexpr storage::JsonColumn kEventPayloadColumn{"events", "payload"};
inline constexpr storage::JsonColumn kBackupCodesColumn{"mfa_secrets", "backup_codes"};
inline constexpr storage::JsonColumn kTerritorySectorsColumn{"factions", "territory_sectors"};
inline constexpr storage::JsonColumn kTradeSpecialtiesColumn{"factions", "trade_specialties"};
inline constexpr storage::JsonColumn kMilitaryRankRequirementsColumn{"military_ranks",
                                                                     "requirements"};
inline constexpr storage::JsonColumn kPlayerInsuranceColumn{"players", "insurance"};
inline constexpr storage::JsonColumn kPlayerSettingsColumn{"players", "settings"};
inline constexpr storage::JsonColumn kShipMaintenanceColumn{"ships", "maintenance"};
inline constexpr storage::JsonColumn kShipCargoColumn{"ships", "cargo"};
inline constexpr storage::JsonColumn kShipCombatColumn{"ships", "combat"};
inline constexpr storage::JsonColumn kMissionAvailabilityColumn{"reputations",
                                                                "mission_availability"};
inline constexpr storage::JsonColumn kSectorClaimsColumn{"teams", "sector_claims"};
inline constexpr storage::JsonColumn kTeamJoinRequirementsColumn{"teams", "join_requirements"};
inline constexpr storage::JsonColumn kTeamMemberRolesColumn{"teams", "member_roles"};
inline constexpr storage::JsonColumn kTeamResourceSharingColumn{"teams", "resource_sharing"};
inline constexpr storage::JsonColumn kTeamMemberPermissionsColumn{"team_members", "permissions"};
inline constexpr storage::JsonColumn kContributionCreditsColumn{"team_members",
                                                                "contribution_credits"};
inline constexpr storage::JsonColumn kTeamFactionReputationColumn{"team_reputations",
                                                                  "faction_reputation"};
inline constexpr storage::JsonColumn kTeamReputationHistoryColumn{"team_reputations", "history"};
inline constexpr storage::JsonColumn kTeamTierNotificationsColumn{"team_reputations",
                                                                  "pending_notifications"};
inline constexpr storage::JsonColumn kFirstLoginClientInfoColumn{"first_login_sessions",
                                                                 "client_info"};
inline constexpr storage::JsonColumn kFirstLoginMetricsColumn{"first_login_sessions",
                                                              "performance_metrics"};
inline constexpr storage::JsonColumn kKeyExtractedInfoColumn{"dialogue_exchanges",
                                                             "key_extracted_info"};
inline constexpr storage::JsonColumn kDetectedContradictionsColumn{"dialogue_exchanges",
                                                                   "detected_contradictions"};
inline constexpr storage::JsonColumn kAvailableShipsColumn{"ship_presentation_options",
                                                           "available_ships"};
inline constexpr storage::JsonColumn kPreviousShipClaimsColumn{"player_first_login_state",
                                                               "previous_ship_claims"};
inline constexpr storage::JsonColumn kPreviousDialogueStrategiesColumn{
    "player_first_login_state", "previous_dialogue_strategies"};
inline constexpr storage::JsonColumn kItemUsageColumn{"items", "usage_data"};
inline constexpr storage::JsonColumn kServerInfoColumn{"hosted_servers", "server_info"};
inline constexpr storage::JsonColumn kQuestRequirementsColumn{"quests", "requirements"};
inline constexpr storage::JsonColumn kQuestRewardsColumn{"quests", "rewards"};
inline constexpr storage::JsonColumn kTimerMetadataColumn{"user_timers", "metadata"};
inline constexpr storage::JsonColumn kModerationMetadataColumn{"moderation_cases", "metadata"};
inline constexpr storage::JsonColumn kCommandArgumentsColumn{"command_log", "arguments"};

// Every JSON column of the schema (CHECK (json_valid(...))), in migration order.
inline constexpr std::array kJsonColumns{
    kRulesDocumentColumn,
    kEventPayloadColumn,
    kBackupCodesColumn,
    kTerritorySectorsColumn,
    kTradeSpecialtiesColumn,
    kMilitaryRankRequirementsColumn,
    kPlayerInsuranceColumn,
    kPlayerSettingsColumn,
    kShipMaintenanceColumn,
    kShipCargoColumn,
    kShipCombatColumn,
    kMissionAvailabilityColumn,
    kSectorClaimsColumn,
    kTeamJoinRequirementsColumn,
    kTeamMemberRolesColumn,
    kTeamResourceSharingColumn,
    kTeamMemberPermissionsColumn,
    kContributionCreditsColumn,
    kTeamFactionReputationColumn,
    kTeamReputationHistoryColumn,
    kTeamTierNotificationsColumn,
    kFirstLoginClientInfoColumn,
    kFirstLoginMetricsColumn,
    kKeyExtractedInfoColumn,
    kDetectedContradictionsColumn,
    kAvailableShipsColumn,
    kPreviousShipClaimsColumn,
    kPreviousDialogueStrategiesColumn,
    kItemUsageColumn,
    kServerInfoColumn,
    kQuestRequirementsColumn,
    kQuestRewardsColumn,
    kTimerMetadataColumn,
    kModerationMetadataColumn,
    kCommandArgumentsColumn,
};

// --- serialisers --------------------------------------------------------------------------------

template <class Archive>
void serialize(Archive& archive, PlayerUiSettings& ui) {
  archive(cereal::make_nvp("theme", ui.theme), cereal::make_nvp("notifications", ui.notifications),
          cereal::make_nvp("sound_effects", ui.sound_effects),
          cereal::make_nvp("music_volume", ui.music_volume),
          cereal::make_nvp("auto_refresh_rate", ui.auto_refresh_rate));
}

template <class Archive>
void serialize(Archive& archive, PlayerGameplaySettings& gameplay) {
  archive(cereal::make_nvp("auto_refuel", gameplay.auto_refuel),
          cereal::make_nvp("auto_repair", gameplay.auto_repair),
          cereal::make_nvp("default_drone_deployment", gameplay.default_drone_deployment),
          cereal::make_nvp("combat_retreat_threshold", gameplay.combat_retreat_threshold),
          cereal::make_nvp("cat_companion", gameplay.cat_companion));
}

template <class Archive>
void serialize(Archive& archive, PlayerPrivacySettings& privacy) {
  archive(cereal::make_nvp("share_location", privacy.share_location),
          cereal::make_nvp("visible_in_rankings", privacy.visible_in_rankings),
          cereal::make_nvp("show_online_status", privacy.show_online_status),
          cereal::make_nvp("accept_team_invites", privacy.accept_team_invites));
}

template <class Archive>
void serialize(Archive& archive, PlayerNotificationSettings& notifications) {
  archive(cereal::make_nvp("combat_alerts", notifications.combat_alerts),
          cereal::make_nvp("team_messages", notifications.team_messages),
          cereal::make_nvp("market_opportunities", notifications.market_opportunities),
          cereal::make_nvp("planet_updates", notifications.planet_updates));
}

template <class Archive>
void serialize(Archive& archive, PlayerSettings& settings) {
  archive(cereal::make_nvp("ui", settings.ui), cereal::make_nvp("gameplay", settings.gameplay),
          cereal::make_nvp("privacy", settings.privacy),
          cereal::make_nvp("notifications", settings.notifications),
          cereal::make_nvp("trade_bonus", settings.trade_bonus));
}

template <class Archive>
void serialize(Archive& archive, PlayerInsurance& insurance) {
  archive(cereal::make_nvp("active", insurance.active),
          cereal::make_nvp("expires_at", insurance.expires_at),
          cereal::make_nvp("premium_paid", insurance.premium_paid),
          cereal::make_nvp("covered_ships", insurance.covered_ships),
          cereal::make_nvp("deductible_percentage", insurance.deductible_percentage),
          cereal::make_nvp("claims_made", insurance.claims_made),
          cereal::make_nvp("last_claim_at", insurance.last_claim_at));
}

template <class Archive>
void serialize(Archive& archive, ReputationHistoryEntry& entry) {
  archive(cereal::make_nvp("at", entry.at), cereal::make_nvp("old_value", entry.old_value),
          cereal::make_nvp("new_value", entry.new_value), cereal::make_nvp("change", entry.change),
          cereal::make_nvp("reason", entry.reason));
}

template <class Archive>
void serialize(Archive& archive, TeamStanding& standing) {
  archive(cereal::make_nvp("faction_id", standing.faction_id),
          cereal::make_nvp("faction_name", standing.faction_name),
          cereal::make_nvp("value", standing.value), cereal::make_nvp("level", standing.level));
}

template <class Archive>
void serialize(Archive& archive, TeamReputationHistoryEntry& entry) {
  archive(cereal::make_nvp("kind", entry.kind), cereal::make_nvp("at", entry.at),
          cereal::make_nvp("method", entry.method), cereal::make_nvp("standings", entry.standings),
          cereal::make_nvp("actor_player_id", entry.actor_player_id));
}

template <class Archive>
void serialize(Archive& archive, TeamTierNotification& notification) {
  archive(cereal::make_nvp("faction_id", notification.faction_id),
          cereal::make_nvp("faction_name", notification.faction_name),
          cereal::make_nvp("old_value", notification.old_value),
          cereal::make_nvp("new_value", notification.new_value),
          cereal::make_nvp("old_level", notification.old_level),
          cereal::make_nvp("new_level", notification.new_level),
          cereal::make_nvp("at", notification.at));
}

template <class Archive>
void serialize(Archive& archive, MilitaryRankRequirements& requirements) {
  archive(cereal::make_nvp("trades", requirements.trades),
          cereal::make_nvp("combat_wins", requirements.combat_wins),
          cereal::make_nvp("sectors_visited", requirements.sectors_visited),
          cereal::make_nvp("planets_owned", requirements.planets_owned));
}

template <class Archive>
void serialize(Archive& archive, ShipMaintenance& maintenance) {
  archive(cereal::make_nvp("status", maintenance.status));
}

template <class Archive>
void serialize(Archive& archive, ShipCargo& cargo) {
  archive(cereal::make_nvp("capacity", cargo.capacity), cereal::make_nvp("used", cargo.used),
          cereal::make_nvp("contents", cargo.contents));
}

template <class Archive>
void serialize(Archive& archive, ShipCombat& combat) {
  archive(cereal::make_nvp("shields", combat.shields), cereal::make_nvp("weapons", combat.weapons));
}

template <class Archive>
void serialize(Archive& archive, TeamJoinRequirements& requirements) {
  archive(cereal::make_nvp("min_level", requirements.min_level),
          cereal::make_nvp("min_rank_points", requirements.min_rank_points),
          cereal::make_nvp("min_personal_reputation", requirements.min_personal_reputation));
}

template <class Archive>
void serialize(Archive& archive, TeamWarScore& score) {
  archive(cereal::make_nvp("us", score.us), cereal::make_nvp("them", score.them));
}

template <class Archive>
void serialize(Archive& archive, TeamWar& war) {
  archive(cereal::make_nvp("target_team_id", war.target_team_id),
          cereal::make_nvp("declared_by", war.declared_by),
          cereal::make_nvp("declared_at", war.declared_at), cereal::make_nvp("reason", war.reason),
          cereal::make_nvp("status", war.status), cereal::make_nvp("score", war.score),
          cereal::make_nvp("ceased_at", war.ceased_at),
          cereal::make_nvp("victory_at", war.victory_at),
          cereal::make_nvp("cease_reason", war.cease_reason),
          cereal::make_nvp("winner_team_id", war.winner_team_id),
          cereal::make_nvp("loser_team_id", war.loser_team_id));
}

template <class Archive>
void serialize(Archive& archive, TeamMemberRoles& roles) {
  archive(cereal::make_nvp("active_wars", roles.active_wars));
}

template <class Archive>
void serialize(Archive& archive, TeamResourceSharing& sharing) {
  archive(cereal::make_nvp("policy", sharing.policy));
}

template <class Archive>
void serialize(Archive& archive, TeamInvitationCode& invitation) {
  archive(cereal::make_nvp("code", invitation.code),
          cereal::make_nvp("player_id", invitation.player_id),
          cereal::make_nvp("invited_by", invitation.invited_by),
          cereal::make_nvp("created_at", invitation.created_at),
          cereal::make_nvp("expires_at", invitation.expires_at));
}

template <class Archive>
void serialize(Archive& archive, FirstLoginClientInfo& info) {
  archive(cereal::make_nvp("device_type", info.device_type),
          cereal::make_nvp("browser", info.browser),
          cereal::make_nvp("screen_size", info.screen_size),
          cereal::make_nvp("connection_quality", info.connection_quality));
}

template <class Archive>
void serialize(Archive& archive, FirstLoginMetrics& metrics) {
  archive(cereal::make_nvp("response_time_ms", metrics.response_time_ms),
          cereal::make_nvp("client_latency_ms", metrics.client_latency_ms),
          cereal::make_nvp("dialogue_duration_seconds", metrics.dialogue_duration_seconds));
}

template <class Archive>
void serialize(Archive& archive, KeyExtractedInfo& info) {
  archive(cereal::make_nvp("claims", info.claims));
}

template <class Archive>
void serialize(Archive& archive, LootEntry& entry) {
  archive(cereal::make_nvp("type", entry.type), cereal::make_nvp("weight", entry.weight),
          cereal::make_nvp("message", entry.message), cereal::make_nvp("amount", entry.amount),
          cereal::make_nvp("min_amount", entry.min_amount),
          cereal::make_nvp("max_amount", entry.max_amount),
          cereal::make_nvp("item_id", entry.item_id));
}

template <class Archive>
void serialize(Archive& archive, ItemEffect& effect) {
  archive(cereal::make_nvp("type", effect.type), cereal::make_nvp("multiplier", effect.multiplier),
          cereal::make_nvp("duration", effect.duration),
          cereal::make_nvp("role_id", effect.role_id), cereal::make_nvp("pool", effect.pool));
}

template <class Archive>
void serialize(Archive& archive, ItemUsage& usage) {
  archive(cereal::make_nvp("consume", usage.consume), cereal::make_nvp("effects", usage.effects));
}

template <class Archive>
void serialize(Archive& archive, QuestRequirements& requirements) {
  archive(cereal::make_nvp("target", requirements.target));
}

template <class Archive>
void serialize(Archive& archive, QuestItem& item) {
  archive(cereal::make_nvp("item_id", item.item_id), cereal::make_nvp("quantity", item.quantity));
}

template <class Archive>
void serialize(Archive& archive, QuestRewards& rewards) {
  archive(cereal::make_nvp("xp", rewards.xp), cereal::make_nvp("balance", rewards.balance),
          cereal::make_nvp("currency", rewards.currency), cereal::make_nvp("items", rewards.items));
}

template <class Archive>
void serialize(Archive& archive, TimerMetadata& metadata) {
  archive(cereal::make_nvp("multiplier", metadata.multiplier));
}

template <class Archive>
void serialize(Archive& archive, ModerationMetadata& metadata) {
  archive(cereal::make_nvp("duration", metadata.duration),
          cereal::make_nvp("dm_sent", metadata.dm_sent),
          cereal::make_nvp("auto_timeout", metadata.auto_timeout),
          cereal::make_nvp("warning_count", metadata.warning_count),
          cereal::make_nvp("ban_id", metadata.ban_id));
}

template <class Archive>
void serialize(Archive& archive, ServerInfo& info) {
  archive(cereal::make_nvp("name", info.name), cereal::make_nvp("version", info.version),
          cereal::make_nvp("max_players", info.max_players));
}

}  // namespace hearth

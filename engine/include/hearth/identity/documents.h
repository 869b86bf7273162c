// The JSON documents of players, their ships and moderation cases (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

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

// --- ships (starter values) ---

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

// moderation_cases.metadata: free extra data; these are the facts the moderation rules produce.
struct ModerationMetadata {
  GameTime duration = 0;           // TIMEOUT/BAN: how long; 0 = not timed
  bool dm_sent = false;            // the user was told by direct message
  bool auto_timeout = false;       // written by the auto-timeout rule, not a moderator
  std::int64_t warning_count = 0;  // active warnings that triggered it; 0 = n/a
  std::int64_t ban_id = 0;         // TIMEOUT/BAN: the ban that enforces it; 0 = none

  bool operator==(const ModerationMetadata&) const = default;
};

}  // namespace hearth

-- 0003: the game-state row of a user and everything around it: the space game's Player with the
-- RPG's progression, a minimal world (regions, sectors, stations, planets, ships), factions and
-- reputation, teams, messages, first-login onboarding, and the reference tables their rules read
-- (filled by 0007_reference_data.sql).

-- A region of space (space game Region, only what players point at). owner_id = User.owned_regions.
CREATE TABLE regions (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
  owner_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX regions_by_owner ON regions (owner_id) WHERE owner_id IS NOT NULL;

-- A sector, keyed by its integer sector number (space game Sector, minimal). Sector 1 is the
-- starting sector and ships with the schema.
CREATE TABLE sectors (
  id INTEGER PRIMARY KEY CHECK (id >= 1),
  name TEXT CHECK (name IS NULL OR length(name) <= 100),
  region_id TEXT REFERENCES regions (id) ON DELETE SET NULL,
  controlling_faction_id TEXT REFERENCES factions (id) ON DELETE SET NULL,
  controlling_team_id TEXT REFERENCES teams (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX sectors_by_region ON sectors (region_id) WHERE region_id IS NOT NULL;
CREATE INDEX sectors_by_team ON sectors (controlling_team_id)
  WHERE controlling_team_id IS NOT NULL;
CREATE INDEX sectors_by_faction ON sectors (controlling_faction_id)
  WHERE controlling_faction_id IS NOT NULL;

-- A station a player can dock at (space game Station, minimal; players.current_port_id points
-- here). Docking is allowed when the player's reputation with faction_id >= reputation_threshold.
CREATE TABLE stations (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  sector_id INTEGER NOT NULL REFERENCES sectors (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  faction_id TEXT REFERENCES factions (id) ON DELETE SET NULL,
  reputation_threshold INTEGER NOT NULL DEFAULT 0 CHECK (reputation_threshold BETWEEN -800 AND 800),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX stations_by_sector ON stations (sector_id);
CREATE INDEX stations_by_faction ON stations (faction_id) WHERE faction_id IS NOT NULL;

-- A planet a player can land on (space game Planet, minimal).
CREATE TABLE planets (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  sector_id INTEGER NOT NULL REFERENCES sectors (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  owner_id TEXT REFERENCES players (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX planets_by_sector ON planets (sector_id);
CREATE INDEX planets_by_owner ON planets (owner_id) WHERE owner_id IS NOT NULL;

-- A faction (space game Faction; referenced by Reputation.faction_id). code is the stable
-- snake_case key the rules use ('terran_federation', ...).
CREATE TABLE factions (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 50 AND code = lower(code)),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
  faction_type TEXT NOT NULL CHECK (faction_type IN ('Federation', 'Independents', 'Pirates',
                                                     'Merchants', 'Explorers', 'Military',
                                                     'Mining', 'Outlaws', 'Syndicate',
                                                     'Concord')),
  description TEXT,
  home_sector_id INTEGER REFERENCES sectors (id) ON DELETE SET NULL,
  territory_sectors TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(territory_sectors) AND json_type(territory_sectors) = 'array'),
  base_pricing_modifier REAL NOT NULL DEFAULT 1.0 CHECK (base_pricing_modifier > 0),
  trade_specialties TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(trade_specialties) AND json_type(trade_specialties) = 'array'),
  aggression_level INTEGER NOT NULL DEFAULT 5 CHECK (aggression_level BETWEEN 1 AND 10),
  diplomacy_stance TEXT NOT NULL DEFAULT 'neutral'
    CHECK (diplomacy_stance IN ('hostile', 'neutral', 'friendly')),
  color_primary TEXT CHECK (color_primary IS NULL OR length(color_primary) = 7),
  color_secondary TEXT CHECK (color_secondary IS NULL OR length(color_secondary) = 7),
  logo_url TEXT CHECK (logo_url IS NULL OR length(logo_url) <= 255),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX factions_by_home_sector ON factions (home_sector_id) WHERE home_sector_id IS NOT NULL;

-- A rival pair of factions: a gain with one is capped so that the two positive values together
-- never exceed max_combined. One row per pair, stored with faction_a_id < faction_b_id.
CREATE TABLE faction_rivalries (
  faction_a_id TEXT NOT NULL REFERENCES factions (id) ON DELETE CASCADE,
  faction_b_id TEXT NOT NULL REFERENCES factions (id) ON DELETE CASCADE,
  max_combined INTEGER NOT NULL CHECK (max_combined BETWEEN 1 AND 1600),
  PRIMARY KEY (faction_a_id, faction_b_id),
  CHECK (faction_a_id < faction_b_id)
);

CREATE INDEX faction_rivalries_by_b ON faction_rivalries (faction_b_id);

-- Reference: the 17 faction reputation tiers (space game ReputationLevel enum) and their value
-- bands [min_value, max_value]; the bands tile -800..800 without gaps.
CREATE TABLE reputation_tiers (
  level TEXT PRIMARY KEY CHECK (level IN ('PUBLIC_ENEMY', 'CRIMINAL', 'OUTLAW', 'PIRATE',
                                          'SMUGGLER', 'UNTRUSTWORTHY', 'SUSPICIOUS',
                                          'QUESTIONABLE', 'NEUTRAL', 'RECOGNIZED',
                                          'ACKNOWLEDGED', 'TRUSTED', 'RESPECTED', 'VALUED',
                                          'HONORED', 'REVERED', 'EXALTED')),
  numeric_level INTEGER NOT NULL UNIQUE CHECK (numeric_level BETWEEN -8 AND 8),
  title TEXT NOT NULL UNIQUE CHECK (length(title) BETWEEN 1 AND 50),
  min_value INTEGER NOT NULL UNIQUE CHECK (min_value BETWEEN -800 AND 800),
  max_value INTEGER NOT NULL UNIQUE CHECK (max_value BETWEEN -800 AND 800),
  CHECK (min_value <= max_value)
);

-- Reference: the 8 personal reputation (alignment) tiers with their name colour and the price
-- factor a player of the tier pays; the bands tile -1000..1000 without gaps.
CREATE TABLE personal_reputation_tiers (
  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 50),
  min_value INTEGER NOT NULL UNIQUE CHECK (min_value BETWEEN -1000 AND 1000),
  max_value INTEGER NOT NULL UNIQUE CHECK (max_value BETWEEN -1000 AND 1000),
  name_color TEXT NOT NULL
    CHECK (name_color GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
  price_factor REAL NOT NULL CHECK (price_factor > 0),
  bounty_hunter_aggro INTEGER NOT NULL DEFAULT 0 CHECK (bounty_hunter_aggro IN (0, 1)),
  faction_standing_bonus INTEGER NOT NULL DEFAULT 0,
  CHECK (min_value <= max_value)
);

-- Reference: the 18 military ranks, their point thresholds, bonuses and achievement gates
-- (requirements: {"trades": n, "combat_wins": n, "sectors_visited": n, "planets_owned": n}).
CREATE TABLE military_ranks (
  level INTEGER PRIMARY KEY CHECK (level >= 0),
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50),
  tier TEXT NOT NULL CHECK (tier IN ('Enlisted', 'NCO', 'Warrant', 'Officer', 'Flag')),
  points_required INTEGER NOT NULL UNIQUE CHECK (points_required >= 0),
  trade_discount_pct INTEGER NOT NULL DEFAULT 0 CHECK (trade_discount_pct BETWEEN 0 AND 100),
  combat_damage_pct INTEGER NOT NULL DEFAULT 0 CHECK (combat_damage_pct BETWEEN 0 AND 100),
  max_turns_bonus INTEGER NOT NULL DEFAULT 0 CHECK (max_turns_bonus >= 0),
  requirements TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(requirements) AND json_type(requirements) = 'object')
);

-- An RPG character class (RPG classes). The class bank balance is the class's ledger account
-- (accounts.owner_kind = 'class'); role_id is the role its members get (was a Discord role id).
CREATE TABLE classes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 255),
  role_id INTEGER REFERENCES roles (id) ON DELETE SET NULL
);

CREATE INDEX classes_by_role ON classes (role_id) WHERE role_id IS NOT NULL;

-- The game-state row of a user (space game Player + RPG users' progression columns). Credits are
-- not a column: they are the user's account balance in the default currency (0004).
CREATE TABLE players (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  user_id TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  nickname TEXT UNIQUE COLLATE NOCASE CHECK (nickname IS NULL OR length(nickname) BETWEEN 1 AND 50),
  -- turns
  turns INTEGER NOT NULL DEFAULT 1000 CHECK (turns >= 0),
  max_turns INTEGER NOT NULL DEFAULT 1000 CHECK (max_turns >= 0),
  turns_anchor_at INTEGER,
  -- regeneration carried between anchors: turn-milliseconds per day not yet a whole turn
  turns_progress INTEGER NOT NULL DEFAULT 0 CHECK (turns_progress >= 0),
  -- when regeneration (or the daily refill) reaches max_turns; NULL at or above the cap
  turns_full_at INTEGER,
  turn_reset_at INTEGER,
  lifetime_turns_spent INTEGER NOT NULL DEFAULT 0 CHECK (lifetime_turns_spent >= 0),
  -- personal reputation (alignment); reputation_tier and name_color cache its tier
  personal_reputation INTEGER NOT NULL DEFAULT 0
    CHECK (personal_reputation BETWEEN -1000 AND 1000),
  personal_reputation_anchor_at INTEGER,
  -- the next weekly decay step of a non-zero personal reputation; NULL when it is 0
  personal_reputation_decay_due_at INTEGER,
  reputation_tier TEXT NOT NULL DEFAULT 'Neutral'
    REFERENCES personal_reputation_tiers (name) ON UPDATE CASCADE,
  name_color TEXT NOT NULL DEFAULT '#FFFFFF' CHECK (length(name_color) BETWEEN 1 AND 20),
  -- military rank
  military_rank TEXT NOT NULL DEFAULT 'Recruit'
    REFERENCES military_ranks (name) ON UPDATE CASCADE,
  rank_points INTEGER NOT NULL DEFAULT 0 CHECK (rank_points >= 0),
  -- ARIA companion
  aria_bonus_multiplier REAL NOT NULL DEFAULT 1.0 CHECK (aria_bonus_multiplier BETWEEN 1.0 AND 1.5),
  aria_consciousness_level INTEGER NOT NULL DEFAULT 1
    CHECK (aria_consciousness_level BETWEEN 1 AND 5),
  aria_relationship_score INTEGER NOT NULL DEFAULT 25
    CHECK (aria_relationship_score BETWEEN 0 AND 100),
  aria_total_interactions INTEGER NOT NULL DEFAULT 0 CHECK (aria_total_interactions >= 0),
  -- location
  current_ship_id TEXT REFERENCES ships (id) ON DELETE SET NULL,
  home_sector_id INTEGER NOT NULL DEFAULT 1 REFERENCES sectors (id),
  current_sector_id INTEGER NOT NULL DEFAULT 1 REFERENCES sectors (id),
  is_docked INTEGER NOT NULL DEFAULT 0 CHECK (is_docked IN (0, 1)),
  current_port_id TEXT REFERENCES stations (id) ON DELETE SET NULL,
  is_landed INTEGER NOT NULL DEFAULT 0 CHECK (is_landed IN (0, 1)),
  current_planet_id TEXT REFERENCES planets (id) ON DELETE SET NULL,
  home_region_id TEXT REFERENCES regions (id) ON DELETE SET NULL,
  current_region_id TEXT REFERENCES regions (id) ON DELETE SET NULL,
  is_galactic_citizen INTEGER NOT NULL DEFAULT 0 CHECK (is_galactic_citizen IN (0, 1)),
  -- aggregated counters
  attack_drones INTEGER NOT NULL DEFAULT 0 CHECK (attack_drones >= 0),
  defense_drones INTEGER NOT NULL DEFAULT 0 CHECK (defense_drones >= 0),
  mines INTEGER NOT NULL DEFAULT 0 CHECK (mines >= 0),
  genesis_devices INTEGER NOT NULL DEFAULT 0 CHECK (genesis_devices >= 0),
  insurance TEXT CHECK (insurance IS NULL OR (json_valid(insurance)
                                              AND json_type(insurance) = 'object')),
  -- RPG progression
  class_id INTEGER REFERENCES classes (id) ON DELETE SET NULL,
  xp INTEGER NOT NULL DEFAULT 0 CHECK (xp >= 0),
  level INTEGER NOT NULL DEFAULT 1 CHECK (level >= 0),
  daily_streak INTEGER NOT NULL DEFAULT 0 CHECK (daily_streak >= 0),
  -- both games' settings bag (UI, privacy, trade_bonus, ...); unknown keys are kept
  settings TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(settings) AND json_type(settings) = 'object'),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  last_game_login_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (NOT (is_docked = 1 AND is_landed = 1))
);

CREATE INDEX players_by_current_sector ON players (current_sector_id);
CREATE INDEX players_by_home_sector ON players (home_sector_id);
CREATE INDEX players_by_ship ON players (current_ship_id) WHERE current_ship_id IS NOT NULL;
CREATE INDEX players_by_port ON players (current_port_id) WHERE current_port_id IS NOT NULL;
CREATE INDEX players_by_planet ON players (current_planet_id) WHERE current_planet_id IS NOT NULL;
CREATE INDEX players_by_home_region ON players (home_region_id) WHERE home_region_id IS NOT NULL;
CREATE INDEX players_by_current_region ON players (current_region_id)
  WHERE current_region_id IS NOT NULL;
CREATE INDEX players_by_class ON players (class_id) WHERE class_id IS NOT NULL;
CREATE INDEX players_by_rank ON players (military_rank);
CREATE INDEX players_by_tier ON players (reputation_tier);
-- tick: turn regeneration (only players below their cap) and personal reputation decay
-- (only non-zero values).
CREATE INDEX players_turns_due ON players (turns_full_at) WHERE turns_full_at IS NOT NULL;
CREATE INDEX players_personal_reputation_due ON players (personal_reputation_decay_due_at)
  WHERE personal_reputation_decay_due_at IS NOT NULL;

-- A ship owned by a player (space game Ship, as far as the player row and onboarding need it).
CREATE TABLE ships (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  owner_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  type TEXT NOT NULL CHECK (type IN ('ESCAPE_POD', 'LIGHT_FREIGHTER', 'SCOUT_SHIP', 'FAST_COURIER',
                                     'CARGO_HAULER', 'DEFENDER', 'COLONY_SHIP', 'CARRIER',
                                     'WARP_JUMPER')),
  sector_id INTEGER NOT NULL DEFAULT 1 REFERENCES sectors (id),
  is_flagship INTEGER NOT NULL DEFAULT 0 CHECK (is_flagship IN (0, 1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  base_speed REAL NOT NULL DEFAULT 1.0 CHECK (base_speed >= 0),
  current_speed REAL NOT NULL DEFAULT 1.0 CHECK (current_speed >= 0),
  turn_cost INTEGER NOT NULL DEFAULT 1 CHECK (turn_cost >= 0),
  warp_capable INTEGER NOT NULL DEFAULT 0 CHECK (warp_capable IN (0, 1)),
  purchase_value INTEGER NOT NULL DEFAULT 0 CHECK (purchase_value >= 0),
  current_value INTEGER NOT NULL DEFAULT 0 CHECK (current_value >= 0),
  maintenance TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(maintenance) AND json_type(maintenance) = 'object'),
  cargo TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cargo) AND json_type(cargo) = 'object'),
  combat TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(combat) AND json_type(combat) = 'object'),
  shield_resistance REAL NOT NULL DEFAULT 0.0 CHECK (shield_resistance BETWEEN 0.0 AND 1.0),
  armor_rating REAL NOT NULL DEFAULT 0.0 CHECK (armor_rating >= 0.0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX ships_by_owner ON ships (owner_id);
CREATE INDEX ships_by_sector ON ships (sector_id);
CREATE UNIQUE INDEX ships_one_flagship ON ships (owner_id) WHERE is_flagship = 1;

-- A player's standing with one faction (space game Reputation). current_level/title/
-- trade_modifier/port_access_level/combat_response are derived from current_value and rewritten
-- with it. last_activity_at is the time of the last change (decay anchors on it); decay_due_at is
-- the next time the decay rule must look at the row (NULL = nothing to decay: |value| <= floor,
-- paused or locked).
CREATE TABLE reputations (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  faction_id TEXT NOT NULL REFERENCES factions (id) ON DELETE CASCADE,
  current_value INTEGER NOT NULL DEFAULT 0 CHECK (current_value BETWEEN -800 AND 800),
  current_level TEXT NOT NULL DEFAULT 'NEUTRAL'
    CHECK (current_level IN ('PUBLIC_ENEMY', 'CRIMINAL', 'OUTLAW', 'PIRATE', 'SMUGGLER',
                             'UNTRUSTWORTHY', 'SUSPICIOUS', 'QUESTIONABLE', 'NEUTRAL',
                             'RECOGNIZED', 'ACKNOWLEDGED', 'TRUSTED', 'RESPECTED', 'VALUED',
                             'HONORED', 'REVERED', 'EXALTED')),
  title TEXT NOT NULL DEFAULT 'Neutral' CHECK (length(title) BETWEEN 1 AND 50),
  decay_paused INTEGER NOT NULL DEFAULT 0 CHECK (decay_paused IN (0, 1)),
  history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history) AND json_type(history) = 'array'),
  trade_modifier REAL NOT NULL DEFAULT 0.0 CHECK (trade_modifier BETWEEN -0.3 AND 0.3),
  mission_availability TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(mission_availability) AND json_type(mission_availability) = 'array'),
  port_access_level INTEGER NOT NULL DEFAULT 0 CHECK (port_access_level BETWEEN 0 AND 3),
  combat_response TEXT NOT NULL DEFAULT 'neutral'
    CHECK (combat_response IN ('friendly', 'neutral', 'hostile')),
  is_locked INTEGER NOT NULL DEFAULT 0 CHECK (is_locked IN (0, 1)),
  lock_reason TEXT CHECK (lock_reason IS NULL OR length(lock_reason) <= 255),
  lock_expires_at INTEGER,
  special_status TEXT CHECK (special_status IS NULL OR length(special_status) <= 50),
  last_activity_at INTEGER NOT NULL,
  decay_due_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (player_id, faction_id)
);

CREATE INDEX reputations_by_faction ON reputations (faction_id);
CREATE INDEX reputations_decay_due ON reputations (decay_due_at) WHERE decay_due_at IS NOT NULL;
CREATE INDEX reputations_lock_expiry ON reputations (lock_expires_at)
  WHERE lock_expires_at IS NOT NULL;

-- A player alliance (space game Team). The leader is the LEADER row of team_members; the
-- treasury is the team's ledger accounts (owner_kind = 'team'); the reputation method lives in
-- team_reputations. A disbanded team keeps its row (its accounts and ledger rows must stay) with
-- disbanded_at set, which frees its name.
CREATE TABLE teams (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 3 AND 80),
  description TEXT CHECK (description IS NULL OR length(description) <= 500),
  tag TEXT CHECK (tag IS NULL OR length(tag) BETWEEN 2 AND 10),
  logo TEXT CHECK (logo IS NULL OR length(logo) <= 255),
  is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
  max_members INTEGER NOT NULL DEFAULT 4 CHECK (max_members BETWEEN 2 AND 20),
  sector_claims TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(sector_claims) AND json_type(sector_claims) = 'array'),
  home_sector_id INTEGER REFERENCES sectors (id) ON DELETE SET NULL,
  recruitment_status TEXT NOT NULL DEFAULT 'OPEN'
    CHECK (recruitment_status IN ('OPEN', 'INVITE_ONLY', 'CLOSED')),
  combat_rating REAL NOT NULL DEFAULT 0.0,
  trade_rating REAL NOT NULL DEFAULT 0.0,
  join_requirements TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(join_requirements) AND json_type(join_requirements) = 'object'),
  member_roles TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(member_roles) AND json_type(member_roles) = 'object'),
  resource_sharing TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(resource_sharing) AND json_type(resource_sharing) = 'object'),
  disbanded_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX teams_live_name ON teams (name) WHERE disbanded_at IS NULL;
CREATE INDEX teams_by_home_sector ON teams (home_sector_id) WHERE home_sector_id IS NOT NULL;

-- Membership of a player in a team, with role and permissions (space game TeamMember; also
-- replaces Player.team_id). A player is in at most one team; a team has at most one LEADER.
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  player_id TEXT NOT NULL UNIQUE REFERENCES players (id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('LEADER', 'OFFICER', 'MEMBER', 'RECRUIT')),
  joined_at INTEGER NOT NULL,
  permissions TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(permissions) AND json_type(permissions) = 'object'),
  can_invite INTEGER NOT NULL DEFAULT 0 CHECK (can_invite IN (0, 1)),
  can_kick INTEGER NOT NULL DEFAULT 0 CHECK (can_kick IN (0, 1)),
  can_manage_treasury INTEGER NOT NULL DEFAULT 0 CHECK (can_manage_treasury IN (0, 1)),
  can_manage_missions INTEGER NOT NULL DEFAULT 0 CHECK (can_manage_missions IN (0, 1)),
  can_manage_alliances INTEGER NOT NULL DEFAULT 0 CHECK (can_manage_alliances IN (0, 1)),
  last_active_at INTEGER,
  contribution_credits TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(contribution_credits) AND json_type(contribution_credits) = 'object'),
  PRIMARY KEY (team_id, player_id)
);

CREATE UNIQUE INDEX team_members_one_leader ON team_members (team_id) WHERE role = 'LEADER';

-- An invitation code for one player to join one team, usable once, until expires_at
-- (space game Team.invitation_codes JSON entries, as rows).
CREATE TABLE team_invitations (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 100),
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  invited_by TEXT REFERENCES players (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CHECK (expires_at >= created_at)
);

CREATE INDEX team_invitations_by_team ON team_invitations (team_id);
CREATE INDEX team_invitations_by_player ON team_invitations (player_id);
CREATE INDEX team_invitations_by_inviter ON team_invitations (invited_by)
  WHERE invited_by IS NOT NULL;
CREATE INDEX team_invitations_expiry ON team_invitations (expires_at);

-- A team's aggregated faction standing (space game TeamReputation; also the home of the
-- deprecated Team.reputation_calculation_method). method_changed_at drives the switch cooldown.
CREATE TABLE team_reputations (
  team_id TEXT PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  calculation_method TEXT NOT NULL DEFAULT 'AVERAGE'
    CHECK (calculation_method IN ('AVERAGE', 'LOWEST', 'LEADER')),
  method_changed_at INTEGER,
  faction_reputation TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(faction_reputation) AND json_type(faction_reputation) = 'object'),
  history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history) AND json_type(history) = 'array'),
  last_recalculated_at INTEGER,
  next_recalculation_at INTEGER NOT NULL,
  pending_notifications TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(pending_notifications) AND json_type(pending_notifications) = 'array')
);

CREATE INDEX team_reputations_due ON team_reputations (next_recalculation_at);

-- A direct, team or system message (space game Message). Direct messages have recipient_id, team
-- messages team_id, never both (a team message of a removed team keeps neither).
CREATE TABLE messages (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  sender_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  recipient_id TEXT REFERENCES players (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE SET NULL,
  subject TEXT CHECK (subject IS NULL OR length(subject) <= 255),
  content TEXT NOT NULL CHECK (length(content) >= 1),
  sent_at INTEGER NOT NULL,
  read_at INTEGER,
  deleted_by_sender INTEGER NOT NULL DEFAULT 0 CHECK (deleted_by_sender IN (0, 1)),
  deleted_by_recipient INTEGER NOT NULL DEFAULT 0 CHECK (deleted_by_recipient IN (0, 1)),
  thread_id TEXT NOT NULL CHECK (length(thread_id) = 36 AND thread_id = lower(thread_id)),
  reply_to_id TEXT REFERENCES messages (id) ON DELETE SET NULL,
  message_type TEXT NOT NULL DEFAULT 'player' CHECK (message_type IN ('player', 'team', 'system')),
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  flagged_reason TEXT CHECK (flagged_reason IS NULL OR length(flagged_reason) <= 255),
  moderation_status TEXT CHECK (moderation_status IS NULL OR moderation_status IN ('deleted')),
  moderated_at INTEGER,
  moderated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  CHECK (recipient_id IS NULL OR team_id IS NULL)
);

CREATE INDEX messages_by_sender ON messages (sender_id);
CREATE INDEX messages_by_sent_at ON messages (sent_at);
CREATE INDEX messages_inbox ON messages (recipient_id, read_at);
CREATE INDEX messages_by_team ON messages (team_id, sent_at);
CREATE INDEX messages_by_thread ON messages (thread_id, sent_at);
CREATE INDEX messages_by_reply_to ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;
CREATE INDEX messages_flagged ON messages (flagged, sent_at) WHERE flagged = 1;
CREATE INDEX messages_by_moderator ON messages (moderated_by) WHERE moderated_by IS NOT NULL;

-- Reference: the onboarding guard's names, titles and traits (kind = 'name' | 'title' | 'trait'),
-- picked by index from a hash of the session id. Only traits carry base_suspicion,
-- threshold_modifier and a description.
CREATE TABLE guard_personalities (
  kind TEXT NOT NULL CHECK (kind IN ('name', 'title', 'trait')),
  position INTEGER NOT NULL CHECK (position >= 0),
  value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
  description TEXT,
  base_suspicion REAL CHECK (base_suspicion IS NULL OR base_suspicion BETWEEN 0.0 AND 1.0),
  threshold_modifier REAL
    CHECK (threshold_modifier IS NULL OR threshold_modifier BETWEEN -1.0 AND 1.0),
  CHECK ((kind = 'trait') = (description IS NOT NULL)),
  PRIMARY KEY (kind, position),
  UNIQUE (kind, value),
  CHECK ((kind = 'trait') = (base_suspicion IS NOT NULL)),
  CHECK ((kind = 'trait') = (threshold_modifier IS NOT NULL))
);

-- Reference: per starter ship, its rarity tier, draw weight, credits awarded with it, and the
-- persuasion score needed at each negotiation skill (space game ShipRarityConfig).
CREATE TABLE ship_rarity_config (
  ship_type TEXT PRIMARY KEY
    CHECK (ship_type IN ('ESCAPE_POD', 'LIGHT_FREIGHTER', 'SCOUT_SHIP', 'FAST_COURIER',
                         'CARGO_HAULER', 'DEFENDER', 'COLONY_SHIP', 'CARRIER')),
  rarity_tier INTEGER NOT NULL CHECK (rarity_tier BETWEEN 1 AND 7),
  spawn_chance INTEGER NOT NULL CHECK (spawn_chance BETWEEN 0 AND 100),
  base_credits INTEGER NOT NULL CHECK (base_credits >= 0),
  weak_threshold REAL NOT NULL CHECK (weak_threshold BETWEEN 0.0 AND 1.0),
  average_threshold REAL NOT NULL CHECK (average_threshold BETWEEN 0.0 AND 1.0),
  strong_threshold REAL NOT NULL CHECK (strong_threshold BETWEEN 0.0 AND 1.0)
);

-- One onboarding attempt: the guard, the claimed ship, the scored outcome and what it awarded
-- (space game FirstLoginSession). Nullable flags/scores are NULL until the outcome is decided.
CREATE TABLE first_login_sessions (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  completed_at INTEGER,
  ai_service_used INTEGER NOT NULL DEFAULT 0 CHECK (ai_service_used IN (0, 1)),
  fallback_to_rules INTEGER NOT NULL DEFAULT 0 CHECK (fallback_to_rules IN (0, 1)),
  guard_name TEXT,
  guard_title TEXT,
  guard_trait TEXT,
  guard_description TEXT,
  guard_base_suspicion REAL
    CHECK (guard_base_suspicion IS NULL OR guard_base_suspicion BETWEEN 0.0 AND 1.0),
  ship_claimed TEXT
    CHECK (ship_claimed IS NULL
           OR ship_claimed IN ('SCOUT_SHIP', 'CARGO_HAULER', 'ESCAPE_POD', 'LIGHT_FREIGHTER',
                               'DEFENDER', 'FAST_COURIER', 'COLONY_SHIP', 'CARRIER')),
  extracted_player_name TEXT,
  negotiation_skill TEXT
    CHECK (negotiation_skill IS NULL OR negotiation_skill IN ('WEAK', 'AVERAGE', 'STRONG')),
  final_persuasion_score REAL
    CHECK (final_persuasion_score IS NULL OR final_persuasion_score BETWEEN 0.0 AND 1.0),
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('SUCCESS', 'PARTIAL_SUCCESS', 'FAILURE')),
  awarded_ship TEXT
    CHECK (awarded_ship IS NULL
           OR awarded_ship IN ('SCOUT_SHIP', 'CARGO_HAULER', 'ESCAPE_POD', 'LIGHT_FREIGHTER',
                               'DEFENDER', 'FAST_COURIER', 'COLONY_SHIP', 'CARRIER')),
  starting_credits INTEGER CHECK (starting_credits IS NULL OR starting_credits >= 0),
  negotiation_bonus_flag INTEGER
    CHECK (negotiation_bonus_flag IS NULL OR negotiation_bonus_flag IN (0, 1)),
  notoriety_penalty INTEGER CHECK (notoriety_penalty IS NULL OR notoriety_penalty IN (0, 1)),
  client_info TEXT CHECK (client_info IS NULL OR json_valid(client_info)),
  performance_metrics TEXT CHECK (performance_metrics IS NULL OR json_valid(performance_metrics)),
  CHECK (completed_at IS NULL OR completed_at >= started_at)
);

CREATE INDEX first_login_sessions_by_player ON first_login_sessions (player_id, started_at);

-- One guard question and the player's answer, with its scores (space game DialogueExchange).
-- player_response/answered_at are NULL until answered; an exchange is answered once.
CREATE TABLE dialogue_exchanges (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  session_id TEXT NOT NULL REFERENCES first_login_sessions (id) ON DELETE CASCADE,
  sequence_number INTEGER NOT NULL CHECK (sequence_number >= 1),
  npc_prompt TEXT NOT NULL,
  player_response TEXT,
  topic TEXT CHECK (topic IS NULL OR length(topic) <= 50),
  persuasiveness REAL CHECK (persuasiveness IS NULL OR persuasiveness BETWEEN 0.0 AND 1.0),
  confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0.0 AND 1.0),
  consistency REAL CHECK (consistency IS NULL OR consistency BETWEEN 0.0 AND 1.0),
  believability REAL CHECK (believability IS NULL OR believability BETWEEN 0.0 AND 1.0),
  current_suspicion REAL
    CHECK (current_suspicion IS NULL OR current_suspicion BETWEEN 0.0 AND 1.0),
  key_extracted_info TEXT CHECK (key_extracted_info IS NULL OR json_valid(key_extracted_info)),
  detected_contradictions TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(detected_contradictions) AND json_type(detected_contradictions) = 'array'),
  ai_provider TEXT CHECK (ai_provider IS NULL OR length(ai_provider) <= 20),
  ai_system_prompt TEXT,
  ai_user_prompt TEXT,
  ai_raw_response TEXT,
  response_time_ms INTEGER CHECK (response_time_ms IS NULL OR response_time_ms >= 0),
  estimated_cost_usd REAL CHECK (estimated_cost_usd IS NULL OR estimated_cost_usd >= 0),
  tokens_used INTEGER CHECK (tokens_used IS NULL OR tokens_used >= 0),
  created_at INTEGER NOT NULL,
  answered_at INTEGER,
  UNIQUE (session_id, sequence_number),
  CHECK ((player_response IS NULL) = (answered_at IS NULL))
);

-- The ships offered in one onboarding session (space game ShipPresentationOptions; 1:1).
CREATE TABLE ship_presentation_options (
  session_id TEXT PRIMARY KEY REFERENCES first_login_sessions (id) ON DELETE CASCADE,
  available_ships TEXT NOT NULL
    CHECK (json_valid(available_ships) AND json_type(available_ships) = 'array'),
  escape_pod_present INTEGER NOT NULL DEFAULT 1 CHECK (escape_pod_present IN (0, 1)),
  rarity_roll INTEGER NOT NULL CHECK (rarity_roll BETWEEN 0 AND 100),
  special_event_active INTEGER NOT NULL DEFAULT 0 CHECK (special_event_active IN (0, 1)),
  seed_value TEXT
);

-- A player's onboarding progress across sessions (space game PlayerFirstLoginState; 1:1).
-- Also the source of the former Player.first_login JSON flag.
CREATE TABLE player_first_login_state (
  player_id TEXT PRIMARY KEY REFERENCES players (id) ON DELETE CASCADE,
  has_completed_first_login INTEGER NOT NULL DEFAULT 0
    CHECK (has_completed_first_login IN (0, 1)),
  current_session_id TEXT REFERENCES first_login_sessions (id) ON DELETE SET NULL,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_attempt_at INTEGER,
  claimed_ship INTEGER NOT NULL DEFAULT 0 CHECK (claimed_ship IN (0, 1)),
  answered_questions INTEGER NOT NULL DEFAULT 0 CHECK (answered_questions IN (0, 1)),
  received_resources INTEGER NOT NULL DEFAULT 0 CHECK (received_resources IN (0, 1)),
  tutorial_started INTEGER NOT NULL DEFAULT 0 CHECK (tutorial_started IN (0, 1)),
  previous_ship_claims TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(previous_ship_claims) AND json_type(previous_ship_claims) = 'array'),
  previous_dialogue_strategies TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(previous_dialogue_strategies)
           AND json_type(previous_dialogue_strategies) = 'array')
);

CREATE INDEX player_first_login_state_by_session ON player_first_login_state (current_session_id)
  WHERE current_session_id IS NOT NULL;

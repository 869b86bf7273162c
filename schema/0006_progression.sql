-- 0006: progression and moderation from the RPG: quests and quest progress, per-user timers
-- (cooldowns, effects, access windows), loot drops, and moderation cases.

-- A quest definition (RPG quests). Progress advances on events whose name equals trigger_event
-- or whose prefix before ':' does. requirements = {target}, rewards = {xp?, balance?}.
CREATE TABLE quests (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  description TEXT,
  trigger_event TEXT NOT NULL CHECK (length(trigger_event) BETWEEN 1 AND 50),
  requirements TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(requirements) AND json_type(requirements) = 'object'),
  rewards TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rewards) AND json_type(rewards) = 'object')
);

CREATE INDEX quests_by_trigger ON quests (trigger_event);

-- A user's progress on a quest (RPG user_quests). Kept after completion: quests are one-shot.
CREATE TABLE user_quests (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  quest_id INTEGER NOT NULL REFERENCES quests (id) ON DELETE CASCADE,
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress >= 0),
  assigned_at INTEGER NOT NULL,
  completed_at INTEGER,
  PRIMARY KEY (user_id, quest_id)
);

CREATE INDEX user_quests_active ON user_quests (user_id) WHERE completed_at IS NULL;
CREATE INDEX user_quests_by_quest ON user_quests (quest_id);

-- A timer of a user (RPG user_timers): one per (user, type, key); re-applying replaces it.
-- expired_at is set by the tick sweep when it processes the expiry (and fires its event), so
-- each expiry fires exactly once; a replaced timer starts again with expired_at NULL.
CREATE TABLE user_timers (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('COOLDOWN', 'EFFECT', 'ACCESS', 'EXAM_SYSTEM')),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  expires_at INTEGER NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
  expired_at INTEGER,
  PRIMARY KEY (user_id, type, key)
);

CREATE INDEX user_timers_expiry ON user_timers (expires_at);
CREATE INDEX user_timers_due ON user_timers (expires_at) WHERE expired_at IS NULL;

-- A spawned loot drop (RPG lootdrops): the first claimer wins (UPDATE ... WHERE claimed_by IS
-- NULL); unclaimed drops despawn at expires_at. message_id identifies the drop where it was
-- announced (a chat message id, or any id the game chooses).
CREATE TABLE lootdrops (
  message_id TEXT PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 255),
  channel_id TEXT CHECK (channel_id IS NULL OR length(channel_id) <= 255),
  reward_amount INTEGER NOT NULL CHECK (reward_amount > 0),
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  claimed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  claimed_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CHECK (expires_at >= created_at),
  -- claimed means claimed_at is set: it stays set when a claimer's user row is hard-deleted
  CHECK (claimed_by IS NULL OR claimed_at IS NOT NULL)
);

CREATE INDEX lootdrops_expiry ON lootdrops (expires_at);
CREATE INDEX lootdrops_unclaimed ON lootdrops (expires_at) WHERE claimed_at IS NULL;
CREATE INDEX lootdrops_by_claimer ON lootdrops (claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX lootdrops_by_currency ON lootdrops (currency_id);

-- A moderation case (RPG moderation_cases). case_id is the friendly 'CASE-0001' id. Names are
-- snapshots taken when the case was written; a NULL moderator_id is the system (auto-timeout).
-- active tracks unresolved warnings.
CREATE TABLE moderation_cases (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE
    CHECK (length(case_id) BETWEEN 9 AND 50 AND case_id GLOB 'CASE-[0-9][0-9][0-9][0-9]*'
           AND substr(case_id, 6) NOT GLOB '*[^0-9]*'),
  type TEXT NOT NULL CHECK (type IN ('WARN', 'TIMEOUT', 'KICK', 'BAN', 'NOTE')),
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 255),
  moderator_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  moderator_name TEXT NOT NULL CHECK (length(moderator_name) BETWEEN 1 AND 255),
  reason TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  resolved_reason TEXT
);

CREATE INDEX moderation_cases_by_user ON moderation_cases (user_id, active, created_at);
CREATE INDEX moderation_cases_by_moderator ON moderation_cases (moderator_id)
  WHERE moderator_id IS NOT NULL;
CREATE INDEX moderation_cases_by_resolver ON moderation_cases (resolved_by)
  WHERE resolved_by IS NOT NULL;
CREATE INDEX moderation_cases_by_created_at ON moderation_cases (created_at);

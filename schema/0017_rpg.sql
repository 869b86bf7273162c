-- 0017: the RPG's rules. Reward claims (once per user, schedule and period), the chat activity that
-- spawns loot drops (kept in the file, not in memory), drops' expiry (exactly once), and the
-- privileges of moderation cases and class banks.

-- One claim of a periodic reward: the daily reward (period = the UTC day), the daily log-in bonus
-- (the UTC day) and the weekly log-in bonus (the week, Monday to Sunday, counted from the Monday
-- 1969-12-29). The key makes each claim happen once per user and period.
CREATE TABLE reward_claims (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  schedule TEXT NOT NULL CHECK (schedule IN ('daily', 'login_day', 'login_week')),
  period INTEGER NOT NULL CHECK (period >= 0),
  -- the daily reward's streak with this claim; 0 for the log-in bonuses
  streak INTEGER NOT NULL DEFAULT 0 CHECK (streak >= 0),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  transaction_id INTEGER REFERENCES transactions (id) ON DELETE SET NULL,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, schedule, period),
  CHECK ((schedule = 'daily') = (streak >= 1))
) WITHOUT ROWID;

CREATE INDEX reward_claims_by_currency ON reward_claims (currency_id);
CREATE INDEX reward_claims_by_transaction ON reward_claims (transaction_id)
  WHERE transaction_id IS NOT NULL;

-- The chat activity of a channel within the loot drops' activity window: one row per message,
-- pruned as the window moves on.
CREATE TABLE loot_activity (
  id INTEGER PRIMARY KEY,
  channel_id TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 255),
  at INTEGER NOT NULL
);

CREATE INDEX loot_activity_by_channel ON loot_activity (channel_id, at);

-- A drop nobody claimed is expired by the tick once, at its expiry.
ALTER TABLE lootdrops ADD COLUMN expired_at INTEGER
  CHECK (expired_at IS NULL OR claimed_at IS NULL);

CREATE INDEX lootdrops_due ON lootdrops (expires_at)
  WHERE claimed_at IS NULL AND expired_at IS NULL;
CREATE INDEX lootdrops_by_channel ON lootdrops (channel_id, created_at)
  WHERE channel_id IS NOT NULL;

-- Searching cases by type, newest first.
CREATE INDEX moderation_cases_by_type ON moderation_cases (type, id);

-- Moderation cases need 'moderate' (moderators have it); a class bank pays out to holders of
-- 'classbank' who are in the class (no role has it: a game grants it, e.g. to its prefects).
INSERT OR IGNORE INTO privileges (privilege, description, automatic, created_at, updated_at)
VALUES
  ('moderate', 'Record moderation cases: warnings, notes, timeouts and kicks.', 0, 0, 0),
  ('classbank', 'Withdraw from the bank of one''s own class.', 0, 0, 0);

INSERT OR IGNORE INTO role_privileges (role_id, privilege_id)
SELECT r.id, p.id FROM roles r, privileges p WHERE r.role = 'moderator' AND p.privilege = 'moderate';

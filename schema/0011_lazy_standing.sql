-- 0011: standings decay in closed form. A standing's row keeps what the formula needs (the value
-- as of its last write and the next unapplied decay step); reads compute the value, its tier and
-- its effects; the tick visits a row only when a player would see something happen: a tier
-- crossed, the floor reached. History moves out of the row into a table of its own.

-- The next time the tick must look at a standing: the decay step that crosses a tier or reaches
-- the floor. Rows from before are looked at on their next step, and rescheduled from there.
ALTER TABLE reputations ADD COLUMN decay_event_at INTEGER;
UPDATE reputations SET decay_event_at = decay_due_at;
DROP INDEX reputations_decay_due;
CREATE INDEX reputations_decay_event ON reputations (decay_event_at)
  WHERE decay_event_at IS NOT NULL;

-- A standing's changes, oldest first (seq counts from 1 per standing): commands and the decay
-- the tick journals. The engine keeps the newest Rules::reputation.history_limit per standing.
-- Clustered by standing, so that adding an entry and dropping the oldest touch one page.
CREATE TABLE reputation_history (
  reputation_id TEXT NOT NULL REFERENCES reputations (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  at INTEGER NOT NULL,
  old_value INTEGER NOT NULL,
  new_value INTEGER NOT NULL,
  change INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) <= 255),
  PRIMARY KEY (reputation_id, seq)
) WITHOUT ROWID;

INSERT INTO reputation_history (reputation_id, seq, at, old_value, new_value, change, reason)
SELECT r.id, e.key + 1, json_extract(e.value, '$.at'), json_extract(e.value, '$.old_value'),
       json_extract(e.value, '$.new_value'), json_extract(e.value, '$.change'),
       ifnull(json_extract(e.value, '$.reason'), '')
FROM reputations r, json_each(r.history) e;

-- Derived from the value, so computed on read: stored, they went stale between decay steps.
ALTER TABLE reputations DROP COLUMN history;
ALTER TABLE reputations DROP COLUMN current_level;
ALTER TABLE reputations DROP COLUMN title;
ALTER TABLE reputations DROP COLUMN trade_modifier;
ALTER TABLE reputations DROP COLUMN port_access_level;
ALTER TABLE reputations DROP COLUMN combat_response;

-- The same for personal reputation: the next weekly step that crosses a tier or reaches 0.
ALTER TABLE players ADD COLUMN personal_reputation_event_at INTEGER;
UPDATE players SET personal_reputation_event_at = personal_reputation_decay_due_at;
DROP INDEX players_personal_reputation_due;
CREATE INDEX players_personal_reputation_event ON players (personal_reputation_event_at)
  WHERE personal_reputation_event_at IS NOT NULL;

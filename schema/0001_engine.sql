-- 0001: the engine's own state. Every other migration builds on these tables.

-- The tuning numbers this game runs with (engine/rules.h), as one JSON document. One row.
CREATE TABLE rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  document TEXT NOT NULL CHECK (json_valid(document)),
  updated_at INTEGER NOT NULL
);

-- The seeded random generator's state. One row. Same seed + same commands => same draws.
CREATE TABLE random_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seed INTEGER NOT NULL,
  state INTEGER NOT NULL
);

-- The game time the world has been advanced to (Game::advance_to). One row.
CREATE TABLE game_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  created_at INTEGER NOT NULL,
  reached_at INTEGER NOT NULL CHECK (reached_at >= created_at)
);

-- The journal of everything a game may care about, appended in the transaction of the command
-- that caused it. actor and subject are ids (usually user ids) or NULL.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
  actor TEXT,
  subject TEXT,
  payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);

-- A player's log reads by subject. No index by type: every event would pay for it on write.
CREATE INDEX events_by_subject ON events (subject, id) WHERE subject IS NOT NULL;

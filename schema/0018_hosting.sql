-- 0018: the LAN host. A play session ends (ended_at) when its player leaves or is sent away; the
-- sessions of a server that are in play are found through a partial index. Session and server
-- tokens are kept as their SHA-256, as log-in tokens are.

ALTER TABLE sessions ADD COLUMN ended_at INTEGER;
-- the address the player joined from (for the record; host bans are checked on connecting)
ALTER TABLE sessions ADD COLUMN ip TEXT CHECK (ip IS NULL OR length(ip) BETWEEN 1 AND 255);

CREATE INDEX sessions_in_play ON sessions (server_id)
  WHERE joined_at IS NOT NULL AND ended_at IS NULL;


-- 0014: bans that end, the host privilege that comes with account age, and the erasure of a
-- deleted user's personal data.
--
-- A ban is in force until it ends: the tick ends it at its expiry, or someone lifts it (ended_at,
-- lifted_by). The ones still in force are found through two partial indexes: by their expiry, and
-- (for address and network bans) by their network.
ALTER TABLE bans ADD COLUMN ended_at INTEGER CHECK (ended_at IS NULL OR ended_at >= created_at);
ALTER TABLE bans ADD COLUMN lifted_by TEXT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX bans_due ON bans (expires_at) WHERE ended_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX bans_networks_in_force ON bans (ip) WHERE ended_at IS NULL AND ip IS NOT NULL;
CREATE INDEX bans_by_lifter ON bans (lifted_by) WHERE lifted_by IS NOT NULL;

-- When the tick gives the user the 'host' privilege; NULL once given (or for a deleted user).
ALTER TABLE users ADD COLUMN host_due_at INTEGER;
CREATE INDEX users_host_due ON users (host_due_at) WHERE host_due_at IS NOT NULL;

-- Users from before wait for 'host' as new users do, 30 days (the default rules') from their
-- creation; a game running other rules reschedules them when it opens the file.
UPDATE users SET host_due_at = created_at + 30 * 86400000
WHERE deleted = 0 AND NOT EXISTS (
  SELECT 1 FROM user_privileges up JOIN privileges p ON p.id = up.privilege_id
  WHERE up.user_id = users.id AND p.privilege = 'host');

-- When a deleted user's personal data was erased (their name, addresses, credentials); the rows
-- that keep the game's history (ledger, items, standings) stay, under an anonymous name.
ALTER TABLE users ADD COLUMN erased_at INTEGER CHECK (erased_at IS NULL OR deleted = 1);

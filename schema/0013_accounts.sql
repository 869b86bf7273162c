-- 0013: accounts and sessions. Wrong passwords are counted per user and lock the account for a
-- while; every token of one log-in (its access tokens and its refresh series) carries the id of
-- the series' first refresh token, so that a log-out or a detected reuse revokes them together.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0);
ALTER TABLE users ADD COLUMN login_locked_until INTEGER;

ALTER TABLE user_tokens ADD COLUMN series_id INTEGER REFERENCES user_tokens (id) ON DELETE CASCADE;
CREATE INDEX user_tokens_by_series ON user_tokens (series_id) WHERE series_id IS NOT NULL;

-- Subscriptions that are running ('active', or 'cancelled': not renewed, good until they end)
-- are ended by the tick at their expiry.
CREATE INDEX users_subscription_due ON users (subscription_expires_at)
  WHERE subscription_status IN ('active', 'cancelled') AND subscription_expires_at IS NOT NULL;

-- Users from before roles were given out get the automatic ones, as new users do.
INSERT OR IGNORE INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u, roles r WHERE r.automatic = 1;
INSERT OR IGNORE INTO user_privileges (user_id, privilege_id)
SELECT u.id, p.id FROM users u, privileges p WHERE p.automatic = 1;

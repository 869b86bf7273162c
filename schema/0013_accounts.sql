-- 0013: accounts and sessions. Wrong passwords are counted per user and lock the account for a
-- while; every token of one log-in (its access tokens and its refresh series) carries the id of
-- the series' first refresh token, so that a log-out or a detected reuse revokes them together.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0);
ALTER TABLE users ADD COLUMN login_locked_until INTEGER;

ALTER TABLE user_tokens ADD COLUMN series_id INTEGER REFERENCES user_tokens (id) ON DELETE CASCADE;
CREATE INDEX user_tokens_by_series ON user_tokens (series_id) WHERE series_id IS NOT NULL;

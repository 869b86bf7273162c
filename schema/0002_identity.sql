-- 0002: one identity. Users, their credentials and tokens, bans, the role/privilege tree, and the
-- social graph (friends, follows, blocks). Every other domain hangs off users.id.
--
-- Deletion policy for references to users (see docs/schema.md, "Conventions"):
--   * a user's own belongings and relations CASCADE (tokens, OAuth links, MFA, memberships...);
--   * required actor/audit references (who issued a ban) RESTRICT: users are soft-deleted;
--   * optional actor references (created_by, updated_by) SET NULL.

-- The one identity: the platform auth service's Users + the space game's User + the RPG's users
-- (identity part). PlayerCredentials and AdminCredentials are folded into password_hash.
CREATE TABLE users (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 50),
  email TEXT UNIQUE COLLATE NOCASE CHECK (email IS NULL OR length(email) BETWEEN 3 AND 255),
  phone TEXT CHECK (phone IS NULL OR length(phone) <= 255),
  country TEXT CHECK (country IS NULL OR length(country) = 2),
  language TEXT NOT NULL DEFAULT 'en' CHECK (length(language) = 2),
  password_hash TEXT CHECK (password_hash IS NULL OR length(password_hash) <= 255),
  password_changed_at INTEGER,
  display_name TEXT CHECK (display_name IS NULL OR length(display_name) <= 255),
  verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  activated INTEGER NOT NULL DEFAULT 1 CHECK (activated IN (0, 1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  deleted_at INTEGER,
  paypal_subscription_id TEXT CHECK (paypal_subscription_id IS NULL
                                     OR length(paypal_subscription_id) <= 255),
  subscription_tier TEXT CHECK (subscription_tier IS NULL OR length(subscription_tier) <= 50),
  subscription_status TEXT CHECK (subscription_status IS NULL
                                  OR length(subscription_status) <= 50),
  subscription_started_at INTEGER,
  subscription_expires_at INTEGER,
  last_login_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((deleted = 1) = (deleted_at IS NOT NULL))
);

CREATE INDEX users_subscription_expiry ON users (subscription_expires_at)
  WHERE subscription_expires_at IS NOT NULL;

-- Tokens of every kind (platform "User tokens"; the space game's RefreshToken is type 'refresh').
-- previous_id chains a refresh series: a token has at most one successor (reuse detection).
CREATE TABLE user_tokens (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  nonce TEXT,
  type TEXT NOT NULL CHECK (type IN ('generic', 'activation', 'deactivation', 'password', 'login',
                                     'gdpr', 'totp', 'public_key', 'recovery', 'refresh')),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  previous_id INTEGER UNIQUE REFERENCES user_tokens (id) ON DELETE SET NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (previous_id IS NULL OR previous_id <> id)
);

CREATE INDEX user_tokens_by_user ON user_tokens (user_id, type);
CREATE INDEX user_tokens_expiry ON user_tokens (expires_at) WHERE expires_at IS NOT NULL;

-- Links to external identity providers (space game OAuthAccount). The RPG's Discord user id lives
-- here as provider 'discord'.
CREATE TABLE oauth_accounts (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 20 AND provider = lower(provider)),
  provider_user_id TEXT NOT NULL CHECK (length(provider_user_id) BETWEEN 1 AND 255),
  provider_account_email TEXT CHECK (provider_account_email IS NULL
                                     OR length(provider_account_email) <= 255),
  provider_account_username TEXT CHECK (provider_account_username IS NULL
                                        OR length(provider_account_username) <= 255),
  access_token TEXT,
  refresh_token TEXT,
  expires_at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (provider, provider_user_id)
);

CREATE INDEX oauth_accounts_by_user ON oauth_accounts (user_id);

-- A user's TOTP secret, one per user (space game MFASecret).
CREATE TABLE mfa_secrets (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  backup_codes TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(backup_codes) AND json_type(backup_codes) = 'array'),
  is_enabled INTEGER NOT NULL DEFAULT 0 CHECK (is_enabled IN (0, 1)),
  verified_at INTEGER,
  last_used_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Every MFA code check, for rate limiting and audit (space game MFAAttempt).
CREATE TABLE mfa_attempts (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  attempt_type TEXT NOT NULL CHECK (attempt_type IN ('totp', 'backup_code')),
  success INTEGER NOT NULL CHECK (success IN (0, 1)),
  ip_address TEXT CHECK (ip_address IS NULL OR length(ip_address) <= 255),
  user_agent TEXT,
  created_at INTEGER NOT NULL
);

CREATE INDEX mfa_attempts_by_user ON mfa_attempts (user_id, created_at);

-- A named permission (platform "Privilege"). automatic = granted to every new user.
CREATE TABLE privileges (
  id INTEGER PRIMARY KEY,
  privilege TEXT NOT NULL UNIQUE CHECK (length(privilege) BETWEEN 1 AND 100),
  description TEXT,
  automatic INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX privileges_by_created_by ON privileges (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX privileges_by_updated_by ON privileges (updated_by) WHERE updated_by IS NOT NULL;

-- A role in the role tree (platform "Role"). A role holds its own privileges plus all of its
-- ancestors'. automatic = assigned to every new user.
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL UNIQUE CHECK (length(role) BETWEEN 1 AND 100),
  parent_id INTEGER REFERENCES roles (id) ON DELETE RESTRICT,
  automatic INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE INDEX roles_by_parent ON roles (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX roles_by_created_by ON roles (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX roles_by_updated_by ON roles (updated_by) WHERE updated_by IS NOT NULL;

-- The role graph stays a tree: re-parenting a role under one of its own descendants is refused.
-- (An insert cannot make a cycle: a new role has no descendants yet.)
CREATE TRIGGER roles_no_cycle
BEFORE UPDATE OF parent_id ON roles
WHEN NEW.parent_id IS NOT NULL
  AND EXISTS (
    WITH RECURSIVE ancestors (id) AS (
      SELECT NEW.parent_id
      UNION
      SELECT r.parent_id FROM roles AS r JOIN ancestors AS a ON r.id = a.id
      WHERE r.parent_id IS NOT NULL
    )
    SELECT 1 FROM ancestors WHERE id = NEW.id
  )
BEGIN
  SELECT RAISE(ABORT, 'roles: parent_id would make a cycle');
END;

-- Join: the privileges a role grants (platform role-privilege M2M).
CREATE TABLE role_privileges (
  role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  privilege_id INTEGER NOT NULL REFERENCES privileges (id) ON DELETE CASCADE,
  PRIMARY KEY (role_id, privilege_id)
);

CREATE INDEX role_privileges_by_privilege ON role_privileges (privilege_id);

-- Join: the roles a user holds (platform user-role M2M).
CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id)
);

CREATE INDEX user_roles_by_role ON user_roles (role_id);

-- Join: privileges granted to a user directly (platform user-privilege M2M).
CREATE TABLE user_privileges (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  privilege_id INTEGER NOT NULL REFERENCES privileges (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, privilege_id)
);

CREATE INDEX user_privileges_by_privilege ON user_privileges (privilege_id);

-- A ban of a user and/or an IP network (platform "Bans"). privilege_ban = only the linked
-- privileges (ban_privileges) are removed; otherwise the user is reduced to the 'reduced' role.
-- Active while expires_at IS NULL OR expires_at > now.
CREATE TABLE bans (
  id INTEGER PRIMARY KEY,
  reason TEXT NOT NULL CHECK (length(reason) >= 1),
  ip TEXT CHECK (ip IS NULL OR length(ip) BETWEEN 1 AND 255),
  cidr INTEGER NOT NULL DEFAULT 32 CHECK (cidr BETWEEN 0 AND 128),
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  admin_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  privilege_ban INTEGER NOT NULL DEFAULT 0 CHECK (privilege_ban IN (0, 1)),
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (user_id IS NOT NULL OR ip IS NOT NULL),
  CHECK (ip IS NULL OR instr(ip, ':') > 0 OR cidr <= 32)
);

CREATE INDEX bans_by_user ON bans (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX bans_by_ip ON bans (ip) WHERE ip IS NOT NULL;
CREATE INDEX bans_by_admin ON bans (admin_id);
CREATE INDEX bans_expiry ON bans (expires_at) WHERE expires_at IS NOT NULL;

-- Join: the privileges a privilege ban removes (platform ban-privilege M2M).
CREATE TABLE ban_privileges (
  ban_id INTEGER NOT NULL REFERENCES bans (id) ON DELETE CASCADE,
  privilege_id INTEGER NOT NULL REFERENCES privileges (id) ON DELETE CASCADE,
  PRIMARY KEY (ban_id, privilege_id)
);

CREATE INDEX ban_privileges_by_privilege ON ban_privileges (privilege_id);

-- A friendship (platform "Friends"): user_id asked target_id; pending until accepted.
-- One row per pair, whichever direction it was asked in.
CREATE TABLE friends (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  pending INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (user_id <> target_id)
);

CREATE UNIQUE INDEX friends_one_per_pair ON friends (min(user_id, target_id),
                                                     max(user_id, target_id));
CREATE INDEX friends_by_user ON friends (user_id);
CREATE INDEX friends_by_target ON friends (target_id);

-- A one-way follow (platform "Follow"): user_id follows target_id.
CREATE TABLE follows (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (user_id <> target_id),
  UNIQUE (user_id, target_id)
);

CREATE INDEX follows_by_target ON follows (target_id);

-- A block (platform "Block"): user_id blocks target_id.
CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (user_id <> target_id),
  UNIQUE (user_id, target_id)
);

CREATE INDEX blocks_by_target ON blocks (target_id);

-- 0005: the platform's catalog and hosting: content with revisions, moderation, assets, prices
-- and the ownership chain; trades; favourites, votes, reports; games, servers, sessions; avatar
-- characters.
--
-- Money amounts are INTEGER units of a currencies row (the platform's float prices and its
-- whole/denom enum became integer amounts + currency_id).

-- A stored file (platform assets service): an upload kept by the game, private unless public.
CREATE TABLE assets (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  asset_tag TEXT,
  source_uri TEXT,
  source TEXT,
  original_name TEXT,
  mime_type TEXT CHECK (mime_type IS NULL OR length(mime_type) <= 255),
  file_size INTEGER CHECK (file_size IS NULL OR file_size >= 0),
  upload_ip TEXT,
  public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);

CREATE INDEX assets_by_user ON assets (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX assets_by_tag ON assets (asset_tag) WHERE asset_tag IS NOT NULL;

-- A piece of catalog content (platform catalog "Content"): a wearable, a creator asset, a
-- comment, a game or world. stock = how many can ever be sold (NULL = unlimited).
CREATE TABLE content (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  description TEXT NOT NULL,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  parent_id INTEGER REFERENCES content (id) ON DELETE CASCADE,
  restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  onsale INTEGER NOT NULL DEFAULT 0 CHECK (onsale IN (0, 1)),
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  comments_enabled INTEGER NOT NULL DEFAULT 1 CHECK (comments_enabled IN (0, 1)),
  privacy TEXT NOT NULL DEFAULT 'public'
    CHECK (privacy IN ('public', 'friends', 'unlisted', 'private')),
  type TEXT NOT NULL DEFAULT 'content'
    CHECK (type IN ('content', 'character', 'hat', 'accessory', 'front', 'back', 'tool', 'mesh',
                    'texture', 'gameobject', 'sound', 'animation', 'comment', 'status', 'game',
                    'world')),
  open_source INTEGER NOT NULL DEFAULT 0 CHECK (open_source IN (0, 1)),
  stock INTEGER CHECK (stock IS NULL OR stock >= 0),
  license TEXT,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE INDEX content_by_user ON content (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX content_by_parent ON content (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX content_by_type ON content (type, published, onsale);
CREATE INDEX content_by_created_by ON content (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX content_by_updated_by ON content (updated_by) WHERE updated_by IS NOT NULL;

-- An immutable revision of a piece of content (platform catalog "Content revision").
CREATE TABLE content_revisions (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX content_revisions_by_content ON content_revisions (content_id, created_at);
CREATE INDEX content_revisions_by_user ON content_revisions (user_id);

-- A moderator's decision on a revision (platform catalog "Moderator action").
CREATE TABLE moderator_actions (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  revision_id INTEGER NOT NULL REFERENCES content_revisions (id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'forward')),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  penalty INTEGER NOT NULL DEFAULT 0 CHECK (penalty IN (0, 1)),
  asset_delete INTEGER NOT NULL DEFAULT 1 CHECK (asset_delete IN (0, 1)),
  rejection_reason TEXT
    CHECK (rejection_reason IS NULL OR rejection_reason IN ('tos', 'illegal', 'dmca', 'other')),
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (rejection_reason IS NULL OR action = 'reject')
);

CREATE INDEX moderator_actions_by_content ON moderator_actions (content_id, created_at);
CREATE INDEX moderator_actions_by_revision ON moderator_actions (revision_id);
CREATE INDEX moderator_actions_by_user ON moderator_actions (user_id);

-- Join: the bans a moderator action issued (platform moderator action <-> bans M2M).
CREATE TABLE moderator_action_bans (
  moderator_action_id INTEGER NOT NULL REFERENCES moderator_actions (id) ON DELETE CASCADE,
  ban_id INTEGER NOT NULL REFERENCES bans (id) ON DELETE CASCADE,
  PRIMARY KEY (moderator_action_id, ban_id)
);

CREATE INDEX moderator_action_bans_by_ban ON moderator_action_bans (ban_id);

-- An asset attached to a revision of content, e.g. its mesh or preview image (platform catalog
-- "Object asset").
CREATE TABLE object_assets (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  revision_id INTEGER NOT NULL REFERENCES content_revisions (id) ON DELETE CASCADE,
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('image', 'texture', 'texture3d', 'mesh', 'animation',
                                     'gameobject', 'world', 'character', 'sound')),
  type_name TEXT CHECK (type_name IS NULL OR length(type_name) <= 255),
  asset_index INTEGER NOT NULL DEFAULT 0 CHECK (asset_index >= 0)
);

CREATE INDEX object_assets_by_content ON object_assets (content_id, revision_id, asset_index);
CREATE INDEX object_assets_by_revision ON object_assets (revision_id);
CREATE INDEX object_assets_by_asset ON object_assets (asset_id);

-- A price of content in one currency (platform catalog "Object price"). No price row = free when
-- on sale.
CREATE TABLE content_prices (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (content_id, currency_id)
);

CREATE INDEX content_prices_by_currency ON content_prices (currency_id);
CREATE INDEX content_prices_by_created_by ON content_prices (created_by)
  WHERE created_by IS NOT NULL;
CREATE INDEX content_prices_by_updated_by ON content_prices (updated_by)
  WHERE updated_by IS NOT NULL;

-- Who owns (owned) a piece of content (platform catalog "Content ownership relation"). Rows form
-- a chain: a transfer ends the old row (ended_at) and starts a new one pointing back at it through
-- previous_ownership_id (one successor at most); the serial follows the instance. An open row has
-- ended_at NULL; at most one open row per (content, serial).
CREATE TABLE content_ownerships (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE RESTRICT,
  source TEXT NOT NULL DEFAULT 'author' CHECK (source IN ('author', 'purchase', 'trade', 'gift')),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  previous_ownership_id INTEGER UNIQUE REFERENCES content_ownerships (id) ON DELETE RESTRICT,
  purchase_price INTEGER CHECK (purchase_price IS NULL OR purchase_price >= 0),
  purchase_currency_id INTEGER REFERENCES currencies (id) ON DELETE RESTRICT,
  purchase_transaction_id INTEGER REFERENCES transactions (id) ON DELETE RESTRICT,
  serial INTEGER CHECK (serial IS NULL OR serial >= 1),
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at INTEGER,
  expires_at INTEGER,
  CHECK ((purchase_price IS NULL) = (purchase_currency_id IS NULL)),
  CHECK (previous_ownership_id IS NULL OR previous_ownership_id <> id)
);

CREATE UNIQUE INDEX content_ownerships_open_serial ON content_ownerships (content_id, serial)
  WHERE ended_at IS NULL AND serial IS NOT NULL;
CREATE INDEX content_ownerships_open_by_user ON content_ownerships (user_id, content_id)
  WHERE ended_at IS NULL;
CREATE INDEX content_ownerships_by_content ON content_ownerships (content_id, serial);
CREATE INDEX content_ownerships_by_user ON content_ownerships (user_id);
CREATE INDEX content_ownerships_expiry ON content_ownerships (expires_at)
  WHERE expires_at IS NOT NULL AND ended_at IS NULL;
CREATE INDEX content_ownerships_by_purchase_currency ON content_ownerships (purchase_currency_id)
  WHERE purchase_currency_id IS NOT NULL;
CREATE INDEX content_ownerships_by_transaction ON content_ownerships (purchase_transaction_id)
  WHERE purchase_transaction_id IS NOT NULL;
CREATE INDEX content_ownerships_by_created_by ON content_ownerships (created_by)
  WHERE created_by IS NOT NULL;
CREATE INDEX content_ownerships_by_updated_by ON content_ownerships (updated_by)
  WHERE updated_by IS NOT NULL;

-- A trade offer from user_id to recipient_id (platform catalog "Trade"). Its legs are the join
-- tables below; on confirmation all legs move in one transaction or none do.
CREATE TABLE trades (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  recipient_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'opened', 'rejected',
                                                        'return_to_sender', 'confirmed',
                                                        'cancelled')),
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (user_id <> recipient_id)
);

CREATE INDEX trades_by_user ON trades (user_id, status);
CREATE INDEX trades_by_recipient ON trades (recipient_id, status);

-- Join: content ownerships offered in a trade (platform "user-content-ownership" when side =
-- 'user', "recipient-content-ownership" when side = 'recipient').
CREATE TABLE trade_offer_ownerships (
  trade_id INTEGER NOT NULL REFERENCES trades (id) ON DELETE CASCADE,
  ownership_id INTEGER NOT NULL REFERENCES content_ownerships (id) ON DELETE RESTRICT,
  side TEXT NOT NULL CHECK (side IN ('user', 'recipient')),
  PRIMARY KEY (trade_id, ownership_id)
);

CREATE INDEX trade_offer_ownerships_by_ownership ON trade_offer_ownerships (ownership_id);

-- Item stacks offered in a trade (the RPG's trade legs, persisted).
CREATE TABLE trade_offer_items (
  trade_id INTEGER NOT NULL REFERENCES trades (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('user', 'recipient')),
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (trade_id, side, item_id)
);

CREATE INDEX trade_offer_items_by_item ON trade_offer_items (item_id);

-- Money offered in a trade, per currency (the RPG's trade money leg, persisted).
CREATE TABLE trade_offer_currencies (
  trade_id INTEGER NOT NULL REFERENCES trades (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('user', 'recipient')),
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (trade_id, side, currency_id)
);

CREATE INDEX trade_offer_currencies_by_currency ON trade_offer_currencies (currency_id);

-- A user's favourite content (platform catalog "Favorite").
CREATE TABLE favorites (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, content_id)
);

CREATE INDEX favorites_by_content ON favorites (content_id);

-- A user's up/down vote on content, one per (user, content) (platform catalog "Content vote").
CREATE TABLE content_votes (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, content_id)
);

CREATE INDEX content_votes_by_content ON content_votes (content_id, vote);

-- A user's report of content and its moderation (platform catalog "Content report").
CREATE TABLE content_reports (
  id INTEGER PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  moderator_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  reason TEXT NOT NULL CHECK (length(reason) >= 1),
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'invalid', 'resolved')),
  notes TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER
);

CREATE INDEX content_reports_by_status ON content_reports (status, created_at);
CREATE INDEX content_reports_by_content ON content_reports (content_id);
CREATE INDEX content_reports_by_user ON content_reports (user_id);
CREATE INDEX content_reports_by_moderator ON content_reports (moderator_id)
  WHERE moderator_id IS NOT NULL;

-- Join: the moderator actions that handled a report (platform report <-> moderator action M2M).
CREATE TABLE report_moderator_actions (
  report_id INTEGER NOT NULL REFERENCES content_reports (id) ON DELETE CASCADE,
  moderator_action_id INTEGER NOT NULL REFERENCES moderator_actions (id) ON DELETE CASCADE,
  PRIMARY KEY (report_id, moderator_action_id)
);

CREATE INDEX report_moderator_actions_by_action ON report_moderator_actions (moderator_action_id);

-- Game feature flags of content of type 'game'; id is the content id (platform game "Game").
CREATE TABLE games (
  id INTEGER PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  hosted INTEGER NOT NULL DEFAULT 0 CHECK (hosted IN (0, 1)),
  max_players INTEGER NOT NULL DEFAULT 16 CHECK (max_players >= 1)
);

-- A support flag of a game, optionally for one supported content item (platform game
-- "Game supports").
CREATE TABLE game_supports (
  id INTEGER PRIMARY KEY,
  game_id INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  flag TEXT NOT NULL CHECK (flag IN ('character', 'character_features', 'chat')),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  content_id INTEGER REFERENCES content (id) ON DELETE CASCADE
);

CREATE INDEX game_supports_by_game ON game_supports (game_id, flag);
CREATE INDEX game_supports_by_content ON game_supports (content_id) WHERE content_id IS NOT NULL;

-- A host that can spawn game servers (platform server "Server provisioning host").
CREATE TABLE provisioning_hosts (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  api_url TEXT NOT NULL,
  official INTEGER NOT NULL DEFAULT 1 CHECK (official IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  pinged_at INTEGER,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  slots INTEGER NOT NULL CHECK (slots >= 0),
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (slots <= capacity)
);

CREATE INDEX provisioning_hosts_by_updated_by ON provisioning_hosts (updated_by)
  WHERE updated_by IS NOT NULL;

-- A running game server, official or user-hosted (platform server "Hosted game server"); on a
-- LAN, the host process.
CREATE TABLE hosted_servers (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  game_id INTEGER REFERENCES games (id) ON DELETE SET NULL,
  socket_host TEXT NOT NULL,
  socket_port INTEGER NOT NULL CHECK (socket_port BETWEEN 1 AND 65535),
  api_url TEXT NOT NULL,
  country TEXT CHECK (country IS NULL OR length(country) <= 255),
  provisioned INTEGER NOT NULL DEFAULT 0 CHECK (provisioned IN (0, 1)),
  quarantine INTEGER NOT NULL DEFAULT 0 CHECK (quarantine IN (0, 1)),
  official INTEGER NOT NULL DEFAULT 0 CHECK (official IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  server_info TEXT CHECK (server_info IS NULL OR json_valid(server_info)),
  player_count INTEGER CHECK (player_count IS NULL OR player_count >= 0),
  ping INTEGER CHECK (ping IS NULL OR ping >= 0),
  provisioned_by INTEGER REFERENCES provisioning_hosts (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  pinged_at INTEGER
);

CREATE INDEX hosted_servers_by_user ON hosted_servers (user_id);
CREATE INDEX hosted_servers_by_game ON hosted_servers (game_id) WHERE game_id IS NOT NULL;
CREATE INDEX hosted_servers_by_host ON hosted_servers (provisioned_by)
  WHERE provisioned_by IS NOT NULL;
CREATE INDEX hosted_servers_by_ping ON hosted_servers (pinged_at) WHERE active = 1;

-- Join: the games a multi-game server can load (platform hosted server <-> games M2M).
CREATE TABLE server_games (
  server_id INTEGER NOT NULL REFERENCES hosted_servers (id) ON DELETE CASCADE,
  game_id INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  PRIMARY KEY (server_id, game_id)
);

CREATE INDEX server_games_by_game ON server_games (game_id);

-- A ban of a hosting network, not of its users (platform server "Host ban"). NULL expires_at =
-- permanent.
CREATE TABLE host_bans (
  id INTEGER PRIMARY KEY,
  ip TEXT NOT NULL CHECK (length(ip) BETWEEN 1 AND 255),
  cidr INTEGER NOT NULL DEFAULT 32 CHECK (cidr BETWEEN 0 AND 128),
  admin_id TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  reason TEXT NOT NULL CHECK (length(reason) >= 1),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER,
  CHECK (instr(ip, ':') > 0 OR cidr <= 32)
);

CREATE INDEX host_bans_by_ip ON host_bans (ip);
CREATE INDEX host_bans_by_admin ON host_bans (admin_id);
CREATE INDEX host_bans_by_user ON host_bans (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX host_bans_expiry ON host_bans (expires_at) WHERE expires_at IS NOT NULL;

-- An avatar character of a user, built on a character model content item (platform player
-- "Character").
CREATE TABLE characters (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE RESTRICT,
  name TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX characters_by_user ON characters (user_id);
CREATE INDEX characters_by_content ON characters (content_id);

-- A customisation property of a character (colour, scale, ...) (platform player
-- "Character properties").
CREATE TABLE character_properties (
  id INTEGER PRIMARY KEY,
  character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  property TEXT NOT NULL CHECK (length(property) BETWEEN 1 AND 255),
  value TEXT NOT NULL,
  value_type TEXT NOT NULL
    CHECK (value_type IN ('string', 'integer', 'number', 'boolean', 'color', 'content', 'json')),
  related_content_id INTEGER REFERENCES content (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (character_id, property)
);

CREATE INDEX character_properties_by_content ON character_properties (related_content_id)
  WHERE related_content_id IS NOT NULL;

-- A content item a character wears (platform player "Character worn item").
CREATE TABLE character_worn_items (
  id INTEGER PRIMARY KEY,
  character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (character_id, content_id)
);

CREATE INDEX character_worn_items_by_content ON character_worn_items (content_id);

-- A play session: created on Play with a token the server validates on join (platform session
-- "Session"). joined_at is set once, when the server validates the token.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  game_id INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  server_id INTEGER NOT NULL REFERENCES hosted_servers (id) ON DELETE CASCADE,
  server_type TEXT NOT NULL DEFAULT 'provision' CHECK (server_type IN ('host', 'provision')),
  created_at INTEGER NOT NULL,
  joined_at INTEGER,
  pinged_at INTEGER
);

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_character ON sessions (character_id);
CREATE INDEX sessions_by_game ON sessions (game_id);
CREATE INDEX sessions_by_server ON sessions (server_id);
CREATE INDEX sessions_by_created_at ON sessions (created_at);

-- 0004: money as a ledger, and game items. Currencies; accounts owned by a user, a team
-- (treasury), a class (class bank) or the system (mint/sink); one transactions table in which
-- every balance change is a row moving an amount from one account to another; item definitions,
-- inventories and item history.
--
-- Invariants: an account's balance is the sum of its confirmed incoming transactions minus its
-- confirmed outgoing ones; the engine updates both in the same command. So the sum of all
-- balances of a currency is conserved (0: the mint goes negative by what it has issued). Ledger
-- rows are never updated in substance or deleted; a reversal is a new row whose
-- previous_transaction_id points at the original.

-- A currency or tradeable resource (platform bank "Currencies"). type is the platform's
-- two-denomination choice; kind separates money from the space game's treasury resources.
-- Exactly one money currency is the default: it plays "credits" / the RPG "balance".
CREATE TABLE currencies (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('whole', 'denom')),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 255),
  kind TEXT NOT NULL DEFAULT 'money' CHECK (kind IN ('money', 'resource')),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (is_default = 0 OR kind = 'money')
);

CREATE UNIQUE INDEX currencies_one_default ON currencies (is_default) WHERE is_default = 1;

-- An exchange rate between two currencies over a validity window [valid_from, valid_to)
-- (platform bank "Conversion"): one unit of the source buys `ratio` units of the destination.
-- Windows of the same pair never overlap, so at most one rate applies at any instant.
CREATE TABLE currency_conversions (
  id INTEGER PRIMARY KEY,
  currency_source_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE CASCADE,
  currency_destination_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE CASCADE,
  ratio INTEGER NOT NULL CHECK (ratio > 0),
  volume INTEGER CHECK (volume IS NULL OR volume >= 0),
  valid_from INTEGER NOT NULL,
  valid_to INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (currency_source_id <> currency_destination_id),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE INDEX currency_conversions_by_pair
  ON currency_conversions (currency_source_id, currency_destination_id, valid_from);
CREATE INDEX currency_conversions_by_destination ON currency_conversions (currency_destination_id);

CREATE TRIGGER currency_conversions_no_overlap_insert
BEFORE INSERT ON currency_conversions
WHEN EXISTS (
  SELECT 1 FROM currency_conversions AS c
  WHERE c.currency_source_id = NEW.currency_source_id
    AND c.currency_destination_id = NEW.currency_destination_id
    AND (c.valid_to IS NULL OR c.valid_to > NEW.valid_from)
    AND (NEW.valid_to IS NULL OR NEW.valid_to > c.valid_from)
)
BEGIN
  SELECT RAISE(ABORT, 'currency_conversions: validity windows of a pair overlap');
END;

CREATE TRIGGER currency_conversions_no_overlap_update
BEFORE UPDATE OF currency_source_id, currency_destination_id, valid_from, valid_to
ON currency_conversions
WHEN EXISTS (
  SELECT 1 FROM currency_conversions AS c
  WHERE c.id <> NEW.id
    AND c.currency_source_id = NEW.currency_source_id
    AND c.currency_destination_id = NEW.currency_destination_id
    AND (c.valid_to IS NULL OR c.valid_to > NEW.valid_from)
    AND (NEW.valid_to IS NULL OR NEW.valid_to > c.valid_from)
)
BEGIN
  SELECT RAISE(ABORT, 'currency_conversions: validity windows of a pair overlap');
END;

-- A balance of one currency held by exactly one owner (platform bank "Account balance"; also the
-- RPG users.balance and classes.balance, the space game's players.credits and
-- teams.treasury_*). Owner columns never change. Accounts are never deleted once they have
-- ledger rows (RESTRICT everywhere), so owners are soft-deleted (users.deleted,
-- teams.disbanded_at).
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('user', 'team', 'class', 'system')),
  user_id TEXT REFERENCES users (id) ON DELETE RESTRICT,
  team_id TEXT REFERENCES teams (id) ON DELETE RESTRICT,
  class_id INTEGER REFERENCES classes (id) ON DELETE RESTRICT,
  system_name TEXT CHECK (system_name IS NULL OR (length(system_name) BETWEEN 1 AND 50
                                                  AND system_name = lower(system_name))),
  balance INTEGER NOT NULL DEFAULT 0,
  allow_negative INTEGER NOT NULL DEFAULT 0 CHECK (allow_negative IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((owner_kind = 'user') = (user_id IS NOT NULL)),
  CHECK ((owner_kind = 'team') = (team_id IS NOT NULL)),
  CHECK ((owner_kind = 'class') = (class_id IS NOT NULL)),
  CHECK ((owner_kind = 'system') = (system_name IS NOT NULL)),
  CHECK (allow_negative = 1 OR balance >= 0)
);

CREATE UNIQUE INDEX accounts_of_user ON accounts (user_id, currency_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX accounts_of_team ON accounts (team_id, currency_id) WHERE team_id IS NOT NULL;
CREATE UNIQUE INDEX accounts_of_class ON accounts (class_id, currency_id)
  WHERE class_id IS NOT NULL;
CREATE UNIQUE INDEX accounts_of_system ON accounts (system_name, currency_id)
  WHERE system_name IS NOT NULL;
-- By currency only: every transfer changes two balances, and an index holding the balance would
-- be rewritten with them (about 4 more pages per commit, a quarter of a transfer's writes).
CREATE INDEX accounts_by_currency ON accounts (currency_id);

CREATE TRIGGER accounts_owner_fixed
BEFORE UPDATE OF currency_id, owner_kind, user_id, team_id, class_id, system_name ON accounts
WHEN NEW.currency_id IS NOT OLD.currency_id
  OR NEW.owner_kind IS NOT OLD.owner_kind
  OR NEW.user_id IS NOT OLD.user_id
  OR NEW.team_id IS NOT OLD.team_id
  OR NEW.class_id IS NOT OLD.class_id
  OR NEW.system_name IS NOT OLD.system_name
BEGIN
  SELECT RAISE(ABORT, 'accounts: owner and currency of an account never change');
END;

-- The ledger: one row per movement of `amount` from one account to another, both in the row's
-- currency (platform bank "Transaction" + RPG transactions). user_id is the user who caused or is
-- affected by the movement, related_user_id the other party, if any. A reversal/refund points at
-- its original through previous_transaction_id (at most one per original). Unconfirmed rows do
-- not count towards balances; automated rows were initiated by the game itself.
CREATE TABLE transactions (
  id INTEGER PRIMARY KEY,
  currency_id INTEGER NOT NULL REFERENCES currencies (id) ON DELETE RESTRICT,
  from_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  to_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  description TEXT,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  related_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  previous_transaction_id INTEGER UNIQUE REFERENCES transactions (id) ON DELETE RESTRICT,
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  automated INTEGER NOT NULL DEFAULT 0 CHECK (automated IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (from_account_id <> to_account_id),
  CHECK (previous_transaction_id IS NULL OR previous_transaction_id <> id)
);

CREATE INDEX transactions_from ON transactions (from_account_id, created_at);
CREATE INDEX transactions_to ON transactions (to_account_id, created_at);
CREATE INDEX transactions_by_user ON transactions (user_id, created_at) WHERE user_id IS NOT NULL;
CREATE INDEX transactions_by_related_user ON transactions (related_user_id)
  WHERE related_user_id IS NOT NULL;
CREATE INDEX transactions_by_currency ON transactions (currency_id, created_at);
CREATE INDEX transactions_unconfirmed ON transactions (created_at) WHERE confirmed = 0;

-- Both accounts hold the transaction's currency; a reversal is in its original's currency.
CREATE TRIGGER transactions_check_insert
BEFORE INSERT ON transactions
WHEN (SELECT currency_id FROM accounts WHERE id = NEW.from_account_id) IS NOT NEW.currency_id
  OR (SELECT currency_id FROM accounts WHERE id = NEW.to_account_id) IS NOT NEW.currency_id
  OR (NEW.previous_transaction_id IS NOT NULL
      AND (SELECT currency_id FROM transactions WHERE id = NEW.previous_transaction_id)
          IS NOT NEW.currency_id)
BEGIN
  SELECT RAISE(ABORT, 'transactions: accounts and reversal must share the currency');
END;

-- Ledger rows are append-only: only confirmation (0 -> 1), description, updated_at and the
-- SET NULL of a hard-deleted user may change.
CREATE TRIGGER transactions_append_only
BEFORE UPDATE ON transactions
WHEN NEW.id IS NOT OLD.id
  OR NEW.currency_id IS NOT OLD.currency_id
  OR NEW.from_account_id IS NOT OLD.from_account_id
  OR NEW.to_account_id IS NOT OLD.to_account_id
  OR NEW.amount IS NOT OLD.amount
  OR NEW.type IS NOT OLD.type
  OR NEW.previous_transaction_id IS NOT OLD.previous_transaction_id
  OR NEW.automated IS NOT OLD.automated
  OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.confirmed = 1 AND NEW.confirmed = 0)
  OR (NEW.user_id IS NOT OLD.user_id AND NEW.user_id IS NOT NULL)
  OR (NEW.related_user_id IS NOT OLD.related_user_id AND NEW.related_user_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'transactions: ledger rows are append-only');
END;

CREATE TRIGGER transactions_no_delete
BEFORE DELETE ON transactions
BEGIN
  SELECT RAISE(ABORT, 'transactions: ledger rows are never deleted');
END;

-- An item definition (RPG items). price is the base value in the default currency
-- (NULL = not sold); usage_data is {consume, effects: [...]}.
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 255),
  description TEXT,
  rarity TEXT NOT NULL DEFAULT 'Common' CHECK (length(rarity) BETWEEN 1 AND 20),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  usage_data TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(usage_data) AND json_type(usage_data) = 'object'),
  price INTEGER CHECK (price IS NULL OR price >= 0),
  icon_url TEXT,
  image_url TEXT
);

CREATE INDEX items_by_type ON items (type);

-- A stack of one item held by one user (RPG inventory). A stack that reaches 0 is deleted.
CREATE TABLE inventory (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (user_id, item_id)
);

CREATE INDEX inventory_by_item ON inventory (item_id);

-- Item flow history (RPG item_transactions): quantity gained (+) or lost (-) by user_id.
CREATE TABLE item_transactions (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  related_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  quantity INTEGER NOT NULL CHECK (quantity <> 0),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  description TEXT,
  created_at INTEGER NOT NULL
);

CREATE INDEX item_transactions_by_user ON item_transactions (user_id, created_at);
CREATE INDEX item_transactions_by_related_user ON item_transactions (related_user_id)
  WHERE related_user_id IS NOT NULL;
CREATE INDEX item_transactions_by_item ON item_transactions (item_id);

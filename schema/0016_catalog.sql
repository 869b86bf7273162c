-- 0016: the catalog. Each edit of a piece of content is a new revision holding what the edit
-- said (name, description); the content row shows the newest.
ALTER TABLE content_revisions ADD COLUMN name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 255);
ALTER TABLE content_revisions ADD COLUMN description TEXT;

-- A trade not answered within Rules::catalog.trade_lifetime is ended by the tick: it becomes
-- 'cancelled' with expired = 1.
ALTER TABLE trades ADD COLUMN expires_at INTEGER;
ALTER TABLE trades ADD COLUMN expired INTEGER NOT NULL DEFAULT 0
  CHECK (expired IN (0, 1));
CREATE INDEX trades_due ON trades (expires_at)
  WHERE status IN ('sent', 'opened') AND expires_at IS NOT NULL;

-- A revision waits for a moderator ('pending') when the game reviews revisions; a forwarded one
-- waits for a reviewer with 'contentedit'. Revisions from before were shown: approved.
ALTER TABLE content_revisions ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'
  CHECK (status IN ('pending', 'approved', 'rejected'));
ALTER TABLE content_revisions ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0
  CHECK (forwarded IN (0, 1));
CREATE INDEX content_revisions_pending ON content_revisions (created_at)
  WHERE status = 'pending';

-- The bytes of assets, stored once per content: asset_blobs names them (sha256, set once the bytes
-- are written), asset_blob_bytes holds them, apart, so that naming them never rewrites the bytes.
-- Both are written and read in pieces.
CREATE TABLE asset_blobs (
  id INTEGER PRIMARY KEY,
  sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0)
);

CREATE TABLE asset_blob_bytes (
  blob_id INTEGER PRIMARY KEY REFERENCES asset_blobs (id) ON DELETE CASCADE,
  data BLOB NOT NULL
);

ALTER TABLE assets ADD COLUMN blob_id INTEGER REFERENCES asset_blobs (id) ON DELETE RESTRICT;
CREATE INDEX assets_by_blob ON assets (blob_id) WHERE blob_id IS NOT NULL;

-- 0015: messaging. The game's own (system) messages have no sender; a message deleted by every
-- side that can see it is purged by the tick after a retention (purge_at); team messages are read
-- per member (message_reads); the inbox, sent and thread views page newest first through indexes
-- that end in the message id, which breaks ties of time.
--
-- The table is rebuilt (sender_id becomes optional): the old one is renamed first, so that its
-- rows' reply links, which follow the rename, are the only ones its drop touches.
ALTER TABLE messages RENAME TO messages_before_0015;

CREATE TABLE messages (
  id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
  sender_id TEXT REFERENCES players (id) ON DELETE CASCADE,
  recipient_id TEXT REFERENCES players (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE SET NULL,
  subject TEXT CHECK (subject IS NULL OR length(subject) <= 255),
  content TEXT NOT NULL CHECK (length(content) >= 1),
  sent_at INTEGER NOT NULL,
  read_at INTEGER,
  deleted_by_sender INTEGER NOT NULL DEFAULT 0 CHECK (deleted_by_sender IN (0, 1)),
  deleted_by_recipient INTEGER NOT NULL DEFAULT 0 CHECK (deleted_by_recipient IN (0, 1)),
  thread_id TEXT NOT NULL CHECK (length(thread_id) = 36 AND thread_id = lower(thread_id)),
  reply_to_id TEXT REFERENCES messages (id) ON DELETE SET NULL,
  message_type TEXT NOT NULL DEFAULT 'player' CHECK (message_type IN ('player', 'team', 'system')),
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  flagged_reason TEXT CHECK (flagged_reason IS NULL OR length(flagged_reason) <= 255),
  moderation_status TEXT CHECK (moderation_status IS NULL OR moderation_status IN ('deleted')),
  moderated_at INTEGER,
  moderated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  purge_at INTEGER,
  CHECK (recipient_id IS NULL OR team_id IS NULL),
  CHECK ((sender_id IS NULL) = (message_type = 'system'))
);

INSERT INTO messages (id, sender_id, recipient_id, team_id, subject, content, sent_at,
                      read_at, deleted_by_sender, deleted_by_recipient, thread_id,
                      reply_to_id, message_type, priority, flagged, flagged_reason,
                      moderation_status, moderated_at, moderated_by)
SELECT id, CASE WHEN message_type = 'system' THEN NULL ELSE sender_id END, recipient_id, team_id,
       subject, content, sent_at, read_at, deleted_by_sender, deleted_by_recipient, thread_id,
       reply_to_id, message_type, priority, flagged, flagged_reason, moderation_status,
       moderated_at, moderated_by
FROM messages_before_0015;

DROP TABLE messages_before_0015;

CREATE INDEX messages_by_sender ON messages (sender_id, sent_at, id);
CREATE INDEX messages_by_sent_at ON messages (sent_at);
CREATE INDEX messages_inbox ON messages (recipient_id, read_at);
CREATE INDEX messages_inbox_by_time ON messages (recipient_id, sent_at, id);
CREATE INDEX messages_by_team ON messages (team_id, sent_at, id);
CREATE INDEX messages_by_thread ON messages (thread_id, sent_at, id);
CREATE INDEX messages_by_reply_to ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;
CREATE INDEX messages_flagged ON messages (flagged, sent_at) WHERE flagged = 1;
CREATE INDEX messages_by_moderator ON messages (moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX messages_purge_due ON messages (purge_at) WHERE purge_at IS NOT NULL;

-- A team member has read a team message (a direct message keeps its read_at).
CREATE TABLE message_reads (
  player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (player_id, message_id)
) WITHOUT ROWID;

CREATE INDEX message_reads_by_message ON message_reads (message_id);

-- Team invitations: a personal one (player_id set, used once) or a shared code (player_id NULL)
-- good for max_uses joins until it expires. Rebuilt so that player_id may be empty.
ALTER TABLE team_invitations RENAME TO team_invitations_before_0015;

CREATE TABLE team_invitations (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 100),
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  player_id TEXT REFERENCES players (id) ON DELETE CASCADE,
  invited_by TEXT REFERENCES players (id) ON DELETE SET NULL,
  max_uses INTEGER NOT NULL DEFAULT 1 CHECK (max_uses BETWEEN 1 AND 100),
  uses INTEGER NOT NULL DEFAULT 0 CHECK (uses BETWEEN 0 AND max_uses),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CHECK (expires_at >= created_at),
  CHECK (player_id IS NULL OR max_uses = 1)
);

INSERT INTO team_invitations (code, team_id, player_id, invited_by, created_at, expires_at)
SELECT code, team_id, player_id, invited_by, created_at, expires_at
FROM team_invitations_before_0015;

DROP TABLE team_invitations_before_0015;

CREATE INDEX team_invitations_by_team ON team_invitations (team_id, expires_at);
CREATE INDEX team_invitations_by_player ON team_invitations (player_id)
  WHERE player_id IS NOT NULL;
CREATE INDEX team_invitations_by_inviter ON team_invitations (invited_by)
  WHERE invited_by IS NOT NULL;

-- A player's request to join an invite-only team, until a member who may invite answers it.
CREATE TABLE team_join_requests (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, player_id)
) WITHOUT ROWID;

CREATE INDEX team_join_requests_by_player ON team_join_requests (player_id);

#!/ usr / bin / env bash
#The PostgreSQL side of hearth_bench : the same logical tick and transfer as the engine's
#benchmark, run against a PostgreSQL 15 started here in a temporary directory, as an unprivileged
#user, through libpq(psql and pgbench are libpq clients).A benchmark, not a test : CI never runs
#it.Usage:
#
#bash tests / bench / postgres.sh[players] #default 10000 players × 10 factions
#
#Needs the Debian packages postgresql - 15(server, psql, pgbench).The tick is the best
#set - based SQL for it(the one hearth_bench checks against the engine's result): every decay
#step a player sees journaled with its tier change and its history entry, pools filled, timers
#expired, in one transaction.Transfers : a debit, a credit, a ledger row and a journal row per
#transaction, one client, prepared statements; with durable commits and with
#synchronous_commit = off.
set - euo pipefail

          players = ${1 : -10000} bin = / usr / lib / postgresql / 15 / bin[-x "$bin/postgres"] || {
  echo "PostgreSQL 15 is not installed (apt-get install postgresql-15)" > &2;
  exit 2;
}
user = postgres id "$user" > / dev / null 2 > & 1 || user = nobody

           dir = $(mktemp - d / tmp / hearth - pg.XXXXXX) chown
    "$user"
    "$dir" as_user() {
  runuser - u "$user" --"$@";
}

stop(){as_user "$bin/pg_ctl" - D "$dir/data" - m fast stop > / dev / null 2 > & 1 ||
       true rm - rf "$dir"} trap stop EXIT

        as_user "$bin/initdb" -
        D "$dir/data" - A trust - U hearth
    > / dev / null as_user "$bin/pg_ctl" - D "$dir/data" - l "$dir/log" - w
          - o "-k $dir -c listen_addresses='' -c shared_buffers=256MB -c max_wal_size=4GB" start
    > / dev / null export PGHOST = $dir PGUSER = hearth PGDATABASE = postgres psql() {
  "$bin/psql" - X - q - v ON_ERROR_STOP = 1 "$@";
}

day = 86400000 week = $((7 * day)) created = 1767225600000 tick = $((created + 40 * day)) due =
    $((tick - 3600000)) last_activity =
        $((due - 30 * day - week))

            echo "building a world of $players players × 10 factions..." psql
        << SQL CREATE TABLE factions(id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE reputation_tiers(level TEXT PRIMARY KEY, title TEXT NOT NULL,
                              min_value INTEGER NOT NULL, max_value INTEGER NOT NULL);
CREATE TABLE players(id TEXT PRIMARY KEY, turns INTEGER NOT NULL, max_turns INTEGER NOT NULL,
                     turns_progress INTEGER NOT NULL DEFAULT 0, turns_anchor_at BIGINT,
                     turns_full_at BIGINT);
CREATE INDEX players_turns_due ON players(turns_full_at)
WHERE turns_full_at IS NOT NULL;
CREATE TABLE reputations(id TEXT PRIMARY KEY, player_id TEXT NOT NULL REFERENCES players(id),
                         faction_id TEXT NOT NULL REFERENCES factions(id),
                         current_value INTEGER NOT NULL CHECK(current_value BETWEEN - 800 AND 800),
                         last_activity_at BIGINT NOT NULL, decay_due_at BIGINT,
                         decay_event_at BIGINT, UNIQUE(player_id, faction_id));
CREATE INDEX reputations_decay_event ON reputations(decay_event_at)
WHERE decay_event_at IS NOT NULL;
CREATE TABLE reputation_history(reputation_id TEXT NOT NULL REFERENCES reputations(id),
                                seq INTEGER NOT NULL, at BIGINT NOT NULL,
                                old_value INTEGER NOT NULL, new_value INTEGER NOT NULL,
                                change INTEGER NOT NULL, reason TEXT NOT NULL,
                                PRIMARY KEY(reputation_id, seq));
CREATE TABLE user_timers(id SERIAL PRIMARY KEY, user_id TEXT NOT NULL, type TEXT NOT NULL,
                         key TEXT NOT NULL, expires_at BIGINT NOT NULL, expired_at BIGINT);
CREATE INDEX user_timers_due ON user_timers(expires_at)
WHERE expired_at IS NULL;
CREATE TABLE events(id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, type TEXT NOT NULL, subject TEXT,
                    payload JSON NOT NULL);
CREATE INDEX events_by_subject ON events(subject, id)
WHERE subject IS NOT NULL;

INSERT INTO reputation_tiers VALUES('PUBLIC_ENEMY', 'Public Enemy', -800, -701),
    ('CRIMINAL', 'Criminal', -700, -601), ('OUTLAW', 'Outlaw', -600, -501),
    ('PIRATE', 'Pirate', -500, -401), ('SMUGGLER', 'Smuggler', -400, -301),
    ('UNTRUSTWORTHY', 'Untrustworthy', -300, -201), ('SUSPICIOUS', 'Suspicious', -200, -101),
    ('QUESTIONABLE', 'Questionable', -100, -51), ('NEUTRAL', 'Neutral', -50, 49),
    ('RECOGNIZED', 'Recognized', 50, 99), ('ACKNOWLEDGED', 'Acknowledged', 100, 199),
    ('TRUSTED', 'Trusted', 200, 299), ('RESPECTED', 'Respected', 300, 399),
    ('VALUED', 'Valued', 400, 499), ('HONORED', 'Honored', 500, 599),
    ('REVERED', 'Revered', 600, 699), ('EXALTED', 'Exalted', 700, 800);
INSERT INTO factions SELECT lpad(to_hex(f), 8, '0') || '-0000-4000-8000-0000000000ff',
    'faction_' || f FROM generate_series(1, 10) f;
INSERT INTO players SELECT lpad(to_hex(p), 8, '0') || '-0000-4000-8000-000000000000', 500, 1000,
    0, $tick - $day, $tick - $day + $day / 2 FROM generate_series(1, $players) p;
--The values hearth_bench gives its world : beyond ±100, over every tier;
each row's next visible --step computed in closed form.INSERT INTO reputations SELECT id, player_id,
    faction_id, value, $last_activity, $due,
    $due +
        $week *(least(CASE WHEN value >
                          0 THEN(value - 100 + 49) / 50 ELSE(-100 - value + 49) / 50 END,
                      (SELECT CASE WHEN value >
                       0 THEN(value - min_value) / 50 ELSE(max_value - value) / 50 END +
                           1 FROM reputation_tiers WHERE value BETWEEN min_value AND max_value)) -
                1) FROM(SELECT lpad(to_hex(p), 8, '0') || '-' || lpad(to_hex(f), 4, '0') ||
                            '-4000-8000-000000000000' AS id,
                        lpad(to_hex(p), 8, '0') || '-0000-4000-8000-000000000000' AS player_id,
                        lpad(to_hex(f), 8, '0') || '-0000-4000-8000-0000000000ff' AS faction_id,
                        (CASE WHEN(p + f) % 2 = 0 THEN 1 ELSE - 1 END) *
                            (150 + (p * 7919 + f * 104729) % 650)
                                AS value FROM generate_series(1, $players) p,
                        generate_series(1, 10) f) w;
INSERT INTO user_timers(user_id, type, key, expires_at)
SELECT id, 'EFFECT', 'boost', $tick - 1800000 FROM players;
VACUUM ANALYZE;
SQL

    tick_sql =
        $(cat << SQL BEGIN;
          CREATE TEMP TABLE step ON COMMIT DROP AS SELECT r.id, r.player_id, f.code,
          r.current_value AS old, s.new, r.decay_event_at AS at,
          (r.decay_event_at - r.last_activity_at) / $day AS idle, o.level AS old_level,
          o.title AS old_title, n.level AS new_level, n.title AS new_title, n.min_value AS new_min,
          n.max_value AS new_max FROM reputations r JOIN factions f ON f.id =
              r.faction_id JOIN LATERAL(
                   SELECT CASE WHEN r.current_value >
                   0 THEN greatest(100, r.current_value -
                                            50 * ((r.decay_event_at - r.decay_due_at) / $week + 1))
                       ELSE least(-100, r.current_value +
                                            50 * ((r.decay_event_at - r.decay_due_at) / $week + 1))
                           END AS new) s ON true JOIN reputation_tiers o ON
                  r.current_value BETWEEN o.min_value AND o.max_value JOIN reputation_tiers n ON
                      s.new BETWEEN n.min_value AND n.max_value WHERE r.decay_event_at <= $tick;
          INSERT INTO events(at, type, subject, payload) SELECT at, type, player_id,
          payload FROM(SELECT id, 0 AS k, at, 'reputation.decayed' AS type, player_id,
                       json_build_object('faction', code, 'old', old, 'new', new, 'days_idle', idle)
                           AS payload FROM step UNION ALL SELECT id,
                       1, at, 'reputation.tier_changed', player_id,
                       json_build_object('faction', code, 'old_level', old_level, 'new_level',
                                         new_level, 'old_title', old_title, 'new_title', new_title,
                                         'value', new) FROM step WHERE old_level<>
                           new_level) e ORDER BY at,
          id, k;
          INSERT INTO reputation_history SELECT s.id, coalesce(h.last, 0) + 1, at, old, new,
          new - old,
          'Inactivity decay (' || idle ||
              ' days idle)' FROM step s LEFT JOIN(
                  SELECT reputation_id,
                  max(seq) AS last FROM reputation_history WHERE reputation_id IN(
                      SELECT id FROM step) GROUP BY reputation_id) h ON h.reputation_id = s.id;
          UPDATE reputations r SET current_value = s.new,
          decay_due_at = CASE WHEN abs(s.new) > 100 THEN s.at + $week END,
          decay_event_at =
              CASE WHEN abs(s.new) >
              100 THEN s.at +
                  $week * least(CASE WHEN s.new >
                                    0 THEN(s.new - 100 + 49) / 50 ELSE(-100 - s.new + 49) / 50 END,
                                CASE WHEN s.new > 0 THEN(s.new - s.new_min) /
                                                          50 ELSE(s.new_max - s.new) / 50 END +
                                                      1) END FROM step s WHERE r.id = s.id;
          UPDATE players SET turns = greatest(turns, max_turns), turns_progress = 0,
          turns_anchor_at = turns_full_at, turns_full_at = NULL WHERE turns_full_at <= $tick;
          INSERT INTO events(at, type, subject, payload) SELECT expires_at, 'effect.expired',
          user_id,
          json_build_object('type', type, 'key', key)
                  FROM user_timers WHERE expired_at IS NULL AND expires_at <=
              $tick ORDER BY expires_at,
          id;
          UPDATE user_timers SET expired_at =
              expires_at WHERE expired_at IS NULL AND expires_at <= $tick;
          COMMIT; SQL)

                psql -
            c "CHECKPOINT" >
        / dev / null start =
            $(date + % s % N) psql < < <
            "$tick_sql" end = $(date + % s % N) tick_ms = $(((end - start) / 1000000)) shown =
                $(psql - At - c "SELECT count(*) FROM reputation_history") events =
                    $(psql - At - c "SELECT count(*) FROM events")

#Transfers : accounts of one currency, a ledger, the journal.
                        psql
                    << SQL CREATE TABLE accounts(
                           id BIGINT PRIMARY KEY, currency_id INTEGER NOT NULL,
                           balance BIGINT NOT NULL CHECK(balance >= 0), updated_at BIGINT NOT NULL);
CREATE TABLE transactions(id BIGSERIAL PRIMARY KEY, currency_id INTEGER NOT NULL,
                          from_account_id BIGINT NOT NULL REFERENCES accounts(id),
                          to_account_id BIGINT NOT NULL REFERENCES accounts(id),
                          amount BIGINT NOT NULL CHECK(amount > 0), type TEXT NOT NULL,
                          user_id TEXT, confirmed INTEGER NOT NULL, automated INTEGER NOT NULL,
                          created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                          CHECK(from_account_id<> to_account_id));
CREATE INDEX transactions_from ON transactions(from_account_id, created_at);
CREATE INDEX transactions_to ON transactions(to_account_id, created_at);
CREATE INDEX transactions_by_user ON transactions(user_id, created_at)
WHERE user_id IS NOT NULL;
INSERT INTO accounts SELECT a, 1, 1000000, 0 FROM generate_series(1, 10000) a;
VACUUM ANALYZE;
SQL cat > "$dir/transfer.sql" << 'SQL'
\set from random(1, 10000)
\set to(
                                     : from + random(0, 9998)) %
                                         10000 +
                                     1 BEGIN;
UPDATE accounts SET balance = balance - 7, updated_at = 1 WHERE id = : from AND balance >= 7;
UPDATE accounts SET balance = balance + 7, updated_at = 1 WHERE id = : to;
INSERT INTO transactions(currency_id, from_account_id, to_account_id, amount, type, user_id,
                         confirmed, automated, created_at, updated_at)
    VALUES(1,
           : from,
           : to, 7, 'TRANSFER', 'user-' ||
           : from::text, 1, 0, 1, 1);
INSERT INTO events(at, type, actor, subject, payload) SELECT 1, 'ledger.transferred',
    'user-' || : from::text, 'user-' || : to::text,
    json_build_object('transaction', currval('transactions_id_seq'), 'from',
                      : from::bigint, 'to',
                      : to::bigint, 'amount', 7);
END;

SQL psql - c "ALTER TABLE events ADD COLUMN actor TEXT" >
    / dev /
        null rate(){PGOPTIONS =
                        "-c synchronous_commit=$1"
                        "$bin/pgbench" -
                                n - M prepared - c 1 - T 10 - f "$dir/transfer.sql" 2 >
                            "$dir/pgbench.err" |
                        awk '/^tps/ { printf "%.0f", $3 }'} durable = $(rate on)[-n "$durable"] || {
  cat "$dir/pgbench.err" > &2;
  exit 1;
}

relaxed = $(rate off)

    echo echo
    "## PostgreSQL 15 ($players players × 10 factions, same machine)" echo echo
    "| measurement | PostgreSQL |" echo "|---|---:|" echo
    "| full tick, set-based, one transaction: $shown decay steps shown, $events events | $tick_ms "
    "ms |" echo
    "| transfer, one per commit, durable (synchronous_commit = on), 10 s | $durable /s |" echo
    "| transfer, one per commit, synchronous_commit = off, 10 s | $relaxed /s |"

// The tick and the time-driven commands on a world of players × factions. Every figure stands
// beside the best raw-SQLite version of the same logical work (set-based SQL through the C API,
// producing the same rows and the same journal, checked) and, for the tick, the plain-SQLite
// floor for that many rows (one UPDATE of an integer column over the rows changed and a bulk
// insert of as many minimal event rows):
// - a full tick where faction decay, turn regeneration and timer expiry are due for every row
//   (and personal decay is due for every player, though none of those steps shows);
// - a year of catch-up for the ticked world left idle;
// - an idle tick (nothing due);
// - spend-turns and change-reputation commands per second, at FULL and at NORMAL.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/game.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr GameTime kCreated = 1767225600000;  // 2026-01-01
constexpr GameTime kTick = kCreated + 40 * kDay;
const Rules kRules{};

std::string player_id(int i) { return fmt::format("{:08x}-0000-4000-8000-000000000000", i); }

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("hearth_bench_" + name + ".hearth")).string();
}

void remove_file(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

GameOptions options(const std::string& path, GameTime now, Durability durability) {
  GameOptions game;
  game.path = path;
  game.clock = std::make_shared<ManualClock>(now);
  game.seed = 1;
  game.durability = durability;
  return game;
}

// A world where, at kTick, every rule has work on every row: each player is below its turn cap
// and refills by kTick, has a personal reputation step due and an effect expiring, and every
// (player, faction) standing is beyond ±100 with a decay step due.
void build_world(const std::string& path, const Scale& scale) {
  remove_file(path);
  Game game(options(path, kCreated, Durability::Normal));
  core_of(game).run([&](Command& command) {
    SQLite::Database& sql = command.sql();
    for (int f = 8; f < scale.factions; ++f) {
      sql.exec(fmt::format(
          "INSERT INTO factions (id, code, name, faction_type, created_at, updated_at) VALUES "
          "('{:08x}-0000-4000-8000-0000000000ff', 'bench_{}', 'Bench {}', 'Independents', 0, 0)",
          f, f, f));
    }
    const GameTime due = kTick - kHour;
    const ReputationRules& rules = kRules.reputation;
    sql.exec(fmt::format(
        "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < {0}) "
        "INSERT INTO users (id, username, created_at, updated_at) "
        "SELECT printf('%08x-0000-4000-8000-000000000000', i), 'pilot' || i, {1}, {1} FROM seq",
        scale.players, kCreated));
    sql.exec(fmt::format(
        "INSERT INTO players (id, user_id, turns, max_turns, turns_anchor_at, turns_full_at, "
        "personal_reputation, personal_reputation_anchor_at, personal_reputation_decay_due_at, "
        "personal_reputation_event_at, reputation_tier, name_color, created_at, updated_at) "
        "SELECT id, id, 500, 1000, {0}, {0} + {1} / 2, 300, {2} - {3}, {2}, {2} + 10 * {3}, "
        "'Heroic', '#00FF00', {4}, {4} FROM users",
        kTick - kDay, kDay, due, kWeek, kCreated));
    // Every user holds the automatic "player" role, as Players::create gives it.
    sql.exec(
        "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
        "WHERE r.automatic = 1");
    // Values beyond ±100 spread over every tier, from a hash of the pair (deterministic); each
    // row's next visible step (a tier crossed, the floor reached) computed as the engine does.
    sql.exec(fmt::format(
        "INSERT INTO reputations (id, player_id, faction_id, current_value, last_activity_at, "
        "decay_due_at, decay_event_at, created_at) "
        "SELECT id, player_id, faction_id, value, {0}, {1}, {1} + {3} * (min("
        "CASE WHEN value > 0 THEN (value - {4} + {5} - 1) / {5} ELSE (-{4} - value + {5} - 1) / "
        "{5} "
        "END, (SELECT CASE WHEN value > 0 THEN (value - min_value) / {5} ELSE (max_value - value) "
        "/ {5} END + 1 FROM reputation_tiers WHERE value BETWEEN min_value AND max_value)) - 1), "
        "{2} FROM (SELECT "
        "printf('%s-%04x', substr(p.id, 1, 8), f.rowid) || substr(p.id, 14) AS id, "
        "p.id AS player_id, f.id AS faction_id, "
        "(CASE WHEN (p.rowid + f.rowid) % 2 = 0 THEN 1 ELSE -1 END) * "
        "(150 + (p.rowid * 7919 + f.rowid * 104729) % 650) AS value "
        "FROM players p CROSS JOIN factions f)",
        due - rules.decay_grace - rules.decay_interval, due, kCreated, rules.decay_interval,
        rules.decay_floor, rules.decay_per_week));
    sql.exec(
        fmt::format("INSERT INTO user_timers (user_id, type, key, expires_at, metadata) "
                    "SELECT id, 'EFFECT', 'boost', {}, '{{\"multiplier\":2}}' FROM users",
                    kTick - 30 * kMinute));
  });
}

// Raw SQLite on a copy of the world: the same reads and writes as the engine, written directly
// against the C API.
class Raw {
 public:
  Raw(const std::string& path, bool full) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail();
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA foreign_keys = ON");
    exec(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    exec("PRAGMA busy_timeout = 5000");
    exec("PRAGMA cache_size = -32768");  // the engine's default
  }

  ~Raw() {
    for (sqlite3_stmt* statement : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail();
  }

  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK)
      fail();
    statements_.push_back(statement);
    return statement;
  }

  void step_done(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail();
    sqlite3_reset(statement);
  }

  [[noreturn]] void fail() { throw std::runtime_error(sqlite3_errmsg(db_)); }

  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

std::string column_text(sqlite3_stmt* statement, int index) {
  return reinterpret_cast<const char*>(sqlite3_column_text(statement, index));
}

// The best raw-SQLite full tick: the same logical work as the engine's (every decay step a player
// sees journaled with its tier change and history entry, the row moved to its next visible step;
// pools filled; timers expired; the clock) as set-based SQL, a handful of statements in all. It
// relies on what this world holds (one visible decay step per due row, nothing else due) where
// the engine handles any catch-up.
void raw_full_tick(Raw& raw, GameTime to) {
  const ReputationRules& rules = kRules.reputation;
  raw.exec("BEGIN IMMEDIATE");
  raw.exec(fmt::format(
               "CREATE TEMP TABLE step AS SELECT r.rowid AS rid, r.id, r.player_id, f.code, "
               "r.current_value AS old, s.new, r.decay_event_at AS at, "
               "(r.decay_event_at - r.last_activity_at) / {0} AS idle, "
               "o.level AS old_level, o.title AS old_title, n.level AS new_level, "
               "n.title AS new_title, n.min_value AS new_min, n.max_value AS new_max "
               "FROM reputations r JOIN factions f ON f.id = r.faction_id "
               "JOIN (SELECT rowid AS rid, CASE WHEN current_value > 0 THEN max({1}, "
               "current_value - {2} * ((decay_event_at - decay_due_at) / {3} + 1)) ELSE min(-{1}, "
               "current_value + {2} * ((decay_event_at - decay_due_at) / {3} + 1)) END AS new "
               "FROM reputations WHERE decay_event_at <= {4}) s ON s.rid = r.rowid "
               "JOIN reputation_tiers o ON r.current_value BETWEEN o.min_value AND o.max_value "
               "JOIN reputation_tiers n ON s.new BETWEEN n.min_value AND n.max_value "
               "ORDER BY r.decay_event_at, r.rowid",
               kDay, rules.decay_floor, rules.decay_per_week, rules.decay_interval, to)
               .c_str());
  raw.exec(
      "INSERT INTO events (at, type, subject, payload) SELECT at, type, player_id, payload FROM "
      "(SELECT rid, 0 AS k, at, 'reputation.decayed' AS type, player_id, json_object('faction', "
      "code, 'old', old, 'new', new, 'days_idle', idle) AS payload FROM step UNION ALL "
      "SELECT rid, 1, at, 'reputation.tier_changed', player_id, json_object('faction', code, "
      "'old_level', old_level, 'new_level', new_level, 'old_title', old_title, 'new_title', "
      "new_title, 'value', new) FROM step WHERE old_level <> new_level) ORDER BY at, rid, k");
  raw.exec(
      "INSERT INTO reputation_history (reputation_id, seq, at, old_value, new_value, change, "
      "reason) SELECT id, (SELECT ifnull(max(seq), 0) + 1 FROM reputation_history h WHERE "
      "h.reputation_id = step.id), at, old, new, new - old, printf('Inactivity decay (%d days "
      "idle)', idle) FROM step ORDER BY at, rid");
  raw.exec(fmt::format("DELETE FROM reputation_history WHERE reputation_id IN (SELECT id FROM "
                       "step) AND seq <= (SELECT max(x.seq) FROM reputation_history x WHERE "
                       "x.reputation_id = reputation_history.reputation_id) - {}",
                       rules.history_limit)
               .c_str());
  raw.exec(fmt::format(
               "UPDATE reputations SET current_value = s.new, decay_due_at = CASE WHEN abs(s.new) "
               "> {0} THEN s.at + {2} END, decay_event_at = CASE WHEN abs(s.new) > {0} THEN s.at "
               "+ {2} * min(CASE WHEN s.new > 0 THEN (s.new - {0} + {1} - 1) / {1} ELSE (-{0} - "
               "s.new + {1} - 1) / {1} END, CASE WHEN s.new > 0 THEN (s.new - s.new_min) / {1} "
               "ELSE (s.new_max - s.new) / {1} END + 1) END FROM step s "
               "WHERE reputations.rowid = s.rid",
               rules.decay_floor, rules.decay_per_week, rules.decay_interval)
               .c_str());
  raw.exec("DROP TABLE step");
  raw.exec(fmt::format("UPDATE players SET turns = max(turns, max_turns), turns_progress = 0, "
                       "turns_anchor_at = turns_full_at, turns_full_at = NULL "
                       "WHERE turns_full_at <= {}",
                       to)
               .c_str());
  raw.exec(fmt::format("INSERT INTO events (at, type, subject, payload) SELECT expires_at, "
                       "'effect.expired', user_id, json_object('type', type, 'key', key) FROM "
                       "user_timers WHERE expired_at IS NULL AND expires_at <= {0}; "
                       "UPDATE user_timers SET expired_at = expires_at WHERE expired_at IS NULL "
                       "AND expires_at <= {0}; "
                       "UPDATE game_clock SET reached_at = {0} WHERE id = 1",
                       to)
               .c_str());
  raw.exec("COMMIT");
}

// The plain-SQLite floor for `rows` changed rows and `events` journal rows: one set-based UPDATE
// of an integer column over that many rows, and a bulk insert of as many minimal event rows into
// a table with no constraint and no index.
void floor_tick(Raw& raw, std::int64_t rows, std::int64_t events) {
  raw.exec(
      "CREATE TABLE IF NOT EXISTS floor_events (id INTEGER PRIMARY KEY, at INTEGER, type TEXT)");
  raw.exec("BEGIN IMMEDIATE");
  raw.exec(fmt::format("UPDATE reputations SET current_value = -current_value WHERE rowid IN "
                       "(SELECT rowid FROM reputations LIMIT {})",
                       rows)
               .c_str());
  raw.exec(fmt::format("WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE "
                       "i < {}) INSERT INTO floor_events (at, type) SELECT i, 'x' FROM seq",
                       events)
               .c_str());
  raw.exec("COMMIT");
}

// Everything a tick leaves in the file that its result is: the journal, the standings and their
// history, the pools, the timers and the clock.
std::string world_digest(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string digest;
  for (const char* sql :
       {"SELECT id, at, type, ifnull(subject, ''), payload FROM events ORDER BY id",
        "SELECT id, current_value, ifnull(decay_due_at, 0), ifnull(decay_event_at, 0) FROM "
        "reputations ORDER BY id",
        "SELECT reputation_id, seq, at, old_value, new_value, change, reason FROM "
        "reputation_history ORDER BY reputation_id, seq",
        "SELECT id, turns, turns_progress, turns_anchor_at, ifnull(turns_full_at, 0) FROM players "
        "ORDER BY id",
        "SELECT rowid, ifnull(expired_at, 0) FROM user_timers ORDER BY rowid",
        "SELECT reached_at FROM game_clock"}) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        digest += text ? reinterpret_cast<const char*>(text) : "";
        digest += '|';
      }
      digest += '\n';
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return digest;
}

// The raw idle tick: read the time reached, probe every due index, record the new time.
void raw_idle_ticks(Raw& raw, GameTime from, int count) {
  sqlite3_stmt* reached = raw.prepare("SELECT reached_at FROM game_clock WHERE id = 1");
  sqlite3_stmt* probe = raw.prepare(
      "SELECT min(ifnull((SELECT min(turns_full_at) FROM players WHERE turns_full_at IS NOT "
      "NULL), ?1), ifnull((SELECT min(personal_reputation_event_at) FROM players WHERE "
      "personal_reputation_event_at IS NOT NULL), ?1), ifnull((SELECT min(decay_event_at) FROM "
      "reputations WHERE decay_event_at IS NOT NULL), ?1), ifnull((SELECT min(lock_expires_at) "
      "FROM "
      "reputations WHERE lock_expires_at IS NOT NULL), ?1), ifnull((SELECT "
      "min(next_recalculation_at) FROM team_reputations), ?1), ifnull((SELECT min(expires_at) "
      "FROM user_timers WHERE expired_at IS NULL), ?1), ifnull((SELECT "
      "min(subscription_expires_at) FROM users WHERE subscription_status IN ('active', "
      "'cancelled') AND subscription_expires_at IS NOT NULL), ?1))");
  sqlite3_stmt* record = raw.prepare("UPDATE game_clock SET reached_at = ?1 WHERE id = 1");
  for (int i = 1; i <= count; ++i) {
    raw.exec("BEGIN IMMEDIATE");
    sqlite3_step(reached);
    sqlite3_reset(reached);
    sqlite3_bind_int64(probe, 1, INT64_MAX);
    sqlite3_step(probe);
    sqlite3_reset(probe);
    sqlite3_bind_int64(record, 1, from + i);
    raw.step_done(record);
    raw.exec("COMMIT");
  }
}

// Raw spend-turns commands: check the user may play (the role tree, no ban taking it), read the
// pool, regenerate, refuse or spend, write it back.
void raw_spends(Raw& raw, const std::vector<int>& players, GameTime now) {
  sqlite3_stmt* user = raw.prepare(
      "WITH RECURSIVE given (id) AS (SELECT role_id FROM user_roles WHERE user_id = ?1 UNION "
      "SELECT r.parent_id FROM roles r JOIN given g ON r.id = g.id WHERE r.parent_id IS NOT NULL) "
      "SELECT deleted, is_active, EXISTS (SELECT 1 FROM privileges p WHERE p.privilege IN "
      "('play', 'root') AND (p.id IN (SELECT privilege_id FROM role_privileges WHERE role_id IN "
      "given) OR p.id IN (SELECT privilege_id FROM user_privileges WHERE user_id = ?1))), "
      "EXISTS (SELECT 1 FROM bans WHERE user_id = ?1 AND ended_at IS NULL AND (expires_at IS "
      "NULL OR expires_at > ?2)) FROM users WHERE id = ?1");
  sqlite3_stmt* load = raw.prepare(
      "SELECT turns, max_turns, ifnull(turns_anchor_at, created_at), turns_progress, "
      "ifnull(turns_full_at, 0), aria_bonus_multiplier, lifetime_turns_spent FROM players "
      "WHERE id = ?");
  sqlite3_stmt* store = raw.prepare(
      "UPDATE players SET turns = ?1, max_turns = ?2, turns_anchor_at = ?3, turns_progress = ?4, "
      "turns_full_at = NULLIF(?5, 0), aria_bonus_multiplier = ?6, lifetime_turns_spent = ?7, "
      "updated_at = ?8 WHERE id = ?9");
  for (int i : players) {
    const std::string id = player_id(i);
    raw.exec("BEGIN IMMEDIATE");
    bind_text(user, 1, id);
    sqlite3_bind_int64(user, 2, now);
    if (sqlite3_step(user) != SQLITE_ROW || sqlite3_column_int(user, 2) != 1) raw.fail();
    sqlite3_reset(user);
    bind_text(load, 1, id);
    sqlite3_step(load);
    std::int64_t turns = sqlite3_column_int64(load, 0);
    const std::int64_t cap = sqlite3_column_int64(load, 1);
    const double multiplier = sqlite3_column_double(load, 5);
    const std::int64_t lifetime = sqlite3_column_int64(load, 6);
    sqlite3_reset(load);
    turns -= 1;  // the pools are full: no regeneration to add
    const GameTime full_at = now + (kDay + 999) / 1000;
    sqlite3_bind_int64(store, 1, turns);
    sqlite3_bind_int64(store, 2, cap);
    sqlite3_bind_int64(store, 3, now);
    sqlite3_bind_int64(store, 4, 0);
    sqlite3_bind_int64(store, 5, full_at);
    sqlite3_bind_double(store, 6, multiplier);
    sqlite3_bind_int64(store, 7, lifetime + 1);
    sqlite3_bind_int64(store, 8, now);
    bind_text(store, 9, id);
    raw.step_done(store);
    raw.exec("COMMIT");
  }
}

// Raw change-reputation commands: the engine's reads (player, faction, row, rivals, tiers), the
// row update, the history entry (with its retention) and the journal rows.
void raw_changes(Raw& raw, const std::vector<int>& players, const std::vector<std::string>& codes,
                 GameTime now) {
  sqlite3_stmt* user = raw.prepare("SELECT deleted FROM users WHERE id = ?");
  sqlite3_stmt* faction = raw.prepare("SELECT id, code, name FROM factions WHERE code = ?");
  sqlite3_stmt* row = raw.prepare(
      "SELECT id, current_value, is_locked, decay_paused FROM reputations WHERE player_id = ? AND "
      "faction_id = ?");
  sqlite3_stmt* rivals = raw.prepare(
      "SELECT ifnull(r.current_value, 0), v.max_combined FROM faction_rivalries v LEFT JOIN "
      "reputations r ON r.player_id = ?2 AND r.faction_id = CASE WHEN v.faction_a_id = ?1 THEN "
      "v.faction_b_id ELSE v.faction_a_id END WHERE v.faction_a_id = ?1 OR v.faction_b_id = ?1");
  sqlite3_stmt* tier = raw.prepare(
      "SELECT level, title, min_value, max_value FROM reputation_tiers WHERE ?1 BETWEEN "
      "min_value AND max_value");
  sqlite3_stmt* update = raw.prepare(
      "UPDATE reputations SET current_value = ?1, last_activity_at = ?2, decay_due_at = "
      "NULLIF(?3, 0), decay_event_at = NULLIF(?4, 0) WHERE id = ?5");
  sqlite3_stmt* history = raw.prepare(
      "INSERT INTO reputation_history (reputation_id, seq, at, old_value, new_value, change, "
      "reason) SELECT ?1, ifnull(max(seq), 0) + 1, ?2, ?3, ?4, ?4 - ?3, 'bench' FROM "
      "reputation_history WHERE reputation_id = ?1");
  sqlite3_stmt* trim = raw.prepare(
      "DELETE FROM reputation_history WHERE reputation_id = ?1 AND seq <= (SELECT max(seq) FROM "
      "reputation_history WHERE reputation_id = ?1) - ?2");
  sqlite3_stmt* event = raw.prepare(
      "INSERT INTO events (at, type, actor, subject, payload) VALUES (?, ?, NULL, ?, json(?))");
  const ReputationRules& rules = kRules.reputation;
  std::size_t n = 0;
  for (int i : players) {
    const std::string id = player_id(i);
    const std::string& code = codes[n++ % codes.size()];
    const std::int64_t delta = (n % 2 == 0) ? 5 : -5;
    raw.exec("BEGIN IMMEDIATE");
    bind_text(user, 1, id);
    sqlite3_step(user);
    sqlite3_reset(user);
    bind_text(faction, 1, code);
    sqlite3_step(faction);
    const std::string faction_id = column_text(faction, 0);
    sqlite3_reset(faction);
    bind_text(row, 1, id);
    bind_text(row, 2, faction_id);
    sqlite3_step(row);
    const std::string row_id = column_text(row, 0);
    const std::int64_t old_value = sqlite3_column_int64(row, 1);
    sqlite3_reset(row);
    std::int64_t applied = delta;
    if (applied > 0) {
      bind_text(rivals, 1, faction_id);
      bind_text(rivals, 2, id);
      while (sqlite3_step(rivals) == SQLITE_ROW) {
        const std::int64_t rival = sqlite3_column_int64(rivals, 0);
        const std::int64_t most = sqlite3_column_int64(rivals, 1);
        if (rival > 0 && old_value + applied + rival > most) {
          applied = std::max<std::int64_t>(0, most - rival - old_value);
        }
      }
      sqlite3_reset(rivals);
    }
    const std::int64_t value = std::clamp<std::int64_t>(old_value + applied, -800, 800);
    std::string levels[2], titles[2];
    std::int64_t band[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      sqlite3_bind_int64(tier, 1, k == 0 ? old_value : value);
      sqlite3_step(tier);
      levels[k] = column_text(tier, 0);
      titles[k] = column_text(tier, 1);
      if (k == 1) band[0] = sqlite3_column_int64(tier, 2), band[1] = sqlite3_column_int64(tier, 3);
      sqlite3_reset(tier);
    }
    const bool decays = value > rules.decay_floor || value < -rules.decay_floor;
    const GameTime due = decays ? now + rules.decay_grace + rules.decay_interval : 0;
    const std::int64_t d = rules.decay_per_week;
    const std::int64_t steps =
        value > 0 ? std::min((value - rules.decay_floor + d - 1) / d, (value - band[0]) / d + 1)
                  : std::min((-rules.decay_floor - value + d - 1) / d, (band[1] - value) / d + 1);
    sqlite3_bind_int64(update, 1, value);
    sqlite3_bind_int64(update, 2, now);
    sqlite3_bind_int64(update, 3, due);
    sqlite3_bind_int64(update, 4, decays ? due + (steps - 1) * rules.decay_interval : 0);
    bind_text(update, 5, row_id);
    raw.step_done(update);
    bind_text(history, 1, row_id);
    sqlite3_bind_int64(history, 2, now);
    sqlite3_bind_int64(history, 3, old_value);
    sqlite3_bind_int64(history, 4, value);
    raw.step_done(history);
    bind_text(trim, 1, row_id);
    sqlite3_bind_int64(trim, 2, rules.history_limit);
    raw.step_done(trim);
    sqlite3_bind_int64(event, 1, now);
    sqlite3_bind_text(event, 2, "reputation.changed", -1, SQLITE_STATIC);
    bind_text(event, 3, id);
    bind_text(event, 4,
              fmt::format(R"({{"faction":"{}","old":{},"new":{},"change":{},"reason":"bench"}})",
                          code, old_value, value, value - old_value));
    raw.step_done(event);
    if (levels[0] != levels[1]) {
      sqlite3_bind_int64(event, 1, now);
      sqlite3_bind_text(event, 2, "reputation.tier_changed", -1, SQLITE_STATIC);
      bind_text(event, 3, id);
      bind_text(
          event, 4,
          fmt::format(
              R"({{"faction":"{}","old_level":"{}","new_level":"{}","old_title":"{}","new_title":"{}","value":{}}})",
              code, levels[0], levels[1], titles[0], titles[1], value));
      raw.step_done(event);
    }
    raw.exec("COMMIT");
  }
}

// The longest time between two commits on `game`'s connection while `work` runs: with a
// catch-up committed in slices, how long the write lock is held at most.
double longest_write_lock(Game& game, const std::function<void()>& work) {
  struct Gaps {
    std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
    double longest = 0;
  } gaps;

  sqlite3* handle = core_of(game).db().sql().getHandle();
  sqlite3_commit_hook(
      handle,
      [](void* data) {
        auto& seen = *static_cast<Gaps*>(data);
        const auto now = std::chrono::steady_clock::now();
        seen.longest =
            std::max(seen.longest, std::chrono::duration<double>(now - seen.last).count());
        seen.last = now;
        return 0;
      },
      &gaps);
  work();
  sqlite3_commit_hook(handle, nullptr, nullptr);
  return gaps.longest;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

void advance_alone(const char* path, long long to) {
  Game game(options(path, to, Durability::Full));
  reset_peak_memory();
  game.advance_to(to);
  fmt::print("{:.1f}\n", peak_memory_mib());
}

// The peak RSS of a fresh process that opens `path` and advances it to `to`, in MiB.
double peak_memory_alone(const std::string& path, GameTime to) {
  const std::string command = fmt::format("/proc/{}/exe advance-alone {} {}", getpid(), path, to);
  FILE* output = popen(command.c_str(), "r");
  if (output == nullptr) throw std::runtime_error("cannot start " + command);
  char line[64] = {};
  const bool read = std::fgets(line, sizeof line, output) != nullptr;
  if (pclose(output) != 0 || !read) throw std::runtime_error(command + " failed");
  return std::stod(line);
}

void run_tick_bench(const Scale& scale) {
  const std::string world = temp_path("world");
  const std::string engine_copy = temp_path("engine");
  const std::string raw_copy = temp_path("raw");
  const std::string floor_copy = temp_path("floor");
  fmt::print("\nbuilding a world of {} players × {} factions with timers...\n", scale.players,
             scale.factions);
  build_world(world, scale);
  const auto fresh_copies = [&] {
    for (const std::string& copy : {engine_copy, raw_copy, floor_copy}) {
      remove_file(copy);
      std::filesystem::copy_file(world, copy);
    }
  };

  print_floor_header(
      fmt::format("The full tick ({} players × {} factions)", scale.players, scale.factions));
  std::vector<double> engine_ticks, raw_ticks, floor_ticks;
  std::int64_t events = 0, changed = 0;
  double peak = 0, lock = 0;
  std::uintmax_t wal = 0, growth = 0;
  bool same = true;
  for (int round = 0; round < 3; ++round) {
    fresh_copies();
    const std::uintmax_t before = file_bytes(engine_copy);
    {
      Game game(options(engine_copy, kTick, Durability::Full));
      lock = std::max(lock, longest_write_lock(game, [&] {
                        engine_ticks.push_back(seconds([&] { game.advance_to(kTick); }));
                      }));
      wal = file_bytes(engine_copy + "-wal");
      core_of(game).read([&](Reader& reader) {
        events = reader.sql().execAndGet("SELECT count(*) FROM events").getInt64();
        changed = reader.sql()
                      .execAndGet(
                          "SELECT count(*) FROM reputation_history WHERE reason LIKE "
                          "'Inactivity%'")
                      .getInt64();
        return 0;
      });
    }
    growth = file_bytes(engine_copy) - before;  // the last connection's close checkpoints
    {
      Raw raw(raw_copy, true);
      raw_ticks.push_back(seconds([&] { raw_full_tick(raw, kTick); }));
    }
    {
      Raw raw(floor_copy, true);
      // The rows the tick changes: the standings visited and every player's pool and timer.
      floor_ticks.push_back(seconds([&] { floor_tick(raw, changed + 2 * scale.players, events); }));
    }
    if (round == 0) same = world_digest(engine_copy) == world_digest(raw_copy);
  }
  // The same tick once more, alone in a fresh process, for its memory.
  remove_file(engine_copy);
  std::filesystem::copy_file(world, engine_copy);
  peak = peak_memory_alone(engine_copy, kTick);
  print_floor_time(
      fmt::format("full tick: {} decay steps due, {} shown ({} events), {} pools, "
                  "{} timers (median of 3)",
                  scale.players * scale.factions, changed, events, scale.players, scale.players),
      median(engine_ticks), median(raw_ticks), median(floor_ticks));
  fmt::print(
      "\nThe raw tick leaves {} journal, standings, history, pools and timers as the "
      "engine's.\nEngine during the tick: peak RSS {:.1f} MiB (a fresh process that opens the "
      "file and ticks), WAL at the end {}, file growth {}, longest write lock {:.1f} ms "
      "(catch-up slices of {} rows).\n",
      same ? "the same" : "DIFFERENT", peak, mib(wal), mib(growth), lock * 1e3,
      GameOptions{}.tick_slice_rows);
  if (!same) throw std::runtime_error("the raw tick's result differs from the engine's");

  // A year of catch-up for the ticked world, left idle: nothing but decay and expiries.
  {
    remove_file(raw_copy);
    std::filesystem::copy_file(engine_copy, raw_copy);
    Game game(options(raw_copy, kTick, Durability::Full));
    double year = 0;
    const double year_lock = longest_write_lock(
        game, [&] { year = seconds([&] { game.advance_to(kTick + 365 * kDay); }); });
    const std::int64_t caught = core_of(game).read([](Reader& reader) {
      return reader.sql().execAndGet("SELECT count(*) FROM events").getInt64();
    });
    fmt::print(
        "A year of catch-up in one advance: {:.1f} ms, {} events in the journal after it, "
        "longest write lock {:.1f} ms.\n",
        year * 1e3, caught, year_lock * 1e3);
  }

  // The first tick again, once every standing's history holds its 50 entries: each entry the
  // tick adds pushes the oldest out.
  if (scale.players <= 20000) {
    fresh_copies();
    for (const std::string& copy : {engine_copy, raw_copy}) {
      Raw raw(copy, false);
      raw.exec(fmt::format("INSERT INTO reputation_history (reputation_id, at, old_value, "
                           "new_value, change, reason, seq) SELECT r.id, {} + k.i, 0, 0, 0, "
                           "'earlier', k.i "
                           "FROM reputations r, (WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL "
                           "SELECT i + 1 FROM seq WHERE i < {}) SELECT i FROM seq) k "
                           "ORDER BY r.rowid, k.i",
                           kCreated, kRules.reputation.history_limit)
                   .c_str());
    }
    double engine = 0, raw_time = 0;
    {
      Game game(options(engine_copy, kTick, Durability::Full));
      engine = seconds([&] { game.advance_to(kTick); });
    }
    {
      Raw raw(raw_copy, true);
      raw_time = seconds([&] { raw_full_tick(raw, kTick); });
    }
    if (world_digest(engine_copy) != world_digest(raw_copy)) {
      throw std::runtime_error("the raw steady-state tick's result differs from the engine's");
    }
    print_floor_time("the same tick, every history already full (50 entries)", engine, raw_time,
                     median(floor_ticks));
  }

  print_header(fmt::format("Idle ticks and commands ({} players × {} factions)", scale.players,
                           scale.factions));
  remove_file(raw_copy);
  std::filesystem::copy_file(world, raw_copy);
  {
    Raw raw(raw_copy, true);
    raw_full_tick(raw, kTick);
  }
  // The engine copy now holds a ticked world; idle ticks run on both from there.
  constexpr int kIdle = 200;
  {
    // Ten ticks first on both, so that the checkpoint of the full tick's WAL is not timed.
    Game game(options(engine_copy, kTick, Durability::Full));
    for (int i = 1; i <= 10; ++i) game.advance_to(kTick + i);
    const double engine = seconds([&] {
      for (int i = 11; i <= 10 + kIdle; ++i) game.advance_to(kTick + i);
    });
    Raw raw(raw_copy, true);
    raw_idle_ticks(raw, kTick, 10);
    const double raw_time = seconds([&] { raw_idle_ticks(raw, kTick + 10, kIdle); });
    print_time("idle tick (nothing due), FULL, mean of 200", engine / kIdle, raw_time / kIdle);
  }

  std::mt19937 random(5);
  std::vector<std::string> codes;
  {
    Game game(options(engine_copy, kTick, Durability::Full));
    core_of(game).read([&](SQLite::Database& sql) {
      SQLite::Statement query(sql, "SELECT code FROM factions ORDER BY code");
      while (query.executeStep()) codes.push_back(query.getColumn(0).getString());
      return 0;
    });
  }
  for (const Durability durability : {Durability::Full, Durability::Normal}) {
    const bool full = durability == Durability::Full;
    const int count = full ? 500 : 20000;
    std::vector<int> players(static_cast<std::size_t>(count));
    for (int& p : players) p = static_cast<int>(random() % static_cast<unsigned>(scale.players));
    const GameTime now = kTick + kHour;
    double engine_spend = 0, engine_change = 0, raw_spend = 0, raw_change = 0;
    {
      Game game(options(engine_copy, now, durability));
      game.tick();
      engine_spend = seconds([&] {
        for (int p : players) {
          if (!game.turns().spend(player_id(p), 1)) throw std::runtime_error("spend refused");
        }
      });
      std::size_t n = 0;
      engine_change = seconds([&] {
        for (int p : players) {
          const std::string& code = codes[n++ % codes.size()];
          const std::int64_t delta = (n % 2 == 0) ? 5 : -5;
          if (!game.reputation().change(player_id(p), code, delta, "bench")) {
            throw std::runtime_error("change refused");
          }
        }
      });
    }
    {
      Raw raw(raw_copy, full);
      raw_spend = seconds([&] { raw_spends(raw, players, now); });
      raw_change = seconds([&] { raw_changes(raw, players, codes, now); });
    }
    const char* level = full ? "FULL" : "NORMAL";
    print_rate(fmt::format("spend turns, {}", level), count / engine_spend, count / raw_spend);
    print_rate(fmt::format("change reputation, {}", level), count / engine_change,
               count / raw_change);
  }
  remove_file(world);
  remove_file(engine_copy);
  remove_file(raw_copy);
  remove_file(floor_copy);
}

}  // namespace hearth::bench

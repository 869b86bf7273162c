// Issue 4: the tick and the time-driven commands on a world of players × factions, beside raw
// SQLite (the C API, prepared statements) doing the same writes on a copy of the same file:
// - a full tick where faction decay, personal decay, turn regeneration and timer expiry are all
//   due for every row (each decay step journaled, with its tier change when there is one);
// - an idle tick (nothing due);
// - spend-turns and change-reputation commands per second, at FULL and at NORMAL.
#include <algorithm>
#include <cmath>
#include <filesystem>
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
        "reputation_tier, name_color, created_at, updated_at) "
        "SELECT id, id, 500, 1000, {0}, {0} + {1} / 2, 300, {2} - {3}, {2}, 'Heroic', '#00FF00', "
        "{4}, {4} FROM users",
        kTick - kDay, kDay, due, kWeek, kCreated));
    // Values beyond ±100 spread over every tier, from a hash of the pair (deterministic).
    sql.exec(fmt::format(
        "INSERT INTO reputations (id, player_id, faction_id, current_value, current_level, "
        "title, last_activity_at, decay_due_at, created_at) "
        "SELECT id, player_id, faction_id, value, (SELECT level FROM reputation_tiers WHERE "
        "value BETWEEN min_value AND max_value), (SELECT title FROM reputation_tiers WHERE value "
        "BETWEEN min_value AND max_value), {0}, {1}, {2} FROM (SELECT "
        "printf('%s-%04x', substr(p.id, 1, 8), f.rowid) || substr(p.id, 14) AS id, "
        "p.id AS player_id, f.id AS faction_id, "
        "(CASE WHEN (p.rowid + f.rowid) % 2 = 0 THEN 1 ELSE -1 END) * "
        "(150 + (p.rowid * 7919 + f.rowid * 104729) % 650) AS value "
        "FROM players p CROSS JOIN factions f)",
        due - rules.decay_grace - rules.decay_interval, due, kCreated));
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

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* statement, int index) {
  return reinterpret_cast<const char*>(sqlite3_column_text(statement, index));
}

struct Band {
  std::int64_t min;
  std::string level;
  std::string title;
};

std::vector<Band> bands(Raw& raw, const char* sql) {
  std::vector<Band> found;
  sqlite3_stmt* query = raw.prepare(sql);
  while (sqlite3_step(query) == SQLITE_ROW) {
    found.push_back({sqlite3_column_int64(query, 0), column_text(query, 1), column_text(query, 2)});
  }
  sqlite3_reset(query);
  return found;
}

const Band& band_of(const std::vector<Band>& all, std::int64_t value) {
  for (const Band& band : all) {
    if (value >= band.min) return band;
  }
  return all.back();
}

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// The raw full tick: the same batches, row updates and journal rows as the engine's tick.
void raw_full_tick(Raw& raw, GameTime to) {
  const ReputationRules& rules = kRules.reputation;
  const auto faction_bands = bands(raw,
                                   "SELECT min_value, level, title FROM reputation_tiers ORDER BY "
                                   "min_value DESC");
  const auto personal_bands = bands(raw,
                                    "SELECT min_value, name, name_color FROM "
                                    "personal_reputation_tiers ORDER BY min_value DESC");
  raw.exec("BEGIN IMMEDIATE");
  sqlite3_stmt* event = raw.prepare(
      "INSERT INTO events (at, type, actor, subject, payload) VALUES (?, ?, NULL, ?, ?)");
  const auto journal = [&](GameTime at, const char* type, const std::string& subject,
                           const std::string& payload) {
    sqlite3_bind_int64(event, 1, at);
    sqlite3_bind_text(event, 2, type, -1, SQLITE_STATIC);
    bind_text(event, 3, subject);
    bind_text(event, 4, payload);
    raw.step_done(event);
  };

  // Faction decay.
  sqlite3_stmt* due = raw.prepare(
      "SELECT r.id, r.player_id, f.code, r.current_value, r.last_activity_at, r.decay_due_at "
      "FROM reputations r JOIN factions f ON f.id = r.faction_id WHERE r.decay_due_at <= ?1 "
      "ORDER BY r.decay_due_at LIMIT 512");
  sqlite3_stmt* update = raw.prepare(
      "UPDATE reputations SET current_value = ?1, current_level = ?2, title = ?3, "
      "trade_modifier = ?4, port_access_level = ?5, combat_response = ?6, "
      "decay_due_at = NULLIF(?7, 0), history = json_insert(CASE WHEN json_array_length(history) "
      ">= ?8 THEN json_remove(history, '$[0]') ELSE history END, '$[#]', json(?9)) WHERE id = ?10");

  struct Row {
    std::string id, player, faction;
    std::int64_t value;
    GameTime last, due;
  };

  for (;;) {
    sqlite3_bind_int64(due, 1, to);
    std::vector<Row> rows;
    while (sqlite3_step(due) == SQLITE_ROW) {
      rows.push_back({column_text(due, 0), column_text(due, 1), column_text(due, 2),
                      sqlite3_column_int64(due, 3), sqlite3_column_int64(due, 4),
                      sqlite3_column_int64(due, 5)});
    }
    sqlite3_reset(due);
    if (rows.empty()) break;
    for (Row& row : rows) {
      const GameTime at = row.due;
      const std::int64_t old_value = row.value;
      row.value = old_value > 0 ? std::max(rules.decay_floor, old_value - rules.decay_per_week)
                                : std::min(-rules.decay_floor, old_value + rules.decay_per_week);
      const Band& before = band_of(faction_bands, old_value);
      const Band& after = band_of(faction_bands, row.value);
      const std::int64_t idle = (at - row.last) / kDay;
      journal(at, "reputation.decayed", row.player,
              fmt::format(R"({{"faction":"{}","old":{},"new":{},"days_idle":{}}})", row.faction,
                          old_value, row.value, idle));
      if (before.level != after.level) {
        journal(at, "reputation.tier_changed", row.player,
                fmt::format(R"({{"faction":"{}","old_level":"{}","new_level":"{}",)"
                            R"("old_title":"{}","new_title":"{}","value":{}}})",
                            row.faction, before.level, after.level, before.title, after.title,
                            row.value));
      }
      const bool more = row.value > rules.decay_floor || row.value < -rules.decay_floor;
      const double modifier = std::round(static_cast<double>(row.value) / 800.0 * 0.3 * 100) / 100;
      sqlite3_bind_int64(update, 1, row.value);
      bind_text(update, 2, after.level);
      bind_text(update, 3, after.title);
      sqlite3_bind_double(update, 4, modifier);
      sqlite3_bind_int64(update, 5,
                         row.value >= 600    ? 3
                         : row.value >= 200  ? 2
                         : row.value >= -200 ? 1
                                             : 0);
      sqlite3_bind_text(update, 6,
                        row.value >= 400    ? "friendly"
                        : row.value >= -200 ? "neutral"
                                            : "hostile",
                        -1, SQLITE_STATIC);
      sqlite3_bind_int64(update, 7, more ? at + rules.decay_interval : 0);
      sqlite3_bind_int64(update, 8, rules.history_limit);
      bind_text(update, 9,
                fmt::format(R"({{"at":{},"old_value":{},"new_value":{},"change":{},"reason":)"
                            R"x("Inactivity decay ({} days idle)"}})x",
                            at, old_value, row.value, row.value - old_value, idle));
      bind_text(update, 10, row.id);
      raw.step_done(update);
    }
  }

  // Personal decay.
  sqlite3_stmt* personal = raw.prepare(
      "SELECT id, personal_reputation, personal_reputation_anchor_at, "
      "personal_reputation_decay_due_at FROM players WHERE personal_reputation_decay_due_at <= ?1 "
      "ORDER BY personal_reputation_decay_due_at LIMIT 512");
  sqlite3_stmt* store = raw.prepare(
      "UPDATE players SET personal_reputation = ?1, reputation_tier = ?2, name_color = ?3, "
      "personal_reputation_anchor_at = ?4, personal_reputation_decay_due_at = NULLIF(?5, 0), "
      "updated_at = ?6 WHERE id = ?7");
  for (;;) {
    sqlite3_bind_int64(personal, 1, to);
    std::vector<Row> rows;
    while (sqlite3_step(personal) == SQLITE_ROW) {
      rows.push_back({column_text(personal, 0), "", "", sqlite3_column_int64(personal, 1),
                      sqlite3_column_int64(personal, 2), sqlite3_column_int64(personal, 3)});
    }
    sqlite3_reset(personal);
    if (rows.empty()) break;
    for (Row& row : rows) {
      const std::int64_t old_value = row.value;
      const PersonalReputationRules& p = kRules.personal_reputation;
      row.value = old_value > 0 ? std::max<std::int64_t>(0, old_value - p.decay_per_week)
                                : std::min<std::int64_t>(0, old_value + p.decay_per_week);
      const Band& before = band_of(personal_bands, old_value);
      const Band& after = band_of(personal_bands, row.value);
      journal(row.due, "personal_reputation.decayed", row.id,
              fmt::format(R"({{"old":{},"new":{}}})", old_value, row.value));
      if (before.level != after.level) {
        journal(row.due, "personal_reputation.tier_changed", row.id,
                fmt::format(R"({{"old_tier":"{}","new_tier":"{}","old_color":"{}",)"
                            R"("new_color":"{}","value":{}}})",
                            before.level, after.level, before.title, after.title, row.value));
      }
      sqlite3_bind_int64(store, 1, row.value);
      bind_text(store, 2, after.level);
      bind_text(store, 3, after.title);
      sqlite3_bind_int64(store, 4, row.last);
      sqlite3_bind_int64(store, 5, row.value == 0 ? 0 : row.due + p.decay_interval);
      sqlite3_bind_int64(store, 6, row.due);
      bind_text(store, 7, row.id);
      raw.step_done(store);
    }
  }

  // Turn pools that reached their cap.
  sqlite3_stmt* fill = raw.prepare(
      "UPDATE players SET turns = max(turns, max_turns), turns_progress = 0, "
      "turns_anchor_at = turns_full_at, turns_full_at = NULL WHERE turns_full_at <= ?1");
  sqlite3_bind_int64(fill, 1, to);
  raw.step_done(fill);

  // Timer expiries.
  sqlite3_stmt* timers = raw.prepare(
      "SELECT user_id, type, key, expires_at FROM user_timers WHERE expired_at IS NULL AND "
      "expires_at <= ?1");
  sqlite3_bind_int64(timers, 1, to);
  while (sqlite3_step(timers) == SQLITE_ROW) {
    journal(sqlite3_column_int64(timers, 3), "effect.expired", column_text(timers, 0),
            fmt::format(R"({{"type":{},"key":{}}})", quote(column_text(timers, 1)),
                        quote(column_text(timers, 2))));
  }
  sqlite3_reset(timers);
  sqlite3_stmt* expire = raw.prepare(
      "UPDATE user_timers SET expired_at = expires_at WHERE expired_at IS NULL AND expires_at <= "
      "?1");
  sqlite3_bind_int64(expire, 1, to);
  raw.step_done(expire);

  sqlite3_stmt* clock = raw.prepare("UPDATE game_clock SET reached_at = ?1 WHERE id = 1");
  sqlite3_bind_int64(clock, 1, to);
  raw.step_done(clock);
  raw.exec("COMMIT");
}

// The raw idle tick: read the time reached, probe every due index, record the new time.
void raw_idle_ticks(Raw& raw, GameTime from, int count) {
  sqlite3_stmt* reached = raw.prepare("SELECT reached_at FROM game_clock WHERE id = 1");
  sqlite3_stmt* probe = raw.prepare(
      "SELECT min(ifnull((SELECT min(turns_full_at) FROM players WHERE turns_full_at IS NOT "
      "NULL), ?1), ifnull((SELECT min(personal_reputation_decay_due_at) FROM players WHERE "
      "personal_reputation_decay_due_at IS NOT NULL), ?1), ifnull((SELECT min(decay_due_at) FROM "
      "reputations WHERE decay_due_at IS NOT NULL), ?1), ifnull((SELECT min(lock_expires_at) FROM "
      "reputations WHERE lock_expires_at IS NOT NULL), ?1), ifnull((SELECT "
      "min(next_recalculation_at) FROM team_reputations), ?1), ifnull((SELECT min(expires_at) "
      "FROM user_timers WHERE expired_at IS NULL), ?1))");
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

// Raw spend-turns commands: read the pool, regenerate, refuse or spend, write it back.
void raw_spends(Raw& raw, const std::vector<int>& players, GameTime now) {
  sqlite3_stmt* user = raw.prepare("SELECT deleted FROM users WHERE id = ?");
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
    sqlite3_step(user);
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
// row update with its history append, and the journal rows.
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
      "SELECT level, title, numeric_level FROM reputation_tiers WHERE ?1 BETWEEN min_value AND "
      "max_value");
  sqlite3_stmt* update = raw.prepare(
      "UPDATE reputations SET current_value = ?1, current_level = ?2, title = ?3, "
      "trade_modifier = ?4, port_access_level = ?5, combat_response = ?6, last_activity_at = ?7, "
      "decay_due_at = NULLIF(?8, 0), history = json_insert(CASE WHEN json_array_length(history) "
      ">= ?9 THEN json_remove(history, '$[0]') ELSE history END, '$[#]', json(?10)) WHERE id = "
      "?11");
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
    for (int k = 0; k < 2; ++k) {
      sqlite3_bind_int64(tier, 1, k == 0 ? old_value : value);
      sqlite3_step(tier);
      levels[k] = column_text(tier, 0);
      titles[k] = column_text(tier, 1);
      sqlite3_reset(tier);
    }
    const bool decays = value > rules.decay_floor || value < -rules.decay_floor;
    sqlite3_bind_int64(update, 1, value);
    bind_text(update, 2, levels[1]);
    bind_text(update, 3, titles[1]);
    sqlite3_bind_double(update, 4,
                        std::round(static_cast<double>(value) / 800.0 * 0.3 * 100) / 100);
    sqlite3_bind_int64(update, 5, value >= 600 ? 3 : value >= 200 ? 2 : value >= -200 ? 1 : 0);
    sqlite3_bind_text(update, 6,
                      value >= 400    ? "friendly"
                      : value >= -200 ? "neutral"
                                      : "hostile",
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(update, 7, now);
    sqlite3_bind_int64(update, 8, decays ? now + rules.decay_grace + rules.decay_interval : 0);
    sqlite3_bind_int64(update, 9, rules.history_limit);
    bind_text(
        update, 10,
        fmt::format(R"({{"at":{},"old_value":{},"new_value":{},"change":{},"reason":"bench"}})",
                    now, old_value, value, value - old_value));
    bind_text(update, 11, row_id);
    raw.step_done(update);
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

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

void run_tick_bench(const Scale& scale) {
  const std::string world = temp_path("world");
  const std::string engine_copy = temp_path("engine");
  const std::string raw_copy = temp_path("raw");
  fmt::print("\nbuilding a world of {} players × {} factions with timers...\n", scale.players,
             scale.factions);
  build_world(world, scale);
  const auto fresh_copies = [&] {
    remove_file(engine_copy);
    remove_file(raw_copy);
    std::filesystem::copy_file(world, engine_copy);
    std::filesystem::copy_file(world, raw_copy);
  };

  print_header(fmt::format("Ticks and time-driven commands ({} players × {} factions)",
                           scale.players, scale.factions));
  std::vector<double> engine_ticks, raw_ticks;
  std::int64_t events = 0;
  for (int round = 0; round < 3; ++round) {
    fresh_copies();
    {
      Game game(options(engine_copy, kTick, Durability::Full));
      engine_ticks.push_back(seconds([&] { game.advance_to(kTick); }));
      events = core_of(game).read([](SQLite::Database& sql) {
        return sql.execAndGet("SELECT count(*) FROM events").getInt64();
      });
    }
    {
      Raw raw(raw_copy, true);
      raw_ticks.push_back(seconds([&] { raw_full_tick(raw, kTick); }));
    }
  }
  print_time(fmt::format("full tick: {} rows due, {} events (median of 3)",
                         scale.players * (scale.factions + 2), events),
             median(engine_ticks), median(raw_ticks));

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
}

}  // namespace hearth::bench

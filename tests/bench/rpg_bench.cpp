// The RPG's rules: an XP award that advances two quests (the award, the level, the journal, the
// quest hook), and a tick expiring 100,000 loot drops and 100,000 timers — each beside raw SQLite
// running the same statements and the plain-SQLite floor for that many rows, in the same run.
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/economy/loot.h"
#include "hearth/game.h"
#include "hearth/identity/players.h"
#include "hearth/progression/levels.h"
#include "hearth/progression/quests.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr int kUsers = 1000;
constexpr int kAwards = 5000;
constexpr int kOtherQuests = 20;
constexpr int kDrops = 100000;
constexpr int kTimers = 100000;

GameOptions options_for(const std::string& path) {
  GameOptions options = test::options_with(std::make_shared<ManualClock>(test::kStart), path);
  options.durability = Durability::Normal;
  options.rules = Rules{};
  options.rules->quests.max_active = 5;
  return options;
}

sqlite3* open_raw(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_exec(db,
               "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768",
               nullptr, nullptr, nullptr);
  return db;
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

void step_done(sqlite3* db, sqlite3_stmt* statement) {
  if (sqlite3_step(statement) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
  sqlite3_reset(statement);
}

// Raw SQLite doing what Levels::award and the quest hook do for one award, with the same
// statements: the user's state, the player's XP, the update, the event; the quests the event
// matches, and for each its definition, the progress and its event.
double raw_awards(const std::string& path, const std::vector<PlayerId>& users) {
  sqlite3* db = open_raw(path);
  sqlite3_stmt* user = raw_prepare(db, "SELECT deleted FROM users WHERE id = ?");
  sqlite3_stmt* read = raw_prepare(db, "SELECT xp, level FROM players WHERE user_id = ?");
  sqlite3_stmt* write =
      raw_prepare(db, "UPDATE players SET xp = ?1, level = ?2, updated_at = ?3 WHERE user_id = ?4");
  sqlite3_stmt* event = raw_prepare(db,
                                    "INSERT INTO events (at, type, actor, subject, payload) VALUES "
                                    "(?1, ?2, NULL, ?3, json(?4))");
  sqlite3_stmt* matching = raw_prepare(
      db,
      "SELECT q.id, uq.progress, json_extract(q.requirements, '$.target') FROM user_quests uq "
      "JOIN quests q ON q.id = uq.quest_id WHERE uq.user_id = ?1 AND uq.completed_at IS NULL AND "
      "q.trigger_event = 'xp.gained'");
  sqlite3_stmt* progress =
      raw_prepare(db, "UPDATE user_quests SET progress = ?1 WHERE user_id = ?2 AND quest_id = ?3");
  const LevelCurve curve{LevelRules{}};
  const double elapsed = seconds([&] {
    for (int i = 0; i < kAwards; ++i) {
      const std::string& id = users[static_cast<std::size_t>(i) % users.size()].value();
      exec(db, "BEGIN IMMEDIATE");
      bind_text(user, 1, id);
      if (sqlite3_step(user) != SQLITE_ROW) throw std::runtime_error("raw: no user");
      sqlite3_reset(user);
      bind_text(read, 1, id);
      sqlite3_step(read);
      const std::int64_t xp = sqlite3_column_int64(read, 0) + 10;
      const std::int64_t level =
          std::max<std::int64_t>(sqlite3_column_int64(read, 1), curve.level_for(xp));
      sqlite3_reset(read);
      sqlite3_bind_int64(write, 1, xp);
      sqlite3_bind_int64(write, 2, level);
      sqlite3_bind_int64(write, 3, test::kStart);
      bind_text(write, 4, id);
      step_done(db, write);
      sqlite3_bind_int64(event, 1, test::kStart);
      bind_text(event, 2, "xp.gained");
      bind_text(event, 3, id);
      bind_text(event, 4,
                fmt::format(R"({{"amount":10,"xp":{},"level":{},"reason":"bench"}})", xp, level));
      step_done(db, event);
      bind_text(matching, 1, id);
      std::vector<std::pair<std::int64_t, std::int64_t>> quests;
      while (sqlite3_step(matching) == SQLITE_ROW) {
        quests.emplace_back(
            sqlite3_column_int64(matching, 0),
            std::min(sqlite3_column_int64(matching, 2), sqlite3_column_int64(matching, 1) + 10));
      }
      sqlite3_reset(matching);
      for (const auto& [quest, value] : quests) {
        sqlite3_bind_int64(progress, 1, value);
        bind_text(progress, 2, id);
        sqlite3_bind_int64(progress, 3, quest);
        step_done(db, progress);
        sqlite3_bind_int64(event, 1, test::kStart);
        bind_text(event, 2, "quest.progressed");
        bind_text(event, 3, id);
        bind_text(event, 4,
                  fmt::format(R"({{"quest":{},"progress":{},"target":{},"event":"xp.gained"}})",
                              quest, value, 1000000000000LL));
        step_done(db, event);
      }
      exec(db, "COMMIT");
    }
  });
  for (sqlite3_stmt* s : {user, read, write, event, matching, progress}) sqlite3_finalize(s);
  sqlite3_close(db);
  return elapsed;
}

// The plain-SQLite floor for one award's rows: one transaction updating the player row and its
// two quest rows and inserting three minimal journal rows.
double floor_awards(const std::string& path, const std::vector<PlayerId>& users) {
  sqlite3* db = open_raw(path);
  exec(db, "CREATE TABLE floor_events (id INTEGER PRIMARY KEY, at INTEGER, type TEXT)");
  sqlite3_stmt* player = raw_prepare(db, "UPDATE players SET xp = xp + 10 WHERE user_id = ?");
  sqlite3_stmt* quests =
      raw_prepare(db, "UPDATE user_quests SET progress = progress + 10 WHERE user_id = ?");
  sqlite3_stmt* event = raw_prepare(db, "INSERT INTO floor_events (at, type) VALUES (1, 'x')");
  const double elapsed = seconds([&] {
    for (int i = 0; i < kAwards; ++i) {
      const std::string& id = users[static_cast<std::size_t>(i) % users.size()].value();
      exec(db, "BEGIN IMMEDIATE");
      bind_text(player, 1, id);
      step_done(db, player);
      bind_text(quests, 1, id);
      step_done(db, quests);
      for (int e = 0; e < 3; ++e) step_done(db, event);
      exec(db, "COMMIT");
    }
  });
  for (sqlite3_stmt* s : {player, quests, event}) sqlite3_finalize(s);
  sqlite3_close(db);
  return elapsed;
}

// kDrops unclaimed drops and kTimers running timers, all expiring within the hour after kStart,
// written in one command of bulk SQL (the benchmark measures the tick, not set-up).
void fill_expiries(Game& game, const std::vector<PlayerId>& users) {
  core_of(game).run([&](Command& command) {
    SQLite::Statement drop(command.sql(),
                           "INSERT INTO lootdrops (message_id, channel_id, reward_amount, "
                           "currency_id, created_at, expires_at) VALUES (?1, 'general', 50, 1, "
                           "?2, ?3)");
    for (int i = 0; i < kDrops; ++i) {
      drop.bind(1, fmt::format("drop-{}", i));
      drop.bind(2, static_cast<std::int64_t>(test::kStart));
      drop.bind(3, static_cast<std::int64_t>(test::kStart + 1 + (i * 37) % kHour));
      drop.exec();
      drop.reset();
    }
    SQLite::Statement timer(command.sql(),
                            "INSERT INTO user_timers (user_id, type, key, expires_at) VALUES (?1, "
                            "?2, ?3, ?4)");
    for (int i = 0; i < kTimers; ++i) {
      timer.bind(1, users[static_cast<std::size_t>(i) % users.size()].value());
      timer.bind(2, i % 2 ? "EFFECT" : "COOLDOWN");
      timer.bind(3, fmt::format("key-{}", i));
      timer.bind(4, static_cast<std::int64_t>(test::kStart + 1 + (i * 53) % kHour));
      timer.exec();
      timer.reset();
    }
    command.schedule(test::kStart + 1);
  });
}

// Raw SQLite expiring the same rows, set-based: the events as of each expiry, then the marks, in
// one transaction per table.
double raw_expiry(const std::string& path, GameTime to) {
  sqlite3* db = open_raw(path);
  const double elapsed = seconds([&] {
    exec(db, "BEGIN IMMEDIATE");
    exec(db,
         fmt::format("INSERT INTO events (at, type, actor, subject, payload) SELECT expires_at, "
                     "'loot.expired', NULL, NULL, json_object('drop', message_id, 'channel', "
                     "ifnull(channel_id, ''), 'amount', reward_amount) FROM lootdrops WHERE "
                     "claimed_at IS NULL AND expired_at IS NULL AND expires_at <= {0} ORDER BY "
                     "expires_at, message_id; UPDATE lootdrops SET expired_at = expires_at WHERE "
                     "claimed_at IS NULL AND expired_at IS NULL AND expires_at <= {0};",
                     to));
    exec(db, "COMMIT");
    exec(db, "BEGIN IMMEDIATE");
    exec(db, fmt::format("INSERT INTO events (at, type, actor, subject, payload) SELECT "
                         "expires_at, CASE type WHEN 'EFFECT' THEN 'effect.expired' WHEN 'ACCESS' "
                         "THEN 'access.expired' ELSE 'cooldown.expired' END, NULL, user_id, "
                         "json_object('type', type, 'key', key) FROM user_timers WHERE "
                         "expired_at IS NULL AND expires_at <= {0} ORDER BY expires_at; UPDATE "
                         "user_timers SET expired_at = expires_at WHERE expired_at IS NULL AND "
                         "expires_at <= {0};",
                         to));
    exec(db, "COMMIT");
  });
  sqlite3_close(db);
  return elapsed;
}

// The plain-SQLite floor for that many rows: one UPDATE of an integer column over each table's
// rows and a bulk insert of as many minimal event rows.
double floor_expiry(const std::string& path) {
  sqlite3* db = open_raw(path);
  exec(db, "CREATE TABLE floor_events (id INTEGER PRIMARY KEY, at INTEGER, type TEXT)");
  const double elapsed = seconds([&] {
    exec(db, "BEGIN IMMEDIATE");
    exec(db, "UPDATE lootdrops SET expired_at = expires_at");
    exec(db, "UPDATE user_timers SET expired_at = expires_at");
    exec(db, fmt::format("WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq "
                         "WHERE i < {}) INSERT INTO floor_events (at, type) SELECT i, 'x' FROM seq",
                         kDrops + kTimers));
    exec(db, "COMMIT");
  });
  sqlite3_close(db);
  return elapsed;
}

std::vector<PlayerId> make_users(Game& game) {
  std::vector<PlayerId> users;
  for (int i = 0; i < kUsers; ++i) {
    users.push_back(game.players().create({.username = fmt::format("pilot{}", i)})->id);
  }
  return users;
}

void award_bench() {
  print_floor_header(
      fmt::format("XP awards advancing two quests ({} users, {} awards, NORMAL)", kUsers, kAwards));
  test::TempFile engine_file;
  test::TempFile raw_file;
  test::TempFile floor_file;
  std::vector<PlayerId> users;
  {
    Game game(options_for(engine_file.path));
    users = make_users(game);
    // Two quests on XP for everyone, and others on other triggers that the hook must pass over.
    std::vector<QuestId> on_xp;
    for (int q = 0; q < 2; ++q) {
      on_xp.push_back(
          game.quests()
              .create_quest({fmt::format("Learn {}", q), "", "xp.gained", 1000000000000LL})
              ->id);
    }
    for (int q = 0; q < kOtherQuests; ++q) {
      (void)game.quests().create_quest({fmt::format("Other {}", q), "", fmt::format("OTHER{}", q)});
    }
    for (const PlayerId& user : users) {
      for (const QuestId quest : on_xp) {
        if (!game.quests().assign(user, quest)) throw std::runtime_error("assign refused");
      }
      (void)game.quests().assign(user, QuestId(3));
    }
    game.save_as(raw_file.path);
    game.save_as(floor_file.path);
  }
  Game game(options_for(engine_file.path));
  Levels levels = game.levels();
  const double engine = seconds([&] {
    for (int i = 0; i < kAwards; ++i) {
      if (!levels.award(users[static_cast<std::size_t>(i) % users.size()], 10, "bench")) {
        throw std::runtime_error("an award was refused");
      }
    }
  });
  const double raw = raw_awards(raw_file.path, users);
  const double floor = floor_awards(floor_file.path, users);
  print_floor_time(fmt::format("{} awards, one command each", kAwards), engine, raw, floor);
  fmt::print("\nPer second: engine {:.0f}, raw {:.0f}, floor {:.0f}.\n", kAwards / engine,
             kAwards / raw, kAwards / floor);
}

void expiry_bench() {
  print_floor_header(
      fmt::format("A tick expiring {} loot drops and {} timers (NORMAL)", kDrops, kTimers));
  test::TempFile engine_file;
  test::TempFile whole_file;
  test::TempFile raw_file;
  test::TempFile floor_file;
  {
    Game game(options_for(engine_file.path));
    const std::vector<PlayerId> users = make_users(game);
    fill_expiries(game, users);
    for (const auto* copy : {&whole_file, &raw_file, &floor_file}) game.save_as(copy->path);
  }
  const GameTime to = test::kStart + 2 * kHour;
  const double raw = raw_expiry(raw_file.path, to);
  const double floor = floor_expiry(floor_file.path);
  // The default catch-up commits every GameOptions::tick_slice_rows (2048) rows, so that another
  // process never waits for the whole of it; one slice for everything is the same work at once.
  for (const bool sliced : {true, false}) {
    GameOptions options = options_for(sliced ? engine_file.path : whole_file.path);
    if (!sliced) options.tick_slice_rows = kDrops + kTimers;
    Game game(options);
    const double engine = seconds([&] { game.advance_to(to); });
    print_floor_time(
        fmt::format("{} expiries, each journaled once, {}", kDrops + kTimers,
                    sliced ? "in slices of 2048 rows (the default)" : "in one transaction"),
        engine, raw, floor);
    const long long expired = test::query_int(
        game,
        "SELECT (SELECT count(*) FROM lootdrops WHERE expired_at IS NOT NULL) + (SELECT "
        "count(*) FROM user_timers WHERE expired_at IS NOT NULL)");
    if (expired != kDrops + kTimers) throw std::runtime_error("the tick left rows unexpired");
  }
}

}  // namespace

void run_rpg_bench(const Scale&) {
  award_bench();
  expiry_bench();
}

}  // namespace hearth::bench

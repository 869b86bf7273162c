// Messages: sending a direct message, an unread count and an inbox page, with 100,000 messages in
// the file, each beside raw SQLite running the same statements in the same run.
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
#include "hearth/identity/players.h"
#include "hearth/social/messages.h"
#include <sqlite3.h>

namespace hearth::bench {

namespace {

constexpr int kUsers = 1000;
constexpr int kMessages = 100000;
constexpr int kSends = 2000;
constexpr int kReads = 5000;

GameOptions options_for(const std::string& path) {
  GameOptions options = test::options_with(std::make_shared<ManualClock>(test::kStart), path);
  options.durability = Durability::Normal;
  options.rules = Rules{};
  options.rules->messages.rate_limit = 1000000;  // checked, never reached
  return options;
}

// kMessages direct messages between random users, a third of them read, in one command of bulk
// SQL (the benchmark measures reads and sends, not set-up).
void fill(Game& game, const std::vector<PlayerId>& users) {
  core_of(game).run([&](Command& command) {
    SQLite::Statement insert(
        command.sql(),
        "INSERT INTO messages (id, sender_id, recipient_id, content, sent_at, read_at, thread_id) "
        "VALUES (?1, ?2, ?3, 'hello there', ?4, ?5, ?1)");
    std::mt19937 random(7);
    for (int i = 0; i < kMessages; ++i) {
      const std::string id = fmt::format("{:08x}-0000-4000-8000-00000000aaaa", i);
      const std::size_t from = random() % users.size();
      std::size_t to = random() % users.size();
      if (to == from) to = (to + 1) % users.size();
      insert.bind(1, id);
      insert.bind(2, users[from].value());
      insert.bind(3, users[to].value());
      insert.bind(4, static_cast<std::int64_t>(test::kStart - kMessages + i));
      if (i % 3 == 0) {
        insert.bind(5, static_cast<std::int64_t>(test::kStart));
      } else {
        insert.bind(5);
      }
      insert.exec();
      insert.reset();
    }
  });
}

// Raw SQLite sending what Messages::send writes after the same checks: the sender's privilege
// (role tree, bans), the recipient, a block either way, the rate, then the row and its event.
double raw_sends(const std::string& path, const std::vector<PlayerId>& users) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_exec(db,
               "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* may = raw_prepare(
      db,
      "WITH RECURSIVE given (id) AS (SELECT role_id FROM user_roles WHERE user_id = ?1 UNION "
      "SELECT r.parent_id FROM roles r JOIN given g ON r.id = g.id WHERE r.parent_id IS NOT NULL) "
      "SELECT u.deleted = 0 AND u.is_active = 1 AND EXISTS (SELECT 1 FROM privileges p WHERE "
      "p.privilege IN ('community', 'root') AND (p.id IN (SELECT privilege_id FROM "
      "role_privileges WHERE role_id IN given) OR p.id IN (SELECT privilege_id FROM "
      "user_privileges WHERE user_id = ?1))) AND NOT EXISTS (SELECT 1 FROM bans WHERE user_id = "
      "?1 AND ended_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)) FROM users u WHERE "
      "u.id = ?1");
  sqlite3_stmt* recipient = raw_prepare(db, "SELECT deleted, is_active FROM users WHERE id = ?");
  sqlite3_stmt* blocked =
      raw_prepare(db,
                  "SELECT 1 FROM blocks WHERE (user_id = ?1 AND target_id = ?2) "
                  "OR (user_id = ?2 AND target_id = ?1)");
  sqlite3_stmt* rate =
      raw_prepare(db,
                  "SELECT count(*), min(sent_at) FROM (SELECT sent_at FROM messages "
                  "WHERE sender_id = ?1 AND sent_at > ?2 ORDER BY sent_at DESC "
                  "LIMIT ?3)");
  sqlite3_stmt* insert =
      raw_prepare(db,
                  "INSERT INTO messages (id, sender_id, recipient_id, content, "
                  "sent_at, thread_id, message_type, priority) VALUES (?1, ?2, ?3, "
                  "?4, ?5, ?1, 'player', 'normal')");
  sqlite3_stmt* event = raw_prepare(db,
                                    "INSERT INTO events (at, type, actor, subject, payload) VALUES "
                                    "(?1, 'message.sent', ?2, ?3, json(?4))");
  const double elapsed = seconds([&] {
    for (int i = 0; i < kSends; ++i) {
      const std::string& from = users[static_cast<std::size_t>(i) % users.size()].value();
      const std::string& to = users[static_cast<std::size_t>(i + 1) % users.size()].value();
      const std::string id = fmt::format("{:08x}-0000-4000-8000-00000000bbbb", i);
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      bind_text(may, 1, from);
      sqlite3_bind_int64(may, 2, test::kStart);
      if (sqlite3_step(may) != SQLITE_ROW || sqlite3_column_int(may, 0) != 1) {
        throw std::runtime_error("raw: may not send");
      }
      sqlite3_reset(may);
      bind_text(recipient, 1, to);
      sqlite3_step(recipient);
      sqlite3_reset(recipient);
      bind_text(blocked, 1, from);
      bind_text(blocked, 2, to);
      sqlite3_step(blocked);
      sqlite3_reset(blocked);
      bind_text(rate, 1, from);
      sqlite3_bind_int64(rate, 2, test::kStart - kMinute);
      sqlite3_bind_int64(rate, 3, 1000000);
      sqlite3_step(rate);
      sqlite3_reset(rate);
      bind_text(insert, 1, id);
      bind_text(insert, 2, from);
      bind_text(insert, 3, to);
      bind_text(insert, 4, "A message from the bench");
      sqlite3_bind_int64(insert, 5, test::kStart);
      if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
      sqlite3_reset(insert);
      sqlite3_bind_int64(event, 1, test::kStart);
      bind_text(event, 2, from);
      bind_text(event, 3, to);
      bind_text(
          event, 4,
          fmt::format(R"({{"message":"{}","thread":"{}","kind":"player","priority":"normal"}})", id,
                      id));
      if (sqlite3_step(event) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
      sqlite3_reset(event);
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
  });
  for (sqlite3_stmt* s : {may, recipient, blocked, rate, insert, event}) sqlite3_finalize(s);
  sqlite3_close(db);
  return elapsed;
}

// Raw SQLite running a read `sql` (one parameter: the user) kReads times over the users, reading
// every column of every row as text; returns the seconds and adds the rows it read to `rows`.
double raw_reads(const std::string& path, const std::vector<PlayerId>& users, const char* sql,
                 long& rows) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_exec(db, "PRAGMA cache_size = -32768", nullptr, nullptr, nullptr);  // the engine's
  sqlite3_stmt* query = raw_prepare(db, sql);
  const double elapsed = seconds([&] {
    for (int i = 0; i < kReads; ++i) {
      bind_text(query, 1, users[static_cast<std::size_t>(i) % users.size()].value());
      // Every column read as the engine reads it, into text.
      while (sqlite3_step(query) == SQLITE_ROW) {
        std::string row;
        for (int column = 0; column < sqlite3_column_count(query); ++column) {
          const unsigned char* text = sqlite3_column_text(query, column);
          if (text != nullptr) row += reinterpret_cast<const char*>(text);
        }
        rows += !row.empty();
      }
      sqlite3_reset(query);
    }
  });
  sqlite3_finalize(query);
  sqlite3_close(db);
  return elapsed;
}

}  // namespace

void run_social_bench(const Scale&) {
  print_rate_header(fmt::format("Messages ({} users, {} messages)", kUsers, kMessages));
  test::TempFile engine_file;
  test::TempFile raw_file;
  std::vector<PlayerId> users;
  {
    Game game(options_for(engine_file.path));
    for (int i = 0; i < kUsers; ++i) {
      users.push_back(game.players().create({.username = fmt::format("pilot{}", i)})->id);
    }
    fill(game, users);
    game.save_as(raw_file.path);
  }
  Game game(options_for(engine_file.path));
  Messages messages = game.messages();
  const double engine_sends = seconds([&] {
    for (int i = 0; i < kSends; ++i) {
      NewMessage message;
      message.sender = users[static_cast<std::size_t>(i) % users.size()];
      message.recipient = users[static_cast<std::size_t>(i + 1) % users.size()];
      message.content = "A message from the bench";
      if (!messages.send(message)) throw std::runtime_error("a send was refused");
    }
  });
  const double raw_send = raw_sends(raw_file.path, users);
  // The floor: the message row and its event row, one commit each.
  print_floor_rate("send a direct message (checks, the row, its event), NORMAL",
                   kSends / engine_sends, kSends / raw_send, floor_write_rate(kSends, 2, 0));

  long engine_unread = 0;
  const double engine_counts = seconds([&] {
    for (int i = 0; i < kReads; ++i) {
      engine_unread += messages.unread_count(users[static_cast<std::size_t>(i) % users.size()]);
    }
  });
  long raw_rows = 0;
  const double raw_counts =
      raw_reads(raw_file.path, users,
                "SELECT count(*) FROM messages WHERE recipient_id = ? AND read_at IS NULL AND "
                "deleted_by_recipient = 0 AND moderation_status IS NULL",
                raw_rows);
  // The floor: reading a user's 100 rows.
  print_floor_rate("unread count of a user (about 100 messages each)", kReads / engine_counts,
                   kReads / raw_counts, floor_read_rate(kReads, kMessages / kUsers));

  long engine_listed = 0;
  const double engine_pages = seconds([&] {
    for (int i = 0; i < kReads; ++i) {
      engine_listed += static_cast<long>(
          messages.inbox(users[static_cast<std::size_t>(i) % users.size()]).messages.size());
    }
  });
  long raw_listed = 0;
  const double raw_pages = raw_reads(
      raw_file.path, users,
      "SELECT m.sent_at, m.id, m.message_type, m.sender_id, m.recipient_id, m.team_id, "
      "m.subject, m.content, m.priority, m.thread_id, m.reply_to_id, m.read_at, m.flagged, "
      "m.flagged_reason FROM messages m WHERE m.recipient_id = ? AND m.deleted_by_recipient = 0 "
      "AND m.moderation_status IS NULL ORDER BY m.sent_at DESC, m.id DESC LIMIT 51",
      raw_listed);
  if (engine_listed == 0 || raw_listed < engine_listed) {
    throw std::runtime_error("the inbox pages differ");
  }
  print_floor_rate("inbox page of 50, newest first", kReads / engine_pages, kReads / raw_pages,
                   floor_read_rate(kReads, 51));
  (void)engine_unread;
}

}  // namespace hearth::bench

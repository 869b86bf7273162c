#include "storage/database.h"

#include <chrono>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>

#include "storage/migrations.h"
#include "tests/support/fixtures.h"

#include "hearth/game.h"

using namespace hearth;
using hearth::test::TempFile;

namespace {

storage::OpenOptions ours() {
  storage::OpenOptions options;
  options.application_id = kApplicationId;
  return options;
}

// Opening must be refused with an Error{CorruptData} whose message says why, and the file must be
// byte-for-byte what it was.
void check_refused(const TempFile& file, const std::string& reason) {
  const std::string before = file.bytes();
  try {
    GameOptions options;
    options.path = file.path;
    Game game(options);
    BOOST_FAIL("the file was opened");
  } catch (const Error& error) {
    BOOST_TEST((error.kind() == ErrorKind::CorruptData));
    BOOST_TEST(std::string(error.what()).find(reason) != std::string::npos, error.what());
  }
  BOOST_TEST((file.bytes() == before));
}

// Makes `file` a game file that a newer engine wrote: one more engine migration than this build
// knows.
void make_newer_game(const TempFile& file) {
  {
    GameOptions options;
    options.path = file.path;
    Game game(options);
  }
  storage::Database db(file.path, ours());
  const int next = storage::schema_version(db) + 1;
  db.sql().exec("INSERT INTO migrations_applied VALUES ('hearth', " + std::to_string(next) +
                ", '9999_future.sql')");
  db.sql().exec("PRAGMA user_version = " + std::to_string(next));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database_test)

BOOST_AUTO_TEST_CASE(a_new_file_carries_the_application_id_and_runs_in_wal) {
  TempFile file;
  {
    storage::Database db(file.path, ours());
    db.enable_wal();
    BOOST_TEST(db.created());
    BOOST_TEST(db.sql().execAndGet("PRAGMA application_id").getUInt() == kApplicationId);
    BOOST_TEST(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    BOOST_TEST(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    BOOST_TEST(db.sql().execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  }
  storage::OpenOptions normal = ours();
  normal.durability = storage::Durability::Normal;
  storage::Database again(file.path, normal);
  BOOST_TEST(!again.created());
  BOOST_TEST(again.sql().execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
  BOOST_TEST(again.sql().execAndGet("PRAGMA busy_timeout").getInt() == 5000);
}

// At Normal durability commits never checkpoint: the WAL is copied into the main file by the
// checkpointer's thread, woken by the commit that takes the WAL past checkpoint_pages.
BOOST_AUTO_TEST_CASE(checkpoints_run_on_their_own_thread) {
  TempFile file;
  storage::OpenOptions options = ours();
  options.durability = storage::Durability::Normal;
  options.checkpoint_pages = 10;
  storage::Database db(file.path, options);
  db.enable_wal();
  BOOST_REQUIRE(db.checkpointer() != nullptr);
  db.sql().exec("CREATE TABLE t (x TEXT)");
  BOOST_TEST(db.checkpointer()->runs() == 0);  // one small commit: under the threshold
  for (int i = 0; i < 20; ++i) {
    db.sql().exec("INSERT INTO t SELECT hex(randomblob(2000)) FROM (SELECT 1 UNION SELECT 2)");
  }
  // The thread runs when the machine gets to it: waited for, with no deadline that matters.
  for (int i = 0; i < 60000 && db.checkpointer()->runs() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  BOOST_TEST(db.checkpointer()->runs() > 0);
  BOOST_TEST(db.sql().execAndGet("SELECT count(*) FROM t").getInt() == 40);
  storage::Database memory(storage::Database::kInMemory, options);
  memory.enable_wal();
  BOOST_TEST(memory.checkpointer() == nullptr);
  TempFile full_file;
  storage::Database full(full_file.path, ours());
  full.enable_wal();
  BOOST_TEST(full.checkpointer() == nullptr);
}

BOOST_AUTO_TEST_CASE(an_empty_file_is_created_as_a_new_game) {
  TempFile file;
  file.write("");
  GameOptions options;
  options.path = file.path;
  Game game(options);
  BOOST_TEST(game.schema_version() > 0);
}

BOOST_AUTO_TEST_CASE(random_bytes_are_refused_and_left_unchanged) {
  TempFile file;
  std::string noise(8192, '\0');
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919) % 251);
  file.write(noise);
  check_refused(file, "not an SQLite database");
}

BOOST_AUTO_TEST_CASE(a_short_text_file_is_refused_and_left_unchanged) {
  TempFile file;
  file.write("hello");
  check_refused(file, "not an SQLite database");
}

BOOST_AUTO_TEST_CASE(an_empty_foreign_sqlite_database_is_refused_and_left_unchanged) {
  TempFile file;
  {
    SQLite::Database foreign(file.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    foreign.exec("CREATE TABLE t (x); DROP TABLE t;");
  }
  check_refused(file, "not a game file");
}

BOOST_AUTO_TEST_CASE(another_applications_database_is_refused_and_left_unchanged) {
  TempFile file;
  {
    SQLite::Database foreign(file.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    foreign.exec("PRAGMA application_id = 1234; CREATE TABLE notes (body TEXT);");
    foreign.exec("INSERT INTO notes VALUES ('keep me')");
  }
  check_refused(file, "another application");
}

BOOST_AUTO_TEST_CASE(a_file_from_a_newer_engine_is_refused_and_left_unchanged) {
  TempFile file;
  make_newer_game(file);
  check_refused(file, "newer version");
}

// A newer file in rollback-journal mode (as VACUUM INTO makes them) is refused before the engine
// switches it to WAL: not one header byte changes.
BOOST_AUTO_TEST_CASE(a_newer_file_in_rollback_mode_is_refused_untouched) {
  TempFile file;
  TempFile copy;
  make_newer_game(file);
  {
    storage::Database db(file.path, ours());
    db.sql().exec("VACUUM INTO '" + copy.path + "'");
  }
  BOOST_TEST(copy.bytes()[18] == 1);  // legacy (rollback journal) file format
  check_refused(copy, "newer version");
}

BOOST_AUTO_TEST_CASE(backup_writes_a_file_that_opens_with_the_same_content) {
  TempFile copy;
  auto clock = std::make_shared<ManualClock>(test::kStart);
  Game game(test::options_with(clock));
  (void)game.new_uuid();
  game.advance_to(test::kStart + kHour);
  game.save_as(copy.path);

  Game restored(test::options_with(clock, copy.path));
  BOOST_TEST(restored.reached_at() == test::kStart + kHour);
  BOOST_TEST(restored.schema_version() == game.schema_version());
  // The generator goes on from the same state in both.
  BOOST_TEST(restored.new_uuid() == game.new_uuid());
}

BOOST_AUTO_TEST_CASE(backup_refuses_to_overwrite_a_foreign_file) {
  TempFile target;
  target.write("my notes, not a game");
  test::FreshGame fresh;
  BOOST_CHECK_EXCEPTION(fresh.game.save_as(target.path), Error,
                        test::is_kind(ErrorKind::CorruptData));
  BOOST_TEST(target.bytes() == "my notes, not a game");
}

BOOST_AUTO_TEST_SUITE_END()

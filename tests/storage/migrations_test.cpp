#include "storage/migrations.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

using namespace hearth;
using hearth::test::TempFile;

namespace {

storage::OpenOptions options() {
  storage::OpenOptions open;
  open.application_id = 7;
  return open;
}

storage::MigrationSet set_of(std::vector<storage::Migration> steps) {
  storage::MigrationSet set;
  set.source = "test";
  set.owns_user_version = true;
  set.steps = std::move(steps);
  return set;
}

int count(storage::Database& db, const std::string& table) {
  return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(migrations_test)

BOOST_AUTO_TEST_CASE(applies_every_step_in_order_from_empty) {
  storage::Database db(":memory:", options());
  const auto set =
      set_of({{"0001_a.sql", "CREATE TABLE a (x INTEGER);"},
              {"0002_b.sql", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);"}});
  BOOST_TEST(storage::migrate(db, {set}) == 2);
  BOOST_TEST(storage::schema_version(db) == 2);
  BOOST_TEST(count(db, "a") == 1);
  BOOST_TEST(count(db, "migrations_applied") == 2);
}

BOOST_AUTO_TEST_CASE(reopening_an_up_to_date_file_applies_nothing) {
  TempFile file;
  const auto set =
      set_of({{"0001_a.sql", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"}});
  {
    storage::Database db(file.path, options());
    BOOST_TEST(storage::migrate(db, {set}) == 1);
  }
  storage::Database db(file.path, options());
  BOOST_TEST(storage::migrate(db, {set}) == 0);
  BOOST_TEST(count(db, "a") == 1);
}

BOOST_AUTO_TEST_CASE(a_later_build_applies_only_the_new_steps) {
  TempFile file;
  std::vector<storage::Migration> steps = {{"0001_a.sql", "CREATE TABLE a (x INTEGER);"}};
  {
    storage::Database db(file.path, options());
    BOOST_TEST(storage::migrate(db, {set_of(steps)}) == 1);
  }
  steps.push_back({"0002_b.sql", "INSERT INTO a VALUES (2);"});
  storage::Database db(file.path, options());
  BOOST_TEST(storage::migrate(db, {set_of(steps)}) == 1);
  BOOST_TEST(storage::schema_version(db) == 2);
  BOOST_TEST(count(db, "a") == 1);
}

BOOST_AUTO_TEST_CASE(a_failing_step_leaves_the_earlier_steps_and_nothing_of_itself) {
  storage::Database db(":memory:", options());
  const auto set =
      set_of({{"0001_a.sql", "CREATE TABLE a (x INTEGER);"},
              {"0002_bad.sql", "INSERT INTO a VALUES (1); INSERT INTO nowhere VALUES (2);"}});
  BOOST_CHECK_THROW(storage::migrate(db, {set}), SQLite::Exception);
  BOOST_TEST(storage::schema_version(db) == 1);
  BOOST_TEST(count(db, "a") == 0);
  BOOST_TEST(count(db, "migrations_applied") == 1);
}

BOOST_AUTO_TEST_CASE(a_renamed_step_is_refused_before_anything_is_written) {
  storage::Database db(":memory:", options());
  BOOST_TEST(storage::migrate(db, {set_of({{"0001_a.sql", "CREATE TABLE a (x);"}})}) == 1);
  const auto renamed =
      set_of({{"0001_other.sql", "CREATE TABLE a (x);"}, {"0002_b.sql", "CREATE TABLE b (y);"}});
  BOOST_CHECK_THROW(storage::migrate(db, {renamed}), storage::FileRefused);
  BOOST_TEST(!db.sql().tableExists("b"));
}

BOOST_AUTO_TEST_CASE(a_second_source_is_tracked_on_its_own) {
  storage::Database db(":memory:", options());
  auto engine = set_of({{"0001_a.sql", "CREATE TABLE a (x);"}});
  storage::MigrationSet game;
  game.source = "mygame";
  game.steps = {{"0001_g.sql", "CREATE TABLE g (x);"}, {"0002_h.sql", "CREATE TABLE h (x);"}};
  BOOST_TEST(storage::migrate(db, {engine, game}) == 3);
  BOOST_TEST(storage::schema_version(db) == 1);  // only the owning set moves user_version
  game.steps.pop_back();
  BOOST_CHECK_THROW(storage::migrate(db, {engine, game}), storage::FileRefused);
}

BOOST_AUTO_TEST_SUITE_END()

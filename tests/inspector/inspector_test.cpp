// The `hearth` inspector end to end: each command run as a program on a file the engine wrote,
// checking what it printed, its exit status and what the file holds afterwards.
#include <csignal>
#include <fstream>
#include <iterator>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>
#include <rapidjson/document.h>

#include "schema/schema.h"
#include "storage/migrations.h"
#include "tests/support/fixtures.h"
#include "tests/support/world.h"

#include "hearth/identity/accounts.h"
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;
using hearth::test::TempFile;

namespace {

struct Run {
  std::string out;
  std::string err;
  int status = -1;

  bool says(const std::string& text) const { return out.find(text) != std::string::npos; }
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Starts `hearth` with `args`: standard input from the file `in`, output and errors to files.
pid_t start(const std::vector<std::string>& args, const std::string& in, const std::string& out,
            const std::string& err) {
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(::open(in.c_str(), O_RDONLY), 0);
    ::dup2(::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
    ::dup2(::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
    std::vector<std::string> copies = args;
    std::string program = HEARTH_INSPECTOR_PATH;
    std::vector<char*> argv{program.data()};
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  return child;
}

int wait_for(pid_t child) {
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs `hearth` with `args` to its end, `input` on its standard input.
Run inspect(const std::vector<std::string>& args, const std::string& input = "") {
  TempFile in;
  TempFile out;
  TempFile err;
  in.write(input);
  Run run;
  run.status = wait_for(start(args, in.path, out.path, err.path));
  run.out = read_all(out.path);
  run.err = read_all(err.path);
  return run;
}

// A game file holding the small world, closed.
struct Saved {
  TempFile file;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  test::SmallWorld world;

  // Game time moves only when told (a test, `hearth advance`), not with the computer's clock.
  Saved() {
    GameOptions options = test::options_with(clock, file.path);
    options.time_mode = TimeMode::Manual;
    Game game(options);
    world = test::build_small_world(game);
  }

  Game open() const { return Game(test::options_with(clock, file.path)); }

  // Runs SQL on the file directly, as the sqlite3 shell would.
  void tamper(const std::string& sql) const {
    SQLite::Database db(file.path, SQLite::OPEN_READWRITE);
    db.exec(sql);
  }
};

// The value printed after `key` on a line of `text` ("key:   value"), or "" when none.
std::string value_of(const std::string& text, const std::string& key) {
  std::size_t at = text.find("\n" + key + ":");
  if (at == std::string::npos) return "";
  at = text.find_first_not_of(' ', at + key.size() + 2);
  return text.substr(at, text.find('\n', at) - at);
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  BOOST_TEST_REQUIRE(!document.HasParseError(), text);
  return document;
}

std::string hash_of(const std::string& path, const std::string& user = "") {
  std::vector<std::string> args{"hash", path};
  if (!user.empty()) args.insert(args.end(), {"--user", user});
  const Run run = inspect(args);
  BOOST_TEST_REQUIRE(run.status == 0, run.err);
  return run.out.substr(0, 64);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inspector_test)

BOOST_FIXTURE_TEST_CASE(info_tells_versions_time_rules_and_counts, Saved) {
  const Run run = inspect({"info", file.path});
  BOOST_TEST(run.status == 0, run.err);
  const std::string version = std::to_string(schema::files().size());
  BOOST_TEST(value_of(run.out, "schema version") == version + " (this build: " + version + ")");
  BOOST_TEST(value_of(run.out, "migrations") == "up to date");
  BOOST_TEST(value_of(run.out, "time reached") == "2026-01-01T00:00:00.000Z");
  BOOST_TEST(value_of(run.out, "time mode") == "manual at speed 1");
  BOOST_TEST(value_of(run.out, "rules") == "the defaults");
  BOOST_TEST(value_of(run.out, "identity users") == "3");
  BOOST_TEST(value_of(run.out, "social teams") == "1");
  BOOST_TEST(value_of(run.out, "social messages") == "2");
  BOOST_TEST(value_of(run.out, "catalog trades") == "1");
  const Run json = inspect({"info", file.path, "--json"});
  const auto document = parse(json.out);
  BOOST_TEST(document["progression running timers"].GetString() == std::string("1"));
  BOOST_TEST(document["journal mode"].GetString() == std::string("wal"));
}

BOOST_FIXTURE_TEST_CASE(check_passes_a_healthy_file_and_names_each_planted_violation, Saved) {
  Run run = inspect({"check", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("ok: the file is intact and every invariant holds."));
  tamper("UPDATE accounts SET balance = balance + 7 WHERE id = " +
         std::to_string(world.bob_gold.value()));
  tamper("UPDATE team_members SET role = 'MEMBER'");
  run = inspect({"check", file.path});
  BOOST_TEST(run.status == 1);
  BOOST_TEST(run.says("ledger.conserved: The balances of currency"));
  BOOST_TEST(run.says("ledger.balance: Account " + std::to_string(world.bob_gold.value()) +
                      " holds 887, but its ledger rows sum to 880."));
  BOOST_TEST(run.says("teams.leader: Team '" + world.team.value() + "' has 0 leaders, not 1."));
  BOOST_TEST(run.says("3 violations."));
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM users WHERE id = '" + world.bob.value() + "'");
  run = inspect({"check", file.path, "--json"});
  BOOST_TEST(run.status == 1);
  const auto document = parse(run.out);
  BOOST_TEST(!document["ok"].GetBool());
  bool foreign_key = false;
  for (const auto& violation : document["violations"].GetArray()) {
    foreign_key = foreign_key || violation["rule"] == "sqlite.foreign_key";
  }
  BOOST_TEST(foreign_key);
}

BOOST_FIXTURE_TEST_CASE(space_lists_tables_and_indexes, Saved) {
  const Run run = inspect({"space", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("users "));
  BOOST_TEST(run.says("index"));
  BOOST_TEST(run.says("total "));
  const auto document = parse(inspect({"space", file.path, "--json"}).out);
  BOOST_TEST(document.GetArray().Size() > 90u);
}

BOOST_AUTO_TEST_CASE(migrate_reports_then_applies_after_a_copy_and_refuses_a_newer_file) {
  TempFile file;
  {
    storage::OpenOptions options;
    options.application_id = kApplicationId;
    storage::Database db(file.path, options);
    std::vector<storage::MigrationSet> sets(1);
    sets[0].source = "hearth";
    sets[0].owns_user_version = true;
    for (const schema::SqlFile& step : schema::files()) {
      sets[0].steps.push_back({std::string(step.name), step.sql});
    }
    sets[0].steps.resize(12);
    storage::migrate(db, sets);
  }
  Run run = inspect({"migrate", "status", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("schema version 12"));
  BOOST_TEST(run.says("hearth/0013_accounts.sql"));
  BOOST_TEST(run.says("hearth/" + std::string(schema::files().back().name)));
  // Reading commands need an up-to-date file.
  run = inspect({"check", file.path});
  BOOST_TEST(run.status == 4);
  BOOST_TEST(run.err.find("migrat") != std::string::npos);

  run = inspect({"migrate", "up", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(std::filesystem::exists(file.path + ".v12.bak"));
  run = inspect({"migrate", "status", file.path});
  BOOST_TEST(run.says("is up to date"));
  std::filesystem::remove(file.path + ".v12.bak");

  {
    SQLite::Database db(file.path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  const std::string before = file.bytes();
  run = inspect({"migrate", "up", file.path});
  BOOST_TEST(run.status == 4);
  BOOST_TEST(run.err.find("newer version") != std::string::npos, run.err);
  BOOST_TEST((file.bytes() == before));
}

BOOST_FIXTURE_TEST_CASE(query_reads_and_refuses_any_write, Saved) {
  Run run = inspect({"query", file.path, "SELECT username FROM users ORDER BY username"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.out == "username\n--------\nann\nbob\nmod\n");
  run = inspect({"query", file.path, "SELECT username, created_at FROM users LIMIT 1", "--json"});
  const auto document = parse(run.out);
  BOOST_TEST(document[0]["created_at"].GetInt64() == test::kStart);

  const std::string before = hash_of(file.path);
  for (const std::string& sql :
       {std::string("DELETE FROM users"), std::string("UPDATE accounts SET balance = 0"),
        std::string("SELECT 1; DELETE FROM users"), std::string("SELEC nothing"),
        std::string("")}) {
    run = inspect({"query", file.path, sql});
    BOOST_TEST(run.status == 2, sql);
    BOOST_TEST(run.out.empty());
    BOOST_TEST(run.err.starts_with("hearth: "));
  }
  BOOST_TEST(hash_of(file.path) == before);
}

BOOST_FIXTURE_TEST_CASE(show_prints_one_thing_with_dates, Saved) {
  Run run = inspect({"show", file.path, "user", "ann"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("ann@example.org"));
  BOOST_TEST(run.says("2026-01-01T00:00:00.000Z"));
  BOOST_TEST(run.says("gold"));
  BOOST_TEST(run.says("49820"));  // 50000 - 300 + 120

  run = inspect({"show", file.path, "team", "Wayfarers"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("ann     LEADER"));
  BOOST_TEST(run.says("bob     MEMBER"));

  run = inspect({"show", file.path, "player", world.bob.value(), "--json"});
  BOOST_TEST(run.status == 0, run.err);
  const auto document = parse(run.out);
  BOOST_TEST(document["running timers"][0]["key"].GetString() == std::string("mining"));

  run = inspect({"show", file.path, "trade", std::to_string(world.trade)});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("ore for gold"));
  BOOST_TEST(run.says("ore "));

  run = inspect({"show", file.path, "user", "nobody"});
  BOOST_TEST(run.status == 6);
  BOOST_TEST(run.err == "hearth: No user is 'nobody' in '" + file.path + "'.\n");
  run = inspect({"show", file.path, "ship", "1"});
  BOOST_TEST(run.status == 2);
}

BOOST_FIXTURE_TEST_CASE(events_lists_the_journal_and_follows_another_process, Saved) {
  Run run = inspect({"events", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("message.sent"));
  const std::size_t lines = std::count(run.out.begin(), run.out.end(), '\n');
  run = inspect({"events", file.path, "--since", "3", "--json"});
  BOOST_TEST(std::count(run.out.begin(), run.out.end(), '\n') == static_cast<long>(lines - 3));
  BOOST_TEST(parse(run.out.substr(0, run.out.find('\n')))["id"].GetInt64() == 4);

  // --follow prints what another process commits, as it commits it.
  TempFile out;
  TempFile err;
  const pid_t follower = start({"events", file.path, "--since", std::to_string(lines), "--follow"},
                               "/dev/null", out.path, err.path);
  {
    Game game = open();
    game.messages().send({.sender = world.bob, .recipient = world.ann, .content = "later"}).value();
  }
  bool seen = false;
  for (int i = 0; i < 400 && !seen; ++i) {  // bounded: up to 20 s on a slow machine
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = read_all(out.path).find("message.sent") != std::string::npos;
  }
  ::kill(follower, SIGTERM);
  BOOST_TEST(wait_for(follower) == 0);
  BOOST_TEST_REQUIRE(seen, read_all(err.path));
  BOOST_TEST(std::stoll(read_all(out.path)) == static_cast<long long>(lines) + 1);  // only the new
}

BOOST_FIXTURE_TEST_CASE(a_world_exported_and_imported_hashes_the_same, Saved) {
  TempFile document;
  TempFile copy;
  Run run = inspect({"export", file.path, document.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.err.find("exported ") != std::string::npos);
  run = inspect({"import", copy.path, document.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(hash_of(copy.path) == hash_of(file.path));
  BOOST_TEST(inspect({"check", copy.path}).status == 0);
  // An import never replaces a file.
  run = inspect({"import", copy.path, document.path});
  BOOST_TEST(run.status == 2);
  BOOST_TEST(run.err.find("exists") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(one_user_exported_and_imported_into_a_fresh_file_hashes_the_same, Saved) {
  TempFile document;
  TempFile fresh;
  Run run = inspect({"export", file.path, document.path, "--user", "bob"});
  BOOST_TEST(run.status == 0, run.err);
  const std::string text = read_all(document.path);
  BOOST_TEST(text.find("\"bob\"") != std::string::npos);
  BOOST_TEST(text.find("\"ann\"") != std::string::npos);          // who bob dealt with...
  BOOST_TEST(text.find("ann@example.org") == std::string::npos);  // ...without her secrets
  run = inspect({"import", fresh.path, document.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(hash_of(fresh.path, "bob") == hash_of(file.path, "bob"));
  BOOST_TEST(hash_of(fresh.path, "bob") != hash_of(file.path, "ann"));
  run = inspect({"check", fresh.path});
  BOOST_TEST(run.status == 0, run.out);
  // Bob's money and items are whole in the new file.
  Game game(test::options_with(clock, fresh.path));
  BOOST_TEST(game.ledger().account(world.bob_gold)->balance == 700 + 300 - 120);
  BOOST_TEST(game.inventory().quantity(world.bob, world.ore) == 6);
  BOOST_TEST(game.check().empty());
}

BOOST_FIXTURE_TEST_CASE(an_import_that_would_break_an_invariant_makes_no_file, Saved) {
  TempFile document;
  TempFile fresh;
  BOOST_TEST(inspect({"export", file.path, document.path}).status == 0);
  std::string text = read_all(document.path);
  // Bob's stack of ore, one more than his history says.
  const std::string stack =
      "[\"" + world.bob.value() + "\", " + std::to_string(world.ore.value()) + ", 6]";
  const std::size_t at = text.find(stack);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  text.replace(at, stack.size(),
               "[\"" + world.bob.value() + "\", " + std::to_string(world.ore.value()) + ", 7]");
  std::ofstream(document.path, std::ios::binary | std::ios::trunc) << text;
  Run run = inspect({"import", fresh.path, document.path});
  BOOST_TEST(run.status == 1);
  BOOST_TEST(run.says("inventory.history"));
  BOOST_TEST(!std::filesystem::exists(fresh.path));
  BOOST_TEST(!std::filesystem::exists(fresh.path + ".importing"));

  // A document from a newer version, and one that is not an export.
  std::ofstream(document.path, std::ios::binary | std::ios::trunc)
      << R"({"format": "hearth-export", "version": 1, "schema_version": 999, "tables": {},)"
         R"( "references": {}})";
  run = inspect({"import", fresh.path, document.path});
  BOOST_TEST(run.status == 4);
  BOOST_TEST(run.err.find("newer version") != std::string::npos);
  std::ofstream(document.path, std::ios::binary | std::ios::trunc) << "[1, 2]";
  BOOST_TEST(inspect({"import", fresh.path, document.path}).status == 2);
  BOOST_TEST(!std::filesystem::exists(fresh.path));
}

BOOST_FIXTURE_TEST_CASE(hash_depends_on_state_not_on_layout, Saved) {
  const std::string before = hash_of(file.path);
  BOOST_TEST(before == open().content_hash());  // the engine's hash, as the game reads it
  TempFile vacuumed;
  tamper("VACUUM INTO '" + vacuumed.path + "'");
  tamper("PRAGMA page_size = 8192; VACUUM");
  BOOST_TEST(hash_of(file.path) == before);
  BOOST_TEST(hash_of(vacuumed.path) == before);
  {
    Game game = open();
    game.messages().send({.sender = world.bob, .recipient = world.ann, .content = "x"}).value();
  }
  BOOST_TEST(hash_of(file.path) != before);
  const Run run = inspect({"hash", file.path, "--json"});
  BOOST_TEST(parse(run.out)["sha256"].GetStringLength() == 64u);
}

BOOST_FIXTURE_TEST_CASE(backup_copies_a_consistent_file_and_refuses_a_foreign_target, Saved) {
  TempFile copy;
  Run run = inspect({"backup", file.path, copy.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(hash_of(copy.path) == hash_of(file.path));
  copy.write("not a game");
  run = inspect({"backup", file.path, copy.path});
  BOOST_TEST(run.status == 4);
  BOOST_TEST(copy.bytes() == "not a game");
}

BOOST_FIXTURE_TEST_CASE(advance_moves_game_time_forward_only, Saved) {
  Run run = inspect({"advance", file.path, "+2h"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("to 2026-01-01T02:00:00.000Z"));
  {
    GameOptions options;
    options.path = file.path;
    options.read_only = true;
    Game game(options);
    BOOST_TEST(game.reached_at() >= test::kStart + 2 * kHour);
    BOOST_TEST(game.events_about(world.bob, 1).back().type == "cooldown.expired");
  }
  run = inspect({"advance", file.path, "2026-01-01"});
  BOOST_TEST(run.status == 6);
  BOOST_TEST(run.err.find("never runs backwards") != std::string::npos);
  for (const char* bad : {"+0s", "+3 days", "tomorrow", "2026-13-01", "+-1h"}) {
    BOOST_TEST(inspect({"advance", file.path, bad}).status == 2, bad);
  }
  run = inspect({"advance", file.path, "2026-02-01T00:00:00Z"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(inspect({"check", file.path}).status == 0);
}

BOOST_FIXTURE_TEST_CASE(a_write_waits_for_the_lock_then_fails_with_one_sentence, Saved) {
  SQLite::Database other(file.path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const std::string before = hash_of(file.path);  // reading goes on meanwhile
  const Run run = inspect({"advance", file.path, "+1h", "--busy-timeout", "50"});
  BOOST_TEST(run.status == 5);
  BOOST_TEST(run.err ==
             "hearth: Another process kept the game file locked past the busy timeout.\n");
  other.exec("ROLLBACK");
  BOOST_TEST(hash_of(file.path) == before);
}

BOOST_FIXTURE_TEST_CASE(rules_are_printed_and_set_only_when_valid, Saved) {
  Run run = inspect({"rules", file.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(parse(run.out)["turns"]["per_day"].GetInt() == Rules{}.turns.per_day);
  TempFile rules;
  rules.write(R"({"turns": {"per_day": 77}})");
  run = inspect({"rules", file.path, "set", rules.path});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(parse(inspect({"rules", file.path, "get"}).out)["turns"]["per_day"].GetInt() == 77);
  BOOST_TEST(inspect({"info", file.path}).says("\n  turns.per_day = 77\n"));
  const auto info = parse(inspect({"info", file.path, "--json"}).out);
  BOOST_TEST(info["rules changed"][0].GetString() == std::string("turns.per_day = 77"));
  for (const std::string& bad :
       {std::string(R"({"turns": {"per_dya": 5}})"),
        std::string(R"({"turns": {"per_day": "many"}})"), std::string("{turns")}) {
    rules.write(bad);
    run = inspect({"rules", file.path, "set", rules.path});
    BOOST_TEST(run.status == 2, bad);
  }
  BOOST_TEST(parse(inspect({"rules", file.path}).out)["turns"]["per_day"].GetInt() == 77);
  BOOST_TEST(inspect({"rules", file.path, "set"}).status == 2);
}

BOOST_FIXTURE_TEST_CASE(admin_actions_go_through_the_engines_commands, Saved) {
  Run run = inspect({"ban", file.path, "bob", "--by", "mod", "--reason", "spam", "--for", "2d"});
  BOOST_TEST(run.status == 0, run.err);
  BOOST_TEST(run.says("until 2026-01-03T00:00:00.000Z"));
  BOOST_TEST(inspect({"show", file.path, "user", "bob"}).says("spam"));
  // The engine's rules hold: a player cannot ban, nobody bans themselves.
  run = inspect({"ban", file.path, "ann", "--by", "bob", "--reason", "x"});
  BOOST_TEST(run.status == 6);
  BOOST_TEST(run.err.starts_with("hearth: "));
  BOOST_TEST(inspect({"ban", file.path, "mod", "--by", "mod", "--reason", "x"}).status == 6);
  BOOST_TEST(inspect({"ban", file.path, "nobody", "--by", "mod", "--reason", "x"}).status == 6);

  run = inspect({"unban", file.path, "bob", "--by", "mod"});
  BOOST_TEST(run.status == 0, run.err);
  run = inspect({"unban", file.path, "bob", "--by", "mod"});
  BOOST_TEST(run.status == 6);
  BOOST_TEST(run.err == "hearth: 'bob' has no ban in force.\n");

  run = inspect({"reset-password", file.path, "bob"}, "a-new-password-42\n");
  BOOST_TEST(run.status == 0, run.err);
  {
    Game game = open();
    BOOST_TEST(game.accounts().log_in("bob", "a-new-password-42").ok());
  }
  run = inspect({"reset-password", file.path, "bob"}, "short\n");
  BOOST_TEST(run.status == 6);
  BOOST_TEST(inspect({"reset-password", file.path, "bob"}).status == 2);
  BOOST_TEST(inspect({"check", file.path}).status == 0);
}

BOOST_AUTO_TEST_CASE(a_missing_or_foreign_file_is_refused_untouched) {
  TempFile file;
  Run run = inspect({"info", file.path});
  BOOST_TEST(run.status == 3);
  BOOST_TEST(!std::filesystem::exists(file.path));
  file.write("this is not a game file, it is a shopping list");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"info", file.path},
                                             {"check", file.path},
                                             {"query", file.path, "SELECT 1"},
                                             {"advance", file.path, "+1h"},
                                             {"migrate", "up", file.path},
                                             {"hash", file.path}}) {
    run = inspect(args);
    BOOST_TEST(run.status == 4, args.front());
    BOOST_TEST(run.err.find("not a game file") != std::string::npos, run.err);
  }
  BOOST_TEST(file.bytes() == "this is not a game file, it is a shopping list");
}

BOOST_AUTO_TEST_CASE(every_command_has_help_and_bad_arguments_exit_2) {
  for (const char* command :
       {"info", "check", "space", "migrate", "query", "show", "events", "export", "import",
        "backup", "advance", "rules", "hash", "ban", "unban", "reset-password"}) {
    const Run run = inspect({command, "--help"});
    BOOST_TEST(run.status == 0, command);
    BOOST_TEST(run.out.find("Usage") != std::string::npos, command);
  }
  Run run = inspect({"info"});
  BOOST_TEST(run.status == 2);
  BOOST_TEST(run.err.starts_with("hearth: "));
  BOOST_TEST(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  BOOST_TEST(inspect({"frobnicate", "x"}).status == 2);
  BOOST_TEST(inspect({}).status == 2);
}

BOOST_AUTO_TEST_SUITE_END()

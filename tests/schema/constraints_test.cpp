// The SQL model's own guards. For every table of migrations 0002-0006: a valid row inserts and
// each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its violation (leaving the table as it
// was); deletes cascade or set NULL as the schema says; the guard triggers refuse what they guard.
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include "tests/support/database.h"

namespace hearth {

namespace {

namespace tt = boost::test_tools;

// A row to insert: column name -> SQL literal ("'text'", "12", "NULL").
using Row = std::vector<std::pair<std::string, std::string>>;

// Fragments the error message of a refusal must all contain.
using Why = std::initializer_list<std::string_view>;

constexpr std::string_view kCheck = "CHECK constraint failed";
constexpr std::string_view kNotNull = "NOT NULL constraint failed";
constexpr std::string_view kUnique = "UNIQUE constraint failed";
constexpr std::string_view kForeignKey = "FOREIGN KEY constraint failed";

// A time in ms (2026-01-01T00:00:00Z) and one a minute later.
const std::string kT = "1767225600000";
const std::string kLater = "1767225660000";
const std::string kNull = "NULL";

// An SQL string literal.
std::string q(std::string_view text) {
  std::string literal = "'";
  for (const char c : text) {
    literal += c;
    if (c == '\'') literal += '\'';
  }
  return literal + "'";
}

std::string num(long long value) { return std::to_string(value); }

// A valid lowercase 36-character UUID, distinct for every n.
std::string uuid(int n) {
  const std::string digits = std::to_string(n);
  return "abcdef00-0000-4000-8000-" + std::string(12 - digits.size(), '0') + digits;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return text;
}

// `row` with one column set to `value` (added when missing).
Row with(Row row, std::string_view column, std::string value) {
  for (auto& [name, literal] : row) {
    if (name == column) {
      literal = std::move(value);
      return row;
    }
  }
  row.emplace_back(std::string(column), std::move(value));
  return row;
}

// `row` with several columns set.
Row with(Row row, std::initializer_list<std::pair<std::string_view, std::string>> changes) {
  for (const auto& [column, value] : changes) row = with(std::move(row), column, value);
  return row;
}

// `row` without a column (so the column's DEFAULT, or NULL, applies).
Row without(Row row, std::string_view column) {
  std::erase_if(row, [&](const auto& entry) { return entry.first == column; });
  return row;
}

std::string insert_sql(std::string_view table, const Row& row) {
  std::string columns;
  std::string values;
  for (const auto& [name, literal] : row) {
    if (!columns.empty()) {
      columns += ", ";
      values += ", ";
    }
    columns += name;
    values += literal;
  }
  return "INSERT INTO " + std::string(table) + " (" + columns + ") VALUES (" + values + ")";
}

// Inserts a parent row a test needs; stops the test when SQLite refuses it.
void add(test::FreshDatabase& fresh, std::string_view table, const Row& row) {
  const std::string statement = insert_sql(table, row);
  BOOST_REQUIRE_MESSAGE(fresh.try_exec(statement),
                        "setup refused (" << fresh.sql.getErrorMsg() << "): " << statement);
}

// Runs a setup statement; stops the test when SQLite refuses it.
void run(test::FreshDatabase& fresh, const std::string& statement) {
  BOOST_REQUIRE_MESSAGE(fresh.try_exec(statement),
                        "setup refused (" << fresh.sql.getErrorMsg() << "): " << statement);
}

long long count_of(test::FreshDatabase& fresh, std::string_view table,
                   std::string_view where = "") {
  std::string query = "SELECT count(*) FROM " + std::string(table);
  if (!where.empty()) query += " WHERE " + std::string(where);
  return fresh.scalar(query);
}

// Inserts into, updates and deletes from one table, and reports whether SQLite took the statement
// or refused it. A refusal must leave the whole table exactly as it was.
class Table {
 public:
  Table(test::FreshDatabase& fresh, std::string name) : fresh_(fresh), name_(std::move(name)) {
    SQLite::Statement columns(fresh_.sql, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    columns.bind(1, name_);
    std::string row_text;
    while (columns.executeStep()) {
      if (!row_text.empty()) row_text += " || '|' || ";
      row_text += "quote(" + columns.getColumn(0).getString() + ")";
    }
    BOOST_REQUIRE_MESSAGE(!row_text.empty(), "no table " << name_);
    snapshot_query_ =
        "SELECT count(*) || ':' || coalesce(group_concat(r, char(10)), '') FROM (SELECT " +
        row_text + " AS r FROM " + name_ + " ORDER BY rowid)";
  }

  long long count() { return count_of(fresh_, name_); }

  // The row inserts: SQLite takes it and the table has one more row.
  tt::assertion_result accepts(const Row& row) {
    const long long before = count();
    tt::assertion_result result = accepts_statement(insert_sql(name_, row));
    if (result && count() != before + 1) {
      result = false;
      result.message() << name_ << " did not grow by one row";
    }
    return result;
  }

  // SQLite refuses the row for a reason whose message contains every fragment of `why`.
  tt::assertion_result refuses(const Row& row, Why why) {
    return refuses_statement(insert_sql(name_, row), why);
  }

  // Any statement on the table (an UPDATE, a DELETE) runs.
  tt::assertion_result accepts_statement(const std::string& statement) {
    if (fresh_.try_exec(statement)) return true;
    tt::assertion_result result(false);
    result.message() << "SQLite refused it (" << fresh_.sql.getErrorMsg() << "): " << statement;
    return result;
  }

  // SQLite refuses the statement for a reason whose message contains every fragment of `why`,
  // and the whole table is left exactly as it was.
  tt::assertion_result refuses_statement(const std::string& statement, Why why) {
    const std::string before = snapshot();
    if (fresh_.try_exec(statement)) {
      tt::assertion_result result(false);
      result.message() << "SQLite accepted: " << statement;
      return result;
    }
    const std::string error = fresh_.sql.getErrorMsg();
    for (const std::string_view fragment : why) {
      if (error.find(fragment) == std::string::npos) {
        tt::assertion_result result(false);
        result.message() << "refused for \"" << error << "\", not for \"" << fragment
                         << "\": " << statement;
        return result;
      }
    }
    if (snapshot() != before) {
      tt::assertion_result result(false);
      result.message() << "refused, but " << name_ << " changed: " << statement;
      return result;
    }
    return true;
  }

 private:
  std::string snapshot() { return fresh_.sql.execAndGet(snapshot_query_).getString(); }

  test::FreshDatabase& fresh_;
  std::string name_;
  std::string snapshot_query_;
};

// People, and the ids of the rows around them.
const std::string kAlice = uuid(1);
const std::string kBob = uuid(2);
const std::string kCarol = uuid(3);
const std::string kDave = uuid(4);
const std::string kAlicePlayer = uuid(11);
const std::string kBobPlayer = uuid(12);
const std::string kCarolPlayer = uuid(13);
const std::string kTeam = uuid(21);
const std::string kOtherTeam = uuid(22);
const std::string kNewFaction = uuid(31);
const std::string kRegion = uuid(41);
const std::string kStation = uuid(51);
const std::string kPlanet = uuid(61);
const std::string kShip = uuid(71);
const std::string kReputation = uuid(81);
const std::string kMessage = uuid(91);
const std::string kThread = uuid(99);
const std::string kSession = uuid(101);
const std::string kExchange = uuid(111);
const std::string kAsset = uuid(121);
const std::string kOauth = uuid(131);
const std::string kMfaAttempt = uuid(141);

// Seeded rows (0007_reference_data.sql).
const std::string kTerran = "fac00000-0000-4000-8000-000000000001";
const std::string kMercantile = "fac00000-0000-4000-8000-000000000002";
const std::string kFringe = "fac00000-0000-4000-8000-000000000006";
const std::string kShadow = "fac00000-0000-4000-8000-000000000008";
constexpr int kCredits = 1;      // the default currency
constexpr int kFragments = 2;    // a second money currency
constexpr int kCreditsMint = 1;  // currency c: mint account 2c - 1, sink account 2c
constexpr int kCreditsSink = 2;
constexpr int kFragmentsMint = 3;
constexpr int kPlayerRole = 1;
constexpr int kMemberRole = 2;
constexpr int kAdminRole = 4;
constexpr int kReducedRole = 5;
constexpr int kWebPrivilege = 1;
constexpr int kTradePrivilege = 8;

// Minimal valid rows (every NOT NULL column without a default), one builder per table.

Row user_row(const std::string& id, std::string_view username) {
  return {{"id", q(id)}, {"username", q(username)}, {"created_at", kT}, {"updated_at", kT}};
}

Row token_row(int id, std::string_view token, const std::string& user) {
  return {{"id", num(id)},
          {"token", q(token)},
          {"type", q("refresh")},
          {"user_id", q(user)},
          {"created_at", kT}};
}

Row oauth_row(const std::string& id, const std::string& user, std::string_view provider_user) {
  return {{"id", q(id)},
          {"user_id", q(user)},
          {"provider", q("discord")},
          {"provider_user_id", q(provider_user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row mfa_secret_row(const std::string& user) {
  return {{"user_id", q(user)},
          {"secret", q("JBSWY3DPEHPK3PXP")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row mfa_attempt_row(const std::string& id, const std::string& user) {
  return {{"id", q(id)},
          {"user_id", q(user)},
          {"attempt_type", q("totp")},
          {"success", "1"},
          {"created_at", kT}};
}

Row privilege_row(int id, std::string_view privilege) {
  return {{"id", num(id)}, {"privilege", q(privilege)}, {"created_at", kT}, {"updated_at", kT}};
}

Row role_row(int id, std::string_view role) {
  return {{"id", num(id)}, {"role", q(role)}, {"created_at", kT}, {"updated_at", kT}};
}

Row ban_row(int id, const std::string& user, const std::string& admin) {
  return {{"id", num(id)},
          {"reason", q("griefing")},
          {"user_id", q(user)},
          {"admin_id", q(admin)},
          {"created_at", kT}};
}

// A friends, follows or blocks row.
Row pair_row(int id, const std::string& user, const std::string& target) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"target_id", q(target)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row region_row(const std::string& id, std::string_view name) {
  return {{"id", q(id)}, {"name", q(name)}, {"created_at", kT}, {"updated_at", kT}};
}

Row sector_row(int id) { return {{"id", num(id)}, {"created_at", kT}, {"updated_at", kT}}; }

Row station_row(const std::string& id, int sector) {
  return {{"id", q(id)},
          {"sector_id", num(sector)},
          {"name", q("Waystation")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row planet_row(const std::string& id, int sector) {
  return {{"id", q(id)},
          {"sector_id", num(sector)},
          {"name", q("Terra Nova")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row faction_row(const std::string& id, std::string_view code, std::string_view name) {
  return {{"id", q(id)},      {"code", q(code)},
          {"name", q(name)},  {"faction_type", q("Explorers")},
          {"created_at", kT}, {"updated_at", kT}};
}

Row player_row(const std::string& id, const std::string& user) {
  return {{"id", q(id)}, {"user_id", q(user)}, {"created_at", kT}, {"updated_at", kT}};
}

Row ship_row(const std::string& id, const std::string& owner) {
  return {{"id", q(id)},
          {"owner_id", q(owner)},
          {"name", q("Rustbucket")},
          {"type", q("ESCAPE_POD")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row reputation_row(const std::string& id, const std::string& player, const std::string& faction) {
  return {{"id", q(id)},
          {"player_id", q(player)},
          {"faction_id", q(faction)},
          {"last_activity_at", kT},
          {"created_at", kT}};
}

Row team_row(const std::string& id, std::string_view name) {
  return {{"id", q(id)}, {"name", q(name)}, {"created_at", kT}, {"updated_at", kT}};
}

Row member_row(const std::string& team, const std::string& player) {
  return {{"team_id", q(team)}, {"player_id", q(player)}, {"joined_at", kT}};
}

Row invitation_row(std::string_view code, const std::string& team, const std::string& player) {
  return {{"code", q(code)},
          {"team_id", q(team)},
          {"player_id", q(player)},
          {"created_at", kT},
          {"expires_at", kLater}};
}

Row message_row(const std::string& id, const std::string& sender, const std::string& recipient) {
  return {{"id", q(id)},           {"sender_id", q(sender)}, {"recipient_id", q(recipient)},
          {"content", q("hello")}, {"sent_at", kT},          {"thread_id", q(kThread)}};
}

Row session_row(const std::string& id, const std::string& player) {
  return {{"id", q(id)}, {"player_id", q(player)}, {"started_at", kT}};
}

Row exchange_row(const std::string& id, const std::string& session, int sequence) {
  return {{"id", q(id)},
          {"session_id", q(session)},
          {"sequence_number", num(sequence)},
          {"npc_prompt", q("Papers, please.")},
          {"created_at", kT}};
}

Row currency_row(int id, std::string_view name) {
  return {{"id", num(id)},
          {"type", q("whole")},
          {"name", q(name)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row user_account_row(int id, int currency, const std::string& user) {
  return {{"id", num(id)},           {"currency_id", num(currency)},
          {"owner_kind", q("user")}, {"user_id", q(user)},
          {"created_at", kT},        {"updated_at", kT}};
}

Row transaction_row(int id, int currency, int from, int to) {
  return {{"id", num(id)},
          {"currency_id", num(currency)},
          {"from_account_id", num(from)},
          {"to_account_id", num(to)},
          {"amount", "100"},
          {"type", q("DAILY")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row item_row(int id, std::string_view name) {
  return {{"id", num(id)}, {"name", q(name)}, {"type", q("MATERIAL")}};
}

Row item_transaction_row(int id, const std::string& user, int item) {
  return {{"id", num(id)},   {"user_id", q(user)},    {"item_id", num(item)},
          {"quantity", "3"}, {"type", q("SHOP_BUY")}, {"created_at", kT}};
}

Row asset_row(const std::string& id) {
  return {{"id", q(id)}, {"created_at", kT}, {"updated_at", kT}};
}

Row content_row(int id) {
  return {{"id", num(id)},
          {"name", q("Top hat")},
          {"description", q("A tall hat.")},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row revision_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row moderator_action_row(int id, int content, int revision, const std::string& user) {
  return {{"id", num(id)},          {"content_id", num(content)}, {"revision_id", num(revision)},
          {"action", q("approve")}, {"user_id", q(user)},         {"created_at", kT},
          {"updated_at", kT}};
}

Row object_asset_row(int id, int content, int revision, const std::string& asset) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"revision_id", num(revision)},
          {"asset_id", q(asset)},
          {"type", q("mesh")}};
}

Row price_row(int id, int content, int currency) {
  return {{"id", num(id)},    {"content_id", num(content)},
          {"price", "250"},   {"currency_id", num(currency)},
          {"created_at", kT}, {"updated_at", kT}};
}

Row ownership_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row trade_row(int id, const std::string& user, const std::string& recipient) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"recipient_id", q(recipient)},
          {"created_at", kT},
          {"updated_at", kT}};
}

// A favorites row (content_votes adds its vote).
Row favorite_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row report_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},       {"content_id", num(content)},      {"user_id", q(user)},
          {"reason", q("spam")}, {"description", q("It is spam.")}, {"created_at", kT},
          {"updated_at", kT}};
}

Row provisioning_host_row(int id, std::string_view token) {
  return {{"id", num(id)},    {"token", q(token)}, {"api_url", q("https://host.example.org")},
          {"capacity", "10"}, {"slots", "4"},      {"created_at", kT},
          {"updated_at", kT}};
}

Row server_row(int id, std::string_view token, const std::string& user) {
  return {{"id", num(id)},         {"token", q(token)},
          {"user_id", q(user)},    {"socket_host", q("127.0.0.1")},
          {"socket_port", "7777"}, {"api_url", q("http://127.0.0.1:7778")},
          {"created_at", kT},      {"updated_at", kT}};
}

Row host_ban_row(int id, std::string_view ip, const std::string& admin) {
  return {{"id", num(id)},        {"ip", q(ip)},      {"admin_id", q(admin)},
          {"reason", q("abuse")}, {"created_at", kT}, {"updated_at", kT}};
}

Row character_row(int id, const std::string& user, int model) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"content_id", num(model)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row property_row(int id, int character, std::string_view property) {
  return {{"id", num(id)},         {"character_id", num(character)}, {"property", q(property)},
          {"value", q("#FF0000")}, {"value_type", q("color")},       {"created_at", kT},
          {"updated_at", kT}};
}

Row worn_row(int id, int character, int content) {
  return {{"id", num(id)},
          {"character_id", num(character)},
          {"content_id", num(content)},
          {"created_at", kT},
          {"updated_at", kT}};
}

Row play_session_row(int id, std::string_view token, const std::string& user, int character,
                     int game, int server) {
  return {{"id", num(id)},        {"token", q(token)},
          {"user_id", q(user)},   {"character_id", num(character)},
          {"game_id", num(game)}, {"server_id", num(server)},
          {"created_at", kT}};
}

Row quest_row(int id) {
  return {{"id", num(id)}, {"name", q("First trade")}, {"trigger_event", q("trade:done")}};
}

Row timer_row(const std::string& user, std::string_view type, std::string_view key) {
  return {{"user_id", q(user)}, {"type", q(type)}, {"key", q(key)}, {"expires_at", kLater}};
}

Row lootdrop_row(std::string_view message) {
  return {{"message_id", q(message)},
          {"reward_amount", "50"},
          {"currency_id", num(kCredits)},
          {"created_at", kT},
          {"expires_at", kLater}};
}

Row case_row(int id, std::string_view case_id) {
  return {{"id", num(id)},          {"case_id", q(case_id)},      {"type", q("WARN")},
          {"username", q("alice")}, {"moderator_name", q("bob")}, {"reason", q("spam")},
          {"created_at", kT}};
}

// Parents most tests need.

void add_users(test::FreshDatabase& fresh) {
  add(fresh, "users", user_row(kAlice, "alice"));
  add(fresh, "users", user_row(kBob, "bob"));
  add(fresh, "users", user_row(kCarol, "carol"));
}

void add_players(test::FreshDatabase& fresh) {
  add_users(fresh);
  add(fresh, "players", player_row(kAlicePlayer, kAlice));
  add(fresh, "players", player_row(kBobPlayer, kBob));
  add(fresh, "players", player_row(kCarolPlayer, kCarol));
}

// Content 1 with revision 1 by alice.
void add_content(test::FreshDatabase& fresh) {
  add(fresh, "content", content_row(1));
  add(fresh, "content_revisions", revision_row(1, 1, kAlice));
}

// Content 10 (type 'game') as game 10, content 20 (type 'character') as a character model.
void add_game(test::FreshDatabase& fresh) {
  add(fresh, "content", with(content_row(10), "type", q("game")));
  add(fresh, "games", {{"id", "10"}});
  add(fresh, "content", with(content_row(20), "type", q("character")));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(constraints_test, test::FreshDatabase)

// -- identity (0002) ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(users_take_a_valid_row_and_refuse_each_violation) {
  Table users(*this, "users");
  BOOST_TEST(users.accepts(user_row(kAlice, "Alice")));
  BOOST_TEST(scalar("SELECT language = 'en' AND verified = 0 AND activated = 1 AND is_active = 1 "
                    "AND is_admin = 0 AND deleted = 0 AND email IS NULL FROM users WHERE id = " +
                    q(kAlice)) == 1);
  // Every optional column set, the length limits at their edges, a soft-deleted user.
  BOOST_TEST(users.accepts(
      with(user_row(kCarol, std::string(50, 'c')), {{"email", q("carol@example.org")},
                                                    {"phone", q(std::string(255, '5'))},
                                                    {"country", q("DE")},
                                                    {"language", q("de")},
                                                    {"password_hash", q(std::string(255, 'h'))},
                                                    {"password_changed_at", kT},
                                                    {"display_name", q("Carol")},
                                                    {"verified", "1"},
                                                    {"activated", "0"},
                                                    {"is_active", "0"},
                                                    {"is_admin", "1"},
                                                    {"deleted", "1"},
                                                    {"deleted_at", kLater},
                                                    {"paypal_subscription_id", q("I-123")},
                                                    {"subscription_tier", q(std::string(50, 't'))},
                                                    {"subscription_status", q("active")},
                                                    {"subscription_started_at", kT},
                                                    {"subscription_expires_at", kLater},
                                                    {"last_login_at", kT}})));

  const Row bob = user_row(kBob, "bob");
  BOOST_TEST(users.refuses(with(bob, "id", q(kAlice)), {kUnique, "users.id"}));
  BOOST_TEST(users.refuses(with(bob, "id", q(upper(kBob))), {kCheck, "lower(id)"}));
  BOOST_TEST(users.refuses(with(bob, "id", q(kBob.substr(1))), {kCheck, "length(id)"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("Alice")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("alice")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("ALICE")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(without(bob, "username"), {kNotNull, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("")), {kCheck, "length(username)"}));
  BOOST_TEST(
      users.refuses(with(bob, "username", q(std::string(51, 'b'))), {kCheck, "length(username)"}));
  BOOST_TEST(users.refuses(with(bob, "email", q("CAROL@Example.org")), {kUnique, "users.email"}));
  BOOST_TEST(users.refuses(with(bob, "email", q("b@")), {kCheck, "length(email)"}));
  BOOST_TEST(users.refuses(with(bob, "phone", q(std::string(256, '5'))), {kCheck, "phone"}));
  BOOST_TEST(users.refuses(with(bob, "country", q("DEU")), {kCheck, "country"}));
  BOOST_TEST(users.refuses(with(bob, "language", q("eng")), {kCheck, "language"}));
  BOOST_TEST(users.refuses(with(bob, "language", kNull), {kNotNull, "users.language"}));
  BOOST_TEST(users.refuses(with(bob, "password_hash", q(std::string(256, 'h'))),
                           {kCheck, "password_hash"}));
  BOOST_TEST(
      users.refuses(with(bob, "display_name", q(std::string(256, 'd'))), {kCheck, "display_name"}));
  for (const char* flag : {"verified", "activated", "is_active", "is_admin", "deleted"}) {
    BOOST_TEST(users.refuses(with(bob, flag, "2"), {kCheck, flag}));
    BOOST_TEST(users.refuses(with(bob, flag, kNull), {kNotNull, flag}));
  }
  BOOST_TEST(users.refuses(with(bob, "deleted", "1"), {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.refuses(with(bob, "deleted_at", kT), {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.refuses(with(bob, "paypal_subscription_id", q(std::string(256, 'p'))),
                           {kCheck, "paypal_subscription_id"}));
  BOOST_TEST(users.refuses(with(bob, "subscription_tier", q(std::string(51, 't'))),
                           {kCheck, "subscription_tier"}));
  BOOST_TEST(users.refuses(with(bob, "subscription_status", q(std::string(51, 's'))),
                           {kCheck, "subscription_status"}));
  BOOST_TEST(users.refuses(without(bob, "created_at"), {kNotNull, "users.created_at"}));
  BOOST_TEST(users.refuses(without(bob, "updated_at"), {kNotNull, "users.updated_at"}));
  // The row every violation above started from is valid; users without an email never collide.
  BOOST_TEST(users.accepts(bob));
  BOOST_TEST(users.accepts(user_row(kDave, "dave")));
  // Updates are held to the same rules.
  BOOST_TEST(users.refuses_statement("UPDATE users SET username = 'BOB' WHERE id = " + q(kDave),
                                     {kUnique, "users.username"}));
  BOOST_TEST(users.refuses_statement("UPDATE users SET deleted = 1 WHERE id = " + q(kDave),
                                     {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.count() == 4);
}

BOOST_AUTO_TEST_CASE(user_tokens_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table tokens(*this, "user_tokens");
  BOOST_TEST(tokens.accepts(token_row(1, "t-1", kAlice)));
  // A refresh series: token 2 succeeds token 1.
  BOOST_TEST(tokens.accepts(with(token_row(2, "t-2", kAlice), "previous_id", "1")));

  const Row next = token_row(3, "t-3", kAlice);
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "1"), {kUnique, "user_tokens.previous_id"}));
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "3"), {kCheck, "previous_id <> id"}));
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "99"), {kForeignKey}));
  BOOST_TEST(tokens.refuses(with(next, "id", "1"), {kUnique, "user_tokens.id"}));
  BOOST_TEST(tokens.refuses(with(next, "token", q("t-1")), {kUnique, "user_tokens.token"}));
  BOOST_TEST(tokens.refuses(without(next, "token"), {kNotNull, "user_tokens.token"}));
  BOOST_TEST(tokens.refuses(with(next, "type", q("Refresh")), {kCheck, "type IN"}));
  BOOST_TEST(tokens.refuses(with(next, "type", q("session")), {kCheck, "type IN"}));
  BOOST_TEST(tokens.refuses(without(next, "type"), {kNotNull, "user_tokens.type"}));
  BOOST_TEST(tokens.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(tokens.refuses(without(next, "user_id"), {kNotNull, "user_tokens.user_id"}));
  BOOST_TEST(tokens.refuses(without(next, "created_at"), {kNotNull, "user_tokens.created_at"}));
  BOOST_TEST(tokens.accepts(next));
  // Every token type of the platform is accepted.
  int id = 10;
  for (const char* type : {"generic", "activation", "deactivation", "password", "login", "gdpr",
                           "totp", "public_key", "recovery", "refresh"}) {
    BOOST_TEST(tokens.accepts(with(token_row(id, "typed-" + num(id), kBob), "type", q(type))));
    ++id;
  }
  BOOST_TEST(tokens.count() == 13);
}

BOOST_AUTO_TEST_CASE(oauth_accounts_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table oauth(*this, "oauth_accounts");
  BOOST_TEST(oauth.accepts(oauth_row(kOauth, kAlice, "80351110224678912")));
  // The same external id at another provider is another account.
  BOOST_TEST(oauth.accepts(
      with(oauth_row(uuid(132), kBob, "80351110224678912"), "provider", q("github"))));

  const Row next = oauth_row(uuid(133), kBob, "1234");
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q("80351110224678912")),
                           {kUnique, "oauth_accounts.provider"}));
  BOOST_TEST(oauth.refuses(with(next, "id", q(kOauth)), {kUnique, "oauth_accounts.id"}));
  BOOST_TEST(oauth.refuses(with(next, "id", q(upper(uuid(133)))), {kCheck, "lower(id)"}));
  BOOST_TEST(oauth.refuses(with(next, "provider", q("")), {kCheck, "length(provider)"}));
  BOOST_TEST(
      oauth.refuses(with(next, "provider", q(std::string(21, 'p'))), {kCheck, "length(provider)"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q("")), {kCheck, "provider_user_id"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q(std::string(256, '9'))),
                           {kCheck, "provider_user_id"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_account_email", q(std::string(256, 'e'))),
                           {kCheck, "provider_account_email"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_account_username", q(std::string(256, 'u'))),
                           {kCheck, "provider_account_username"}));
  BOOST_TEST(oauth.refuses(with(next, "deleted", "2"), {kCheck, "deleted"}));
  BOOST_TEST(oauth.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(oauth.refuses(without(next, "user_id"), {kNotNull, "oauth_accounts.user_id"}));
  BOOST_TEST(oauth.refuses(without(next, "provider"), {kNotNull, "oauth_accounts.provider"}));
  BOOST_TEST(oauth.accepts(next));
}

BOOST_AUTO_TEST_CASE(mfa_secrets_and_attempts_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table secrets(*this, "mfa_secrets");
  BOOST_TEST(secrets.accepts(mfa_secret_row(kAlice)));
  BOOST_TEST(scalar("SELECT backup_codes = '[]' AND is_enabled = 0 FROM mfa_secrets") == 1);
  BOOST_TEST(secrets.refuses(mfa_secret_row(kAlice), {kUnique, "mfa_secrets.user_id"}));

  const Row bobs = mfa_secret_row(kBob);
  BOOST_TEST(secrets.refuses(with(bobs, "backup_codes", q("{}")), {kCheck, "backup_codes"}));
  BOOST_TEST(secrets.refuses(with(bobs, "backup_codes", q("[1,")), {kCheck, "backup_codes"}));
  BOOST_TEST(secrets.refuses(with(bobs, "is_enabled", "2"), {kCheck, "is_enabled"}));
  BOOST_TEST(secrets.refuses(without(bobs, "secret"), {kNotNull, "mfa_secrets.secret"}));
  BOOST_TEST(secrets.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(secrets.accepts(with(bobs, "backup_codes", q(R"(["a1b2c3", "d4e5f6"])"))));

  Table attempts(*this, "mfa_attempts");
  BOOST_TEST(attempts.accepts(mfa_attempt_row(kMfaAttempt, kAlice)));
  BOOST_TEST(attempts.accepts(
      with(mfa_attempt_row(uuid(142), kAlice), {{"attempt_type", q("backup_code")},
                                                {"success", "0"},
                                                {"ip_address", q(std::string(255, '1'))}})));
  const Row next = mfa_attempt_row(uuid(143), kBob);
  BOOST_TEST(attempts.refuses(with(next, "attempt_type", q("TOTP")), {kCheck, "attempt_type"}));
  BOOST_TEST(attempts.refuses(with(next, "attempt_type", q("sms")), {kCheck, "attempt_type"}));
  BOOST_TEST(attempts.refuses(with(next, "success", "2"), {kCheck, "success"}));
  BOOST_TEST(attempts.refuses(without(next, "success"), {kNotNull, "mfa_attempts.success"}));
  BOOST_TEST(
      attempts.refuses(with(next, "ip_address", q(std::string(256, '1'))), {kCheck, "ip_address"}));
  BOOST_TEST(attempts.refuses(with(next, "id", q(kMfaAttempt)), {kUnique, "mfa_attempts.id"}));
  BOOST_TEST(attempts.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(attempts.accepts(next));
}

BOOST_AUTO_TEST_CASE(privileges_roles_and_their_grants_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table privileges(*this, "privileges");
  BOOST_TEST(privileges.count() == 22);
  BOOST_TEST(privileges.accepts(
      with(privilege_row(30, "create:world"),
           {{"automatic", "1"}, {"created_by", q(kAlice)}, {"updated_by", q(kBob)}})));
  const Row next = privilege_row(31, "create:sound");
  BOOST_TEST(
      privileges.refuses(with(next, "privilege", q("web")), {kUnique, "privileges.privilege"}));
  BOOST_TEST(privileges.refuses(with(next, "id", "30"), {kUnique, "privileges.id"}));
  BOOST_TEST(privileges.refuses(with(next, "privilege", q("")), {kCheck, "length(privilege)"}));
  BOOST_TEST(privileges.refuses(with(next, "privilege", q(std::string(101, 'p'))),
                                {kCheck, "length(privilege)"}));
  BOOST_TEST(privileges.refuses(without(next, "privilege"), {kNotNull, "privileges.privilege"}));
  BOOST_TEST(privileges.refuses(with(next, "automatic", "2"), {kCheck, "automatic"}));
  BOOST_TEST(privileges.refuses(with(next, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(privileges.refuses(with(next, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(privileges.accepts(next));

  Table roles(*this, "roles");
  BOOST_TEST(roles.count() == 5);
  BOOST_TEST(roles.accepts(
      with(role_row(10, "vip"), {{"parent_id", num(kMemberRole)}, {"created_by", q(kAlice)}})));
  const Row tester = role_row(11, "tester");
  BOOST_TEST(roles.refuses(with(tester, "role", q("admin")), {kUnique, "roles.role"}));
  BOOST_TEST(roles.refuses(with(tester, "role", q("")), {kCheck, "length(role)"}));
  BOOST_TEST(
      roles.refuses(with(tester, "role", q(std::string(101, 'r'))), {kCheck, "length(role)"}));
  BOOST_TEST(roles.refuses(with(tester, "parent_id", "99"), {kForeignKey}));
  BOOST_TEST(roles.refuses(with(tester, "parent_id", "11"), {kCheck, "parent_id <> id"}));
  BOOST_TEST(roles.refuses(with(tester, "automatic", "2"), {kCheck, "automatic"}));
  BOOST_TEST(roles.refuses(with(tester, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(roles.accepts(tester));

  Table role_privileges(*this, "role_privileges");
  const Row grant = {{"role_id", "10"}, {"privilege_id", "30"}};
  BOOST_TEST(role_privileges.accepts(grant));
  BOOST_TEST(role_privileges.refuses(grant, {kUnique, "role_privileges.role_id"}));
  BOOST_TEST(role_privileges.refuses(with(grant, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(role_privileges.refuses(with(grant, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(role_privileges.refuses(with(grant, "role_id", kNull),
                                     {kNotNull, "role_privileges.role_id"}));
  BOOST_TEST(role_privileges.accepts(with(grant, "privilege_id", "31")));

  Table user_roles(*this, "user_roles");
  const Row holds = {{"user_id", q(kAlice)}, {"role_id", num(kPlayerRole)}};
  BOOST_TEST(user_roles.accepts(holds));
  BOOST_TEST(user_roles.refuses(holds, {kUnique, "user_roles.user_id"}));
  BOOST_TEST(user_roles.refuses(with(holds, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(user_roles.refuses(with(holds, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(user_roles.refuses(with(holds, "user_id", kNull), {kNotNull, "user_roles.user_id"}));
  BOOST_TEST(user_roles.accepts(with(holds, "role_id", "10")));

  Table user_privileges(*this, "user_privileges");
  const Row direct = {{"user_id", q(kBob)}, {"privilege_id", "30"}};
  BOOST_TEST(user_privileges.accepts(direct));
  BOOST_TEST(user_privileges.refuses(direct, {kUnique, "user_privileges.user_id"}));
  BOOST_TEST(user_privileges.refuses(with(direct, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(user_privileges.refuses(with(direct, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(user_privileges.refuses(with(direct, "privilege_id", kNull),
                                     {kNotNull, "user_privileges.privilege_id"}));
  BOOST_TEST(user_privileges.accepts(with(direct, "privilege_id", num(kWebPrivilege))));
}

BOOST_AUTO_TEST_CASE(bans_take_a_user_or_an_ip_network_and_refuse_each_violation) {
  add_users(*this);
  Table bans(*this, "bans");
  BOOST_TEST(bans.accepts(ban_row(1, kAlice, kBob)));
  BOOST_TEST(scalar("SELECT cidr = 32 AND privilege_ban = 0 AND ip IS NULL FROM bans") == 1);
  // A pure IP ban (no user), its netmask at the edges: 0..32 for IPv4, 0..128 for IPv6.
  const auto ip_ban = [](int id, std::string_view ip, int cidr) {
    return with(without(ban_row(id, kAlice, kBob), "user_id"),
                {{"ip", q(ip)}, {"cidr", num(cidr)}});
  };
  BOOST_TEST(bans.accepts(ip_ban(2, "10.0.0.0", 0)));
  BOOST_TEST(bans.accepts(ip_ban(3, "10.0.0.1", 32)));
  BOOST_TEST(bans.accepts(ip_ban(4, "2001:db8::", 0)));
  BOOST_TEST(bans.accepts(ip_ban(5, "2001:db8::1", 128)));
  BOOST_TEST(bans.refuses(ip_ban(6, "10.0.0.0", 33), {kCheck, "cidr <= 32"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "10.0.0.0", -1), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "2001:db8::", 129), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "2001:db8::", -1), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "", 32), {kCheck, "length(ip)"}));
  BOOST_TEST(bans.refuses(ip_ban(6, std::string(256, '1'), 32), {kCheck, "length(ip)"}));

  const Row next = ban_row(6, kCarol, kBob);
  BOOST_TEST(
      bans.refuses(without(next, "user_id"), {kCheck, "user_id IS NOT NULL OR ip IS NOT NULL"}));
  BOOST_TEST(bans.refuses(with(next, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(bans.refuses(without(next, "reason"), {kNotNull, "bans.reason"}));
  BOOST_TEST(bans.refuses(without(next, "admin_id"), {kNotNull, "bans.admin_id"}));
  BOOST_TEST(bans.refuses(with(next, "admin_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(bans.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(bans.refuses(with(next, "privilege_ban", "2"), {kCheck, "privilege_ban"}));
  BOOST_TEST(bans.refuses(with(next, "cidr", kNull), {kNotNull, "bans.cidr"}));
  BOOST_TEST(bans.refuses(without(next, "created_at"), {kNotNull, "bans.created_at"}));
  BOOST_TEST(bans.accepts(with(next, {{"privilege_ban", "1"}, {"expires_at", kLater}})));

  Table ban_privileges(*this, "ban_privileges");
  const Row removed = {{"ban_id", "6"}, {"privilege_id", num(kTradePrivilege)}};
  BOOST_TEST(ban_privileges.accepts(removed));
  BOOST_TEST(ban_privileges.refuses(removed, {kUnique, "ban_privileges.ban_id"}));
  BOOST_TEST(ban_privileges.refuses(with(removed, "ban_id", "99"), {kForeignKey}));
  BOOST_TEST(ban_privileges.refuses(with(removed, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(ban_privileges.accepts(with(removed, "privilege_id", num(kWebPrivilege))));
}

BOOST_AUTO_TEST_CASE(friends_follows_and_blocks_take_valid_pairs_and_refuse_each_violation) {
  add_users(*this);
  Table friends(*this, "friends");
  BOOST_TEST(friends.accepts(pair_row(1, kAlice, kBob)));
  BOOST_TEST(scalar("SELECT pending FROM friends WHERE id = 1") == 1);
  // One row per pair, whichever direction it was asked in.
  BOOST_TEST(friends.refuses(pair_row(2, kBob, kAlice), {kUnique, "friends_one_per_pair"}));
  BOOST_TEST(friends.refuses(pair_row(2, kAlice, kBob), {kUnique, "friends_one_per_pair"}));
  BOOST_TEST(friends.refuses(pair_row(2, kCarol, kCarol), {kCheck, "user_id <> target_id"}));
  BOOST_TEST(
      friends.refuses(with(pair_row(2, kAlice, kCarol), "pending", "2"), {kCheck, "pending"}));
  BOOST_TEST(friends.refuses(pair_row(2, kAlice, kDave), {kForeignKey}));
  BOOST_TEST(friends.refuses(pair_row(2, kDave, kAlice), {kForeignKey}));
  BOOST_TEST(friends.accepts(with(pair_row(2, kCarol, kAlice), "pending", "0")));

  for (const char* name : {"follows", "blocks"}) {
    BOOST_TEST_CONTEXT(name) {
      Table table(*this, name);
      BOOST_TEST(table.accepts(pair_row(1, kAlice, kBob)));
      // One-way: the reverse direction is another row.
      BOOST_TEST(table.accepts(pair_row(2, kBob, kAlice)));
      BOOST_TEST(
          table.refuses(pair_row(3, kAlice, kBob), {kUnique, std::string(name) + ".user_id"}));
      BOOST_TEST(table.refuses(pair_row(3, kCarol, kCarol), {kCheck, "user_id <> target_id"}));
      BOOST_TEST(table.refuses(pair_row(3, kCarol, kDave), {kForeignKey}));
      BOOST_TEST(table.refuses(without(pair_row(3, kCarol, kAlice), "target_id"),
                               {kNotNull, std::string(name) + ".target_id"}));
      BOOST_TEST(table.accepts(pair_row(3, kCarol, kAlice)));
    }
  }
}

// -- players, world, factions, teams, messages, onboarding (0003) -------------------------------

BOOST_AUTO_TEST_CASE(
    regions_sectors_stations_and_planets_take_valid_rows_and_refuse_each_violation) {
  add_players(*this);
  Table regions(*this, "regions");
  BOOST_TEST(regions.accepts(with(region_row(kRegion, "Core Worlds"), "owner_id", q(kAlice))));
  const Row rim = region_row(uuid(42), "Outer Rim");
  BOOST_TEST(regions.refuses(with(rim, "name", q("CORE WORLDS")), {kUnique, "regions.name"}));
  BOOST_TEST(regions.refuses(with(rim, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      regions.refuses(with(rim, "name", q(std::string(101, 'r'))), {kCheck, "length(name)"}));
  BOOST_TEST(regions.refuses(with(rim, "owner_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(regions.refuses(with(rim, "id", q(upper(uuid(42)))), {kCheck, "lower(id)"}));
  BOOST_TEST(regions.accepts(rim));

  Table sectors(*this, "sectors");
  BOOST_TEST(count_of(*this, "sectors", "id = 1") ==
             1);  // the starting sector ships with the schema
  BOOST_TEST(sectors.accepts(with(
      sector_row(2),
      {{"name", q("Sol")}, {"region_id", q(kRegion)}, {"controlling_faction_id", q(kTerran)}})));
  const Row three = sector_row(3);
  BOOST_TEST(sectors.refuses(with(three, "id", "0"), {kCheck, "id >= 1"}));
  BOOST_TEST(sectors.refuses(with(three, "id", "2"), {kUnique, "sectors.id"}));
  BOOST_TEST(sectors.refuses(with(three, "name", q(std::string(101, 's'))), {kCheck, "name"}));
  BOOST_TEST(sectors.refuses(with(three, "region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(sectors.refuses(with(three, "controlling_faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(sectors.refuses(with(three, "controlling_team_id", q(kTeam)), {kForeignKey}));
  BOOST_TEST(sectors.refuses(without(three, "created_at"), {kNotNull, "sectors.created_at"}));
  BOOST_TEST(sectors.accepts(three));

  Table stations(*this, "stations");
  BOOST_TEST(stations.accepts(with(station_row(kStation, 2),
                                   {{"faction_id", q(kTerran)}, {"reputation_threshold", "800"}})));
  BOOST_TEST(stations.accepts(with(station_row(uuid(52), 2), "reputation_threshold", "-800")));
  const Row station = station_row(uuid(53), 3);
  BOOST_TEST(stations.refuses(with(station, "reputation_threshold", "801"),
                              {kCheck, "reputation_threshold"}));
  BOOST_TEST(stations.refuses(with(station, "reputation_threshold", "-801"),
                              {kCheck, "reputation_threshold"}));
  BOOST_TEST(stations.refuses(with(station, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(stations.refuses(without(station, "sector_id"), {kNotNull, "stations.sector_id"}));
  BOOST_TEST(stations.refuses(with(station, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(stations.refuses(without(station, "name"), {kNotNull, "stations.name"}));
  BOOST_TEST(stations.refuses(with(station, "faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(stations.accepts(station));
  BOOST_TEST(scalar("SELECT reputation_threshold FROM stations WHERE id = " + q(uuid(53))) == 0);

  Table planets(*this, "planets");
  BOOST_TEST(planets.accepts(with(planet_row(kPlanet, 2), "owner_id", q(kAlicePlayer))));
  const Row planet = planet_row(uuid(62), 3);
  // The owner is a player, not a user.
  BOOST_TEST(planets.refuses(with(planet, "owner_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(planets.refuses(with(planet, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(planets.refuses(with(planet, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      planets.refuses(with(planet, "name", q(std::string(101, 'p'))), {kCheck, "length(name)"}));
  BOOST_TEST(planets.accepts(planet));
}

BOOST_AUTO_TEST_CASE(factions_and_rivalries_take_valid_rows_and_refuse_each_violation) {
  Table factions(*this, "factions");
  BOOST_TEST(factions.count() == 8);
  BOOST_TEST(factions.accepts(with(faction_row(kNewFaction, "void_walkers", "Void Walkers"),
                                   {{"territory_sectors", q("[1, 2]")},
                                    {"trade_specialties", q(R"(["fuel"])")},
                                    {"aggression_level", "10"},
                                    {"diplomacy_stance", q("hostile")},
                                    {"color_primary", q("#123456")},
                                    {"home_sector_id", "1"}})));
  const Row next = faction_row(uuid(32), "star_seekers", "Star Seekers");
  BOOST_TEST(
      factions.refuses(with(next, "code", q("terran_federation")), {kUnique, "factions.code"}));
  BOOST_TEST(
      factions.refuses(with(next, "code", q("Star_Seekers")), {kCheck, "code = lower(code)"}));
  BOOST_TEST(factions.refuses(with(next, "code", q("")), {kCheck, "length(code)"}));
  BOOST_TEST(
      factions.refuses(with(next, "name", q("terran FEDERATION")), {kUnique, "factions.name"}));
  BOOST_TEST(
      factions.refuses(with(next, "faction_type", q("explorers")), {kCheck, "faction_type"}));
  BOOST_TEST(factions.refuses(with(next, "faction_type", q("Traders")), {kCheck, "faction_type"}));
  BOOST_TEST(factions.refuses(without(next, "faction_type"), {kNotNull, "factions.faction_type"}));
  BOOST_TEST(
      factions.refuses(with(next, "territory_sectors", q("{}")), {kCheck, "territory_sectors"}));
  BOOST_TEST(
      factions.refuses(with(next, "territory_sectors", q("[1, 2")), {kCheck, "territory_sectors"}));
  BOOST_TEST(
      factions.refuses(with(next, "trade_specialties", q("fuel")), {kCheck, "trade_specialties"}));
  BOOST_TEST(factions.refuses(with(next, "base_pricing_modifier", "0"),
                              {kCheck, "base_pricing_modifier"}));
  BOOST_TEST(factions.refuses(with(next, "aggression_level", "0"), {kCheck, "aggression_level"}));
  BOOST_TEST(factions.refuses(with(next, "aggression_level", "11"), {kCheck, "aggression_level"}));
  BOOST_TEST(factions.refuses(with(next, "diplomacy_stance", q("Friendly")),
                              {kCheck, "diplomacy_stance"}));
  BOOST_TEST(factions.refuses(with(next, "color_primary", q("#FFF")), {kCheck, "color_primary"}));
  BOOST_TEST(
      factions.refuses(with(next, "color_secondary", q("#FFFFFFF")), {kCheck, "color_secondary"}));
  BOOST_TEST(
      factions.refuses(with(next, "logo_url", q(std::string(256, 'l'))), {kCheck, "logo_url"}));
  BOOST_TEST(factions.refuses(with(next, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(factions.accepts(with(next, "aggression_level", "1")));
  BOOST_TEST(scalar("SELECT territory_sectors = '[]' AND trade_specialties = '[]' AND "
                    "base_pricing_modifier = 1.0 AND diplomacy_stance = 'neutral' FROM factions "
                    "WHERE code = 'star_seekers'") == 1);

  Table rivalries(*this, "faction_rivalries");
  BOOST_TEST(rivalries.count() == 2);
  // Stored with faction_a_id < faction_b_id.
  const Row pair = {
      {"faction_a_id", q(kTerran)}, {"faction_b_id", q(kShadow)}, {"max_combined", "1600"}};
  BOOST_TEST(rivalries.accepts(pair));
  BOOST_TEST(rivalries.refuses(
      {{"faction_a_id", q(kShadow)}, {"faction_b_id", q(kTerran)}, {"max_combined", "500"}},
      {kCheck, "faction_a_id < faction_b_id"}));
  BOOST_TEST(rivalries.refuses(with(pair, "faction_b_id", q(kFringe)),
                               {kUnique, "faction_rivalries.faction_a_id"}));
  const Row next_pair = {
      {"faction_a_id", q(kNewFaction)}, {"faction_b_id", q(kMercantile)}, {"max_combined", "1"}};
  BOOST_TEST(rivalries.refuses(with(next_pair, "max_combined", "0"), {kCheck, "max_combined"}));
  BOOST_TEST(rivalries.refuses(with(next_pair, "max_combined", "1601"), {kCheck, "max_combined"}));
  BOOST_TEST(rivalries.refuses(with(next_pair, "faction_a_id", q(uuid(39))), {kForeignKey}));
  BOOST_TEST(rivalries.refuses(without(next_pair, "max_combined"),
                               {kNotNull, "faction_rivalries.max_combined"}));
  BOOST_TEST(rivalries.accepts(next_pair));
}

BOOST_AUTO_TEST_CASE(reference_tables_take_valid_rows_and_refuse_each_violation) {
  // Each table already holds its seeded rows: a seeded row is taken out and put back, with every
  // violation tried in between.
  Table tiers(*this, "reputation_tiers");
  const Row exalted = {{"level", q("EXALTED")},
                       {"numeric_level", "8"},
                       {"title", q("Exalted")},
                       {"min_value", "700"},
                       {"max_value", "800"}};
  BOOST_TEST(tiers.refuses(exalted, {kUnique}));
  run(*this, "DELETE FROM reputation_tiers WHERE level = 'EXALTED'");
  BOOST_TEST(tiers.refuses(with(exalted, "level", q("Exalted")), {kCheck, "level IN"}));
  BOOST_TEST(tiers.refuses(with(exalted, "level", q("ASCENDED")), {kCheck, "level IN"}));
  BOOST_TEST(tiers.refuses(with(exalted, "numeric_level", "9"), {kCheck, "numeric_level"}));
  BOOST_TEST(tiers.refuses(with(exalted, "numeric_level", "7"),
                           {kUnique, "reputation_tiers.numeric_level"}));
  BOOST_TEST(
      tiers.refuses(with(exalted, "title", q("Revered")), {kUnique, "reputation_tiers.title"}));
  BOOST_TEST(tiers.refuses(with(exalted, "title", q("")), {kCheck, "length(title)"}));
  BOOST_TEST(
      tiers.refuses(with(exalted, "min_value", "600"), {kUnique, "reputation_tiers.min_value"}));
  BOOST_TEST(tiers.refuses(with(exalted, "max_value", "801"), {kCheck, "max_value BETWEEN"}));
  BOOST_TEST(tiers.refuses(with(exalted, {{"min_value", "750"}, {"max_value", "740"}}),
                           {kCheck, "min_value <= max_value"}));
  BOOST_TEST(tiers.accepts(exalted));
  BOOST_TEST(tiers.count() == 17);

  Table personal(*this, "personal_reputation_tiers");
  const Row neutral = {{"name", q("Neutral")},
                       {"min_value", "0"},
                       {"max_value", "0"},
                       {"name_color", q("#FFFFFF")},
                       {"price_factor", "1.0"}};
  BOOST_TEST(personal.refuses(neutral, {kUnique}));
  run(*this, "DELETE FROM personal_reputation_tiers WHERE name = 'Neutral'");
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("#ffffff")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("#FFFFF")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "name_color", q("FFFFFFF")), {kCheck, "name_color"}));
  BOOST_TEST(personal.refuses(with(neutral, "price_factor", "0"), {kCheck, "price_factor"}));
  BOOST_TEST(personal.refuses(with(neutral, "min_value", "-1001"), {kCheck, "min_value BETWEEN"}));
  BOOST_TEST(personal.refuses(with(neutral, "max_value", "1001"), {kCheck, "max_value BETWEEN"}));
  BOOST_TEST(personal.refuses(with(neutral, {{"min_value", "1"}, {"max_value", "2"}}),
                              {kUnique, "personal_reputation_tiers.min_value"}));
  BOOST_TEST(personal.refuses(with(neutral, {{"min_value", "5"}, {"max_value", "3"}}),
                              {kCheck, "min_value <= max_value"}));
  BOOST_TEST(
      personal.refuses(with(neutral, "bounty_hunter_aggro", "2"), {kCheck, "bounty_hunter_aggro"}));
  BOOST_TEST(personal.refuses(with(neutral, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      personal.refuses(with(neutral, "name", q(std::string(51, 'n'))), {kCheck, "length(name)"}));
  BOOST_TEST(personal.accepts(neutral));
  BOOST_TEST(personal.count() == 8);

  Table ranks(*this, "military_ranks");
  const Row fleet_admiral = {{"level", "17"},
                             {"name", q("Fleet Admiral")},
                             {"tier", q("Flag")},
                             {"points_required", "60000"},
                             {"trade_discount_pct", "50"},
                             {"combat_damage_pct", "40"},
                             {"max_turns_bonus", "120"}};
  BOOST_TEST(ranks.refuses(fleet_admiral, {kUnique, "military_ranks.level"}));
  run(*this, "DELETE FROM military_ranks WHERE level = 17");
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "level", "-1"), {kCheck, "level >= 0"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "name", q("Admiral")), {kUnique, "military_ranks.name"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "tier", q("flag")), {kCheck, "tier IN"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "tier", q("General")), {kCheck, "tier IN"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "points_required", "40000"),
                           {kUnique, "military_ranks.points_required"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "points_required", "-1"), {kCheck, "points_required"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "trade_discount_pct", "101"),
                           {kCheck, "trade_discount_pct"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "combat_damage_pct", "-1"), {kCheck, "combat_damage_pct"}));
  BOOST_TEST(
      ranks.refuses(with(fleet_admiral, "max_turns_bonus", "-1"), {kCheck, "max_turns_bonus"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "requirements", q("[]")), {kCheck, "requirements"}));
  BOOST_TEST(ranks.refuses(with(fleet_admiral, "requirements", q("{trades: 1}")),
                           {kCheck, "requirements"}));
  BOOST_TEST(ranks.accepts(fleet_admiral));
  BOOST_TEST(ranks.count() == 18);

  Table guards(*this, "guard_personalities");
  const Row name = {{"kind", q("name")}, {"position", "12"}, {"value", q("Okafor")}};
  BOOST_TEST(guards.accepts(name));
  const Row trait = {{"kind", q("trait")},
                     {"position", "6"},
                     {"value", q("Bored Cadet")},
                     {"description", q("Counting the minutes to the end of the shift")},
                     {"base_suspicion", "0.45"},
                     {"threshold_modifier", "-0.05"}};
  BOOST_TEST(guards.refuses(with(trait, "kind", q("Trait")), {kCheck, "kind IN"}));
  BOOST_TEST(guards.refuses(with(trait, "kind", q("rank")), {kCheck, "kind IN"}));
  BOOST_TEST(guards.refuses(with(trait, "position", "0"), {kUnique, "guard_personalities.kind"}));
  BOOST_TEST(guards.refuses(with(trait, "value", q("Friendly Veteran")),
                            {kUnique, "guard_personalities.kind"}));
  BOOST_TEST(guards.refuses(with(trait, "position", "-1"), {kCheck, "position >= 0"}));
  BOOST_TEST(guards.refuses(with(trait, "value", q("")), {kCheck, "length(value)"}));
  BOOST_TEST(guards.refuses(with(trait, "base_suspicion", "1.01"),
                            {kCheck, "base_suspicion BETWEEN 0.0 AND 1.0"}));
  BOOST_TEST(guards.refuses(with(trait, "threshold_modifier", "1.5"),
                            {kCheck, "threshold_modifier BETWEEN -1.0 AND 1.0"}));
  // Only traits carry a suspicion and a threshold modifier, and traits always do.
  BOOST_TEST(guards.refuses(without(trait, "base_suspicion"),
                            {kCheck, "(kind = 'trait') = (base_suspicion IS NOT NULL)"}));
  BOOST_TEST(guards.refuses(without(trait, "threshold_modifier"),
                            {kCheck, "(kind = 'trait') = (threshold_modifier IS NOT NULL)"}));
  BOOST_TEST(guards.refuses(
      with(name, {{"position", "13"}, {"value", q("Mensah")}, {"base_suspicion", "0.5"}}),
      {kCheck, "(kind = 'trait') = (base_suspicion IS NOT NULL)"}));
  BOOST_TEST(guards.accepts(trait));
  BOOST_TEST(guards.count() == 26);

  Table rarity(*this, "ship_rarity_config");
  const Row carrier = {{"ship_type", q("CARRIER")}, {"rarity_tier", "7"},
                       {"spawn_chance", "1"},       {"base_credits", "15000"},
                       {"weak_threshold", "0.85"},  {"average_threshold", "0.75"},
                       {"strong_threshold", "0.70"}};
  BOOST_TEST(rarity.refuses(carrier, {kUnique, "ship_rarity_config.ship_type"}));
  run(*this, "DELETE FROM ship_rarity_config WHERE ship_type = 'CARRIER'");
  BOOST_TEST(rarity.refuses(with(carrier, "ship_type", q("carrier")), {kCheck, "ship_type IN"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "ship_type", q("WARP_JUMPER")), {kCheck, "ship_type IN"}));
  BOOST_TEST(rarity.refuses(with(carrier, "rarity_tier", "0"), {kCheck, "rarity_tier"}));
  BOOST_TEST(rarity.refuses(with(carrier, "rarity_tier", "8"), {kCheck, "rarity_tier"}));
  BOOST_TEST(rarity.refuses(with(carrier, "spawn_chance", "-1"), {kCheck, "spawn_chance"}));
  BOOST_TEST(rarity.refuses(with(carrier, "spawn_chance", "101"), {kCheck, "spawn_chance"}));
  BOOST_TEST(rarity.refuses(with(carrier, "base_credits", "-1"), {kCheck, "base_credits"}));
  BOOST_TEST(rarity.refuses(with(carrier, "weak_threshold", "1.01"), {kCheck, "weak_threshold"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "average_threshold", "-0.01"), {kCheck, "average_threshold"}));
  BOOST_TEST(
      rarity.refuses(with(carrier, "strong_threshold", "1.5"), {kCheck, "strong_threshold"}));
  BOOST_TEST(rarity.refuses(without(carrier, "weak_threshold"),
                            {kNotNull, "ship_rarity_config.weak_threshold"}));
  BOOST_TEST(rarity.accepts(carrier));
  BOOST_TEST(rarity.count() == 8);
}

BOOST_AUTO_TEST_CASE(ship_specifications_take_a_valid_row_and_refuse_each_violation) {
  Table specs(*this, "ship_specifications");
  const Row carrier = {
      {"ship_type", q("CARRIER")}, {"shield_resistance", "0.15"}, {"armor_rating", "0.15"}};
  BOOST_TEST(specs.refuses(carrier, {kUnique, "ship_specifications.ship_type"}));
  run(*this, "DELETE FROM ship_specifications WHERE ship_type = 'CARRIER'");
  BOOST_TEST(specs.refuses(with(carrier, "ship_type", q("carrier")), {kCheck, "ship_type IN"}));
  BOOST_TEST(
      specs.refuses(with(carrier, "shield_resistance", "1.5"), {kCheck, "shield_resistance"}));
  BOOST_TEST(specs.refuses(with(carrier, "armor_rating", "-0.1"), {kCheck, "armor_rating"}));
  BOOST_TEST(specs.refuses(without(carrier, "armor_rating"),
                           {kNotNull, "ship_specifications.armor_rating"}));
  BOOST_TEST(specs.accepts(carrier));
  BOOST_TEST(specs.count() == 9);
}

BOOST_AUTO_TEST_CASE(classes_take_a_valid_row_and_refuse_each_violation) {
  Table classes(*this, "classes");
  BOOST_TEST(
      classes.accepts({{"id", "1"}, {"name", q("Engineer")}, {"role_id", num(kMemberRole)}}));
  const Row pilot = {{"id", "2"}, {"name", q("Pilot")}};
  BOOST_TEST(classes.refuses(with(pilot, "name", q("ENGINEER")), {kUnique, "classes.name"}));
  BOOST_TEST(classes.refuses(with(pilot, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      classes.refuses(with(pilot, "name", q(std::string(256, 'c'))), {kCheck, "length(name)"}));
  BOOST_TEST(classes.refuses(without(pilot, "name"), {kNotNull, "classes.name"}));
  BOOST_TEST(classes.refuses(with(pilot, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(classes.refuses(with(pilot, "id", "1"), {kUnique, "classes.id"}));
  BOOST_TEST(classes.accepts(pilot));
}

BOOST_AUTO_TEST_CASE(players_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "regions", region_row(kRegion, "Core Worlds"));
  add(*this, "sectors", sector_row(2));
  add(*this, "stations", station_row(kStation, 2));
  add(*this, "planets", planet_row(kPlanet, 2));
  Table players(*this, "players");
  BOOST_TEST(players.accepts(player_row(kAlicePlayer, kAlice)));
  // A new player starts with the seeds' defaults: 1000 turns, Neutral, Recruit, in sector 1.
  BOOST_TEST(scalar("SELECT turns = 1000 AND max_turns = 1000 AND lifetime_turns_spent = 0 AND "
                    "personal_reputation = 0 AND reputation_tier = 'Neutral' AND "
                    "name_color = '#FFFFFF' AND military_rank = 'Recruit' AND rank_points = 0 AND "
                    "aria_bonus_multiplier = 1.0 AND aria_consciousness_level = 1 AND "
                    "aria_relationship_score = 25 AND home_sector_id = 1 AND "
                    "current_sector_id = 1 AND is_docked = 0 AND is_landed = 0 AND "
                    "settings = '{}' AND insurance IS NULL AND xp = 0 AND level = 1 AND "
                    "is_active = 1 FROM players") == 1);
  run(*this, "UPDATE players SET nickname = 'Ace' WHERE id = " + q(kAlicePlayer));

  const Row bob = player_row(kBobPlayer, kBob);
  // One game-state row per user.
  BOOST_TEST(players.refuses(with(bob, "user_id", q(kAlice)), {kUnique, "players.user_id"}));
  BOOST_TEST(players.refuses(with(bob, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(players.refuses(without(bob, "user_id"), {kNotNull, "players.user_id"}));
  BOOST_TEST(players.refuses(with(bob, "id", q(upper(kBobPlayer))), {kCheck, "lower(id)"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("ACE")), {kUnique, "players.nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("ace")), {kUnique, "players.nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q("")), {kCheck, "nickname"}));
  BOOST_TEST(players.refuses(with(bob, "nickname", q(std::string(51, 'n'))), {kCheck, "nickname"}));
  for (const char* counter : {"turns", "max_turns", "lifetime_turns_spent", "rank_points",
                              "aria_total_interactions", "attack_drones", "defense_drones", "mines",
                              "genesis_devices", "xp", "level", "daily_streak"}) {
    BOOST_TEST(players.refuses(with(bob, counter, "-1"), {kCheck, counter}));
  }
  BOOST_TEST(
      players.refuses(with(bob, "personal_reputation", "1001"), {kCheck, "personal_reputation"}));
  BOOST_TEST(
      players.refuses(with(bob, "personal_reputation", "-1001"), {kCheck, "personal_reputation"}));
  // Tier and rank are keys of the reference tables: a misspelt or unknown name is refused.
  BOOST_TEST(players.refuses(with(bob, "reputation_tier", q("neutral")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "reputation_tier", q("Hero")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "military_rank", q("recruit")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "military_rank", q("General")), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "name_color", q("")), {kCheck, "name_color"}));
  BOOST_TEST(players.refuses(with(bob, "aria_bonus_multiplier", "0.99"),
                             {kCheck, "aria_bonus_multiplier"}));
  BOOST_TEST(players.refuses(with(bob, "aria_bonus_multiplier", "1.51"),
                             {kCheck, "aria_bonus_multiplier"}));
  BOOST_TEST(players.refuses(with(bob, "aria_consciousness_level", "0"),
                             {kCheck, "aria_consciousness_level"}));
  BOOST_TEST(players.refuses(with(bob, "aria_consciousness_level", "6"),
                             {kCheck, "aria_consciousness_level"}));
  BOOST_TEST(players.refuses(with(bob, "aria_relationship_score", "-1"),
                             {kCheck, "aria_relationship_score"}));
  BOOST_TEST(players.refuses(with(bob, "aria_relationship_score", "101"),
                             {kCheck, "aria_relationship_score"}));
  for (const char* flag : {"is_docked", "is_landed", "is_galactic_citizen", "is_active"}) {
    BOOST_TEST(players.refuses(with(bob, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(players.refuses(with(bob, {{"is_docked", "1"}, {"is_landed", "1"}}),
                             {kCheck, "NOT (is_docked = 1 AND is_landed = 1)"}));
  BOOST_TEST(players.refuses(with(bob, "current_ship_id", q(kShip)), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_port_id", q(uuid(59))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_planet_id", q(uuid(69))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "home_region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "current_region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "class_id", "9"), {kForeignKey}));
  BOOST_TEST(players.refuses(with(bob, "insurance", q("[]")), {kCheck, "insurance"}));
  BOOST_TEST(players.refuses(with(bob, "insurance", q("basic")), {kCheck, "insurance"}));
  BOOST_TEST(players.refuses(with(bob, "settings", q("[]")), {kCheck, "settings"}));
  BOOST_TEST(players.refuses(with(bob, "settings", q("{")), {kCheck, "settings"}));
  BOOST_TEST(players.refuses(with(bob, "settings", kNull), {kNotNull, "players.settings"}));
  BOOST_TEST(players.refuses(without(bob, "created_at"), {kNotNull, "players.created_at"}));
  // Every optional reference and range at a valid edge.
  BOOST_TEST(players.accepts(with(bob, {{"nickname", q(std::string(50, 'n'))},
                                        {"personal_reputation", "-1000"},
                                        {"reputation_tier", q("Villain")},
                                        {"name_color", q("#FF0000")},
                                        {"military_rank", q("Fleet Admiral")},
                                        {"aria_bonus_multiplier", "1.5"},
                                        {"aria_consciousness_level", "5"},
                                        {"aria_relationship_score", "100"},
                                        {"current_sector_id", "2"},
                                        {"is_docked", "1"},
                                        {"current_port_id", q(kStation)},
                                        {"home_region_id", q(kRegion)},
                                        {"current_region_id", q(kRegion)},
                                        {"class_id", "1"},
                                        {"insurance", q(R"({"policy": "basic"})")},
                                        {"settings", q(R"({"theme": "dark"})")}})));
  BOOST_TEST(players.accepts_statement("UPDATE players SET personal_reputation = 1000 WHERE id = " +
                                       q(kAlicePlayer)));
  BOOST_TEST(players.refuses_statement(
      "UPDATE players SET personal_reputation = 1001 WHERE id = " + q(kAlicePlayer),
      {kCheck, "personal_reputation"}));
  BOOST_TEST(players.refuses_statement("UPDATE players SET is_landed = 1, current_planet_id = " +
                                           q(kPlanet) + " WHERE id = " + q(kBobPlayer),
                                       {kCheck, "NOT (is_docked = 1 AND is_landed = 1)"}));
  BOOST_TEST(scalar("SELECT personal_reputation FROM players WHERE id = " + q(kAlicePlayer)) ==
             1000);
}

BOOST_AUTO_TEST_CASE(ships_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  Table ships(*this, "ships");
  BOOST_TEST(ships.accepts(
      with(ship_row(kShip, kAlicePlayer),
           {{"is_flagship", "1"}, {"cargo", q(R"({"fuel": 10})")}, {"shield_resistance", "1.0"}})));
  const Row next = ship_row(uuid(72), kAlicePlayer);
  // One flagship per owner.
  BOOST_TEST(ships.refuses(with(next, "is_flagship", "1"), {kUnique, "ships.owner_id"}));
  BOOST_TEST(ships.refuses(with(next, "type", q("escape_pod")), {kCheck, "type IN"}));
  BOOST_TEST(ships.refuses(with(next, "type", q("BATTLESHIP")), {kCheck, "type IN"}));
  BOOST_TEST(ships.refuses(with(next, "owner_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(ships.refuses(without(next, "owner_id"), {kNotNull, "ships.owner_id"}));
  BOOST_TEST(ships.refuses(with(next, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(ships.refuses(with(next, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(ships.refuses(with(next, "name", q(std::string(101, 's'))), {kCheck, "length(name)"}));
  for (const char* flag : {"is_flagship", "is_active", "warp_capable"}) {
    BOOST_TEST(ships.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  for (const char* amount : {"base_speed", "current_speed", "turn_cost", "purchase_value",
                             "current_value", "armor_rating"}) {
    BOOST_TEST(ships.refuses(with(next, amount, "-1"), {kCheck, amount}));
  }
  for (const char* document : {"maintenance", "cargo", "combat"}) {
    BOOST_TEST(ships.refuses(with(next, document, q("[]")), {kCheck, document}));
    BOOST_TEST(ships.refuses(with(next, document, q("{")), {kCheck, document}));
  }
  BOOST_TEST(ships.refuses(with(next, "shield_resistance", "1.01"), {kCheck, "shield_resistance"}));
  BOOST_TEST(
      ships.refuses(with(next, "shield_resistance", "-0.01"), {kCheck, "shield_resistance"}));
  BOOST_TEST(ships.accepts(next));
  // Every ship type, including WARP_JUMPER (a ship type, though not a starter ship).
  int id = 200;
  for (const char* type : {"ESCAPE_POD", "LIGHT_FREIGHTER", "SCOUT_SHIP", "FAST_COURIER",
                           "CARGO_HAULER", "DEFENDER", "COLONY_SHIP", "CARRIER", "WARP_JUMPER"}) {
    BOOST_TEST(ships.accepts(with(ship_row(uuid(id++), kBobPlayer), "type", q(type))));
  }
  // Another owner may have a flagship of its own.
  BOOST_TEST(ships.accepts(with(ship_row(uuid(73), kCarolPlayer), "is_flagship", "1")));
  BOOST_TEST(ships.count() == 12);
}

BOOST_AUTO_TEST_CASE(reputations_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  Table reputations(*this, "reputations");
  BOOST_TEST(reputations.accepts(with(reputation_row(kReputation, kAlicePlayer, kTerran),
                                      {{"current_value", "800"},
                                       {"current_level", q("EXALTED")},
                                       {"title", q("Exalted")},
                                       {"trade_modifier", "0.3"},
                                       {"port_access_level", "3"},
                                       {"combat_response", q("friendly")}})));
  BOOST_TEST(reputations.accepts(
      with(reputation_row(uuid(82), kAlicePlayer, kFringe), {{"current_value", "-800"},
                                                             {"current_level", q("PUBLIC_ENEMY")},
                                                             {"title", q("Public Enemy")},
                                                             {"trade_modifier", "-0.3"},
                                                             {"combat_response", q("hostile")}})));
  const Row next = reputation_row(uuid(83), kBobPlayer, kTerran);
  BOOST_TEST(reputations.refuses(reputation_row(uuid(84), kAlicePlayer, kTerran),
                                 {kUnique, "reputations.player_id"}));
  BOOST_TEST(reputations.refuses(with(next, "current_value", "801"), {kCheck, "current_value"}));
  BOOST_TEST(reputations.refuses(with(next, "current_value", "-801"), {kCheck, "current_value"}));
  BOOST_TEST(
      reputations.refuses(with(next, "current_level", q("neutral")), {kCheck, "current_level"}));
  BOOST_TEST(
      reputations.refuses(with(next, "current_level", q("Exalted")), {kCheck, "current_level"}));
  BOOST_TEST(reputations.refuses(with(next, "title", q("")), {kCheck, "length(title)"}));
  BOOST_TEST(
      reputations.refuses(with(next, "title", q(std::string(51, 't'))), {kCheck, "length(title)"}));
  BOOST_TEST(reputations.refuses(with(next, "decay_paused", "2"), {kCheck, "decay_paused"}));
  BOOST_TEST(reputations.refuses(with(next, "is_locked", "2"), {kCheck, "is_locked"}));
  BOOST_TEST(reputations.refuses(with(next, "history", q("{}")), {kCheck, "history"}));
  BOOST_TEST(reputations.refuses(with(next, "mission_availability", q("{}")),
                                 {kCheck, "mission_availability"}));
  BOOST_TEST(reputations.refuses(with(next, "trade_modifier", "0.31"), {kCheck, "trade_modifier"}));
  BOOST_TEST(
      reputations.refuses(with(next, "trade_modifier", "-0.31"), {kCheck, "trade_modifier"}));
  BOOST_TEST(
      reputations.refuses(with(next, "port_access_level", "4"), {kCheck, "port_access_level"}));
  BOOST_TEST(
      reputations.refuses(with(next, "port_access_level", "-1"), {kCheck, "port_access_level"}));
  BOOST_TEST(reputations.refuses(with(next, "combat_response", q("Hostile")),
                                 {kCheck, "combat_response"}));
  BOOST_TEST(reputations.refuses(with(next, "lock_reason", q(std::string(256, 'l'))),
                                 {kCheck, "lock_reason"}));
  BOOST_TEST(reputations.refuses(with(next, "special_status", q(std::string(51, 's'))),
                                 {kCheck, "special_status"}));
  BOOST_TEST(reputations.refuses(without(next, "last_activity_at"),
                                 {kNotNull, "reputations.last_activity_at"}));
  BOOST_TEST(reputations.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(reputations.refuses(with(next, "faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(reputations.accepts(next));
  BOOST_TEST(scalar("SELECT current_value = 0 AND current_level = 'NEUTRAL' AND title = 'Neutral' "
                    "AND trade_modifier = 0.0 AND port_access_level = 0 AND "
                    "combat_response = 'neutral' AND history = '[]' FROM reputations WHERE id = " +
                    q(uuid(83))) == 1);
  BOOST_TEST(reputations.accepts_statement(
      "UPDATE reputations SET current_value = -800 WHERE id = " + q(uuid(83))));
  BOOST_TEST(reputations.refuses_statement(
      "UPDATE reputations SET current_value = current_value - 1 WHERE id = " + q(uuid(83)),
      {kCheck, "current_value"}));
}

BOOST_AUTO_TEST_CASE(teams_take_a_valid_row_and_refuse_each_violation) {
  Table teams(*this, "teams");
  BOOST_TEST(teams.accepts(
      with(team_row(kTeam, "Star Runners"), {{"tag", q("SR")},
                                             {"max_members", "20"},
                                             {"home_sector_id", "1"},
                                             {"recruitment_status", q("INVITE_ONLY")}})));
  const Row next = team_row(kOtherTeam, "Night Owls");
  BOOST_TEST(teams.refuses(with(next, "name", q("STAR RUNNERS")), {kUnique, "teams.name"}));
  BOOST_TEST(teams.refuses(with(next, "name", q("ab")), {kCheck, "length(name)"}));
  BOOST_TEST(teams.refuses(with(next, "name", q(std::string(81, 't'))), {kCheck, "length(name)"}));
  BOOST_TEST(
      teams.refuses(with(next, "description", q(std::string(501, 'd'))), {kCheck, "description"}));
  BOOST_TEST(teams.refuses(with(next, "tag", q("S")), {kCheck, "length(tag)"}));
  BOOST_TEST(teams.refuses(with(next, "tag", q(std::string(11, 'T'))), {kCheck, "length(tag)"}));
  BOOST_TEST(teams.refuses(with(next, "logo", q(std::string(256, 'l'))), {kCheck, "logo"}));
  BOOST_TEST(teams.refuses(with(next, "is_public", "2"), {kCheck, "is_public"}));
  BOOST_TEST(teams.refuses(with(next, "max_members", "1"), {kCheck, "max_members"}));
  BOOST_TEST(teams.refuses(with(next, "max_members", "21"), {kCheck, "max_members"}));
  BOOST_TEST(
      teams.refuses(with(next, "recruitment_status", q("open")), {kCheck, "recruitment_status"}));
  BOOST_TEST(
      teams.refuses(with(next, "recruitment_status", q("Closed")), {kCheck, "recruitment_status"}));
  BOOST_TEST(teams.refuses(with(next, "sector_claims", q("{}")), {kCheck, "sector_claims"}));
  for (const char* document : {"join_requirements", "member_roles", "resource_sharing"}) {
    BOOST_TEST(teams.refuses(with(next, document, q("[]")), {kCheck, document}));
  }
  BOOST_TEST(teams.refuses(with(next, "home_sector_id", "99"), {kForeignKey}));
  BOOST_TEST(teams.refuses(without(next, "name"), {kNotNull, "teams.name"}));
  BOOST_TEST(teams.accepts(with(next, {{"max_members", "2"}, {"tag", q("NO")}})));
  BOOST_TEST(scalar("SELECT is_public = 1 AND recruitment_status = 'OPEN' AND sector_claims = '[]' "
                    "AND combat_rating = 0.0 FROM teams WHERE id = " +
                    q(kOtherTeam)) == 1);
  BOOST_TEST(scalar("SELECT max_members FROM teams WHERE id = " + q(kTeam)) == 20);
  // A disbanded team frees its name; it cannot come back while a live team holds the name.
  run(*this, "UPDATE teams SET disbanded_at = " + kLater + " WHERE id = " + q(kTeam));
  BOOST_TEST(teams.accepts(team_row(uuid(23), "star runners")));
  BOOST_TEST(teams.refuses_statement("UPDATE teams SET disbanded_at = NULL WHERE id = " + q(kTeam),
                                     {kUnique, "teams.name"}));
  BOOST_TEST(teams.refuses(with(team_row(uuid(24), "Night Hawks"), "max_members", kNull),
                           {kNotNull, "teams.max_members"}));
}

BOOST_AUTO_TEST_CASE(
    team_members_invitations_and_reputations_take_valid_rows_and_refuse_each_violation) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "teams", team_row(kOtherTeam, "Night Owls"));

  Table members(*this, "team_members");
  BOOST_TEST(members.accepts(with(member_row(kTeam, kAlicePlayer), "role", q("LEADER"))));
  // One LEADER per team, one team per player.
  BOOST_TEST(members.refuses(with(member_row(kTeam, kBobPlayer), "role", q("LEADER")),
                             {kUnique, "team_members.team_id"}));
  BOOST_TEST(
      members.refuses(member_row(kOtherTeam, kAlicePlayer), {kUnique, "team_members.player_id"}));
  const Row bob = member_row(kTeam, kBobPlayer);
  BOOST_TEST(members.refuses(with(bob, "role", q("leader")), {kCheck, "role IN"}));
  BOOST_TEST(members.refuses(with(bob, "role", q("CAPTAIN")), {kCheck, "role IN"}));
  BOOST_TEST(members.refuses(with(bob, "permissions", q("[]")), {kCheck, "permissions"}));
  BOOST_TEST(members.refuses(with(bob, "contribution_credits", q("[]")),
                             {kCheck, "contribution_credits"}));
  for (const char* flag : {"can_invite", "can_kick", "can_manage_treasury", "can_manage_missions",
                           "can_manage_alliances"}) {
    BOOST_TEST(members.refuses(with(bob, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(members.refuses(with(bob, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(members.refuses(with(bob, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(members.refuses(without(bob, "joined_at"), {kNotNull, "team_members.joined_at"}));
  BOOST_TEST(members.accepts(bob));
  BOOST_TEST(scalar("SELECT role = 'MEMBER' AND permissions = '{}' AND can_kick = 0 FROM "
                    "team_members WHERE player_id = " +
                    q(kBobPlayer)) == 1);
  BOOST_TEST(members.accepts(with(member_row(kOtherTeam, kCarolPlayer), "role", q("OFFICER"))));
  BOOST_TEST(members.accepts_statement(
      "UPDATE team_members SET role = 'RECRUIT' WHERE player_id = " + q(kCarolPlayer)));

  Table invitations(*this, "team_invitations");
  BOOST_TEST(invitations.accepts(
      with(invitation_row("JOIN-1", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer))));
  const Row next = invitation_row("JOIN-2", kOtherTeam, kBobPlayer);
  BOOST_TEST(
      invitations.refuses(with(next, "code", q("JOIN-1")), {kUnique, "team_invitations.code"}));
  BOOST_TEST(invitations.refuses(with(next, "code", q("")), {kCheck, "length(code)"}));
  BOOST_TEST(
      invitations.refuses(with(next, "code", q(std::string(101, 'c'))), {kCheck, "length(code)"}));
  BOOST_TEST(invitations.refuses(with(next, "expires_at", "1767225599999"),
                                 {kCheck, "expires_at >= created_at"}));
  BOOST_TEST(
      invitations.refuses(without(next, "expires_at"), {kNotNull, "team_invitations.expires_at"}));
  BOOST_TEST(invitations.refuses(with(next, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(invitations.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(invitations.refuses(with(next, "invited_by", q(kAlice)), {kForeignKey}));
  // Expiring at the instant it was created is the edge the CHECK allows.
  BOOST_TEST(invitations.accepts(with(next, "expires_at", kT)));

  Table reputations(*this, "team_reputations");
  BOOST_TEST(reputations.accepts({{"team_id", q(kTeam)}, {"next_recalculation_at", kLater}}));
  BOOST_TEST(scalar("SELECT calculation_method = 'AVERAGE' AND faction_reputation = '{}' AND "
                    "history = '[]' AND pending_notifications = '[]' FROM team_reputations") == 1);
  const Row other = {{"team_id", q(kOtherTeam)}, {"next_recalculation_at", kLater}};
  BOOST_TEST(
      reputations.refuses(with(other, "team_id", q(kTeam)), {kUnique, "team_reputations.team_id"}));
  BOOST_TEST(reputations.refuses(with(other, "calculation_method", q("average")),
                                 {kCheck, "calculation_method"}));
  BOOST_TEST(reputations.refuses(with(other, "calculation_method", q("MEDIAN")),
                                 {kCheck, "calculation_method"}));
  BOOST_TEST(reputations.refuses(without(other, "next_recalculation_at"),
                                 {kNotNull, "team_reputations.next_recalculation_at"}));
  BOOST_TEST(reputations.refuses(with(other, "faction_reputation", q("[]")),
                                 {kCheck, "faction_reputation"}));
  BOOST_TEST(reputations.refuses(with(other, "history", q("{}")), {kCheck, "history"}));
  BOOST_TEST(reputations.refuses(with(other, "pending_notifications", q("{}")),
                                 {kCheck, "pending_notifications"}));
  BOOST_TEST(reputations.refuses(with(other, "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(reputations.accepts(with(other, "calculation_method", q("LEADER"))));
  BOOST_TEST(reputations.accepts_statement(
      "UPDATE team_reputations SET calculation_method = 'LOWEST' WHERE team_id = " + q(kTeam)));
}

BOOST_AUTO_TEST_CASE(messages_take_a_valid_row_and_refuse_each_violation) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  Table messages(*this, "messages");
  BOOST_TEST(messages.accepts(message_row(kMessage, kAlicePlayer, kBobPlayer)));
  BOOST_TEST(scalar("SELECT message_type = 'player' AND priority = 'normal' AND flagged = 0 AND "
                    "moderation_status IS NULL FROM messages") == 1);
  // A team message, replying to the first one.
  BOOST_TEST(messages.accepts(
      with(without(message_row(uuid(92), kBobPlayer, kBobPlayer), "recipient_id"),
           {{"team_id", q(kTeam)}, {"message_type", q("team")}, {"reply_to_id", q(kMessage)}})));
  const Row next = message_row(uuid(93), kBobPlayer, kAlicePlayer);
  BOOST_TEST(messages.refuses(with(next, "team_id", q(kTeam)),
                              {kCheck, "recipient_id IS NULL OR team_id IS NULL"}));
  BOOST_TEST(messages.refuses(with(next, "content", q("")), {kCheck, "length(content)"}));
  BOOST_TEST(messages.refuses(without(next, "content"), {kNotNull, "messages.content"}));
  BOOST_TEST(
      messages.refuses(with(next, "subject", q(std::string(256, 's'))), {kCheck, "subject"}));
  BOOST_TEST(messages.refuses(with(next, "thread_id", q(upper(kThread))), {kCheck, "thread_id"}));
  BOOST_TEST(
      messages.refuses(with(next, "thread_id", q(kThread.substr(1))), {kCheck, "thread_id"}));
  BOOST_TEST(messages.refuses(without(next, "thread_id"), {kNotNull, "messages.thread_id"}));
  BOOST_TEST(messages.refuses(with(next, "message_type", q("Player")), {kCheck, "message_type"}));
  BOOST_TEST(
      messages.refuses(with(next, "message_type", q("broadcast")), {kCheck, "message_type"}));
  BOOST_TEST(messages.refuses(with(next, "priority", q("URGENT")), {kCheck, "priority"}));
  BOOST_TEST(messages.refuses(with(next, "priority", q("critical")), {kCheck, "priority"}));
  for (const char* flag : {"flagged", "deleted_by_sender", "deleted_by_recipient"}) {
    BOOST_TEST(messages.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(messages.refuses(with(next, "flagged_reason", q(std::string(256, 'f'))),
                              {kCheck, "flagged_reason"}));
  BOOST_TEST(messages.refuses(with(next, "moderation_status", q("hidden")),
                              {kCheck, "moderation_status"}));
  BOOST_TEST(messages.refuses(with(next, "moderation_status", q("DELETED")),
                              {kCheck, "moderation_status"}));
  BOOST_TEST(messages.refuses(with(next, "sender_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(messages.refuses(with(next, "recipient_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(
      messages.refuses(with(without(next, "recipient_id"), "team_id", q(uuid(29))), {kForeignKey}));
  BOOST_TEST(messages.refuses(with(next, "reply_to_id", q(uuid(98))), {kForeignKey}));
  // The moderator is a user, not a player.
  BOOST_TEST(messages.refuses(with(next, "moderated_by", q(kCarolPlayer)), {kForeignKey}));
  BOOST_TEST(messages.refuses(without(next, "sent_at"), {kNotNull, "messages.sent_at"}));
  BOOST_TEST(messages.accepts(with(next, {{"priority", q("urgent")},
                                          {"message_type", q("system")},
                                          {"moderation_status", q("deleted")},
                                          {"moderated_at", kLater},
                                          {"moderated_by", q(kCarol)}})));
}

BOOST_AUTO_TEST_CASE(onboarding_rows_take_valid_values_and_refuse_each_violation) {
  add_players(*this);
  Table sessions(*this, "first_login_sessions");
  BOOST_TEST(sessions.accepts(session_row(kSession, kAlicePlayer)));
  BOOST_TEST(sessions.accepts(
      with(session_row(uuid(102), kAlicePlayer), {{"completed_at", kT},
                                                  {"ai_service_used", "1"},
                                                  {"guard_name", q("Chen")},
                                                  {"guard_trait", q("Paranoid Newbie")},
                                                  {"guard_base_suspicion", "1.0"},
                                                  {"ship_claimed", q("CARRIER")},
                                                  {"negotiation_skill", q("AVERAGE")},
                                                  {"final_persuasion_score", "0.0"},
                                                  {"outcome", q("PARTIAL_SUCCESS")},
                                                  {"awarded_ship", q("ESCAPE_POD")},
                                                  {"starting_credits", "1000"},
                                                  {"negotiation_bonus_flag", "0"},
                                                  {"notoriety_penalty", "1"},
                                                  {"client_info", q(R"({"ua": "test"})")},
                                                  {"performance_metrics", q("[1, 2]")}})));
  const Row next = session_row(uuid(103), kBobPlayer);
  BOOST_TEST(
      sessions.refuses(with(next, "ship_claimed", q("WARP_JUMPER")), {kCheck, "ship_claimed"}));
  BOOST_TEST(sessions.refuses(with(next, "ship_claimed", q("carrier")), {kCheck, "ship_claimed"}));
  BOOST_TEST(
      sessions.refuses(with(next, "awarded_ship", q("Scout_Ship")), {kCheck, "awarded_ship"}));
  BOOST_TEST(sessions.refuses(with(next, "negotiation_skill", q("average")),
                              {kCheck, "negotiation_skill"}));
  BOOST_TEST(sessions.refuses(with(next, "outcome", q("success")), {kCheck, "outcome"}));
  BOOST_TEST(sessions.refuses(with(next, "outcome", q("DRAW")), {kCheck, "outcome"}));
  BOOST_TEST(sessions.refuses(with(next, "completed_at", "1767225599999"),
                              {kCheck, "completed_at >= started_at"}));
  BOOST_TEST(sessions.refuses(with(next, "guard_base_suspicion", "1.1"),
                              {kCheck, "guard_base_suspicion"}));
  BOOST_TEST(sessions.refuses(with(next, "final_persuasion_score", "-0.1"),
                              {kCheck, "final_persuasion_score"}));
  BOOST_TEST(sessions.refuses(with(next, "starting_credits", "-1"), {kCheck, "starting_credits"}));
  for (const char* flag :
       {"ai_service_used", "fallback_to_rules", "negotiation_bonus_flag", "notoriety_penalty"}) {
    BOOST_TEST(sessions.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(sessions.refuses(with(next, "client_info", q("ua=test")), {kCheck, "client_info"}));
  BOOST_TEST(
      sessions.refuses(with(next, "performance_metrics", q("{")), {kCheck, "performance_metrics"}));
  BOOST_TEST(sessions.refuses(with(next, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(
      sessions.refuses(without(next, "started_at"), {kNotNull, "first_login_sessions.started_at"}));
  BOOST_TEST(sessions.accepts(next));

  Table exchanges(*this, "dialogue_exchanges");
  BOOST_TEST(exchanges.accepts(exchange_row(kExchange, kSession, 1)));
  BOOST_TEST(exchanges.accepts(
      with(exchange_row(uuid(112), kSession, 2), {{"player_response", q("I'm a trader.")},
                                                  {"answered_at", kLater},
                                                  {"persuasiveness", "1.0"},
                                                  {"current_suspicion", "0.0"},
                                                  {"key_extracted_info", q(R"({"name": "Al"})")},
                                                  {"detected_contradictions", q(R"(["name"])")}})));
  const Row exchange = exchange_row(uuid(113), kSession, 3);
  BOOST_TEST(exchanges.refuses(with(exchange, "sequence_number", "1"),
                               {kUnique, "dialogue_exchanges.session_id"}));
  BOOST_TEST(
      exchanges.refuses(with(exchange, "sequence_number", "0"), {kCheck, "sequence_number"}));
  // An answer and its time come together.
  BOOST_TEST(exchanges.refuses(with(exchange, "player_response", q("Hi.")),
                               {kCheck, "(player_response IS NULL) = (answered_at IS NULL)"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "answered_at", kLater),
                               {kCheck, "(player_response IS NULL) = (answered_at IS NULL)"}));
  for (const char* score :
       {"persuasiveness", "confidence", "consistency", "believability", "current_suspicion"}) {
    BOOST_TEST(exchanges.refuses(with(exchange, score, "1.01"), {kCheck, score}));
    BOOST_TEST(exchanges.refuses(with(exchange, score, "-0.01"), {kCheck, score}));
  }
  BOOST_TEST(exchanges.refuses(with(exchange, "key_extracted_info", q("name=Al")),
                               {kCheck, "key_extracted_info"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "detected_contradictions", q("{}")),
                               {kCheck, "detected_contradictions"}));
  BOOST_TEST(
      exchanges.refuses(with(exchange, "topic", q(std::string(51, 't'))), {kCheck, "topic"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "ai_provider", q(std::string(21, 'a'))),
                               {kCheck, "ai_provider"}));
  for (const char* measure : {"response_time_ms", "estimated_cost_usd", "tokens_used"}) {
    BOOST_TEST(exchanges.refuses(with(exchange, measure, "-1"), {kCheck, measure}));
  }
  BOOST_TEST(exchanges.refuses(without(exchange, "npc_prompt"),
                               {kNotNull, "dialogue_exchanges.npc_prompt"}));
  BOOST_TEST(exchanges.refuses(with(exchange, "session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(exchanges.accepts(exchange));

  Table options(*this, "ship_presentation_options");
  BOOST_TEST(options.accepts({{"session_id", q(kSession)},
                              {"available_ships", q(R"(["ESCAPE_POD", "SCOUT_SHIP", "CARRIER"])")},
                              {"rarity_roll", "100"}}));
  const Row offer = {{"session_id", q(uuid(102))},
                     {"available_ships", q(R"(["ESCAPE_POD"])")},
                     {"rarity_roll", "0"}};
  BOOST_TEST(options.refuses(with(offer, "session_id", q(kSession)),
                             {kUnique, "ship_presentation_options.session_id"}));
  BOOST_TEST(options.refuses(with(offer, "rarity_roll", "101"), {kCheck, "rarity_roll"}));
  BOOST_TEST(options.refuses(with(offer, "rarity_roll", "-1"), {kCheck, "rarity_roll"}));
  BOOST_TEST(options.refuses(with(offer, "available_ships", q("{}")), {kCheck, "available_ships"}));
  BOOST_TEST(options.refuses(without(offer, "available_ships"),
                             {kNotNull, "ship_presentation_options.available_ships"}));
  BOOST_TEST(
      options.refuses(with(offer, "escape_pod_present", "2"), {kCheck, "escape_pod_present"}));
  BOOST_TEST(
      options.refuses(with(offer, "special_event_active", "2"), {kCheck, "special_event_active"}));
  BOOST_TEST(options.refuses(with(offer, "session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(options.accepts(offer));

  Table states(*this, "player_first_login_state");
  BOOST_TEST(states.accepts(
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}, {"attempts", "2"}}));
  const Row state = {{"player_id", q(kBobPlayer)}};
  BOOST_TEST(states.refuses(with(state, "player_id", q(kAlicePlayer)),
                            {kUnique, "player_first_login_state.player_id"}));
  BOOST_TEST(states.refuses(with(state, "attempts", "-1"), {kCheck, "attempts"}));
  for (const char* flag : {"has_completed_first_login", "claimed_ship", "answered_questions",
                           "received_resources", "tutorial_started"}) {
    BOOST_TEST(states.refuses(with(state, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(states.refuses(with(state, "previous_ship_claims", q("{}")),
                            {kCheck, "previous_ship_claims"}));
  BOOST_TEST(states.refuses(with(state, "previous_dialogue_strategies", q("bold")),
                            {kCheck, "previous_dialogue_strategies"}));
  BOOST_TEST(states.refuses(with(state, "current_session_id", q(uuid(109))), {kForeignKey}));
  BOOST_TEST(states.refuses(with(state, "player_id", q(kBob)), {kForeignKey}));
  BOOST_TEST(states.accepts(state));
  BOOST_TEST(scalar("SELECT has_completed_first_login = 0 AND attempts = 0 AND "
                    "previous_ship_claims = '[]' FROM player_first_login_state WHERE player_id = " +
                    q(kBobPlayer)) == 1);
}

// -- economy (0004) -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(currencies_and_conversions_take_valid_rows_and_refuse_each_violation) {
  Table currencies(*this, "currencies");
  BOOST_TEST(currencies.count() == 13);
  BOOST_TEST(currencies.accepts(with(currency_row(20, "gems"), "type", q("denom"))));
  BOOST_TEST(scalar("SELECT kind = 'money' AND is_default = 0 FROM currencies WHERE id = 20") == 1);
  const Row ore = currency_row(21, "ore");
  BOOST_TEST(currencies.refuses(with(ore, "name", q("CREDITS")), {kUnique, "currencies.name"}));
  BOOST_TEST(currencies.refuses(with(ore, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      currencies.refuses(with(ore, "name", q(std::string(256, 'o'))), {kCheck, "length(name)"}));
  BOOST_TEST(currencies.refuses(with(ore, "type", q("Whole")), {kCheck, "type IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "type", q("coin")), {kCheck, "type IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "kind", q("Money")), {kCheck, "kind IN"}));
  BOOST_TEST(currencies.refuses(with(ore, "is_default", "2"), {kCheck, "is_default IN"}));
  // Exactly one default, and it is money.
  BOOST_TEST(currencies.refuses(with(ore, "is_default", "1"), {kUnique, "currencies.is_default"}));
  BOOST_TEST(currencies.refuses(with(ore, {{"kind", q("resource")}, {"is_default", "1"}}),
                                {kCheck, "is_default = 0 OR kind = 'money'"}));
  BOOST_TEST(currencies.refuses(without(ore, "type"), {kNotNull, "currencies.type"}));
  BOOST_TEST(currencies.accepts(with(ore, "kind", q("resource"))));

  Table conversions(*this, "currency_conversions");
  const Row rate = {{"id", "1"},
                    {"currency_source_id", num(kCredits)},
                    {"currency_destination_id", num(kFragments)},
                    {"ratio", "100"},
                    {"valid_from", kT},
                    {"created_at", kT},
                    {"updated_at", kT}};
  BOOST_TEST(conversions.accepts(with(rate, {{"valid_to", kLater}, {"volume", "0"}})));
  // The reverse pair is another pair.
  const Row reverse = with(rate, {{"id", "2"},
                                  {"currency_source_id", num(kFragments)},
                                  {"currency_destination_id", num(kCredits)}});
  BOOST_TEST(conversions.refuses(with(reverse, "ratio", "0"), {kCheck, "ratio > 0"}));
  BOOST_TEST(conversions.refuses(with(reverse, "ratio", "-100"), {kCheck, "ratio > 0"}));
  BOOST_TEST(
      conversions.refuses(without(reverse, "ratio"), {kNotNull, "currency_conversions.ratio"}));
  BOOST_TEST(conversions.refuses(with(reverse, "volume", "-1"), {kCheck, "volume"}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_destination_id", num(kFragments)),
                                 {kCheck, "currency_source_id <> currency_destination_id"}));
  BOOST_TEST(conversions.refuses(with(reverse, "valid_to", kT), {kCheck, "valid_to > valid_from"}));
  BOOST_TEST(conversions.refuses(with(reverse, "valid_to", "1767225599999"),
                                 {kCheck, "valid_to > valid_from"}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_source_id", "99"), {kForeignKey}));
  BOOST_TEST(conversions.refuses(with(reverse, "currency_destination_id", "99"), {kForeignKey}));
  BOOST_TEST(conversions.refuses(without(reverse, "valid_from"),
                                 {kNotNull, "currency_conversions.valid_from"}));
  BOOST_TEST(conversions.accepts(reverse));
}

BOOST_AUTO_TEST_CASE(accounts_take_exactly_one_owner_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  Table accounts(*this, "accounts");
  BOOST_TEST(accounts.count() == 26);  // the seeded mint and sink of each of the 13 currencies
  BOOST_TEST(accounts.accepts(user_account_row(100, kCredits, kAlice)));
  const Row team_account = {{"id", "101"},         {"currency_id", "3"}, {"owner_kind", q("team")},
                            {"team_id", q(kTeam)}, {"created_at", kT},   {"updated_at", kT}};
  BOOST_TEST(accounts.accepts(team_account));
  BOOST_TEST(accounts.accepts({{"id", "102"},
                               {"currency_id", num(kCredits)},
                               {"owner_kind", q("class")},
                               {"class_id", "1"},
                               {"created_at", kT},
                               {"updated_at", kT}}));
  const Row system_account = {{"id", "103"},
                              {"currency_id", num(kCredits)},
                              {"owner_kind", q("system")},
                              {"system_name", q("fees")},
                              {"created_at", kT},
                              {"updated_at", kT}};
  BOOST_TEST(accounts.accepts(system_account));
  BOOST_TEST(scalar("SELECT balance = 0 AND allow_negative = 0 FROM accounts WHERE id = 100") == 1);

  // One account per owner and currency.
  BOOST_TEST(
      accounts.refuses(user_account_row(110, kCredits, kAlice), {kUnique, "accounts.user_id"}));
  BOOST_TEST(accounts.refuses(with(team_account, "id", "110"), {kUnique, "accounts.team_id"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("mint")}}),
                              {kUnique, "accounts.system_name"}));
  const Row bob = user_account_row(110, kCredits, kBob);
  BOOST_TEST(accounts.refuses(with(bob, "owner_kind", q("User")), {kCheck, "owner_kind IN"}));
  BOOST_TEST(accounts.refuses(with(bob, "owner_kind", q("bank")), {kCheck, "owner_kind IN"}));
  // Exactly the owner column of the kind is set.
  BOOST_TEST(accounts.refuses(without(bob, "user_id"),
                              {kCheck, "(owner_kind = 'user') = (user_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "team_id", q(kTeam)),
                              {kCheck, "(owner_kind = 'team') = (team_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "class_id", "1"),
                              {kCheck, "(owner_kind = 'class') = (class_id IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(bob, "system_name", q("fees")),
                              {kCheck, "(owner_kind = 'system') = (system_name IS NOT NULL)"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("Fees")}}),
                              {kCheck, "system_name = lower(system_name)"}));
  BOOST_TEST(accounts.refuses(with(system_account, {{"id", "110"}, {"system_name", q("")}}),
                              {kCheck, "length(system_name)"}));
  // No overdraft unless the account allows it.
  BOOST_TEST(
      accounts.refuses(with(bob, "balance", "-1"), {kCheck, "allow_negative = 1 OR balance >= 0"}));
  BOOST_TEST(accounts.refuses(with(bob, "allow_negative", "2"), {kCheck, "allow_negative IN"}));
  BOOST_TEST(accounts.refuses(with(bob, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(accounts.refuses(without(bob, "currency_id"), {kNotNull, "accounts.currency_id"}));
  BOOST_TEST(accounts.refuses(with(bob, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(accounts.refuses(with(team_account, {{"id", "110"}, {"team_id", q(uuid(29))}}),
                              {kForeignKey}));
  BOOST_TEST(accounts.refuses(
      with(bob, {{"owner_kind", q("class")}, {"user_id", kNull}, {"class_id", "9"}}),
      {kForeignKey}));
  BOOST_TEST(accounts.accepts(with(bob, {{"allow_negative", "1"}, {"balance", "-5"}})));
  BOOST_TEST(accounts.refuses_statement("UPDATE accounts SET balance = -1 WHERE id = 100",
                                        {kCheck, "allow_negative = 1 OR balance >= 0"}));
}

BOOST_AUTO_TEST_CASE(transactions_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kBob));
  add(*this, "accounts", user_account_row(101, kCredits, kAlice));
  add(*this, "accounts", user_account_row(102, kFragments, kAlice));
  Table transactions(*this, "transactions");
  BOOST_TEST(
      transactions.accepts(with(transaction_row(1, kCredits, kCreditsMint, 100),
                                {{"user_id", q(kBob)}, {"confirmed", "1"}, {"automated", "1"}})));
  // A reversal points at its original.
  BOOST_TEST(
      transactions.accepts(with(transaction_row(2, kCredits, 100, kCreditsMint),
                                {{"previous_transaction_id", "1"}, {"type", q("REVERSAL")}})));
  const Row next = transaction_row(3, kCredits, kCreditsMint, 101);
  BOOST_TEST(transactions.refuses(with(next, "amount", "0"), {kCheck, "amount > 0"}));
  BOOST_TEST(transactions.refuses(with(next, "amount", "-100"), {kCheck, "amount > 0"}));
  BOOST_TEST(transactions.refuses(with(next, "amount", kNull), {kNotNull, "transactions.amount"}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", num(kCreditsMint)),
                                  {kCheck, "from_account_id <> to_account_id"}));
  // At most one reversal per original.
  BOOST_TEST(transactions.refuses(with(next, "previous_transaction_id", "1"),
                                  {kUnique, "transactions.previous_transaction_id"}));
  BOOST_TEST(transactions.refuses(with(next, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      transactions.refuses(with(next, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(transactions.refuses(with(next, "confirmed", "2"), {kCheck, "confirmed"}));
  BOOST_TEST(transactions.refuses(with(next, "automated", "2"), {kCheck, "automated"}));
  BOOST_TEST(transactions.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(transactions.refuses(with(next, "related_user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      transactions.refuses(without(next, "created_at"), {kNotNull, "transactions.created_at"}));
  // Unknown accounts, reversals and currencies: the currency trigger runs before the foreign
  // keys are checked and refuses them first.
  constexpr std::string_view kSameCurrency = "accounts and reversal must share the currency";
  BOOST_TEST(transactions.refuses(with(next, "from_account_id", "999"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", "999"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "previous_transaction_id", "99"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "currency_id", "99"), {kSameCurrency}));
  BOOST_TEST(transactions.refuses(with(next, "to_account_id", "102"), {kSameCurrency}));
  BOOST_TEST(transactions.accepts(with(next, "related_user_id", q(kBob))));
  BOOST_TEST(transactions.count() == 3);
}

BOOST_AUTO_TEST_CASE(items_inventory_and_item_history_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table items(*this, "items");
  BOOST_TEST(items.accepts(
      with(item_row(1, "Iron Ore"),
           {{"price", "0"}, {"usage_data", q(R"({"consume": true, "effects": []})")}})));
  const Row potion = item_row(2, "Health Potion");
  BOOST_TEST(items.refuses(with(potion, "name", q("IRON ORE")), {kUnique, "items.name"}));
  BOOST_TEST(items.refuses(with(potion, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      items.refuses(with(potion, "name", q(std::string(256, 'i'))), {kCheck, "length(name)"}));
  BOOST_TEST(items.refuses(with(potion, "rarity", q("")), {kCheck, "length(rarity)"}));
  BOOST_TEST(
      items.refuses(with(potion, "rarity", q(std::string(21, 'r'))), {kCheck, "length(rarity)"}));
  BOOST_TEST(items.refuses(with(potion, "rarity", kNull), {kNotNull, "items.rarity"}));
  BOOST_TEST(items.refuses(with(potion, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      items.refuses(with(potion, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(items.refuses(without(potion, "type"), {kNotNull, "items.type"}));
  BOOST_TEST(items.refuses(with(potion, "usage_data", q("[]")), {kCheck, "usage_data"}));
  BOOST_TEST(items.refuses(with(potion, "usage_data", q("heal")), {kCheck, "usage_data"}));
  BOOST_TEST(items.refuses(with(potion, "price", "-1"), {kCheck, "price"}));
  BOOST_TEST(items.accepts(potion));
  BOOST_TEST(scalar("SELECT rarity = 'Common' AND usage_data = '{}' AND price IS NULL FROM items "
                    "WHERE id = 2") == 1);

  Table inventory(*this, "inventory");
  const Row stack = {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "1"}};
  BOOST_TEST(inventory.accepts(stack));
  BOOST_TEST(inventory.refuses(with(stack, "quantity", "5"), {kUnique, "inventory.user_id"}));
  const Row bobs = with(stack, "user_id", q(kBob));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", "0"), {kCheck, "quantity > 0"}));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", "-1"), {kCheck, "quantity > 0"}));
  BOOST_TEST(inventory.refuses(with(bobs, "quantity", kNull), {kNotNull, "inventory.quantity"}));
  BOOST_TEST(inventory.refuses(with(bobs, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(inventory.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(inventory.accepts(bobs));
  BOOST_TEST(inventory.refuses_statement(
      "UPDATE inventory SET quantity = 0 WHERE user_id = " + q(kBob), {kCheck, "quantity > 0"}));

  Table history(*this, "item_transactions");
  BOOST_TEST(history.accepts(with(item_transaction_row(1, kAlice, 1), "related_user_id", q(kBob))));
  // A loss is a negative quantity.
  BOOST_TEST(history.accepts(with(item_transaction_row(2, kAlice, 1), "quantity", "-3")));
  const Row next = item_transaction_row(3, kBob, 2);
  BOOST_TEST(history.refuses(with(next, "quantity", "0"), {kCheck, "quantity <> 0"}));
  BOOST_TEST(history.refuses(with(next, "type", q("")), {kCheck, "length(type)"}));
  BOOST_TEST(
      history.refuses(with(next, "type", q(std::string(51, 't'))), {kCheck, "length(type)"}));
  BOOST_TEST(history.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(history.refuses(with(next, "related_user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(history.refuses(with(next, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(history.refuses(without(next, "user_id"), {kNotNull, "item_transactions.user_id"}));
  BOOST_TEST(history.accepts(next));
}

// -- catalog and hosting (0005) -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(assets_content_and_revisions_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table assets(*this, "assets");
  BOOST_TEST(assets.accepts(with(asset_row(kAsset), {{"user_id", q(kAlice)},
                                                     {"mime_type", q("model/gltf-binary")},
                                                     {"file_size", "0"},
                                                     {"public", "1"}})));
  const Row asset = asset_row(uuid(122));
  BOOST_TEST(assets.refuses(with(asset, "id", q(kAsset)), {kUnique, "assets.id"}));
  BOOST_TEST(assets.refuses(with(asset, "id", q(upper(uuid(122)))), {kCheck, "lower(id)"}));
  BOOST_TEST(assets.refuses(with(asset, "file_size", "-1"), {kCheck, "file_size"}));
  BOOST_TEST(assets.refuses(with(asset, "public", "2"), {kCheck, "public"}));
  BOOST_TEST(
      assets.refuses(with(asset, "mime_type", q(std::string(256, 'm'))), {kCheck, "mime_type"}));
  BOOST_TEST(assets.refuses(with(asset, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(assets.refuses(without(asset, "created_at"), {kNotNull, "assets.created_at"}));
  BOOST_TEST(assets.accepts(asset));

  Table content(*this, "content");
  BOOST_TEST(content.accepts(with(content_row(1), {{"user_id", q(kAlice)},
                                                   {"type", q("hat")},
                                                   {"privacy", q("unlisted")},
                                                   {"stock", "0"},
                                                   {"onsale", "1"},
                                                   {"published", "1"}})));
  // A comment on it.
  BOOST_TEST(content.accepts(with(content_row(2), {{"parent_id", "1"}, {"type", q("comment")}})));
  BOOST_TEST(scalar("SELECT privacy = 'public' AND comments_enabled = 1 AND stock IS NULL FROM "
                    "content WHERE id = 2") == 1);
  const Row next = content_row(3);
  BOOST_TEST(content.refuses(with(next, "privacy", q("Public")), {kCheck, "privacy"}));
  BOOST_TEST(content.refuses(with(next, "privacy", q("secret")), {kCheck, "privacy"}));
  BOOST_TEST(content.refuses(with(next, "type", q("hats")), {kCheck, "type IN"}));
  BOOST_TEST(content.refuses(with(next, "type", q("Hat")), {kCheck, "type IN"}));
  BOOST_TEST(content.refuses(with(next, "parent_id", "99"), {kForeignKey}));
  BOOST_TEST(content.refuses(with(next, "parent_id", "3"), {kCheck, "parent_id <> id"}));
  BOOST_TEST(content.refuses(with(next, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      content.refuses(with(next, "name", q(std::string(256, 'n'))), {kCheck, "length(name)"}));
  BOOST_TEST(content.refuses(without(next, "description"), {kNotNull, "content.description"}));
  for (const char* flag :
       {"restricted", "onsale", "published", "comments_enabled", "open_source"}) {
    BOOST_TEST(content.refuses(with(next, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(content.refuses(with(next, "stock", "-1"), {kCheck, "stock"}));
  for (const char* actor : {"user_id", "created_by", "updated_by"}) {
    BOOST_TEST(content.refuses(with(next, actor, q(kDave)), {kForeignKey}));
  }
  BOOST_TEST(content.accepts(next));
  BOOST_TEST(content.refuses_statement("UPDATE content SET parent_id = 1 WHERE id = 1",
                                       {kCheck, "parent_id <> id"}));

  Table revisions(*this, "content_revisions");
  BOOST_TEST(revisions.accepts(revision_row(1, 1, kAlice)));
  const Row revision = revision_row(2, 1, kBob);
  BOOST_TEST(revisions.refuses(with(revision, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(revisions.refuses(without(revision, "content_id"),
                               {kNotNull, "content_revisions.content_id"}));
  BOOST_TEST(revisions.refuses(with(revision, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      revisions.refuses(without(revision, "user_id"), {kNotNull, "content_revisions.user_id"}));
  BOOST_TEST(revisions.accepts(revision));
}

BOOST_AUTO_TEST_CASE(moderation_of_content_takes_valid_rows_and_refuses_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "bans", ban_row(1, kCarol, kBob));
  add(*this, "assets", asset_row(kAsset));

  Table actions(*this, "moderator_actions");
  BOOST_TEST(actions.accepts(moderator_action_row(1, 1, 1, kBob)));
  BOOST_TEST(actions.accepts(
      with(moderator_action_row(2, 1, 1, kBob),
           {{"action", q("reject")}, {"rejection_reason", q("dmca")}, {"penalty", "1"}})));
  const Row next = moderator_action_row(3, 1, 1, kCarol);
  BOOST_TEST(actions.refuses(with(next, "action", q("approved")), {kCheck, "action IN"}));
  BOOST_TEST(actions.refuses(with(next, "action", q("Approve")), {kCheck, "action IN"}));
  // A rejection reason only on a rejection, and one of the four.
  BOOST_TEST(actions.refuses(with(next, "rejection_reason", q("tos")),
                             {kCheck, "rejection_reason IS NULL OR action = 'reject'"}));
  BOOST_TEST(actions.refuses(with(next, {{"action", q("reject")}, {"rejection_reason", q("spam")}}),
                             {kCheck, "rejection_reason IN"}));
  BOOST_TEST(actions.refuses(with(next, "penalty", "2"), {kCheck, "penalty"}));
  BOOST_TEST(actions.refuses(with(next, "asset_delete", "2"), {kCheck, "asset_delete"}));
  BOOST_TEST(actions.refuses(with(next, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(actions.refuses(with(next, "revision_id", "99"), {kForeignKey}));
  BOOST_TEST(actions.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(actions.refuses(without(next, "user_id"), {kNotNull, "moderator_actions.user_id"}));
  BOOST_TEST(actions.accepts(with(next, "action", q("forward"))));

  Table action_bans(*this, "moderator_action_bans");
  const Row issued = {{"moderator_action_id", "2"}, {"ban_id", "1"}};
  BOOST_TEST(action_bans.accepts(issued));
  BOOST_TEST(action_bans.refuses(issued, {kUnique, "moderator_action_bans.moderator_action_id"}));
  BOOST_TEST(action_bans.refuses(with(issued, "moderator_action_id", "99"), {kForeignKey}));
  BOOST_TEST(action_bans.refuses(with(issued, "ban_id", "99"), {kForeignKey}));
  BOOST_TEST(action_bans.accepts(with(issued, "moderator_action_id", "1")));

  Table object_assets(*this, "object_assets");
  BOOST_TEST(object_assets.accepts(object_asset_row(1, 1, 1, kAsset)));
  BOOST_TEST(scalar("SELECT asset_index FROM object_assets WHERE id = 1") == 0);
  const Row image =
      with(object_asset_row(2, 1, 1, kAsset), {{"type", q("image")}, {"asset_index", "1"}});
  BOOST_TEST(object_assets.refuses(with(image, "type", q("model")), {kCheck, "type IN"}));
  BOOST_TEST(object_assets.refuses(with(image, "type", q("Mesh")), {kCheck, "type IN"}));
  BOOST_TEST(object_assets.refuses(with(image, "asset_index", "-1"), {kCheck, "asset_index"}));
  BOOST_TEST(object_assets.refuses(with(image, "type_name", q(std::string(256, 't'))),
                                   {kCheck, "type_name"}));
  BOOST_TEST(object_assets.refuses(with(image, "asset_id", q(uuid(129))), {kForeignKey}));
  BOOST_TEST(object_assets.refuses(with(image, "revision_id", "99"), {kForeignKey}));
  BOOST_TEST(object_assets.refuses(with(image, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(object_assets.accepts(image));

  Table reports(*this, "content_reports");
  BOOST_TEST(reports.accepts(with(report_row(1, 1, kCarol), "moderator_id", q(kBob))));
  BOOST_TEST(count_of(*this, "content_reports", "id = 1 AND status = 'open'") == 1);
  const Row report = report_row(2, 1, kAlice);
  BOOST_TEST(reports.refuses(with(report, "status", q("Open")), {kCheck, "status IN"}));
  BOOST_TEST(reports.refuses(with(report, "status", q("pending")), {kCheck, "status IN"}));
  BOOST_TEST(reports.refuses(with(report, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(
      reports.refuses(without(report, "description"), {kNotNull, "content_reports.description"}));
  BOOST_TEST(reports.refuses(with(report, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(reports.refuses(with(report, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(reports.refuses(with(report, "moderator_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(reports.accepts(with(report, {{"status", q("resolved")}, {"resolved_at", kLater}})));

  Table report_actions(*this, "report_moderator_actions");
  const Row handled = {{"report_id", "1"}, {"moderator_action_id", "1"}};
  BOOST_TEST(report_actions.accepts(handled));
  BOOST_TEST(report_actions.refuses(handled, {kUnique, "report_moderator_actions.report_id"}));
  BOOST_TEST(report_actions.refuses(with(handled, "report_id", "99"), {kForeignKey}));
  BOOST_TEST(report_actions.refuses(with(handled, "moderator_action_id", "99"), {kForeignKey}));
  BOOST_TEST(report_actions.accepts(with(handled, "report_id", "2")));
}

BOOST_AUTO_TEST_CASE(prices_and_ownerships_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kBob));
  add(*this, "transactions", transaction_row(1, kCredits, 100, kCreditsSink));

  Table prices(*this, "content_prices");
  BOOST_TEST(prices.accepts(with(price_row(1, 1, kCredits), "created_by", q(kAlice))));
  const Row price = price_row(2, 1, kFragments);
  // One price per content and currency.
  BOOST_TEST(prices.refuses(with(price, "currency_id", num(kCredits)),
                            {kUnique, "content_prices.content_id"}));
  BOOST_TEST(prices.refuses(with(price, "price", "-1"), {kCheck, "price >= 0"}));
  BOOST_TEST(prices.refuses(with(price, "price", kNull), {kNotNull, "content_prices.price"}));
  BOOST_TEST(prices.refuses(with(price, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(prices.refuses(with(price, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(prices.accepts(with(price, "price", "0")));

  Table ownerships(*this, "content_ownerships");
  BOOST_TEST(ownerships.accepts(with(ownership_row(1, 1, kAlice), "serial", "1")));
  BOOST_TEST(count_of(*this, "content_ownerships", "id = 1 AND source = 'author'") == 1);
  BOOST_TEST(
      ownerships.accepts(with(ownership_row(2, 1, kBob), {{"source", q("purchase")},
                                                          {"serial", "2"},
                                                          {"purchase_price", "250"},
                                                          {"purchase_currency_id", num(kCredits)},
                                                          {"purchase_transaction_id", "1"}})));
  const Row next = with(ownership_row(3, 1, kCarol), "serial", "3");
  // At most one open row per (content, serial).
  BOOST_TEST(
      ownerships.refuses(with(next, "serial", "1"), {kUnique, "content_ownerships.content_id"}));
  BOOST_TEST(ownerships.refuses(with(next, "source", q("bought")), {kCheck, "source IN"}));
  BOOST_TEST(ownerships.refuses(with(next, "source", q("Purchase")), {kCheck, "source IN"}));
  // A purchase price and its currency come together.
  BOOST_TEST(
      ownerships.refuses(with(next, "purchase_price", "250"),
                         {kCheck, "(purchase_price IS NULL) = (purchase_currency_id IS NULL)"}));
  BOOST_TEST(
      ownerships.refuses(with(next, "purchase_currency_id", num(kCredits)),
                         {kCheck, "(purchase_price IS NULL) = (purchase_currency_id IS NULL)"}));
  BOOST_TEST(ownerships.refuses(
      with(next, {{"purchase_price", "-1"}, {"purchase_currency_id", num(kCredits)}}),
      {kCheck, "purchase_price >= 0"}));
  BOOST_TEST(ownerships.refuses(with(next, "serial", "0"), {kCheck, "serial >= 1"}));
  BOOST_TEST(ownerships.refuses(with(next, "previous_ownership_id", "3"),
                                {kCheck, "previous_ownership_id <> id"}));
  BOOST_TEST(ownerships.refuses(with(next, "previous_ownership_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "purchase_transaction_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(
      with(next, {{"purchase_price", "5"}, {"purchase_currency_id", "99"}}), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(ownerships.refuses(with(next, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(
      ownerships.refuses(without(next, "user_id"), {kNotNull, "content_ownerships.user_id"}));
  BOOST_TEST(ownerships.accepts(next));
  // A transfer ends the open row and chains a new one for the same serial; one successor only.
  run(*this, "UPDATE content_ownerships SET ended_at = " + kLater + " WHERE id = 1");
  BOOST_TEST(ownerships.accepts(
      with(ownership_row(4, 1, kCarol),
           {{"source", q("trade")}, {"serial", "1"}, {"previous_ownership_id", "1"}})));
  BOOST_TEST(ownerships.refuses(
      with(ownership_row(5, 1, kBob), {{"source", q("gift")}, {"previous_ownership_id", "1"}}),
      {kUnique, "content_ownerships.previous_ownership_id"}));
  BOOST_TEST(
      ownerships.refuses_statement("UPDATE content_ownerships SET ended_at = NULL WHERE id = 1",
                                   {kUnique, "content_ownerships.content_id"}));
}

BOOST_AUTO_TEST_CASE(trades_and_their_legs_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_content(*this);
  add(*this, "content_ownerships", ownership_row(1, 1, kAlice));
  add(*this, "content_ownerships", ownership_row(2, 1, kBob));
  add(*this, "items", item_row(1, "Iron Ore"));

  Table trades(*this, "trades");
  BOOST_TEST(trades.accepts(trade_row(1, kAlice, kBob)));
  BOOST_TEST(count_of(*this, "trades", "status = 'sent'") == 1);
  const Row next = trade_row(2, kBob, kCarol);
  BOOST_TEST(trades.refuses(trade_row(2, kCarol, kCarol), {kCheck, "user_id <> recipient_id"}));
  BOOST_TEST(trades.refuses(with(next, "status", q("accepted")), {kCheck, "status IN"}));
  BOOST_TEST(trades.refuses(with(next, "status", q("SENT")), {kCheck, "status IN"}));
  BOOST_TEST(trades.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(trades.refuses(with(next, "recipient_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(trades.refuses(without(next, "recipient_id"), {kNotNull, "trades.recipient_id"}));
  BOOST_TEST(trades.accepts(next));
  for (const char* status : {"opened", "rejected", "return_to_sender", "confirmed", "cancelled"}) {
    BOOST_TEST(
        trades.accepts_statement("UPDATE trades SET status = " + q(status) + " WHERE id = 2"));
  }

  Table offered(*this, "trade_offer_ownerships");
  const Row leg = {{"trade_id", "1"}, {"ownership_id", "1"}, {"side", q("user")}};
  BOOST_TEST(offered.accepts(leg));
  BOOST_TEST(offered.refuses(with(leg, "side", q("recipient")),
                             {kUnique, "trade_offer_ownerships.trade_id"}));
  const Row other = {{"trade_id", "1"}, {"ownership_id", "2"}, {"side", q("recipient")}};
  BOOST_TEST(offered.refuses(with(other, "side", q("both")), {kCheck, "side IN"}));
  BOOST_TEST(offered.refuses(with(other, "side", q("Recipient")), {kCheck, "side IN"}));
  BOOST_TEST(offered.refuses(with(other, "ownership_id", "99"), {kForeignKey}));
  BOOST_TEST(offered.refuses(with(other, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(offered.accepts(other));

  Table items(*this, "trade_offer_items");
  const Row stack = {{"trade_id", "1"}, {"side", q("user")}, {"item_id", "1"}, {"quantity", "5"}};
  BOOST_TEST(items.accepts(stack));
  BOOST_TEST(items.refuses(with(stack, "quantity", "1"), {kUnique, "trade_offer_items.trade_id"}));
  const Row their = with(stack, "side", q("recipient"));
  BOOST_TEST(items.refuses(with(their, "quantity", "0"), {kCheck, "quantity > 0"}));
  BOOST_TEST(items.refuses(with(their, "side", q("sender")), {kCheck, "side IN"}));
  BOOST_TEST(items.refuses(with(their, "item_id", "99"), {kForeignKey}));
  BOOST_TEST(items.refuses(with(their, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(items.accepts(their));

  Table money(*this, "trade_offer_currencies");
  const Row amount = {
      {"trade_id", "1"}, {"side", q("user")}, {"currency_id", num(kCredits)}, {"amount", "100"}};
  BOOST_TEST(money.accepts(amount));
  BOOST_TEST(
      money.refuses(with(amount, "amount", "1"), {kUnique, "trade_offer_currencies.trade_id"}));
  const Row fragments = with(amount, "currency_id", num(kFragments));
  BOOST_TEST(money.refuses(with(fragments, "amount", "0"), {kCheck, "amount > 0"}));
  BOOST_TEST(money.refuses(with(fragments, "side", q("USER")), {kCheck, "side IN"}));
  BOOST_TEST(money.refuses(with(fragments, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(money.refuses(with(fragments, "trade_id", "99"), {kForeignKey}));
  BOOST_TEST(money.accepts(fragments));
}

BOOST_AUTO_TEST_CASE(favorites_and_votes_take_one_row_per_user_and_content) {
  add_users(*this);
  add_content(*this);
  Table favorites(*this, "favorites");
  BOOST_TEST(favorites.accepts(favorite_row(1, 1, kAlice)));
  BOOST_TEST(favorites.refuses(favorite_row(2, 1, kAlice), {kUnique, "favorites.user_id"}));
  BOOST_TEST(favorites.refuses(favorite_row(2, 99, kBob), {kForeignKey}));
  BOOST_TEST(favorites.refuses(favorite_row(2, 1, kDave), {kForeignKey}));
  BOOST_TEST(favorites.refuses(without(favorite_row(2, 1, kBob), "content_id"),
                               {kNotNull, "favorites.content_id"}));
  BOOST_TEST(favorites.accepts(favorite_row(2, 1, kBob)));

  Table votes(*this, "content_votes");
  BOOST_TEST(votes.accepts(with(favorite_row(1, 1, kAlice), "vote", q("up"))));
  const Row down = with(favorite_row(2, 1, kBob), "vote", q("down"));
  BOOST_TEST(votes.refuses(with(down, "user_id", q(kAlice)), {kUnique, "content_votes.user_id"}));
  BOOST_TEST(votes.refuses(with(down, "vote", q("UP")), {kCheck, "vote IN"}));
  BOOST_TEST(votes.refuses(with(down, "vote", q("like")), {kCheck, "vote IN"}));
  BOOST_TEST(votes.refuses(without(down, "vote"), {kNotNull, "content_votes.vote"}));
  BOOST_TEST(votes.refuses(with(down, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(votes.refuses(with(down, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(votes.accepts(down));
}

BOOST_AUTO_TEST_CASE(games_and_their_supports_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add(*this, "content", with(content_row(10), "type", q("game")));
  add(*this, "content", with(content_row(11), "type", q("game")));
  add(*this, "content", with(content_row(12), "type", q("character")));

  Table games(*this, "games");
  BOOST_TEST(games.accepts({{"id", "10"}}));
  BOOST_TEST(scalar("SELECT hosted = 0 AND max_players = 16 FROM games WHERE id = 10") == 1);
  BOOST_TEST(games.refuses({{"id", "10"}}, {kUnique, "games.id"}));
  BOOST_TEST(games.refuses({{"id", "99"}}, {kForeignKey}));
  BOOST_TEST(games.refuses({{"id", "11"}, {"max_players", "0"}}, {kCheck, "max_players"}));
  BOOST_TEST(games.refuses({{"id", "11"}, {"hosted", "2"}}, {kCheck, "hosted"}));
  BOOST_TEST(games.accepts({{"id", "11"}, {"max_players", "1"}, {"hosted", "1"}}));

  Table supports(*this, "game_supports");
  const Row chat = {{"id", "1"}, {"game_id", "10"}, {"flag", q("chat")}};
  BOOST_TEST(supports.accepts(chat));
  BOOST_TEST(supports.accepts(
      {{"id", "2"}, {"game_id", "10"}, {"flag", q("character")}, {"content_id", "12"}}));
  const Row features = {{"id", "3"}, {"game_id", "11"}, {"flag", q("character_features")}};
  BOOST_TEST(supports.refuses(with(features, "flag", q("voice")), {kCheck, "flag IN"}));
  BOOST_TEST(supports.refuses(with(features, "flag", q("Chat")), {kCheck, "flag IN"}));
  BOOST_TEST(supports.refuses(with(features, "enabled", "2"), {kCheck, "enabled"}));
  BOOST_TEST(
      supports.refuses(with(features, "game_id", "12"), {kForeignKey}));  // content, not a game
  BOOST_TEST(supports.refuses(with(features, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(supports.refuses(without(features, "flag"), {kNotNull, "game_supports.flag"}));
  BOOST_TEST(supports.accepts(features));
}

BOOST_AUTO_TEST_CASE(servers_hosts_and_host_bans_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_game(*this);

  Table hosts(*this, "provisioning_hosts");
  BOOST_TEST(hosts.accepts(with(provisioning_host_row(1, "host-1"), "updated_by", q(kAlice))));
  BOOST_TEST(
      hosts.accepts(with(provisioning_host_row(2, "host-2"), {{"capacity", "0"}, {"slots", "0"}})));
  const Row host = provisioning_host_row(3, "host-3");
  BOOST_TEST(hosts.refuses(with(host, "slots", "11"), {kCheck, "slots <= capacity"}));
  BOOST_TEST(hosts.refuses(with(host, "slots", "-1"), {kCheck, "slots >= 0"}));
  BOOST_TEST(hosts.refuses(with(host, {{"capacity", "-1"}, {"slots", "-1"}}), {kCheck}));
  BOOST_TEST(
      hosts.refuses(with(host, "token", q("host-1")), {kUnique, "provisioning_hosts.token"}));
  BOOST_TEST(hosts.refuses(with(host, "official", "2"), {kCheck, "official"}));
  BOOST_TEST(hosts.refuses(with(host, "active", "2"), {kCheck, "active"}));
  BOOST_TEST(hosts.refuses(without(host, "api_url"), {kNotNull, "provisioning_hosts.api_url"}));
  BOOST_TEST(hosts.refuses(with(host, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(hosts.accepts(with(host, "slots", "10")));

  Table servers(*this, "hosted_servers");
  BOOST_TEST(servers.accepts(
      with(server_row(1, "srv-1", kAlice), {{"game_id", "10"},
                                            {"provisioned_by", "1"},
                                            {"socket_port", "65535"},
                                            {"server_info", q(R"({"map": "dust"})")}})));
  BOOST_TEST(servers.accepts(with(server_row(2, "srv-2", kBob), "socket_port", "1")));
  const Row server = server_row(3, "srv-3", kCarol);
  BOOST_TEST(servers.refuses(with(server, "socket_port", "0"), {kCheck, "socket_port"}));
  BOOST_TEST(servers.refuses(with(server, "socket_port", "65536"), {kCheck, "socket_port"}));
  BOOST_TEST(servers.refuses(with(server, "token", q("srv-1")), {kUnique, "hosted_servers.token"}));
  BOOST_TEST(servers.refuses(with(server, "server_info", q("map=dust")), {kCheck, "server_info"}));
  BOOST_TEST(servers.refuses(with(server, "player_count", "-1"), {kCheck, "player_count"}));
  BOOST_TEST(servers.refuses(with(server, "ping", "-1"), {kCheck, "ping"}));
  BOOST_TEST(
      servers.refuses(with(server, "country", q(std::string(256, 'c'))), {kCheck, "country"}));
  for (const char* flag : {"provisioned", "quarantine", "official", "active"}) {
    BOOST_TEST(servers.refuses(with(server, flag, "2"), {kCheck, flag}));
  }
  BOOST_TEST(servers.refuses(with(server, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(servers.refuses(with(server, "game_id", "20"), {kForeignKey}));  // content, not a game
  BOOST_TEST(servers.refuses(with(server, "provisioned_by", "99"), {kForeignKey}));
  BOOST_TEST(
      servers.refuses(without(server, "socket_host"), {kNotNull, "hosted_servers.socket_host"}));
  BOOST_TEST(servers.accepts(server));

  Table server_games(*this, "server_games");
  const Row loads = {{"server_id", "1"}, {"game_id", "10"}};
  BOOST_TEST(server_games.accepts(loads));
  BOOST_TEST(server_games.refuses(loads, {kUnique, "server_games.server_id"}));
  BOOST_TEST(server_games.refuses(with(loads, "server_id", "99"), {kForeignKey}));
  BOOST_TEST(server_games.refuses(with(loads, "game_id", "20"), {kForeignKey}));
  BOOST_TEST(server_games.accepts(with(loads, "server_id", "2")));

  Table host_bans(*this, "host_bans");
  BOOST_TEST(host_bans.accepts(
      with(host_ban_row(1, "192.168.0.0", kAlice), {{"cidr", "16"}, {"user_id", q(kBob)}})));
  BOOST_TEST(host_bans.accepts(with(host_ban_row(2, "10.0.0.0", kAlice), "cidr", "0")));
  BOOST_TEST(host_bans.accepts(with(host_ban_row(3, "fd00::", kAlice), "cidr", "128")));
  const Row ban = host_ban_row(4, "10.1.2.3", kAlice);  // cidr defaults to 32, the IPv4 edge
  BOOST_TEST(host_bans.refuses(with(ban, "cidr", "33"), {kCheck, "cidr <= 32"}));
  BOOST_TEST(host_bans.refuses(with(ban, "cidr", "-1"), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(host_bans.refuses(with(ban, {{"ip", q("fd00::")}, {"cidr", "129"}}),
                               {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(host_bans.refuses(without(ban, "ip"), {kNotNull, "host_bans.ip"}));
  BOOST_TEST(host_bans.refuses(with(ban, "ip", q("")), {kCheck, "length(ip)"}));
  BOOST_TEST(host_bans.refuses(with(ban, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(host_bans.refuses(without(ban, "admin_id"), {kNotNull, "host_bans.admin_id"}));
  BOOST_TEST(host_bans.refuses(with(ban, "admin_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(host_bans.refuses(with(ban, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(host_bans.accepts(ban));
  BOOST_TEST(scalar("SELECT cidr FROM host_bans WHERE id = 4") == 32);
}

BOOST_AUTO_TEST_CASE(characters_and_play_sessions_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  add_game(*this);
  add(*this, "content", with(content_row(30), "type", q("hat")));
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kAlice), "game_id", "10"));

  Table characters(*this, "characters");
  BOOST_TEST(characters.accepts(with(character_row(1, kAlice, 20), "name", q("Al"))));
  const Row bobs = character_row(2, kBob, 20);
  BOOST_TEST(characters.refuses(with(bobs, "content_id", "99"), {kForeignKey}));
  BOOST_TEST(characters.refuses(without(bobs, "content_id"), {kNotNull, "characters.content_id"}));
  BOOST_TEST(characters.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(characters.refuses(without(bobs, "user_id"), {kNotNull, "characters.user_id"}));
  BOOST_TEST(characters.accepts(bobs));

  Table properties(*this, "character_properties");
  BOOST_TEST(properties.accepts(property_row(1, 1, "color")));
  BOOST_TEST(properties.accepts(
      with(property_row(2, 1, "hat"),
           {{"value_type", q("content")}, {"value", q("30")}, {"related_content_id", "30"}})));
  const Row height = property_row(3, 1, "height");
  BOOST_TEST(properties.refuses(with(height, "property", q("color")),
                                {kUnique, "character_properties.character_id"}));
  BOOST_TEST(properties.refuses(with(height, "value_type", q("str")), {kCheck, "value_type"}));
  BOOST_TEST(properties.refuses(with(height, "value_type", q("Color")), {kCheck, "value_type"}));
  BOOST_TEST(properties.refuses(with(height, "property", q("")), {kCheck, "length(property)"}));
  BOOST_TEST(
      properties.refuses(without(height, "value"), {kNotNull, "character_properties.value"}));
  BOOST_TEST(properties.refuses(with(height, "character_id", "99"), {kForeignKey}));
  BOOST_TEST(properties.refuses(with(height, "related_content_id", "99"), {kForeignKey}));
  BOOST_TEST(properties.accepts(with(height, {{"value_type", q("number")}, {"value", q("1.1")}})));

  Table worn(*this, "character_worn_items");
  BOOST_TEST(worn.accepts(worn_row(1, 1, 30)));
  BOOST_TEST(worn.refuses(worn_row(2, 1, 30), {kUnique, "character_worn_items.character_id"}));
  BOOST_TEST(worn.refuses(worn_row(2, 2, 99), {kForeignKey}));
  BOOST_TEST(worn.refuses(worn_row(2, 99, 30), {kForeignKey}));
  BOOST_TEST(worn.accepts(worn_row(2, 2, 30)));

  Table sessions(*this, "sessions");
  BOOST_TEST(sessions.accepts(play_session_row(1, "play-1", kAlice, 1, 10, 1)));
  BOOST_TEST(count_of(*this, "sessions", "server_type = 'provision'") == 1);
  const Row session = play_session_row(2, "play-2", kBob, 2, 10, 1);
  BOOST_TEST(sessions.refuses(with(session, "token", q("play-1")), {kUnique, "sessions.token"}));
  BOOST_TEST(sessions.refuses(without(session, "token"), {kNotNull, "sessions.token"}));
  BOOST_TEST(sessions.refuses(with(session, "server_type", q("hosted")), {kCheck, "server_type"}));
  BOOST_TEST(sessions.refuses(with(session, "server_type", q("Host")), {kCheck, "server_type"}));
  BOOST_TEST(sessions.refuses(with(session, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "character_id", "99"), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "game_id", "20"), {kForeignKey}));
  BOOST_TEST(sessions.refuses(with(session, "server_id", "99"), {kForeignKey}));
  BOOST_TEST(sessions.accepts(with(session, "server_type", q("host"))));
}

// -- progression and moderation (0006) ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(quests_and_user_quests_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table quests(*this, "quests");
  BOOST_TEST(quests.accepts(with(quest_row(1), {{"requirements", q(R"({"target": 3})")},
                                                {"rewards", q(R"({"xp": 50, "balance": 100})")}})));
  const Row quest = quest_row(2);
  BOOST_TEST(quests.refuses(with(quest, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      quests.refuses(with(quest, "name", q(std::string(256, 'q'))), {kCheck, "length(name)"}));
  BOOST_TEST(
      quests.refuses(with(quest, "trigger_event", q("")), {kCheck, "length(trigger_event)"}));
  BOOST_TEST(quests.refuses(with(quest, "trigger_event", q(std::string(51, 'e'))),
                            {kCheck, "length(trigger_event)"}));
  BOOST_TEST(quests.refuses(without(quest, "trigger_event"), {kNotNull, "quests.trigger_event"}));
  BOOST_TEST(quests.refuses(with(quest, "requirements", q("[]")), {kCheck, "requirements"}));
  BOOST_TEST(quests.refuses(with(quest, "rewards", q("xp: 5")), {kCheck, "rewards"}));
  BOOST_TEST(quests.accepts(quest));
  BOOST_TEST(scalar("SELECT requirements = '{}' AND rewards = '{}' FROM quests WHERE id = 2") == 1);

  Table progress(*this, "user_quests");
  const Row assigned = {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}};
  BOOST_TEST(progress.accepts(assigned));
  BOOST_TEST(progress.refuses(assigned, {kUnique, "user_quests.user_id"}));
  const Row bobs = with(assigned, "user_id", q(kBob));
  BOOST_TEST(progress.refuses(with(bobs, "progress", "-1"), {kCheck, "progress"}));
  BOOST_TEST(progress.refuses(without(bobs, "assigned_at"), {kNotNull, "user_quests.assigned_at"}));
  BOOST_TEST(progress.refuses(with(bobs, "quest_id", "99"), {kForeignKey}));
  BOOST_TEST(progress.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(progress.accepts(with(bobs, {{"progress", "3"}, {"completed_at", kLater}})));
}

BOOST_AUTO_TEST_CASE(user_timers_take_one_row_per_user_type_and_key) {
  add_users(*this);
  Table timers(*this, "user_timers");
  BOOST_TEST(timers.accepts(timer_row(kAlice, "COOLDOWN", "daily")));
  // Each type is its own namespace of keys.
  for (const char* type : {"EFFECT", "ACCESS", "EXAM_SYSTEM"}) {
    BOOST_TEST(timers.accepts(timer_row(kAlice, type, "daily")));
  }
  BOOST_TEST(timers.refuses(with(timer_row(kAlice, "COOLDOWN", "daily"), "expires_at", kT),
                            {kUnique, "user_timers.user_id"}));
  const Row bobs = timer_row(kBob, "COOLDOWN", "daily");
  BOOST_TEST(timers.refuses(with(bobs, "type", q("cooldown")), {kCheck, "type IN"}));
  BOOST_TEST(timers.refuses(with(bobs, "type", q("BUFF")), {kCheck, "type IN"}));
  BOOST_TEST(timers.refuses(with(bobs, "key", q("")), {kCheck, "length(key)"}));
  BOOST_TEST(timers.refuses(with(bobs, "key", q(std::string(101, 'k'))), {kCheck, "length(key)"}));
  BOOST_TEST(timers.refuses(with(bobs, "metadata", q("[]")), {kCheck, "metadata"}));
  BOOST_TEST(timers.refuses(with(bobs, "metadata", q("{")), {kCheck, "metadata"}));
  BOOST_TEST(timers.refuses(without(bobs, "expires_at"), {kNotNull, "user_timers.expires_at"}));
  BOOST_TEST(timers.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(timers.accepts(bobs));
  BOOST_TEST(count_of(*this, "user_timers", "metadata = '{}' AND expired_at IS NULL") == 5);
}

BOOST_AUTO_TEST_CASE(lootdrops_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table drops(*this, "lootdrops");
  BOOST_TEST(drops.accepts(
      with(lootdrop_row("msg-1"),
           {{"channel_id", q("general")}, {"claimed_by", q(kAlice)}, {"claimed_at", kLater}})));
  const Row drop = lootdrop_row("msg-2");
  BOOST_TEST(
      drops.refuses(with(drop, "message_id", q("msg-1")), {kUnique, "lootdrops.message_id"}));
  BOOST_TEST(drops.refuses(with(drop, "message_id", q("")), {kCheck, "length(message_id)"}));
  BOOST_TEST(drops.refuses(with(drop, "message_id", q(std::string(256, 'm'))),
                           {kCheck, "length(message_id)"}));
  BOOST_TEST(
      drops.refuses(with(drop, "channel_id", q(std::string(256, 'c'))), {kCheck, "channel_id"}));
  BOOST_TEST(drops.refuses(with(drop, "reward_amount", "0"), {kCheck, "reward_amount > 0"}));
  BOOST_TEST(drops.refuses(with(drop, "reward_amount", "-50"), {kCheck, "reward_amount > 0"}));
  BOOST_TEST(drops.refuses(with(drop, "expires_at", "1767225599999"),
                           {kCheck, "expires_at >= created_at"}));
  BOOST_TEST(drops.refuses(with(drop, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(drops.refuses(without(drop, "currency_id"), {kNotNull, "lootdrops.currency_id"}));
  BOOST_TEST(
      drops.refuses(with(with(drop, "claimed_by", q(kDave)), "claimed_at", kLater), {kForeignKey}));
  // A claimer without a claim time: "claimed" is keyed on claimed_at.
  BOOST_TEST(drops.refuses(with(drop, "claimed_by", q(kAlice)),
                           {kCheck, "claimed_by IS NULL OR claimed_at IS NOT NULL"}));
  // Expiring the instant it spawned is the edge the CHECK allows.
  BOOST_TEST(drops.accepts(with(drop, "expires_at", kT)));
}

BOOST_AUTO_TEST_CASE(moderation_cases_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table cases(*this, "moderation_cases");
  BOOST_TEST(
      cases.accepts(with(case_row(1, "CASE-0001"), {{"user_id", q(kAlice)},
                                                    {"moderator_id", q(kBob)},
                                                    {"active", "1"},
                                                    {"metadata", q(R"({"duration": 60})")}})));
  // More than four digits; no moderator (the system).
  BOOST_TEST(cases.accepts(with(case_row(2, "CASE-12345"), "type", q("TIMEOUT"))));
  const Row next = case_row(3, "CASE-0003");
  BOOST_TEST(
      cases.refuses(with(next, "case_id", q("CASE-0001")), {kUnique, "moderation_cases.case_id"}));
  for (const char* malformed :
       {"CASE-001", "case-0003", "CASE-00a3", "CASE-0003 ", "CASE 0003", "CASE-0003-1", "CASE-"}) {
    BOOST_TEST(cases.refuses(with(next, "case_id", q(malformed)), {kCheck, "case_id"}));
  }
  BOOST_TEST(cases.refuses(with(next, "type", q("warn")), {kCheck, "type IN"}));
  BOOST_TEST(cases.refuses(with(next, "type", q("MUTE")), {kCheck, "type IN"}));
  BOOST_TEST(cases.refuses(with(next, "username", q("")), {kCheck, "length(username)"}));
  BOOST_TEST(
      cases.refuses(with(next, "moderator_name", q("")), {kCheck, "length(moderator_name)"}));
  BOOST_TEST(cases.refuses(without(next, "reason"), {kNotNull, "moderation_cases.reason"}));
  BOOST_TEST(cases.refuses(with(next, "metadata", q("[]")), {kCheck, "metadata"}));
  BOOST_TEST(cases.refuses(with(next, "active", "2"), {kCheck, "active"}));
  for (const char* actor : {"user_id", "moderator_id", "resolved_by"}) {
    BOOST_TEST(cases.refuses(with(next, actor, q(kDave)), {kForeignKey}));
  }
  BOOST_TEST(cases.accepts(next));
  int id = 4;
  for (const char* type : {"KICK", "BAN", "NOTE"}) {
    BOOST_TEST(cases.accepts(with(case_row(id, "CASE-000" + num(id)), "type", q(type))));
    ++id;
  }
}

// -- coverage -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_table_of_migrations_0002_to_0006_has_a_case_in_this_suite) {
  // The tables the cases above insert into; a new table fails here until it has its case.
  const std::set<std::string> covered = {
      // 0002
      "users", "user_tokens", "oauth_accounts", "mfa_secrets", "mfa_attempts", "privileges",
      "roles", "role_privileges", "user_roles", "user_privileges", "bans", "ban_privileges",
      "friends", "follows", "blocks",
      // 0003
      "regions", "sectors", "stations", "planets", "factions", "faction_rivalries",
      "reputation_tiers", "personal_reputation_tiers", "military_ranks", "classes", "players",
      "ships", "reputations", "teams", "team_members", "team_invitations", "team_reputations",
      "messages", "guard_personalities", "ship_rarity_config", "first_login_sessions",
      "dialogue_exchanges", "ship_presentation_options", "player_first_login_state",
      // 0004
      "currencies", "currency_conversions", "accounts", "transactions", "items", "inventory",
      "item_transactions",
      // 0005
      "assets", "content", "content_revisions", "moderator_actions", "moderator_action_bans",
      "object_assets", "content_prices", "content_ownerships", "trades", "trade_offer_ownerships",
      "trade_offer_items", "trade_offer_currencies", "favorites", "content_votes",
      "content_reports", "report_moderator_actions", "games", "game_supports", "provisioning_hosts",
      "hosted_servers", "server_games", "host_bans", "characters", "character_properties",
      "character_worn_items", "sessions",
      // 0006
      "quests", "user_quests", "user_timers", "lootdrops", "moderation_cases",
      // 0008
      "ship_specifications"};
  std::set<std::string> tables;
  SQLite::Statement query(sql,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite%' AND name NOT IN ('rules', 'random_state', 'game_clock', "
                          "'events', 'migrations_applied')");
  while (query.executeStep()) tables.insert(query.getColumn(0).getString());
  BOOST_TEST(covered.size() == 78u);
  BOOST_TEST(tables == covered, tt::per_element());
}

// -- guard triggers -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_role_tree_refuses_a_parent_that_would_make_a_cycle) {
  Table roles(*this, "roles");
  constexpr std::string_view kCycle = "roles: parent_id would make a cycle";
  // player -> member -> moderator -> admin: no role goes under one of its descendants.
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 4 WHERE id = 1", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 3 WHERE id = 2", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 4 WHERE id = 3", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 1 WHERE id = 1", {kCycle}));
  // A re-parenting that keeps a tree is taken; then the new child's ancestors are guarded too.
  BOOST_TEST(
      roles.accepts_statement("UPDATE roles SET parent_id = 4 WHERE id = " + num(kReducedRole)));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 5 WHERE id = 1", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 5 WHERE id = 4", {kCycle}));
  // A swap in one statement is checked row by row.
  BOOST_TEST(roles.refuses_statement(
      "UPDATE roles SET parent_id = CASE id WHEN 1 THEN 2 ELSE NULL END WHERE id IN (1, 2)",
      {kCycle}));
  BOOST_TEST(roles.accepts_statement("UPDATE roles SET parent_id = NULL WHERE id = 5"));
  BOOST_TEST(scalar("SELECT count(*) FROM roles WHERE (id, parent_id) IN (VALUES (2, 1), (3, 2), "
                    "(4, 3)) ") == 3);
  BOOST_TEST(scalar("SELECT count(*) FROM roles WHERE parent_id IS NULL") == 2);
}

BOOST_AUTO_TEST_CASE(conversion_windows_of_one_currency_pair_never_overlap) {
  Table conversions(*this, "currency_conversions");
  const auto window = [](int id, int source, int destination, long long from, std::string to) {
    return Row{{"id", num(id)},
               {"currency_source_id", num(source)},
               {"currency_destination_id", num(destination)},
               {"ratio", "100"},
               {"valid_from", num(from)},
               {"valid_to", std::move(to)},
               {"created_at", kT},
               {"updated_at", kT}};
  };
  constexpr std::string_view kOverlap = "currency_conversions: validity windows of a pair overlap";
  BOOST_TEST(conversions.accepts(window(1, 1, 2, 1000, "2000")));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1500, "2500"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 500, "1001"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1999, "2000"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1200, "1300"), {kOverlap}));  // inside
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 0, "3000"), {kOverlap}));     // around
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1999, kNull), {kOverlap}));   // open-ended
  // [valid_from, valid_to) is half-open: windows that touch do not overlap.
  BOOST_TEST(conversions.accepts(window(2, 1, 2, 2000, "3000")));
  BOOST_TEST(conversions.accepts(window(3, 1, 2, 0, "1000")));
  BOOST_TEST(conversions.accepts(window(4, 1, 2, 3000, kNull)));
  BOOST_TEST(conversions.refuses(window(5, 1, 2, 5000, "6000"), {kOverlap}));
  // Other pairs, including the reverse direction, have windows of their own.
  BOOST_TEST(conversions.accepts(window(5, 2, 1, 1500, "2500")));
  BOOST_TEST(conversions.accepts(window(6, 1, 3, 1500, kNull)));
  // Updates of a window are held to the same rule; a row never collides with itself.
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET valid_to = 2001 WHERE id = 1", {kOverlap}));
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET valid_from = 999 WHERE id = 1", {kOverlap}));
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET currency_source_id = 1, currency_destination_id = 2 "
      "WHERE id = 5",
      {kOverlap}));
  BOOST_TEST(conversions.accepts_statement(
      "UPDATE currency_conversions SET valid_to = 1900 WHERE id = 1"));
  BOOST_TEST(conversions.accepts_statement(
      "UPDATE currency_conversions SET valid_to = 2000 WHERE id = 1"));
  BOOST_TEST(
      conversions.accepts_statement("UPDATE currency_conversions SET ratio = 7 WHERE id = 1"));
  BOOST_TEST(conversions.count() == 6);
}

BOOST_AUTO_TEST_CASE(an_account_never_changes_its_owner_or_currency) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  Table accounts(*this, "accounts");
  constexpr std::string_view kFixed = "accounts: owner and currency of an account never change";
  BOOST_TEST(accounts.refuses_statement(
      "UPDATE accounts SET user_id = " + q(kBob) + " WHERE id = 100", {kFixed}));
  BOOST_TEST(
      accounts.refuses_statement("UPDATE accounts SET currency_id = 2 WHERE id = 100", {kFixed}));
  BOOST_TEST(
      accounts.refuses_statement("UPDATE accounts SET owner_kind = 'system', user_id = NULL, "
                                 "system_name = 'spare' WHERE id = 100",
                                 {kFixed}));
  BOOST_TEST(accounts.refuses_statement("UPDATE accounts SET system_name = 'reserve' WHERE id = 1",
                                        {kFixed}));
  // The balance moves; rewriting the owner with the same value is no change.
  BOOST_TEST(accounts.accepts_statement("UPDATE accounts SET balance = 50, updated_at = " + kLater +
                                        " WHERE id = 100"));
  BOOST_TEST(accounts.accepts_statement("UPDATE accounts SET user_id = user_id WHERE id = 100"));
  BOOST_TEST(scalar("SELECT balance FROM accounts WHERE id = 100 AND user_id = " + q(kAlice)) ==
             50);
}

BOOST_AUTO_TEST_CASE(ledger_rows_are_append_only_and_share_their_currency) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  add(*this, "accounts", user_account_row(101, kFragments, kAlice));
  add(*this, "transactions",
      with(transaction_row(1, kCredits, kCreditsMint, 100), "user_id", q(kAlice)));
  Table ledger(*this, "transactions");
  constexpr std::string_view kAppendOnly = "transactions: ledger rows are append-only";
  BOOST_TEST(ledger.refuses_statement("DELETE FROM transactions WHERE id = 1",
                                      {"transactions: ledger rows are never deleted"}));
  BOOST_TEST(
      ledger.refuses_statement("DELETE FROM transactions", {"ledger rows are never deleted"}));
  for (const char* change :
       {"amount = 101", "amount = amount * 2", "currency_id = 2", "from_account_id = 2",
        "to_account_id = 2", "type = 'GIFT'", "automated = 1", "created_at = 0",
        "previous_transaction_id = 1", "id = 9"}) {
    BOOST_TEST(ledger.refuses_statement(
        "UPDATE transactions SET " + std::string(change) + " WHERE id = 1", {kAppendOnly}));
  }
  // Confirmation (0 -> 1), the description and updated_at may change.
  BOOST_TEST(
      ledger.accepts_statement("UPDATE transactions SET confirmed = 1, description = 'daily', "
                               "updated_at = " +
                               kLater + " WHERE id = 1"));
  BOOST_TEST(ledger.refuses_statement("UPDATE transactions SET confirmed = 0 WHERE id = 1",
                                      {kAppendOnly}));
  BOOST_TEST(ledger.refuses_statement(
      "UPDATE transactions SET user_id = " + q(kBob) + " WHERE id = 1", {kAppendOnly}));
  BOOST_TEST(ledger.refuses_statement(
      "UPDATE transactions SET related_user_id = " + q(kBob) + " WHERE id = 1", {kAppendOnly}));
  BOOST_TEST(scalar("SELECT amount = 100 AND confirmed = 1 AND description = 'daily' FROM "
                    "transactions WHERE id = 1") == 1);
  // Both accounts and the reversed row hold the transaction's currency.
  constexpr std::string_view kSameCurrency = "accounts and reversal must share the currency";
  BOOST_TEST(ledger.refuses(transaction_row(2, kCredits, kCreditsMint, 101), {kSameCurrency}));
  BOOST_TEST(ledger.refuses(transaction_row(2, kFragments, kFragmentsMint, 100), {kSameCurrency}));
  BOOST_TEST(ledger.refuses(transaction_row(2, kFragments, kCreditsMint, 101), {kSameCurrency}));
  BOOST_TEST(ledger.accepts(transaction_row(2, kFragments, kFragmentsMint, 101)));
  BOOST_TEST(ledger.refuses(
      with(transaction_row(3, kCredits, 100, kCreditsMint), "previous_transaction_id", "2"),
      {kSameCurrency}));
  BOOST_TEST(ledger.accepts(
      with(transaction_row(3, kFragments, 101, kFragmentsMint), "previous_transaction_id", "2")));
  BOOST_TEST(ledger.count() == 3);
}

// -- deletes: cascades, set-nulls and restricts ---------------------------------------------------

BOOST_AUTO_TEST_CASE(hard_deleting_a_user_removes_its_belongings_and_nulls_its_history_references) {
  add_players(*this);
  add_game(*this);
  // Alice's own rows.
  add(*this, "user_tokens", token_row(1, "t-1", kAlice));
  add(*this, "user_tokens", with(token_row(2, "t-2", kAlice), "previous_id", "1"));
  add(*this, "user_tokens", token_row(3, "t-3", kBob));
  add(*this, "oauth_accounts", oauth_row(kOauth, kAlice, "1234"));
  add(*this, "mfa_secrets", mfa_secret_row(kAlice));
  add(*this, "mfa_attempts", mfa_attempt_row(kMfaAttempt, kAlice));
  add(*this, "user_roles", {{"user_id", q(kAlice)}, {"role_id", num(kPlayerRole)}});
  add(*this, "user_roles", {{"user_id", q(kBob)}, {"role_id", num(kPlayerRole)}});
  add(*this, "user_privileges", {{"user_id", q(kAlice)}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "bans", ban_row(1, kAlice, kBob));
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "friends", pair_row(1, kAlice, kBob));
  add(*this, "follows", pair_row(1, kBob, kAlice));
  add(*this, "blocks", pair_row(1, kAlice, kCarol));
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "inventory", {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "item_transactions", item_transaction_row(1, kAlice, 1));
  add(*this, "quests", quest_row(1));
  add(*this, "user_quests", {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}});
  add(*this, "user_timers", timer_row(kAlice, "COOLDOWN", "daily"));
  add(*this, "content",
      with(content_row(1),
           {{"user_id", q(kAlice)}, {"created_by", q(kAlice)}, {"updated_by", q(kAlice)}}));
  add(*this, "content_revisions", revision_row(1, 1, kBob));
  add(*this, "favorites", favorite_row(1, 1, kAlice));
  add(*this, "content_votes", with(favorite_row(1, 1, kAlice), "vote", q("up")));
  add(*this, "content_reports", report_row(1, 1, kAlice));
  add(*this, "characters", character_row(1, kAlice, 20));
  add(*this, "character_properties", property_row(1, 1, "color"));
  add(*this, "character_worn_items", worn_row(1, 1, 1));
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kAlice), "game_id", "10"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "characters", character_row(2, kBob, 20));
  add(*this, "sessions", play_session_row(1, "play-1", kBob, 2, 10, 1));  // bob, on alice's server
  // Alice's game state (through her player).
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + " WHERE id = " + q(kAlicePlayer));
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kTerran));
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "team_members", with(member_row(kTeam, kBobPlayer), "role", q("LEADER")));
  add(*this, "team_members", member_row(kTeam, kAlicePlayer));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-A", kTeam, kAlicePlayer), "invited_by", q(kBobPlayer)));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-C", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer)));
  add(*this, "messages", message_row(kMessage, kAlicePlayer, kBobPlayer));
  add(*this, "messages",
      with(message_row(uuid(92), kBobPlayer, kCarolPlayer), {{"reply_to_id", q(kMessage)},
                                                             {"moderation_status", q("deleted")},
                                                             {"moderated_by", q(kAlice)}}));
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "dialogue_exchanges", exchange_row(kExchange, kSession, 1));
  add(*this, "ship_presentation_options",
      {{"session_id", q(kSession)},
       {"available_ships", q(R"(["ESCAPE_POD"])")},
       {"rarity_roll", "7"}});
  add(*this, "player_first_login_state",
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}});
  add(*this, "planets", with(planet_row(kPlanet, 1), "owner_id", q(kAlicePlayer)));
  // Rows that outlive her and only name her.
  add(*this, "regions", with(region_row(kRegion, "Core Worlds"), "owner_id", q(kAlice)));
  add(*this, "privileges", with(privilege_row(30, "create:world"), "created_by", q(kAlice)));
  run(*this, "UPDATE roles SET updated_by = " + q(kAlice) + " WHERE id = " + num(kMemberRole));
  add(*this, "assets", with(asset_row(kAsset), "user_id", q(kAlice)));
  add(*this, "content_prices", with(price_row(1, 1, kCredits), "created_by", q(kAlice)));
  add(*this, "content_ownerships", with(ownership_row(1, 1, kBob), "created_by", q(kAlice)));
  add(*this, "content_reports", with(report_row(2, 1, kCarol), "moderator_id", q(kAlice)));
  add(*this, "transactions",
      with(transaction_row(1, kCredits, kCreditsMint, kCreditsSink),
           {{"user_id", q(kAlice)}, {"related_user_id", q(kAlice)}}));
  add(*this, "transactions",
      with(transaction_row(2, kCredits, kCreditsMint, kCreditsSink),
           {{"user_id", q(kBob)}, {"related_user_id", q(kAlice)}}));
  add(*this, "item_transactions",
      with(item_transaction_row(2, kBob, 1), "related_user_id", q(kAlice)));
  add(*this, "provisioning_hosts",
      with(provisioning_host_row(1, "host-1"), "updated_by", q(kAlice)));
  add(*this, "host_bans", with(host_ban_row(1, "10.0.0.0", kBob), "user_id", q(kAlice)));
  add(*this, "lootdrops",
      with(with(lootdrop_row("msg-1"), "claimed_by", q(kAlice)), "claimed_at", kLater));
  add(*this, "moderation_cases",
      with(case_row(1, "CASE-0001"),
           {{"user_id", q(kAlice)}, {"moderator_id", q(kAlice)}, {"resolved_by", q(kAlice)}}));

  Table users(*this, "users");
  BOOST_TEST(users.accepts_statement("DELETE FROM users WHERE id = " + q(kAlice)));

  struct Expectation {
    const char* table;
    std::string where;
    long long rows;
  };

  const std::vector<Expectation> after = {
      // Her belongings and relations are gone ...
      {"users", "id = " + q(kAlice), 0},
      {"players", "user_id = " + q(kAlice), 0},
      {"user_tokens", "user_id = " + q(kAlice), 0},
      {"oauth_accounts", "", 0},
      {"mfa_secrets", "", 0},
      {"mfa_attempts", "", 0},
      {"user_roles", "user_id = " + q(kAlice), 0},
      {"user_privileges", "", 0},
      {"bans", "", 0},
      {"ban_privileges", "", 0},
      {"friends", "", 0},
      {"follows", "", 0},
      {"blocks", "", 0},
      {"inventory", "", 0},
      {"item_transactions", "id = 1", 0},
      {"user_quests", "", 0},
      {"user_timers", "", 0},
      {"favorites", "", 0},
      {"content_votes", "", 0},
      {"content_reports", "id = 1", 0},
      {"characters", "user_id = " + q(kAlice), 0},
      {"character_properties", "", 0},
      {"character_worn_items", "", 0},
      {"hosted_servers", "", 0},
      {"server_games", "", 0},
      {"sessions", "", 0},
      // ... and so is her game state, through her player.
      {"ships", "", 0},
      {"reputations", "", 0},
      {"team_members", "player_id = " + q(kAlicePlayer), 0},
      {"team_invitations", "code = 'JOIN-A'", 0},
      {"messages", "id = " + q(kMessage), 0},
      {"first_login_sessions", "", 0},
      {"dialogue_exchanges", "", 0},
      {"ship_presentation_options", "", 0},
      {"player_first_login_state", "", 0},
      // History and other people's rows keep their row and lose the reference to her.
      {"regions", "owner_id IS NULL", 1},
      {"privileges", "id = 30 AND created_by IS NULL", 1},
      {"roles", "id = 2 AND updated_by IS NULL", 1},
      {"assets", "user_id IS NULL", 1},
      {"content", "id = 1 AND user_id IS NULL AND created_by IS NULL AND updated_by IS NULL", 1},
      {"content_prices", "created_by IS NULL", 1},
      {"content_ownerships", "created_by IS NULL AND user_id = " + q(kBob), 1},
      {"content_reports", "id = 2 AND moderator_id IS NULL", 1},
      {"messages", "id = " + q(uuid(92)) + " AND moderated_by IS NULL AND reply_to_id IS NULL", 1},
      {"team_invitations", "code = 'JOIN-C' AND invited_by IS NULL", 1},
      {"planets", "owner_id IS NULL", 1},
      {"transactions", "id = 1 AND user_id IS NULL AND related_user_id IS NULL", 1},
      {"transactions", "id = 2 AND user_id = " + q(kBob) + " AND related_user_id IS NULL", 1},
      {"item_transactions", "id = 2 AND user_id = " + q(kBob) + " AND related_user_id IS NULL", 1},
      {"provisioning_hosts", "updated_by IS NULL", 1},
      {"host_bans", "admin_id = " + q(kBob) + " AND user_id IS NULL", 1},
      {"lootdrops", "claimed_by IS NULL", 1},
      {"moderation_cases",
       "user_id IS NULL AND moderator_id IS NULL AND resolved_by IS NULL AND username = 'alice'",
       1},
      // Nobody else lost anything.
      {"users", "", 2},
      {"players", "", 2},
      {"user_tokens", "id = 3", 1},
      {"user_roles", "", 1},
      {"teams", "", 1},
      {"team_members", "player_id = " + q(kBobPlayer) + " AND role = 'LEADER'", 1},
      {"characters", "", 1},
      {"content_revisions", "", 1},
  };
  for (const Expectation& expected : after) {
    BOOST_TEST_CONTEXT(expected.table << " WHERE " << expected.where) {
      BOOST_TEST(count_of(*this, expected.table, expected.where) == expected.rows);
    }
  }
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(a_user_held_by_an_account_or_by_audit_history_cannot_be_hard_deleted) {
  add_players(*this);
  add(*this, "content", content_row(1));
  // One user per restricting reference.
  const std::vector<std::pair<std::string, std::string>> holders = {
      {uuid(1001), "ban admin"},      {uuid(1002), "revision author"},
      {uuid(1003), "moderator"},      {uuid(1004), "content owner"},
      {uuid(1005), "trade sender"},   {uuid(1006), "trade recipient"},
      {uuid(1007), "host ban admin"},
  };
  for (const auto& [id, name] : holders) add(*this, "users", user_row(id, name));
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  add(*this, "bans", ban_row(1, kBob, uuid(1001)));
  add(*this, "content_revisions", revision_row(1, 1, uuid(1002)));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, uuid(1003)));
  add(*this, "content_ownerships", ownership_row(1, 1, uuid(1004)));
  add(*this, "trades", trade_row(1, uuid(1005), kBob));
  add(*this, "trades", trade_row(2, kBob, uuid(1006)));
  add(*this, "host_bans", host_ban_row(1, "10.0.0.0", uuid(1007)));

  Table users(*this, "users");
  BOOST_TEST(users.refuses_statement("DELETE FROM users WHERE id = " + q(kAlice), {kForeignKey}));
  // The refused delete cascaded nothing.
  BOOST_TEST(count_of(*this, "players", "user_id = " + q(kAlice)) == 1);
  for (const auto& [id, name] : holders) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(users.refuses_statement("DELETE FROM users WHERE id = " + q(id), {kForeignKey}));
    }
  }
  // A user who holds nothing is deleted; the others are soft-deleted.
  BOOST_TEST(users.accepts_statement("DELETE FROM users WHERE id = " + q(kCarol)));
  BOOST_TEST(users.accepts_statement("UPDATE users SET deleted = 1, deleted_at = " + kLater +
                                     " WHERE id = " + q(kAlice)));
  BOOST_TEST(users.count() == 9);
}

BOOST_AUTO_TEST_CASE(deleting_a_player_removes_its_game_state_and_keeps_its_user) {
  add_players(*this);
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + " WHERE id = " + q(kAlicePlayer));
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kTerran));
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "team_members", with(member_row(kTeam, kAlicePlayer), "role", q("LEADER")));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-A", kTeam, kAlicePlayer), "invited_by", q(kBobPlayer)));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-C", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer)));
  add(*this, "messages", message_row(kMessage, kAlicePlayer, kBobPlayer));
  add(*this, "messages", message_row(uuid(92), kBobPlayer, kAlicePlayer));
  add(*this, "messages",
      with(message_row(uuid(93), kCarolPlayer, kBobPlayer), "reply_to_id", q(kMessage)));
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "player_first_login_state", {{"player_id", q(kAlicePlayer)}});
  add(*this, "planets", with(planet_row(kPlanet, 1), "owner_id", q(kAlicePlayer)));

  Table players(*this, "players");
  BOOST_TEST(players.accepts_statement("DELETE FROM players WHERE id = " + q(kAlicePlayer)));
  BOOST_TEST(count_of(*this, "users", "id = " + q(kAlice)) == 1);
  BOOST_TEST(count_of(*this, "ships") == 0);
  BOOST_TEST(count_of(*this, "reputations") == 0);
  BOOST_TEST(count_of(*this, "team_members") == 0);
  BOOST_TEST(count_of(*this, "teams") == 1);
  BOOST_TEST(count_of(*this, "team_invitations", "code = 'JOIN-A'") == 0);
  BOOST_TEST(count_of(*this, "team_invitations", "code = 'JOIN-C' AND invited_by IS NULL") == 1);
  // Its sent and received messages go; a reply to one of them stays, unlinked.
  BOOST_TEST(count_of(*this, "messages") == 1);
  BOOST_TEST(count_of(*this, "messages", "id = " + q(uuid(93)) + " AND reply_to_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "first_login_sessions") == 0);
  BOOST_TEST(count_of(*this, "player_first_login_state") == 0);
  BOOST_TEST(count_of(*this, "planets", "owner_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(
    deleting_a_team_removes_its_members_invitations_and_standing_but_not_a_team_with_accounts) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "teams", team_row(kOtherTeam, "Night Owls"));
  add(*this, "team_members", with(member_row(kTeam, kAlicePlayer), "role", q("LEADER")));
  add(*this, "team_members", member_row(kTeam, kBobPlayer));
  add(*this, "team_members", member_row(kOtherTeam, kCarolPlayer));
  add(*this, "team_invitations", invitation_row("JOIN-1", kTeam, kCarolPlayer));
  add(*this, "team_reputations", {{"team_id", q(kTeam)}, {"next_recalculation_at", kLater}});
  add(*this, "messages",
      with(without(message_row(uuid(92), kAlicePlayer, kAlicePlayer), "recipient_id"),
           {{"team_id", q(kTeam)}, {"message_type", q("team")}}));
  add(*this, "sectors", with(sector_row(2), "controlling_team_id", q(kTeam)));
  add(*this, "accounts",
      {{"id", "100"},
       {"currency_id", num(kCredits)},
       {"owner_kind", q("team")},
       {"team_id", q(kOtherTeam)},
       {"created_at", kT},
       {"updated_at", kT}});

  Table teams(*this, "teams");
  BOOST_TEST(teams.accepts_statement("DELETE FROM teams WHERE id = " + q(kTeam)));
  BOOST_TEST(count_of(*this, "team_members", "team_id = " + q(kTeam)) == 0);
  BOOST_TEST(count_of(*this, "team_invitations") == 0);
  BOOST_TEST(count_of(*this, "team_reputations") == 0);
  BOOST_TEST(count_of(*this, "messages", "team_id IS NULL AND recipient_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND controlling_team_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players") == 3);
  // A team with a treasury account is kept: it is disbanded instead.
  BOOST_TEST(
      teams.refuses_statement("DELETE FROM teams WHERE id = " + q(kOtherTeam), {kForeignKey}));
  BOOST_TEST(count_of(*this, "team_members", "team_id = " + q(kOtherTeam)) == 1);
  BOOST_TEST(teams.accepts_statement("UPDATE teams SET disbanded_at = " + kLater +
                                     " WHERE id = " + q(kOtherTeam)));
}

BOOST_AUTO_TEST_CASE(deleting_a_faction_removes_its_reputations_and_rivalries_and_unlinks_its_map) {
  add_players(*this);
  add(*this, "factions", faction_row(kNewFaction, "void_walkers", "Void Walkers"));
  add(*this, "faction_rivalries",
      {{"faction_a_id", q(kNewFaction)}, {"faction_b_id", q(kTerran)}, {"max_combined", "500"}});
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kNewFaction));
  add(*this, "reputations", reputation_row(uuid(82), kAlicePlayer, kTerran));
  add(*this, "stations", with(station_row(kStation, 1), "faction_id", q(kNewFaction)));
  add(*this, "sectors", with(sector_row(2), "controlling_faction_id", q(kNewFaction)));

  Table factions(*this, "factions");
  BOOST_TEST(factions.accepts_statement("DELETE FROM factions WHERE id = " + q(kNewFaction)));
  BOOST_TEST(count_of(*this, "reputations") == 1);
  BOOST_TEST(count_of(*this, "reputations", "faction_id = " + q(kTerran)) == 1);
  BOOST_TEST(count_of(*this, "faction_rivalries") == 2);
  BOOST_TEST(count_of(*this, "stations", "faction_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND controlling_faction_id IS NULL") == 1);
  // A seeded faction takes its rivalry with it.
  BOOST_TEST(factions.accepts_statement("DELETE FROM factions WHERE id = " + q(kFringe)));
  BOOST_TEST(count_of(*this, "faction_rivalries") == 1);
  BOOST_TEST(count_of(*this, "faction_rivalries", "faction_a_id = " + q(kMercantile)) == 1);
}

BOOST_AUTO_TEST_CASE(deleting_map_rows_cascades_down_the_map_and_unlinks_the_players_location) {
  add_players(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "regions", region_row(kRegion, "Core Worlds"));
  add(*this, "sectors", with(sector_row(2), "region_id", q(kRegion)));
  add(*this, "stations", station_row(kStation, 2));
  add(*this, "planets", planet_row(kPlanet, 2));
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  add(*this, "teams", with(team_row(kTeam, "Star Runners"), "home_sector_id", "2"));
  run(*this, "UPDATE factions SET home_sector_id = 2 WHERE id = " + q(kTerran));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + ", current_sector_id = 2, " +
                 "is_docked = 1, current_port_id = " + q(kStation) +
                 ", home_region_id = " + q(kRegion) + ", current_region_id = " + q(kRegion) +
                 ", class_id = 1 WHERE id = " + q(kAlicePlayer));
  run(*this, "UPDATE players SET is_landed = 1, current_planet_id = " + q(kPlanet) +
                 " WHERE id = " + q(kBobPlayer));

  Table sectors(*this, "sectors");
  // A sector a player stands in cannot go.
  BOOST_TEST(sectors.refuses_statement("DELETE FROM sectors WHERE id = 2", {kForeignKey}));
  BOOST_TEST(sectors.refuses_statement("DELETE FROM sectors WHERE id = 1", {kForeignKey}));
  run(*this, "UPDATE players SET current_sector_id = 1 WHERE id = " + q(kAlicePlayer));

  run(*this, "DELETE FROM ships WHERE id = " + q(kShip));
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kAlicePlayer) + " AND current_ship_id IS NULL") == 1);
  run(*this, "DELETE FROM regions WHERE id = " + q(kRegion));
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND region_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players", "home_region_id IS NULL AND current_region_id IS NULL") ==
             3);
  run(*this, "DELETE FROM classes WHERE id = 1");
  BOOST_TEST(count_of(*this, "players", "class_id IS NULL") == 3);
  BOOST_TEST(sectors.accepts_statement("DELETE FROM sectors WHERE id = 2"));
  BOOST_TEST(count_of(*this, "stations") == 0);
  BOOST_TEST(count_of(*this, "planets") == 0);
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kAlicePlayer) + " AND current_port_id IS NULL") == 1);
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kBobPlayer) + " AND current_planet_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "factions", "home_sector_id IS NULL") == 8);
  BOOST_TEST(count_of(*this, "teams", "home_sector_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players") == 3);
}

BOOST_AUTO_TEST_CASE(deleting_an_onboarding_session_removes_its_exchanges_and_offer) {
  add_players(*this);
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "dialogue_exchanges", exchange_row(kExchange, kSession, 1));
  add(*this, "dialogue_exchanges", exchange_row(uuid(112), kSession, 2));
  add(*this, "ship_presentation_options",
      {{"session_id", q(kSession)},
       {"available_ships", q(R"(["ESCAPE_POD"])")},
       {"rarity_roll", "7"}});
  add(*this, "player_first_login_state",
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}, {"attempts", "1"}});

  run(*this, "DELETE FROM first_login_sessions WHERE id = " + q(kSession));
  BOOST_TEST(count_of(*this, "dialogue_exchanges") == 0);
  BOOST_TEST(count_of(*this, "ship_presentation_options") == 0);
  BOOST_TEST(count_of(*this, "player_first_login_state",
                      "current_session_id IS NULL AND attempts = 1") == 1);
}

BOOST_AUTO_TEST_CASE(deleting_a_role_privilege_ban_or_token_removes_what_hangs_off_it) {
  add_users(*this);
  add(*this, "roles", with(role_row(10, "vip"), "parent_id", num(kMemberRole)));
  add(*this, "privileges", privilege_row(30, "create:world"));
  add(*this, "role_privileges", {{"role_id", "10"}, {"privilege_id", "30"}});
  add(*this, "user_roles", {{"user_id", q(kAlice)}, {"role_id", "10"}});
  add(*this, "user_roles", {{"user_id", q(kBob)}, {"role_id", num(kPlayerRole)}});
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}, {"role_id", "10"}});
  add(*this, "user_privileges", {{"user_id", q(kAlice)}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "user_privileges", {{"user_id", q(kBob)}, {"privilege_id", "30"}});
  add(*this, "bans", ban_row(1, kAlice, kBob));
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", "30"}});
  add_content(*this);
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "moderator_action_bans", {{"moderator_action_id", "1"}, {"ban_id", "1"}});
  add(*this, "user_tokens", token_row(1, "t-1", kAlice));
  add(*this, "user_tokens", with(token_row(2, "t-2", kAlice), "previous_id", "1"));

  Table roles(*this, "roles");
  // A role with children is kept (RESTRICT): the tree never loses a middle node.
  BOOST_TEST(
      roles.refuses_statement("DELETE FROM roles WHERE id = " + num(kMemberRole), {kForeignKey}));
  BOOST_TEST(roles.accepts_statement("DELETE FROM roles WHERE id = 10"));
  BOOST_TEST(count_of(*this, "role_privileges", "role_id = 10") == 0);
  BOOST_TEST(count_of(*this, "user_roles", "role_id = 10") == 0);
  BOOST_TEST(count_of(*this, "user_roles") == 1);
  BOOST_TEST(count_of(*this, "classes", "role_id IS NULL") == 1);

  const long long seeded_grants = count_of(*this, "role_privileges");
  run(*this, "DELETE FROM privileges WHERE id = " + num(kTradePrivilege));
  BOOST_TEST(count_of(*this, "role_privileges") == seeded_grants - 1);  // player's 'trade'
  BOOST_TEST(count_of(*this, "user_privileges") == 1);
  BOOST_TEST(count_of(*this, "ban_privileges") == 1);
  BOOST_TEST(count_of(*this, "roles") == 5);

  run(*this, "DELETE FROM bans WHERE id = 1");
  BOOST_TEST(count_of(*this, "ban_privileges") == 0);
  BOOST_TEST(count_of(*this, "moderator_action_bans") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 1);

  // Deleting a token unlinks its successor.
  run(*this, "DELETE FROM user_tokens WHERE id = 1");
  BOOST_TEST(count_of(*this, "user_tokens", "id = 2 AND previous_id IS NULL") == 1);
}

BOOST_AUTO_TEST_CASE(
    deleting_content_removes_its_thread_catalog_rows_and_game_but_not_owned_content) {
  add_users(*this);
  add_game(*this);
  add(*this, "content", with(content_row(1), "type", q("hat")));
  add(*this, "content", with(content_row(2), {{"type", q("comment")}, {"parent_id", "1"}}));
  add(*this, "content", with(content_row(3), {{"type", q("comment")}, {"parent_id", "2"}}));
  add(*this, "content_revisions", revision_row(1, 1, kAlice));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "bans", ban_row(1, kCarol, kBob));
  add(*this, "moderator_action_bans", {{"moderator_action_id", "1"}, {"ban_id", "1"}});
  add(*this, "assets", asset_row(kAsset));
  add(*this, "object_assets", object_asset_row(1, 1, 1, kAsset));
  add(*this, "content_prices", price_row(1, 1, kCredits));
  add(*this, "favorites", favorite_row(1, 1, kBob));
  add(*this, "content_votes", with(favorite_row(1, 1, kBob), "vote", q("up")));
  add(*this, "content_reports", report_row(1, 1, kCarol));
  add(*this, "report_moderator_actions", {{"report_id", "1"}, {"moderator_action_id", "1"}});
  add(*this, "characters", character_row(1, kCarol, 20));
  add(*this, "character_properties", with(property_row(1, 1, "hat"), "related_content_id", "1"));
  add(*this, "character_worn_items", worn_row(1, 1, 1));
  add(*this, "game_supports", {{"id", "1"}, {"game_id", "10"}, {"flag", q("chat")}});
  add(*this, "game_supports",
      {{"id", "2"}, {"game_id", "10"}, {"flag", q("character")}, {"content_id", "1"}});
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kBob), "game_id", "10"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "sessions", play_session_row(1, "play-1", kCarol, 1, 10, 1));

  Table content(*this, "content");
  BOOST_TEST(content.accepts_statement("DELETE FROM content WHERE id = 1"));
  // Comments die with their parent, down the thread.
  BOOST_TEST(count_of(*this, "content", "id IN (1, 2, 3)") == 0);
  BOOST_TEST(count_of(*this, "content_revisions") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "moderator_action_bans") == 0);
  BOOST_TEST(count_of(*this, "bans") == 1);
  BOOST_TEST(count_of(*this, "object_assets") == 0);
  BOOST_TEST(count_of(*this, "assets") == 1);
  BOOST_TEST(count_of(*this, "content_prices") == 0);
  BOOST_TEST(count_of(*this, "favorites") == 0);
  BOOST_TEST(count_of(*this, "content_votes") == 0);
  BOOST_TEST(count_of(*this, "content_reports") == 0);
  BOOST_TEST(count_of(*this, "report_moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "character_worn_items") == 0);
  BOOST_TEST(count_of(*this, "character_properties", "related_content_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "game_supports") == 1);

  // A game's content row takes the game, its supports, server links and sessions; the server stays.
  BOOST_TEST(content.accepts_statement("DELETE FROM content WHERE id = 10"));
  BOOST_TEST(count_of(*this, "games") == 0);
  BOOST_TEST(count_of(*this, "game_supports") == 0);
  BOOST_TEST(count_of(*this, "server_games") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 0);
  BOOST_TEST(count_of(*this, "hosted_servers", "game_id IS NULL") == 1);

  // Content someone owns, or a character is built on, stays.
  BOOST_TEST(content.refuses_statement("DELETE FROM content WHERE id = 20", {kForeignKey}));
  add(*this, "content", content_row(30));
  add(*this, "content_ownerships", ownership_row(1, 30, kAlice));
  BOOST_TEST(content.refuses_statement("DELETE FROM content WHERE id = 30", {kForeignKey}));
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(deleting_trades_servers_characters_and_assets_removes_their_dependent_rows) {
  add_users(*this);
  add_game(*this);
  add_content(*this);
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "content_ownerships", ownership_row(1, 1, kAlice));
  add(*this, "trades", trade_row(1, kAlice, kBob));
  add(*this, "trade_offer_ownerships",
      {{"trade_id", "1"}, {"ownership_id", "1"}, {"side", q("user")}});
  add(*this, "trade_offer_items",
      {{"trade_id", "1"}, {"side", q("recipient")}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "trade_offer_currencies",
      {{"trade_id", "1"},
       {"side", q("recipient")},
       {"currency_id", num(kCredits)},
       {"amount", "10"}});
  add(*this, "provisioning_hosts", provisioning_host_row(1, "host-1"));
  add(*this, "hosted_servers",
      with(server_row(1, "srv-1", kAlice), {{"game_id", "10"}, {"provisioned_by", "1"}}));
  add(*this, "hosted_servers", with(server_row(2, "srv-2", kAlice), "provisioned_by", "1"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "characters", character_row(1, kBob, 20));
  add(*this, "characters", character_row(2, kCarol, 20));
  add(*this, "character_properties", property_row(1, 2, "color"));
  add(*this, "character_worn_items", worn_row(1, 2, 1));
  add(*this, "sessions", play_session_row(1, "play-1", kBob, 1, 10, 1));
  add(*this, "sessions", play_session_row(2, "play-2", kCarol, 2, 10, 2));
  add(*this, "assets", asset_row(kAsset));
  add(*this, "object_assets", object_asset_row(1, 1, 1, kAsset));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "content_reports", report_row(1, 1, kCarol));
  add(*this, "report_moderator_actions", {{"report_id", "1"}, {"moderator_action_id", "1"}});

  // An ownership offered in a trade stays while the trade does; the trade takes its legs.
  Table ownerships(*this, "content_ownerships");
  BOOST_TEST(
      ownerships.refuses_statement("DELETE FROM content_ownerships WHERE id = 1", {kForeignKey}));
  run(*this, "DELETE FROM trades WHERE id = 1");
  BOOST_TEST(count_of(*this, "trade_offer_ownerships") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_items") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_currencies") == 0);
  BOOST_TEST(count_of(*this, "content_ownerships") == 1);
  // An ownership with a successor stays: the chain is history.
  run(*this, "UPDATE content_ownerships SET ended_at = " + kLater + " WHERE id = 1");
  add(*this, "content_ownerships",
      with(ownership_row(2, 1, kBob), {{"source", q("gift")}, {"previous_ownership_id", "1"}}));
  BOOST_TEST(
      ownerships.refuses_statement("DELETE FROM content_ownerships WHERE id = 1", {kForeignKey}));

  run(*this, "DELETE FROM provisioning_hosts WHERE id = 1");
  BOOST_TEST(count_of(*this, "hosted_servers", "provisioned_by IS NULL") == 2);
  run(*this, "DELETE FROM hosted_servers WHERE id = 1");
  BOOST_TEST(count_of(*this, "server_games") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 1);
  run(*this, "DELETE FROM characters WHERE id = 2");
  BOOST_TEST(count_of(*this, "character_properties") == 0);
  BOOST_TEST(count_of(*this, "character_worn_items") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 0);
  run(*this, "DELETE FROM assets WHERE id = " + q(kAsset));
  BOOST_TEST(count_of(*this, "object_assets") == 0);
  run(*this, "DELETE FROM content_reports WHERE id = 1");
  BOOST_TEST(count_of(*this, "report_moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 1);
  run(*this, "DELETE FROM content_revisions WHERE id = 1");
  BOOST_TEST(count_of(*this, "moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(deleting_items_quests_and_currencies_follows_the_economy_rules) {
  add_users(*this);
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "inventory", {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "item_transactions", item_transaction_row(1, kAlice, 1));
  add(*this, "trades", trade_row(1, kAlice, kBob));
  add(*this, "trade_offer_items",
      {{"trade_id", "1"}, {"side", q("user")}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "quests", quest_row(1));
  add(*this, "user_quests", {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}});

  run(*this, "DELETE FROM items WHERE id = 1");
  BOOST_TEST(count_of(*this, "inventory") == 0);
  BOOST_TEST(count_of(*this, "item_transactions") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_items") == 0);
  BOOST_TEST(count_of(*this, "trades") == 1);
  run(*this, "DELETE FROM quests WHERE id = 1");
  BOOST_TEST(count_of(*this, "user_quests") == 0);

  // A currency with accounts (every seeded one has its mint and sink) stays.
  Table currencies(*this, "currencies");
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 1", {kForeignKey}));
  // A currency without accounts takes its conversions...
  add(*this, "currencies", currency_row(20, "gems"));
  add(*this, "currency_conversions",
      {{"id", "1"},
       {"currency_source_id", "1"},
       {"currency_destination_id", "20"},
       {"ratio", "10"},
       {"valid_from", kT},
       {"created_at", kT},
       {"updated_at", kT}});
  add(*this, "currency_conversions",
      {{"id", "2"},
       {"currency_source_id", "20"},
       {"currency_destination_id", "1"},
       {"ratio", "1"},
       {"valid_from", kT},
       {"created_at", kT},
       {"updated_at", kT}});
  BOOST_TEST(currencies.accepts_statement("DELETE FROM currencies WHERE id = 20"));
  BOOST_TEST(count_of(*this, "currency_conversions") == 0);
  // ... but not one a loot drop, a price or a trade is denominated in.
  add(*this, "currencies", currency_row(21, "shells"));
  add(*this, "lootdrops", with(lootdrop_row("msg-1"), "currency_id", "21"));
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 21", {kForeignKey}));
  add(*this, "currencies", currency_row(22, "beads"));
  add(*this, "content", content_row(1));
  add(*this, "content_prices", price_row(1, 1, 22));
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 22", {kForeignKey}));
  add(*this, "currencies", currency_row(23, "pearls"));
  add(*this, "trade_offer_currencies",
      {{"trade_id", "1"}, {"side", q("user")}, {"currency_id", "23"}, {"amount", "1"}});
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 23", {kForeignKey}));
}

BOOST_AUTO_TEST_CASE(renaming_a_personal_tier_or_a_rank_renames_it_on_every_player) {
  add_players(*this);
  run(*this,
      "UPDATE players SET reputation_tier = 'Heroic', military_rank = 'Captain' WHERE id = " +
          q(kAlicePlayer));
  run(*this, "UPDATE personal_reputation_tiers SET name = 'Paragon' WHERE name = 'Heroic'");
  run(*this, "UPDATE military_ranks SET name = 'Star Captain' WHERE name = 'Captain'");
  BOOST_TEST(count_of(*this, "players",
                      "id = " + q(kAlicePlayer) +
                          " AND reputation_tier = 'Paragon' AND "
                          "military_rank = 'Star Captain'") == 1);
  BOOST_TEST(
      count_of(*this, "players", "reputation_tier = 'Neutral' AND military_rank = 'Recruit'") == 2);
  // A tier or rank a player holds cannot be deleted.
  Table tiers(*this, "personal_reputation_tiers");
  BOOST_TEST(tiers.refuses_statement("DELETE FROM personal_reputation_tiers WHERE name = 'Neutral'",
                                     {kForeignKey}));
  Table ranks(*this, "military_ranks");
  BOOST_TEST(
      ranks.refuses_statement("DELETE FROM military_ranks WHERE name = 'Recruit'", {kForeignKey}));
}

// -- the whole file -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_fresh_database_passes_the_integrity_and_foreign_key_checks) {
  BOOST_TEST(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement violations(sql, "PRAGMA foreign_key_check");
  int count = 0;
  while (violations.executeStep()) {
    ++count;
    BOOST_TEST_MESSAGE("foreign key violation in " << violations.getColumn(0).getString());
  }
  BOOST_TEST(count == 0);
  BOOST_TEST(scalar("PRAGMA foreign_keys") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

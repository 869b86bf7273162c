// Shared by the schema constraint suites: rows for every table, and a Table that checks that a
// refused insert names the right constraint and leaves the table as it was.
#pragma once

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include "tests/support/database.h"

namespace hearth::constraints {

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
inline std::string q(std::string_view text) {
  std::string literal = "'";
  for (const char c : text) {
    literal += c;
    if (c == '\'') literal += '\'';
  }
  return literal + "'";
}

inline std::string num(long long value) { return std::to_string(value); }

// A valid lowercase 36-character UUID, distinct for every n.
inline std::string uuid(int n) {
  const std::string digits = std::to_string(n);
  return "abcdef00-0000-4000-8000-" + std::string(12 - digits.size(), '0') + digits;
}

inline std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return text;
}

// `row` with one column set to `value` (added when missing).
inline Row with(Row row, std::string_view column, std::string value) {
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
inline Row with(Row row, std::initializer_list<std::pair<std::string_view, std::string>> changes) {
  for (const auto& [column, value] : changes) row = with(std::move(row), column, value);
  return row;
}

// `row` without a column (so the column's DEFAULT, or NULL, applies).
inline Row without(Row row, std::string_view column) {
  std::erase_if(row, [&](const auto& entry) { return entry.first == column; });
  return row;
}

inline std::string insert_sql(std::string_view table, const Row& row) {
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
inline void add(test::FreshDatabase& fresh, std::string_view table, const Row& row) {
  const std::string statement = insert_sql(table, row);
  BOOST_REQUIRE_MESSAGE(fresh.try_exec(statement),
                        "setup refused (" << fresh.sql.getErrorMsg() << "): " << statement);
}

// Runs a setup statement; stops the test when SQLite refuses it.
inline void run(test::FreshDatabase& fresh, const std::string& statement) {
  BOOST_REQUIRE_MESSAGE(fresh.try_exec(statement),
                        "setup refused (" << fresh.sql.getErrorMsg() << "): " << statement);
}

inline long long count_of(test::FreshDatabase& fresh, std::string_view table,
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
        row_text + " AS r FROM " + name_ + " ORDER BY r)";
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

inline Row user_row(const std::string& id, std::string_view username) {
  return {{"id", q(id)}, {"username", q(username)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row token_row(int id, std::string_view token, const std::string& user) {
  return {{"id", num(id)},
          {"token", q(token)},
          {"type", q("refresh")},
          {"user_id", q(user)},
          {"created_at", kT}};
}

inline Row oauth_row(const std::string& id, const std::string& user,
                     std::string_view provider_user) {
  return {{"id", q(id)},
          {"user_id", q(user)},
          {"provider", q("discord")},
          {"provider_user_id", q(provider_user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row mfa_secret_row(const std::string& user) {
  return {{"user_id", q(user)},
          {"secret", q("JBSWY3DPEHPK3PXP")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row mfa_attempt_row(const std::string& id, const std::string& user) {
  return {{"id", q(id)},
          {"user_id", q(user)},
          {"attempt_type", q("totp")},
          {"success", "1"},
          {"created_at", kT}};
}

inline Row privilege_row(int id, std::string_view privilege) {
  return {{"id", num(id)}, {"privilege", q(privilege)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row role_row(int id, std::string_view role) {
  return {{"id", num(id)}, {"role", q(role)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row ban_row(int id, const std::string& user, const std::string& admin) {
  return {{"id", num(id)},
          {"reason", q("griefing")},
          {"user_id", q(user)},
          {"admin_id", q(admin)},
          {"created_at", kT}};
}

// A friends, follows or blocks row.
inline Row pair_row(int id, const std::string& user, const std::string& target) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"target_id", q(target)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row region_row(const std::string& id, std::string_view name) {
  return {{"id", q(id)}, {"name", q(name)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row sector_row(int id) { return {{"id", num(id)}, {"created_at", kT}, {"updated_at", kT}}; }

inline Row station_row(const std::string& id, int sector) {
  return {{"id", q(id)},
          {"sector_id", num(sector)},
          {"name", q("Waystation")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row planet_row(const std::string& id, int sector) {
  return {{"id", q(id)},
          {"sector_id", num(sector)},
          {"name", q("Terra Nova")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row faction_row(const std::string& id, std::string_view code, std::string_view name) {
  return {{"id", q(id)},      {"code", q(code)},
          {"name", q(name)},  {"faction_type", q("Explorers")},
          {"created_at", kT}, {"updated_at", kT}};
}

inline Row player_row(const std::string& id, const std::string& user) {
  return {{"id", q(id)}, {"user_id", q(user)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row ship_row(const std::string& id, const std::string& owner) {
  return {{"id", q(id)},
          {"owner_id", q(owner)},
          {"name", q("Rustbucket")},
          {"type", q("ESCAPE_POD")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row reputation_row(const std::string& id, const std::string& player,
                          const std::string& faction) {
  return {{"id", q(id)},
          {"player_id", q(player)},
          {"faction_id", q(faction)},
          {"last_activity_at", kT},
          {"created_at", kT}};
}

inline Row team_row(const std::string& id, std::string_view name) {
  return {{"id", q(id)}, {"name", q(name)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row member_row(const std::string& team, const std::string& player) {
  return {{"team_id", q(team)}, {"player_id", q(player)}, {"joined_at", kT}};
}

inline Row invitation_row(std::string_view code, const std::string& team,
                          const std::string& player) {
  return {{"code", q(code)},
          {"team_id", q(team)},
          {"player_id", q(player)},
          {"created_at", kT},
          {"expires_at", kLater}};
}

inline Row message_row(const std::string& id, const std::string& sender,
                       const std::string& recipient) {
  return {{"id", q(id)},           {"sender_id", q(sender)}, {"recipient_id", q(recipient)},
          {"content", q("hello")}, {"sent_at", kT},          {"thread_id", q(kThread)}};
}

inline Row session_row(const std::string& id, const std::string& player) {
  return {{"id", q(id)}, {"player_id", q(player)}, {"started_at", kT}};
}

inline Row exchange_row(const std::string& id, const std::string& session, int sequence) {
  return {{"id", q(id)},
          {"session_id", q(session)},
          {"sequence_number", num(sequence)},
          {"npc_prompt", q("Papers, please.")},
          {"created_at", kT}};
}

inline Row currency_row(int id, std::string_view name) {
  return {{"id", num(id)},
          {"type", q("whole")},
          {"name", q(name)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row user_account_row(int id, int currency, const std::string& user) {
  return {{"id", num(id)},           {"currency_id", num(currency)},
          {"owner_kind", q("user")}, {"user_id", q(user)},
          {"created_at", kT},        {"updated_at", kT}};
}

inline Row transaction_row(int id, int currency, int from, int to) {
  return {{"id", num(id)},
          {"currency_id", num(currency)},
          {"from_account_id", num(from)},
          {"to_account_id", num(to)},
          {"amount", "100"},
          {"type", q("DAILY")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row item_row(int id, std::string_view name) {
  return {{"id", num(id)}, {"name", q(name)}, {"type", q("MATERIAL")}};
}

inline Row item_transaction_row(int id, const std::string& user, int item) {
  return {{"id", num(id)},   {"user_id", q(user)},    {"item_id", num(item)},
          {"quantity", "3"}, {"type", q("SHOP_BUY")}, {"created_at", kT}};
}

inline Row asset_row(const std::string& id) {
  return {{"id", q(id)}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row content_row(int id) {
  return {{"id", num(id)},
          {"name", q("Top hat")},
          {"description", q("A tall hat.")},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row revision_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row moderator_action_row(int id, int content, int revision, const std::string& user) {
  return {{"id", num(id)},          {"content_id", num(content)}, {"revision_id", num(revision)},
          {"action", q("approve")}, {"user_id", q(user)},         {"created_at", kT},
          {"updated_at", kT}};
}

inline Row object_asset_row(int id, int content, int revision, const std::string& asset) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"revision_id", num(revision)},
          {"asset_id", q(asset)},
          {"type", q("mesh")}};
}

inline Row price_row(int id, int content, int currency) {
  return {{"id", num(id)},    {"content_id", num(content)},
          {"price", "250"},   {"currency_id", num(currency)},
          {"created_at", kT}, {"updated_at", kT}};
}

inline Row ownership_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row trade_row(int id, const std::string& user, const std::string& recipient) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"recipient_id", q(recipient)},
          {"created_at", kT},
          {"updated_at", kT}};
}

// A favorites row (content_votes adds its vote).
inline Row favorite_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},
          {"content_id", num(content)},
          {"user_id", q(user)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row report_row(int id, int content, const std::string& user) {
  return {{"id", num(id)},       {"content_id", num(content)},      {"user_id", q(user)},
          {"reason", q("spam")}, {"description", q("It is spam.")}, {"created_at", kT},
          {"updated_at", kT}};
}

inline Row provisioning_host_row(int id, std::string_view token) {
  return {{"id", num(id)},    {"token", q(token)}, {"api_url", q("https://host.example.org")},
          {"capacity", "10"}, {"slots", "4"},      {"created_at", kT},
          {"updated_at", kT}};
}

inline Row server_row(int id, std::string_view token, const std::string& user) {
  return {{"id", num(id)},         {"token", q(token)},
          {"user_id", q(user)},    {"socket_host", q("127.0.0.1")},
          {"socket_port", "7777"}, {"api_url", q("http://127.0.0.1:7778")},
          {"created_at", kT},      {"updated_at", kT}};
}

inline Row host_ban_row(int id, std::string_view ip, const std::string& admin) {
  return {{"id", num(id)},        {"ip", q(ip)},      {"admin_id", q(admin)},
          {"reason", q("abuse")}, {"created_at", kT}, {"updated_at", kT}};
}

inline Row character_row(int id, const std::string& user, int model) {
  return {{"id", num(id)},
          {"user_id", q(user)},
          {"content_id", num(model)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row property_row(int id, int character, std::string_view property) {
  return {{"id", num(id)},         {"character_id", num(character)}, {"property", q(property)},
          {"value", q("#FF0000")}, {"value_type", q("color")},       {"created_at", kT},
          {"updated_at", kT}};
}

inline Row worn_row(int id, int character, int content) {
  return {{"id", num(id)},
          {"character_id", num(character)},
          {"content_id", num(content)},
          {"created_at", kT},
          {"updated_at", kT}};
}

inline Row play_session_row(int id, std::string_view token, const std::string& user, int character,
                            int game, int server) {
  return {{"id", num(id)},        {"token", q(token)},
          {"user_id", q(user)},   {"character_id", num(character)},
          {"game_id", num(game)}, {"server_id", num(server)},
          {"created_at", kT}};
}

inline Row quest_row(int id) {
  return {{"id", num(id)}, {"name", q("First trade")}, {"trigger_event", q("trade:done")}};
}

inline Row timer_row(const std::string& user, std::string_view type, std::string_view key) {
  return {{"user_id", q(user)}, {"type", q(type)}, {"key", q(key)}, {"expires_at", kLater}};
}

inline Row lootdrop_row(std::string_view message) {
  return {{"message_id", q(message)},
          {"reward_amount", "50"},
          {"currency_id", num(kCredits)},
          {"created_at", kT},
          {"expires_at", kLater}};
}

inline Row case_row(int id, std::string_view case_id) {
  return {{"id", num(id)},          {"case_id", q(case_id)},      {"type", q("WARN")},
          {"username", q("alice")}, {"moderator_name", q("bob")}, {"reason", q("spam")},
          {"created_at", kT}};
}

// Parents most tests need.

inline void add_users(test::FreshDatabase& fresh) {
  add(fresh, "users", user_row(kAlice, "alice"));
  add(fresh, "users", user_row(kBob, "bob"));
  add(fresh, "users", user_row(kCarol, "carol"));
}

inline void add_players(test::FreshDatabase& fresh) {
  add_users(fresh);
  add(fresh, "players", player_row(kAlicePlayer, kAlice));
  add(fresh, "players", player_row(kBobPlayer, kBob));
  add(fresh, "players", player_row(kCarolPlayer, kCarol));
}

// Content 1 with revision 1 by alice.
inline void add_content(test::FreshDatabase& fresh) {
  add(fresh, "content", content_row(1));
  add(fresh, "content_revisions", revision_row(1, 1, kAlice));
}

// Content 10 (type 'game') as game 10, content 20 (type 'character') as a character model.
inline void add_game(test::FreshDatabase& fresh) {
  add(fresh, "content", with(content_row(10), "type", q("game")));
  add(fresh, "games", {{"id", "10"}});
  add(fresh, "content", with(content_row(20), "type", q("character")));
}

}  // namespace hearth::constraints

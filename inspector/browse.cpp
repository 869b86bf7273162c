// hearth query, show and events: reading a file's rows and its journal.
#include <csignal>
#include <span>
#include <thread>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include "inspector/file.h"
#include "inspector/output.h"
#include <sqlite3.h>

namespace hearth::inspector {

namespace {

// A column that holds a time: its name ends in _at or _until.
bool is_time(std::string_view name) { return name.ends_with("_at") || name.ends_with("_until"); }

// A cell for people: times as dates.
std::string readable(const SQLite::Column& column) {
  if (column.isInteger() && is_time(column.getName())) return date(column.getInt64());
  return cell(column);
}

// Prints every row of `statement` as a table, or as JSON objects (times as numbers, unchanged).
void print_rows(SQLite::Statement& statement, bool json, JsonWriter* out = nullptr) {
  std::vector<std::string> headers;
  for (int i = 0; i < statement.getColumnCount(); ++i)
    headers.push_back(statement.getColumnName(i));
  std::vector<std::vector<std::string>> rows;
  if (json) out->StartArray();
  while (statement.executeStep()) {
    if (json) {
      out->StartObject();
      for (int i = 0; i < statement.getColumnCount(); ++i) {
        out->Key(headers[static_cast<std::size_t>(i)].c_str());
        write_json(*out, statement.getColumn(i));
      }
      out->EndObject();
    } else {
      std::vector<std::string> row;
      for (int i = 0; i < statement.getColumnCount(); ++i) {
        row.push_back(readable(statement.getColumn(i)));
      }
      rows.push_back(std::move(row));
    }
  }
  if (json) {
    out->EndArray();
  } else {
    print_table(headers, rows);
  }
}

// One part of `hearth show`: a titled query of the thing's id.
struct Section {
  const char* title;
  const char* sql;
};

constexpr Section kUser[] = {
    {"user",
     "SELECT id, username, display_name, email, language, country, verified, activated, is_active, "
     "deleted, failed_logins, login_locked_until, last_login_at, created_at, updated_at "
     "FROM users WHERE id = ?1"},
    {"roles",
     "SELECT r.role FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?1 "
     "ORDER BY r.role"},
    {"bans in force",
     "SELECT id, reason, privilege_ban, admin_id, created_at, expires_at FROM bans "
     "WHERE user_id = ?1 AND ended_at IS NULL ORDER BY id"},
    {"accounts",
     "SELECT a.id, c.name AS currency, a.balance FROM accounts a JOIN currencies c "
     "ON c.id = a.currency_id WHERE a.user_id = ?1 ORDER BY c.name"},
    {"items",
     "SELECT i.name AS item, s.quantity FROM inventory s JOIN items i ON i.id = s.item_id "
     "WHERE s.user_id = ?1 AND s.quantity > 0 ORDER BY i.name"},
    {"sessions in play",
     "SELECT id, server_id, character_id, ip, joined_at FROM sessions WHERE user_id = ?1 "
     "AND ended_at IS NULL AND joined_at IS NOT NULL ORDER BY id"},
};

constexpr Section kPlayer[] = {
    {"player",
     "SELECT p.id, u.username, p.nickname, p.turns, p.max_turns, p.personal_reputation, "
     "p.military_rank, p.rank_points, p.current_sector_id, p.is_docked, p.current_port_id, "
     "p.is_landed, p.current_planet_id FROM players p JOIN users u ON u.id = p.user_id "
     "WHERE p.user_id = ?1"},
    {"team",
     "SELECT t.id, t.name, m.role, m.joined_at FROM team_members m JOIN teams t "
     "ON t.id = m.team_id JOIN players p ON p.id = m.player_id WHERE p.user_id = ?1"},
    {"standings",
     "SELECT f.name AS faction, r.current_value AS value FROM reputations r JOIN factions f "
     "ON f.id = r.faction_id JOIN players p ON p.id = r.player_id WHERE p.user_id = ?1 "
     "ORDER BY f.name"},
    {"quests",
     "SELECT q.name AS quest, uq.progress, uq.completed_at FROM user_quests uq JOIN quests q "
     "ON q.id = uq.quest_id WHERE uq.user_id = ?1 ORDER BY uq.quest_id"},
    {"running timers",
     "SELECT type, key, expires_at FROM user_timers WHERE user_id = ?1 AND expired_at IS NULL "
     "ORDER BY expires_at"},
    {"friends",
     "SELECT u.username AS friend, f.pending, f.created_at FROM friends f JOIN users u "
     "ON u.id = CASE f.user_id WHEN ?1 THEN f.target_id ELSE f.user_id END "
     "WHERE ?1 IN (f.user_id, f.target_id) ORDER BY u.username"},
};

constexpr Section kTeam[] = {
    {"team",
     "SELECT id, name, tag, recruitment_status, max_members, is_public, created_at, disbanded_at "
     "FROM teams WHERE id = ?1"},
    {"members",
     "SELECT u.username AS member, m.role, m.joined_at FROM team_members m JOIN players p "
     "ON p.id = m.player_id JOIN users u ON u.id = p.user_id WHERE m.team_id = ?1 "
     "ORDER BY m.role <> 'LEADER', m.joined_at"},
    {"treasury",
     "SELECT c.name AS currency, a.balance FROM accounts a JOIN currencies c "
     "ON c.id = a.currency_id WHERE a.team_id = ?1 ORDER BY c.name"},
};

constexpr Section kTrade[] = {
    {"trade",
     "SELECT t.id, s.username AS sender, r.username AS recipient, t.status, t.description, "
     "t.created_at, t.updated_at FROM trades t JOIN users s ON s.id = t.user_id "
     "JOIN users r ON r.id = t.recipient_id WHERE t.id = ?1"},
    {"items offered",
     "SELECT i.name AS item, o.quantity, o.side FROM trade_offer_items o JOIN items i "
     "ON i.id = o.item_id WHERE o.trade_id = ?1"},
    {"money offered",
     "SELECT c.name AS currency, o.amount, o.side FROM trade_offer_currencies o JOIN currencies c "
     "ON c.id = o.currency_id WHERE o.trade_id = ?1"},
    {"ownerships offered",
     "SELECT o.ownership_id, w.content_id, w.serial, o.side FROM trade_offer_ownerships o "
     "JOIN content_ownerships w ON w.id = o.ownership_id WHERE o.trade_id = ?1"},
};

// The id `key` names: an id, or a username (users, players) or a name (teams).
std::string resolve(SQLite::Database& sql, const std::string& kind, const std::string& key) {
  const char* lookup = kind == "team"    ? "SELECT id FROM teams WHERE id = ?1 OR name = ?1 "
                                           "ORDER BY disbanded_at IS NOT NULL LIMIT 1"
                       : kind == "trade" ? "SELECT id FROM trades WHERE id = ?1"
                                         : "SELECT id FROM users WHERE id = ?1 OR username = ?1";
  SQLite::Statement find(sql, lookup);
  find.bind(1, key);
  if (!find.executeStep()) {
    throw Failure(kRefused, fmt::format("No {} is '{}' in '{}'.", kind, key, sql.getFilename()));
  }
  return find.getColumn(0).getString();
}

volatile std::sig_atomic_t stop_following = 0;

}  // namespace

int query(const Common& common, const std::string& sql_text) {
  auto db = open_sql(common);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(db->sql().getHandle(), sql_text.c_str(), -1, &raw, &tail) != SQLITE_OK) {
    throw Failure(kUsage,
                  fmt::format("The SQL does not run: {}.", sqlite3_errmsg(db->sql().getHandle())));
  }
  const bool reads_only = raw == nullptr || sqlite3_stmt_readonly(raw) != 0;
  sqlite3_finalize(raw);
  if (raw == nullptr) throw Failure(kUsage, "The SQL holds no statement.");
  if (std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    throw Failure(kUsage, "hearth query runs one statement at a time.");
  }
  if (!reads_only) {
    throw Failure(kUsage,
                  "hearth query only reads: use the game's commands (or `hearth` admin actions) "
                  "to change a file.");
  }
  try {
    SQLite::Statement statement(db->sql(), sql_text);
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    print_rows(statement, common.json, &out);
    if (common.json) print_json(buffer);
  } catch (const SQLite::Exception& error) {
    throw Failure(kUsage, fmt::format("The SQL does not run: {}.", error.what()));
  }
  return kOk;
}

int show(const Common& common, const std::string& kind, const std::string& key) {
  std::span<const Section> sections;
  if (kind == "user") {
    sections = kUser;
  } else if (kind == "player") {
    sections = kPlayer;
  } else if (kind == "team") {
    sections = kTeam;
  } else if (kind == "trade") {
    sections = kTrade;
  } else {
    throw Failure(kUsage,
                  fmt::format("hearth show knows user, player, team and trade, not '{}'.", kind));
  }
  auto db = open_sql(common);
  SQLite::Transaction snapshot(db->sql());  // every section from one snapshot
  const std::string id = resolve(db->sql(), kind, key);
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  for (const Section& section : sections) {
    SQLite::Statement statement(db->sql(), section.sql);
    statement.bind(1, id);
    if (common.json) {
      out.Key(section.title);
    } else {
      fmt::print("\n{}\n", section.title);
    }
    print_rows(statement, common.json, &out);
  }
  out.EndObject();
  if (common.json) print_json(buffer);
  return kOk;
}

int events(const Common& common, std::int64_t since, bool follow, int limit) {
  auto db = open_sql(common);
  SQLite::Statement read(db->sql(),
                         "SELECT id, at, type, ifnull(actor, ''), ifnull(subject, ''), payload "
                         "FROM events WHERE id > ? ORDER BY id LIMIT ?");
  std::int64_t after = since;
  const auto print_new = [&](std::int64_t most) {
    read.reset();
    read.bind(1, after);
    read.bind(2, most);
    while (read.executeStep()) {
      after = read.getColumn(0).getInt64();
      if (common.json) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> line(buffer);
        line.StartObject();
        const char* names[] = {"id", "at", "type", "actor", "subject"};
        for (int i = 0; i < 5; ++i) {
          line.Key(names[i]);
          if (i < 2) {
            line.Int64(read.getColumn(i).getInt64());
          } else {
            line.String(read.getColumn(i).getString().c_str());
          }
        }
        line.Key("payload");
        const std::string payload = read.getColumn(5).getString();
        line.RawValue(payload.c_str(), payload.size(), rapidjson::kObjectType);
        line.EndObject();
        fmt::print("{}\n", buffer.GetString());
      } else {
        fmt::print("{:>8}  {}  {:<28} {} -> {}  {}\n", after, date(read.getColumn(1).getInt64()),
                   read.getColumn(2).getString(), read.getColumn(3).getString(),
                   read.getColumn(4).getString(), read.getColumn(5).getString());
      }
    }
    read.reset();  // a finished statement would keep its read snapshot (and miss new commits)
    std::fflush(stdout);
  };
  print_new(limit > 0 ? limit : INT64_MAX);
  if (!follow) return kOk;
  std::signal(SIGINT, [](int) { stop_following = 1; });
  std::signal(SIGTERM, [](int) { stop_following = 1; });
  std::int64_t seen = -1;
  while (stop_following == 0) {
    // PRAGMA data_version changes when another connection commits: only then is there anything
    // new to read.
    const std::int64_t version = db->sql().execAndGet("PRAGMA data_version").getInt64();
    if (version != seen) {
      seen = version;
      print_new(INT64_MAX);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return kOk;
}

}  // namespace hearth::inspector

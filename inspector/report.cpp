// hearth info, check and space: what a file holds, whether it is healthy, where its bytes go.
#include <filesystem>
#include <map>

#include <SQLiteCpp/Statement.h>
#include <fmt/core.h>
#include <rapidjson/document.h>

#include "schema/schema.h"
#include "storage/migrations.h"

#include "inspector/file.h"
#include "inspector/output.h"

namespace hearth::inspector {

namespace {

// Headline counts, by domain: what a file holds, at a glance.
struct Count {
  const char* domain;
  const char* what;
  const char* sql;
};

constexpr Count kCounts[] = {
    {"identity", "users", "SELECT count(*) FROM users WHERE deleted = 0"},
    {"identity", "players", "SELECT count(*) FROM players"},
    {"identity", "bans in force", "SELECT count(*) FROM bans WHERE ended_at IS NULL"},
    {"identity", "moderation cases", "SELECT count(*) FROM moderation_cases"},
    {"social", "teams", "SELECT count(*) FROM teams WHERE disbanded_at IS NULL"},
    {"social", "friendships", "SELECT count(*) FROM friends WHERE pending = 0"},
    {"social", "messages", "SELECT count(*) FROM messages"},
    {"economy", "currencies", "SELECT count(*) FROM currencies"},
    {"economy", "accounts", "SELECT count(*) FROM accounts"},
    {"economy", "ledger rows", "SELECT count(*) FROM transactions"},
    {"economy", "items", "SELECT count(*) FROM items"},
    {"economy", "stacks", "SELECT count(*) FROM inventory"},
    {"catalog", "content", "SELECT count(*) FROM content"},
    {"catalog", "open ownerships",
     "SELECT count(*) FROM content_ownerships WHERE ended_at IS NULL"},
    {"catalog", "trades", "SELECT count(*) FROM trades"},
    {"progression", "quests", "SELECT count(*) FROM quests"},
    {"progression", "running timers", "SELECT count(*) FROM user_timers WHERE expired_at IS NULL"},
    {"standing", "standings", "SELECT count(*) FROM reputations"},
    {"world", "sectors", "SELECT count(*) FROM sectors"},
    {"hosting", "sessions in play",
     "SELECT count(*) FROM sessions WHERE ended_at IS NULL AND joined_at IS NOT NULL"},
    {"core", "journal entries", "SELECT count(*) FROM events"},
};

std::int64_t file_size(const std::string& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::int64_t>(bytes);
}

// The leaves where `stored` differs from `defaults`, as "section.field = value".
void differences(const rapidjson::Value& stored, const rapidjson::Value& defaults,
                 const std::string& path, std::vector<std::string>& out) {
  if (stored.IsObject() && defaults.IsObject()) {
    for (auto member = stored.MemberBegin(); member != stored.MemberEnd(); ++member) {
      const std::string name = member->name.GetString();
      const auto match = defaults.FindMember(member->name);
      const std::string where = path.empty() ? name : path + "." + name;
      if (match == defaults.MemberEnd()) {
        out.push_back(where + " (unknown to this build)");
      } else {
        differences(member->value, match->value, where, out);
      }
    }
    return;
  }
  if (stored != defaults) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    stored.Accept(writer);
    out.push_back(path + " = " + buffer.GetString());
  }
}

}  // namespace

int info(const Common& common) {
  auto db = open_sql(common);
  SQLite::Database& sql = db->sql();
  const int version = storage::schema_version(*db);
  const auto known = static_cast<int>(schema::files().size());
  std::string status;
  try {
    const auto waiting = storage::pending(*db, engine_migrations());
    status = waiting.empty() ? "up to date"
                             : fmt::format("{} migration{} to apply (`hearth migrate up`)",
                                           waiting.size(), waiting.size() == 1 ? "" : "s");
  } catch (const storage::FileRefused& refused) {
    status = refused.what();
  }
  const bool has_clock = version >= 9;  // game_clock's mode and speed came with migration 9
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  const auto field = [&](const char* name, const std::string& value) {
    if (common.json) {
      out.Key(name);
      out.String(value.c_str());
    } else {
      fmt::print("{:<28}{}\n", std::string(name) + ":", value);
    }
  };
  field("file", common.file);
  field("size", size(file_size(common.file)));
  field("wal", size(file_size(common.file + "-wal")));
  field("page size", std::to_string(sql.execAndGet("PRAGMA page_size").getInt()));
  field("pages", std::to_string(sql.execAndGet("PRAGMA page_count").getInt64()));
  field("free pages", std::to_string(sql.execAndGet("PRAGMA freelist_count").getInt64()));
  field("journal mode", sql.execAndGet("PRAGMA journal_mode").getString());
  field("schema version", fmt::format("{} (this build: {})", version, known));
  field("migrations", status);
  if (sql.tableExists("migrations_applied")) {
    SQLite::Statement sources(sql,
                              "SELECT source, count(*), max(version) FROM migrations_applied "
                              "GROUP BY source ORDER BY source = 'hearth' DESC, source");
    while (sources.executeStep()) {
      SQLite::Statement last(
          sql, "SELECT name FROM migrations_applied WHERE source = ? AND version = ?");
      last.bind(1, sources.getColumn(0).getString());
      last.bind(2, sources.getColumn(2).getInt());
      last.executeStep();
      field(fmt::format("  {}", sources.getColumn(0).getString()).c_str(),
            fmt::format("{} applied, last {}", sources.getColumn(1).getInt(),
                        last.getColumn(0).getString()));
    }
  }
  if (has_clock) {
    SQLite::Statement clock(sql,
                            "SELECT created_at, reached_at, mode, speed, paused FROM game_clock "
                            "WHERE id = 1");
    if (clock.executeStep()) {
      field("created", date(clock.getColumn(0).getInt64()));
      field("time reached", date(clock.getColumn(1).getInt64()));
      field("time mode", fmt::format("{} at speed {}{}", clock.getColumn(2).getString(),
                                     clock.getColumn(3).getDouble(),
                                     clock.getColumn(4).getInt() != 0 ? ", paused" : ""));
    }
  }
  if (sql.tableExists("rules")) {
    SQLite::Statement stored(sql, "SELECT document FROM rules WHERE id = 1");
    std::vector<std::string> changed;
    if (stored.executeStep()) {
      rapidjson::Document file_rules;
      rapidjson::Document default_rules;
      file_rules.Parse(stored.getColumn(0).getString().c_str());
      default_rules.Parse(Rules{}.to_json().c_str());
      differences(file_rules, default_rules, "", changed);
    }
    if (common.json) {
      // The changes as an array: ["turns.per_day = 77", …].
      out.Key("rules changed");
      out.StartArray();
      for (const std::string& line : changed) out.String(line.c_str());
      out.EndArray();
    } else {
      fmt::print("{:<28}{}\n", "rules:",
                 changed.empty() ? std::string("the defaults")
                                 : fmt::format("{} differ from the defaults", changed.size()));
      for (const std::string& line : changed) fmt::print("  {}\n", line);
    }
  }
  if (version == known) {
    for (const Count& count : kCounts) {
      field(fmt::format("{} {}", count.domain, count.what).c_str(),
            std::to_string(sql.execAndGet(count.sql).getInt64()));
    }
  }
  out.EndObject();
  if (common.json) print_json(buffer);
  return kOk;
}

int check(const Common& common) {
  std::vector<Violation> found;
  {
    auto db = open_sql(common);
    Progress progress("check", 3, "steps");
    SQLite::Statement integrity(db->sql(), "PRAGMA integrity_check");
    while (integrity.executeStep()) {
      const std::string line = integrity.getColumn(0).getString();
      if (line != "ok") found.push_back({"sqlite.integrity", line});
    }
    progress.advance(1);
    SQLite::Statement keys(db->sql(), "PRAGMA foreign_key_check");
    while (keys.executeStep()) {
      found.push_back({"sqlite.foreign_key",
                       fmt::format("Row {} of {} points to a missing row of {} (foreign key {}).",
                                   keys.getColumn(1).getInt64(), keys.getColumn(0).getString(),
                                   keys.getColumn(2).getString(), keys.getColumn(3).getInt())});
    }
    progress.advance(2);
    try {
      for (Violation& violation : open_reading(common).check()) found.push_back(violation);
    } catch (const Failure&) {
      if (found.empty()) throw;  // a damaged file: the report says why
    }
    progress.advance(3);
  }
  if (common.json) {
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    out.Key("ok");
    out.Bool(found.empty());
    out.Key("violations");
    out.StartArray();
    for (const Violation& violation : found) {
      out.StartObject();
      out.Key("rule");
      out.String(violation.rule.c_str());
      out.Key("detail");
      out.String(violation.detail.c_str());
      out.EndObject();
    }
    out.EndArray();
    out.EndObject();
    print_json(buffer);
  } else if (found.empty()) {
    fmt::print("ok: the file is intact and every invariant holds.\n");
  } else {
    for (const Violation& violation : found) {
      fmt::print("{}: {}\n", violation.rule, violation.detail);
    }
    fmt::print("{} violation{}.\n", found.size(), found.size() == 1 ? "" : "s");
  }
  return found.empty() ? kOk : kViolations;
}

int space(const Common& common) {
  auto db = open_sql(common);
  SQLite::Statement usage(db->sql(), R"sql(
    SELECT d.name AS name, ifnull(m.type, 'internal') AS type, ifnull(m.tbl_name, d.name) AS tbl,
           count(*) AS pages, sum(d.pgsize) AS bytes, sum(d.payload) AS payload,
           sum(d.unused) AS unused
    FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name
    GROUP BY d.name ORDER BY sum(d.pgsize) DESC, d.name)sql");
  std::vector<std::vector<std::string>> rows;
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartArray();
  std::int64_t total = 0;
  while (usage.executeStep()) {
    const std::int64_t bytes = usage.getColumn(4).getInt64();
    total += bytes;
    if (common.json) {
      out.StartObject();
      for (int i = 0; i < 7; ++i) {
        out.Key(usage.getColumnName(i));
        write_json(out, usage.getColumn(i));
      }
      out.EndObject();
    } else {
      rows.push_back({usage.getColumn(0).getString(), usage.getColumn(1).getString(),
                      usage.getColumn(2).getString(), usage.getColumn(3).getString(), size(bytes),
                      size(usage.getColumn(5).getInt64()), size(usage.getColumn(6).getInt64())});
    }
  }
  out.EndArray();
  if (common.json) {
    print_json(buffer);
  } else {
    print_table({"name", "type", "table", "pages", "size", "payload", "unused"}, rows);
    fmt::print("total {}\n", size(total));
  }
  return kOk;
}

}  // namespace hearth::inspector

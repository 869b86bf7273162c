#include "hearth/extension/custom_tables.h"

#include <cctype>
#include <cstdlib>
#include <regex>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "schema/schema.h"

#include "hearth/game.h"
#include <sqlite3.h>

namespace hearth {

CustomTables Game::custom_tables() { return CustomTables(*core_); }

namespace {

// The tables the engine's migrations create (and the migration bookkeeping): a game's SQL may
// read them, never write them.
const std::set<std::string, std::less<>>& engine_tables() {
  static const std::set<std::string, std::less<>> tables = [] {
    std::set<std::string, std::less<>> names = {"migrations_applied"};
    const std::regex create(R"(CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*))",
                            std::regex::icase);
    for (const schema::SqlFile& file : schema::files()) {
      const std::string sql(file.sql);
      for (auto it = std::sregex_iterator(sql.begin(), sql.end(), create);
           it != std::sregex_iterator(); ++it) {
        names.insert((*it)[1].str());
      }
    }
    return names;
  }();
  return tables;
}

// Pragmas a game's SQL may run: the ones that only describe the schema or check the file.
bool harmless_pragma(std::string_view name, const char* argument) {
  static constexpr std::string_view kDescribing[] = {
      "table_info",   "table_xinfo",      "table_list",        "index_list",      "index_info",
      "index_xinfo",  "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
      "data_version", "collation_list",   "function_list",     "compile_options"};
  for (std::string_view allowed : kDescribing) {
    if (name == allowed) return true;
  }
  // Reading (not setting) the file's identity.
  return argument == nullptr &&
         (name == "user_version" || name == "application_id" || name == "schema_version");
}

// SQLite's authorizer for a game's SQL: what it may not do is refused while the statement is
// compiled, before anything runs; `refusal` keeps the sentence for the Error{Usage}.
struct Guard {
  std::string refusal;

  static int check(void* self, int action, const char* a, const char* b, const char*, const char*) {
    auto& guard = *static_cast<Guard*>(self);
    const auto deny = [&](std::string why) {
      if (guard.refusal.empty()) guard.refusal = std::move(why);
      return SQLITE_DENY;
    };
    const auto engine_table = [](const char* table) {
      return table != nullptr && engine_tables().count(std::string_view(table)) > 0;
    };
    switch (action) {
      case SQLITE_INSERT:
      case SQLITE_UPDATE:
      case SQLITE_DELETE:
      case SQLITE_DROP_TABLE:
        if (engine_table(a)) {
          return deny(fmt::format(
              "'{}' is an engine table: a game reads it, and changes it only through the "
              "engine's API.",
              a));
        }
        return SQLITE_OK;
      case SQLITE_ALTER_TABLE:
      case SQLITE_CREATE_INDEX:
      case SQLITE_DROP_INDEX:
      case SQLITE_CREATE_TRIGGER:
      case SQLITE_DROP_TRIGGER:
        if (engine_table(b)) {
          return deny(fmt::format("'{}' is an engine table: its schema is the engine's.", b));
        }
        return SQLITE_OK;
      case SQLITE_TRANSACTION:
      case SQLITE_SAVEPOINT:
        return deny(
            "transaction control is the engine's: every write is one command (group several "
            "with execute_all or Game::atomically).");
      case SQLITE_ATTACH:
      case SQLITE_DETACH:
        return deny("ATTACH and DETACH are not allowed on a game file.");
      case SQLITE_PRAGMA:
        if (harmless_pragma(a == nullptr ? "" : a, b)) return SQLITE_OK;
        return deny(fmt::format("PRAGMA {} is not allowed: pragmas are the engine's.",
                                a == nullptr ? "" : a));
      default:
        return SQLITE_OK;
    }
  }
};

// A statement compiled with SQLite's own API, so that a second statement hidden in the text (the
// "tail") is noticed rather than silently ignored.
class Prepared {
 public:
  Prepared(sqlite3* db, const std::string& sql) : db_(db) {
    const char* tail = nullptr;
    Guard guard;
    sqlite3_set_authorizer(db, &Guard::check, &guard);
    const int compiled =
        sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()) + 1, &statement_, &tail);
    sqlite3_set_authorizer(db, nullptr, nullptr);
    if (!guard.refusal.empty()) {
      sqlite3_finalize(statement_);
      throw Error(ErrorKind::Usage, "Custom tables: " + guard.refusal);
    }
    check(compiled);
    if (statement_ == nullptr) {
      throw Error(ErrorKind::Usage, "Custom tables: no SQL statement in '" + sql + "'.");
    }
    if (tail != nullptr && *tail != '\0') {
      sqlite3_stmt* next = nullptr;
      const int code = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
      sqlite3_finalize(next);
      if (code != SQLITE_OK || next != nullptr) {
        sqlite3_finalize(statement_);  // the destructor does not run for a throwing constructor
        throw Error(ErrorKind::Usage, "Custom tables: one statement at a time (use execute_all).");
      }
    }
  }

  ~Prepared() { sqlite3_finalize(statement_); }

  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  void bind(const std::vector<SqlValue>& params) {
    const int expected = sqlite3_bind_parameter_count(statement_);
    if (expected != static_cast<int>(params.size())) {
      throw Error(ErrorKind::Usage, fmt::format("Custom tables: the statement takes {} parameters, "
                                                "{} given.",
                                                expected, params.size()));
    }
    for (int i = 0; i < expected; ++i) {
      const SqlValue& value = params[static_cast<std::size_t>(i)];
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        check(sqlite3_bind_int64(statement_, i + 1, *integer));
      } else if (const auto* real = std::get_if<double>(&value)) {
        check(sqlite3_bind_double(statement_, i + 1, *real));
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        check(sqlite3_bind_text(statement_, i + 1, text->data(), static_cast<int>(text->size()),
                                SQLITE_TRANSIENT));
      } else {
        check(sqlite3_bind_null(statement_, i + 1));
      }
    }
  }

  // Steps once: true while a row is ready.
  bool step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    check(code);
    return false;
  }

  bool read_only() const { return sqlite3_stmt_readonly(statement_) != 0; }

  SqlRow row() const {
    SqlRow row;
    const int count = sqlite3_column_count(statement_);
    row.columns.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      switch (sqlite3_column_type(statement_, i)) {
        case SQLITE_INTEGER:
          row.columns.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement_, i)));
          break;
        case SQLITE_FLOAT:
          row.columns.emplace_back(sqlite3_column_double(statement_, i));
          break;
        case SQLITE_NULL:
          row.columns.emplace_back(std::monostate{});
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, i));
          row.columns.emplace_back(
              std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, i))));
        }
      }
    }
    return row;
  }

 private:
  // Bad SQL, a constraint, a type mismatch or a parameter out of range is the caller's mistake
  // (Usage); anything else (I/O, locking, a damaged file) is the world's.
  void check(int code) const {
    if (code == SQLITE_OK) return;
    const int primary = code & 0xff;
    const std::string message = std::string("Custom tables: ") + sqlite3_errmsg(db_);
    if (primary == SQLITE_ERROR || primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH ||
        primary == SQLITE_RANGE || primary == SQLITE_TOOBIG) {
      throw Error(ErrorKind::Usage, message, code);
    }
    const bool corrupt = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    throw Error(corrupt ? ErrorKind::CorruptData : ErrorKind::Storage, message, code);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

std::int64_t run_statement(Command& command, const SqlStatement& statement) {
  sqlite3* db = command.sql().getHandle();
  Prepared prepared(db, statement.sql);
  prepared.bind(statement.params);
  const sqlite3_int64 before = sqlite3_total_changes64(db);
  while (prepared.step()) {
  }
  // sqlite3_changes64 keeps the count of the last INSERT, UPDATE or DELETE: a statement that
  // changed no row (DDL, a read) reports 0.
  return sqlite3_total_changes64(db) == before ? 0 : sqlite3_changes64(db);
}

}  // namespace

bool SqlRow::is_null(std::size_t column) const {
  return std::holds_alternative<std::monostate>(columns.at(column));
}

std::int64_t SqlRow::integer(std::size_t column) const {
  const SqlValue& value = columns.at(column);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) {
    return std::strtoll(text->c_str(), nullptr, 10);
  }
  return 0;
}

double SqlRow::real(std::size_t column) const {
  const SqlValue& value = columns.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*integer);
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return std::strtod(text->c_str(), nullptr);
  }
  return 0;
}

std::string SqlRow::text(std::size_t column) const {
  const SqlValue& value = columns.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return fmt::format("{}", *real);
  return "";
}

std::int64_t CustomTables::execute(const std::string& sql, const std::vector<SqlValue>& params) {
  return execute_all({SqlStatement{sql, params}});
}

std::int64_t CustomTables::execute_all(const std::vector<SqlStatement>& statements,
                                       const std::vector<GameEvent>& events) {
  for (const GameEvent& event : events) {
    if (Outcome valid = text::check("An event type", event.type, 1, 100); !valid) {
      throw Error(ErrorKind::Usage, "Custom tables: " + valid.detail());
    }
  }
  return core_.run([&](Command& command) {
    std::int64_t changed = 0;
    for (const SqlStatement& statement : statements) changed += run_statement(command, statement);
    for (const GameEvent& event : events) {
      Query object(command, "SELECT ifnull(json_valid(?1) AND json_type(?1) = 'object', 0)",
                   event.payload);
      object.step();
      const bool valid = object.integer(0) != 0;
      object.reset();
      if (!valid) {
        throw Error(ErrorKind::Usage, "Custom tables: an event payload must be a JSON object.");
      }
      command.emit(event.type, event.actor, event.subject, event.payload);
    }
    return changed;
  });
}

std::vector<SqlRow> CustomTables::query(const std::string& sql,
                                        const std::vector<SqlValue>& params) const {
  return core_.read([&](Reader& reader) {
    Prepared prepared(reader.sql().getHandle(), sql);
    if (!prepared.read_only()) {
      throw Error(ErrorKind::Usage, "Custom tables: query() only reads; write with execute().");
    }
    prepared.bind(params);
    std::vector<SqlRow> rows;
    while (prepared.step()) rows.push_back(prepared.row());
    return rows;
  });
}

}  // namespace hearth

#include "engine/custom_tables.h"

#include <cctype>
#include <cstdlib>
#include <utility>

#include <fmt/core.h>

#include "engine/command.h"
#include "engine/text.h"

#include <sqlite3.h>

namespace hearth {

namespace {

// A statement compiled with SQLite's own API, so that a second statement hidden in the text (the
// "tail") is noticed rather than silently ignored.
class Prepared {
 public:
  Prepared(sqlite3* db, const std::string& sql) : db_(db) {
    const char* tail = nullptr;
    check(
        sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()) + 1, &statement_, &tail));
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
  while (prepared.step()) {
  }
  return prepared.read_only() ? 0 : sqlite3_changes64(db);
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
      try {
        command.emit(event.type, event.actor, event.subject, event.payload);
      } catch (const SQLite::Exception& error) {
        throw Error(
            ErrorKind::Usage,
            std::string("Custom tables: an event payload must be a JSON object: ") + error.what());
      }
    }
    return changed;
  });
}

std::vector<SqlRow> CustomTables::query(const std::string& sql,
                                        const std::vector<SqlValue>& params) const {
  return core_.read([&](SQLite::Database& db) {
    Prepared prepared(db.getHandle(), sql);
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

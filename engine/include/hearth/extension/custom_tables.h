// Custom tables: reading and writing the tables a game adds with its own migrations
// (GameOptions::migrations), through plain SQL with bound parameters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hearth {

class Core;

// One SQL value: NULL, an integer, a real or text (blobs are not supported).
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// One row of a query's result, its columns in the order the SELECT names them.
struct SqlRow {
  std::vector<SqlValue> columns;

  bool is_null(std::size_t column) const;

  // The column as an integer: a real is truncated, text is parsed as SQLite would, NULL is 0.
  std::int64_t integer(std::size_t column) const;

  // The column as a real; NULL is 0.
  double real(std::size_t column) const;

  // The column as text: numbers in decimal, NULL as "".
  std::string text(std::size_t column) const;

  bool operator==(const SqlRow&) const = default;
};

// One statement with its parameters, bound in order to its `?` placeholders.
struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> params;
};

// An event a game journals together with its own writes (see CustomTables::execute_all).
struct GameEvent {
  std::string type;     // 1 to 100 characters; prefix it with the game's name, e.g. "galaxy.moved"
  std::string actor;    // usually a user id; empty for none
  std::string subject;  // usually a user id; empty for none
  std::string payload = "{}";  // a JSON object
};

// The game's own tables. Obtain it from Game::custom_tables(); it is a light handle.
//
// A write is a command like any other: one transaction at the clock's time, the world advanced
// first, its events journaled in the same transaction and handed to the listeners after the
// commit. A game writes only the tables its migrations created: the engine's tables are written
// by the engine's own calls, which keep their rules (the ledger's balances, the stacks' history).
// Reading any table is allowed, but only the game's own tables have a shape the game controls.
// Bad SQL, a violated constraint or a parameter count that does not match the statement throws
// Error{Usage} (Error{Storage} for I/O and locking) having written nothing.
class CustomTables {
 public:
  explicit CustomTables(Core& core) : core_(core) {}

  // Runs one statement (INSERT, UPDATE, DELETE...) as one command; returns the rows it changed.
  std::int64_t execute(const std::string& sql, const std::vector<SqlValue>& params = {});

  // Runs the statements in order, then journals `events`, all as one command: every write
  // applies, or none. Returns the rows changed, summed over the statements.
  std::int64_t execute_all(const std::vector<SqlStatement>& statements,
                           const std::vector<GameEvent>& events = {});

  // Runs one SELECT in a consistent snapshot and returns every row.
  std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) const;

 private:
  Core& core_;
};

}  // namespace hearth

// Query: the one way engine code runs SQL. Internal to the engine.
//
//   Query player(reader, "SELECT username, turns FROM players p JOIN users u ON u.id = p.id "
//                        "WHERE p.id = ?", id);
//   if (player.step()) show(player.text(0), player.integer(1));
//
//   Query(command, "UPDATE players SET turns = ?1, updated_at = ?2 WHERE id = ?3", turns,
//         command.now(), id).exec();
//
// A Query is one run of a statement the game compiled once and caches by its text (two different
// texts never share one). It binds its parameters in order (?1, ?2, … or plain ?), or by name
// (named(":player", id)) where a statement has more than four; a
// std::optional binds NULL when empty, a bool 0 or 1, an Id its number) and resets the statement
// when it goes out of scope. While a Query is alive its statement is busy: a nested call that runs
// the same SQL needs it finished first (reset()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <SQLiteCpp/Statement.h>

#include "engine/core/command.h"

namespace hearth {

// A parameter bound by its name in the SQL (":player"), for statements with more than four:
//   Query(command, "UPDATE players SET turns = :turns WHERE id = :player",
//         named(":turns", turns), named(":player", player)).exec();
template <class T>
struct Named {
  const char* name;
  const T& value;
};

template <class T>
Named<T> named(const char* name, const T& value) {
  return {name, value};
}

template <class T>
struct IsNamed : std::false_type {};

template <class T>
struct IsNamed<Named<T>> : std::true_type {};

class Query {
 public:
  template <class... Args>
  Query(Reader& reader, std::string_view sql, const Args&... args)
      : statement_(reader.prepare(sql)) {
    bind_all(args...);
  }

  ~Query() { statement_.tryReset(); }

  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Steps to the next row; false when there is none.
  bool step() { return statement_.executeStep(); }

  // Runs a statement that returns no rows (or whose rows do not matter) to its end; returns the
  // number of rows it changed.
  int exec() { return statement_.exec(); }

  // Starts the statement over with new parameters (a statement repeated in a loop).
  template <class... Args>
  void rebind(const Args&... args) {
    statement_.reset();
    statement_.clearBindings();
    bind_all(args...);
  }

  // The columns of the current row, by index from 0. NULL reads as 0, "" or 0.0.
  std::int64_t integer(int column) const { return statement_.getColumn(column).getInt64(); }

  std::string text(int column) const { return statement_.getColumn(column).getString(); }

  double real(int column) const { return statement_.getColumn(column).getDouble(); }

  bool flag(int column) const { return integer(column) != 0; }

  bool is_null(int column) const { return statement_.getColumn(column).isNull(); }

  // Finishes the run early, so the same SQL may run again while this Query is in scope.
  void reset() { statement_.reset(); }

  // Binds the parameter `name` (":claims") alone: for a statement whose parameters a shared
  // helper binds as a group. Prefer binding in the constructor.
  template <class T>
  void set(const char* name, const T& value) {
    bind(0, named(name, value));
  }

 private:
  template <class... Args>
  void bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
  }

  template <class T>
  void bind(int index, const T& value) {
    if constexpr (IsNamed<T>::value) {
      const int at = statement_.getIndex(value.name);
      if (at == 0) throw Error(ErrorKind::Usage, std::string("No SQL parameter ") + value.name);
      bind(at, value.value);
    } else if constexpr (std::is_same_v<T, bool>) {
      statement_.bind(index, value ? 1 : 0);
    } else if constexpr (std::is_integral_v<T>) {
      statement_.bind(index, static_cast<std::int64_t>(value));
    } else if constexpr (std::is_floating_point_v<T>) {
      statement_.bind(index, static_cast<double>(value));
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      statement_.bind(index, std::string(value));
    } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
      statement_.bind(index);
    } else if constexpr (requires { value.has_value(); }) {
      if (value.has_value()) {
        bind(index, *value);
      } else {
        statement_.bind(index);
      }
    } else if constexpr (requires { value.value(); }) {
      bind(index, value.value());  // an Id: its stored number
    } else {
      statement_.bind(index, value);  // std::string, const char*
    }
  }

  SQLite::Statement& statement_;
};

// Journals, in one statement, the events `select` yields — its columns are at, type, actor,
// subject (NULL for none) and payload (compact JSON) — in its order, and returns how many: the
// tick's set-based path, leaving what as many Command::emit_at calls would.
template <class... Args>
int journal_select(Command& command, std::string_view select, const Args&... args) {
  const std::int64_t before = command.last_event_id();
  Query insert(
      command,
      std::string("INSERT INTO events (at, type, actor, subject, payload) ") + std::string(select),
      args...);
  const int rows = insert.exec();
  insert.reset();
  if (rows > 0) command.journaled_since(before);
  return rows;
}

}  // namespace hearth

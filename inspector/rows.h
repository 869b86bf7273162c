// Which rows of a game file an export or a hash takes, read from the file's own schema: the whole
// world, or one user's rows ("theirs") and the rows those point to ("references").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace hearth::inspector {

// A foreign key: `column` of its table holds a value of `parent`.`parent_column`.
struct ForeignKey {
  std::string column;
  std::string parent;
  std::string parent_column;
};

struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;  // the primary key's columns; empty: the rowid
  std::vector<ForeignKey> foreign_keys;
  bool without_rowid = false;

  // An expression naming one row (the rowid, or the quoted primary key).
  std::string row_key() const;

  // "ORDER BY …" in the primary key's order (the rowid for a table without one).
  std::string order_by() const;
};

// The game's tables, parents before children (so that triggers find a row's parents), without
// SQLite's own tables and the migrations' bookkeeping.
std::vector<TableShape> game_tables(SQLite::Database& sql);

// Which rows are taken: all of them, or those of one user.
class RowSelection {
 public:
  // Every row of every table.
  RowSelection() = default;

  // One user's rows and their references, computed into a temporary table of `sql` (the
  // connection must be able to write its temporary database).
  RowSelection(SQLite::Database& sql, const std::vector<TableShape>& tables,
               const std::string& user);

  bool whole() const { return user_.empty(); }

  // A WHERE clause for `table`'s rows: theirs (or, with references = true, the references).
  std::string where(const TableShape& table, bool references) const;

  // A user's personal columns, emptied in the `users` rows of other users that an export carries
  // as references.
  static bool personal(const std::string& column);

 private:
  std::string user_;
};

}  // namespace hearth::inspector

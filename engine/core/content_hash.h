// ContentHash: the canonical hash of a game file's rows (Game::content_hash, `hearth hash`), the
// same for the same content whatever the file's page layout. Internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "engine/core/sha256.h"

namespace hearth {

// Whether `column` of `table` is content: everything but game_clock.last_clock_at (the computer's
// clock reading at the last command, which a replay never reads).
bool hashed_column(std::string_view table, std::string_view column);

// SHA-256 over tables given in name order, each with its rows in key order: a table's name and
// columns (when it has a row), then each row's values with their type and length, so that no two
// different contents encode the same.
class ContentHash {
 public:
  // The rows that follow belong to `table`, selected as `columns` in this order.
  void table(std::string_view name, const std::vector<std::string>& columns);

  // Adds the current row of `row`.
  void row(SQLite::Statement& row);

  // The digest, as 64 lowercase hex digits; the hash is spent after.
  std::string hex() { return digest_.hex(); }

 private:
  void put_number(char tag, std::uint64_t bits);
  void put_text(char tag, const void* data, std::size_t length);

  Sha256 digest_;
  std::string table_;
  std::vector<std::string> columns_;
  bool named_ = false;
};

}  // namespace hearth

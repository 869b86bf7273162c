#include "engine/core/content_hash.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "engine/core/command.h"

namespace hearth {

bool hashed_column(std::string_view table, std::string_view column) {
  return !(table == "game_clock" && column == "last_clock_at");
}

void ContentHash::table(std::string_view name, const std::vector<std::string>& columns) {
  table_ = name;
  columns_ = columns;
  named_ = false;
}

void ContentHash::put_number(char tag, std::uint64_t bits) {
  char bytes[9] = {tag};
  for (int i = 0; i < 8; ++i) bytes[1 + i] = static_cast<char>(bits >> (56 - 8 * i));
  digest_.update(std::string_view(bytes, 9));
}

void ContentHash::put_text(char tag, const void* data, std::size_t length) {
  put_number(tag, length);
  digest_.update(std::string_view(static_cast<const char*>(data), length));
}

void ContentHash::row(SQLite::Statement& row) {
  if (!named_) {
    put_text('T', table_.data(), table_.size());
    for (const std::string& column : columns_) put_text('C', column.data(), column.size());
    named_ = true;
  }
  put_number('R', 0);
  for (int i = 0; i < row.getColumnCount(); ++i) {
    const SQLite::Column value = row.getColumn(i);
    if (value.isNull()) {
      put_number('n', 0);
    } else if (value.isInteger()) {
      put_number('i', static_cast<std::uint64_t>(value.getInt64()));
    } else if (value.isFloat()) {
      const double real = value.getDouble();
      std::uint64_t bits = 0;
      std::memcpy(&bits, &real, sizeof bits);
      put_number('f', bits);
    } else if (value.isBlob()) {
      put_text('b', value.getBlob(), static_cast<std::size_t>(value.getBytes()));
    } else {
      put_text('t', value.getText(), static_cast<std::size_t>(value.getBytes()));
    }
  }
}

std::string Game::content_hash() const {
  return core_->read([](SQLite::Database& sql) {
    const auto quoted = [](const std::string& name) { return "\"" + name + "\""; };
    std::vector<std::string> tables;
    SQLite::Statement names(sql,
                            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = "
                            "'table' AND name NOT LIKE 'sqlite_%' AND name <> "
                            "'migrations_applied' ORDER BY name");
    while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
    ContentHash hash;
    for (const std::string& table : tables) {
      std::vector<std::string> columns;
      std::vector<std::string> selected;
      std::vector<std::pair<int, std::string>> key;
      SQLite::Statement info(sql, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
      info.bind(1, table);
      while (info.executeStep()) {
        const std::string column = info.getColumn(0).getString();
        columns.push_back(quoted(column));
        if (hashed_column(table, column)) selected.push_back(column);
        if (info.getColumn(1).getInt() > 0) key.emplace_back(info.getColumn(1).getInt(), column);
      }
      // In key order; a table without a declared key in the order of all its values, so that
      // rowids (a layout detail) never decide it.
      std::sort(key.begin(), key.end());
      std::vector<std::string> order;
      for (const auto& [position, column] : key) order.push_back(quoted(column));
      if (order.empty()) order = columns;
      std::vector<std::string> select;
      for (const std::string& column : selected) select.push_back(quoted(column));
      hash.table(table, selected);
      SQLite::Statement rows(
          sql, fmt::format("SELECT {} FROM {} ORDER BY {}", fmt::join(select, ", "), quoted(table),
                           fmt::join(order, ", ")));
      while (rows.executeStep()) hash.row(rows);
    }
    return hash.hex();
  });
}

}  // namespace hearth

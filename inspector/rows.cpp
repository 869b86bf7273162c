#include "inspector/rows.h"

#include <algorithm>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <sqlite3.h>

namespace hearth::inspector {

namespace {

// Columns that make a row one user's own when they name that user (or the user's player).
bool owner_column(const std::string& column) {
  return column == "user_id" || column == "player_id" || column == "owner_id" ||
         column == "sender_id" || column == "recipient_id";
}

bool names_a_user(const ForeignKey& key) {
  return key.parent == "users" || key.parent == "players";
}

// A table whose rows name no user: its rows belong to whatever they point to.
bool impersonal(const TableShape& table) {
  return std::none_of(table.foreign_keys.begin(), table.foreign_keys.end(), names_a_user);
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

}  // namespace

std::string TableShape::row_key() const {
  if (!without_rowid) return "rowid";
  std::vector<std::string> parts;
  for (const std::string& column : key) parts.push_back("quote(" + quoted(column) + ")");
  return fmt::format("({})", fmt::join(parts, " || ',' || "));
}

std::string TableShape::order_by() const {
  std::vector<std::string> parts;
  for (const std::string& column : key.empty() ? columns : key) parts.push_back(quoted(column));
  return "ORDER BY " + fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<TableShape> game_tables(SQLite::Database& sql) {
  std::map<std::string, TableShape> shapes;
  SQLite::Statement names(sql,
                          "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND "
                          "type = 'table' AND name NOT LIKE 'sqlite_%' AND "
                          "name <> 'migrations_applied'");
  while (names.executeStep()) {
    TableShape& table = shapes[names.getColumn(0).getString()];
    table.name = names.getColumn(0).getString();
    table.without_rowid = names.getColumn(1).getInt() != 0;
  }
  for (auto& [name, table] : shapes) {
    std::vector<std::pair<int, std::string>> key;
    SQLite::Statement columns(sql, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    columns.bind(1, name);
    while (columns.executeStep()) {
      table.columns.push_back(columns.getColumn(0).getString());
      if (columns.getColumn(1).getInt() > 0) {
        key.emplace_back(columns.getColumn(1).getInt(), columns.getColumn(0).getString());
      }
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) table.key.push_back(column);
  }
  for (auto& [name, table] : shapes) {
    SQLite::Statement keys(sql,
                           "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?) "
                           "ORDER BY id, seq");
    keys.bind(1, name);
    while (keys.executeStep()) {
      ForeignKey key{keys.getColumn(0).getString(), keys.getColumn(1).getString(),
                     keys.getColumn(2).getString()};
      if (key.parent_column.empty() && shapes.count(key.parent) != 0) {
        const auto& parent_key = shapes[key.parent].key;
        key.parent_column = parent_key.empty() ? "rowid" : parent_key.front();
      }
      if (shapes.count(key.parent) != 0) table.foreign_keys.push_back(std::move(key));
    }
  }
  // Parents first; a cycle (beyond a table pointing to itself) is broken in name order.
  std::vector<TableShape> ordered;
  std::set<std::string> placed;
  while (ordered.size() < shapes.size()) {
    const TableShape* next = nullptr;
    for (const auto& [name, table] : shapes) {
      if (placed.count(name) != 0) continue;
      const bool ready = std::all_of(
          table.foreign_keys.begin(), table.foreign_keys.end(),
          [&](const auto& key) { return key.parent == name || placed.count(key.parent) != 0; });
      if (ready) {
        next = &table;
        break;
      }
    }
    if (next == nullptr) {
      for (const auto& [name, table] : shapes) {
        if (placed.count(name) == 0) {
          next = &table;
          break;
        }
      }
    }
    placed.insert(next->name);
    ordered.push_back(*next);
  }
  return ordered;
}

RowSelection::RowSelection(SQLite::Database& sql, const std::vector<TableShape>& tables,
                           const std::string& user)
    : user_(user) {
  sql.exec(
      "CREATE TEMP TABLE IF NOT EXISTS hearth_pick (tab TEXT NOT NULL, k NOT NULL, theirs INTEGER "
      "NOT NULL, PRIMARY KEY (tab, k)) WITHOUT ROWID");
  sql.exec("DELETE FROM temp.hearth_pick");
  const auto run = [&](const std::string& statement) {
    SQLite::Statement step(sql, statement);
    if (step.getBindParameterCount() > 0) step.bind(1, user);
    step.exec();
  };
  const auto picked = [](const TableShape& table, bool theirs_only) {
    return fmt::format("(SELECT k FROM temp.hearth_pick WHERE tab = '{}'{})", table.name,
                       theirs_only ? " AND theirs = 1" : "");
  };
  const auto insert = [](const TableShape& table, int theirs, const std::string& condition) {
    return fmt::format(
        "INSERT OR IGNORE INTO temp.hearth_pick SELECT '{}', {}, {} FROM {} WHERE {}", table.name,
        table.row_key(), theirs, quoted(table.name), condition);
  };
  std::map<std::string, const TableShape*> by_name;
  for (const TableShape& table : tables) by_name[table.name] = &table;
  const std::string players = "(SELECT id FROM players WHERE user_id = ?1)";

  // Theirs: the user, the rows that name them (or their player) as their owner, the ledger rows
  // of their accounts, the journal entries about them, and what belongs to those rows.
  for (const TableShape& table : tables) {
    if (table.name == "users") run(insert(table, 1, "id = ?1"));
    if (table.name == "transactions") {
      run(insert(table, 1,
                 "from_account_id IN (SELECT id FROM accounts WHERE user_id = ?1) OR "
                 "to_account_id IN (SELECT id FROM accounts WHERE user_id = ?1)"));
      continue;
    }
    if (table.name == "events") {
      run(insert(
          table, 1,
          fmt::format("actor = ?1 OR subject = ?1 OR actor IN {0} OR subject IN {0}", players)));
    }
    for (const ForeignKey& key : table.foreign_keys) {
      if (!owner_column(key.column) || !names_a_user(key)) continue;
      run(insert(table, 1,
                 fmt::format("{} {}", quoted(key.column),
                             key.parent == "users" ? "= ?1" : "IN " + players)));
    }
  }
  const auto changes = [&] { return sqlite3_total_changes64(sql.getHandle()); };
  const auto children_of = [&](bool theirs) {
    for (const TableShape& table : tables) {
      if (!impersonal(table)) continue;
      for (const ForeignKey& key : table.foreign_keys) {
        const TableShape& parent = *by_name.at(key.parent);
        run(insert(table, theirs ? 1 : 0,
                   fmt::format("{} IN (SELECT {} FROM {} WHERE {} IN {})", quoted(key.column),
                               quoted(key.parent_column), quoted(parent.name), parent.row_key(),
                               picked(parent, theirs))));
      }
    }
  };
  for (std::int64_t before = -1; before != changes();) {
    before = changes();
    children_of(true);
  }
  // References: every row a taken row points to, what belongs to those, and a team's members.
  for (const TableShape& table : tables) {
    if (table.name == "game_clock" || table.name == "random_state" || table.name == "rules") {
      run(insert(table, 0, "1"));
    }
  }
  for (std::int64_t before = -1; before != changes();) {
    before = changes();
    for (const TableShape& table : tables) {
      for (const ForeignKey& key : table.foreign_keys) {
        const TableShape& parent = *by_name.at(key.parent);
        run(insert(parent, 0,
                   fmt::format("{} IN (SELECT {} FROM {} WHERE {} IN {})",
                               quoted(key.parent_column), quoted(key.column), quoted(table.name),
                               table.row_key(), picked(table, false))));
      }
    }
    children_of(false);
    if (by_name.count("team_members") != 0) {
      run(insert(*by_name.at("team_members"), 0,
                 "team_id IN (SELECT id FROM teams WHERE rowid IN " +
                     picked(*by_name.at("teams"), false) + ")"));
    }
  }
}

std::string RowSelection::where(const TableShape& table, bool references) const {
  if (whole()) return references ? "0" : "1";
  return fmt::format("{} IN (SELECT k FROM temp.hearth_pick WHERE tab = '{}' AND theirs = {})",
                     table.row_key(), table.name, references ? 0 : 1);
}

bool RowSelection::personal(const std::string& column) {
  static const std::set<std::string> kPersonal = {"email",
                                                  "phone",
                                                  "country",
                                                  "password_hash",
                                                  "password_changed_at",
                                                  "paypal_subscription_id",
                                                  "subscription_tier",
                                                  "subscription_status",
                                                  "subscription_started_at",
                                                  "subscription_expires_at",
                                                  "last_login_at",
                                                  "login_locked_until"};
  return kPersonal.count(column) != 0;
}

}  // namespace hearth::inspector

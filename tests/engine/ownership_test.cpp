// Who writes what: every INSERT, UPDATE and DELETE in the engine's sources is checked against the
// ownership table in docs/architecture.md ("Who writes what"). A concern that writes a table (or,
// for players, a column) it does not own fails here, as does a table the document leaves out.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The owners of each table: the owner of its rows (and of columns not listed), and the owner of
// each listed column.
struct Owners {
  std::string rows;
  std::map<std::string, std::string> columns;
};

// Backticked names in a table cell.
std::vector<std::string> names(const std::string& cell) {
  std::vector<std::string> found;
  const std::regex name("`([a-z_/]+)`");
  for (auto it = std::sregex_iterator(cell.begin(), cell.end(), name); it != std::sregex_iterator();
       ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

std::map<std::string, Owners> ownership_table() {
  const std::string doc = read(fs::path(HEARTH_SOURCE_DIR) / "docs" / "architecture.md");
  const std::size_t start = doc.find("### Who writes what");
  BOOST_TEST_REQUIRE(start != std::string::npos);
  std::map<std::string, Owners> owners;
  std::istringstream lines(doc.substr(start));
  std::string line;
  bool in_table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("| table |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.rfind("|", 0) != 0) break;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    std::string cell;
    while (std::getline(row, cell, '|')) cells.push_back(cell);
    BOOST_TEST_REQUIRE(cells.size() >= 3u, line);
    const auto owner_names = names(cells[2]);
    const std::string owner = owner_names.empty() ? "—" : owner_names[0];
    const auto columns = names(cells[1]);
    for (const std::string& table : names(cells[0])) {
      Owners& entry = owners[table];
      if (columns.empty()) {
        BOOST_TEST(entry.rows.empty(), "two row owners for " << table);
        entry.rows = owner;
      } else {
        for (const std::string& column : columns) entry.columns[column] = owner;
      }
    }
  }
  return owners;
}

// The SQL text of a source file: its string literals (raw and plain), joined by spaces.
std::string sql_of(const std::string& source) {
  std::string sql;
  const std::regex literal(R"re(R"sql\(([\s\S]*?)\)sql"|"((?:[^"\\\n]|\\.)*)")re");
  for (auto it = std::sregex_iterator(source.begin(), source.end(), literal);
       it != std::sregex_iterator(); ++it) {
    sql += (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    sql += ' ';
  }
  return sql;
}

struct Write {
  std::string table;
  std::vector<std::string> columns;  // set by an UPDATE; empty for INSERT and DELETE
};

std::vector<Write> writes_in(const std::string& sql) {
  std::vector<Write> writes;
  const std::regex rows(
      R"(\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+([a-z_]+))");
  for (auto it = std::sregex_iterator(sql.begin(), sql.end(), rows); it != std::sregex_iterator();
       ++it) {
    // temp.*: the connection's own scratch tables, not the file's.
    if ((*it)[1].str() != "temp") writes.push_back({(*it)[1].str(), {}});
  }
  const std::regex update(
      R"(\bUPDATE\s+([a-z_]+)\s+SET\s+([\s\S]*?)(?:\bWHERE\b|\bRETURNING\b|$))");
  const std::regex assigned(R"((?:^|,)\s*([a-z_]+)\s*=(?!=))");
  for (auto it = std::sregex_iterator(sql.begin(), sql.end(), update); it != std::sregex_iterator();
       ++it) {
    Write write{(*it)[1].str(), {}};
    const std::string set = (*it)[2].str();
    for (auto column = std::sregex_iterator(set.begin(), set.end(), assigned);
         column != std::sregex_iterator(); ++column) {
      if ((*column)[1].str() != "updated_at") write.columns.push_back((*column)[1].str());
    }
    writes.push_back(std::move(write));
  }
  return writes;
}

// The concern of a source file: "standing/reputation" for engine/standing/reputation.cpp.
std::string concern_of(const fs::path& file, const fs::path& engine) {
  return fs::relative(file, engine).replace_extension().generic_string();
}

// A concern's files: "economy/ledger" is ledger.cpp and ledger_*.cpp (ledger_postings.cpp...);
// "core" is every file under core/.
bool owns(const std::string& owner, const std::string& concern) {
  return owner == concern || concern.rfind(owner + "/", 0) == 0 ||
         concern.rfind(owner + "_", 0) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ownership_test)

BOOST_AUTO_TEST_CASE(every_table_has_one_owner_in_the_document) {
  const auto owners = ownership_table();
  hearth::test::FreshGame fresh;
  // The engine's tables, but the migrations' bookkeeping.
  auto tables = hearth::core_of(fresh.game).read([](SQLite::Database& sql) {
    return hearth::test::table_names(sql);
  });
  std::erase(tables, "migrations_applied");
  for (const std::string& table : tables) {
    const auto found = owners.find(table);
    BOOST_TEST((found != owners.end() && !found->second.rows.empty()),
               table << " has no row owner in docs/architecture.md");
  }
  for (const auto& [table, owner] : owners) {
    BOOST_TEST(std::count(tables.begin(), tables.end(), table) == 1,
               table << " is in the document but not in the schema");
  }
}

BOOST_AUTO_TEST_CASE(no_concern_writes_what_another_owns) {
  const auto owners = ownership_table();
  const fs::path engine = fs::path(HEARTH_SOURCE_DIR) / "engine";
  int checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(engine)) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string concern = concern_of(entry.path(), engine);
    for (const Write& write : writes_in(sql_of(read(entry.path())))) {
      ++checked;
      const auto found = owners.find(write.table);
      BOOST_TEST_REQUIRE((found != owners.end()),
                         concern << " writes " << write.table << ", which has no owner");
      const Owners& owner = found->second;
      if (write.columns.empty()) {
        BOOST_TEST(owns(owner.rows, concern), concern << " inserts or deletes " << write.table
                                                      << " rows, which " << owner.rows << " owns");
        continue;
      }
      for (const std::string& column : write.columns) {
        const auto listed = owner.columns.find(column);
        const std::string& holder = listed == owner.columns.end() ? owner.rows : listed->second;
        BOOST_TEST(owns(holder, concern), concern << " sets " << write.table << "." << column
                                                  << ", which " << holder << " owns");
      }
    }
  }
  BOOST_TEST(checked > 30);  // the scan found the engine's writes at all
}

// The scanner itself: a write is found in the forms the engine uses.
BOOST_AUTO_TEST_CASE(a_concern_owns_its_files_and_no_others) {
  BOOST_TEST(owns("economy/ledger", "economy/ledger"));
  BOOST_TEST(owns("economy/ledger", "economy/ledger_postings"));
  BOOST_TEST(owns("core", "core/tick"));
  BOOST_TEST(!owns("economy/ledger", "economy/inventory"));
  BOOST_TEST(!owns("economy/ledger", "economy/ledgers"));
  BOOST_TEST(!owns("core", "coregame/x"));
}

BOOST_AUTO_TEST_CASE(the_scanner_finds_writes_and_their_columns) {
  const auto writes = writes_in(sql_of(R"cpp(
    prepare("INSERT OR IGNORE INTO pilots (a) VALUES (?)");
    prepare(
        "UPDATE players SET turns = ?1, "
        "settings = json_set(settings, '$.x', ?2), updated_at = ?3 WHERE id = ?4");
    prepare(R"sql(DELETE FROM ships WHERE owner_id = ?)sql");
  )cpp"));
  BOOST_TEST_REQUIRE(writes.size() == 3u);
  BOOST_TEST(writes[0].table == "pilots");
  BOOST_TEST(writes[1].table == "ships");
  BOOST_TEST(writes[2].table == "players");
  BOOST_TEST((writes[2].columns == std::vector<std::string>{"turns", "settings"}));
}

BOOST_AUTO_TEST_SUITE_END()

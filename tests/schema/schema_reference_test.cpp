// docs/schema.md ends with a reference of the live schema; this suite regenerates it from a fresh
// database and fails when the document is stale. HEARTH_UPDATE_DOCS=1 rewrites it instead.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "tests/support/database.h"

using namespace hearth;

namespace {

constexpr const char* kMarker =
    "<!-- generated: the schema_reference test regenerates everything below this line -->";

std::string cell(const std::string& text) { return text.empty() ? " " : "`" + text + "`"; }

// One section per table: its columns (type, NOT NULL, default, primary key) and its indexes.
std::string reference(SQLite::Database& sql) {
  std::ostringstream out;
  SQLite::Statement tables(sql,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                           "'sqlite_%' ORDER BY name");
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    out << "\n### " << table
        << "\n\n| column | type | not null | default | key |\n|---|---|---|---|---|\n";
    SQLite::Statement columns(sql,
                              "SELECT name, type, \"notnull\", ifnull(dflt_value, ''), pk "
                              "FROM pragma_table_info(?) ORDER BY cid");
    columns.bind(1, table);
    while (columns.executeStep()) {
      out << "| " << columns.getColumn(0).getString() << " | " << columns.getColumn(1).getString()
          << " | " << (columns.getColumn(2).getInt() ? "yes" : "") << " | "
          << cell(columns.getColumn(3).getString()) << " | "
          << (columns.getColumn(4).getInt() ? "PK" : "") << " |\n";
    }
    SQLite::Statement indexes(sql,
                              "SELECT il.name, il.\"unique\", il.partial, "
                              "(SELECT group_concat(ifnull(name, 'expr'), ', ') FROM "
                              "pragma_index_info(il.name)) FROM pragma_index_list(?) il "
                              "WHERE il.origin = 'c' ORDER BY il.name");
    indexes.bind(1, table);
    bool first = true;
    while (indexes.executeStep()) {
      out << (first ? "\nIndexes:\n" : "");
      first = false;
      out << "- `" << indexes.getColumn(0).getString() << "` (" << indexes.getColumn(3).getString()
          << ")" << (indexes.getColumn(1).getInt() ? " unique" : "")
          << (indexes.getColumn(2).getInt() ? " partial" : "") << "\n";
    }
  }
  return out.str();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(schema_reference_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(the_live_schema_reference_in_the_docs_is_current) {
  const std::filesystem::path path =
      std::filesystem::path(HEARTH_SOURCE_DIR) / "docs" / "schema.md";
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.good(), "cannot read " << path);
  const std::string document{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto marker = document.find(kMarker);
  BOOST_TEST_REQUIRE(marker != std::string::npos, "docs/schema.md lacks the generated marker");
  const std::string head = document.substr(0, marker + std::string(kMarker).size()) + "\n";
  const std::string expected = head + reference(sql);
  if (std::getenv("HEARTH_UPDATE_DOCS") != nullptr) {
    std::ofstream(path, std::ios::trunc) << expected;
    return;
  }
  BOOST_TEST(document == expected,
             "docs/schema.md is stale: run `HEARTH_UPDATE_DOCS=1 build/tests/hearth_tests "
             "--run_test=schema_reference_test` and commit the result");
}

BOOST_AUTO_TEST_SUITE_END()

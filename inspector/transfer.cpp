// hearth export, import and hash: a world or one user's rows as a JSON document, a new file made
// from one, and a hash of a file's game state.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include "engine/core/content_hash.h"
#include "schema/schema.h"
#include "storage/migrations.h"

#include "inspector/file.h"
#include "inspector/output.h"
#include "inspector/rows.h"
#include <openssl/evp.h>
#include <unistd.h>

namespace hearth::inspector {

namespace {

constexpr const char* kFormat = "hearth-export";
constexpr int kFormatVersion = 1;

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// The user `key` names (an id or a username), in the file.
std::string user_named(SQLite::Database& sql, const std::string& key) {
  SQLite::Statement find(sql, "SELECT id FROM users WHERE id = ?1 OR username = ?1");
  find.bind(1, key);
  if (!find.executeStep()) throw Failure(kRefused, fmt::format("No user is '{}'.", key));
  return find.getColumn(0).getString();
}

// The raw connection may write its temporary tables (the row selection), never the file: every
// statement here reads the file.
std::unique_ptr<storage::Database> open_for_selection(const Common& common) {
  auto db = open_sql(common);
  db->sql().exec("PRAGMA query_only = 0");
  db->sql().exec("PRAGMA temp_store = MEMORY");
  return db;
}

std::int64_t count_rows(SQLite::Database& sql, const std::vector<TableShape>& tables,
                        const RowSelection& selection) {
  std::int64_t total = 0;
  for (const TableShape& table : tables) {
    for (const bool references : {false, true}) {
      total += sql.execAndGet(fmt::format("SELECT count(*) FROM {} WHERE {}", quoted(table.name),
                                          selection.where(table, references)))
                   .getInt64();
    }
  }
  return total;
}

// Writes one section ("tables" or "references") of an export: each table with rows, its columns,
// then one row per line.
void write_section(std::FILE* out, SQLite::Database& sql, const std::vector<TableShape>& tables,
                   const RowSelection& selection, bool references, Progress& progress,
                   std::int64_t& done) {
  bool first_table = true;
  for (const TableShape& table : tables) {
    SQLite::Statement rows(sql, fmt::format("SELECT * FROM {} WHERE {} {}", quoted(table.name),
                                            selection.where(table, references), table.order_by()));
    bool first_row = true;
    while (rows.executeStep()) {
      if (first_row) {
        rapidjson::StringBuffer head;
        rapidjson::Writer<rapidjson::StringBuffer> names(head);
        names.StartArray();
        for (const std::string& column : table.columns) names.String(column.c_str());
        names.EndArray();
        std::fprintf(out, "%s\n  \"%s\": {\"columns\": %s, \"rows\": [", first_table ? "" : ",",
                     table.name.c_str(), head.GetString());
        first_table = false;
      }
      rapidjson::StringBuffer line;
      JsonWriter writer(line);
      writer.SetFormatOptions(rapidjson::kFormatSingleLineArray);
      writer.SetIndent(' ', 0);
      writer.StartArray();
      for (int i = 0; i < rows.getColumnCount(); ++i) {
        const bool hide = references && table.name == "users" &&
                          RowSelection::personal(table.columns[static_cast<std::size_t>(i)]);
        if (hide) {
          writer.Null();
        } else {
          write_json(writer, rows.getColumn(i));
        }
      }
      writer.EndArray();
      std::fprintf(out, "%s\n    %s", first_row ? "" : ",", line.GetString());
      first_row = false;
      progress.advance(++done);
    }
    if (!first_row) std::fprintf(out, "]}");
  }
}

// Binds a JSON value of an export to parameter `index`.
void bind_json(SQLite::Statement& insert, int index, const rapidjson::Value& value) {
  if (value.IsNull()) {
    insert.bind(index);
  } else if (value.IsInt64()) {
    insert.bind(index, value.GetInt64());
  } else if (value.IsNumber()) {
    insert.bind(index, value.GetDouble());
  } else if (value.IsString()) {
    insert.bind(index, std::string(value.GetString(), value.GetStringLength()));
  } else if (value.IsObject() && value.HasMember("base64") && value["base64"].IsString()) {
    const rapidjson::Value& text = value["base64"];
    std::string bytes(text.GetStringLength() / 4 * 3, '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                       reinterpret_cast<const unsigned char*>(text.GetString()),
                                       static_cast<int>(text.GetStringLength()));
    if (length < 0) throw Failure(kUsage, "A blob in the document is not valid base64.");
    const std::size_t padding = text.GetStringLength() >= 2
                                    ? (text.GetString()[text.GetStringLength() - 1] == '=') +
                                          (text.GetString()[text.GetStringLength() - 2] == '=')
                                    : 0;
    bytes.resize(static_cast<std::size_t>(length) - padding);
    insert.bind(index, bytes.data(), static_cast<int>(bytes.size()));
  } else {
    throw Failure(kUsage, "A value in the document is not a number, text, null or blob.");
  }
}

// Inserts one section of a document; references are merged over rows the new file has already
// (the migrations' reference data). Returns the rows inserted.
std::int64_t load_section(SQLite::Database& sql, const std::vector<TableShape>& tables,
                          const rapidjson::Value& section, bool merge, Progress& progress,
                          std::int64_t& done) {
  if (!section.IsObject()) throw Failure(kUsage, "The document's sections must be objects.");
  for (auto member = section.MemberBegin(); member != section.MemberEnd(); ++member) {
    const std::string name = member->name.GetString();
    if (std::none_of(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; })) {
      throw Failure(kUsage, fmt::format("The document has a table '{}' this file has not.", name));
    }
  }
  std::int64_t loaded = 0;
  for (const TableShape& table : tables) {
    const auto found = section.FindMember(table.name.c_str());
    if (found == section.MemberEnd()) continue;
    const rapidjson::Value& part = found->value;
    if (!part.IsObject() || !part.HasMember("columns") || !part["columns"].IsArray() ||
        !part.HasMember("rows") || !part["rows"].IsArray()) {
      throw Failure(
          kUsage, fmt::format("The document's table '{}' lacks its columns or rows.", table.name));
    }
    std::vector<std::string> columns;
    for (const auto& column : part["columns"].GetArray()) {
      columns.push_back(column.IsString() ? column.GetString() : "");
    }
    if (columns != table.columns) {
      throw Failure(
          kUsage,
          fmt::format("The document's table '{}' has the columns ({}); the file has ({}).",
                      table.name, fmt::join(columns, ", "), fmt::join(table.columns, ", ")));
    }
    std::vector<std::string> names;
    std::vector<std::string> updates;
    for (const std::string& column : columns) {
      names.push_back(quoted(column));
      updates.push_back(quoted(column) + " = excluded." + quoted(column));
    }
    std::string statement =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", quoted(table.name), fmt::join(names, ", "),
                    fmt::join(std::vector<std::string>(columns.size(), "?"), ", "));
    if (merge) statement += fmt::format(" ON CONFLICT DO UPDATE SET {}", fmt::join(updates, ", "));
    SQLite::Statement insert(sql, statement);
    for (const auto& row : part["rows"].GetArray()) {
      if (!row.IsArray() || row.Size() != columns.size()) {
        throw Failure(kUsage, fmt::format("A row of table '{}' in the document does not have its "
                                          "{} columns.",
                                          table.name, columns.size()));
      }
      insert.reset();
      for (rapidjson::SizeType i = 0; i < row.Size(); ++i) {
        bind_json(insert, static_cast<int>(i) + 1, row[i]);
      }
      try {
        insert.exec();
      } catch (const SQLite::Exception& error) {
        throw Failure(kViolations, fmt::format("A row of table '{}' cannot be imported: {}.",
                                               table.name, error.what()));
      }
      ++loaded;
      progress.advance(++done);
    }
  }
  return loaded;
}

// An account the document carries as a reference keeps the balance it had; ledger rows of the
// account's user that reached it are in the file, the rest of its history is not. One row
// (type IMPORT_OPENING) from the currency's "import" system account makes up the difference, so
// that every balance is its rows' sum and each currency still sums to zero.
void open_reference_accounts(SQLite::Database& sql, const rapidjson::Value& references) {
  if (!references.HasMember("accounts")) return;
  const GameTime now = sql.execAndGet("SELECT reached_at FROM game_clock WHERE id = 1").getInt64();
  for (const auto& row : references["accounts"]["rows"].GetArray()) {
    const std::int64_t id = row[0].GetInt64();
    SQLite::Statement account(sql, R"sql(
      SELECT a.currency_id, a.balance - ifnull((SELECT sum(CASE WHEN t.to_account_id = a.id
                                                             THEN t.amount ELSE -t.amount END)
                                                FROM transactions t WHERE t.confirmed = 1
                                                AND a.id IN (t.from_account_id, t.to_account_id)), 0)
      FROM accounts a WHERE a.id = ?)sql");
    account.bind(1, id);
    account.executeStep();
    const std::int64_t currency = account.getColumn(0).getInt64();
    const std::int64_t difference = account.getColumn(1).getInt64();
    if (difference == 0) continue;
    SQLite::Statement insert_account(sql,
                                     "INSERT INTO accounts (currency_id, owner_kind, system_name, "
                                     "balance, allow_negative, created_at, updated_at) "
                                     "VALUES (?1, 'system', 'import', 0, 1, ?2, ?2) "
                                     "ON CONFLICT DO NOTHING");
    insert_account.bind(1, currency);
    insert_account.bind(2, now);
    insert_account.exec();
    SQLite::Statement find(sql,
                           "SELECT id FROM accounts WHERE system_name = 'import' AND "
                           "currency_id = ?");
    find.bind(1, currency);
    find.executeStep();
    const std::int64_t opening = find.getColumn(0).getInt64();
    SQLite::Statement row_insert(sql, R"sql(
      INSERT INTO transactions (currency_id, from_account_id, to_account_id, amount, type,
                                description, confirmed, automated, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, 'IMPORT_OPENING', 'The balance beyond the imported rows', 1, 1,
              ?5, ?5))sql");
    row_insert.bind(1, currency);
    row_insert.bind(2, difference > 0 ? opening : id);
    row_insert.bind(3, difference > 0 ? id : opening);
    row_insert.bind(4, difference > 0 ? difference : -difference);
    row_insert.bind(5, now);
    row_insert.exec();
    SQLite::Statement debit(sql, "UPDATE accounts SET balance = balance - ? WHERE id = ?");
    debit.bind(1, difference);
    debit.bind(2, opening);
    debit.exec();
  }
}

void remove_file(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ignored;
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

int export_world(const Common& common, const std::optional<std::string>& user,
                 const std::string& out_path) {
  auto db = open_for_selection(common);
  SQLite::Database& sql = db->sql();
  if (storage::pending(*db, engine_migrations()).size() != 0) {
    throw Failure(kFileRefused, fmt::format("'{}' needs migrating; run `hearth migrate up {}` "
                                            "first.",
                                            common.file, common.file));
  }
  SQLite::Transaction snapshot(sql);  // one consistent snapshot, however long the export
  const std::vector<TableShape> tables = game_tables(sql);
  const std::string id = user ? user_named(sql, *user) : std::string();
  const RowSelection selection = user ? RowSelection(sql, tables, id) : RowSelection();
  const std::string temporary = out_path + ".part";
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr) throw Failure(kStorage, fmt::format("Cannot write '{}'.", temporary));
  std::int64_t done = 0;
  try {
    Progress progress("export", count_rows(sql, tables, selection), "rows");
    std::fprintf(out,
                 "{\"format\": \"%s\", \"version\": %d, \"schema_version\": %d, \"scope\": "
                 "\"%s\", \"user\": %s,\n\"tables\": {",
                 kFormat, kFormatVersion, storage::schema_version(*db), user ? "user" : "world",
                 user ? ("\"" + id + "\"").c_str() : "null");
    write_section(out, sql, tables, selection, false, progress, done);
    std::fprintf(out, "},\n\"references\": {");
    if (user) write_section(out, sql, tables, selection, true, progress, done);
    std::fprintf(out, "}}\n");
  } catch (...) {
    std::fclose(out);
    std::filesystem::remove(temporary);  // a failed export leaves nothing behind
    rethrow_as_failure();
  }
  const bool written = std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  std::fclose(out);
  if (!written) {
    std::filesystem::remove(temporary);
    throw Failure(kStorage, fmt::format("Cannot write '{}' (is the disk full?).", temporary));
  }
  std::filesystem::rename(temporary, out_path);
  fmt::print(stderr, "exported {} rows to '{}'.\n", done, out_path);
  return kOk;
}

int import_world(const Common& common, const std::string& in_path) {
  std::error_code missing;
  if (std::filesystem::exists(common.file, missing)) {
    throw Failure(kUsage, fmt::format("'{}' exists: hearth import makes a new game file; name one "
                                      "that does not exist.",
                                      common.file));
  }
  std::ifstream in(in_path, std::ios::binary);
  if (!in) throw Failure(kMissing, fmt::format("Cannot read '{}'.", in_path));
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document document;
  document.Parse(text.str().c_str(), text.str().size());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("format") ||
      !document["format"].IsString() || document["format"].GetString() != std::string(kFormat)) {
    throw Failure(kUsage, fmt::format("'{}' is not a Hearth export.", in_path));
  }
  const auto number = [&](const char* name) {
    if (!document.HasMember(name) || !document[name].IsInt()) {
      throw Failure(kUsage, fmt::format("'{}' lacks its \"{}\".", in_path, name));
    }
    return document[name].GetInt();
  };
  const int known = static_cast<int>(schema::files().size());
  if (number("version") > kFormatVersion || number("schema_version") > known) {
    throw Failure(kFileRefused,
                  fmt::format("'{}' was written by a newer version of Hearth (schema version {}; "
                              "this build knows up to {}).",
                              in_path, number("schema_version"), known));
  }
  if (number("version") < 1 || number("schema_version") < 1 || !document.HasMember("tables") ||
      !document.HasMember("references")) {
    throw Failure(kUsage, fmt::format("'{}' is not a Hearth export.", in_path));
  }
  const bool whole = document.HasMember("scope") && document["scope"] == "world";
  const std::string temporary = common.file + ".importing";
  remove_file(temporary);
  std::int64_t done = 0;
  try {
    storage::OpenOptions options;
    options.application_id = kApplicationId;
    storage::Database db(temporary, options);
    // The document's schema first; the rows go in as they were, then later migrations follow.
    std::vector<storage::MigrationSet> sets = engine_migrations();
    sets[0].steps.resize(static_cast<std::size_t>(number("schema_version")));
    storage::migrate(db, sets);
    SQLite::Database& sql = db.sql();
    sql.exec("PRAGMA foreign_keys = OFF");  // every reference is checked once all rows are in
    const std::vector<TableShape> tables = game_tables(sql);
    {
      SQLite::Transaction load(sql, SQLite::TransactionBehavior::IMMEDIATE);
      std::int64_t total = 0;
      for (const char* section : {"references", "tables"}) {
        if (!document[section].IsObject()) continue;
        for (const auto& table : document[section].GetObject()) {
          if (table.value.IsObject() && table.value.HasMember("rows") &&
              table.value["rows"].IsArray()) {
            total += table.value["rows"].Size();
          }
        }
      }
      Progress progress("import", total, "rows");
      if (whole) {
        for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
          sql.exec("DELETE FROM " + quoted(table->name));
        }
      }
      load_section(sql, tables, document["references"], true, progress, done);
      load_section(sql, tables, document["tables"], false, progress, done);
      if (!whole) open_reference_accounts(sql, document["references"]);
      SQLite::Statement keys(sql, "PRAGMA foreign_key_check");
      std::vector<std::string> broken;
      while (keys.executeStep()) {
        broken.push_back(fmt::format("a row of {} points to a missing row of {}",
                                     keys.getColumn(0).getString(), keys.getColumn(2).getString()));
      }
      if (!broken.empty()) {
        throw Failure(kViolations, fmt::format("'{}' cannot be imported: {}.", in_path,
                                               fmt::join(broken, "; ")));
      }
      load.commit();
    }
    storage::migrate(db, engine_migrations());
  } catch (...) {
    remove_file(temporary);
    rethrow_as_failure();
  }
  // The engine's invariants on the new file, before it takes its name.
  std::vector<Violation> found;
  try {
    Common made = common;
    made.file = temporary;
    found = open_reading(made).check();
  } catch (...) {
    remove_file(temporary);
    throw;
  }
  if (!found.empty()) {
    remove_file(temporary);
    for (const Violation& violation : found) {
      fmt::print("{}: {}\n", violation.rule, violation.detail);
    }
    throw Failure(kViolations, fmt::format("'{}' cannot be imported: {} invariant{} would not "
                                           "hold.",
                                           in_path, found.size(), found.size() == 1 ? "" : "s"));
  }
  // link() fails when the name was taken meanwhile: the import never replaces a file.
  if (::link(temporary.c_str(), common.file.c_str()) != 0) {
    remove_file(temporary);
    throw Failure(kStorage, fmt::format("Cannot create '{}'.", common.file));
  }
  remove_file(temporary);
  fmt::print(stderr, "imported {} rows into '{}'.\n", done, common.file);
  return kOk;
}

int hash(const Common& common, const std::optional<std::string>& user) {
  auto db = open_for_selection(common);
  SQLite::Database& sql = db->sql();
  SQLite::Transaction snapshot(sql);
  std::vector<TableShape> tables = game_tables(sql);
  const std::string id = user ? user_named(sql, *user) : std::string();
  const RowSelection selection = user ? RowSelection(sql, tables, id) : RowSelection();
  std::sort(tables.begin(), tables.end(),
            [](const TableShape& a, const TableShape& b) { return a.name < b.name; });
  ContentHash digest;
  Progress progress("hash", count_rows(sql, tables, selection), "rows");
  std::int64_t done = 0;
  for (const TableShape& table : tables) {
    std::vector<std::string> columns;
    std::vector<std::string> select;
    for (const std::string& column : table.columns) {
      if (!hashed_column(table.name, column)) continue;
      columns.push_back(column);
      select.push_back(quoted(column));
    }
    digest.table(table.name, columns);
    SQLite::Statement rows(
        sql, fmt::format("SELECT {} FROM {} WHERE {} {}", fmt::join(select, ", "),
                         quoted(table.name), selection.where(table, false), table.order_by()));
    while (rows.executeStep()) {
      digest.row(rows);
      progress.advance(++done);
    }
  }
  const std::string hex = digest.hex();
  if (common.json) {
    fmt::print("{{\"sha256\": \"{}\", \"rows\": {}, \"user\": {}}}\n", hex, done,
               user ? "\"" + id + "\"" : std::string("null"));
  } else {
    fmt::print("{}  {}\n", hex, common.file);
  }
  return kOk;
}

}  // namespace hearth::inspector

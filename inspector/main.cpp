// hearth: the command-line inspector for game files (docs/inspector.md).
#include <functional>
#include <iostream>

#include <fmt/core.h>

#include "inspector/file.h"
#include "inspector/inspector.h"
#include <CLI/CLI.hpp>

using namespace hearth::inspector;

namespace {

// Runs one command; a failure is one sentence on standard error and its exit status.
int guarded(const std::function<int()>& command) {
  try {
    try {
      return command();
    } catch (const Failure&) {
      throw;
    } catch (...) {
      rethrow_as_failure();
    }
  } catch (const Failure& failure) {
    std::fflush(stdout);
    fmt::print(stderr, "hearth: {}\n", failure.what());
    return failure.status();
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hearth: look into, check, copy, move and repair Hearth game files."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hearth " HEARTH_VERSION);
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    return fmt::format("hearth: {} (see --help)\n", error.what());
  });
  Common common;
  int status = kOk;
  const auto file = [&](CLI::App* command) {
    command->add_option("file", common.file, "The game file")->required();
    command
        ->add_option("--busy-timeout", common.busy_timeout_ms,
                     "Milliseconds to wait for another process's lock (default 5000)")
        ->check(CLI::Range(0, 3600000));
  };
  const auto json = [&](CLI::App* command) {
    command->add_flag("--json", common.json, "Print JSON instead of text");
  };
  const auto on = [&](CLI::App* command, std::function<int()> run) {
    command->callback([&status, run] { status = guarded(run); });
  };

  auto* info_command = app.add_subcommand(
      "info", "Schema version and migrations, rules in force, game time, counts, sizes");
  file(info_command);
  json(info_command);
  on(info_command, [&] { return info(common); });

  auto* check_command = app.add_subcommand(
      "check",
      "SQLite's integrity and foreign keys, and every engine invariant; exit 1 if any "
      "is broken");
  file(check_command);
  json(check_command);
  on(check_command, [&] { return check(common); });

  auto* space_command = app.add_subcommand("space", "Disk use per table and index");
  file(space_command);
  json(space_command);
  on(space_command, [&] { return space(common); });

  auto* migrate_command = app.add_subcommand("migrate", "What migrations would run; run them");
  migrate_command->require_subcommand(1);
  auto* status_command = migrate_command->add_subcommand("status", "The migrations to apply");
  file(status_command);
  on(status_command, [&] { return migrate_status(common); });
  auto* up_command =
      migrate_command->add_subcommand("up", "Apply them, after copying the file as it was");
  file(up_command);
  on(up_command, [&] { return migrate_up(common); });

  std::string sql;
  auto* query_command = app.add_subcommand("query", "Run one read-only SQL statement");
  file(query_command);
  query_command->add_option("sql", sql, "The statement (a write is refused)")->required();
  json(query_command);
  on(query_command, [&] { return query(common, sql); });

  std::string kind;
  std::string key;
  auto* show_command = app.add_subcommand("show", "One user, player, team or trade, readable");
  file(show_command);
  show_command->add_option("kind", kind, "user, player, team or trade")
      ->required()
      ->check(CLI::IsMember({"user", "player", "team", "trade"}));
  show_command->add_option("id", key, "Its id (or a username, or a team's name)")->required();
  json(show_command);
  on(show_command, [&] { return show(common, kind, key); });

  std::int64_t since = 0;
  bool follow = false;
  int limit = 0;
  auto* events_command = app.add_subcommand("events", "The journal, oldest first");
  file(events_command);
  events_command->add_option("--since", since, "Only entries after this id")
      ->check(CLI::NonNegativeNumber);
  events_command->add_option("--limit", limit, "At most this many (before following)")
      ->check(CLI::NonNegativeNumber);
  events_command->add_flag("--follow", follow,
                           "Then print new entries as other processes commit them, until "
                           "interrupted");
  json(events_command);
  on(events_command, [&] { return events(common, since, follow, limit); });

  std::optional<std::string> user;
  std::string path;
  auto* export_command = app.add_subcommand(
      "export", "The whole world, or one user with everything that is theirs, as JSON");
  file(export_command);
  export_command->add_option("out", path, "The JSON file to write")->required();
  export_command->add_option("--user", user, "One user (id or username)");
  on(export_command, [&] { return export_world(common, user, path); });

  auto* import_command = app.add_subcommand(
      "import", "Make a new game file from an export, checking every invariant first");
  file(import_command);
  import_command->add_option("in", path, "The export to read")->required();
  on(import_command, [&] { return import_world(common, path); });

  auto* backup_command = app.add_subcommand("backup", "A consistent copy, while others play");
  file(backup_command);
  backup_command->add_option("out", path, "The copy")->required();
  on(backup_command, [&] { return backup(common, path); });

  std::string to;
  auto* advance_command =
      app.add_subcommand("advance", "Move game time forward, applying every rule on the way");
  file(advance_command);
  advance_command->add_option("to", to, "A date (2026-03-01T10:00:00Z) or +DURATION (+3d)")
      ->required();
  on(advance_command, [&] { return hearth::inspector::advance(common, to); });

  std::string action = "get";
  auto* rules_command = app.add_subcommand("rules", "Print the rules in force, or set them");
  file(rules_command);
  rules_command->add_option("action", action, "get (the default) or set")
      ->check(CLI::IsMember({"get", "set"}));
  rules_command->add_option("rules", path, "For set: a JSON file of rules (validated)");
  on(rules_command, [&] {
    if (action == "get") return rules_get(common);
    if (path.empty()) throw Failure(kUsage, "hearth rules FILE set needs a JSON file of rules.");
    return rules_set(common, path);
  });

  auto* hash_command = app.add_subcommand(
      "hash", "A hash of the game state, the same for the same state whatever the file's layout");
  file(hash_command);
  hash_command->add_option("--user", user, "Only that user's rows (id or username)");
  json(hash_command);
  on(hash_command, [&] { return hash(common, user); });

  std::string moderator;
  std::string reason;
  std::optional<std::string> length;
  auto* ban_command = app.add_subcommand("ban", "Ban a user, as a moderator would");
  file(ban_command);
  ban_command->add_option("user", key, "The user (id or username)")->required();
  ban_command->add_option("--by", moderator, "The moderator (id or username)")->required();
  ban_command->add_option("--reason", reason, "Why, for the user to read")->required();
  ban_command->add_option("--for", length, "How long (2h, 3d); none: until lifted");
  on(ban_command, [&] { return ban(common, key, moderator, reason, length); });

  auto* unban_command = app.add_subcommand("unban", "Lift every ban in force on a user");
  file(unban_command);
  unban_command->add_option("user", key, "The user (id or username)")->required();
  unban_command->add_option("--by", moderator, "The moderator (id or username)")->required();
  on(unban_command, [&] { return unban(common, key, moderator); });

  auto* reset_command = app.add_subcommand(
      "reset-password", "Set a user's password (read from standard input) and end their log-ins");
  file(reset_command);
  reset_command->add_option("user", key, "The user (id or username)")->required();
  on(reset_command, [&] {
    std::string password;
    if (!std::getline(std::cin, password)) {
      throw Failure(kUsage, "hearth reset-password reads the new password from standard input.");
    }
    return reset_password(common, key, password);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kOk : kUsage;
  }
  return status;
}

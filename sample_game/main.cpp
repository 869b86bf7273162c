// The sample game: a small space-trading game on Hearth, for one pilot or several taking turns
// at one keyboard, all in one save file.
//
//   sample_game [--db PATH] [--script FILE] [--start-time EPOCH_MS] [--seed N]
//   sample_game [--db PATH] --host ADDR:PORT     serve the save to other terminals and machines
//   sample_game --connect ADDR:PORT [--script FILE]  play on someone's host
//
// Interactive with a prompt when standard input is a terminal; otherwise (or with --script) it
// reads commands line by line and prints the same output, each command echoed after its prompt.
// --start-time fixes the clock's base (game time then moves only with `wait`) and --seed the
// random generator of a new save, so that a script prints the same thing on every run.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "sample_game/commands.h"
#include "sample_game/galaxy.h"
#include "sample_game/game_clock.h"
#include "sample_game/remote.h"
#include "sample_game/session.h"
#include "sample_game/waiting.h"

#include "hearth/game.h"
#include "hearth/host/host.h"
#include <unistd.h>

namespace {

constexpr const char* kUsage =
    "usage: sample_game [--db PATH] [--script FILE] [--start-time EPOCH_MS] [--seed N]\n"
    "       sample_game [--db PATH] --host ADDR:PORT\n"
    "       sample_game --connect ADDR:PORT [--script FILE]\n";

struct Arguments {
  std::string db = "sample_game.hearth";
  std::string script;
  std::optional<hearth::GameTime> start_time;
  std::optional<std::uint64_t> seed;
  std::string host;     // serve the save here
  std::string connect;  // play on the host there
};

std::optional<std::int64_t> number(const char* text) {
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || value < 0) return std::nullopt;
  return value;
}

std::optional<Arguments> parse(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--db") == 0 && has_value) {
      arguments.db = argv[++i];
    } else if (std::strcmp(argv[i], "--script") == 0 && has_value) {
      arguments.script = argv[++i];
    } else if (std::strcmp(argv[i], "--host") == 0 && has_value) {
      arguments.host = argv[++i];
    } else if (std::strcmp(argv[i], "--connect") == 0 && has_value) {
      arguments.connect = argv[++i];
    } else if (std::strcmp(argv[i], "--start-time") == 0 && has_value) {
      arguments.start_time = number(argv[++i]);
      if (!arguments.start_time) return std::nullopt;
    } else if (std::strcmp(argv[i], "--seed") == 0 && has_value) {
      const auto seed = number(argv[++i]);
      if (!seed) return std::nullopt;
      arguments.seed = static_cast<std::uint64_t>(*seed);
    } else {
      return std::nullopt;
    }
  }
  if (!arguments.host.empty() && !arguments.connect.empty()) return std::nullopt;
  return arguments;
}

// One line for stderr: an error message may span several.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hearth;
  using namespace hearth::sample_game;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      fmt::print("{}", kUsage);
      return 0;
    }
  }
  const auto arguments = parse(argc, argv);
  if (!arguments) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  std::ifstream script;
  if (!arguments->script.empty()) {
    script.open(arguments->script);
    if (!script) {
      fmt::print(stderr, "Cannot read the script '{}'.\n", arguments->script);
      return 1;
    }
  }
  std::istream& in = arguments->script.empty() ? std::cin : script;
  const bool interactive = arguments->script.empty() && ::isatty(STDIN_FILENO);
  if (!arguments->connect.empty()) return play_remote(arguments->connect, in, interactive);

  // A script runs on a clock that stands still at its start (game time then moves only with
  // `wait`), so it prints the same thing on every run.
  std::shared_ptr<const Clock> clock;
  if (arguments->start_time) {
    clock = std::make_shared<ManualClock>(*arguments->start_time);
  } else {
    clock = std::make_shared<SystemClock>();
  }
  std::optional<Game> game;
  try {
    GameOptions options;
    options.path = arguments->db;
    options.clock = clock;
    options.rules = game_rules();
    options.seed = arguments->seed;
    options.game_name = "sample_game";
    options.migrations = Galaxy::migrations();
    game.emplace(std::move(options));
  } catch (const Error& error) {
    fmt::print(stderr, "Cannot open the save '{}': {}\n", arguments->db, one_line(error.what()));
    return 1;
  }

  if (!arguments->host.empty()) {
    try {
      Session session(*game);
      session.galaxy.define_places();
      host::HostOptions options;
      options.listen = arguments->host;
      host::Host server(*game, options);
      fmt::print("Hearth sample game - serving save {} on {}\n", arguments->db, server.address());
      fmt::print("Players join with: sample_game --connect {}\n", server.address());
      std::fflush(stdout);
      server.run();
    } catch (const Error& error) {
      fmt::print(stderr, "The host failed: {}\n", one_line(error.what()));
      return 1;
    }
    return 0;
  }

  try {
    Session session(*game);
    session.galaxy.define_places();
    catch_up(session);
    fmt::print("Hearth sample game - save {} - {}\n", arguments->db, format_time(game->now()));
    greet(session);
    std::string line;
    while (true) {
      fmt::print("{}", prompt(session));
      std::fflush(stdout);
      if (!std::getline(in, line)) {
        fmt::print("\n");
        break;
      }
      // Every prompt takes the line without surrounding spaces and without a Windows "\r".
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.pop_back();
      }
      line.erase(0, line.find_first_not_of(" \t"));
      if (!interactive) fmt::print("{}\n", line);
      if (!run_line(session, line)) break;
    }
  } catch (const Error& error) {
    fmt::print(stderr, "The save '{}' failed: {}\n", arguments->db, one_line(error.what()));
    return 1;
  }
  return 0;
}

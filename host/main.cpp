// hearth_host: serves a game file to players on the local network (docs/lan.md).
//
//   hearth_host --db FILE [--listen ADDR:PORT] [--owner NAME] [--max-players N]
//               [--max-body BYTES] [--rate N] [--burst N] [--idle-timeout MS] [--durability
//               full|normal]
//
// Prints "listening on ADDR:PORT" once it accepts connections; SIGINT or SIGTERM stops it
// cleanly (commands in flight finish, the sessions end, the file is closed).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "hearth/core/error.h"
#include "hearth/game.h"
#include "hearth/host/host.h"

namespace {

constexpr const char* kUsage =
    "usage: hearth_host --db FILE [--listen ADDR:PORT] [--owner NAME] [--max-players N]\n"
    "                   [--max-body BYTES] [--rate N] [--burst N] [--idle-timeout MS]\n"
    "                   [--durability full|normal]\n";

std::optional<long long> number(const char* text, long long least) {
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || value < least) return std::nullopt;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hearth;
  GameOptions game_options;
  game_options.path.clear();
  host::HostOptions options;
  options.listen = "0.0.0.0:7777";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (i + 1 >= argc) {
      fmt::print(stderr, "{}", kUsage);
      return 2;
    }
    const char* value = argv[++i];
    std::optional<long long> n;
    if (flag == "--db") {
      game_options.path = value;
    } else if (flag == "--listen") {
      options.listen = value;
    } else if (flag == "--owner") {
      options.owner = value;
    } else if (flag == "--durability" && std::strcmp(value, "full") == 0) {
      game_options.durability = Durability::Full;
    } else if (flag == "--durability" && std::strcmp(value, "normal") == 0) {
      game_options.durability = Durability::Normal;
    } else if (flag == "--max-players" && (n = number(value, 1))) {
      options.max_players = *n;
    } else if (flag == "--max-body" && (n = number(value, 1))) {
      options.max_body = static_cast<std::size_t>(*n);
    } else if (flag == "--rate" && (n = number(value, 1))) {
      options.rate = static_cast<double>(*n);
    } else if (flag == "--burst" && (n = number(value, 1))) {
      options.burst = static_cast<double>(*n);
    } else if (flag == "--idle-timeout" && (n = number(value, 1))) {
      options.idle_timeout = std::chrono::milliseconds(*n);
    } else {
      fmt::print(stderr, "hearth_host: bad argument {} {}\n{}", flag, value, kUsage);
      return 2;
    }
  }
  if (game_options.path.empty()) {
    fmt::print(stderr, "hearth_host: --db FILE is required\n{}", kUsage);
    return 2;
  }
  try {
    Game game(game_options);
    host::Host server(game, options);
    fmt::print("listening on {}\n", server.address());
    std::fflush(stdout);
    server.run();
    fmt::print("stopped\n");
  } catch (const Error& error) {
    fmt::print(stderr, "hearth_host: {}\n", error.what());
    return 1;
  }
  return 0;
}

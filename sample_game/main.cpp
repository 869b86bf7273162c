// The sample game: for now it opens (or creates) a save file and answers `status` and `quit`.
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <fmt/core.h>

#include "engine/game.h"

int main(int argc, char** argv) {
  std::string db = "sample_game.hearth";
  std::string script;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      db = argv[++i];
    } else if (std::strcmp(argv[i], "--script") == 0 && i + 1 < argc) {
      script = argv[++i];
    } else {
      fmt::print(stderr, "usage: sample_game [--db PATH] [--script FILE]\n");
      return 2;
    }
  }
  try {
    hearth::GameOptions options;
    options.path = db;
    hearth::Game game(options);
    std::ifstream file;
    if (!script.empty()) {
      file.open(script);
      if (!file) {
        fmt::print(stderr, "Cannot read the script '{}'.\n", script);
        return 1;
      }
    }
    std::istream& in = script.empty() ? std::cin : file;
    std::string line;
    while (std::getline(in, line)) {
      if (line == "quit") break;
      if (line == "status") {
        fmt::print("save file {} (schema version {})\n", db, game.schema_version());
      } else if (!line.empty()) {
        fmt::print("Unknown command '{}'. Try: status, quit.\n", line);
      }
    }
  } catch (const hearth::Error& error) {
    fmt::print(stderr, "{}\n", error.what());
    return 1;
  }
  return 0;
}

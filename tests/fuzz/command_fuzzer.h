// The command fuzzer: every command in the registry (hearth/core/commands.h), driven with
// generated arguments — valid ones and every class of bad input — in random sequences with random
// clock steps, on a small world. After each call it checks the engine's promises: only a result,
// a refusal or hearth::Error comes out; a refusal or an error leaves every row as it was; every
// invariant (Game::check) holds. Commands added to the registry are fuzzed without editing this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::fuzz {

struct FuzzReport {
  std::int64_t calls = 0;
  std::int64_t committed = 0;
  std::int64_t refused = 0;
  std::int64_t errors = 0;               // hearth::Error thrown (and nothing written)
  std::vector<std::string> failures;     // broken promises, one sentence each
  std::vector<std::string> never_ran;    // registered commands this run never got to commit
  std::vector<std::string> error_kinds;  // "command: message" of each distinct error (at most 20)
};

// One run: a new world, `steps` calls drawn from `seed`. The same seed makes the same calls.
FuzzReport fuzz_commands(std::uint64_t seed, int steps);

}  // namespace hearth::fuzz

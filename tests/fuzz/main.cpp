// hearth_fuzz: the command fuzzer as a program, for a soak.
// Usage: hearth_fuzz [--seed FIRST] [--steps N] [--seconds T]
//   Runs seeds FIRST, FIRST + 1, … (N calls each, 1000 by default) until T seconds have passed
//   (one seed when T is 0); prints each broken promise and a summary; exits 1 if any was broken.
#include <chrono>
#include <cstring>
#include <string>

#include <fmt/core.h>

#include "tests/fuzz/command_fuzzer.h"

int main(int argc, char** argv) {
  std::uint64_t seed = 1;
  int steps = 1000;
  double seconds = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seed") == 0) seed = std::stoull(argv[i + 1]);
    if (std::strcmp(argv[i], "--steps") == 0) steps = std::stoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::stod(argv[i + 1]);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::int64_t calls = 0, committed = 0, refused = 0, errors = 0, broken = 0, seeds = 0;
  do {
    const hearth::fuzz::FuzzReport report = hearth::fuzz::fuzz_commands(seed++, steps);
    ++seeds;
    calls += report.calls;
    committed += report.committed;
    refused += report.refused;
    errors += report.errors;
    broken += static_cast<std::int64_t>(report.failures.size());
    for (const std::string& failure : report.failures) fmt::print("BROKEN {}\n", failure);
    for (const std::string& kind : report.error_kinds) fmt::print("error {}\n", kind);
  } while (elapsed() < seconds);
  fmt::print(
      "{} seeds, {} calls: {} committed, {} refused, {} errors; {} promises broken, in {:.0f} s\n",
      seeds, calls, committed, refused, errors, broken, elapsed());
  return broken == 0 ? 0 : 1;
}

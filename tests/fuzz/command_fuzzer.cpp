#include "tests/fuzz/command_fuzzer.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <random>
#include <set>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/fuzz/command_generator.h"
#include "tests/support/fixtures.h"
#include "tests/support/world.h"

#include "hearth/core/commands.h"

namespace hearth::fuzz {

FuzzReport fuzz_commands(std::uint64_t seed, int steps) {
  FuzzReport report;
  auto clock = std::make_shared<ManualClock>(kStart);
  GameOptions options;
  options.clock = clock;
  options.seed = seed;
  Game game(options);
  const test::SmallWorld world = test::build_small_world(game);
  Generator generate(seed, world);
  const std::vector<CommandSpec>& specs = command_specs();
  std::set<std::string> committed_names;
  const auto fail = [&](const std::string& what) {
    if (report.failures.size() < 20) report.failures.push_back(what);
  };
  for (int step = 0; step < steps; ++step) {
    // Time moves on now and then (up to three days), and the world catches up first, so that
    // what follows is the command's own doing.
    if (generate.chance(20)) {
      clock->advance(generate.below(3 * kDay));
      game.tick();
    }
    const auto [actor, name, arguments] = generate.next();
    const std::string call = fmt::format("seed {} step {}: {} as {} with {:.200}", seed, step, name,
                                         actor.value(), arguments);
    const std::string before = test::snapshot(game);
    ++report.calls;
    bool wrote_nothing_expected = true;
    try {
      const CommandAnswer answer = run_command(game, actor, name, arguments);
      if (answer.ok()) {
        ++report.committed;
        committed_names.insert(name);
        wrote_nothing_expected = false;
      } else {
        ++report.refused;
        if (answer.detail.empty()) fail(call + ": a refusal without a sentence");
      }
    } catch (const Error& error) {
      ++report.errors;
      const std::string kind = name + ": " + error.what();
      if (report.error_kinds.size() < 20 &&
          std::find(report.error_kinds.begin(), report.error_kinds.end(), kind) ==
              report.error_kinds.end()) {
        report.error_kinds.push_back(kind);
      }
    } catch (const std::exception& other) {
      fail(call + ": threw something other than hearth::Error: " + other.what());
    } catch (...) {
      fail(call + ": threw something other than an exception");
    }
    if (wrote_nothing_expected && test::snapshot(game) != before) {
      fail(call + ": refused (or failed) but changed the file");
    }
    for (const Violation& violation : game.check()) {
      fail(call + ": broke " + violation.rule + ": " + violation.detail);
    }
  }
  for (const CommandSpec& spec : specs) {
    if (committed_names.count(spec.name) == 0) report.never_ran.push_back(spec.name);
  }
  return report;
}

}  // namespace hearth::fuzz

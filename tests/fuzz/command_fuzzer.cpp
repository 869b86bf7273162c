#include "tests/fuzz/command_fuzzer.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <random>
#include <set>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "tests/support/fixtures.h"
#include "tests/support/world.h"

#include "hearth/core/commands.h"

namespace hearth::fuzz {

namespace {

constexpr GameTime kStart = 1767225600000;  // 2026-01-01

// A JSON string literal of arbitrary bytes (control characters escaped; invalid UTF-8 kept, as a
// hostile client would send it).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

class Generator {
 public:
  Generator(std::uint64_t seed, const test::SmallWorld& world) : random_(seed), world_(world) {}

  std::int64_t below(std::int64_t n) {
    return std::uniform_int_distribution<std::int64_t>(0, n - 1)(random_);
  }

  bool chance(int percent) { return below(100) < percent; }

  const PlayerId& user() {
    const PlayerId* users[] = {&world_.ann, &world_.bob, &world_.moderator};
    return *users[below(3)];
  }

  std::string text() {
    switch (below(12)) {
      case 0:
        return "";
      case 1:
        return std::string(static_cast<std::size_t>(below(5000) + 300), 'x');
      case 2:
        return std::string("nul\0inside", 10);
      case 3:
        return "\xff\xfe invalid \xc3";
      case 4:
        return "'; DROP TABLE users; --";
      case 5:
        return "Ωmega ✓ 名前";
      case 6:
        return "  ";
      case 7:
        return world_.team.value();
      case 8:
        return "ore";
      case 9:
        return "gold";
      case 10:
        return chance(50) ? std::string("bob") : std::string("ann");
      default:
        return user();
    }
  }

  std::string integer() {
    switch (below(10)) {
      case 0:
        return "0";
      case 1:
        return "-1";
      case 2:
        return std::to_string(std::numeric_limits<std::int64_t>::max());
      case 3:
        return std::to_string(std::numeric_limits<std::int64_t>::min());
      case 4:
        return "1e309";  // infinity once read as a double
      case 5:
        return "1.5";
      case 6:
        return std::to_string(below(5) + 1);  // ids of items, currencies, trades…
      case 7:
        return "99999999999999999999";  // past 64 bits
      default:
        return std::to_string(below(2000));
    }
  }

  std::string json() {
    switch (below(6)) {
      case 0:
        return "{}";
      case 1:
        return "[]";
      case 2:
        return fmt::format(R"({{"items": [[{}, {}]]}})", world_.ore.value(), integer());
      case 3:
        return fmt::format(R"({{"money": [[{}, {}]]}})", world_.gold.value(), integer());
      case 4:
        return R"({"ownerships": [1, 2], "items": "x"})";
      default:
        return "[[[[[[[[[[]]]]]]]]]]";
    }
  }

  // A value of `type`, or now and then one of another type.
  std::string value(ArgumentType type) {
    if (chance(8)) type = static_cast<ArgumentType>(below(4));
    switch (type) {
      case ArgumentType::Integer:
        return integer();
      case ArgumentType::Boolean:
        return chance(50) ? "true" : "false";
      case ArgumentType::Json:
        return json();
      case ArgumentType::Text:
        break;
    }
    return quoted(text());
  }

  // The arguments object: usually every argument (optional ones half the time), sometimes one
  // missing or one extra; now and then not an object at all.
  std::string arguments(const CommandSpec& spec) {
    if (chance(3)) return chance(50) ? "[1, 2]" : "{\"unclosed\": ";
    std::string out = "{";
    bool first = true;
    for (const ArgumentSpec& argument : spec.arguments) {
      if ((!argument.required && chance(50)) || chance(3)) continue;
      out += (first ? "" : ", ") + quoted(argument.name) + ": " + value(argument.type);
      first = false;
    }
    if (chance(3)) out += std::string(first ? "" : ", ") + "\"unexpected\": 1";
    return out + "}";
  }

 private:
  std::mt19937_64 random_;
  const test::SmallWorld& world_;
};

}  // namespace

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
    const CommandSpec& spec =
        specs[static_cast<std::size_t>(generate.below(static_cast<std::int64_t>(specs.size())))];
    const PlayerId actor = generate.chance(3) ? PlayerId("unknown-user") : generate.user();
    const std::string arguments = generate.arguments(spec);
    const std::string call = fmt::format("seed {} step {}: {} as {} with {:.200}", seed, step,
                                         spec.name, actor.value(), arguments);
    const std::string before = test::snapshot(game);
    ++report.calls;
    bool wrote_nothing_expected = true;
    try {
      const CommandAnswer answer = run_command(game, actor, spec.name, arguments);
      if (answer.ok()) {
        ++report.committed;
        committed_names.insert(spec.name);
        wrote_nothing_expected = false;
      } else {
        ++report.refused;
        if (answer.detail.empty()) fail(call + ": a refusal without a sentence");
      }
    } catch (const Error& error) {
      ++report.errors;
      const std::string kind = spec.name + ": " + error.what();
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

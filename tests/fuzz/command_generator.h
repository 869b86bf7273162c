// The command generator: commands of the registry (hearth/core/commands.h) with generated
// arguments for a SmallWorld — valid values and the world's ids, and, when hostile, every class of
// bad input. The command fuzzer, the replay, power-cut and crash tests draw their commands here;
// the list of commands is read from the registry, so a command added later is drawn too.
#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <fmt/core.h>

#include "tests/support/world.h"

#include "hearth/core/commands.h"
#include "hearth/game.h"

namespace hearth::fuzz {

// The world's first game time: 2026-01-01.
constexpr GameTime kStart = 1767225600000;  // 2026-01-01

// A JSON string literal of arbitrary bytes (control characters escaped; invalid UTF-8 kept, as a
// hostile client would send it).
inline std::string quoted(const std::string& text) {
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

// One command to run: who, which, with what.
struct Call {
  PlayerId actor;
  std::string name;
  std::string arguments;
};

class Generator {
 public:
  // hostile: arguments include every class of bad input and unknown actors; otherwise they are
  // well formed (the right members of the right types, drawn from the world) and commit more.
  Generator(std::uint64_t seed, const test::SmallWorld& world, bool hostile = true)
      : random_(seed), world_(world), hostile_(hostile) {}

  // The next command: any of the registry's.
  Call next() {
    const std::vector<CommandSpec>& specs = command_specs();
    const CommandSpec& spec =
        specs[static_cast<std::size_t>(below(static_cast<std::int64_t>(specs.size())))];
    const PlayerId actor = hostile_ && chance(3) ? PlayerId("unknown-user") : user();
    return {actor, spec.name, arguments(spec)};
  }

  std::int64_t below(std::int64_t n) {
    return std::uniform_int_distribution<std::int64_t>(0, n - 1)(random_);
  }

  bool chance(int percent) { return below(100) < percent; }

  const PlayerId& user() {
    const PlayerId* users[] = {&world_.ann, &world_.bob, &world_.moderator};
    return *users[below(3)];
  }

  std::string text() {
    if (!hostile_) {
      switch (below(6)) {
        case 0:
          return world_.team.value();
        case 1:
          return chance(50) ? std::string("bob") : std::string("ann");
        case 2:
          return "a fine day " + std::to_string(below(100));
        default:
          return user().value();
      }
    }
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
    if (!hostile_) return std::to_string(chance(60) ? below(5) + 1 : below(300));
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
    if (hostile_ && chance(8)) type = static_cast<ArgumentType>(below(4));
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
    if (hostile_ && chance(3)) return chance(50) ? "[1, 2]" : "{\"unclosed\": ";
    std::string out = "{";
    bool first = true;
    for (const ArgumentSpec& argument : spec.arguments) {
      if ((!argument.required && chance(50)) || (hostile_ && chance(3))) continue;
      out += (first ? "" : ", ") + quoted(argument.name) + ": " + value(argument.type);
      first = false;
    }
    if (hostile_ && chance(3)) out += std::string(first ? "" : ", ") + "\"unexpected\": 1";
    return out + "}";
  }

 private:
  std::mt19937_64 random_;
  const test::SmallWorld& world_;
  bool hostile_ = true;
};

// What play() did.
struct Played {
  int committed = 0;
  int refused = 0;
  int errors = 0;  // hearth::Error thrown
};

// Plays `steps` calls from `generate` on `game`, a game in Manual time: one call in five, game time
// first moves on by up to three days (advance_to). `committed` hears each call that committed.
// Refusals and errors are counted and passed over; anything else escapes.
template <class OnCommit>
Played play(Game& game, Generator& generate, int steps, OnCommit&& committed) {
  Played played;
  for (int step = 0; step < steps; ++step) {
    if (generate.chance(20)) game.advance_to(game.reached_at() + 1 + generate.below(3 * kDay));
    const Call call = generate.next();
    try {
      const CommandAnswer answer = run_command(game, call.actor, call.name, call.arguments);
      if (answer.ok()) {
        ++played.committed;
        committed(call);
      } else {
        ++played.refused;
      }
    } catch (const Error&) {
      ++played.errors;
    }
  }
  return played;
}

}  // namespace hearth::fuzz

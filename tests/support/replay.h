// Logged games and their replay, for the tests that compare a file with its log: a game in Manual
// time that logs its commands, and the content hash a save reaches when a log is replayed on it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fuzz/command_generator.h"
#include "tests/support/fixtures.h"

#include "hearth/core/commands.h"
#include "hearth/game.h"

namespace hearth::test {

// A game at `path` whose time moves only with advance_to, from fuzz::kStart, logging commands.
inline GameOptions logged_game(const std::string& path, std::uint64_t seed,
                               Durability durability = Durability::Full) {
  GameOptions options = options_with(std::make_shared<ManualClock>(fuzz::kStart), path);
  options.seed = seed;
  options.time_mode = TimeMode::Manual;
  options.log_commands = true;
  options.durability = durability;
  return options;
}

// The whole command log, read page by page.
inline std::vector<LoggedCommand> whole_log(Game& game) {
  std::vector<LoggedCommand> log;
  for (;;) {
    const std::vector<LoggedCommand> page =
        command_log(game, log.empty() ? 0 : log.back().id, 10000);
    if (page.empty()) return log;
    log.insert(log.end(), page.begin(), page.end());
  }
}

// Replays `log` on a copy of `save` (every entry must commit again), with extra ticks in between
// when `ticks` is given, then moves on to `until`; returns the content hash.
inline std::string replayed_hash(const std::string& save, const std::vector<LoggedCommand>& log,
                                 GameTime until, std::mt19937_64* ticks = nullptr) {
  TempFile copy;
  std::filesystem::copy_file(save, copy.path);
  Game game(logged_game(copy.path, 0));
  for (const LoggedCommand& entry : log) {
    if (ticks != nullptr && (*ticks)() % 2 == 0 && entry.at > game.reached_at()) {
      // A tick somewhere between the last command and this one.
      game.advance_to(game.reached_at() +
                      static_cast<GameTime>(
                          (*ticks)() % static_cast<std::uint64_t>(entry.at - game.reached_at())));
    }
    const CommandAnswer answer = replay_command(game, entry);
    BOOST_TEST_REQUIRE(answer.ok(), "entry " << entry.id << " (" << entry.name
                                             << ") refused on replay: " << answer.detail);
  }
  game.advance_to(until);
  return game.content_hash();
}

}  // namespace hearth::test

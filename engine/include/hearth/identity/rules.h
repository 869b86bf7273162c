// The numbers of players and their users (Rules::players).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

// New users and their players.
struct PlayerRules {
  // Usernames: this many characters, ASCII letters, digits, '_', '-' and '.', starting with a
  // letter or digit; unique regardless of case.
  std::int64_t username_min_length = 3;
  std::int64_t username_max_length = 50;
  // What a new player starts with (in the default currency).
  std::int64_t starting_credits = 10000;

  bool operator==(const PlayerRules&) const = default;
};

}  // namespace hearth

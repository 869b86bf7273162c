// The numbers of players, their users, their accounts and their access (Rules::players,
// Rules::accounts, Rules::access).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hearth/core/clock.h"

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

// Passwords, log-ins and sessions (Rules::accounts).
struct AccountRules {
  // bcrypt's cost: each step doubles the work (12 ≈ 0.2 s here); 4 to 31. A stored hash of a
  // lower cost is made again at the next successful log-in.
  std::int64_t password_cost = 12;
  // A password has at least this many characters, and at most 72 bytes (bcrypt ignores the rest).
  std::int64_t password_min_length = 8;
  // This many wrong passwords in a row lock the account for `lockout`.
  std::int64_t max_failed_logins = 5;
  GameTime lockout = 15 * kMinute;
  // How long a log-in's tokens are good for: the access token that authenticates commands, the
  // refresh token that trades itself for new ones.
  GameTime access_token_lifetime = kHour;
  GameTime refresh_token_lifetime = 30 * kDay;
  // How long a one-shot token the game delivers is good for: to verify an email address, to
  // activate an account, to reset a forgotten password.
  GameTime verification_token_lifetime = 7 * kDay;
  GameTime activation_token_lifetime = 7 * kDay;
  GameTime reset_token_lifetime = kHour;

  bool operator==(const AccountRules&) const = default;
};

// Roles, privileges and bans (Rules::access).
struct AccessRules {
  // An account this old gets the "host" privilege (granted by the tick, once). Opening a file with
  // another value reschedules the users still waiting.
  GameTime host_after = 30 * kDay;
  // The longest ban a holder of "ban" or "privban" without "permaban" may give.
  GameTime longest_limited_ban = 30 * kDay;

  bool operator==(const AccessRules&) const = default;
};

// Moderation cases.
struct ModerationRules {
  // A user reaching this many active warnings is timed out automatically for auto_timeout (a
  // TIMEOUT case by the system and a full ban until then). 0 = never.
  std::int64_t auto_timeout_warnings = 3;
  GameTime auto_timeout = 24 * kHour;
  // The most cases one search returns.
  std::int64_t page = 50;

  bool operator==(const ModerationRules&) const = default;
};

}  // namespace hearth

// Player commands as data: each command a player may make is described once — its name, its JSON
// arguments, the privilege it needs, what it returns — and can be run from that description. The
// LAN host serves this registry; a fuzzer and a command log use it (docs/commands.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Game;

// Json: an object or an array, whose shape the argument's meaning describes (a trade's sides).
enum class ArgumentType { Text, Integer, Boolean, Json };

// The name of an argument type as the registry's JSON spells it: "text", "integer", "boolean",
// "json".
std::string_view to_string(ArgumentType type);

// One argument of a command: a member of its JSON arguments object.
struct ArgumentSpec {
  std::string name;
  ArgumentType type = ArgumentType::Text;
  bool required = true;
  std::string meaning;  // one line for a person
};

// A player command. The acting user is never an argument: it is who runs the command (the
// session's user on a LAN host).
struct CommandSpec {
  std::string name;       // "<concern>.<command>", e.g. "turns.spend"
  std::string privilege;  // what the acting user needs (docs/access.md)
  std::vector<ArgumentSpec> arguments;
  std::string returns;  // what the answer's result holds, in words
};

// What running a command from data answers: a result (JSON), or a refusal with its sentence.
struct CommandAnswer {
  Refusal refusal = Refusal::None;
  std::string detail;
  std::string result = "null";  // compact JSON

  bool ok() const { return refusal == Refusal::None; }

  // {"ok":true,"result":…} or {"ok":false,"refusal":"NotEnoughTurns","detail":"…"}.
  std::string to_json() const;
};

// Every player command, by name.
const std::vector<CommandSpec>& command_specs();

// The command called `name`; null when there is none.
const CommandSpec* find_command(std::string_view name);

// The registry as JSON: an array of {name, privilege, arguments: [{name, type, required,
// meaning}], returns}.
std::string command_specs_json();

// Runs the command `name` as `actor` with `arguments`, a JSON object. Refuses, running nothing, an
// unknown command (NotFound), and arguments that are not a JSON object, lack a required member,
// have a member the command does not take or one of the wrong type — an integer must be a whole
// number within 64 bits (InvalidArgument). Otherwise the command's own answer: what it returns,
// or its refusal. Throws what the command throws (Error).
//
// When the game logs commands (GameOptions::log_commands), a command that commits is recorded in
// the command log in its own transaction; a refused or failed one leaves no entry.
CommandAnswer run_command(Game& game, const PlayerId& actor, std::string_view name,
                          std::string_view arguments);

// One entry of the command log: a command that committed.
struct LoggedCommand {
  std::int64_t id = 0;  // the log's order
  GameTime at = 0;      // the game time it ran at
  PlayerId actor;
  std::string name;
  std::string arguments;  // the JSON arguments object, as given

  bool operator==(const LoggedCommand&) const = default;
};

// The command log's entries with id > after_id, oldest first, at most `limit` (1 to 10,000;
// Error{Usage} otherwise).
std::vector<LoggedCommand> command_log(Game& game, std::int64_t after_id = 0, int limit = 1000);

// Runs a logged command again, at its own game time: the world is first advanced to `entry.at`
// (applying what fell due on the way, as in the original run), then the command runs as
// run_command would, and is logged again when the game logs commands. Replaying a save's log
// entries in order on a copy of an earlier save of the same game reproduces its content
// (Game::content_hash) as long as nothing outside the registry changed it meanwhile (the game's
// own calls, Game::skip/pause/set_speed, a clock set back or jumping forward are not in the log).
// Error{Usage} for an entry before the game time the game has reached. The answer is the
// command's: a refusal means the replay has departed from the original.
CommandAnswer replay_command(Game& game, const LoggedCommand& entry);

}  // namespace hearth

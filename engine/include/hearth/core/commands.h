// Player commands as data: each command a player may make is described once — its name, its JSON
// arguments, the privilege it needs, what it returns — and can be run from that description. The
// LAN host serves this registry; a fuzzer and a command log use it (docs/commands.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

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
CommandAnswer run_command(Game& game, const PlayerId& actor, std::string_view name,
                          std::string_view arguments);

}  // namespace hearth

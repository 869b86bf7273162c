-- 0019: the command log. While a game logs commands (GameOptions::log_commands), every player
-- command run from data (the registry: run_command, the LAN host) that commits is recorded here
-- in the same transaction, in commit order: its name, its JSON arguments, who ran it and the game
-- time it ran at — enough to run the same commands again on a copy of an earlier save (replay).
-- actor has no foreign key: a user erased later keeps their commands in the log.

CREATE TABLE command_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  arguments TEXT NOT NULL CHECK (json_valid(arguments))
);

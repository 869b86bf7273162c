// Game: one open game file and the public API over it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/events.h"
#include "hearth/core/outcome.h"
#include "hearth/rules.h"

namespace hearth {

class Core;

// The concern handles Game hands out. Each is declared in its own header, which a game includes
// where it uses the concern ("hearth/economy/ledger.h" for game.ledger()...).
class Access;
class Accounts;
class Catalog;
class Classes;
class CustomTables;
class Inventory;
class Ledger;
class Levels;
class Locations;
class Loot;
class Messages;
class ModerationCases;
class Onboarding;
class PersonalReputation;
class Players;
class Quests;
class Ranks;
class Relations;
class Reputation;
class Rewards;
class Servers;
class TeamReputation;
class Teams;
class Timers;
class Turns;

// Hearth's PRAGMA application_id ("HRTH"): how a file says it is a game file.
constexpr std::uint32_t kApplicationId = 0x48525448;

// How hard a commit works to survive a power loss. Full (the default): a command that returned
// survives a power cut. Normal: faster; a power cut may lose the commands since the last
// checkpoint, never the file's consistency; an open file game then runs its checkpoints on a
// thread of its own, so that no command waits for one.
enum class Durability { Full, Normal };

// A game's own schema step, applied after the engine's, in order, once per file.
struct GameMigration {
  std::string name;  // e.g. "0001_galaxy.sql"; must never change once shipped
  std::string sql;   // statements only; no BEGIN/COMMIT
};

// How game time moves; the save keeps it.
//   RealTime: game time follows the clock (× speed), also while the game is closed: turns
//     regenerate and standings decay offline. The default.
//   PausedWhileClosed: game time follows the clock while a game is open and resumes, when the
//     file is opened again, where it stopped.
//   Manual: game time moves only with advance_to().
// In every mode game time never runs backwards: a clock reading behind the time the save has
// reached is journaled ("clock.rewound", with how far) and commands happen at the reached time.
enum class TimeMode { RealTime, PausedWhileClosed, Manual };

struct GameOptions {
  // The game file, created when missing; ":memory:" for a game that lives only in memory.
  std::string path = ":memory:";
  Durability durability = Durability::Full;
  // Where "now" comes from; the system clock when null.
  std::shared_ptr<const Clock> clock;
  // How game time moves and how fast (game milliseconds per clock millisecond, 0 < speed ≤
  // 10^6). When set they are stored in the file; when not, the file's apply (RealTime at speed 1
  // for a new file).
  std::optional<TimeMode> time_mode;
  std::optional<double> speed;
  // The rules to run with. When set they replace the rules stored in the file; when not, the
  // file's rules apply (the defaults for a new file). Rules with problems (Rules::problems) are
  // refused with Error{Usage}.
  std::optional<Rules> rules;
  // Seeds the random generator of a new file (ignored when the file exists: its generator goes
  // on where it stopped). When not set, a new file gets a seed from std::random_device.
  std::optional<std::uint64_t> seed;
  // The game's own migrations, recorded under game_name (which must not be "hearth").
  std::string game_name = "game";
  std::vector<GameMigration> migrations;
  // How long a command waits for another process that holds the write lock.
  int busy_timeout_ms = 5000;
  // SQLite's page cache for this game, in KiB. A large world ticks faster with a large cache.
  int cache_size_kib = 32768;
  // How much of a catch-up (the time-driven rules applying what fell due while the game was
  // closed or idle) one transaction takes: this many rows, where a standing counts once plus once
  // per decay step it journals. Each slice commits on its own, so that another process waiting
  // to write waits for one slice, not the whole catch-up; the result is the same whatever the
  // size. At least 1.
  std::int64_t tick_slice_rows = 2048;
  // Opens an existing, up-to-date game file to read it only: nothing is written to it (no
  // migration, no catch-up, no time stored), and every command throws Error{Usage}. Reads see the
  // file as another process leaves it, one consistent snapshot per read. A missing file, or one
  // that needs migrating, is refused with Error{CorruptData}; time_mode, speed and rules must not
  // be set.
  bool read_only = false;
  // Records every player command run from data (run_command, and so the LAN host) that commits,
  // in the file's command log, in the command's own transaction: its name, JSON arguments, actor
  // and game time (hearth/core/commands.h: command_log, replay_command; docs/reliability.md).
  bool log_commands = false;
};

// A broken invariant of a game file's content (Game::check).
struct Violation {
  // Which invariant, as "<concern>.<rule>": ledger.conserved, ledger.balance, ledger.negative,
  // ledger.reversal, inventory.history, ownership.one_owner, ownership.overdue, teams.leader,
  // teams.size, teams.disbanded_members, timers.overdue.
  std::string rule;
  std::string detail;  // one sentence naming the rows

  bool operator==(const Violation&) const = default;
};

// An open game. Opening creates or migrates the file; a file that is not a game file, or was
// written by a newer version, is refused with Error{CorruptData} and left byte-for-byte as it
// was.
//
// Every mutating call is one transaction: it applies whole, or is refused (an Outcome saying
// why) or fails (an Error) having written nothing. A Game is not thread-safe: use it from one
// thread at a time.
class Game {
 public:
  explicit Game(GameOptions options = {});
  ~Game();

  Game(const Game&) = delete;
  Game& operator=(const Game&) = delete;

  // A moved-from Game may only be destroyed or assigned to. Concern handles taken before the
  // move stay valid: they refer to the open game, not to the Game object.
  Game(Game&&) noexcept;
  Game& operator=(Game&&) noexcept;

  // The game time now: the clock's reading as the save's time mode turns it into game time, never
  // before reached_at().
  GameTime now() const;

  // The latest game time the save has seen: a command's or an advance's.
  GameTime reached_at() const;

  TimeMode time_mode() const;

  double speed() const;

  // Stops game time (it stays where it is until resume()); a paused game's commands happen at
  // that time. Both are commands; pausing a paused game (or resuming a running one) is refused.
  Outcome pause();
  Outcome resume();

  // Sets how many game milliseconds pass per clock millisecond, from now on. Error{Usage} unless
  // 0 < speed ≤ 10^6.
  void set_speed(double speed);

  // Applies every time-driven rule for the game time between reached_at() and `time`, in one
  // transaction, and records `time` as reached. A time at or before reached_at() does nothing.
  void advance_to(GameTime time);

  // Advances the world to now(), as every command does first; reads the clock like a command.
  void tick();

  // Moves game time forward by `duration` (a "wait" or "sleep" in the game): the world advances
  // to now() + duration and game time goes on from there, in every mode. Error{Usage} for a
  // duration that is not positive or that would pass the latest game time.
  void skip(Duration duration);

  // Runs `work` as one transaction: every command `work` makes on this Game joins it. A refused
  // inner command undoes only itself (and returns its refusal to `work`, which may go on); when
  // `work` returns a refusal or throws, everything it did is undone and that refusal or error is
  // the answer. Listeners hear the events once, after the commit. The commands inside happen at
  // the game time the group started at.
  Outcome atomically(const std::function<Outcome()>& work);

  const Rules& rules() const;

  // A new UUID from the game's seeded generator (its state is saved in the file).
  std::string new_uuid();

  // A uniform draw in [low, high] from the game's seeded generator. REQUIRES: low <= high.
  std::int64_t roll(std::int64_t low, std::int64_t high);

  // Registers a listener for every event committed from now on.
  ListenerId on_event(EventListener listener);

  void remove_listener(ListenerId id);

  // Journal entries with id > after_id, oldest first, at most `limit`.
  std::vector<Event> events(std::int64_t after_id = 0, int limit = 100) const;

  // The newest `limit` journal entries about `subject`, oldest first.
  std::vector<Event> events_about(const std::string& subject, int limit = 20) const;

  // Writes a consistent copy of the whole game to `path` (SQLite's online backup), e.g. for a
  // save slot. An existing file at `path` is overwritten only if it is a game file.
  void save_as(const std::string& path);

  // Every broken invariant of the engine's tables, in one consistent snapshot (the rules are in
  // docs/rules.md, "Invariants"): the ledger's and the inventory's (as Ledger::check_ledger and
  // Inventory::check_inventory find them), one open owner per content instance and none past its
  // expiry, one leader per team and no more members than its size, no members in a disbanded
  // team, and no timer past its expiry at the time the file has reached. Empty when healthy.
  std::vector<Violation> check() const;

  // A SHA-256 of the game's content, as 64 hex digits: every table's name and columns and its rows
  // in key order, each value with its type. Two files with the same content have the same hash
  // whatever their page layout (a VACUUM, another page size, a copy made by export and import).
  // Left out: the migrations' bookkeeping and game_clock.last_clock_at, the computer's clock
  // reading at the last command (not game state: a replay never reads a clock).
  std::string content_hash() const;

  // The engine schema version of the file.
  int schema_version() const;

  // The players: create, read, rename, delete.
  Players players();

  // Passwords and sessions: register, log in, authenticate, refresh, log out.
  Accounts accounts();

  // Roles and privileges: what each user may do.
  Access access();

  // The money: currencies, accounts, transfers, reversals, conversions, the invariant check.
  Ledger ledger();

  // The items: definitions, users' stacks, their history, purchases.
  Inventory inventory();

  // Turn budgets: spend, regenerate, return bonus.
  Turns turns();

  // Content players make, its prices, who owns which instance.
  Catalog catalog();

  // Friends, follows and blocks between users.
  Relations relations();

  // Direct, team and system messages.
  Messages messages();

  // Standings with factions: change, read, lock, decay.
  Reputation reputation();

  // Alignments: change, read, decay.
  PersonalReputation personal_reputation();

  // Military ranks: points, promotion, achievements.
  Ranks ranks();

  // Teams: found, join, leave.
  Teams teams();

  // Team standings: aggregation method, daily recalculation.
  TeamReputation team_reputation();

  // Where players are: the map of sectors, stations and planets, moving, docking, landing.
  Locations locations();

  // Cooldowns, effects and timed access.
  Timers timers();

  // Experience and levels: awards, activity XP, the level curve.
  Levels levels();

  // The daily reward with its streak, and the log-in bonuses.
  Rewards rewards();

  // Character classes and their banks.
  Classes classes();

  // Quests: definitions, assignments, progress from the journal, rewards.
  Quests quests();

  // Loot drops: spawned by chat activity, claimed by the first player to ask.
  Loot loot();

  // Moderation cases: warnings, timeouts, kicks, bans and notes.
  ModerationCases moderation_cases();

  // Hosted servers (a LAN host records itself as one) and the play sessions on them.
  Servers servers();

  // First-login onboarding: the guard negotiation, its outcome, the awarded ship and credits.
  Onboarding onboarding();

  // The game's own tables (created by GameOptions::migrations): plain SQL reads and writes, each
  // write one command.
  CustomTables custom_tables();

 private:
  friend Core& core_of(Game& game);

  std::unique_ptr<Core> core_;
};

}  // namespace hearth

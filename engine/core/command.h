// The command runner: how every public mutating call becomes one transaction. Internal to the
// engine (it exposes SQLiteCpp); games include engine/game.h instead.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "engine/core/id_format.h"
#include "engine/core/random.h"
#include "storage/database.h"

#include "hearth/core/clock.h"
#include "hearth/core/events.h"
#include "hearth/core/outcome.h"
#include "hearth/game.h"
#include "hearth/rules.h"

namespace hearth {

struct EffectUse;
struct GameOptions;
class Core;
class DialogueProvider;

// Converts the exception in flight into hearth::Error and throws it: the one place where
// SQLiteCpp, cereal and storage exceptions become the engine's. Call only from a catch block.
[[noreturn]] void rethrow_as_error();

// What a read sees: one consistent snapshot of the file, the game time and the rules. A reader
// cannot journal events or draw from the generator; Core::read hands one out, and every Command
// is one too, so a function that only reads takes a Reader&.
class Reader {
 public:
  Reader(Core& core, GameTime now) : core_(core), now_(now) {}

  SQLite::Database& sql();

  // A prepared statement for `sql`, compiled once per game and reused: reset, with no bindings.
  // Engine code runs SQL through Query (engine/core/query.h), which calls this. Statements are
  // cached by their text, so two different texts never share one.
  SQLite::Statement& prepare(std::string_view sql);

  // The game time the read or command happens at.
  GameTime now() const { return now_; }

  const Rules& rules() const;

  // The open game, for the engine's in-memory caches of file state.
  Core& core() { return core_; }

 protected:
  Core& core_;
  GameTime now_;
};

// What one command sees while it runs inside its transaction: a Reader that may also write,
// journal events and draw from the generator.
class Command : public Reader {
 public:
  Command(Core& core, GameTime now) : Reader(core, now) {}

  Random& random();

  // The rowid of the last row this command inserted.
  std::int64_t last_insert_id() { return sql().getLastInsertRowid(); }

  // A new UUID from the game's generator.
  std::string new_uuid() { return random().uuid(); }

  // Appends an event to the journal (in this transaction). `payload` is a JSON object.
  void emit(std::string_view type, const std::string& actor, const std::string& subject,
            const std::string& payload = "{}");

  // Appends an event that happened at game time `at` (a decay step, an expiry...), with a
  // payload that is already compact JSON (the tick's bulk path: no re-parsing).
  void emit_at(GameTime at, std::string_view type, const std::string& actor,
               const std::string& subject, const std::string& payload);

  // Runs `work` as though the command happened at `at`: what follows from an event the tick
  // journaled as of its due time happens as of that time too, whenever the tick ran.
  template <class Work>
  void as_of(GameTime at, Work&& work) {
    struct Restore {
      Command& command;
      GameTime saved;

      ~Restore() { command.now_ = saved; }
    } restore{*this, now_};

    now_ = at;
    work();
  }

  // The largest event id so far (0 for an empty journal).
  std::int64_t last_event_id();

  // Hands the events journaled since event `after` by a set-based statement (journal_select in
  // engine/core/query.h) to the listeners and the in-command rules, as emit_at would have.
  void journaled_since(std::int64_t after);

  // Empties the payload of every journaled event of `type` about `subject` (to '{"erased":true}'),
  // for events that carried personal data; the events themselves stay.
  void erase_payloads(const std::string& subject, std::string_view type);

  // Tells the tick that a time-driven rule has work due at `at` (a new expiry, a decay step).
  void schedule(GameTime at);

  // The earliest time some rule may have work (a lower bound kept in memory).
  GameTime next_due() const;

  // Records the earliest due time after a full tick (engine/core/tick.cpp).
  void set_next_due(GameTime at);

  // Records that the world has reached `at` (engine/core/tick.cpp).
  void note_reached(GameTime at);

  std::vector<Event>& emitted() { return emitted_; }

  // A tick slice's allowance: the rules stop between batches once they have handled `rows` rows
  // (a catch-up commits in slices, so that no transaction holds the write lock for long).
  void limit_work(std::int64_t rows) { work_left_ = rows; }

  // Counts `rows` about to be handled. A rule checks work_spent() before each batch and returns
  // once it is: the rest stays due for the next slice.
  void spend(std::size_t rows) {
    if (work_left_ > 0) {
      work_left_ = std::max<std::int64_t>(0, work_left_ - static_cast<std::int64_t>(rows));
    }
  }

  bool work_spent() const { return work_left_ == 0; }

  // How many rows the next batch may take: `most`, or what is left of the allowance when less.
  std::int64_t batch_of(std::int64_t most) const {
    return work_left_ < 0 ? most : std::min(most, work_left_);
  }

 private:
  friend class Core;  // sets the command's time once the transaction has begun

  // Inserts an event with `statement` (which returns the payload as stored) and keeps it for the
  // listeners.
  void append_event(GameTime at, std::string_view type, const std::string& actor,
                    const std::string& subject, const std::string& payload, const char* statement);

  std::vector<Event> emitted_;
  std::int64_t work_left_ = -1;  // -1: no limit
};

// Everything an open game holds. Owned by Game; the concern handles (turns, reputation...) keep
// a reference to it.
class Core {
 public:
  explicit Core(GameOptions options);

  storage::Database& db() { return *db_; }

  const Clock& clock() const { return *clock_; }

  // The game time now, as the save's time mode makes it of the clock's reading (never before the
  // reached time). Fresh as of the last command or read.
  GameTime now() const { return game_time(clock_->now()); }

  // How game time moves, as the file keeps it (game_clock).
  struct TimeState {
    TimeMode mode = TimeMode::RealTime;
    double speed = 1.0;
    bool paused = false;
    GameTime anchor_clock = 0;  // a clock reading...
    GameTime anchor_game = 0;   // ...and the game time it stood for
    GameTime last_clock = 0;    // the last clock reading a command saw; 0: none yet
    GameTime reached = 0;       // the latest game time of a command or an advance

    bool operator==(const TimeState&) const = default;
  };

  const TimeState& time() const { return time_; }

  // Changes how time moves from the command's time on (re-anchored there), and stores it.
  void change_time(Command& command, const TimeState& wanted);

  // Game time goes on from `to` (Game::skip): re-anchored there, and stored.
  void skip_to(Command& command, GameTime to);

  // Records that the world has reached `at` (advance_world).
  void note_reached(GameTime at) { time_.reached = std::max(time_.reached, at); }

  const Rules& rules() const { return rules_; }

  // GameOptions::log_commands: run_command records each command that commits (command_log).
  bool logs_commands() const { return log_commands_; }

  Random& random() { return random_; }

  // Runs `work(Command&)` as one BEGIN IMMEDIATE transaction at game time `now`: first the world
  // is advanced to `now` if any time-driven rule is due by then (so a command always sees the
  // world as of its own time), then the work runs. It commits when work returns an ok
  // Outcome/Result (or anything else), and rolls back when it returns a refusal or throws; the
  // random generator's state follows the transaction. Events reach the listeners after the
  // commit. Every exception leaves as hearth::Error.
  template <class Work>
  auto run(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&>;

  // Runs `work` at the game time now (see now()), noticing a clock set back or far forward.
  template <class Work>
  auto run(Work&& work) {
    return execute(std::nullopt, true, std::forward<Work>(work));
  }

  // Runs `work()` with every command it makes nested in one transaction (Game::atomically): an
  // inner command's refusal undoes only that command; `work` returning a refusal, or throwing,
  // undoes them all. Listeners hear the events once, after the commit.
  // With `when`, the group happens at that game time (a replayed command) instead of now.
  template <class Work>
  Outcome group(Work&& work, std::optional<GameTime> when = std::nullopt) {
    return execute(when, true, [&](Command& command) -> Outcome {
      struct Scope {
        Core& core;
        Command* outer;
        ~Scope() { core.group_ = outer; }
      } scope{*this, group_};
      if (group_ == nullptr) group_ = &command;
      return work();
    });
  }

  // Like run(), without advancing the world first (for the tick itself and for opening).
  template <class Work>
  auto run_unadvanced(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&>;

  // Runs `work(Reader&)` in a read transaction (one consistent snapshot) at the game time now;
  // every exception leaves as hearth::Error. (Tests may pass `work(SQLite::Database&)`.)
  template <class Work>
  auto read(Work&& work) {
    struct ResetAtExit {
      Core& core;

      ~ResetAtExit() { core.reset_statements(); }
    } reset_at_exit{*this};

    const auto run_work = [&] {
      if constexpr (std::is_invocable_v<Work, Reader&>) {
        Reader reader(*this, now());
        return work(reader);
      } else {
        return work(db_->sql());
      }
    };
    try {
      // Inside a group (Game::atomically) a read sees the group's own writes.
      if (group_ != nullptr) return run_work();
      Transaction transaction(*this, "BEGIN DEFERRED");
      notice_other_writers();
      return run_work();
    } catch (const Error&) {
      throw;
    } catch (...) {
      rethrow_as_error();
    }
  }

  ListenerId add_listener(EventListener listener);

  bool has_listeners() const { return !listeners_.empty(); }

  void remove_listener(ListenerId id);

  // A cached prepared statement (see Command::prepare).
  SQLite::Statement& statement(std::string_view sql);

  // Resets the cached statements handed out since the last call, so that none keeps a read
  // cursor open.
  void reset_statements();

  // One transaction, begun and committed through cached statements (SQLite::Transaction parses
  // its BEGIN and COMMIT again for every command); rolled back when not committed.
  class Transaction {
   public:
    Transaction(Core& core, std::string_view begin) : core_(core) { core_.statement(begin).exec(); }

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    ~Transaction() {
      if (committed_) return;
      try {
        core_.db_->sql().exec("ROLLBACK");
      } catch (...) {
        // SQLite has rolled the transaction back itself (an I/O error, a full disk).
      }
    }

    void commit() {
      core_.statement("COMMIT").exec();
      committed_ = true;
    }

   private:
    Core& core_;
    bool committed_ = false;
  };

  // The earliest time at which some time-driven rule may have work (a lower bound).
  GameTime next_due() const { return next_due_; }

  void lower_next_due(GameTime at) { next_due_ = std::min(next_due_, at); }

  void set_next_due(GameTime at) { next_due_ = at; }

  // When another connection (another process) has committed since this one last looked, re-reads
  // what this Core keeps in memory of the file: the generator's state and the rules; and forgets
  // the cached next due time (the other may have scheduled something earlier).
  void notice_other_writers();

  // The game's onboarding dialogue provider: held in memory only, never in the file; null when
  // the game brings none.
  const std::shared_ptr<DialogueProvider>& dialogue_provider() const { return dialogue_provider_; }

  void set_dialogue_provider(std::shared_ptr<DialogueProvider> provider) {
    dialogue_provider_ = std::move(provider);
  }

  // The families of the quests' triggers (each trigger's text before ':'), which every journaled
  // event is checked against; nullopt until loaded, and again once a quest is created here or
  // another connection commits.
  std::optional<std::vector<std::string>>& quest_families() { return quest_families_; }

  // What each role grants, its ancestors' privileges included (names, sorted), by role id:
  // the access check's common case reads it instead of walking the role tree per command.
  // nullopt until loaded, and again once roles change here or another connection commits.
  using RolePrivileges = std::map<std::int64_t, std::vector<std::string>>;

  std::optional<RolePrivileges>& role_privileges() { return role_privileges_; }

  // The handlers of the game's own item effects, by type (Inventory::register_effect).
  using EffectHandlers =
      std::map<std::string, std::function<Outcome(const EffectUse&)>, std::less<>>;

  EffectHandlers& effect_handlers() { return effect_handlers_; }

 private:
  // The in-memory copies of file state that a command may change.
  struct MemoryState {
    Random random;
    GameTime next_due;
    TimeState time;
  };

  MemoryState memory_state() const { return {random_, next_due_, time_}; }

  // Puts back what a command undone had changed in memory; the caches it may have loaded from its
  // uncommitted writes are dropped, to load again.
  void restore(const MemoryState& state) {
    random_ = state.random;
    next_due_ = state.next_due;
    time_ = state.time;
    quest_families_.reset();
    role_privileges_.reset();
  }

  // The game time that clock reading `reading` stands for.
  GameTime game_time(GameTime reading) const;

  // A command's time: `when` when given (an advance), else the game time now; journals a clock
  // set back (re-anchoring game time where it was) or far forward, and notes the reading.
  GameTime begin_command(Command& command, std::optional<GameTime> when, GameTime reading);

  // Reads game_clock into time_.
  void load_time();

  // Writes time_ to game_clock.
  void store_time(Command& command);

  // Applies what is due by `to` in transactions of at most tick_slice_rows_ rows each, committing
  // each, so that a long catch-up never holds the write lock for long; the command that follows
  // finds nothing left (engine/core/game.cpp). Exactly once: each slice commits its rows with
  // their events, and `to` is recorded as reached only by the last.
  void catch_up(GameTime to);

  template <class Work>
  auto execute(std::optional<GameTime> when, bool advance, Work&& work)
      -> std::invoke_result_t<Work, Command&>;

  template <class Work>
  auto execute_nested(Work&& work) -> std::invoke_result_t<Work, Command&>;

  // Loads the rules stored in the file when they differ from the ones in memory.
  void load_rules(const std::string& document);

  template <class T>
  static bool commits(const T& result) {
    if constexpr (requires { result.ok(); }) {
      return result.ok();
    } else {
      return true;
    }
  }

  void save_random_state(Command& command);

  void notify(const std::vector<Event>& events);

  std::unique_ptr<storage::Database> db_;
  std::shared_ptr<const Clock> clock_;
  Rules rules_;
  Random random_;
  std::vector<std::pair<ListenerId, EventListener>> listeners_;
  ListenerId next_listener_ = 1;
  GameTime next_due_ = 0;
  std::int64_t tick_slice_rows_ = 0;
  std::int64_t data_version_ = -1;
  bool read_only_ = false;  // GameOptions::read_only: every command throws
  bool log_commands_ = false;

  // Looks statements up by their text without building a std::string.
  struct TextHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  // A compiled statement, and whether it has been handed out since the last reset_statements().
  struct Cached {
    std::unique_ptr<SQLite::Statement> statement;
    bool in_use = false;
  };

  std::unordered_map<std::string, Cached, TextHash, std::equal_to<>> statements_;
  // The statements handed out since the last reset_statements(), each once.
  std::vector<Cached*> in_use_;
  std::shared_ptr<DialogueProvider> dialogue_provider_;
  std::optional<std::vector<std::string>> quest_families_;
  std::optional<RolePrivileges> role_privileges_;
  EffectHandlers effect_handlers_;
  std::string rules_document_;
  TimeState time_;
  // The open group's command while Game::atomically runs; null otherwise.
  Command* group_ = nullptr;
};

// Refuses, with Error{Usage}, a game time before the epoch or after kMaxGameTime.
void check_game_time(GameTime time);

// Refuses, with Error{Usage}, a speed outside (0, 10^6].
void check_speed(double speed);

// Runs, inside the command, what follows from journaling an event: quests whose trigger it
// matches advance (engine/core/journal_rules.cpp).
void after_journaling(Command& command, std::string_view type, const std::string& subject,
                      const std::string& payload);

// Whether after_journaling may do anything for some event now (engine/core/journal_rules.cpp):
// false lets a set-based journal write skip reading its events back.
bool journal_rules_watching(Command& command);

// Applies every time-driven rule for the game time up to `to` and records `to` as reached
// (engine/core/tick.cpp). A `to` at or before the time reached does nothing. Returns false when
// the command's work limit ran out first: the rest is still due, and `to` is not reached yet.
bool advance_world(Command& command, GameTime to);

template <class Work>
auto Core::run(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&> {
  return execute(now, true, std::forward<Work>(work));
}

template <class Work>
auto Core::run_unadvanced(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&> {
  return execute(now, false, std::forward<Work>(work));
}

template <class Work>
auto Core::execute(std::optional<GameTime> when, bool advance, Work&& work)
    -> std::invoke_result_t<Work, Command&> {
  using Answer = std::invoke_result_t<Work, Command&>;
  if (read_only_) {
    throw Error(ErrorKind::Usage, "The game file is open read-only: no command can change it.");
  }
  if (group_ != nullptr) return execute_nested(std::forward<Work>(work));
  if (when) check_game_time(*when);
  const GameTime reading = clock_->now();
  if (advance) catch_up(when ? *when : game_time(reading));
  std::vector<Event> committed;
  auto attempt = [&]() -> Answer {
    struct ResetAtExit {
      Core& core;
      ~ResetAtExit() { core.reset_statements(); }
    } reset_at_exit{*this};
    std::optional<MemoryState> before;
    try {
      Transaction transaction(*this, "BEGIN IMMEDIATE");
      notice_other_writers();
      // Whatever the transaction undoes, the in-memory copies of file state undo too.
      before = memory_state();
      Command command(*this, 0);
      const TimeState time_before = time_;
      const GameTime now = begin_command(command, when, reading);
      if (advance) {
        if (now >= next_due_) advance_world(command, now);
        note_reached(now);  // a later command never happens before this one
      }
      if (time_ != time_before) store_time(command);
      auto finish = [&] {
        if (random_.state() != before->random.state()) save_random_state(command);
        transaction.commit();
        committed = std::move(command.emitted());
      };
      if constexpr (std::is_void_v<Answer>) {
        work(command);
        finish();
      } else {
        Answer answer = work(command);
        if (commits(answer)) {
          finish();
        } else {
          restore(*before);
        }
        return answer;
      }
    } catch (const Error&) {
      if (before) restore(*before);
      throw;
    } catch (...) {
      if (before) restore(*before);
      rethrow_as_error();
    }
  };
  if constexpr (std::is_void_v<Answer>) {
    attempt();
    notify(committed);
  } else {
    Answer answer = attempt();
    notify(committed);
    return answer;
  }
}

template <class Work>
auto Core::execute_nested(Work&& work) -> std::invoke_result_t<Work, Command&> {
  using Answer = std::invoke_result_t<Work, Command&>;
  Command& command = *group_;
  const MemoryState before = memory_state();
  const std::size_t heard = command.emitted().size();
  // A nested command is a savepoint of the group's transaction: its refusal or failure undoes
  // it alone; its events reach the listeners with the group's, after the group commits.
  auto undo = [&] {
    restore(before);
    command.emitted().resize(heard);
    db_->sql().exec("ROLLBACK TO hearth_command");
    db_->sql().exec("RELEASE hearth_command");
  };
  try {
    db_->sql().exec("SAVEPOINT hearth_command");
    if constexpr (std::is_void_v<Answer>) {
      work(command);
      db_->sql().exec("RELEASE hearth_command");
    } else {
      Answer answer = work(command);
      if (commits(answer)) {
        db_->sql().exec("RELEASE hearth_command");
      } else {
        undo();
      }
      return answer;
    }
  } catch (...) {
    try {
      undo();
    } catch (...) {
      // The transaction itself is gone (SQLite rolled it back); the group's own rollback follows.
    }
    try {
      throw;
    } catch (const Error&) {
      throw;
    } catch (...) {
      rethrow_as_error();
    }
  }
}

}  // namespace hearth

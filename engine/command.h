// The command runner: how every public mutating call becomes one transaction. Internal to the
// engine (it exposes SQLiteCpp); games include engine/game.h instead.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "engine/clock.h"
#include "engine/events.h"
#include "engine/outcome.h"
#include "engine/random.h"
#include "engine/rules.h"
#include "storage/database.h"

namespace hearth {

struct GameOptions;
class Core;

// Converts the exception in flight into hearth::Error and throws it: the one place where
// SQLiteCpp, cereal and storage exceptions become the engine's. Call only from a catch block.
[[noreturn]] void rethrow_as_error();

// What one command sees while it runs inside its transaction.
class Command {
 public:
  Command(Core& core, GameTime now) : core_(core), now_(now) {}

  SQLite::Database& sql();

  // The game time the command happens at.
  GameTime now() const { return now_; }

  const Rules& rules() const;

  Random& random();

  // A new UUID from the game's generator.
  std::string new_uuid() { return random().uuid(); }

  // Appends an event to the journal (in this transaction). `payload` is a JSON object.
  void emit(const std::string& type, const std::string& actor, const std::string& subject,
            const std::string& payload = "{}");

  std::vector<Event>& emitted() { return emitted_; }

 private:
  Core& core_;
  GameTime now_;
  std::vector<Event> emitted_;
};

// A time-driven rule, applied by Game::advance_to for the game time (from, to].
using TickRule = std::function<void(Command&, GameTime from, GameTime to)>;

// Everything an open game holds. Owned by Game; the concern handles (turns, reputation...) keep
// a reference to it.
class Core {
 public:
  explicit Core(GameOptions options);

  storage::Database& db() { return *db_; }

  const Clock& clock() const { return *clock_; }

  const Rules& rules() const { return rules_; }

  Random& random() { return random_; }

  // Runs `work(Command&)` as one BEGIN IMMEDIATE transaction at game time `now`. It commits when
  // work returns an ok Outcome/Result (or anything else), and rolls back when it returns a
  // refusal or throws; the random generator's state follows the transaction. Events reach the
  // listeners after the commit. Every exception leaves as hearth::Error.
  template <class Work>
  auto run(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&>;

  template <class Work>
  auto run(Work&& work) {
    return run(clock_->now(), std::forward<Work>(work));
  }

  // Runs `work(SQLite::Database&)` in a read transaction (one consistent snapshot); every
  // exception leaves as hearth::Error.
  template <class Work>
  auto read(Work&& work) -> std::invoke_result_t<Work, SQLite::Database&> {
    try {
      SQLite::Transaction transaction(db_->sql(), SQLite::TransactionBehavior::DEFERRED);
      return work(db_->sql());
    } catch (const Error&) {
      throw;
    } catch (...) {
      rethrow_as_error();
    }
  }

  ListenerId add_listener(EventListener listener);

  void remove_listener(ListenerId id);

  void add_tick_rule(TickRule rule) { tick_rules_.push_back(std::move(rule)); }

  const std::vector<TickRule>& tick_rules() const { return tick_rules_; }

 private:
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
  std::vector<TickRule> tick_rules_;
};

template <class Work>
auto Core::run(GameTime now, Work&& work) -> std::invoke_result_t<Work, Command&> {
  using Answer = std::invoke_result_t<Work, Command&>;
  const Random before = random_;
  std::vector<Event> committed;
  auto attempt = [&]() -> Answer {
    try {
      SQLite::Transaction transaction(db_->sql(), SQLite::TransactionBehavior::IMMEDIATE);
      Command command(*this, now);
      auto finish = [&] {
        if (random_.state() != before.state()) save_random_state(command);
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
          random_ = before;
        }
        return answer;
      }
    } catch (const Error&) {
      random_ = before;
      throw;
    } catch (...) {
      random_ = before;
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

}  // namespace hearth

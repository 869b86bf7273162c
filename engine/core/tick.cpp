#include "engine/core/tick.h"

namespace hearth {

namespace {

// The earliest due time of any time-driven rule; each branch reads one index.
constexpr const char* kNextDue = R"sql(
  SELECT min(
    ifnull((SELECT min(turns_full_at) FROM players WHERE turns_full_at IS NOT NULL), ?1),
    ifnull((SELECT min(personal_reputation_decay_due_at) FROM players
            WHERE personal_reputation_decay_due_at IS NOT NULL), ?1),
    ifnull((SELECT min(decay_due_at) FROM reputations WHERE decay_due_at IS NOT NULL), ?1),
    ifnull((SELECT min(lock_expires_at) FROM reputations WHERE lock_expires_at IS NOT NULL), ?1),
    ifnull((SELECT min(next_recalculation_at) FROM team_reputations), ?1),
    ifnull((SELECT min(expires_at) FROM user_timers WHERE expired_at IS NULL), ?1))
)sql";

constexpr GameTime kNever = INT64_MAX;

}  // namespace

void advance_world(Command& command, GameTime to) {
  SQLite::Statement& reached = command.prepare("SELECT reached_at FROM game_clock WHERE id = 1");
  if (!reached.executeStep()) throw Error(ErrorKind::CorruptData, "game_clock has no row.");
  const GameTime from = reached.getColumn(0).getInt64();
  reached.reset();
  const bool forward = to > from;
  // The rules run only when something is due by `to` (next_due is a lower bound; 0: unknown).
  const bool due = forward && to >= command.next_due();
  if (due) {
    tick_team_reputation(command, to);
    tick_reputation(command, to);
    tick_personal_reputation(command, to);
    tick_turns(command, to);
    tick_timers(command, to);
  }
  if (forward) {
    SQLite::Statement& record =
        command.prepare("UPDATE game_clock SET reached_at = ? WHERE id = 1");
    record.bind(1, to);
    record.exec();
  }
  if (due || command.next_due() == 0) {
    SQLite::Statement& next = command.prepare(kNextDue);
    next.bind(1, kNever);
    next.executeStep();
    command.set_next_due(next.getColumn(0).getInt64());
  }
}

}  // namespace hearth

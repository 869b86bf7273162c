#include "engine/core/tick.h"

#include <string>

#include "engine/core/query.h"

namespace hearth {

namespace {

constexpr GameTime kNever = INT64_MAX;

// The earliest due time of any rule: one query over every rule's own, built once.
const std::string& next_due_query() {
  static const std::string query = [] {
    std::string sql = "SELECT min(";
    bool first = true;
    for (const TimeRule& rule : time_rules()) {
      sql += first ? "" : ", ";
      sql += std::string("ifnull((") + rule.next_due + "), ?1)";
      first = false;
    }
    return sql + ", ?1)";
  }();
  return query;
}

}  // namespace

void reschedule_after_rules_change(Command& command) {
  for (const TimeRule& rule : time_rules()) {
    if (rule.rules_changed != nullptr) rule.rules_changed(command);
  }
  command.set_next_due(0);
}

bool advance_world(Command& command, GameTime to) {
  Query reached(command, "SELECT reached_at FROM game_clock WHERE id = 1");
  if (!reached.step()) throw Error(ErrorKind::CorruptData, "game_clock has no row.");
  const GameTime from = reached.integer(0);
  reached.reset();
  const bool forward = to > from;
  // The rules run only when something is due by `to` (next_due is a lower bound; 0: unknown).
  const bool due = forward && to >= command.next_due();
  if (due) {
    for (const TimeRule& rule : time_rules()) {
      rule.advance(command, to);
      if (command.work_spent()) return false;
    }
  }
  if (forward) {
    Query record(command, "UPDATE game_clock SET reached_at = ? WHERE id = 1", to);
    record.exec();
    command.note_reached(to);
  }
  if (due || command.next_due() == 0) {
    Query next(command, next_due_query(), kNever);
    next.step();
    command.set_next_due(next.integer(0));
  }
  return true;
}

void expire_in_batches(Command& command, GameTime to, const char* journal, const char* mark) {
  constexpr std::int64_t kBatch = 4096;
  for (;;) {
    if (command.work_spent()) return;
    const std::int64_t batch = command.batch_of(kBatch);
    const int count = journal_select(command, journal, to, batch);
    if (count == 0) return;
    Query(command, mark, to, batch).exec();
    command.spend(static_cast<std::size_t>(count));
  }
}

}  // namespace hearth

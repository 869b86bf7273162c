#include "engine/core/tick.h"

#include <algorithm>
#include <string>
#include <vector>

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

// The rules journal what fell due rule by rule; the events `first` on are renumbered into the
// order of their game times (ties keep their order: rule order, then each rule's own), so that the
// journal's order is the order things happened in, however game time was split into ticks.
void put_in_time_order(Command& command, std::int64_t first) {
  {
    Query disorder(command,
                   "SELECT EXISTS (SELECT 1 FROM (SELECT at, lag(at) OVER (ORDER BY id) AS "
                   "earlier FROM events WHERE id >= ?) WHERE at < earlier)",
                   first);
    disorder.step();
    if (!disorder.flag(0)) return;
  }
  Query(command,
        "CREATE TEMP TABLE IF NOT EXISTS hearth_event_order (old INTEGER PRIMARY KEY, "
        "new INTEGER NOT NULL)")
      .exec();
  Query(command, "DELETE FROM temp.hearth_event_order").exec();
  Query(command,
        "INSERT INTO temp.hearth_event_order (old, new) SELECT id, ?1 - 1 + row_number() OVER "
        "(ORDER BY at, id) FROM events WHERE id >= ?1",
        first)
      .exec();
  Query(command, "UPDATE events SET id = -id WHERE id >= ?", first).exec();
  Query(command,
        "UPDATE events SET id = o.new FROM temp.hearth_event_order o WHERE events.id = -o.old")
      .exec();
  // What the listeners will hear, renumbered the same way.
  std::vector<Event>& emitted = command.emitted();
  const auto tick_events = std::find_if(emitted.begin(), emitted.end(),
                                        [&](const Event& event) { return event.id >= first; });
  std::stable_sort(tick_events, emitted.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  std::int64_t id = first;
  for (auto event = tick_events; event != emitted.end(); ++event) event->id = id++;
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
    const std::int64_t first = command.last_event_id() + 1;
    for (const TimeRule& rule : time_rules()) {
      rule.advance(command, to);
      if (command.work_spent()) {
        put_in_time_order(command, first);
        return false;
      }
    }
    put_in_time_order(command, first);
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

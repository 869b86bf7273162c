#include "hearth/progression/timers.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/core/tick.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/timers_internal.h"

#include "hearth/game.h"

namespace hearth {

Timers Game::timers() { return Timers(*core_); }

namespace {

const char* type_name(TimerType type) {
  switch (type) {
    case TimerType::Cooldown:
      return "COOLDOWN";
    case TimerType::Effect:
      return "EFFECT";
    case TimerType::Access:
      return "ACCESS";
  }
  return "COOLDOWN";
}

TimerType type_of(const std::string& name) {
  if (name == "EFFECT") return TimerType::Effect;
  if (name == "ACCESS") return TimerType::Access;
  return TimerType::Cooldown;
}

constexpr const char* kSelect =
    "SELECT type, key, expires_at, metadata FROM user_timers WHERE user_id = ?1 "
    "AND expired_at IS NULL AND expires_at > ?2";

TimerView read(Query& query, GameTime now) {
  TimerView view;
  view.type = type_of(query.text(0));
  view.key = query.text(1);
  view.expires_at = query.integer(2);
  view.remaining = Duration(view.expires_at - now);
  view.metadata = query.text(3);
  return view;
}

}  // namespace

Outcome timers::start(Command& command, const PlayerId& user, TimerType type,
                      const std::string& key, Duration duration, const std::string& metadata) {
  if (duration.ms() <= 0 || duration.ms() > kMaxGameTime - command.now()) {
    return Outcome::refused(
        Refusal::InvalidArgument,
        "A timer's duration must be positive and end by the latest game time (the year 9999).");
  }
  if (Outcome valid = text::check("A timer key", key, 1, 100); !valid) return valid;
  Query valid(command, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' END",
              metadata);
  valid.step();
  const bool object = valid.integer(0) != 0;
  valid.reset();
  if (!object) {
    return Outcome::refused(Refusal::InvalidArgument, "Timer metadata must be a JSON object.");
  }
  if (Outcome active = players::check_active(command, user); !active) return active;
  if (type == TimerType::Cooldown) {
    Query running(command,
                  "SELECT expires_at FROM user_timers WHERE user_id = ?1 AND type = 'COOLDOWN' "
                  "AND key = ?2 AND expired_at IS NULL AND expires_at > ?3",
                  user, key, command.now());
    if (running.step()) {
      const GameTime remaining = running.integer(0) - command.now();
      return Outcome::refused(Refusal::CooldownActive,
                              fmt::format("The '{}' cooldown is active: {} left.", key,
                                          format_duration(Duration(remaining))));
    }
  }
  const GameTime expires_at = command.now() + duration;
  Query upsert(command,
               "INSERT INTO user_timers (user_id, type, key, expires_at, metadata, expired_at) "
               "VALUES (:user, :type, :key, :expires_at, json(:metadata), NULL) ON CONFLICT "
               "(user_id, type, key) DO UPDATE SET expires_at = excluded.expires_at, metadata = "
               "excluded.metadata, expired_at = NULL",
               named(":user", user), named(":type", type_name(type)), named(":key", key),
               named(":expires_at", expires_at), named(":metadata", metadata));
  upsert.exec();
  command.schedule(expires_at);
  return {};
}

Outcome Timers::start(const PlayerId& user, TimerType type, const std::string& key,
                      Duration duration, const std::string& metadata) {
  return core_.run([&](Command& command) {
    return timers::start(command, user, type, key, duration, metadata);
  });
}

Outcome Timers::start_cooldown(const PlayerId& user, const std::string& key, Duration duration) {
  return start(user, TimerType::Cooldown, key, duration, "{}");
}

Outcome Timers::apply_effect(const PlayerId& user, const std::string& key, Duration duration,
                             const std::string& metadata) {
  return start(user, TimerType::Effect, key, duration, metadata);
}

Outcome Timers::grant_access(const PlayerId& user, const std::string& key, Duration duration) {
  return start(user, TimerType::Access, key, duration, "{}");
}

std::optional<TimerView> timers::running(Reader& reader, const PlayerId& user, TimerType type,
                                         const std::string& key) {
  Query query(reader, std::string(kSelect) + " AND type = ?3 AND key = ?4", user, reader.now(),
              type_name(type), key);
  if (!query.step()) return std::nullopt;
  TimerView view = read(query, reader.now());
  return view;
}

std::optional<TimerView> Timers::find(const PlayerId& user, TimerType type,
                                      const std::string& key) const {
  return core_.read([&](Reader& reader) { return timers::running(reader, user, type, key); });
}

Duration Timers::cooldown_remaining(const PlayerId& user, const std::string& key) const {
  const auto timer = find(user, TimerType::Cooldown, key);
  return timer ? timer->remaining : Duration();
}

std::optional<TimerView> Timers::effect(const PlayerId& user, const std::string& key) const {
  return find(user, TimerType::Effect, key);
}

bool Timers::has_access(const PlayerId& user, const std::string& key) const {
  return find(user, TimerType::Access, key).has_value();
}

Outcome Timers::cancel(const PlayerId& user, TimerType type, const std::string& key) {
  return core_.run([&](Command& command) -> Outcome {
    Query end(command,
              "UPDATE user_timers SET expires_at = ?4, expired_at = ?4 WHERE user_id = ?1 AND "
              "type = ?2 AND key = ?3 AND expired_at IS NULL AND expires_at > ?4",
              user, type_name(type), key, command.now());
    if (end.exec() == 0) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("No '{}' timer of that kind is running.", key));
    }
    return {};
  });
}

std::vector<TimerView> Timers::active(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, std::string(kSelect) + " ORDER BY expires_at, key", user, reader.now());
    std::vector<TimerView> timers;
    while (query.step()) timers.push_back(read(query, reader.now()));
    return timers;
  });
}

void tick_timers(Command& command, GameTime to) {
  // A timer whose expired_at is set is not due again: each expiry is journaled once.
  expire_in_batches(
      command, to,
      "SELECT expires_at, CASE type WHEN 'EFFECT' THEN 'effect.expired' WHEN 'ACCESS' THEN "
      "'access.expired' WHEN 'COOLDOWN' THEN 'cooldown.expired' ELSE 'timer.expired' END, NULL, "
      "user_id, json_object('type', type, 'key', key) FROM user_timers WHERE expired_at IS NULL "
      "AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2",
      "UPDATE user_timers SET expired_at = expires_at WHERE rowid IN (SELECT rowid FROM "
      "user_timers WHERE expired_at IS NULL AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2)");
}

std::vector<Violation> timer_violations(Reader& reader) {
  Query query(reader,
              "SELECT user_id, type, key, expires_at FROM user_timers WHERE expired_at IS NULL "
              "AND expires_at <= (SELECT reached_at FROM game_clock WHERE id = 1) "
              "ORDER BY user_id, type, key");
  std::vector<Violation> found;
  while (query.step()) {
    found.push_back({"timers.overdue",
                     fmt::format("The {} timer '{}' of user '{}' expired at {} but is still "
                                 "running at the time the file has reached.",
                                 query.text(1), query.text(2), query.text(0), query.integer(3))});
  }
  return found;
}

}  // namespace hearth

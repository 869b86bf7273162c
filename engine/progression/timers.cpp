#include "hearth/progression/timers.h"

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/text.h"
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

TimerView read(SQLite::Statement& query, GameTime now) {
  TimerView view;
  view.type = type_of(query.getColumn(0).getString());
  view.key = query.getColumn(1).getString();
  view.expires_at = query.getColumn(2).getInt64();
  view.remaining = view.expires_at - now;
  view.metadata = query.getColumn(3).getString();
  return view;
}

}  // namespace

Outcome Timers::start(const std::string& user, TimerType type, const std::string& key,
                      GameTime duration, const std::string& metadata) {
  return core_.run([&](Command& command) -> Outcome {
    if (duration <= 0 || duration > kMaxGameTime - command.now()) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          "A timer's duration must be positive and end by the latest game time (the year 9999).");
    }
    if (Outcome valid = text::check("A timer key", key, 1, 100); !valid) return valid;
    SQLite::Statement& valid =
        command.prepare("SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' END");
    valid.bind(1, metadata);
    valid.executeStep();
    const bool object = valid.getColumn(0).getInt() != 0;
    valid.reset();
    if (!object) {
      return Outcome::refused(Refusal::InvalidArgument, "Timer metadata must be a JSON object.");
    }
    if (Outcome active = players::check_active(command, user); !active) return active;
    if (type == TimerType::Cooldown) {
      SQLite::Statement& running = command.prepare(
          "SELECT expires_at FROM user_timers WHERE user_id = ?1 AND type = 'COOLDOWN' "
          "AND key = ?2 AND expired_at IS NULL AND expires_at > ?3");
      running.bind(1, user);
      running.bind(2, key);
      running.bind(3, command.now());
      if (running.executeStep()) {
        const GameTime remaining = running.getColumn(0).getInt64() - command.now();
        running.reset();
        return Outcome::refused(
            Refusal::CooldownActive,
            fmt::format("The '{}' cooldown is active: {} left.", key, format_duration(remaining)));
      }
    }
    const GameTime expires_at = command.now() + duration;
    SQLite::Statement& upsert = command.prepare(
        "INSERT INTO user_timers (user_id, type, key, expires_at, metadata, expired_at) "
        "VALUES (?1, ?2, ?3, ?4, json(?5), NULL) ON CONFLICT (user_id, type, key) DO UPDATE "
        "SET expires_at = excluded.expires_at, metadata = excluded.metadata, expired_at = NULL");
    upsert.bind(1, user);
    upsert.bind(2, type_name(type));
    upsert.bind(3, key);
    upsert.bind(4, expires_at);
    upsert.bind(5, metadata);
    upsert.exec();
    command.schedule(expires_at);
    return {};
  });
}

Outcome Timers::start_cooldown(const std::string& user, const std::string& key, GameTime duration) {
  return start(user, TimerType::Cooldown, key, duration, "{}");
}

Outcome Timers::apply_effect(const std::string& user, const std::string& key, GameTime duration,
                             const std::string& metadata) {
  return start(user, TimerType::Effect, key, duration, metadata);
}

Outcome Timers::grant_access(const std::string& user, const std::string& key, GameTime duration) {
  return start(user, TimerType::Access, key, duration, "{}");
}

std::optional<TimerView> Timers::find(const std::string& user, TimerType type,
                                      const std::string& key) const {
  return core_.read([&](SQLite::Database&) -> std::optional<TimerView> {
    Command command(core_, core_.now());
    SQLite::Statement& query =
        command.prepare(std::string(kSelect) + " AND type = ?3 AND key = ?4");
    query.bind(1, user);
    query.bind(2, command.now());
    query.bind(3, type_name(type));
    query.bind(4, key);
    if (!query.executeStep()) return std::nullopt;
    TimerView view = read(query, command.now());
    query.reset();
    return view;
  });
}

GameTime Timers::cooldown_remaining(const std::string& user, const std::string& key) const {
  const auto timer = find(user, TimerType::Cooldown, key);
  return timer ? timer->remaining : 0;
}

std::optional<TimerView> Timers::effect(const std::string& user, const std::string& key) const {
  return find(user, TimerType::Effect, key);
}

bool Timers::has_access(const std::string& user, const std::string& key) const {
  return find(user, TimerType::Access, key).has_value();
}

Outcome Timers::cancel(const std::string& user, TimerType type, const std::string& key) {
  return core_.run([&](Command& command) -> Outcome {
    SQLite::Statement& end = command.prepare(
        "UPDATE user_timers SET expires_at = ?4, expired_at = ?4 WHERE user_id = ?1 AND "
        "type = ?2 AND key = ?3 AND expired_at IS NULL AND expires_at > ?4");
    end.bind(1, user);
    end.bind(2, type_name(type));
    end.bind(3, key);
    end.bind(4, command.now());
    if (end.exec() == 0) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("No '{}' timer of that kind is running.", key));
    }
    return {};
  });
}

std::vector<TimerView> Timers::active(const std::string& user) const {
  return core_.read([&](SQLite::Database&) {
    Command command(core_, core_.now());
    SQLite::Statement& query = command.prepare(std::string(kSelect) + " ORDER BY expires_at, key");
    query.bind(1, user);
    query.bind(2, command.now());
    std::vector<TimerView> timers;
    while (query.executeStep()) timers.push_back(read(query, command.now()));
    query.reset();
    return timers;
  });
}

void tick_timers(Command& command, GameTime to) {
  // Exactly once: the expiry event and expired_at are written in one transaction, and the due
  // query skips rows whose expired_at is set.
  SQLite::Statement& due = command.prepare(
      "SELECT user_id, type, key, expires_at FROM user_timers "
      "WHERE expired_at IS NULL AND expires_at <= ?1");
  due.bind(1, to);
  while (due.executeStep()) {
    const std::string type = due.getColumn(1).getString();
    const std::string event = type == "EFFECT"     ? "effect.expired"
                              : type == "ACCESS"   ? "access.expired"
                              : type == "COOLDOWN" ? "cooldown.expired"
                                                   : "timer.expired";
    command.emit_at(due.getColumn(3).getInt64(), event, "", due.getColumn(0).getString(),
                    Payload().add("type", type).add("key", due.getColumn(2).getString()).str());
  }
  due.reset();
  SQLite::Statement& expire = command.prepare(
      "UPDATE user_timers SET expired_at = expires_at WHERE expired_at IS NULL AND "
      "expires_at <= ?1");
  expire.bind(1, to);
  expire.exec();
}

}  // namespace hearth

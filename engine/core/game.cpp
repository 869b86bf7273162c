#include "hearth/game.h"

#include <algorithm>
#include <random>

#include <fmt/core.h>

#include "engine/core/access.h"
#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/tick.h"
#include "schema/schema.h"
#include "storage/migrations.h"

namespace hearth {

namespace {

constexpr const char* kEngineSource = "hearth";

std::vector<storage::MigrationSet> migration_sets(const GameOptions& options) {
  std::vector<storage::MigrationSet> sets(1);
  sets[0].source = kEngineSource;
  sets[0].owns_user_version = true;
  for (const schema::SqlFile& file : schema::files()) {
    sets[0].steps.push_back({std::string(file.name), file.sql});
  }
  if (!options.migrations.empty()) {
    if (options.game_name.empty() || options.game_name == kEngineSource) {
      throw Error(ErrorKind::Usage, "GameOptions::game_name must name the game's migrations.");
    }
    storage::MigrationSet& game = sets.emplace_back();
    game.source = options.game_name;
    for (const GameMigration& step : options.migrations) {
      game.steps.push_back({step.name, step.sql});
    }
  }
  return sets;
}

std::unique_ptr<storage::Database> open_database(const GameOptions& options) {
  storage::OpenOptions open;
  open.application_id = kApplicationId;
  open.durability = options.durability == Durability::Full ? storage::Durability::Full
                                                           : storage::Durability::Normal;
  open.busy_timeout_ms = options.busy_timeout_ms;
  open.cache_size_kib = options.cache_size_kib;
  open.read_only = options.read_only;
  auto db = std::make_unique<storage::Database>(options.path, open);
  if (!options.read_only) {
    storage::migrate(*db, migration_sets(options));
    return db;
  }
  const std::vector<std::string> waiting = storage::pending(*db, migration_sets(options));
  if (!waiting.empty()) {
    throw storage::FileRefused(fmt::format(
        "'{}' needs {} migration{} ({} first) before it can be read; open it for writing to "
        "migrate it.",
        options.path, waiting.size(), waiting.size() == 1 ? "" : "s", waiting.front()));
  }
  return db;
}

Event read_event(Query& query) {
  Event event;
  event.id = query.integer(0);
  event.at = query.integer(1);
  event.type = query.text(2);
  event.actor = query.text(3);
  event.subject = query.text(4);
  event.payload = query.text(5);
  return event;
}

}  // namespace

// Command ----------------------------------------------------------------------------------------

SQLite::Database& Reader::sql() { return core_.db().sql(); }

SQLite::Statement& Reader::prepare(std::string_view sql) { return core_.statement(sql); }

const Rules& Reader::rules() const { return core_.rules(); }

Random& Command::random() { return core_.random(); }

void Command::emit(std::string_view type, const std::string& actor, const std::string& subject,
                   const std::string& payload) {
  // Payloads from commands may come from a game: json() checks and compacts them.
  append_event(now_, type, actor, subject, payload,
               "INSERT INTO events (at, type, actor, subject, payload) "
               "VALUES (?1, ?2, NULLIF(?3, ''), NULLIF(?4, ''), json(?5)) RETURNING payload");
}

void Command::emit_at(GameTime at, std::string_view type, const std::string& actor,
                      const std::string& subject, const std::string& payload) {
  append_event(at, type, actor, subject, payload,
               "INSERT INTO events (at, type, actor, subject, payload) "
               "VALUES (?1, ?2, NULLIF(?3, ''), NULLIF(?4, ''), ?5) RETURNING payload");
}

void Command::erase_payloads(const std::string& subject, std::string_view type) {
  Query erase(*this,
              "UPDATE events SET payload = '{\"erased\":true}' WHERE subject = ? AND type = ?",
              subject, type);
  erase.exec();
}

void Command::append_event(GameTime at, std::string_view type, const std::string& actor,
                           const std::string& subject, const std::string& payload,
                           const char* statement) {
  // Numbered, not named: this runs once per event (166k times in a large tick), and looking the
  // names up costs about 5% of such a tick.
  {
    Query insert(*this, statement, at, type, actor, subject, payload);
    insert.step();
    if (core_.has_listeners()) {
      emitted_.push_back(
          {sql().getLastInsertRowid(), at, std::string(type), actor, subject, insert.text(0)});
    }
  }
  as_of(at, [&] { after_journaling(*this, type, subject, payload); });
}

std::int64_t Command::last_event_id() {
  Query last(*this, "SELECT ifnull(max(id), 0) FROM events");
  last.step();
  return last.integer(0);
}

void Command::journaled_since(std::int64_t after) {
  const bool listening = core_.has_listeners();
  if (!listening && !journal_rules_watching(*this)) return;
  std::vector<Event> written;
  {
    Query read(*this,
               "SELECT id, at, type, ifnull(actor, ''), ifnull(subject, ''), payload FROM events "
               "WHERE id > ? ORDER BY id",
               after);
    while (read.step()) {
      written.push_back({read.integer(0), read.integer(1), read.text(2), read.text(3), read.text(4),
                         read.text(5)});
    }
  }
  for (Event& event : written) {
    as_of(event.at, [&] { after_journaling(*this, event.type, event.subject, event.payload); });
    if (listening) emitted_.push_back(std::move(event));
  }
}

void Command::schedule(GameTime at) { core_.lower_next_due(at); }

void Command::set_next_due(GameTime at) { core_.set_next_due(at); }

void Command::note_reached(GameTime at) { core_.note_reached(at); }

GameTime Command::next_due() const { return core_.next_due(); }

// Core -------------------------------------------------------------------------------------------

Core::Core(GameOptions options) {
  if (options.tick_slice_rows < 1) {
    throw Error(ErrorKind::Usage, "GameOptions::tick_slice_rows must be at least 1.");
  }
  tick_slice_rows_ = options.tick_slice_rows;
  log_commands_ = options.log_commands;
  clock_ = options.clock ? options.clock : std::make_shared<SystemClock>();
  try {
    db_ = open_database(options);
  } catch (...) {
    rethrow_as_error();
  }
  const GameTime now = clock_->now();
  check_game_time(now);
  if (options.speed) check_speed(*options.speed);
  if (options.read_only) {
    if (options.time_mode || options.speed || options.rules) {
      throw Error(ErrorKind::Usage,
                  "A game opened read-only keeps the file's time mode, speed and rules.");
    }
    read_only_ = true;
    read([&](Reader& reader) {
      load_time();
      Query random(reader, "SELECT state FROM random_state WHERE id = 1");
      if (!random.step()) throw Error(ErrorKind::CorruptData, "random_state has no row.");
      random_ = Random(static_cast<std::uint64_t>(random.integer(0)));
      Query stored(reader, "SELECT document FROM rules WHERE id = 1");
      if (!stored.step()) throw Error(ErrorKind::CorruptData, "rules has no row.");
      load_rules(stored.text(0));
    });
    return;
  }
  if (options.rules) {
    if (const std::vector<std::string> problems = options.rules->problems(); !problems.empty()) {
      throw Error(ErrorKind::Usage, "The rules are not valid: " + problems.front());
    }
  }
  rules_ = options.rules.value_or(Rules{});
  run_unadvanced(now, [&](Command& command) {
    const bool fresh = [&] {
      Query clock(command, "SELECT count(*) FROM game_clock");
      clock.step();
      return clock.integer(0) == 0;
    }();
    if (fresh) {
      const std::uint64_t seed =
          options.seed ? *options.seed : std::random_device{}() * 0x100000001ULL;
      Query(command, "INSERT INTO game_clock (id, created_at, reached_at) VALUES (1, ?, ?)", now,
            now)
          .exec();
      time_ = TimeState{.mode = options.time_mode.value_or(TimeMode::RealTime),
                        .speed = options.speed.value_or(1.0),
                        .anchor_clock = now,
                        .anchor_game = now,
                        .last_clock = now,
                        .reached = now};
      store_time(command);
      Query random(command, "INSERT INTO random_state (id, seed, state) VALUES (1, ?, ?)",
                   static_cast<std::int64_t>(seed), static_cast<std::int64_t>(seed));
      random.exec();
      random_ = Random(seed);
    } else {
      Query random(command, "SELECT state FROM random_state WHERE id = 1");
      random.step();
      random_ = Random(static_cast<std::uint64_t>(random.integer(0)));
    }
    if (!fresh) {
      load_time();
      // The game's choices replace the file's; paused-while-closed resumes where it stopped.
      TimeState wanted = time_;
      if (options.time_mode) wanted.mode = *options.time_mode;
      if (options.speed) wanted.speed = *options.speed;
      const bool resume_here = wanted.mode == TimeMode::PausedWhileClosed;
      if (wanted != time_ || resume_here) {
        const GameTime at = resume_here ? time_.reached : game_time(now);
        time_ = wanted;
        time_.anchor_clock = now;
        time_.anchor_game = at;
        store_time(command);
      }
    }
    if (fresh || options.rules) {
      rules_document_ = rules_.to_json();
      if (!fresh) {
        Query stored(command, "SELECT document FROM rules WHERE id = 1");
        if (stored.step() && stored.text(0) != rules_document_) {
          stored.reset();
          reschedule_after_rules_change(command);
        }
      }
      Query save(command,
                 "INSERT INTO rules (id, document, updated_at) VALUES (1, ?, ?) "
                 "ON CONFLICT (id) DO UPDATE SET document = excluded.document, "
                 "updated_at = excluded.updated_at",
                 rules_document_, now);
      save.exec();
    } else {
      Query stored(command, "SELECT document FROM rules WHERE id = 1");
      stored.step();
      load_rules(stored.text(0));
    }
  });
}

void Core::load_rules(const std::string& document) {
  if (document == rules_document_) return;
  try {
    rules_ = Rules::from_json(document);
  } catch (const Error& error) {
    throw Error(ErrorKind::CorruptData, error.what());
  }
  rules_document_ = document;
}

namespace {

constexpr const char* kModeNames[] = {"real_time", "paused_while_closed", "manual"};

TimeMode mode_named(const std::string& name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kModeNames[i]) return static_cast<TimeMode>(i);
  }
  throw Error(ErrorKind::CorruptData,
              fmt::format("game_clock.mode '{}' is not a time mode.", name));
}

}  // namespace

void check_speed(double speed) {
  if (!(speed > 0.0 && speed <= 1e6)) {
    throw Error(ErrorKind::Usage,
                fmt::format("A game's speed is above 0 and at most 1000000, not {}.", speed));
  }
}

GameTime Core::game_time(GameTime reading) const {
  if (time_.mode == TimeMode::Manual) return time_.reached;
  double at = static_cast<double>(time_.anchor_game);
  if (!time_.paused) {
    at += static_cast<double>(reading - time_.anchor_clock) * time_.speed;
  }
  // Held to [0, INT64_MAX]: a command refuses a time past kMaxGameTime (check_game_time).
  const GameTime game = at >= 9.2e18 ? INT64_MAX : static_cast<GameTime>(std::max(at, 0.0));
  return std::max(game, time_.reached);
}

void Core::load_time() {
  Reader reader(*this, time_.reached);
  Query query(reader,
              "SELECT mode, speed, paused, ifnull(anchor_clock_at, -1), ifnull(anchor_game_at, 0), "
              "ifnull(last_clock_at, 0), reached_at FROM game_clock WHERE id = 1");
  if (!query.step()) throw Error(ErrorKind::CorruptData, "game_clock has no row.");
  time_.mode = mode_named(query.text(0));
  time_.speed = query.real(1);
  time_.paused = query.integer(2) != 0;
  time_.anchor_clock = query.integer(3);
  time_.anchor_game = query.integer(4);
  time_.last_clock = query.integer(5);
  time_.reached = query.integer(6);
  query.reset();
  if (time_.anchor_clock < 0) {
    // A save from before game time was kept: its game time was the clock's reading.
    time_.anchor_clock = 0;
    time_.anchor_game = 0;
  }
}

void Core::store_time(Command& command) {
  Query update(command,
               "UPDATE game_clock SET mode = :mode, speed = :speed, paused = :paused, "
               "anchor_clock_at = :anchor_clock, anchor_game_at = :anchor_game, last_clock_at = "
               "NULLIF(:last_clock, 0), reached_at = max(reached_at, :reached) WHERE id = 1",
               named(":mode", kModeNames[static_cast<int>(time_.mode)]),
               named(":speed", time_.speed), named(":paused", time_.paused ? 1 : 0),
               named(":anchor_clock", time_.anchor_clock), named(":anchor_game", time_.anchor_game),
               named(":last_clock", time_.last_clock), named(":reached", time_.reached));
  update.exec();
}

void Core::skip_to(Command& command, GameTime to) {
  time_.anchor_clock = clock_->now();
  time_.anchor_game = to;
  note_reached(to);
  store_time(command);
}

void Core::change_time(Command& command, const TimeState& wanted) {
  const GameTime reading = clock_->now();
  time_ = wanted;
  time_.anchor_clock = reading;
  time_.anchor_game = command.now();
  store_time(command);
}

GameTime Core::begin_command(Command& command, std::optional<GameTime> when, GameTime reading) {
  const GameTime at = when ? *when : game_time(reading);
  check_game_time(at);
  command.now_ = at;
  if (!when && time_.mode != TimeMode::Manual) {
    if (time_.last_clock != 0 && reading < time_.last_clock) {
      // The clock was set back: journaled, never applied backwards; game time goes on from
      // where it was.
      command.emit(ClockEvents::kRewound, "", "",
                   Payload().add("by", time_.last_clock - reading).add("clock", reading).str());
      time_.anchor_clock = reading;
      time_.anchor_game = command.now();
    } else if (time_.mode == TimeMode::RealTime && time_.last_clock != 0 &&
               reading - time_.last_clock > rules_.time.journal_jumps_over) {
      command.emit(ClockEvents::kJumped, "", "",
                   Payload().add("by", reading - time_.last_clock).add("clock", reading).str());
    }
    time_.last_clock = reading;
  }
  return at;
}

void Core::catch_up(GameTime to) {
  if (next_due_ != 0 && to < next_due_) return;  // nothing due: no transaction at all
  const auto slice = [&](Command& command) {
    command.limit_work(tick_slice_rows_);
    return advance_world(command, to);
  };
  while (!execute(to, false, slice)) {
  }
}

void check_game_time(GameTime time) {
  if (time < 0 || time > kMaxGameTime) {
    throw Error(ErrorKind::Usage,
                fmt::format("Game time {} is outside the range the engine keeps (0 to {}, the end "
                            "of the year 9999 UTC).",
                            time, kMaxGameTime));
  }
}

SQLite::Statement& Core::statement(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    // Compiled before it is cached: SQL that does not compile leaves no entry behind.
    auto compiled = std::make_unique<SQLite::Statement>(db_->sql(), std::string(sql));
    found = statements_.emplace(std::string(sql), Cached{std::move(compiled)}).first;
  } else {
    found->second.statement->tryReset();  // an error of its last run has been reported already
    found->second.statement->clearBindings();
  }
  Cached& cached = found->second;
  if (!cached.in_use) {
    cached.in_use = true;
    in_use_.push_back(&cached);
  }
  return *cached.statement;
}

void Core::notice_other_writers() {
  Reader reader(*this, time_.reached);
  std::int64_t now = 0;
  {
    Query version(reader, "PRAGMA data_version");
    version.step();
    now = version.integer(0);
  }
  if (now == data_version_) return;
  if (data_version_ != -1) {
    // Another connection has committed: what this one keeps in memory may be stale.
    {
      Query random(reader, "SELECT state FROM random_state WHERE id = 1");
      if (random.step()) random_ = Random(static_cast<std::uint64_t>(random.integer(0)));
    }
    {
      Query rules(reader, "SELECT document FROM rules WHERE id = 1");
      if (rules.step()) load_rules(rules.text(0));
    }
    load_time();
    quest_families_.reset();
    role_privileges_.reset();
  }
  next_due_ = 0;
  data_version_ = now;
}

void Core::reset_statements() {
  for (Cached* cached : in_use_) {
    cached->statement->tryReset();
    cached->in_use = false;
  }
  in_use_.clear();
}

void Core::save_random_state(Command& command) {
  Query save(command, "UPDATE random_state SET state = ? WHERE id = 1",
             static_cast<std::int64_t>(random_.state()));
  save.exec();
}

ListenerId Core::add_listener(EventListener listener) {
  listeners_.emplace_back(next_listener_, std::move(listener));
  return next_listener_++;
}

void Core::remove_listener(ListenerId id) {
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void Core::notify(const std::vector<Event>& events) {
  if (events.empty() || listeners_.empty()) return;
  const auto listeners = listeners_;  // a listener may add or remove listeners
  for (const Event& event : events) {
    for (const auto& [id, listener] : listeners) listener(event);
  }
}

// Game -------------------------------------------------------------------------------------------

Game::Game(GameOptions options) : core_(std::make_unique<Core>(std::move(options))) {}

Game::~Game() = default;

Game::Game(Game&&) noexcept = default;

Game& Game::operator=(Game&&) noexcept = default;

Core& core_of(Game& game) { return *game.core_; }

GameTime Game::now() const {
  return core_->read([this](Reader&) { return core_->now(); });
}

TimeMode Game::time_mode() const {
  return core_->read([this](Reader&) { return core_->time().mode; });
}

double Game::speed() const {
  return core_->read([this](Reader&) { return core_->time().speed; });
}

Outcome Game::pause() {
  return core_->run([&](Command& command) -> Outcome {
    if (core_->time().paused) return Outcome::refused(Refusal::AlreadyDone, "The game is paused.");
    Core::TimeState wanted = core_->time();
    wanted.paused = true;
    core_->change_time(command, wanted);
    command.emit(ClockEvents::kPaused, "", "", "{}");
    return {};
  });
}

Outcome Game::resume() {
  return core_->run([&](Command& command) -> Outcome {
    if (!core_->time().paused) {
      return Outcome::refused(Refusal::AlreadyDone, "The game is not paused.");
    }
    Core::TimeState wanted = core_->time();
    wanted.paused = false;
    core_->change_time(command, wanted);
    command.emit(ClockEvents::kResumed, "", "", "{}");
    return {};
  });
}

void Game::set_speed(double speed) {
  check_speed(speed);
  core_->run([&](Command& command) {
    Core::TimeState wanted = core_->time();
    wanted.speed = speed;
    core_->change_time(command, wanted);
  });
}

GameTime Game::reached_at() const {
  return core_->read([this](Reader&) { return core_->time().reached; });
}

void Game::advance_to(GameTime time) {
  check_game_time(time);
  // The world is caught up to `time` in slices first (Core::catch_up); the command records it.
  core_->run(time, [](Command&) {});
}

void Game::skip(Duration duration) {
  if (duration.ms() <= 0) throw Error(ErrorKind::Usage, "A skip must be a positive duration.");
  core_->run([&](Command& command) {
    if (duration.ms() > kMaxGameTime - command.now()) {
      throw Error(ErrorKind::Usage, "A skip may not pass the latest game time (the year 9999).");
    }
    const GameTime to = command.now() + duration;
    advance_world(command, to);
    core_->skip_to(command, to);
    command.emit(ClockEvents::kSkipped, "", "", Payload().add("by", duration.ms()).str());
  });
}

void Game::tick() {
  // A command with nothing to do: it reads the clock (journaling a jump or a rewind) and advances
  // the world to the game time now.
  core_->run([](Command&) {});
}

Outcome Game::atomically(const std::function<Outcome()>& work) { return core_->group(work); }

const Rules& Game::rules() const { return core_->rules(); }

std::string Game::new_uuid() {
  return core_->run([](Command& command) { return command.new_uuid(); });
}

std::int64_t Game::roll(std::int64_t low, std::int64_t high) {
  if (low > high) throw Error(ErrorKind::Usage, "roll(low, high) needs low <= high.");
  return core_->run([&](Command& command) { return command.random().between(low, high); });
}

ListenerId Game::on_event(EventListener listener) {
  return core_->add_listener(std::move(listener));
}

void Game::remove_listener(ListenerId id) { core_->remove_listener(id); }

std::vector<Event> Game::events(std::int64_t after_id, int limit) const {
  return core_->read([&](Reader& reader) {
    Query query(reader,
                "SELECT id, at, type, ifnull(actor, ''), ifnull(subject, ''), payload "
                "FROM events WHERE id > ? ORDER BY id LIMIT ?",
                after_id, limit);
    std::vector<Event> events;
    while (query.step()) events.push_back(read_event(query));
    return events;
  });
}

std::vector<Event> Game::events_about(const std::string& subject, int limit) const {
  return core_->read([&](Reader& reader) {
    Query query(reader,
                "SELECT * FROM (SELECT id, at, type, ifnull(actor, ''), "
                "ifnull(subject, ''), payload FROM events WHERE subject = ? "
                "ORDER BY id DESC LIMIT ?) ORDER BY id",
                subject, limit);
    std::vector<Event> events;
    while (query.step()) events.push_back(read_event(query));
    return events;
  });
}

void Game::save_as(const std::string& path) {
  try {
    storage::backup(core_->db(), path);
  } catch (...) {
    rethrow_as_error();
  }
}

int Game::schema_version() const {
  return core_->read([this](Reader&) { return storage::schema_version(core_->db()); });
}

}  // namespace hearth

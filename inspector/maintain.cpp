// hearth migrate, backup, advance, rules and the admin actions: the commands that change a file,
// each through the engine (or storage, for migrations and copies).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "storage/migrations.h"

#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/identity/players.h"
#include "inspector/file.h"
#include "inspector/output.h"

namespace hearth::inspector {

namespace {

// A user named by id or username.
PlayerId find_user(Game& game, const std::string& key) {
  if (auto view = game.players().find(key)) return view->id;
  if (auto view = game.players().find_by_username(key)) return view->id;
  throw Failure(kRefused, fmt::format("No user is '{}'.", key));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure(kMissing, fmt::format("Cannot read '{}'.", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Fields of `given` that Rules does not have (a typo would otherwise be ignored silently).
void unknown_fields(const rapidjson::Value& given, const rapidjson::Value& known,
                    const std::string& path, std::vector<std::string>& out) {
  if (!given.IsObject() || !known.IsObject()) return;
  for (auto member = given.MemberBegin(); member != given.MemberEnd(); ++member) {
    const std::string where = path + (path.empty() ? "" : ".") + member->name.GetString();
    const auto match = known.FindMember(member->name);
    if (match == known.MemberEnd()) {
      out.push_back(where);
    } else {
      unknown_fields(member->value, match->value, where, out);
    }
  }
}

}  // namespace

int migrate_status(const Common& common) {
  auto db = open_sql(common);
  const std::vector<std::string> waiting = storage::pending(*db, engine_migrations());
  if (waiting.empty()) {
    fmt::print("'{}' is up to date (schema version {}).\n", common.file,
               storage::schema_version(*db));
  } else {
    fmt::print("'{}' is at schema version {}; `hearth migrate up` would apply:\n", common.file,
               storage::schema_version(*db));
    for (const std::string& step : waiting) fmt::print("  {}\n", step);
  }
  return kOk;
}

int migrate_up(const Common& common) {
  std::string copy;
  {
    auto db = open_sql(common);
    const std::vector<std::string> waiting = storage::pending(*db, engine_migrations());
    if (waiting.empty()) {
      fmt::print("'{}' is up to date; nothing to do.\n", common.file);
      return kOk;
    }
    // The copy is made before anything is written, and never replaces an earlier one.
    const std::string base = fmt::format("{}.v{}.bak", common.file, storage::schema_version(*db));
    copy = base;
    for (int n = 2; std::filesystem::exists(copy); ++n) copy = fmt::format("{}{}", base, n);
    storage::backup(*db, copy);
  }
  try {
    storage::OpenOptions options;
    options.application_id = kApplicationId;
    options.busy_timeout_ms = common.busy_timeout_ms;
    storage::Database db(common.file, options);
    const int applied = storage::migrate(db, engine_migrations());
    fmt::print("applied {} migration{} (schema version {}); the file as it was is in '{}'.\n",
               applied, applied == 1 ? "" : "s", storage::schema_version(db), copy);
  } catch (...) {
    rethrow_as_failure();
  }
  return kOk;
}

int backup(const Common& common, const std::string& out) {
  std::error_code error;
  if (std::filesystem::equivalent(common.file, out, error)) {
    throw Failure(kUsage, "The copy must go to another file.");
  }
  auto db = open_sql(common);
  try {
    storage::backup(*db, out);
  } catch (...) {
    rethrow_as_failure();
  }
  fmt::print("copied '{}' to '{}' ({}).\n", common.file, out,
             size(static_cast<std::int64_t>(std::filesystem::file_size(out))));
  return kOk;
}

int advance(const Common& common, const std::string& to) {
  Game game = open_writing(common);
  const GameTime from = game.now();
  GameTime target = 0;
  if (to.starts_with('+')) {
    const auto length = parse_duration(std::string_view(to).substr(1));
    if (!length || *length <= 0) {
      throw Failure(kUsage,
                    fmt::format("'{}' is not a duration such as +90s, +15min, +2h, +3d.", to));
    }
    target = from + *length;
  } else {
    const auto when = parse_date(to);
    if (!when) {
      throw Failure(kUsage,
                    fmt::format("'{}' is neither a date (2026-03-01 or 2026-03-01T10:00:00Z) "
                                "nor a duration (+3d).",
                                to));
    }
    target = *when;
  }
  if (target <= from) {
    throw Failure(kRefused, fmt::format("The game is at {} already; game time never runs "
                                        "backwards.",
                                        date(from)));
  }
  // In steps, so that progress shows and no transaction holds the lock for long: the world
  // reached is the same whatever the steps (the time-driven rules are tick-rate independent).
  constexpr std::int64_t kSteps = 100;
  const std::int64_t span = target - from;
  Progress progress("advance", span / 1000, "game seconds");
  GameTime at = from;
  try {
    for (std::int64_t step = 1; step <= kSteps; ++step) {
      const GameTime next = from + span / kSteps * step + (step == kSteps ? span % kSteps : 0);
      if (next > at) game.skip(Duration(next - at));
      at = next;
      progress.advance((at - from) / 1000);
    }
  } catch (...) {
    rethrow_as_failure();
  }
  fmt::print("advanced from {} to {}.\n", date(from), date(game.now()));
  return kOk;
}

int rules_get(const Common& common) {
  Game game = open_reading(common);
  rapidjson::Document document;
  document.Parse(game.rules().to_json().c_str());
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  document.Accept(out);
  print_json(buffer);
  return kOk;
}

int rules_set(const Common& common, const std::string& path) {
  const std::string text = read_text(path);
  rapidjson::Document given;
  given.Parse(text.c_str(), text.size());
  if (given.HasParseError() || !given.IsObject()) {
    throw Failure(kUsage, fmt::format("'{}' is not a JSON object of rules.", path));
  }
  rapidjson::Document known;
  known.Parse(Rules{}.to_json().c_str());
  std::vector<std::string> unknown;
  unknown_fields(given, known, "", unknown);
  if (!unknown.empty()) {
    throw Failure(kUsage, fmt::format("'{}' names rules this build does not have: {}.", path,
                                      fmt::join(unknown, ", ")));
  }
  Rules rules;
  try {
    rules = Rules::from_json(text);
  } catch (const Error& error) {
    throw Failure(kUsage,
                  fmt::format("'{}' holds rules that are not valid: {}", path, error.what()));
  }
  if (const std::vector<std::string> problems = rules.problems(); !problems.empty()) {
    throw Failure(kUsage, fmt::format("'{}' holds rules that are not valid: {}", path,
                                      fmt::join(problems, " ")));
  }
  Game game = open_writing(common, rules);
  fmt::print("'{}' runs with the rules of '{}' from now on.\n", common.file, path);
  return kOk;
}

int ban(const Common& common, const std::string& user, const std::string& moderator,
        const std::string& reason, const std::optional<std::string>& length) {
  Game game = open_writing(common);
  NewBan ban{.issuer = find_user(game, moderator), .user = find_user(game, user), .reason = reason};
  if (length) {
    const auto ms = parse_duration(*length);
    if (!ms || *ms <= 0)
      throw Failure(kUsage, fmt::format("'{}' is not a duration such as 2h or 3d.", *length));
    ban.expires_at = game.now() + *ms;
  }
  const Result<BanView> done = game.access().ban(ban);
  require(done.outcome());
  fmt::print("banned '{}' (ban {}) {}.\n", user, done->id.value(),
             done->expires_at ? "until " + date(*done->expires_at) : std::string("until lifted"));
  return kOk;
}

int unban(const Common& common, const std::string& user, const std::string& moderator) {
  Game game = open_writing(common);
  const PlayerId who = find_user(game, user);
  const PlayerId by = find_user(game, moderator);
  const std::vector<BanView> bans = game.access().bans(who);
  if (bans.empty()) throw Failure(kRefused, fmt::format("'{}' has no ban in force.", user));
  require(game.atomically([&]() -> Outcome {
    for (const BanView& view : bans) {
      if (Outcome lifted = game.access().lift_ban(view.id, by); !lifted) return lifted;
    }
    return {};
  }));
  fmt::print("lifted {} ban{} of '{}'.\n", bans.size(), bans.size() == 1 ? "" : "s", user);
  return kOk;
}

int reset_password(const Common& common, const std::string& user, const std::string& password) {
  Game game = open_writing(common);
  const PlayerId who = find_user(game, user);
  require(game.atomically([&]() -> Outcome {
    const Result<std::string> token = game.accounts().issue_token(who, OneShotToken::PasswordReset);
    if (!token) return token.outcome();
    return game.accounts().reset_password(*token, password);
  }));
  fmt::print("the password of '{}' is reset; every log-in of theirs has ended.\n", user);
  return kOk;
}

}  // namespace hearth::inspector

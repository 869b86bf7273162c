#include "hearth/identity/cases.h"

#include <algorithm>
#include <limits>

#include <fmt/core.h>

#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/accounts_internal.h"
#include "engine/identity/players_internal.h"

#include "hearth/game.h"

namespace hearth {

ModerationCases Game::moderation_cases() { return ModerationCases(*core_); }

std::string_view to_string(CaseType type) {
  switch (type) {
    case CaseType::Warn:
      return "WARN";
    case CaseType::Timeout:
      return "TIMEOUT";
    case CaseType::Kick:
      return "KICK";
    case CaseType::Ban:
      return "BAN";
    case CaseType::Note:
      return "NOTE";
  }
  return "NOTE";
}

namespace {

constexpr std::int64_t kMaxReason = 500;
constexpr const char* kSystemName = "system";

CaseType type_of(const std::string& text) {
  for (CaseType type :
       {CaseType::Warn, CaseType::Timeout, CaseType::Kick, CaseType::Ban, CaseType::Note}) {
    if (to_string(type) == text) return type;
  }
  throw Error(ErrorKind::CorruptData, fmt::format("'{}' is not a case type.", text));
}

constexpr const char* kSelect =
    "SELECT case_id, type, ifnull(user_id, ''), username, ifnull(moderator_id, ''), "
    "moderator_name, reason, active, created_at, resolved_at, ifnull(resolved_by, ''), "
    "ifnull(resolved_reason, ''), metadata FROM moderation_cases ";

CaseView read_case(Query& query) {
  CaseView view;
  view.id = query.text(0);
  view.type = type_of(query.text(1));
  view.user = query.text(2);
  view.username = query.text(3);
  view.moderator = query.text(4);
  view.moderator_name = query.text(5);
  view.reason = query.text(6);
  view.active = query.flag(7);
  view.created_at = query.integer(8);
  if (!query.is_null(9)) view.resolved_at = query.integer(9);
  view.resolved_by = query.text(10);
  view.resolved_reason = query.text(11);
  const auto metadata =
      storage::from_json<ModerationMetadata>(query.text(12), kModerationMetadataColumn);
  view.duration = metadata.duration;
  view.ban = metadata.ban_id;
  view.auto_timeout = metadata.auto_timeout;
  view.warning_count = metadata.warning_count;
  return view;
}

std::optional<CaseView> find_case(Reader& reader, const std::string& id) {
  Query query(reader, std::string(kSelect) + "WHERE case_id = ?", id);
  if (!query.step()) return std::nullopt;
  return read_case(query);
}

std::string username_of(Reader& reader, const PlayerId& user) {
  Query query(reader, "SELECT username FROM users WHERE id = ?", user);
  query.step();
  return query.text(0);
}

// Writes a case with the next number (the write lock makes the sequence race-free); returns its
// id. An empty moderator is the system.
std::string insert_case(Command& command, CaseType type, const PlayerId& user,
                        const PlayerId& moderator, const std::string& reason,
                        const ModerationMetadata& metadata) {
  const std::string username = username_of(command, user);
  const std::string moderator_name =
      moderator.value().empty() ? kSystemName : username_of(command, moderator);
  Query insert(command,
               "INSERT INTO moderation_cases (id, case_id, type, user_id, username, moderator_id, "
               "moderator_name, reason, metadata, active, created_at) SELECT n, "
               "printf('CASE-%04d', n), :type, :user, :username, NULLIF(:moderator, ''), "
               ":moderator_name, :reason, :metadata, :active, :now FROM (SELECT "
               "ifnull(max(id), 0) + 1 AS n FROM moderation_cases) RETURNING case_id",
               named(":type", to_string(type)), named(":user", user), named(":username", username),
               named(":moderator", moderator.value()), named(":moderator_name", moderator_name),
               named(":reason", reason), named(":metadata", storage::to_json(metadata)),
               named(":active", type == CaseType::Warn), named(":now", command.now()));
  insert.step();
  std::string id = insert.text(0);
  insert.reset();
  command.emit(CaseEvents::kOpened, moderator, user,
               Payload()
                   .add("case", id)
                   .add("type", to_string(type))
                   .add("auto_timeout", metadata.auto_timeout)
                   .str());
  return id;
}

// Bans the user for `duration` (none: without an end), as the moderator or (by_system) as a
// rule. Returns the ban's id.
Result<std::int64_t> ban_for(Command& command, const NewCase& entry, bool by_system,
                             std::optional<Duration> duration) {
  NewBan ban;
  ban.issuer = entry.moderator;
  ban.user = entry.user;
  ban.reason = entry.reason;
  if (duration) ban.expires_at = command.now() + duration->ms();
  const auto issued = access::issue_ban(command, ban, by_system);
  if (!issued) return issued.outcome();
  return issued->id.value();
}

}  // namespace

Result<CaseView> ModerationCases::open(const NewCase& entry) {
  return core_.run([&](Command& command) -> Result<CaseView> {
    if (Outcome valid = text::check("A case's reason", entry.reason, 1, kMaxReason); !valid) {
      return valid;
    }
    if (Outcome may = access::require(command, entry.moderator, "moderate"); !may) return may;
    const std::optional<bool> deleted = players::deleted(command, entry.user);
    if (!deleted) return Outcome::refused(Refusal::NotFound, "There is no such user.");
    if (*deleted) return Outcome::refused(Refusal::NotAllowed, "The user is deleted.");
    if (entry.user == entry.moderator) {
      return Outcome::refused(Refusal::NotAllowed, "A moderator opens no case about themselves.");
    }
    const bool timed = entry.type == CaseType::Timeout || entry.type == CaseType::Ban;
    if (timed && entry.duration &&
        (entry.duration->ms() <= 0 || entry.duration->ms() > kMaxGameTime - command.now())) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A case's duration is positive and ends by the year 9999.");
    }
    if (entry.type == CaseType::Timeout && !entry.duration) {
      return Outcome::refused(Refusal::InvalidArgument, "A timeout has a duration.");
    }
    ModerationMetadata metadata;
    if (timed) {
      const auto ban = ban_for(command, entry, false, entry.duration);
      if (!ban) return ban.outcome();
      metadata.ban_id = *ban;
      metadata.duration = entry.duration ? entry.duration->ms() : 0;
    } else if (entry.type == CaseType::Kick) {
      accounts::end_sessions(command, entry.user);
    }
    const std::string id =
        insert_case(command, entry.type, entry.user, entry.moderator, entry.reason, metadata);
    const std::int64_t threshold = command.rules().moderation.auto_timeout_warnings;
    if (entry.type == CaseType::Warn && threshold > 0) {
      Query count(command,
                  "SELECT count(*) FROM moderation_cases WHERE user_id = ? AND active = 1 AND "
                  "type = 'WARN'",
                  entry.user);
      count.step();
      const std::int64_t warnings = count.integer(0);
      count.reset();
      if (warnings >= threshold) {
        const Duration length(command.rules().moderation.auto_timeout);
        if (length.ms() <= 0) {
          throw Error(ErrorKind::Usage, "Rules::moderation.auto_timeout is positive.");
        }
        ModerationMetadata automatic;
        const auto ban = ban_for(command, entry, true, length);
        if (!ban) return ban.outcome();
        automatic.ban_id = *ban;
        automatic.duration = length.ms();
        automatic.auto_timeout = true;
        automatic.warning_count = warnings;
        insert_case(command, CaseType::Timeout, entry.user, PlayerId(),
                    fmt::format("{} active warnings", warnings), automatic);
      }
    }
    return *find_case(command, id);
  });
}

Outcome ModerationCases::resolve(const PlayerId& moderator, const std::string& id,
                                 const std::string& reason) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome valid = text::check("A resolution's reason", reason, 1, kMaxReason); !valid) {
      return valid;
    }
    if (Outcome may = access::require(command, moderator, "moderate"); !may) return may;
    const auto found = find_case(command, id);
    if (!found) return Outcome::refused(Refusal::NotFound, fmt::format("There is no {}.", id));
    if (found->resolved_at) {
      return Outcome::refused(Refusal::AlreadyDone, fmt::format("{} is resolved already.", id));
    }
    Query resolve(command,
                  "UPDATE moderation_cases SET active = 0, resolved_at = ?1, resolved_by = ?2, "
                  "resolved_reason = ?3 WHERE case_id = ?4",
                  command.now(), moderator, reason, id);
    resolve.exec();
    command.emit(CaseEvents::kResolved, moderator, found->user,
                 Payload().add("case", id).add("type", to_string(found->type)).str());
    return {};
  });
}

std::optional<CaseView> ModerationCases::find(const std::string& id) const {
  return core_.read([&](Reader& reader) { return find_case(reader, id); });
}

std::vector<CaseView> ModerationCases::search(const CaseFilter& filter) const {
  return core_.read([&](Reader& reader) {
    std::vector<CaseView> found;
    const std::int64_t limit =
        std::clamp<std::int64_t>(filter.limit, 0, reader.rules().moderation.page);
    std::int64_t before = std::numeric_limits<std::int64_t>::max();
    if (!filter.before.empty()) {
      Query cursor(reader, "SELECT id FROM moderation_cases WHERE case_id = ?", filter.before);
      if (!cursor.step()) return found;
      before = cursor.integer(0);
    }
    // Only the conditions the filter sets, so that each search reads its index.
    std::string where = "WHERE id < :before";
    if (!filter.user.value().empty()) where += " AND user_id = :user";
    if (filter.type) where += " AND type = :type";
    if (filter.active) where += " AND active = :active";
    Query query(reader, std::string(kSelect) + where + " ORDER BY id DESC LIMIT :limit",
                named(":before", before), named(":limit", limit));
    if (!filter.user.value().empty()) query.set(":user", filter.user.value());
    if (filter.type) query.set(":type", std::string(to_string(*filter.type)));
    if (filter.active) query.set(":active", *filter.active);
    while (query.step()) found.push_back(read_case(query));
    return found;
  });
}

std::int64_t ModerationCases::active_warnings(const PlayerId& user) const {
  return core_.read([&](Reader& reader) -> std::int64_t {
    Query count(reader,
                "SELECT count(*) FROM moderation_cases WHERE user_id = ? AND active = 1 AND "
                "type = 'WARN'",
                user);
    count.step();
    return count.integer(0);
  });
}

}  // namespace hearth

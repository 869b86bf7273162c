// What players do with content besides owning it: favorites, votes, reports and their moderation.
#include <array>

#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"

#include "hearth/catalog/catalog.h"
#include "hearth/core/error.h"

namespace hearth {

namespace {

constexpr std::int64_t kMaxReason = 100;
constexpr std::int64_t kMaxText = 2000;

constexpr std::array<std::string_view, 4> kReportWords = {"open", "closed", "invalid", "resolved"};

ReportStatus report_status(const std::string& word) {
  for (std::size_t i = 0; i < kReportWords.size(); ++i) {
    if (kReportWords[i] == word) return static_cast<ReportStatus>(i);
  }
  return ReportStatus::Open;
}

// Ok when `user` may act with `privilege` on content they can see.
Outcome check_seen(Reader& reader, const PlayerId& user, ContentId content,
                   std::string_view privilege) {
  if (Outcome may = access::require(reader, user, privilege); !may) return may;
  const std::optional<ContentView> view = catalog::load(reader, content);
  if (!view || !catalog::visible(reader, *view, user)) {
    return Outcome::refused(Refusal::NotFound, "There is no such content.");
  }
  return {};
}

std::vector<ReportView> read_reports(Query& query) {
  std::vector<ReportView> found;
  while (query.step()) {
    found.push_back({query.integer(0), query.integer(1), query.text(2), query.text(3),
                     query.text(4), report_status(query.text(5)), query.text(6), query.text(7),
                     query.integer(8)});
  }
  return found;
}

constexpr const char* kReportColumns =
    "SELECT id, content_id, user_id, reason, description, status, ifnull(moderator_id, ''), "
    "ifnull(notes, ''), created_at FROM content_reports ";

}  // namespace

Outcome Catalog::favorite(const PlayerId& user, ContentId content) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome seen = check_seen(command, user, content, "community"); !seen) return seen;
    Query add(command,
              "INSERT OR IGNORE INTO favorites (content_id, user_id, created_at, updated_at) "
              "VALUES (?1, ?2, ?3, ?3)",
              content.value(), user, command.now());
    add.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "It is a favorite already.");
    }
    return {};
  });
}

Outcome Catalog::unfavorite(const PlayerId& user, ContentId content) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, user, "web"); !may) return may;
    Query drop(command, "DELETE FROM favorites WHERE content_id = ? AND user_id = ?",
               content.value(), user);
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "It is not a favorite.");
    }
    return {};
  });
}

Outcome Catalog::vote(const PlayerId& user, ContentId content, Vote vote) {
  const std::string_view word = vote == Vote::Up ? "up" : vote == Vote::Down ? "down" : "";
  if (word.empty()) return Outcome::refused(Refusal::InvalidArgument, "A vote is up or down.");
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome seen = check_seen(command, user, content, "community"); !seen) return seen;
    Query owns(command,
               "SELECT 1 FROM content_ownerships WHERE user_id = ? AND content_id = ? AND "
               "serial IS NOT NULL AND ended_at IS NULL",
               user, content.value());
    if (!owns.step()) {
      return Outcome::refused(Refusal::NotAllowed, "Only a player who owns it votes on it.");
    }
    owns.reset();
    Query upsert(command,
                 "INSERT INTO content_votes (content_id, user_id, vote, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (user_id, content_id) DO UPDATE SET "
                 "vote = excluded.vote, updated_at = excluded.updated_at "
                 "WHERE vote <> excluded.vote",
                 content.value(), user, word, command.now());
    upsert.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "That is the vote there already.");
    }
    return {};
  });
}

Reception Catalog::reception(ContentId content) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT (SELECT count(*) FROM favorites WHERE content_id = ?1), "
                "(SELECT count(*) FROM content_votes WHERE content_id = ?1 AND vote = 'up'), "
                "(SELECT count(*) FROM content_votes WHERE content_id = ?1 AND vote = 'down')",
                content.value());
    query.step();
    return Reception{query.integer(0), query.integer(1), query.integer(2)};
  });
}

Result<ReportView> Catalog::report(const PlayerId& user, ContentId content,
                                   const std::string& reason, const std::string& description) {
  if (Outcome valid = text::check("A report's reason", reason, 1, kMaxReason); !valid) {
    return valid;
  }
  if (Outcome valid = text::check_optional("A report's description", description, kMaxText);
      !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Result<ReportView> {
    if (Outcome seen = check_seen(command, user, content, "report"); !seen) return seen;
    Query add(command,
              "INSERT INTO content_reports (content_id, user_id, reason, description, "
              "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
              content.value(), user, reason, description, command.now());
    add.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit(CatalogEvents::kReported, user, "",
                 Payload().add("report", id).add("content", content.value()).str());
    Query read(command, std::string(kReportColumns) + "WHERE id = ?", id);
    return read_reports(read).front();
  });
}

Outcome Catalog::end_report(const PlayerId& moderator, std::int64_t report, ReportStatus status,
                            const std::string& notes) {
  if (status == ReportStatus::Open || static_cast<std::size_t>(status) >= kReportWords.size()) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A report ends as closed, invalid or resolved.");
  }
  if (Outcome valid = text::check_optional("Notes", notes, kMaxText); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, moderator, "contentmod"); !may) return may;
    Query read(command, std::string(kReportColumns) + "WHERE id = ?", report);
    const std::vector<ReportView> found = read_reports(read);
    if (found.empty()) return Outcome::refused(Refusal::NotFound, "There is no such report.");
    if (found.front().status != ReportStatus::Open) {
      return Outcome::refused(Refusal::AlreadyDone, "The report has ended already.");
    }
    const std::string_view word = kReportWords[static_cast<std::size_t>(status)];
    Query end(command,
              "UPDATE content_reports SET status = ?1, moderator_id = ?2, notes = NULLIF(?3, ''), "
              "resolved_at = ?4, updated_at = ?4 WHERE id = ?5",
              word, moderator, notes, command.now(), report);
    end.exec();
    command.emit(CatalogEvents::kReportEnded, moderator, found.front().reporter,
                 Payload().add("report", report).add("status", word).str());
    return {};
  });
}

std::vector<ReportView> Catalog::open_reports(int limit) const {
  return core_.read([&](Reader& reader) {
    if (limit < 1 || limit > 200) {
      throw Error(ErrorKind::Usage, fmt::format("A page holds 1 to 200 reports, not {}.", limit));
    }
    Query query(
        reader,
        std::string(kReportColumns) + "WHERE status = 'open' ORDER BY created_at, id LIMIT ?",
        limit);
    return read_reports(query);
  });
}

}  // namespace hearth

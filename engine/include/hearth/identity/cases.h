// Moderation cases: the record of what moderators did about a user — warnings, timeouts, kicks,
// bans and notes — numbered CASE-0001, CASE-0002… (docs/rules.md, "Moderation cases").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

enum class CaseType { Warn, Timeout, Kick, Ban, Note };

// The type as the file spells it: "WARN", "TIMEOUT", "KICK", "BAN", "NOTE".
std::string_view to_string(CaseType type);

// A case to open.
struct NewCase {
  CaseType type = CaseType::Note;
  PlayerId moderator;  // who opens it: needs "moderate"
  PlayerId user;       // whom it is about
  std::string reason;  // 1 to 500 characters
  // TIMEOUT: how long the user is kept out (a full ban until then; the moderator needs "ban",
  // and at most Rules::access.longest_limited_ban). BAN: how long, or none for a ban without an
  // end ("permaban"). Ignored for the other types.
  std::optional<Duration> duration;
};

struct CaseView {
  std::string id;  // "CASE-0001"
  CaseType type = CaseType::Note;
  PlayerId user;         // empty once the user's row is gone
  std::string username;  // as it was when the case was opened
  PlayerId moderator;    // empty for the system (an automatic timeout)
  std::string moderator_name;
  std::string reason;
  bool active = false;  // an unresolved warning
  GameTime created_at = 0;
  std::optional<GameTime> resolved_at;
  PlayerId resolved_by;
  std::string resolved_reason;
  GameTime duration = 0;  // TIMEOUT/BAN: how long; 0 = no end, or not timed
  BanId ban;              // TIMEOUT/BAN: the ban that enforces it
  bool auto_timeout = false;
  std::int64_t warning_count = 0;  // an automatic timeout: the active warnings that set it off

  bool operator==(const CaseView&) const = default;
};

// What to search for; every field set narrows it. Newest first, a page at a time.
struct CaseFilter {
  PlayerId user;
  std::optional<CaseType> type;
  std::optional<bool> active;
  std::string before;       // continue after this case id (the last of the previous page)
  std::int64_t limit = 50;  // at most Rules::moderation.page
};

// The moderation cases of a game. Obtain it from Game::moderation_cases().
class ModerationCases {
 public:
  explicit ModerationCases(Core& core) : core_(core) {}

  // Opens a case. WARN starts active; when the user then has Rules::moderation.
  // auto_timeout_warnings active warnings, a TIMEOUT case by the system follows and the user is
  // banned for Rules::moderation.auto_timeout. TIMEOUT and BAN ban the user (Access's rules);
  // KICK ends every log-in of the user. Refuses a moderator without "moderate" (or without the ban
  // authority a TIMEOUT or BAN needs), a moderator acting on themselves, an unknown or deleted
  // user, a reason that is not 1 to 500 characters, a duration that is not positive.
  Result<CaseView> open(const NewCase& entry);

  // Resolves a case (any type): it stops being active, with who and why. Refuses an unknown case,
  // one resolved already (AlreadyDone), a reason that is not 1 to 500 characters, and a moderator
  // without "moderate". A ban a case made stays: lift it with Access::lift_ban.
  Outcome resolve(const PlayerId& moderator, const std::string& id, const std::string& reason);

  std::optional<CaseView> find(const std::string& id) const;

  // Cases matching the filter, newest first, at most min(filter.limit, Rules::moderation.page).
  std::vector<CaseView> search(const CaseFilter& filter) const;

  // The user's unresolved warnings.
  std::int64_t active_warnings(const PlayerId& user) const;

 private:
  Core& core_;
};

// The event types moderation cases journal (payloads: docs/rules.md).
struct CaseEvents {
  static constexpr std::string_view kOpened = "case.opened";
  static constexpr std::string_view kResolved = "case.resolved";
};

}  // namespace hearth

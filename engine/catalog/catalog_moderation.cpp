// Moderating revisions: approve, reject (with a reason, a penalty ban, the assets removed, the
// content restricted) or forward to a reviewer who may edit everything.
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

constexpr std::int64_t kMaxDescription = 2000;

const char* action_word(Moderation::Action action) {
  switch (action) {
    case Moderation::Action::Approve:
      return "approve";
    case Moderation::Action::Reject:
      return "reject";
    case Moderation::Action::Forward:
      return "forward";
  }
  return "";
}

const char* reason_word(RejectionReason reason) {
  switch (reason) {
    case RejectionReason::Tos:
      return "tos";
    case RejectionReason::Illegal:
      return "illegal";
    case RejectionReason::Dmca:
      return "dmca";
    case RejectionReason::Other:
      return "other";
  }
  return "";
}

}  // namespace

Outcome Catalog::moderate(const PlayerId& moderator, std::int64_t revision,
                          const Moderation& decision) {
  const std::string_view action = action_word(decision.action);
  const bool reject = decision.action == Moderation::Action::Reject;
  if (action.empty() || (reject && std::string_view(reason_word(decision.reason)).empty())) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown moderation action or reason.");
  }
  if (Outcome valid = text::check_optional("A description", decision.description, kMaxDescription);
      !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, moderator, "contentmod"); !may) return may;
    Query read(command, std::string(catalog::kRevisionColumns) + "WHERE id = ?", revision);
    const std::vector<RevisionView> found = catalog::read_revisions(read);
    if (found.empty()) return Outcome::refused(Refusal::NotFound, "There is no such revision.");
    const RevisionView& pending = found.front();
    if (pending.status != RevisionStatus::Pending) {
      return Outcome::refused(Refusal::AlreadyDone, "The revision has been decided already.");
    }
    if (pending.forwarded) {
      if (Outcome may = access::require(command, moderator, "contentedit"); !may) return may;
    }
    const std::optional<ContentView> content = catalog::load(command, pending.content);
    if (content->author == moderator) {
      return Outcome::refused(Refusal::NotAllowed, "Nobody moderates their own content.");
    }
    Query record(command,
                 "INSERT INTO moderator_actions (content_id, revision_id, action, user_id, "
                 "penalty, asset_delete, rejection_reason, description, created_at, updated_at) "
                 "VALUES (:content, :revision, :action, :moderator, :penalty, :assets, :reason, "
                 "NULLIF(:description, ''), :now, :now)",
                 named(":content", pending.content.value()), named(":revision", revision),
                 named(":action", action), named(":moderator", moderator.value()),
                 named(":penalty", reject && decision.penalty),
                 named(":assets", reject && decision.asset_delete),
                 named(":reason", reject ? std::optional<std::string>(reason_word(decision.reason))
                                         : std::nullopt),
                 named(":description", decision.description), named(":now", command.now()));
    record.exec();
    const std::int64_t action_id = command.last_insert_id();
    switch (decision.action) {
      case Moderation::Action::Approve: {
        Query approve(command,
                      "UPDATE content_revisions SET status = 'approved', updated_at = ? WHERE "
                      "id = ?",
                      command.now(), revision);
        approve.exec();
        catalog::show_revision(command, pending.content, pending.name, pending.description,
                               pending.author);
        break;
      }
      case Moderation::Action::Forward: {
        Query forward(command,
                      "UPDATE content_revisions SET forwarded = 1, updated_at = ? WHERE id = ?",
                      command.now(), revision);
        forward.exec();
        break;
      }
      case Moderation::Action::Reject: {
        Query turn_down(command,
                        "UPDATE content_revisions SET status = 'rejected', updated_at = ? WHERE "
                        "id = ?",
                        command.now(), revision);
        turn_down.exec();
        if (decision.asset_delete) {
          Query assets(command, "DELETE FROM object_assets WHERE revision_id = ?", revision);
          assets.exec();
        }
        if (decision.restrict) {
          Query hide(command, "UPDATE content SET restricted = 1, updated_at = ? WHERE id = ?",
                     command.now(), pending.content.value());
          hide.exec();
        }
        if (decision.penalty) {
          NewBan ban;
          ban.issuer = moderator;
          ban.user = pending.author;
          ban.reason =
              fmt::format("Content rejected ({}): {}", reason_word(decision.reason), content->name);
          ban.expires_at = command.now() + command.rules().catalog.penalty_ban;
          const Result<BanView> issued = access::issue_ban(command, ban);
          if (!issued) return issued.outcome();
          Query link(command,
                     "INSERT INTO moderator_action_bans (moderator_action_id, ban_id) VALUES "
                     "(?, ?)",
                     action_id, issued->id.value());
          link.exec();
        }
        break;
      }
    }
    command.emit(CatalogEvents::kModerated, moderator, pending.author,
                 Payload()
                     .add("content", pending.content.value())
                     .add("revision", revision)
                     .add("action", action)
                     .str());
    return {};
  });
}

std::vector<RevisionView> Catalog::pending_revisions(int limit) const {
  return core_.read([&](Reader& reader) {
    if (limit < 1 || limit > 200) {
      throw Error(ErrorKind::Usage, fmt::format("A page holds 1 to 200 revisions, not {}.", limit));
    }
    Query query(reader,
                std::string(catalog::kRevisionColumns) +
                    "WHERE status = 'pending' ORDER BY created_at, id LIMIT ?",
                limit);
    return catalog::read_revisions(query);
  });
}

}  // namespace hearth

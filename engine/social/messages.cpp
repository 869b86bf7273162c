#include "hearth/social/messages.h"

#include <optional>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/messages_internal.h"
#include "engine/social/relations_internal.h"
#include "engine/social/teams_internal.h"

#include "hearth/core/error.h"
#include "hearth/game.h"

namespace hearth {

Messages Game::messages() { return Messages(*core_); }

std::string_view to_string(MessageKind kind) {
  switch (kind) {
    case MessageKind::Player:
      return "player";
    case MessageKind::Team:
      return "team";
    case MessageKind::System:
      return "system";
  }
  return "";
}

std::string_view to_string(MessagePriority priority) {
  switch (priority) {
    case MessagePriority::Low:
      return "low";
    case MessagePriority::Normal:
      return "normal";
    case MessagePriority::High:
      return "high";
    case MessagePriority::Urgent:
      return "urgent";
  }
  return "";
}

namespace {

MessageKind kind_named(const std::string& name) {
  if (name == "team") return MessageKind::Team;
  if (name == "system") return MessageKind::System;
  return MessageKind::Player;
}

MessagePriority priority_named(const std::string& name) {
  if (name == "low") return MessagePriority::Low;
  if (name == "high") return MessagePriority::High;
  if (name == "urgent") return MessagePriority::Urgent;
  return MessagePriority::Normal;
}

// The columns read_view() reads; `{}` is the expression of the reader's read time.
constexpr const char* kColumns =
    "SELECT m.id, m.message_type, ifnull(m.sender_id, ''), ifnull(m.recipient_id, ''), "
    "ifnull(m.team_id, ''), ifnull(m.subject, ''), m.content, m.priority, m.thread_id, "
    "ifnull(m.reply_to_id, ''), m.sent_at, {}, m.flagged, ifnull(m.flagged_reason, '') "
    "FROM messages m ";

MessageView read_view(Query& query) {
  MessageView view;
  view.id = query.text(0);
  view.kind = kind_named(query.text(1));
  view.sender = query.text(2);
  view.recipient = query.text(3);
  view.team = query.text(4);
  view.subject = query.text(5);
  view.content = query.text(6);
  view.priority = priority_named(query.text(7));
  view.thread = query.text(8);
  view.reply_to = query.text(9);
  view.sent_at = query.integer(10);
  if (!query.is_null(11)) view.read_at = query.integer(11);
  view.flagged = query.flag(12);
  view.flagged_reason = query.text(13);
  return view;
}

// A message's row as the rules about it need it.
struct Row {
  std::string id;
  MessageKind kind = MessageKind::Player;
  PlayerId sender;
  PlayerId recipient;
  TeamId team;
  std::string thread;
  GameTime sent_at = 0;
  bool deleted_by_sender = false;
  bool deleted_by_recipient = false;
  bool flagged = false;
  bool hidden = false;
};

std::optional<Row> load(Reader& reader, const std::string& id) {
  Query query(reader,
              "SELECT id, message_type, ifnull(sender_id, ''), ifnull(recipient_id, ''), "
              "ifnull(team_id, ''), thread_id, sent_at, deleted_by_sender, deleted_by_recipient, "
              "flagged, moderation_status IS NOT NULL FROM messages WHERE id = ?",
              id);
  if (!query.step()) return std::nullopt;
  return Row{query.text(0), kind_named(query.text(1)), query.text(2), query.text(3), query.text(4),
             query.text(5), query.integer(6),          query.flag(7), query.flag(8), query.flag(9),
             query.flag(10)};
}

// Whether `user` takes part in the message: its sender, its recipient, or a member of its team
// who was one when it was sent.
bool takes_part(Reader& reader, const Row& row, const PlayerId& user) {
  if (row.sender == user || row.recipient == user) return true;
  if (row.team.empty()) return false;
  const std::optional<teams::Membership> member = teams::membership(reader, user);
  return member && member->team == row.team && member->joined_at <= row.sent_at;
}

// Whether `user` sees the message: takes part, has not deleted it, and it is not hidden.
bool sees(Reader& reader, const Row& row, const PlayerId& user) {
  if (row.hidden || !takes_part(reader, row, user)) return false;
  if (row.sender == user) return !row.deleted_by_sender;
  if (row.recipient == user) return !row.deleted_by_recipient;
  return true;
}

Outcome not_found() { return Outcome::refused(Refusal::NotFound, "There is no such message."); }

Outcome check_text(const MessageRules& rules, const std::string& subject,
                   const std::string& content) {
  if (Outcome valid = text::check_optional("A subject", subject, rules.max_subject); !valid) {
    return valid;
  }
  return text::check("A message", content, 1, rules.max_content);
}

// Refuses a sender who has sent the rules' most messages within the window before now.
Outcome check_rate(Reader& reader, const PlayerId& sender) {
  const MessageRules& rules = reader.rules().messages;
  Query recent(reader,
               "SELECT count(*), min(sent_at) FROM (SELECT sent_at FROM messages "
               "WHERE sender_id = ?1 AND sent_at > ?2 ORDER BY sent_at DESC LIMIT ?3)",
               sender, reader.now() - rules.rate_window, rules.rate_limit);
  recent.step();
  if (recent.integer(0) < rules.rate_limit) return {};
  const GameTime free_at = recent.integer(1) + rules.rate_window;
  return Outcome::refused(Refusal::CooldownActive,
                          fmt::format("At most {} messages in {}: wait {}.", rules.rate_limit,
                                      format_duration(Duration(rules.rate_window)),
                                      format_duration(Duration(free_at - reader.now()))));
}

// Inserts a message; returns its view as its sender (or, for a system message, its recipient)
// sees it.
MessageView insert(Command& command, const NewMessage& message, MessageKind kind,
                   const std::string& thread) {
  const std::string id = command.new_uuid();
  Query add(command,
            "INSERT INTO messages (id, sender_id, recipient_id, team_id, subject, content, "
            "sent_at, thread_id, reply_to_id, message_type, priority) VALUES (:id, "
            "NULLIF(:sender, ''), NULLIF(:recipient, ''), NULLIF(:team, ''), NULLIF(:subject, ''), "
            ":content, :now, :thread, NULLIF(:reply_to, ''), :kind, :priority)",
            named(":id", id), named(":sender", message.sender.value()),
            named(":recipient", message.recipient.value()), named(":team", message.team.value()),
            named(":subject", message.subject), named(":content", message.content),
            named(":now", command.now()), named(":thread", thread.empty() ? id : thread),
            named(":reply_to", message.reply_to), named(":kind", to_string(kind)),
            named(":priority", to_string(message.priority)));
  add.exec();
  command.emit(MessageEvents::kSent, message.sender,
               message.team.empty() ? message.recipient.value() : message.team.value(),
               Payload()
                   .add("message", id)
                   .add("thread", thread.empty() ? id : thread)
                   .add("kind", to_string(kind))
                   .add("priority", to_string(message.priority))
                   .str());
  Query read(command, fmt::format(kColumns, "m.sent_at") + "WHERE m.id = ?", id);
  read.step();
  MessageView view = read_view(read);
  if (kind == MessageKind::System) view.read_at.reset();
  return view;
}

// Validates a message's paging limit.
void check_limit(Reader& reader, int limit) {
  if (limit < 1 || limit > reader.rules().messages.max_page) {
    throw Error(ErrorKind::Usage, fmt::format("A page holds 1 to {} messages, not {}.",
                                              reader.rules().messages.max_page, limit));
  }
}

// Runs a page query; `args` bind its parameters in order, the limit among them as `limit + 1`
// (one more row than the page says whether a next page exists).
template <class... Args>
MessagePage page_of(Reader& reader, const std::string& sql, int limit, const Args&... args) {
  MessagePage page;
  Query query(reader, sql, args...);
  while (query.step()) {
    if (static_cast<int>(page.messages.size()) == limit) {
      const MessageView& last = page.messages.back();
      page.next = {last.sent_at, last.id};
      break;
    }
    page.messages.push_back(read_view(query));
  }
  return page;
}

}  // namespace

Result<MessageView> Messages::send(const NewMessage& message) {
  return core_.run([&](Command& command) -> Result<MessageView> {
    const MessageRules& rules = command.rules().messages;
    if (Outcome may = access::require(command, message.sender, "community"); !may) return may;
    if (message.recipient.empty() == message.team.empty()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A message goes to a player or to a team: exactly one.");
    }
    if (Outcome valid = check_text(rules, message.subject, message.content); !valid) {
      return valid;
    }
    MessageKind kind = MessageKind::Player;
    if (!message.recipient.empty()) {
      if (message.recipient == message.sender) {
        return Outcome::refused(Refusal::InvalidArgument, "A player cannot message themselves.");
      }
      Query recipient(command, "SELECT deleted, is_active FROM users WHERE id = ?",
                      message.recipient);
      if (!recipient.step()) return Outcome::refused(Refusal::NotFound, "There is no such user.");
      if (recipient.flag(0) || !recipient.flag(1)) {
        return Outcome::refused(Refusal::NotAllowed,
                                "The recipient's account is deleted or deactivated.");
      }
      recipient.reset();
      if (Outcome open = relations::check_not_blocked(command, message.sender, message.recipient);
          !open) {
        return open;
      }
    } else {
      kind = MessageKind::Team;
      const std::optional<teams::Membership> member = teams::membership(command, message.sender);
      if (!member || member->team != message.team) {
        return Outcome::refused(Refusal::NotAllowed, "Only members write to their team.");
      }
    }
    std::string thread;
    if (!message.reply_to.empty()) {
      const std::optional<Row> parent = load(command, message.reply_to);
      if (!parent || !sees(command, *parent, message.sender)) return not_found();
      thread = parent->thread;
      Query size(command, "SELECT count(*) FROM messages WHERE thread_id = ?", thread);
      size.step();
      if (size.integer(0) >= rules.max_thread) {
        return Outcome::refused(
            Refusal::NotAllowed,
            fmt::format("The thread holds {} messages, the most there may be: start a new one.",
                        rules.max_thread));
      }
    }
    if (Outcome pace = check_rate(command, message.sender); !pace) return pace;
    return insert(command, message, kind, thread);
  });
}

Result<MessageView> Messages::send_system(const PlayerId& recipient, const std::string& subject,
                                          const std::string& content, MessagePriority priority) {
  return core_.run([&](Command& command) -> Result<MessageView> {
    if (Outcome valid = check_text(command.rules().messages, subject, content); !valid) {
      return valid;
    }
    if (Outcome active = players::check_active(command, recipient); !active) return active;
    NewMessage message;
    message.recipient = recipient;
    message.subject = subject;
    message.content = content;
    message.priority = priority;
    return insert(command, message, MessageKind::System, "");
  });
}

Outcome Messages::mark_read(const PlayerId& reader, const std::string& message) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, reader, "web"); !may) return may;
    const std::optional<Row> row = load(command, message);
    if (!row || !sees(command, *row, reader)) return not_found();
    if (row->sender == reader) return {};
    if (row->kind == MessageKind::Team) {
      Query read(command,
                 "INSERT OR IGNORE INTO message_reads (player_id, message_id, read_at) "
                 "VALUES (?, ?, ?)",
                 reader, message, command.now());
      read.exec();
      return {};
    }
    Query read(command, "UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL",
               command.now(), message);
    read.exec();
    if (command.sql().getChanges() > 0 && !row->sender.empty()) {
      command.emit(MessageEvents::kRead, reader, row->sender,
                   Payload().add("message", message).str());
    }
    return {};
  });
}

Outcome Messages::mark_thread_read(const PlayerId& reader, const std::string& thread) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, reader, "web"); !may) return may;
    std::vector<Row> unread;
    Query in_thread(command, "SELECT id FROM messages WHERE thread_id = ? ORDER BY sent_at, id",
                    thread);
    std::vector<std::string> ids;
    while (in_thread.step()) ids.push_back(in_thread.text(0));
    in_thread.reset();
    bool seen = false;
    for (const std::string& id : ids) {
      const std::optional<Row> row = load(command, id);
      if (!row || !sees(command, *row, reader)) continue;
      seen = true;
      if (row->sender != reader) unread.push_back(*row);
    }
    if (!seen) return Outcome::refused(Refusal::NotFound, "There is no such thread.");
    for (const Row& row : unread) {
      if (row.kind == MessageKind::Team) {
        Query read(command,
                   "INSERT OR IGNORE INTO message_reads (player_id, message_id, read_at) "
                   "VALUES (?, ?, ?)",
                   reader, row.id, command.now());
        read.exec();
        continue;
      }
      Query read(command, "UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL",
                 command.now(), row.id);
      read.exec();
      if (command.sql().getChanges() > 0 && !row.sender.empty()) {
        command.emit(MessageEvents::kRead, reader, row.sender,
                     Payload().add("message", row.id).str());
      }
    }
    return {};
  });
}

std::int64_t Messages::unread_count(const PlayerId& reader) const {
  return core_.read([&](Reader& r) {
    Query direct(r,
                 "SELECT count(*) FROM messages WHERE recipient_id = ? AND read_at IS NULL AND "
                 "deleted_by_recipient = 0 AND moderation_status IS NULL",
                 reader);
    direct.step();
    std::int64_t unread = direct.integer(0);
    direct.reset();
    if (const std::optional<teams::Membership> member = teams::membership(r, reader)) {
      Query team(r,
                 "SELECT count(*) FROM messages m WHERE m.team_id = ?1 AND m.sent_at >= ?2 AND "
                 "m.sender_id <> ?3 AND m.moderation_status IS NULL AND NOT EXISTS (SELECT 1 "
                 "FROM message_reads r WHERE r.player_id = ?3 AND r.message_id = m.id)",
                 member->team, member->joined_at, reader);
      team.step();
      unread += team.integer(0);
    }
    return unread;
  });
}

Outcome Messages::remove(const PlayerId& user, const std::string& message) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, user, "web"); !may) return may;
    const std::optional<Row> row = load(command, message);
    if (!row || row->hidden || (row->sender != user && row->recipient != user)) {
      return not_found();
    }
    const bool as_sender = row->sender == user;
    if (as_sender ? row->deleted_by_sender : row->deleted_by_recipient) {
      return Outcome::refused(Refusal::AlreadyDone, "You have deleted that message already.");
    }
    // Every side that can delete it has: the sender (when there is one) and the recipient (when
    // there is one; a team message's members cannot delete it, so it is never purged).
    const bool sender_done = row->sender.empty() || as_sender || row->deleted_by_sender;
    const bool recipient_done =
        row->recipient.empty() ? row->team.empty() : (!as_sender || row->deleted_by_recipient);
    const std::optional<GameTime> purge =
        sender_done && recipient_done
            ? std::optional<GameTime>(command.now() + command.rules().messages.retention)
            : std::nullopt;
    Query erase(command,
                as_sender
                    ? "UPDATE messages SET deleted_by_sender = 1, purge_at = ? WHERE id = ?"
                    : "UPDATE messages SET deleted_by_recipient = 1, purge_at = ? WHERE id = ?",
                purge, message);
    erase.exec();
    if (purge) command.schedule(*purge);
    return {};
  });
}

Outcome Messages::flag(const PlayerId& user, const std::string& message,
                       const std::string& reason) {
  return core_.run([&](Command& command) -> Outcome {
    const MessageRules& limits = command.rules().messages;
    if (Outcome valid =
            text::check("A flag's reason", reason, limits.flag_reason_min, limits.flag_reason_max);
        !valid) {
      return valid;
    }
    if (Outcome may = access::require(command, user, "community"); !may) return may;
    const std::optional<Row> row = load(command, message);
    if (!row || !sees(command, *row, user)) return not_found();
    if (row->flagged) return Outcome::refused(Refusal::AlreadyDone, "The message is flagged.");
    Query mark(command, "UPDATE messages SET flagged = 1, flagged_reason = ? WHERE id = ?", reason,
               message);
    mark.exec();
    command.emit(MessageEvents::kFlagged, user, "", Payload().add("message", message).str());
    return {};
  });
}

namespace {

// A moderator's action on a message: hide it (`hide`) or clear its flag.
Outcome moderate(Core& core, const PlayerId& moderator, const std::string& message, bool hide) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, moderator, "contentmod"); !may) return may;
    const std::optional<Row> row = load(command, message);
    if (!row) return not_found();
    if (hide ? row->hidden : !row->flagged) {
      return Outcome::refused(Refusal::AlreadyDone, hide ? "The message is hidden already."
                                                         : "The message is not flagged.");
    }
    Query act(command,
              hide ? "UPDATE messages SET moderation_status = 'deleted', moderated_at = ?1, "
                     "moderated_by = ?2 WHERE id = ?3"
                   : "UPDATE messages SET flagged = 0, flagged_reason = NULL, moderated_at = ?1, "
                     "moderated_by = ?2 WHERE id = ?3",
              command.now(), moderator, message);
    act.exec();
    command.emit(hide ? MessageEvents::kHidden : MessageEvents::kUnflagged, moderator, row->sender,
                 Payload().add("message", message).str());
    return {};
  });
}

// Where a page starts: "(sent_at, id) < cursor" for newest-first pages, "> cursor" for
// oldest-first ones (a range the index seeks to); the first page takes everything. The cursor is
// ?2 (its id) and ?3 (its time).
std::string from_cursor(const MessageCursor& after, bool newest_first) {
  if (after.empty()) return "(?2 = '' AND ?3 = ?3) ";
  return newest_first ? "(m.sent_at, m.id) < (?3, ?2) " : "(m.sent_at, m.id) > (?3, ?2) ";
}

}  // namespace

Outcome Messages::hide(const PlayerId& moderator, const std::string& message) {
  return moderate(core_, moderator, message, true);
}

Outcome Messages::unflag(const PlayerId& moderator, const std::string& message) {
  return moderate(core_, moderator, message, false);
}

MessagePage Messages::inbox(const PlayerId& reader, const MessageCursor& after, int limit) const {
  return core_.read([&](Reader& r) {
    check_limit(r, limit);
    return page_of(r,
                   fmt::format(kColumns, "m.read_at") +
                       "WHERE m.recipient_id = ?1 AND m.deleted_by_recipient = 0 AND "
                       "m.moderation_status IS NULL AND " +
                       from_cursor(after, true) + "ORDER BY m.sent_at DESC, m.id DESC LIMIT ?4",
                   limit, reader, after.id, after.sent_at, limit + 1);
  });
}

MessagePage Messages::sent(const PlayerId& reader, const MessageCursor& after, int limit) const {
  return core_.read([&](Reader& r) {
    check_limit(r, limit);
    return page_of(r,
                   fmt::format(kColumns, "m.sent_at") +
                       "WHERE m.sender_id = ?1 AND m.deleted_by_sender = 0 AND "
                       "m.moderation_status IS NULL AND " +
                       from_cursor(after, true) + "ORDER BY m.sent_at DESC, m.id DESC LIMIT ?4",
                   limit, reader, after.id, after.sent_at, limit + 1);
  });
}

MessagePage Messages::team(const PlayerId& reader, const MessageCursor& after, int limit) const {
  return core_.read([&](Reader& r) {
    check_limit(r, limit);
    const std::optional<teams::Membership> member = teams::membership(r, reader);
    if (!member) return MessagePage{};
    return page_of(
        r,
        fmt::format(kColumns,
                    "CASE WHEN m.sender_id = ?1 THEN m.sent_at ELSE (SELECT read_at "
                    "FROM message_reads WHERE player_id = ?1 AND message_id = m.id) "
                    "END") +
            "WHERE m.team_id = ?5 AND m.sent_at >= ?6 AND m.moderation_status IS NULL AND NOT "
            "(m.sender_id = ?1 AND m.deleted_by_sender = 1) AND " +
            from_cursor(after, true) + "ORDER BY m.sent_at DESC, m.id DESC LIMIT ?4",
        limit, reader, after.id, after.sent_at, limit + 1, member->team, member->joined_at);
  });
}

MessagePage Messages::thread(const PlayerId& reader, const std::string& thread,
                             const MessageCursor& after, int limit) const {
  return core_.read([&](Reader& r) {
    check_limit(r, limit);
    // The thread's messages in order; those the reader does not see are left out.
    MessagePage all =
        page_of(r,
                fmt::format(kColumns,
                            "CASE WHEN m.sender_id = ?1 THEN m.sent_at WHEN m.team_id IS NULL "
                            "THEN m.read_at ELSE (SELECT read_at FROM message_reads WHERE "
                            "player_id = ?1 AND message_id = m.id) END") +
                    "WHERE m.thread_id = ?5 AND " + from_cursor(after, false) +
                    "ORDER BY m.sent_at, m.id LIMIT ?4",
                static_cast<int>(r.rules().messages.max_thread), reader, after.id, after.sent_at,
                r.rules().messages.max_thread + 1, thread);
    MessagePage page;
    for (MessageView& view : all.messages) {
      const std::optional<Row> row = load(r, view.id);
      if (!row || !sees(r, *row, reader)) continue;
      if (static_cast<int>(page.messages.size()) == limit) {
        page.next = {page.messages.back().sent_at, page.messages.back().id};
        break;
      }
      page.messages.push_back(std::move(view));
    }
    return page;
  });
}

MessagePage Messages::flagged(const MessageCursor& after, int limit) const {
  return core_.read([&](Reader& r) {
    check_limit(r, limit);
    return page_of(r,
                   fmt::format(kColumns, "m.read_at") +
                       "WHERE m.flagged = 1 AND m.moderation_status IS NULL AND ?1 = ?1 AND " +
                       from_cursor(after, false) + "ORDER BY m.sent_at, m.id LIMIT ?4",
                   limit, 0, after.id, after.sent_at, limit + 1);
  });
}

void messages::detach_team(Command& command, const TeamId& team) {
  Query detach(command, "UPDATE messages SET team_id = NULL WHERE team_id = ?", team);
  detach.exec();
}

void messages::tick_purge(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id FROM messages WHERE purge_at <= ?1 ORDER BY purge_at, id LIMIT ?2", to,
              command.batch_of(kBatch));
    std::vector<std::string> ids;
    while (due.step()) ids.push_back(due.text(0));
    due.reset();
    if (ids.empty()) return;
    command.spend(ids.size());
    for (const std::string& id : ids) {
      Query purge(command, "DELETE FROM messages WHERE id = ?", id);
      purge.exec();
    }
  }
}

}  // namespace hearth

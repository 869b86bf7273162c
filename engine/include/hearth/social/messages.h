// Messages: direct messages between players, team messages to every member, and the game's own
// system messages; threads and replies, read receipts, deletion per side, flags and moderation.
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

enum class MessageKind { Player, Team, System };
enum class MessagePriority { Low, Normal, High, Urgent };

// The words the file stores: "player", "team", "system"; "low", "normal", "high", "urgent".
std::string_view to_string(MessageKind kind);
std::string_view to_string(MessagePriority priority);

// A message to send. Exactly one of `recipient` (a direct message) and `team` (to every member)
// is set.
struct NewMessage {
  PlayerId sender;
  PlayerId recipient;
  TeamId team;
  std::string subject;  // optional, at most Rules::messages.max_subject characters
  std::string content;  // 1 to Rules::messages.max_content characters
  MessagePriority priority = MessagePriority::Normal;
  // The message this answers; the reply joins its thread. Empty: a new thread.
  std::string reply_to;
};

// A message as its reader sees it.
struct MessageView {
  std::string id;
  MessageKind kind = MessageKind::Player;
  PlayerId sender;     // empty for a system message
  PlayerId recipient;  // empty for a team message
  TeamId team;         // empty for a direct or system message
  std::string subject;
  std::string content;
  MessagePriority priority = MessagePriority::Normal;
  std::string thread;
  std::string reply_to;  // empty when it starts its thread
  GameTime sent_at = 0;
  // When the reader read it (for a team message, this reader); nullopt while unread. The
  // sender's own messages count as read.
  std::optional<GameTime> read_at;
  bool flagged = false;
  std::string flagged_reason;

  bool operator==(const MessageView&) const = default;
};

// Where a page of messages stops; pass it back to get the next one. Empty: the first page.
struct MessageCursor {
  GameTime sent_at = 0;
  std::string id;

  bool empty() const { return id.empty(); }

  bool operator==(const MessageCursor&) const = default;
};

// A page of messages, newest first (a thread: oldest first). `next` is empty on the last page.
struct MessagePage {
  std::vector<MessageView> messages;
  MessageCursor next;
};

// Obtain it from Game::messages(); it is a light handle.
//
// Sending, replying and flagging are player commands of the sender or reader, who needs the
// "community" privilege (a mute is a privilege ban of "community"); reading and deleting need
// "web"; hiding a message needs "contentmod".
class Messages {
 public:
  explicit Messages(Core& core) : core_(core) {}

  // Sends a direct or team message; returns it. Refuses (writing nothing): the sender without
  // "community" (NotAllowed, or Banned), a message to oneself, both or neither of recipient and
  // team, a recipient unknown, deleted or deactivated, a block either way (NotAllowed), a team the
  // sender is not in, a subject or content out of the rules' limits, a reply to an unknown message
  // or one the sender was not part of (NotFound), a full thread (NotAllowed), and sending more
  // than Rules::messages.rate_limit in rate_window (CooldownActive, with the wait). Journals
  // "message.sent".
  Result<MessageView> send(const NewMessage& message);

  // A message from the game to a player (no sender; not counted against any rate). Refuses a
  // recipient unknown or deleted and text out of the limits. Journals "message.sent".
  Result<MessageView> send_system(const PlayerId& recipient, const std::string& subject,
                                  const std::string& content,
                                  MessagePriority priority = MessagePriority::Normal);

  // Marks a message read by `reader` (its recipient, or a member of its team); marks every
  // message of a thread the reader can see. Reading again changes nothing. Refuses a message or
  // thread the reader cannot see (NotFound). Journals "message.read" for direct messages (the
  // sender's read receipt).
  Outcome mark_read(const PlayerId& reader, const std::string& message);
  Outcome mark_thread_read(const PlayerId& reader, const std::string& thread);

  // How many messages `reader` has not read: direct and system ones to them, and their team's
  // since they joined (not their own).
  std::int64_t unread_count(const PlayerId& reader) const;

  // Deletes a message for `user` only (its sender or its recipient; a team message for its
  // sender). Once every side that can delete it has, the tick purges it after
  // Rules::messages.retention. Refuses a message the user cannot delete (NotFound) or has deleted
  // (AlreadyDone).
  Outcome remove(const PlayerId& user, const std::string& message);

  // A participant (sender, recipient, team member) flags a message for moderators, with a reason
  // of Rules::messages.flag_reason_min to _max characters. Journals "message.flagged".
  Outcome flag(const PlayerId& user, const std::string& message, const std::string& reason);

  // A moderator ("contentmod") hides a message from everyone (moderated_at, moderated_by), or
  // clears its flag. Refuses an unknown message, one hidden already / not flagged (AlreadyDone).
  // Journals "message.hidden" / "message.unflagged".
  Outcome hide(const PlayerId& moderator, const std::string& message);
  Outcome unflag(const PlayerId& moderator, const std::string& message);

  // The views, `limit` (1 to Rules::messages.max_page, else Error{Usage}) at a time from
  // `after`: direct and system messages to the reader; what they sent; a thread they are part
  // of; their team's messages. Deleted (for the reader) and hidden messages are left out.
  MessagePage inbox(const PlayerId& reader, const MessageCursor& after = {}, int limit = 50) const;
  MessagePage sent(const PlayerId& reader, const MessageCursor& after = {}, int limit = 50) const;
  MessagePage thread(const PlayerId& reader, const std::string& thread,
                     const MessageCursor& after = {}, int limit = 50) const;
  MessagePage team(const PlayerId& reader, const MessageCursor& after = {}, int limit = 50) const;

  // Flagged messages not yet hidden or cleared, oldest first, for a moderator's queue.
  MessagePage flagged(const MessageCursor& after = {}, int limit = 50) const;

 private:
  Core& core_;
};

// The event types messages journal (payloads: docs/rules.md).
struct MessageEvents {
  static constexpr std::string_view kSent = "message.sent";
  static constexpr std::string_view kRead = "message.read";
  static constexpr std::string_view kFlagged = "message.flagged";
  static constexpr std::string_view kHidden = "message.hidden";
  static constexpr std::string_view kUnflagged = "message.unflagged";
};

}  // namespace hearth

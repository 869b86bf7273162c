#include "hearth/social/relations.h"

#include <optional>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/core/error.h"
#include "hearth/game.h"

namespace hearth {

Relations Game::relations() { return Relations(*core_); }

namespace {

constexpr const char* kBlockedSentence = "One of you has blocked the other.";

// The friendship row of a pair, whichever of the two asked.
struct FriendRow {
  std::int64_t id = 0;
  PlayerId asked_by;
  bool pending = true;
};

std::optional<FriendRow> friend_row(Reader& reader, const PlayerId& a, const PlayerId& b) {
  Query query(reader,
              "SELECT id, user_id, pending FROM friends WHERE min(user_id, target_id) = "
              "min(?1, ?2) AND max(user_id, target_id) = max(?1, ?2)",
              a, b);
  if (!query.step()) return std::nullopt;
  return FriendRow{query.integer(0), query.text(1), query.flag(2)};
}

std::int64_t friend_count(Reader& reader, const PlayerId& user) {
  Query query(reader,
              "SELECT (SELECT count(*) FROM friends WHERE user_id = ?1 AND pending = 0) + "
              "(SELECT count(*) FROM friends WHERE target_id = ?1 AND pending = 0)",
              user);
  query.step();
  return query.integer(0);
}

// Ok when `user` may act with `privilege` towards `other`: another user, who exists and is not
// deleted.
Outcome check_pair(Reader& reader, const PlayerId& user, const PlayerId& other,
                   std::string_view privilege) {
  if (Outcome may = access::require(reader, user, privilege); !may) return may;
  if (user == other) {
    return Outcome::refused(Refusal::InvalidArgument, "A user cannot do this with themselves.");
  }
  const std::optional<bool> deleted = players::deleted(reader, other);
  if (!deleted) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  if (*deleted) return Outcome::refused(Refusal::NotAllowed, "The other user is deleted.");
  return {};
}

// Refuses a friendship that would take either side past the rules' limit.
Outcome check_room(Reader& reader, const PlayerId& a, const PlayerId& b) {
  const std::int64_t most = reader.rules().relations.max_friends;
  for (const PlayerId* user : {&a, &b}) {
    if (friend_count(reader, *user) >= most) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("{} {} the most friends there may be ({}).",
                      *user == a ? "You" : "The other user", *user == a ? "have" : "has", most));
    }
  }
  return {};
}

void befriend(Command& command, const FriendRow& row, const PlayerId& actor,
              const PlayerId& other) {
  Query accept(command, "UPDATE friends SET pending = 0, updated_at = ?1 WHERE id = ?2",
               command.now(), row.id);
  accept.exec();
  command.emit(RelationEvents::kBefriended, actor, other, Payload().add("with", actor).str());
}

// Removes the pending request `from` → `to` with `type` as its event; NotFound when none.
Outcome drop_request(Core& core, const PlayerId& actor, const PlayerId& from, const PlayerId& to,
                     std::string_view type) {
  return core.run([&](Command& command) -> Outcome {
    const PlayerId& other = actor == from ? to : from;
    if (Outcome may = check_pair(command, actor, other, "web"); !may) return may;
    const std::optional<FriendRow> row = friend_row(command, from, to);
    if (!row || !row->pending || row->asked_by != from) {
      return Outcome::refused(Refusal::NotFound, "There is no such pending request.");
    }
    Query drop(command, "DELETE FROM friends WHERE id = ?", row->id);
    drop.exec();
    command.emit(type, actor, other, Payload().add("from", from).add("to", to).str());
    return {};
  });
}

// One page of `sql` (which selects the other user, the time and the row id, and takes the user,
// the cursor and the limit as ?1, ?2, ?3).
RelatedPage page(Core& core, const std::string& sql, const PlayerId& user, std::int64_t after,
                 int limit) {
  return core.read([&](Reader& reader) {
    if (limit < 1 || limit > reader.rules().relations.max_page) {
      throw Error(ErrorKind::Usage, fmt::format("A page holds 1 to {} entries, not {}.",
                                                reader.rules().relations.max_page, limit));
    }
    RelatedPage result;
    Query query(reader, sql, user, after, limit + 1);
    std::int64_t last = 0;
    while (query.step()) {
      if (static_cast<int>(result.entries.size()) == limit) {
        result.next = last;
        break;
      }
      result.entries.push_back({query.text(0), query.integer(1)});
      last = query.integer(2);
    }
    return result;
  });
}

}  // namespace

bool relations::blocked_either(Reader& reader, const PlayerId& a, const PlayerId& b) {
  Query query(reader,
              "SELECT 1 FROM blocks WHERE (user_id = ?1 AND target_id = ?2) OR "
              "(user_id = ?2 AND target_id = ?1)",
              a, b);
  return query.step();
}

bool relations::are_friends(Reader& reader, const PlayerId& a, const PlayerId& b) {
  const std::optional<FriendRow> row = friend_row(reader, a, b);
  return row && !row->pending;
}

Outcome relations::check_not_blocked(Reader& reader, const PlayerId& a, const PlayerId& b) {
  if (blocked_either(reader, a, b)) return Outcome::refused(Refusal::NotAllowed, kBlockedSentence);
  return {};
}

Outcome Relations::request_friend(const PlayerId& from, const PlayerId& to) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, from, to, "community"); !may) return may;
    if (Outcome open = relations::check_not_blocked(command, from, to); !open) return open;
    const std::optional<FriendRow> row = friend_row(command, from, to);
    if (row && !row->pending) {
      return Outcome::refused(Refusal::AlreadyDone, "You are friends already.");
    }
    if (row && row->asked_by == from) {
      return Outcome::refused(Refusal::AlreadyDone, "The request is pending already.");
    }
    if (Outcome room = check_room(command, from, to); !room) return room;
    if (row) {
      // `to` asked first: the two requests meet.
      befriend(command, *row, from, to);
      return {};
    }
    Query ask(command,
              "INSERT INTO friends (user_id, target_id, pending, created_at, updated_at) "
              "VALUES (?1, ?2, 1, ?3, ?3)",
              from, to, command.now());
    ask.exec();
    command.emit(RelationEvents::kFriendRequested, from, to, Payload().add("from", from).str());
    return {};
  });
}

Outcome Relations::accept(const PlayerId& user, const PlayerId& from) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, from, "community"); !may) return may;
    const std::optional<FriendRow> row = friend_row(command, from, user);
    if (!row || !row->pending || row->asked_by != from) {
      return Outcome::refused(Refusal::NotFound, "There is no request from that user.");
    }
    if (Outcome room = check_room(command, user, from); !room) return room;
    befriend(command, *row, user, from);
    return {};
  });
}

Outcome Relations::decline(const PlayerId& user, const PlayerId& from) {
  return drop_request(core_, user, from, user, RelationEvents::kRequestDeclined);
}

Outcome Relations::cancel(const PlayerId& user, const PlayerId& to) {
  return drop_request(core_, user, user, to, RelationEvents::kRequestCancelled);
}

Outcome Relations::unfriend(const PlayerId& user, const PlayerId& other) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, other, "web"); !may) return may;
    const std::optional<FriendRow> row = friend_row(command, user, other);
    if (!row || row->pending) return Outcome::refused(Refusal::NotFound, "You are not friends.");
    Query drop(command, "DELETE FROM friends WHERE id = ?", row->id);
    drop.exec();
    command.emit(RelationEvents::kUnfriended, user, other, Payload().add("by", user).str());
    return {};
  });
}

Outcome Relations::follow(const PlayerId& user, const PlayerId& target) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, target, "community"); !may) return may;
    if (Outcome open = relations::check_not_blocked(command, user, target); !open) return open;
    Query add(command,
              "INSERT OR IGNORE INTO follows (user_id, target_id, created_at, updated_at) "
              "VALUES (?1, ?2, ?3, ?3)",
              user, target, command.now());
    add.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "You follow that user already.");
    }
    command.emit(RelationEvents::kFollowed, user, target, Payload().add("by", user).str());
    return {};
  });
}

Outcome Relations::unfollow(const PlayerId& user, const PlayerId& target) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, target, "web"); !may) return may;
    Query drop(command, "DELETE FROM follows WHERE user_id = ? AND target_id = ?", user, target);
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "You do not follow that user.");
    }
    command.emit(RelationEvents::kUnfollowed, user, target, Payload().add("by", user).str());
    return {};
  });
}

Outcome Relations::block(const PlayerId& user, const PlayerId& target) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, target, "web"); !may) return may;
    Query add(command,
              "INSERT OR IGNORE INTO blocks (user_id, target_id, created_at, updated_at) "
              "VALUES (?1, ?2, ?3, ?3)",
              user, target, command.now());
    add.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "You have blocked that user already.");
    }
    Query friends(command,
                  "DELETE FROM friends WHERE min(user_id, target_id) = min(?1, ?2) AND "
                  "max(user_id, target_id) = max(?1, ?2)",
                  user, target);
    friends.exec();
    Query follows(command,
                  "DELETE FROM follows WHERE (user_id = ?1 AND target_id = ?2) OR "
                  "(user_id = ?2 AND target_id = ?1)",
                  user, target);
    follows.exec();
    command.emit(RelationEvents::kBlocked, user, user, Payload().add("target", target).str());
    return {};
  });
}

Outcome Relations::unblock(const PlayerId& user, const PlayerId& target) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = check_pair(command, user, target, "web"); !may) return may;
    Query drop(command, "DELETE FROM blocks WHERE user_id = ? AND target_id = ?", user, target);
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "You have not blocked that user.");
    }
    command.emit(RelationEvents::kUnblocked, user, user, Payload().add("target", target).str());
    return {};
  });
}

Friendship Relations::friendship(const PlayerId& user, const PlayerId& other) const {
  return core_.read([&](Reader& reader) {
    const std::optional<FriendRow> row = friend_row(reader, user, other);
    if (!row) return Friendship::None;
    if (!row->pending) return Friendship::Friends;
    return row->asked_by == user ? Friendship::RequestSent : Friendship::RequestReceived;
  });
}

bool Relations::are_friends(const PlayerId& a, const PlayerId& b) const {
  return core_.read([&](Reader& reader) { return relations::are_friends(reader, a, b); });
}

bool Relations::has_blocked(const PlayerId& user, const PlayerId& target) const {
  return core_.read([&](Reader& reader) {
    Query query(reader, "SELECT 1 FROM blocks WHERE user_id = ? AND target_id = ?", user, target);
    return query.step();
  });
}

bool Relations::blocked_either(const PlayerId& a, const PlayerId& b) const {
  return core_.read([&](Reader& reader) { return relations::blocked_either(reader, a, b); });
}

RelatedPage Relations::friends(const PlayerId& user, std::int64_t after, int limit) const {
  return page(core_,
              "SELECT CASE WHEN user_id = ?1 THEN target_id ELSE user_id END, updated_at, id "
              "FROM friends WHERE pending = 0 AND (user_id = ?1 OR target_id = ?1) AND id > ?2 "
              "ORDER BY id LIMIT ?3",
              user, after, limit);
}

RelatedPage Relations::incoming_requests(const PlayerId& user, std::int64_t after,
                                         int limit) const {
  return page(core_,
              "SELECT user_id, created_at, id FROM friends WHERE target_id = ?1 AND pending = 1 "
              "AND id > ?2 ORDER BY id LIMIT ?3",
              user, after, limit);
}

RelatedPage Relations::outgoing_requests(const PlayerId& user, std::int64_t after,
                                         int limit) const {
  return page(core_,
              "SELECT target_id, created_at, id FROM friends WHERE user_id = ?1 AND pending = 1 "
              "AND id > ?2 ORDER BY id LIMIT ?3",
              user, after, limit);
}

RelatedPage Relations::followers(const PlayerId& user, std::int64_t after, int limit) const {
  return page(core_,
              "SELECT user_id, created_at, id FROM follows WHERE target_id = ?1 AND id > ?2 "
              "ORDER BY id LIMIT ?3",
              user, after, limit);
}

RelatedPage Relations::following(const PlayerId& user, std::int64_t after, int limit) const {
  return page(core_,
              "SELECT target_id, created_at, id FROM follows WHERE user_id = ?1 AND id > ?2 "
              "ORDER BY id LIMIT ?3",
              user, after, limit);
}

RelatedPage Relations::blocked(const PlayerId& user, std::int64_t after, int limit) const {
  return page(core_,
              "SELECT target_id, created_at, id FROM blocks WHERE user_id = ?1 AND id > ?2 "
              "ORDER BY id LIMIT ?3",
              user, after, limit);
}

}  // namespace hearth

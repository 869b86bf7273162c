// Relations between two users: friends (a request, then mutual), follows (one way) and blocks.
// Each pair has one friendship state; a block clears everything between the two and keeps the
// blocked user from reaching the blocker (friend requests, follows, direct messages, trades, team
// invitations).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// Where two users stand, seen from the first.
enum class Friendship {
  None,             // nothing between them
  RequestSent,      // the first asked the second; pending
  RequestReceived,  // the second asked the first; pending
  Friends,
};

// One entry of a list: the other user and since when.
struct Related {
  PlayerId user;
  GameTime since = 0;

  bool operator==(const Related&) const = default;
};

// A page of a list, oldest first. `next` is the cursor of the following page (pass it as
// `after`); 0 when this page is the last.
struct RelatedPage {
  std::vector<Related> entries;
  std::int64_t next = 0;

  bool operator==(const RelatedPage&) const = default;
};

// Friends, follows and blocks. Obtain it from Game::relations(); it is a light handle.
//
// Every command is a player command of its first argument: asking, accepting, following need the
// "community" privilege; declining, cancelling, removing, unfollowing, blocking and unblocking
// need only "web" (a ban never keeps anyone from getting away from someone). Each refuses an
// unknown or deleted other user (NotFound / NotAllowed) and the user themselves
// (InvalidArgument).
class Relations {
 public:
  explicit Relations(Core& core) : core_(core) {}

  // Asks `to` to be friends. When `to` has already asked `from`, they become friends at once.
  // Refuses a block either way (NotAllowed, the same sentence whichever blocked), friends already
  // or a request already sent (AlreadyDone), either side at Rules::relations.max_friends
  // (NotAllowed). Journals "relation.friend_requested" or "relation.befriended".
  Outcome request_friend(const PlayerId& from, const PlayerId& to);

  // The target of a request accepts it (they are friends: "relation.befriended") or declines it
  // ("relation.request_declined"); the sender cancels it ("relation.request_cancelled"). Refuses
  // when there is no such pending request (NotFound), and accepting over the friend limit.
  Outcome accept(const PlayerId& user, const PlayerId& from);
  Outcome decline(const PlayerId& user, const PlayerId& from);
  Outcome cancel(const PlayerId& user, const PlayerId& to);

  // Ends a friendship, from either side. Refuses when they are not friends (NotFound). Journals
  // "relation.unfriended".
  Outcome unfriend(const PlayerId& user, const PlayerId& other);

  // Follows (one way) and stops following. Refuses a block either way, following already or not
  // (AlreadyDone / NotFound). Journals "relation.followed" / "relation.unfollowed".
  Outcome follow(const PlayerId& user, const PlayerId& target);
  Outcome unfollow(const PlayerId& user, const PlayerId& target);

  // Blocks `target`: any friendship, request and follow between the two, either way, ends; from
  // now on `target` cannot ask, follow, message, trade with or invite `user`. Unblocking restores
  // nothing. Refuses a block already there or not there (AlreadyDone / NotFound). Journals
  // "relation.blocked" / "relation.unblocked" (seen only by the blocker: the subject is the
  // blocker).
  Outcome block(const PlayerId& user, const PlayerId& target);
  Outcome unblock(const PlayerId& user, const PlayerId& target);

  // For the game's own rules.
  Friendship friendship(const PlayerId& user, const PlayerId& other) const;
  bool are_friends(const PlayerId& a, const PlayerId& b) const;
  bool has_blocked(const PlayerId& user, const PlayerId& target) const;
  bool blocked_either(const PlayerId& a, const PlayerId& b) const;

  // The lists, oldest first, `limit` at a time (1 to Rules::relations.max_page, else
  // Error{Usage}), from the cursor `after` (0: the start). A cursor stays valid while entries
  // come and go.
  RelatedPage friends(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;
  RelatedPage incoming_requests(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;
  RelatedPage outgoing_requests(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;
  RelatedPage followers(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;
  RelatedPage following(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;
  RelatedPage blocked(const PlayerId& user, std::int64_t after = 0, int limit = 50) const;

 private:
  Core& core_;
};

// The event types relations journal (payloads: docs/rules.md).
struct RelationEvents {
  static constexpr std::string_view kFriendRequested = "relation.friend_requested";
  static constexpr std::string_view kBefriended = "relation.befriended";
  static constexpr std::string_view kRequestDeclined = "relation.request_declined";
  static constexpr std::string_view kRequestCancelled = "relation.request_cancelled";
  static constexpr std::string_view kUnfriended = "relation.unfriended";
  static constexpr std::string_view kFollowed = "relation.followed";
  static constexpr std::string_view kUnfollowed = "relation.unfollowed";
  static constexpr std::string_view kBlocked = "relation.blocked";
  static constexpr std::string_view kUnblocked = "relation.unblocked";
};

}  // namespace hearth

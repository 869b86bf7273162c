// Quests: goals that advance on the journal's events and pay their rewards, once, in the command
// that completes them (docs/rules.md, "Quests").
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

// An item a quest gives on completion.
struct QuestItemReward {
  ItemId item;
  std::int64_t quantity = 1;

  bool operator==(const QuestItemReward&) const = default;
};

// A quest definition.
struct NewQuest {
  std::string name;  // 1 to 255 characters
  std::string description;
  // The event that advances it: 1 to 50 characters. An event advances it when its type (for an
  // event about an item, also "<type>:<item id>") equals the trigger, or its text before ':' does.
  std::string trigger;
  std::int64_t target = 1;  // progress that completes it, > 0
  // The rewards: XP, money (in `currency`; 0 = the default currency) and items.
  std::int64_t xp = 0;
  std::int64_t money = 0;
  CurrencyId currency;
  std::vector<QuestItemReward> items;
};

struct QuestView {
  QuestId id;
  std::string name;
  std::string description;
  std::string trigger;
  std::int64_t target = 1;
  std::int64_t xp = 0;
  std::int64_t money = 0;
  CurrencyId currency;  // the currency the money is paid in
  std::vector<QuestItemReward> items;

  bool operator==(const QuestView&) const = default;
};

// A user's progress on an assigned quest.
struct QuestProgress {
  QuestId quest;
  std::string name;
  std::int64_t progress = 0;
  std::int64_t target = 1;
  GameTime assigned_at = 0;
  std::optional<GameTime> completed_at;

  bool operator==(const QuestProgress&) const = default;
};

// The quests of a game. Obtain it from Game::quests().
class Quests {
 public:
  explicit Quests(Core& core) : core_(core) {}

  // Defines a quest (a system command). Refuses a name or trigger of the wrong length, a
  // trigger beginning "quest." (quests do not advance on their own events), a target or reward
  // that is not positive (or 0 for none), an unknown currency or item.
  Result<QuestView> create_quest(const NewQuest& quest);

  std::optional<QuestView> quest(QuestId id) const;

  // Gives a quest to a user; progress counts from now. Refuses an unknown quest, one the user has
  // had before (AlreadyDone: quests are one-shot), and a user with Rules::quests.max_active
  // quests open (NotAllowed). A player command: the user needs "play".
  Outcome assign(const PlayerId& user, QuestId quest);

  // Journals the game's own event `type` about `user` with `weight` (> 0), advancing the user's
  // quests it matches: how a game reports an activity ("ITEM_COLLECT:101", "MONSTER_KILLED").
  // Refuses a type that is not 1 to 50 characters or begins "quest.", a weight that is not
  // positive, and an unknown or deleted user.
  Outcome record(const PlayerId& user, const std::string& type, std::int64_t weight = 1);

  // The user's assigned quests, open ones first, then completed, each by assignment.
  std::vector<QuestProgress> progress(const PlayerId& user) const;

  // The quests the user has never been given, by id.
  std::vector<QuestView> available(const PlayerId& user) const;

 private:
  Core& core_;
};

// The event types quests journal (payloads: docs/rules.md).
struct QuestEvents {
  static constexpr std::string_view kCreated = "quest.created";
  static constexpr std::string_view kAssigned = "quest.assigned";
  static constexpr std::string_view kProgressed = "quest.progressed";
  static constexpr std::string_view kCompleted = "quest.completed";
  // A completed quest's rewards did not fit (an inventory limit): it waits at its target and
  // completes with the next matching event that finds room.
  static constexpr std::string_view kRewardBlocked = "quest.reward_blocked";
};

}  // namespace hearth

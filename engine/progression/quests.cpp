#include "hearth/progression/quests.h"

#include <algorithm>

#include <fmt/core.h>

#include "engine/core/arithmetic.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/progression/levels_internal.h"
#include "engine/progression/quests_internal.h"

#include "hearth/game.h"

namespace hearth {

Quests Game::quests() { return Quests(*core_); }

namespace {

constexpr std::string_view kOwnPrefix = "quest.";

constexpr const char* kSelectQuest =
    "SELECT id, name, ifnull(description, ''), trigger_event, requirements, rewards FROM quests ";

// The text of an event type or trigger before ':' (all of it when it has none).
std::string_view family_of(std::string_view type) { return type.substr(0, type.find(':')); }

QuestView read_quest(Reader& reader, Query& query) {
  QuestView view;
  view.id = query.integer(0);
  view.name = query.text(1);
  view.description = query.text(2);
  view.trigger = query.text(3);
  view.target =
      storage::from_json<QuestRequirements>(query.text(4), kQuestRequirementsColumn).target;
  const auto rewards = storage::from_json<QuestRewards>(query.text(5), kQuestRewardsColumn);
  view.xp = rewards.xp;
  view.money = rewards.balance;
  view.currency = rewards.currency;
  if (view.money > 0 && rewards.currency == 0) {
    const auto fallback = ledger::currency_named(reader, "");
    if (fallback) view.currency = *fallback;
  }
  for (const QuestItem& item : rewards.items) view.items.push_back({item.item_id, item.quantity});
  return view;
}

Outcome check_trigger(std::string_view what, const std::string& trigger) {
  if (Outcome valid = text::check(what, trigger, 1, 50); !valid) return valid;
  if (trigger.starts_with(kOwnPrefix)) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("{} may not begin \"quest.\".", what));
  }
  return {};
}

const std::vector<std::string>& families(Command& command) {
  auto& cached = command.core().quest_families();
  if (!cached) {
    std::vector<std::string> loaded;
    Query query(command,
                "SELECT DISTINCT substr(trigger_event, 1, instr(trigger_event || ':', ':') - 1) "
                "FROM quests ORDER BY 1");
    while (query.step()) loaded.push_back(query.text(0));
    cached = std::move(loaded);
  }
  return *cached;
}

// Pays a completed quest's rewards. A refusal leaves what it wrote for the caller to undo.
Outcome pay_rewards(Command& command, const PlayerId& user, const QuestView& quest) {
  const std::string reason = fmt::format("quest {}", quest.id.value());
  if (quest.xp > 0) {
    const auto awarded = levels::award(command, user, quest.xp, "quest");
    if (!awarded) return awarded.outcome();
  }
  if (quest.money > 0) {
    const auto paid =
        ledger::pay_from_mint(command, user, quest.currency, quest.money, "QUEST_REWARD", reason);
    if (!paid) return paid.outcome();
  }
  for (const QuestItemReward& item : quest.items) {
    inventory::ItemPosting posting;
    posting.user_id = user;
    posting.item = item.item;
    posting.quantity = item.quantity;
    posting.type = "QUEST_REWARD";
    posting.description = reason;
    const auto added = inventory::add(command, posting);
    if (!added) return added.outcome();
  }
  return {};
}

// Completes a quest at its target: marks it and pays its rewards, all or nothing. When the
// rewards cannot be paid the quest stays open at its target ("quest.reward_blocked").
void complete(Command& command, const PlayerId& user, const QuestView& quest) {
  const std::size_t heard = command.emitted().size();
  command.sql().exec("SAVEPOINT hearth_quest_reward");
  Query mark(command,
             "UPDATE user_quests SET completed_at = ?1 WHERE user_id = ?2 AND quest_id = ?3 AND "
             "completed_at IS NULL",
             command.now(), user, quest.id);
  mark.exec();
  mark.reset();
  command.emit(QuestEvents::kCompleted, "", user,
               Payload()
                   .add("quest", quest.id.value())
                   .add("name", quest.name)
                   .add("xp", quest.xp)
                   .add("money", quest.money)
                   .add("currency", quest.currency.value())
                   .str());
  const Outcome paid = pay_rewards(command, user, quest);
  if (paid) {
    command.sql().exec("RELEASE hearth_quest_reward");
    return;
  }
  command.sql().exec("ROLLBACK TO hearth_quest_reward");
  command.sql().exec("RELEASE hearth_quest_reward");
  command.emitted().resize(heard);
  command.emit(QuestEvents::kRewardBlocked, "", user,
               Payload().add("quest", quest.id.value()).add("reason", paid.detail()).str());
}

}  // namespace

bool quests::watching(Command& command) { return !families(command).empty(); }

void quests::advance(Command& command, std::string_view type, const std::string& subject,
                     const std::string& payload) {
  if (subject.empty() || type.starts_with(kOwnPrefix)) return;
  const std::vector<std::string>& known = families(command);
  const std::string_view family = family_of(type);
  if (!std::binary_search(known.begin(), known.end(), family)) return;
  // The event's weight: what a game recorded, the amount of XP or money, the quantity of items;
  // else 1.
  Query matching(command,
                 "SELECT q.id, uq.progress, coalesce(json_extract(?4, '$.weight'), CASE ?2 "
                 "WHEN 'xp.gained' THEN json_extract(?4, '$.amount') "
                 "WHEN 'ledger.transferred' THEN json_extract(?4, '$.amount') "
                 "WHEN 'inventory.added' THEN json_extract(?4, '$.quantity') "
                 "WHEN 'inventory.removed' THEN json_extract(?4, '$.quantity') END, 1) "
                 "FROM user_quests uq JOIN quests q ON q.id = uq.quest_id "
                 "WHERE uq.user_id = ?1 AND uq.completed_at IS NULL AND (q.trigger_event = ?2 "
                 "OR q.trigger_event = ?3 OR q.trigger_event = ?2 || ':' || "
                 "json_extract(?4, '$.item')) ORDER BY q.id",
                 subject, type, family, payload);

  struct Step {
    std::int64_t quest;
    std::int64_t progress;
  };

  std::vector<Step> steps;
  std::int64_t weight = 1;
  while (matching.step()) {
    steps.push_back({matching.integer(0), matching.integer(1)});
    weight = std::max<std::int64_t>(1, matching.integer(2));
  }
  matching.reset();
  for (const Step& step : steps) {
    Query read(command, std::string(kSelectQuest) + "WHERE id = ?", step.quest);
    read.step();
    const QuestView quest = read_quest(command, read);
    read.reset();
    const std::int64_t progress = std::min(quest.target, saturating_add(step.progress, weight));
    Query write(command,
                "UPDATE user_quests SET progress = ?1 WHERE user_id = ?2 AND quest_id = ?3",
                progress, subject, step.quest);
    write.exec();
    write.reset();
    command.emit(QuestEvents::kProgressed, "", subject,
                 Payload()
                     .add("quest", step.quest)
                     .add("progress", progress)
                     .add("target", quest.target)
                     .add("event", type)
                     .str());
    if (progress >= quest.target) complete(command, subject, quest);
  }
}

Result<QuestView> Quests::create_quest(const NewQuest& quest) {
  return core_.run([&](Command& command) -> Result<QuestView> {
    if (Outcome valid = text::check("A quest's name", quest.name, 1, 255); !valid) return valid;
    if (Outcome valid = text::check_optional("A quest's description", quest.description, 4000);
        !valid) {
      return valid;
    }
    if (Outcome valid = check_trigger("A quest's trigger", quest.trigger); !valid) return valid;
    if (quest.target <= 0 || quest.xp < 0 || quest.money < 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A quest's target is positive and its rewards are not negative.");
    }
    QuestRewards rewards{quest.xp, quest.money, quest.currency.value(), {}};
    if (quest.currency.value() != 0) {
      Query currency(command, "SELECT 1 FROM currencies WHERE id = ? AND kind = 'money'",
                     quest.currency);
      if (!currency.step()) {
        return Outcome::refused(Refusal::NotFound, fmt::format("There is no money currency {}.",
                                                               quest.currency.value()));
      }
    }
    for (const QuestItemReward& item : quest.items) {
      if (item.quantity <= 0) {
        return Outcome::refused(Refusal::InvalidArgument,
                                "A quest's item reward has a positive quantity.");
      }
      Query known(command, "SELECT 1 FROM items WHERE id = ?", item.item);
      if (!known.step()) {
        return Outcome::refused(Refusal::NotFound,
                                fmt::format("There is no item {}.", item.item.value()));
      }
      rewards.items.push_back({item.item.value(), item.quantity});
    }
    Query insert(command,
                 "INSERT INTO quests (name, description, trigger_event, requirements, rewards) "
                 "VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?5)",
                 quest.name, quest.description, quest.trigger,
                 storage::to_json(QuestRequirements{quest.target}), storage::to_json(rewards));
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.core().quest_families().reset();
    command.emit(
        QuestEvents::kCreated, "", "",
        Payload().add("quest", id).add("name", quest.name).add("trigger", quest.trigger).str());
    Query read(command, std::string(kSelectQuest) + "WHERE id = ?", id);
    read.step();
    return read_quest(command, read);
  });
}

std::optional<QuestView> Quests::quest(QuestId id) const {
  return core_.read([&](Reader& reader) -> std::optional<QuestView> {
    Query read(reader, std::string(kSelectQuest) + "WHERE id = ?", id);
    if (!read.step()) return std::nullopt;
    return read_quest(reader, read);
  });
}

Outcome Quests::assign(const PlayerId& user, QuestId quest) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    Query known(command, "SELECT name FROM quests WHERE id = ?", quest);
    if (!known.step()) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("There is no quest {}.", quest.value()));
    }
    const std::string name = known.text(0);
    known.reset();
    Query had(command, "SELECT 1 FROM user_quests WHERE user_id = ? AND quest_id = ?", user, quest);
    if (had.step()) {
      return Outcome::refused(Refusal::AlreadyDone,
                              "The user has had this quest: quests are one-shot.");
    }
    had.reset();
    Query open(command,
               "SELECT count(*) FROM user_quests WHERE user_id = ? AND completed_at IS NULL", user);
    open.step();
    const std::int64_t active = open.integer(0);
    open.reset();
    if (active >= command.rules().quests.max_active) {
      return Outcome::refused(
          Refusal::NotAllowed,
          fmt::format("The user has {} open quests, the most allowed.", active));
    }
    Query insert(command,
                 "INSERT INTO user_quests (user_id, quest_id, progress, assigned_at) VALUES (?, ?, "
                 "0, ?)",
                 user, quest, command.now());
    insert.exec();
    command.emit(QuestEvents::kAssigned, user, user,
                 Payload().add("quest", quest.value()).add("name", name).str());
    return {};
  });
}

Outcome Quests::record(const PlayerId& user, const std::string& type, std::int64_t weight) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome valid = check_trigger("An event's type", type); !valid) return valid;
    if (weight <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("An event's weight is positive, not {}.", weight));
    }
    if (Outcome active = players::check_active(command, user); !active) return active;
    command.emit(type, user, user, Payload().add("weight", weight).str());
    return {};
  });
}

std::vector<QuestProgress> Quests::progress(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT q.id, q.name, uq.progress, q.requirements, uq.assigned_at, uq.completed_at "
                "FROM user_quests uq JOIN quests q ON q.id = uq.quest_id WHERE uq.user_id = ? "
                "ORDER BY uq.completed_at IS NOT NULL, uq.assigned_at, q.id",
                user);
    std::vector<QuestProgress> found;
    while (query.step()) {
      QuestProgress row;
      row.quest = query.integer(0);
      row.name = query.text(1);
      row.progress = query.integer(2);
      row.target =
          storage::from_json<QuestRequirements>(query.text(3), kQuestRequirementsColumn).target;
      row.assigned_at = query.integer(4);
      if (!query.is_null(5)) row.completed_at = query.integer(5);
      found.push_back(row);
    }
    return found;
  });
}

std::vector<QuestView> Quests::available(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                std::string(kSelectQuest) +
                    "WHERE id NOT IN (SELECT quest_id FROM user_quests WHERE user_id = ?) "
                    "ORDER BY id",
                user);
    std::vector<QuestView> found;
    while (query.step()) found.push_back(read_quest(reader, query));
    return found;
  });
}

}  // namespace hearth

// Migration 0006: quests, user quests, timers, loot drops, moderation cases. For each table a valid
// row inserts and each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its violation, leaving the
// table as it was.
#include <boost/test/unit_test.hpp>

#include "tests/support/constraints.h"

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(progression_constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(quests_and_user_quests_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table quests(*this, "quests");
  BOOST_TEST(quests.accepts(with(quest_row(1), {{"requirements", q(R"({"target": 3})")},
                                                {"rewards", q(R"({"xp": 50, "balance": 100})")}})));
  const Row quest = quest_row(2);
  BOOST_TEST(quests.refuses(with(quest, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      quests.refuses(with(quest, "name", q(std::string(256, 'q'))), {kCheck, "length(name)"}));
  BOOST_TEST(
      quests.refuses(with(quest, "trigger_event", q("")), {kCheck, "length(trigger_event)"}));
  BOOST_TEST(quests.refuses(with(quest, "trigger_event", q(std::string(51, 'e'))),
                            {kCheck, "length(trigger_event)"}));
  BOOST_TEST(quests.refuses(without(quest, "trigger_event"), {kNotNull, "quests.trigger_event"}));
  BOOST_TEST(quests.refuses(with(quest, "requirements", q("[]")), {kCheck, "requirements"}));
  BOOST_TEST(quests.refuses(with(quest, "rewards", q("xp: 5")), {kCheck, "rewards"}));
  BOOST_TEST(quests.accepts(quest));
  BOOST_TEST(scalar("SELECT requirements = '{}' AND rewards = '{}' FROM quests WHERE id = 2") == 1);

  Table progress(*this, "user_quests");
  const Row assigned = {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}};
  BOOST_TEST(progress.accepts(assigned));
  BOOST_TEST(progress.refuses(assigned, {kUnique, "user_quests.user_id"}));
  const Row bobs = with(assigned, "user_id", q(kBob));
  BOOST_TEST(progress.refuses(with(bobs, "progress", "-1"), {kCheck, "progress"}));
  BOOST_TEST(progress.refuses(without(bobs, "assigned_at"), {kNotNull, "user_quests.assigned_at"}));
  BOOST_TEST(progress.refuses(with(bobs, "quest_id", "99"), {kForeignKey}));
  BOOST_TEST(progress.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(progress.accepts(with(bobs, {{"progress", "3"}, {"completed_at", kLater}})));
}

BOOST_AUTO_TEST_CASE(user_timers_take_one_row_per_user_type_and_key) {
  add_users(*this);
  Table timers(*this, "user_timers");
  BOOST_TEST(timers.accepts(timer_row(kAlice, "COOLDOWN", "daily")));
  // Each type is its own namespace of keys.
  for (const char* type : {"EFFECT", "ACCESS", "EXAM_SYSTEM"}) {
    BOOST_TEST(timers.accepts(timer_row(kAlice, type, "daily")));
  }
  BOOST_TEST(timers.refuses(with(timer_row(kAlice, "COOLDOWN", "daily"), "expires_at", kT),
                            {kUnique, "user_timers.user_id"}));
  const Row bobs = timer_row(kBob, "COOLDOWN", "daily");
  BOOST_TEST(timers.refuses(with(bobs, "type", q("cooldown")), {kCheck, "type IN"}));
  BOOST_TEST(timers.refuses(with(bobs, "type", q("BUFF")), {kCheck, "type IN"}));
  BOOST_TEST(timers.refuses(with(bobs, "key", q("")), {kCheck, "length(key)"}));
  BOOST_TEST(timers.refuses(with(bobs, "key", q(std::string(101, 'k'))), {kCheck, "length(key)"}));
  BOOST_TEST(timers.refuses(with(bobs, "metadata", q("[]")), {kCheck, "metadata"}));
  BOOST_TEST(timers.refuses(with(bobs, "metadata", q("{")), {kCheck, "metadata"}));
  BOOST_TEST(timers.refuses(without(bobs, "expires_at"), {kNotNull, "user_timers.expires_at"}));
  BOOST_TEST(timers.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(timers.accepts(bobs));
  BOOST_TEST(count_of(*this, "user_timers", "metadata = '{}' AND expired_at IS NULL") == 5);
}

BOOST_AUTO_TEST_CASE(lootdrops_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table drops(*this, "lootdrops");
  BOOST_TEST(drops.accepts(
      with(lootdrop_row("msg-1"),
           {{"channel_id", q("general")}, {"claimed_by", q(kAlice)}, {"claimed_at", kLater}})));
  const Row drop = lootdrop_row("msg-2");
  BOOST_TEST(
      drops.refuses(with(drop, "message_id", q("msg-1")), {kUnique, "lootdrops.message_id"}));
  BOOST_TEST(drops.refuses(with(drop, "message_id", q("")), {kCheck, "length(message_id)"}));
  BOOST_TEST(drops.refuses(with(drop, "message_id", q(std::string(256, 'm'))),
                           {kCheck, "length(message_id)"}));
  BOOST_TEST(
      drops.refuses(with(drop, "channel_id", q(std::string(256, 'c'))), {kCheck, "channel_id"}));
  BOOST_TEST(drops.refuses(with(drop, "reward_amount", "0"), {kCheck, "reward_amount > 0"}));
  BOOST_TEST(drops.refuses(with(drop, "reward_amount", "-50"), {kCheck, "reward_amount > 0"}));
  BOOST_TEST(drops.refuses(with(drop, "expires_at", "1767225599999"),
                           {kCheck, "expires_at >= created_at"}));
  BOOST_TEST(drops.refuses(with(drop, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(drops.refuses(without(drop, "currency_id"), {kNotNull, "lootdrops.currency_id"}));
  BOOST_TEST(
      drops.refuses(with(with(drop, "claimed_by", q(kDave)), "claimed_at", kLater), {kForeignKey}));
  // A claimer without a claim time: "claimed" is keyed on claimed_at.
  BOOST_TEST(drops.refuses(with(drop, "claimed_by", q(kAlice)),
                           {kCheck, "claimed_by IS NULL OR claimed_at IS NOT NULL"}));
  // Expiring the instant it spawned is the edge the CHECK allows.
  BOOST_TEST(drops.accepts(with(drop, "expires_at", kT)));
  // 0017: a drop is claimed or expired, never both.
  BOOST_TEST(drops.accepts(with(lootdrop_row("msg-3"), "expired_at", kLater)));
  BOOST_TEST(drops.refuses(
      with(with(with(lootdrop_row("msg-4"), "expired_at", kLater), "claimed_by", q(kAlice)),
           "claimed_at", kLater),
      {kCheck, "expired_at IS NULL OR claimed_at IS NULL"}));
}

// 0017: one claim per user, schedule and period; only the daily reward has a streak.
BOOST_AUTO_TEST_CASE(reward_claims_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table claims(*this, "reward_claims");
  const Row daily = {
      {"user_id", q(kAlice)}, {"schedule", q("daily")},       {"period", "20454"}, {"streak", "1"},
      {"amount", "100"},      {"currency_id", num(kCredits)}, {"claimed_at", kT}};
  BOOST_TEST(claims.accepts(daily));
  BOOST_TEST(claims.refuses(daily, {kUnique, "reward_claims.user_id"}));
  const Row next = with(daily, "period", "20455");
  BOOST_TEST(claims.refuses(with(next, "schedule", q("weekly")), {kCheck, "schedule IN"}));
  BOOST_TEST(claims.refuses(with(next, "period", "-1"), {kCheck, "period >= 0"}));
  BOOST_TEST(claims.refuses(with(next, "amount", "-1"), {kCheck, "amount >= 0"}));
  BOOST_TEST(claims.refuses(with(next, "streak", "0"), {kCheck, "streak >= 1"}));
  BOOST_TEST(claims.refuses(with(with(next, "schedule", q("login_day")), "streak", "2"),
                            {kCheck, "streak >= 1"}));
  BOOST_TEST(claims.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(claims.refuses(with(next, "currency_id", "99"), {kForeignKey}));
  BOOST_TEST(claims.refuses(with(next, "transaction_id", "999"), {kForeignKey}));
  BOOST_TEST(claims.accepts(with(with(next, "schedule", q("login_week")), "streak", "0")));
}

// 0017: one row per message of chat activity.
BOOST_AUTO_TEST_CASE(loot_activity_takes_a_valid_row_and_refuses_each_violation) {
  Table activity(*this, "loot_activity");
  const Row message = {{"channel_id", q("general")}, {"at", kT}};
  BOOST_TEST(activity.accepts(message));
  BOOST_TEST(activity.accepts(message));  // two messages in the same millisecond
  BOOST_TEST(activity.refuses(with(message, "channel_id", q("")), {kCheck, "length(channel_id)"}));
  BOOST_TEST(activity.refuses(with(message, "channel_id", q(std::string(256, 'c'))),
                              {kCheck, "length(channel_id)"}));
  BOOST_TEST(activity.refuses(without(message, "at"), {kNotNull, "loot_activity.at"}));
}

BOOST_AUTO_TEST_CASE(moderation_cases_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table cases(*this, "moderation_cases");
  BOOST_TEST(
      cases.accepts(with(case_row(1, "CASE-0001"), {{"user_id", q(kAlice)},
                                                    {"moderator_id", q(kBob)},
                                                    {"active", "1"},
                                                    {"metadata", q(R"({"duration": 60})")}})));
  // More than four digits; no moderator (the system).
  BOOST_TEST(cases.accepts(with(case_row(2, "CASE-12345"), "type", q("TIMEOUT"))));
  const Row next = case_row(3, "CASE-0003");
  BOOST_TEST(
      cases.refuses(with(next, "case_id", q("CASE-0001")), {kUnique, "moderation_cases.case_id"}));
  for (const char* malformed :
       {"CASE-001", "case-0003", "CASE-00a3", "CASE-0003 ", "CASE 0003", "CASE-0003-1", "CASE-"}) {
    BOOST_TEST(cases.refuses(with(next, "case_id", q(malformed)), {kCheck, "case_id"}));
  }
  BOOST_TEST(cases.refuses(with(next, "type", q("warn")), {kCheck, "type IN"}));
  BOOST_TEST(cases.refuses(with(next, "type", q("MUTE")), {kCheck, "type IN"}));
  BOOST_TEST(cases.refuses(with(next, "username", q("")), {kCheck, "length(username)"}));
  BOOST_TEST(
      cases.refuses(with(next, "moderator_name", q("")), {kCheck, "length(moderator_name)"}));
  BOOST_TEST(cases.refuses(without(next, "reason"), {kNotNull, "moderation_cases.reason"}));
  BOOST_TEST(cases.refuses(with(next, "metadata", q("[]")), {kCheck, "metadata"}));
  BOOST_TEST(cases.refuses(with(next, "active", "2"), {kCheck, "active"}));
  for (const char* actor : {"user_id", "moderator_id", "resolved_by"}) {
    BOOST_TEST(cases.refuses(with(next, actor, q(kDave)), {kForeignKey}));
  }
  BOOST_TEST(cases.accepts(next));
  int id = 4;
  for (const char* type : {"KICK", "BAN", "NOTE"}) {
    BOOST_TEST(cases.accepts(with(case_row(id, "CASE-000" + num(id)), "type", q(type))));
    ++id;
  }
}

// -- coverage -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

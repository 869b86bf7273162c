// Moderation cases: numbered cases, warnings that time a user out automatically, timeouts and
// bans the access check honours, kicks that end sessions, resolution, search.
#include "hearth/identity/cases.h"

#include <algorithm>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/progression/turns.h"

using namespace hearth;

namespace {

struct CasesGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId mod = game.players().create({.username = "mod"}).value().id;
  PlayerId eve = game.players().create({.username = "eve"}).value().id;

  CasesGame() { BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok()); }

  Result<CaseView> open(CaseType type, const std::string& reason = "spam",
                        std::optional<Duration> duration = std::nullopt) {
    return game.moderation_cases().open({type, mod, ann, reason, duration});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cases_test, CasesGame)

BOOST_AUTO_TEST_CASE(cases_are_numbered_in_order_with_the_names_as_they_were) {
  const auto first = open(CaseType::Note, "watch this one");
  BOOST_TEST_REQUIRE(first.ok(), first.detail());
  BOOST_TEST(first->id == "CASE-0001");
  BOOST_TEST(first->username == "ann");
  BOOST_TEST(first->moderator_name == "mod");
  BOOST_TEST(!first->active);
  BOOST_TEST(open(CaseType::Warn)->id == "CASE-0002");
  BOOST_REQUIRE(game.players().rename(ann, "anna").ok());
  const auto third = open(CaseType::Kick);
  BOOST_TEST(third->id == "CASE-0003");
  BOOST_TEST(third->username == "anna");
  BOOST_TEST(game.moderation_cases().find("CASE-0001")->username == "ann");
}

BOOST_AUTO_TEST_CASE(bad_cases_are_refused_and_write_nothing) {
  const std::string before = test::snapshot(game);
  BOOST_TEST((open(CaseType::Warn, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((open(CaseType::Warn, std::string(501, 'r')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((open(CaseType::Timeout).refusal() == Refusal::InvalidArgument));  // no duration
  BOOST_TEST((open(CaseType::Timeout, "x", Duration(0)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((open(CaseType::Timeout, "x", Duration(60 * kDay)).refusal() == Refusal::NotAllowed));
  BOOST_TEST((open(CaseType::Ban).refusal() == Refusal::NotAllowed));  // no end needs permaban
  BOOST_TEST((game.moderation_cases().open({CaseType::Warn, eve, ann, "x"}).refusal() ==
              Refusal::NotAllowed));  // eve is no moderator
  BOOST_TEST((game.moderation_cases().open({CaseType::Warn, mod, mod, "x"}).refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(
      (game.moderation_cases()
           .open({CaseType::Warn, mod, PlayerId("00000000-0000-4000-8000-000000000000"), "x"})
           .refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(a_third_active_warning_times_the_user_out_for_a_day) {
  BOOST_TEST(open(CaseType::Warn, "one")->active);
  BOOST_TEST(open(CaseType::Warn, "two").ok());
  BOOST_TEST(game.moderation_cases().active_warnings(ann) == 2);
  BOOST_TEST(game.turns().spend(ann, 1).ok());
  const auto third = open(CaseType::Warn, "three");
  BOOST_TEST_REQUIRE(third.ok());
  BOOST_TEST(third->id == "CASE-0003");
  const auto automatic = game.moderation_cases().find("CASE-0004");
  BOOST_TEST_REQUIRE(automatic.has_value());
  BOOST_TEST((automatic->type == CaseType::Timeout));
  BOOST_TEST(automatic->moderator.value().empty());
  BOOST_TEST(automatic->moderator_name == "system");
  BOOST_TEST(automatic->auto_timeout);
  BOOST_TEST(automatic->warning_count == 3);
  BOOST_TEST(automatic->duration == kDay);
  // The access check honours it at once, and it ends by itself after 24 hours.
  BOOST_TEST((game.turns().spend(ann, 1).refusal() == Refusal::Banned));
  clock->advance(kDay - 1);
  BOOST_TEST((game.turns().spend(ann, 1).refusal() == Refusal::Banned));
  clock->advance(1);
  BOOST_TEST(game.turns().spend(ann, 1).ok());
  // Resolving warnings brings the count down.
  BOOST_TEST(game.moderation_cases().resolve(mod, "CASE-0001", "apologised").ok());
  BOOST_TEST(game.moderation_cases().active_warnings(ann) == 2);
}

BOOST_AUTO_TEST_CASE(timeouts_and_bans_are_bans_and_kicks_end_sessions) {
  const auto timeout = open(CaseType::Timeout, "cool down", Duration(kHour));
  BOOST_TEST_REQUIRE(timeout.ok(), timeout.detail());
  BOOST_TEST(timeout->ban.value() > 0);
  BOOST_TEST(timeout->duration == kHour);
  BOOST_TEST((game.turns().spend(ann, 1).refusal() == Refusal::Banned));
  clock->advance(kHour);
  BOOST_TEST(game.turns().spend(ann, 1).ok());
  const auto ban = open(CaseType::Ban, "cheating", Duration(7 * kDay));
  BOOST_TEST(ban->ban.value() > timeout->ban.value());
  BOOST_TEST((game.access().is_banned(ann, "").has_value()));
  BOOST_TEST(open(CaseType::Kick, "leave").ok());
  int ended = 0;
  for (const Event& event : game.events(0, 1000)) {
    ended += event.type == AccountEvents::kLoggedOutEverywhere;
  }
  BOOST_TEST(ended == 1);
}

BOOST_AUTO_TEST_CASE(a_case_is_resolved_once_with_who_and_why) {
  BOOST_REQUIRE(open(CaseType::Warn).ok());
  clock->advance(kHour);
  const std::string before = test::snapshot(game);
  BOOST_TEST(
      (game.moderation_cases().resolve(eve, "CASE-0001", "x").refusal() == Refusal::NotAllowed));
  BOOST_TEST(
      (game.moderation_cases().resolve(mod, "CASE-0009", "x").refusal() == Refusal::NotFound));
  BOOST_TEST((game.moderation_cases().resolve(mod, "CASE-0001", "").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(game.moderation_cases().resolve(mod, "CASE-0001", "a misunderstanding").ok());
  const CaseView resolved = *game.moderation_cases().find("CASE-0001");
  BOOST_TEST(!resolved.active);
  BOOST_TEST((resolved.resolved_at == std::optional<GameTime>(clock->now())));
  BOOST_TEST(resolved.resolved_by == mod);
  BOOST_TEST(resolved.resolved_reason == "a misunderstanding");
  BOOST_TEST((game.moderation_cases().resolve(mod, "CASE-0001", "again").refusal() ==
              Refusal::AlreadyDone));
}

BOOST_AUTO_TEST_CASE(search_filters_and_pages_newest_first) {
  test::FreshGame fresh;
  GameOptions options = test::options_with(fresh.clock);
  Rules rules;
  rules.moderation.auto_timeout_warnings = 0;  // never
  options.rules = rules;
  Game quiet(options);
  const PlayerId a = quiet.players().create({.username = "aaa"}).value().id;
  const PlayerId b = quiet.players().create({.username = "bbb"}).value().id;
  const PlayerId m = quiet.players().create({.username = "mmm"}).value().id;
  BOOST_REQUIRE(quiet.access().assign_role(m, "moderator").ok());
  for (int i = 0; i < 120; ++i) {
    const CaseType type = i % 3 == 0 ? CaseType::Warn : CaseType::Note;
    BOOST_REQUIRE(quiet.moderation_cases().open({type, m, i % 2 ? a : b, "r"}).ok());
  }
  BOOST_TEST(quiet.moderation_cases().active_warnings(b) == 20);
  CaseFilter all;
  all.limit = 500;
  const auto page = quiet.moderation_cases().search(all);
  BOOST_TEST(page.size() == 50u);  // Rules::moderation.page
  BOOST_TEST(page.front().id == "CASE-0120");
  std::vector<CaseView> seen = page;
  all.before = page.back().id;
  for (auto next = quiet.moderation_cases().search(all); !next.empty();
       next = quiet.moderation_cases().search(all)) {
    seen.insert(seen.end(), next.begin(), next.end());
    all.before = next.back().id;
  }
  BOOST_TEST(seen.size() == 120u);
  CaseFilter warnings_of_a;
  warnings_of_a.user = a;
  warnings_of_a.type = CaseType::Warn;
  warnings_of_a.active = true;
  const auto found = quiet.moderation_cases().search(warnings_of_a);
  BOOST_TEST(found.size() == 20u);
  for (const CaseView& c : found) {
    BOOST_TEST((c.user == a && c.type == CaseType::Warn && c.active));
  }
  CaseFilter unknown;
  unknown.before = "CASE-9999";
  BOOST_TEST(quiet.moderation_cases().search(unknown).empty());
}

// Timeouts — a moderator's and the automatic ones — end at the same moments, with the same events,
// and refuse the same commands, however often the tick runs between the commands.
BOOST_AUTO_TEST_CASE(timeouts_do_not_depend_on_how_often_the_tick_runs) {
  std::mt19937_64 draw(17);
  for (int round = 0; round < 8; ++round) {
    struct Step {
      GameTime at;
      int action;  // 0: a timeout, 1: a warning, 2: a turn spent
      int user;
      GameTime duration;
    };

    std::vector<Step> steps;
    GameTime at = test::kStart;
    for (int i = 0; i < 50; ++i) {
      at += static_cast<GameTime>(draw() % (6 * kHour));
      steps.push_back({at, static_cast<int>(draw() % 3), static_cast<int>(draw() % 3),
                       static_cast<GameTime>(kMinute + draw() % (5 * kHour))});
    }
    std::string runs[2];
    for (int often = 0; often < 2; ++often) {
      auto own_clock = std::make_shared<ManualClock>(test::kStart);
      Game world(test::options_with(own_clock));
      const PlayerId moderator = world.players().create({.username = "mod"}).value().id;
      BOOST_REQUIRE(world.access().assign_role(moderator, "moderator").ok());
      std::vector<PlayerId> users;
      for (int u = 0; u < 3; ++u) {
        users.push_back(world.players().create({.username = "user" + std::to_string(u)})->id);
      }
      std::mt19937_64 ticks(round);
      GameTime previous = test::kStart;
      std::string& run = runs[often];
      for (const Step& step : steps) {
        if (often == 1) {
          for (GameTime t = previous; t < step.at;
               t += 1 + static_cast<GameTime>(ticks() % kHour)) {
            world.advance_to(t);
          }
        }
        own_clock->set(step.at);
        const PlayerId& user = users[static_cast<std::size_t>(step.user)];
        if (step.action == 2) {
          run += std::string(to_string(world.turns().spend(user, 1).refusal())) + ";";
        } else {
          const CaseType type = step.action == 0 ? CaseType::Timeout : CaseType::Warn;
          const auto opened =
              world.moderation_cases().open({type, moderator, user, "r", Duration(step.duration)});
          run += opened.ok() ? opened->id + ";" : std::string(to_string(opened.refusal())) + ";";
        }
        previous = step.at;
      }
      own_clock->set(at + kDay);
      world.tick();
      std::vector<std::string> journal;
      for (const Event& event : world.events(0, 100000)) {
        if (event.type.starts_with("access.") || event.type.starts_with("case.")) {
          journal.push_back(std::to_string(event.at) + event.type + event.subject + event.payload);
        }
      }
      std::sort(journal.begin(), journal.end());
      for (const std::string& line : journal) run += line + "\n";
    }
    BOOST_TEST(runs[0] == runs[1]);
    BOOST_TEST(runs[0].find("Banned") != std::string::npos);
    BOOST_TEST(runs[0].find("access.ban_expired") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

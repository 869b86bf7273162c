// Quests: definitions, assignment, progress from the journal (the game's events and the engine's
// own), completion with its rewards exactly once, in the command that completed it.
#include "hearth/progression/quests.h"

#include <algorithm>
#include <cerrno>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/identity/access.h"
#include "hearth/progression/levels.h"
#include "hearth/progression/timers.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;

namespace {

struct QuestsGame : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  ItemId ore = game.inventory().create_item({.name = "Ore", .type = "MATERIAL"})->id;
  ItemId gem = game.inventory().create_item({.name = "Gem", .type = "MATERIAL"})->id;

  QuestId quest(const std::string& name, const std::string& trigger, std::int64_t target,
                std::int64_t xp = 0, std::int64_t money = 0,
                std::vector<QuestItemReward> items = {}) {
    NewQuest quest{name, "", trigger, target, xp, money, CurrencyId(), std::move(items)};
    const auto made = game.quests().create_quest(quest);
    BOOST_REQUIRE_MESSAGE(made.ok(), made.detail());
    return made->id;
  }

  QuestProgress progress_of(const PlayerId& user, QuestId id) {
    for (const QuestProgress& row : game.quests().progress(user)) {
      if (row.quest == id) return row;
    }
    BOOST_FAIL("not assigned");
    return {};
  }

  int count(std::string_view type, std::int64_t after = 0) {
    int found = 0;
    for (const Event& event : game.events(after, 100000)) found += event.type == type;
    return found;
  }

  std::int64_t last_event_id() {
    const auto events = game.events(0, 100000);
    return events.empty() ? 0 : events.back().id;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(quests_test, QuestsGame)

BOOST_AUTO_TEST_CASE(bad_definitions_are_refused_and_write_nothing) {
  const std::string before = test::snapshot(game);
  const auto refused = [&](NewQuest quest) { return game.quests().create_quest(quest).refusal(); };
  BOOST_TEST((refused({"", "", "KILL", 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({std::string(256, 'q'), "", "KILL", 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "", 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", std::string(51, 't'), 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "quest.completed", 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", std::string("KI\0LL", 5), 1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "KILL", 0}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "KILL", 1, -1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "KILL", 1, 0, -1}) == Refusal::InvalidArgument));
  BOOST_TEST((refused({"Q", "", "KILL", 1, 0, 5, CurrencyId(3)}) == Refusal::NotFound));
  BOOST_TEST(
      (refused({"Q", "", "KILL", 1, 0, 0, CurrencyId(), {{ItemId(99), 1}}}) == Refusal::NotFound));
  BOOST_TEST(
      (refused({"Q", "", "KILL", 1, 0, 0, CurrencyId(), {{ore, 0}}}) == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(quests_are_one_shot_and_at_most_three_are_open) {
  const QuestId a = quest("A", "KILL", 1);
  const QuestId b = quest("B", "KILL", 5);
  const QuestId c = quest("C", "KILL", 5);
  const QuestId d = quest("D", "KILL", 5);
  BOOST_TEST(game.quests().assign(ann, a).ok());
  BOOST_TEST((game.quests().assign(ann, a).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.quests().assign(ann, b).ok());
  BOOST_TEST(game.quests().assign(ann, c).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.quests().assign(ann, d).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.quests().assign(ann, QuestId(99)).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  // Completing one makes room; the completed one can never come back.
  BOOST_TEST(game.quests().record(ann, "KILL").ok());
  BOOST_TEST(progress_of(ann, a).completed_at.has_value());
  BOOST_TEST(game.quests().assign(ann, d).ok());
  BOOST_TEST((game.quests().assign(ann, a).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.quests().available(ann).empty());
  BOOST_TEST(game.quests().available(bob).size() == 4u);
  // A player without play takes no quest.
  BOOST_REQUIRE(game.access().revoke_role(bob, "player").ok());
  BOOST_TEST((game.quests().assign(bob, a).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_trigger_matches_the_event_or_its_text_before_the_colon) {
  const QuestId any = quest("Collector", "ITEM_COLLECT", 10);
  const QuestId one = quest("Ore hunter", "ITEM_COLLECT:101", 10);
  BOOST_REQUIRE(game.quests().assign(ann, any).ok());
  BOOST_REQUIRE(game.quests().assign(ann, one).ok());
  BOOST_TEST(game.quests().record(ann, "ITEM_COLLECT:101", 2).ok());
  BOOST_TEST(game.quests().record(ann, "ITEM_COLLECT:102").ok());
  BOOST_TEST(game.quests().record(ann, "ITEM_COLLECT").ok());
  BOOST_TEST(game.quests().record(ann, "ITEM_COLLECTED:101").ok());  // another event
  BOOST_TEST(game.quests().record(ann, "ITEM").ok());
  BOOST_TEST(progress_of(ann, any).progress == 4);
  BOOST_TEST(progress_of(ann, one).progress == 2);
  // Bad records are refused and write nothing.
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.quests().record(ann, "KILL", 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.quests().record(ann, "quest.completed").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.quests().record(ann, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.quests().record(PlayerId("00000000-0000-4000-8000-000000000000"), "KILL").refusal() ==
       Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(completion_pays_its_rewards_in_the_same_command_exactly_once) {
  const QuestId hunt = quest("Hunt", "KILL", 3, 250, 40, {{ore, 2}, {gem, 1}});
  BOOST_REQUIRE(game.quests().assign(ann, hunt).ok());
  const std::int64_t credits = game.ledger().credits(ann);
  BOOST_TEST(game.quests().record(ann, "KILL", 2).ok());
  BOOST_TEST(!progress_of(ann, hunt).completed_at);
  const std::int64_t mark = last_event_id();
  BOOST_TEST(game.quests().record(ann, "KILL", 5).ok());  // past the target: progress stops there
  const QuestProgress done = progress_of(ann, hunt);
  BOOST_TEST(done.progress == 3);
  BOOST_TEST((done.completed_at == std::optional<GameTime>(clock->now())));
  BOOST_TEST(game.levels().progress(ann).xp == 250);
  BOOST_TEST(game.ledger().credits(ann) == credits + 40);
  BOOST_TEST(game.inventory().quantity(ann, ore) == 2);
  BOOST_TEST(game.inventory().quantity(ann, gem) == 1);
  // The event that completed it and everything the completion did share one command's time.
  BOOST_TEST(count(QuestEvents::kCompleted, mark) == 1);
  BOOST_TEST(count(LevelEvents::kXpGained, mark) == 1);
  // Exactly once: more events change nothing.
  for (int i = 0; i < 5; ++i) BOOST_TEST(game.quests().record(ann, "KILL").ok());
  BOOST_TEST(count(QuestEvents::kCompleted) == 1);
  BOOST_TEST(game.levels().progress(ann).xp == 250);
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_TEST(game.inventory().check_inventory().empty());
}

BOOST_AUTO_TEST_CASE(the_engines_own_events_advance_quests_with_their_weight) {
  const QuestId xp = quest("Learn", "xp.gained", 500);
  const QuestId ores = quest("Mine ore", "inventory.added:" + std::to_string(ore.value()), 7);
  BOOST_REQUIRE(game.quests().assign(ann, xp).ok());
  BOOST_REQUIRE(game.quests().assign(ann, ores).ok());
  BOOST_REQUIRE(game.quests().assign(bob, xp).ok());
  BOOST_TEST(game.levels().award(ann, 300, "study").ok());
  BOOST_TEST(progress_of(ann, xp).progress == 300);
  BOOST_TEST(progress_of(bob, xp).progress == 0);  // only the subject's quests move
  BOOST_TEST(game.inventory().add({ann, gem, 4}).ok());
  BOOST_TEST(game.inventory().add({ann, ore, 4}).ok());
  BOOST_TEST(progress_of(ann, ores).progress == 4);
  BOOST_TEST(game.inventory().add({ann, ore, 3}).ok());
  BOOST_TEST(progress_of(ann, ores).completed_at.has_value());
  BOOST_TEST(game.levels().award(ann, 300, "study").ok());
  BOOST_TEST(progress_of(ann, xp).completed_at.has_value());
}

BOOST_AUTO_TEST_CASE(the_ticks_own_events_advance_quests_too) {
  // Expiries are journaled set-based by the tick; the quests and the listeners still see each.
  const QuestId wait = quest("Patience", "cooldown.expired", 2, 30);
  BOOST_REQUIRE(game.quests().assign(ann, wait).ok());
  std::vector<std::string> heard;
  game.on_event([&](const Event& event) {
    if (event.type == "cooldown.expired") heard.push_back(event.subject);
  });
  BOOST_REQUIRE(game.timers().start_cooldown(ann, "a", Duration(kMinute)).ok());
  BOOST_REQUIRE(game.timers().start_cooldown(ann, "b", Duration(2 * kMinute)).ok());
  BOOST_REQUIRE(game.timers().start_cooldown(bob, "a", Duration(kMinute)).ok());
  clock->advance(kHour);
  game.tick();
  // Completed as of the second expiry, not of the tick that found it.
  BOOST_TEST(
      (progress_of(ann, wait).completed_at == std::optional<GameTime>(test::kStart + 2 * kMinute)));
  BOOST_TEST(game.levels().progress(ann).xp == 30);
  BOOST_TEST(heard.size() == 3u);
}

// A quest that the tick's events complete leaves the same rows and events however often the tick
// ran.
BOOST_AUTO_TEST_CASE(quests_on_tick_events_do_not_depend_on_the_tick_rate) {
  std::string runs[2];
  for (int often = 0; often < 2; ++often) {
    test::FreshGame fresh;
    Game& world = fresh.game;
    const PlayerId who = world.players().create({.username = "cyd"}).value().id;
    const QuestId wait =
        world.quests().create_quest({"Patience", "", "effect.expired", 3, 25, 10})->id;
    BOOST_REQUIRE(world.quests().assign(who, wait).ok());
    for (int i = 1; i <= 4; ++i) {
      BOOST_REQUIRE(world.timers()
                        .apply_effect(who, "e" + std::to_string(i), Duration(i * 7 * kMinute))
                        .ok());
    }
    if (often == 1) {
      for (int step = 1; step < 40; ++step) world.advance_to(test::kStart + step * kMinute);
    }
    world.advance_to(test::kStart + kHour);
    // Every row but the clock's and the journal's, then the journal as a set (within one tick
    // the journal lists events rule by rule, docs/rules.md).
    std::string& run = runs[often];
    run = test::snapshot(world);
    const auto cut = [&](const std::string& from, const std::string& to) {
      run.erase(run.find(from), run.find(to) - run.find(from));
    };
    cut("events\n", "factions\n");
    cut("game_clock\n", "game_supports\n");
    std::vector<std::string> journal;
    for (const Event& event : world.events(0, 1000)) {
      journal.push_back(std::to_string(event.at) + event.type + event.subject + event.payload);
    }
    std::sort(journal.begin(), journal.end());
    for (const std::string& line : journal) run += line + "\n";
  }
  BOOST_TEST(runs[0] == runs[1]);
  BOOST_TEST(runs[0].find("quest.completed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_reward_can_complete_another_quest) {
  const QuestId learn = quest("Learn", "xp.gained", 100);
  const QuestId hunt = quest("Hunt", "KILL", 1, 100);
  BOOST_REQUIRE(game.quests().assign(ann, learn).ok());
  BOOST_REQUIRE(game.quests().assign(ann, hunt).ok());
  BOOST_TEST(game.quests().record(ann, "KILL").ok());
  BOOST_TEST(progress_of(ann, hunt).completed_at.has_value());
  BOOST_TEST(progress_of(ann, learn).completed_at.has_value());
  BOOST_TEST(count(QuestEvents::kCompleted) == 2);
}

BOOST_AUTO_TEST_CASE(progress_before_assignment_does_not_count) {
  const QuestId hunt = quest("Hunt", "KILL", 3);
  BOOST_TEST(game.quests().record(ann, "KILL", 5).ok());
  BOOST_REQUIRE(game.quests().assign(ann, hunt).ok());
  BOOST_TEST(progress_of(ann, hunt).progress == 0);
}

BOOST_AUTO_TEST_CASE(a_reward_that_does_not_fit_waits_at_the_target) {
  const QuestId hunt = quest("Hunt", "KILL", 1, 50, 0, {{ore, 1}});
  BOOST_REQUIRE(game.quests().assign(ann, hunt).ok());
  BOOST_REQUIRE(game.inventory().add({ann, ore, 999}).ok());  // a full stack
  BOOST_TEST(game.quests().record(ann, "KILL").ok());         // the event itself is kept
  QuestProgress waiting = progress_of(ann, hunt);
  BOOST_TEST(waiting.progress == 1);
  BOOST_TEST(!waiting.completed_at);
  BOOST_TEST(count(QuestEvents::kRewardBlocked) == 1);
  BOOST_TEST(count(QuestEvents::kCompleted) == 0);
  BOOST_TEST(game.levels().progress(ann).xp == 0);  // nothing of the rewards was paid
  BOOST_REQUIRE(game.inventory().remove({ann, ore, 1}).ok());
  BOOST_TEST(game.quests().record(ann, "KILL").ok());
  BOOST_TEST(progress_of(ann, hunt).completed_at.has_value());
  BOOST_TEST(game.levels().progress(ann).xp == 50);
  BOOST_TEST(game.inventory().quantity(ann, ore) == 999);
}

// A child process records kills in a game file and is killed with SIGKILL after a random number
// of acknowledged commands (a count, never a time, so that a slow machine changes nothing). After
// each kill the file shows every quest completed exactly once if and only if the kills reached its
// target, with its XP paid once.
BOOST_AUTO_TEST_CASE(completion_is_exactly_once_across_kills) {
  test::TempFile file;
  constexpr int kQuests = 8;
  const auto options = [&] {
    GameOptions o = test::options_with(std::make_shared<ManualClock>(test::kStart), file.path);
    Rules rules;
    rules.quests.max_active = kQuests;
    o.rules = rules;
    return o;
  };
  PlayerId cyd;
  {
    Game setup(options());
    cyd = setup.players().create({.username = "cyd"}).value().id;
    for (int i = 1; i <= kQuests; ++i) {
      const auto made = setup.quests().create_quest(
          {"Q" + std::to_string(i), "", "KILL", i * 7, i * 10, 0, CurrencyId(), {}});
      BOOST_REQUIRE(setup.quests().assign(cyd, made->id).ok());
    }
  }
  std::mt19937_64 draw(5);
  for (int round = 0; round < 6; ++round) {
    int pipe_fds[2];
    BOOST_REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
      ::close(pipe_fds[0]);
      try {
        Game child_game(options());
        for (;;) {
          if (!child_game.quests().record(cyd, "KILL")) ::_exit(2);
          const char ack = 1;
          while (::write(pipe_fds[1], &ack, 1) < 0 && errno == EINTR) {
          }
        }
      } catch (...) {
        ::_exit(3);
      }
    }
    ::close(pipe_fds[1]);
    const int wanted = static_cast<int>(draw() % 12) + 1;
    int acked = 0;
    char buffer[16];
    while (acked < wanted) {
      const ssize_t got = ::read(pipe_fds[0], buffer, 1);
      if (got < 0 && errno == EINTR) continue;
      BOOST_REQUIRE(got == 1);
      ++acked;
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(pipe_fds[0]);

    Game reopened(options());
    const std::int64_t kills =
        test::query_int(reopened, "SELECT count(*) FROM events WHERE type = 'KILL'");
    std::int64_t xp = 0;
    for (const QuestProgress& row : reopened.quests().progress(cyd)) {
      BOOST_TEST(row.progress == std::min(row.target, kills));
      BOOST_TEST(row.completed_at.has_value() == (kills >= row.target));
      if (row.completed_at) xp += row.target / 7 * 10;
    }
    BOOST_TEST(test::query_int(reopened,
                               "SELECT count(*) FROM events WHERE type = "
                               "'quest.completed'") ==
               test::query_int(reopened,
                               "SELECT count(*) FROM user_quests WHERE completed_at IS "
                               "NOT NULL"));
    BOOST_TEST(test::query_int(reopened,
                               "SELECT count(DISTINCT json_extract(payload, '$.quest')) "
                               "FROM events WHERE type = 'quest.completed'") ==
               test::query_int(reopened,
                               "SELECT count(*) FROM events WHERE type = "
                               "'quest.completed'"));
    BOOST_TEST(reopened.levels().progress(cyd).xp == xp);
  }
}

BOOST_AUTO_TEST_SUITE_END()

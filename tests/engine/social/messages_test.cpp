// Messages: direct, team and system messages; every refusal writing nothing; threads, read
// receipts and unread counts; deletion per side and the purge exactly once; flags and moderation;
// pages with stable cursors; the query plans (no scan of the table); and a property over random
// sequences: no message is delivered across a block.
#include "hearth/social/messages.h"

#include <algorithm>
#include <random>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/game.h"
#include "hearth/identity/access.h"
#include "hearth/social/relations.h"
#include "hearth/social/teams.h"

using namespace hearth;

namespace {

GameOptions small_limits(std::shared_ptr<ManualClock> clock) {
  GameOptions options = test::options_with(std::move(clock));
  options.rules = Rules{};
  options.rules->messages.max_thread = 4;
  options.rules->messages.rate_limit = 5;
  options.rules->teams.creation_cost = 0;
  return options;
}

struct Mail {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game{small_limits(clock)};
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  PlayerId cyd = game.players().create({.username = "cyd"}).value().id;
  Messages messages = game.messages();

  Result<MessageView> send(const PlayerId& from, const PlayerId& to, const std::string& content,
                           const std::string& reply_to = "") {
    NewMessage message;
    message.sender = from;
    message.recipient = to;
    message.content = content;
    message.reply_to = reply_to;
    return messages.send(message);
  }

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }

  static std::vector<std::string> contents(const MessagePage& page) {
    std::vector<std::string> found;
    for (const MessageView& message : page.messages) found.push_back(message.content);
    return found;
  }
};

using Texts = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(messages_test, Mail)

BOOST_AUTO_TEST_CASE(a_direct_message_reaches_the_inbox_and_is_read_once) {
  const MessageView sent = send(ann, bob, "Hello Bob").value();
  BOOST_TEST(sent.thread == sent.id);
  BOOST_TEST((sent.kind == MessageKind::Player));
  BOOST_TEST((contents(messages.inbox(bob)) == Texts{"Hello Bob"}));
  BOOST_TEST((contents(messages.sent(ann)) == Texts{"Hello Bob"}));
  BOOST_TEST(messages.inbox(ann).messages.empty());
  BOOST_TEST(messages.unread_count(bob) == 1);
  BOOST_TEST(messages.unread_count(ann) == 0);
  BOOST_TEST(!messages.inbox(bob).messages.front().read_at.has_value());
  BOOST_TEST((messages.mark_read(ann, sent.id).ok()));  // the sender: nothing to do
  BOOST_TEST(messages.mark_read(bob, sent.id).ok());
  BOOST_TEST(messages.mark_read(bob, sent.id).ok());  // again: nothing changes
  BOOST_TEST(messages.unread_count(bob) == 0);
  BOOST_TEST(messages.inbox(bob).messages.front().read_at.value_or(0) == test::kStart);
  BOOST_TEST(count("message.sent") == 1);
  BOOST_TEST(count("message.read") == 1);  // the sender's receipt, once
  BOOST_TEST((messages.mark_read(cyd, sent.id).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(each_refusal_writes_nothing) {
  const MessageView first = send(ann, bob, "first").value();
  BOOST_REQUIRE(game.relations().block(cyd, ann).ok());
  const PlayerId off = game.players().create({.username = "off"})->id;
  BOOST_REQUIRE(game.players().remove(off).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((send(ann, ann, "me").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((send(ann, PlayerId(), "nobody").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((send(ann, PlayerId("00000000-0000-4000-8000-000000000000"), "x").refusal() ==
              Refusal::NotFound));
  BOOST_TEST((send(ann, off, "gone").refusal() == Refusal::NotAllowed));
  BOOST_TEST((send(ann, cyd, "blocked").refusal() == Refusal::NotAllowed));
  BOOST_TEST((send(cyd, ann, "blocker").refusal() == Refusal::NotAllowed));
  BOOST_TEST((send(ann, bob, "").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((send(ann, bob, std::string(4001, 'x')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((send(ann, bob, std::string("a\0b", 3)).refusal() == Refusal::InvalidArgument));
  NewMessage subject;
  subject.sender = ann;
  subject.recipient = bob;
  subject.subject = std::string(256, 's');
  subject.content = "x";
  BOOST_TEST((messages.send(subject).refusal() == Refusal::InvalidArgument));
  NewMessage both = subject;
  both.subject = "";
  both.team = TeamId("00000000-0000-4000-8000-000000000001");
  BOOST_TEST((messages.send(both).refusal() == Refusal::InvalidArgument));
  NewMessage to_team;
  to_team.sender = ann;
  to_team.team = TeamId("00000000-0000-4000-8000-000000000001");
  to_team.content = "hi";
  BOOST_TEST((messages.send(to_team).refusal() == Refusal::NotAllowed));
  // A reply to a message the sender has no part in.
  BOOST_TEST((send(cyd, bob, "butting in", first.id).refusal() == Refusal::NotFound));
  BOOST_TEST((send(ann, bob, "no such", "00000000-0000-4000-8000-000000000009").refusal() ==
              Refusal::NotFound));
  BOOST_TEST((messages.flag(cyd, first.id, "not mine to flag").refusal() == Refusal::NotFound));
  BOOST_TEST((messages.flag(bob, first.id, "short").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((messages.hide(bob, first.id).refusal() == Refusal::NotAllowed));
  BOOST_TEST((messages.remove(cyd, first.id).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(a_muted_player_cannot_send_but_can_read) {
  const PlayerId mod = game.players().create({.username = "mod"})->id;
  BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
  const MessageView hello = send(bob, ann, "hello").value();
  BOOST_REQUIRE(
      game.access().ban({mod, ann, "", "flooding", test::kStart + kHour, {"community"}}).ok());
  BOOST_TEST((send(ann, bob, "let me talk").refusal() == Refusal::Banned));
  BOOST_TEST(messages.mark_read(ann, hello.id).ok());
  clock->advance(kHour);
  BOOST_TEST(send(ann, bob, "thanks").ok());
}

BOOST_AUTO_TEST_CASE(sending_faster_than_the_rate_is_refused_until_the_window_passes) {
  for (int i = 0; i < 5; ++i) {
    BOOST_REQUIRE(send(ann, bob, "m" + std::to_string(i)).ok());
    clock->advance(Duration::seconds(10));
  }
  const Result<MessageView> sixth = send(ann, bob, "too fast");
  BOOST_TEST((sixth.refusal() == Refusal::CooldownActive));
  BOOST_TEST(sixth.detail().find("wait 10s") != std::string::npos, sixth.detail());
  BOOST_TEST(send(bob, ann, "bob is not limited by ann").ok());
  BOOST_TEST(messages.send_system(ann, "News", "The game may always write").ok());
  clock->advance(Duration::seconds(10));
  BOOST_TEST(send(ann, bob, "now").ok());
}

BOOST_AUTO_TEST_CASE(replies_join_their_thread_up_to_its_limit) {
  // A second apart each: a thread reads in time order (messages of one moment, by id).
  const MessageView first = send(ann, bob, "one").value();
  clock->advance(Duration::seconds(1));
  const MessageView second = send(bob, ann, "two", first.id).value();
  clock->advance(Duration::seconds(1));
  const MessageView third = send(ann, bob, "three", second.id).value();
  clock->advance(Duration::seconds(1));
  BOOST_TEST(second.thread == first.id);
  BOOST_TEST(third.thread == first.id);
  BOOST_TEST(third.reply_to == second.id);
  BOOST_TEST(send(bob, ann, "four", first.id).ok());
  BOOST_TEST((send(ann, bob, "five", first.id).refusal() == Refusal::NotAllowed));
  BOOST_TEST(send(ann, bob, "five, anew").ok());  // a new thread is not limited
  BOOST_TEST((contents(messages.thread(bob, first.id)) == Texts{"one", "two", "three", "four"}));
  BOOST_TEST(messages.unread_count(bob) == 3);
  BOOST_TEST(messages.mark_thread_read(bob, first.id).ok());
  BOOST_TEST(messages.unread_count(bob) == 1);  // "five, anew"
  BOOST_TEST((messages.mark_thread_read(cyd, first.id).refusal() == Refusal::NotFound));
  BOOST_TEST(messages.thread(cyd, first.id).messages.empty());
}

BOOST_AUTO_TEST_CASE(team_messages_go_to_members_since_they_joined) {
  const TeamId team = game.teams().create(ann, "Owls").value().id;
  BOOST_REQUIRE(game.teams().join(team, bob).ok());
  NewMessage note;
  note.sender = ann;
  note.team = team;
  note.content = "Meet at the station";
  const MessageView early = messages.send(note).value();
  BOOST_TEST((early.kind == MessageKind::Team));
  clock->advance(kMinute);
  BOOST_REQUIRE(game.teams().join(team, cyd).ok());
  note.content = "Welcome, cyd";
  BOOST_REQUIRE(messages.send(note).ok());
  BOOST_TEST((contents(messages.team(bob)) == Texts{"Welcome, cyd", "Meet at the station"}));
  BOOST_TEST((contents(messages.team(cyd)) == Texts{"Welcome, cyd"}));
  BOOST_TEST(messages.unread_count(bob) == 2);
  BOOST_TEST(messages.unread_count(cyd) == 1);
  BOOST_TEST(messages.unread_count(ann) == 0);  // her own
  BOOST_TEST(messages.mark_read(bob, early.id).ok());
  BOOST_TEST(messages.unread_count(bob) == 1);
  BOOST_TEST(messages.unread_count(cyd) == 1);  // read per member
  BOOST_TEST((messages.mark_read(cyd, early.id).refusal() == Refusal::NotFound));
  // A member cannot delete a team message; its sender deletes it for herself.
  BOOST_TEST((messages.remove(bob, early.id).refusal() == Refusal::NotFound));
  BOOST_TEST(messages.remove(ann, early.id).ok());
  BOOST_TEST(messages.team(ann).messages.size() == 1u);
  BOOST_TEST(messages.team(bob).messages.size() == 2u);
  // Having left, a player reads the team no more.
  BOOST_REQUIRE(game.teams().leave(cyd).ok());
  BOOST_TEST(messages.team(cyd).messages.empty());
  note.sender = cyd;
  BOOST_TEST((messages.send(note).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_message_both_sides_deleted_is_purged_once_after_the_retention) {
  const MessageView kept = send(ann, bob, "kept by bob").value();
  const MessageView gone = send(ann, bob, "deleted by both").value();
  const MessageView notice = messages.send_system(bob, "", "system notice").value();
  BOOST_TEST(messages.remove(ann, kept.id).ok());
  BOOST_TEST((messages.remove(ann, kept.id).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(messages.remove(ann, gone.id).ok());
  BOOST_TEST(messages.remove(bob, gone.id).ok());
  BOOST_TEST(messages.remove(bob, notice.id).ok());
  BOOST_TEST((contents(messages.inbox(bob)) == Texts{"kept by bob"}));
  BOOST_TEST(messages.sent(ann).messages.empty());
  const std::string count_all = "SELECT count(*) FROM messages";
  BOOST_TEST(test::query_int(game, count_all) == 3);
  clock->advance(29 * kDay);
  game.tick();
  BOOST_TEST(test::query_int(game, count_all) == 3);
  clock->advance(kDay);
  game.tick();
  BOOST_TEST(test::query_int(game, count_all) == 1);
  BOOST_TEST((contents(messages.inbox(bob)) == Texts{"kept by bob"}));
}

BOOST_AUTO_TEST_CASE(flags_go_to_moderators_who_hide_or_clear_them) {
  const PlayerId mod = game.players().create({.username = "mod"})->id;
  BOOST_REQUIRE(game.access().assign_role(mod, "moderator").ok());
  const MessageView rude = send(ann, bob, "something rude").value();
  const MessageView fine = send(ann, bob, "something fine").value();
  BOOST_TEST(messages.flag(bob, rude.id, "insulting language").ok());
  BOOST_TEST(messages.flag(bob, fine.id, "clicked by mistake").ok());
  BOOST_TEST((messages.flag(bob, rude.id, "insulting language").refusal() == Refusal::AlreadyDone));
  BOOST_TEST(messages.flagged().messages.size() == 2u);
  BOOST_TEST(messages.hide(mod, rude.id).ok());
  BOOST_TEST(messages.unflag(mod, fine.id).ok());
  BOOST_TEST((messages.unflag(mod, fine.id).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(messages.flagged().messages.empty());
  BOOST_TEST((contents(messages.inbox(bob)) == Texts{"something fine"}));
  BOOST_TEST((contents(messages.sent(ann)) == Texts{"something fine"}));
  BOOST_TEST(test::query_int(game,
                             "SELECT count(*) FROM messages WHERE moderated_by IS NOT "
                             "NULL AND moderated_at IS NOT NULL") == 2);
  BOOST_TEST(count("message.flagged") == 2);
  BOOST_TEST(count("message.hidden") == 1);
  BOOST_TEST(count("message.unflagged") == 1);
}

BOOST_AUTO_TEST_CASE(pages_stay_put_while_new_messages_arrive) {
  for (int i = 0; i < 7; ++i) {
    BOOST_REQUIRE(messages.send_system(bob, "", "n" + std::to_string(i)).ok());
    if (i % 2 == 0) clock->advance(kMinute);  // some share a time: the id breaks the tie
  }
  const MessagePage first = messages.inbox(bob, {}, 3);
  BOOST_TEST(first.messages.size() == 3u);
  BOOST_TEST(!first.next.empty());
  BOOST_REQUIRE(messages.send_system(bob, "", "newest").ok());
  const MessagePage second = messages.inbox(bob, first.next, 3);
  const MessagePage third = messages.inbox(bob, second.next, 3);
  BOOST_TEST(third.next.empty());
  Texts seen = contents(first);
  for (const MessagePage* page : {&second, &third}) {
    for (const std::string& text : contents(*page)) seen.push_back(text);
  }
  BOOST_TEST(seen.size() == 7u);  // each of the seven once, "newest" not among them
  BOOST_TEST((std::find(seen.begin(), seen.end(), "newest") == seen.end()));
  std::sort(seen.begin(), seen.end());
  BOOST_TEST((std::adjacent_find(seen.begin(), seen.end()) == seen.end()));
  BOOST_CHECK_EXCEPTION(messages.inbox(bob, {}, 0), Error, test::is_kind(ErrorKind::Usage));
  BOOST_CHECK_EXCEPTION(messages.inbox(bob, {}, 101), Error, test::is_kind(ErrorKind::Usage));
}

// Every query the views, counts and the rate check run is served by an index: none scans the
// table.
BOOST_AUTO_TEST_CASE(no_message_query_scans_the_table) {
  const std::vector<std::string> queries = {
      "SELECT * FROM messages m WHERE m.recipient_id = 'a' AND m.deleted_by_recipient = 0 AND "
      "m.moderation_status IS NULL AND ('' = '' OR (m.sent_at, m.id) < (0, '')) ORDER BY "
      "m.sent_at DESC, m.id DESC LIMIT 51",
      "SELECT * FROM messages m WHERE m.sender_id = 'a' AND m.deleted_by_sender = 0 ORDER BY "
      "m.sent_at DESC, m.id DESC LIMIT 51",
      "SELECT * FROM messages m WHERE m.team_id = 't' AND m.sent_at >= 0 ORDER BY m.sent_at "
      "DESC, m.id DESC LIMIT 51",
      "SELECT * FROM messages m WHERE m.thread_id = 't' ORDER BY m.sent_at, m.id LIMIT 51",
      "SELECT count(*) FROM messages WHERE recipient_id = 'a' AND read_at IS NULL",
      "SELECT count(*), min(sent_at) FROM (SELECT sent_at FROM messages WHERE sender_id = 'a' "
      "AND sent_at > 0 ORDER BY sent_at DESC LIMIT 10)",
      "SELECT * FROM messages m WHERE m.flagged = 1 AND m.moderation_status IS NULL ORDER BY "
      "m.sent_at, m.id LIMIT 51",
      "SELECT id FROM messages WHERE purge_at <= 5 ORDER BY purge_at, id LIMIT 512"};
  for (const std::string& sql : queries) {
    const std::string plan = core_of(game).read([&](SQLite::Database& db) {
      SQLite::Statement explain(db, "EXPLAIN QUERY PLAN " + sql);
      std::string text;
      while (explain.executeStep()) text += explain.getColumn(3).getString() + "\n";
      return text;
    });
    BOOST_TEST(plan.find("SCAN m\n") == std::string::npos, sql << "\n" << plan);
    BOOST_TEST(plan.find("SCAN messages\n") == std::string::npos, sql << "\n" << plan);
    BOOST_TEST(plan.find("USING") != std::string::npos, sql << "\n" << plan);
  }
}

// Random sends, blocks and unblocks: every message that was delivered went between two users
// with no block between them at that moment; every refused one had a block or a limit.
BOOST_AUTO_TEST_CASE(no_message_is_delivered_across_a_block) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    Mail world;
    const std::vector<PlayerId> people = {world.ann, world.bob, world.cyd};
    std::mt19937 random(seed);
    int delivered = 0;
    for (int step = 0; step < 200; ++step) {
      const PlayerId& a = people[random() % people.size()];
      const PlayerId& b = people[random() % people.size()];
      const unsigned what = random() % 4;
      if (what == 0) {
        (void)world.game.relations().block(a, b);
      } else if (what == 1) {
        (void)world.game.relations().unblock(a, b);
      } else {
        const bool blocked = world.game.relations().blocked_either(a, b);
        const Result<MessageView> sent = world.send(a, b, "step " + std::to_string(step));
        BOOST_TEST(!(sent.ok() && blocked), "seed " << seed << " step " << step);
        delivered += sent.ok();
      }
      world.clock->advance(Duration::seconds(20));
    }
    BOOST_TEST(delivered > 10, "seed " << seed);
  }
}

BOOST_AUTO_TEST_SUITE_END()

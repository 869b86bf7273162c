// The registry of player commands: every command described once, run from JSON arguments as the
// acting user, its privilege checked, bad input refused before anything runs.
#include "hearth/core/commands.h"

#include <functional>
#include <set>

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/loot.h"
#include "hearth/identity/access.h"
#include "hearth/identity/cases.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/progression/classes.h"
#include "hearth/progression/quests.h"
#include "hearth/social/messages.h"
#include "hearth/social/relations.h"
#include "hearth/social/teams.h"
#include "hearth/world/locations.h"

using namespace hearth;

namespace {

// A world in which each command below goes through for ann.
struct World : test::FreshGame {
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  ItemId ore = game.inventory().create_item({.name = "Ore", .type = "MATERIAL", .price = 5})->id;
  ItemId potion =
      game.inventory()
          .create_item({.name = "Potion",
                        .type = "CONSUMABLE",
                        .usage_data = R"({"consume":true,"effects":[{"type":)"
                                      R"("XP_BOOST","multiplier":2,"duration":60000}]})"})
          ->id;

  StationId port = game.locations().add_station(1, "Port").value().id;
  PlanetId rock = game.locations().add_planet(1, "Rock").value().id;
  std::string message;  // a message bob sent ann, when a case needs one
  TeamId team;          // a team a case made
  ContentId content;    // content a case made
  std::int64_t id = 0;  // an ownership, character or trade a case made

  // bob writes to ann.
  void receive() {
    NewMessage hello;
    hello.sender = bob;
    hello.recipient = ann;
    hello.content = "hello";
    message = game.messages().send(hello).value().id;
  }

  // A team led by `leader` with `member` in it.
  void team_of(const PlayerId& leader, const PlayerId& member) {
    team = game.teams().create(leader, "Crew").value().id;
    BOOST_REQUIRE(game.teams().join(team, member).ok());
  }

  // An invite-only team led by `leader`.
  void invite_only_team(const PlayerId& leader) {
    team = game.teams().create(leader, "Crew").value().id;
    TeamProfile invite_only;
    invite_only.recruitment = Recruitment::InviteOnly;
    BOOST_REQUIRE(game.teams().update_profile(leader, invite_only).ok());
  }

  // ann leads an invite-only team that bob asked to join.
  void asked_to_join() {
    invite_only_team(ann);
    BOOST_REQUIRE(game.teams().request_to_join(team, bob).ok());
  }

  // bob's message to ann, flagged by her, and ann a moderator.
  void flagged() {
    receive();
    BOOST_REQUIRE(game.messages().flag(ann, message, "rude words").ok());
    BOOST_REQUIRE(game.access().assign_role(ann, "moderator").ok());
  }

  // Content by `author` (who is given what creating it needs), published.
  ContentId made_by(const PlayerId& author, ContentType type, const std::string& name) {
    for (const char* privilege : {"create:character", "create:accessory"}) {
      static_cast<void>(game.access().grant(author, privilege));
    }
    const ContentId made =
        game.catalog().create({.author = author, .type = type, .name = name})->id;
    BOOST_REQUIRE(game.catalog().publish(author, made, true).ok());
    return made;
  }

  // bob's published status, on sale for nothing.
  void on_sale() {
    content = made_by(bob, ContentType::Status, "Wares");
    BOOST_REQUIRE(game.catalog().set_on_sale(bob, content, true).ok());
  }

  // An instance of cid's content that ann owns.
  void owned() {
    const PlayerId cid = game.players().create({.username = "cid"})->id;
    content = made_by(cid, ContentType::Status, "Gift");
    id = game.catalog().grant(content, ann)->id.value();
  }

  // ann's character on bob's model, and a hat of bob's that she owns.
  void dressed() {
    const ContentId model = made_by(bob, ContentType::Character, "Robot");
    content = made_by(bob, ContentType::Hat, "Cap");
    BOOST_REQUIRE(game.catalog().grant(model, ann).ok());
    BOOST_REQUIRE(game.catalog().grant(content, ann).ok());
    id = game.catalog().create_character(ann, model, "R2")->id;
  }

  // bob offers ann 5 credits for nothing.
  void offered() {
    id = game.catalog()
             .propose({.sender = bob, .recipient = ann, .offered = {.money = {{CurrencyId(1), 5}}}})
             ->id;
  }

  std::string on(const char* key, std::int64_t value, const std::string& rest = "") {
    return "{\"" + std::string(key) + "\":" + std::to_string(value) + rest + "}";
  }

  std::string with(const std::string& key, const std::string& value) {
    return "{\"" + key + "\":\"" + value + "\"}";
  }

  World() {
    BOOST_REQUIRE(game.locations().define_sector(2, "Beyond").ok());
    BOOST_REQUIRE(game.inventory().add({ann, ore, 3}).ok());
    BOOST_REQUIRE(game.inventory().add({ann, potion, 1}).ok());
    BOOST_REQUIRE(game.classes().create_class("Mages").ok());
    BOOST_REQUIRE(game.quests().create_quest({"Hunt", "", "KILL"}).ok());
    BOOST_REQUIRE(game.loot().spawn("general", 5, "drop-1").ok());
  }

  std::string with_bob(const std::string& key) {
    return "{\"" + key + "\":\"" + bob.value() + "\"}";
  }
};

struct Case {
  const char* command;
  std::function<void(World&)> prepare;
  std::function<std::string(World&)> arguments;
};

void nothing(World&) {}

std::function<std::string(World&)> fixed(const char* json) {
  return [json](World&) { return std::string(json); };
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"turns.spend", nothing, fixed(R"({"cost":5})")},
      {"turns.budget", nothing, fixed("{}")},
      {"catalog.create", nothing, fixed(R"({"type":"status","name":"Hello","privacy":"friends"})")},
      {"catalog.edit", [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"name":"Final")"); }},
      {"catalog.publish",
       [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"published":false)"); }},
      {"catalog.set_privacy",
       [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"privacy":"private")"); }},
      {"catalog.set_on_sale",
       [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"on_sale":true)"); }},
      {"catalog.set_comments",
       [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"enabled":false)"); }},
      {"catalog.set_price",
       [](World& w) { w.content = w.made_by(w.ann, ContentType::Status, "Draft"); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"currency":1,"amount":10)"); }},
      {"catalog.remove_price",
       [](World& w) {
         w.content = w.made_by(w.ann, ContentType::Status, "Draft");
         BOOST_REQUIRE(w.game.catalog().set_price(w.ann, w.content, {CurrencyId(1), 10}).ok());
       },
       [](World& w) { return w.on("content", w.content.value(), R"(,"currency":1)"); }},
      {"catalog.buy", [](World& w) { w.on_sale(); },
       [](World& w) { return w.on("content", w.content.value()); }},
      {"catalog.give", [](World& w) { w.owned(); },
       [](World& w) { return w.on("ownership", w.id, R"(,"to":")" + w.bob.value() + "\""); }},
      {"catalog.favorite", [](World& w) { w.on_sale(); },
       [](World& w) { return w.on("content", w.content.value()); }},
      {"catalog.unfavorite",
       [](World& w) {
         w.on_sale();
         BOOST_REQUIRE(w.game.catalog().favorite(w.ann, w.content).ok());
       },
       [](World& w) { return w.on("content", w.content.value()); }},
      {"catalog.vote", [](World& w) { w.owned(); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"vote":"DOWN")"); }},
      {"catalog.report", [](World& w) { w.on_sale(); },
       [](World& w) { return w.on("content", w.content.value(), R"(,"reason":"rude")"); }},
      {"catalog.create_character",
       [](World& w) {
         w.content = w.made_by(w.bob, ContentType::Character, "Robot");
         BOOST_REQUIRE(w.game.catalog().grant(w.content, w.ann).ok());
       },
       [](World& w) { return w.on("model", w.content.value(), R"(,"name":"R2")"); }},
      {"catalog.set_property", [](World& w) { w.dressed(); },
       [](World& w) {
         return w.on("character", w.id, R"(,"name":"colour","type":"color","value":"#FF0000")");
       }},
      {"catalog.wear", [](World& w) { w.dressed(); },
       [](World& w) {
         return w.on("character", w.id, ",\"item\":" + std::to_string(w.content.value()));
       }},
      {"catalog.take_off",
       [](World& w) {
         w.dressed();
         BOOST_REQUIRE(w.game.catalog().wear(w.ann, w.id, w.content).ok());
       },
       [](World& w) {
         return w.on("character", w.id, ",\"item\":" + std::to_string(w.content.value()));
       }},
      {"trades.propose", nothing,
       [](World& w) {
         return R"({"to":")" + w.bob.value() +
                R"(","offered":{"money":[{"currency":1,"amount":5}]},"asked":{}})";
       }},
      {"trades.open", [](World& w) { w.offered(); }, [](World& w) { return w.on("trade", w.id); }},
      {"trades.reject", [](World& w) { w.offered(); },
       [](World& w) { return w.on("trade", w.id); }},
      {"trades.confirm", [](World& w) { w.offered(); },
       [](World& w) { return w.on("trade", w.id); }},
      {"trades.cancel",
       [](World& w) {
         w.id = w.game.catalog()
                    .propose({.sender = w.ann,
                              .recipient = w.bob,
                              .offered = {.money = {{CurrencyId(1), 5}}}})
                    ->id;
       },
       [](World& w) { return w.on("trade", w.id); }},
      {"players.find", nothing, fixed(R"({"username":"BOB"})")},
      {"messages.inbox", [](World& w) { w.receive(); }, fixed(R"({"limit":5})")},
      {"locations.where", nothing, fixed("{}")},
      {"locations.players_in", nothing, fixed(R"({"sector":1})")},
      {"locations.move", nothing, fixed(R"({"sector":2})")},
      {"inventory.buy", nothing, fixed(R"({"item":1,"quantity":2})")},
      {"inventory.sell", nothing, fixed(R"({"item":1})")},
      {"inventory.use", nothing, fixed(R"({"item":2})")},
      {"inventory.give", nothing,
       [](World& w) { return R"({"to":")" + w.bob.value() + R"(","item":1,"quantity":1})"; }},
      {"ledger.transfer", nothing,
       [](World& w) { return R"({"to":")" + w.bob.value() + R"(","amount":25})"; }},
      {"onboarding.start", nothing, fixed("{}")},
      {"onboarding.claim_ship",
       [](World& w) { BOOST_REQUIRE(w.game.onboarding().start(w.ann).ok()); },
       [](World& w) {
         const OnboardingSession session = *w.game.onboarding().status(w.ann)->session;
         return R"({"ship":")" + session.offered_ships.back() +
                R"(","answer":"I am Captain Ann, hauling ore for the Guild."})";
       }},
      {"onboarding.answer",
       [](World& w) {
         const auto session = w.game.onboarding().start(w.ann).value();
         BOOST_REQUIRE(w.game.onboarding()
                           .claim_ship(w.ann, session.offered_ships.back(),
                                       "I am Captain Ann, hauling ore for the Guild.")
                           .ok());
       },
       [](World& w) {
         const OnboardingSession session = *w.game.onboarding().status(w.ann)->session;
         return R"({"exchange":")" + session.pending_exchange_id.value() +
                R"(","answer":"Twelve years flying freight out of Sector 1, never a fine."})";
       }},
      {"onboarding.complete",
       [](World& w) {
         const auto session = w.game.onboarding().start(w.ann).value();
         BOOST_REQUIRE(w.game.onboarding()
                           .claim_ship(w.ann, session.offered_ships.front(), "Just let me through.")
                           .ok());
       },
       fixed(R"({"nickname":"Annie"})")},
      {"onboarding.abandon", [](World& w) { BOOST_REQUIRE(w.game.onboarding().start(w.ann).ok()); },
       fixed("{}")},
      {"levels.activity", nothing, fixed("{}")},
      {"rewards.claim_daily", nothing, fixed("{}")},
      {"rewards.log_in_bonus", nothing, fixed("{}")},
      {"classes.join", nothing, fixed(R"({"class":1})")},
      {"classes.leave", [](World& w) { BOOST_REQUIRE(w.game.classes().join(w.ann, 1).ok()); },
       fixed("{}")},
      {"classes.deposit", [](World& w) { BOOST_REQUIRE(w.game.classes().join(w.ann, 1).ok()); },
       fixed(R"({"amount":10})")},
      {"classes.withdraw",
       [](World& w) {
         BOOST_REQUIRE(w.game.access().grant(w.ann, "classbank").ok());
         BOOST_REQUIRE(w.game.classes().join(w.ann, 1).ok());
         BOOST_REQUIRE(w.game.classes().deposit(w.ann, 50).ok());
       },
       [](World& w) { return R"({"to":")" + w.ann.value() + R"(","amount":20})"; }},
      {"quests.assign", nothing, fixed(R"({"quest":1})")},
      {"loot.claim", nothing, fixed(R"({"drop":"drop-1"})")},
      {"moderation_cases.open",
       [](World& w) { BOOST_REQUIRE(w.game.access().assign_role(w.ann, "moderator").ok()); },
       [](World& w) {
         return R"({"type":"TIMEOUT","user":")" + w.bob.value() +
                R"(","reason":"spam","duration_ms":3600000})";
       }},
      {"moderation_cases.resolve",
       [](World& w) {
         BOOST_REQUIRE(w.game.access().assign_role(w.ann, "moderator").ok());
         BOOST_REQUIRE(w.game.moderation_cases().open({CaseType::Warn, w.ann, w.bob, "x"}).ok());
       },
       fixed(R"({"case":"CASE-0001","reason":"fine now"})")},
      {"relations.request_friend", nothing, [](World& w) { return w.with_bob("user"); }},
      {"relations.accept",
       [](World& w) { BOOST_REQUIRE(w.game.relations().request_friend(w.bob, w.ann).ok()); },
       [](World& w) { return w.with_bob("user"); }},
      {"relations.block", nothing, [](World& w) { return w.with_bob("user"); }},
      {"messages.send", nothing,
       [](World& w) { return R"({"to":")" + w.bob.value() + R"(","content":"hi"})"; }},
      {"teams.create", nothing, fixed(R"({"name":"Anns"})")},
      {"teams.join", nothing,
       [](World& w) {
         const TeamId team = w.game.teams().create(w.bob, "Bobs").value().id;
         return R"({"team":")" + team.value() + "\"}";
       }},
      {"teams.leave", [](World& w) { BOOST_REQUIRE(w.game.teams().create(w.ann, "Anns").ok()); },
       fixed("{}")},
      {"locations.dock", nothing, [](World& w) { return w.with("station", w.port.value()); }},
      {"locations.undock",
       [](World& w) { BOOST_REQUIRE(w.game.locations().dock(w.ann, w.port).ok()); }, fixed("{}")},
      {"locations.land", nothing, [](World& w) { return w.with("planet", w.rock.value()); }},
      {"locations.take_off",
       [](World& w) { BOOST_REQUIRE(w.game.locations().land(w.ann, w.rock).ok()); }, fixed("{}")},
      {"locations.set_home", nothing, fixed(R"({"sector":2})")},
      {"relations.decline",
       [](World& w) { BOOST_REQUIRE(w.game.relations().request_friend(w.bob, w.ann).ok()); },
       [](World& w) { return w.with_bob("user"); }},
      {"relations.cancel",
       [](World& w) { BOOST_REQUIRE(w.game.relations().request_friend(w.ann, w.bob).ok()); },
       [](World& w) { return w.with_bob("user"); }},
      {"relations.unfriend",
       [](World& w) {
         BOOST_REQUIRE(w.game.relations().request_friend(w.bob, w.ann).ok());
         BOOST_REQUIRE(w.game.relations().accept(w.ann, w.bob).ok());
       },
       [](World& w) { return w.with_bob("user"); }},
      {"relations.follow", nothing, [](World& w) { return w.with_bob("user"); }},
      {"relations.unfollow",
       [](World& w) { BOOST_REQUIRE(w.game.relations().follow(w.ann, w.bob).ok()); },
       [](World& w) { return w.with_bob("user"); }},
      {"relations.unblock",
       [](World& w) { BOOST_REQUIRE(w.game.relations().block(w.ann, w.bob).ok()); },
       [](World& w) { return w.with_bob("user"); }},
      {"messages.mark_read", [](World& w) { w.receive(); },
       [](World& w) { return w.with("message", w.message); }},
      {"messages.mark_thread_read", [](World& w) { w.receive(); },
       [](World& w) { return w.with("thread", w.message); }},
      {"messages.remove", [](World& w) { w.receive(); },
       [](World& w) { return w.with("message", w.message); }},
      {"messages.flag", [](World& w) { w.receive(); },
       [](World& w) { return R"({"message":")" + w.message + R"(","reason":"rude words"})"; }},
      {"messages.hide", [](World& w) { w.flagged(); },
       [](World& w) { return w.with("message", w.message); }},
      {"messages.unflag", [](World& w) { w.flagged(); },
       [](World& w) { return w.with("message", w.message); }},
      {"teams.accept_request", [](World& w) { w.asked_to_join(); },
       [](World& w) { return w.with_bob("user"); }},
      {"teams.decline_request", [](World& w) { w.asked_to_join(); },
       [](World& w) { return w.with_bob("user"); }},
      {"teams.request_to_join", [](World& w) { w.invite_only_team(w.bob); },
       [](World& w) { return w.with("team", w.team.value()); }},
      {"teams.kick", [](World& w) { w.team_of(w.ann, w.bob); },
       [](World& w) { return w.with_bob("user"); }},
      {"teams.transfer_leadership", [](World& w) { w.team_of(w.ann, w.bob); },
       [](World& w) { return w.with_bob("user"); }},
      {"teams.set_role", [](World& w) { w.team_of(w.ann, w.bob); },
       [](World& w) { return R"({"user":")" + w.bob.value() + R"(","role":"OFFICER"})"; }},
      {"teams.invite", [](World& w) { w.team = w.game.teams().create(w.ann, "Crew").value().id; },
       [](World& w) { return w.with_bob("user"); }},
      {"teams.create_code",
       [](World& w) { w.team = w.game.teams().create(w.ann, "Crew").value().id; },
       fixed(R"({"max_uses":3,"lifetime_ms":86400000})")},
      {"teams.join_with_code",
       [](World& w) {
         w.team = w.game.teams().create(w.bob, "Crew").value().id;
         w.message = w.game.teams().create_code(w.bob, 3, Duration(kDay)).value().code;
       },
       [](World& w) { return w.with("code", w.message); }},
      {"teams.decline_invitation",
       [](World& w) {
         w.team = w.game.teams().create(w.bob, "Crew").value().id;
         w.message = w.game.teams().invite(w.bob, w.ann).value().code;
       },
       [](World& w) { return w.with("code", w.message); }},
      {"teams.disband", [](World& w) { w.team_of(w.ann, w.bob); }, fixed("{}")},
      {"teams.update_profile", [](World& w) { w.team_of(w.ann, w.bob); },
       fixed(R"({"description":"Haulers","is_public":false,"recruitment":"INVITE_ONLY",)"
             R"("max_members":12})")},
      {"teams.deposit", [](World& w) { w.team_of(w.bob, w.ann); },
       fixed(R"({"currency":1,"amount":10})")},
      {"teams.withdraw",
       [](World& w) {
         w.team_of(w.ann, w.bob);
         const AccountId account =
             w.game.ledger().account_of(AccountOwner::user(w.ann.value()), 1)->id;
         BOOST_REQUIRE(w.game.ledger().mint(account, 100).ok());  // the team's fee took it all
         const Outcome deposited = w.game.teams().deposit(w.ann, 1, 30);
         BOOST_REQUIRE_MESSAGE(deposited.ok(), deposited.detail());
       },
       fixed(R"({"currency":1,"amount":10})")},
      {"team_reputation.set_method", [](World& w) { w.team_of(w.ann, w.bob); },
       fixed(R"({"method":"LOWEST"})")},
  };
  return all;
}

bool valid_json(Game& game, const std::string& text) {
  return core_of(game).read([&](SQLite::Database& db) {
    SQLite::Statement check(db, "SELECT json_valid(?)");
    check.bind(1, text);
    check.executeStep();
    return check.getColumn(0).getInt() == 1;
  });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commands_test)

BOOST_AUTO_TEST_CASE(every_registered_command_is_tested_here_and_its_privilege_exists) {
  World world;
  std::set<std::string> registered;
  for (const CommandSpec& spec : command_specs()) {
    BOOST_TEST(registered.insert(spec.name).second, "twice: " << spec.name);
    BOOST_TEST(find_command(spec.name) != nullptr);
    BOOST_TEST(test::query_int(world.game, "SELECT count(*) FROM privileges WHERE privilege = '" +
                                               spec.privilege + "'") == 1,
               spec.name << " needs " << spec.privilege);
  }
  std::set<std::string> tested;
  for (const Case& c : cases()) tested.insert(c.command);
  BOOST_TEST(registered == tested, boost::test_tools::per_element());
  const std::string listed = command_specs_json();
  BOOST_TEST(valid_json(world.game, listed));
  BOOST_TEST(listed.find(R"({"name":"turns.spend","privilege":"play","arguments":[{"name":"cost",)"
                         R"("type":"integer","required":true,)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_command_runs_from_json_as_the_acting_user) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    const CommandAnswer done = run_command(world.game, world.ann, c.command, c.arguments(world));
    BOOST_TEST(done.ok(), c.command << ": " << done.detail);
    BOOST_TEST(valid_json(world.game, done.result), c.command << ": " << done.result);
    BOOST_TEST(valid_json(world.game, done.to_json()));
  }
}

BOOST_AUTO_TEST_CASE(a_command_without_its_privilege_is_refused_and_writes_nothing) {
  for (const Case& c : cases()) {
    World world;
    c.prepare(world);
    const std::string privilege = find_command(c.command)->privilege;
    BOOST_REQUIRE(world.game.access().revoke_role(world.ann, "player").ok());
    (void)world.game.access().revoke_role(world.ann, "moderator");
    (void)world.game.access().withdraw(world.ann, "classbank");
    if (privilege == "web" || privilege == "report") {
      BOOST_REQUIRE(world.game.access().remove_from_role("reduced", privilege).ok());
    }
    const std::string arguments = c.arguments(world);
    const std::string before = test::snapshot(world.game);
    const CommandAnswer refused = run_command(world.game, world.ann, c.command, arguments);
    BOOST_TEST((refused.refusal == Refusal::NotAllowed), c.command << ": " << refused.detail);
    BOOST_TEST(test::snapshot(world.game) == before, c.command);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_before_anything_runs) {
  World world;
  const std::string before = test::snapshot(world.game);
  const auto refusal = [&](std::string_view name, std::string_view arguments) {
    return run_command(world.game, world.ann, name, arguments).refusal;
  };
  BOOST_TEST((refusal("turns.steal", "{}") == Refusal::NotFound));
  BOOST_TEST((refusal("", "{}") == Refusal::NotFound));
  for (const char* bad :
       {"", "nope", "[]", "5", R"({"cost":)", "{\"cost\":5", R"({})", R"({"cost":"5"})",
        R"({"cost":5.5})", R"({"cost":true})", R"({"cost":null})",
        R"({"cost":9223372036854775808})", R"({"cost":5,"extra":1})", R"({"cost":[5]})"}) {
    BOOST_TEST((refusal("turns.spend", bad) == Refusal::InvalidArgument), bad);
  }
  // Valid JSON whose values the command itself refuses.
  BOOST_TEST((refusal("turns.spend", R"({"cost":-1})") == Refusal::InvalidArgument));
  BOOST_TEST(
      (refusal("turns.spend", R"({"cost":9223372036854775807})") == Refusal::NotEnoughTurns));
  BOOST_TEST(
      (refusal("messages.send", "{\"to\":\"x\",\"content\":\"a\\u0000b\"}") != Refusal::None));
  BOOST_TEST((refusal("moderation_cases.open", R"({"type":"MUTE","user":"x","reason":"r"})") ==
              Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(world.game) == before);
  const CommandAnswer answer = run_command(world.game, world.ann, "turns.spend", R"({"cost":"5"})");
  BOOST_TEST(
      answer.to_json() ==
      R"({"ok":false,"refusal":"InvalidArgument","detail":"turns.spend's argument 'cost' is integer, not text."})");
  BOOST_TEST(run_command(world.game, world.ann, "turns.spend", R"({"cost":5})").to_json() ==
             R"({"ok":true,"result":null})");
}

BOOST_AUTO_TEST_CASE(reads_answer_what_the_in_process_api_answers) {
  World world;
  world.receive();
  const auto run = [&](std::string_view name, std::string_view arguments) {
    return run_command(world.game, world.ann, name, arguments);
  };
  const CommandAnswer bob = run("players.find", R"({"username":"Bob"})");
  BOOST_TEST(bob.result ==
             R"({"id":")" + world.bob.value() + R"(","username":"bob","display_name":"bob"})");
  BOOST_TEST(run("players.find", world.with("id", world.bob.value())).result == bob.result);
  BOOST_TEST((run("players.find", R"({"username":"nobody"})").refusal == Refusal::NotFound));
  BOOST_TEST((run("players.find", "{}").refusal == Refusal::InvalidArgument));
  BOOST_TEST(
      (run("players.find", R"({"username":"bob","id":"x"})").refusal == Refusal::InvalidArgument));
  const CommandAnswer inbox = run("messages.inbox", "{}");
  BOOST_TEST(inbox.result.find(R"("sender_name":"bob")") != std::string::npos);
  BOOST_TEST(inbox.result.find(R"("content":"hello","sent_at":)") != std::string::npos);
  BOOST_TEST(inbox.result.find(R"("read":false)") != std::string::npos);
  BOOST_TEST((run("messages.inbox", R"({"limit":0})").refusal == Refusal::InvalidArgument));
  BOOST_TEST((run("messages.inbox", R"({"limit":51})").refusal == Refusal::InvalidArgument));
  BOOST_TEST(run("locations.where", "{}").result ==
             R"({"sector":1,"station":"","planet":"","home_sector":1})");
  BOOST_TEST(run("locations.players_in", R"({"sector":2})").result == "[]");
  BOOST_TEST(run("turns.budget", "{}").result.find(R"("available":)") == 1u);
}

BOOST_AUTO_TEST_CASE(a_malformed_catalog_or_trade_argument_changes_nothing) {
  World world;
  const std::string before = test::snapshot(world.game);
  const auto refusal = [&](std::string_view name, const std::string& arguments) {
    return run_command(world.game, world.ann, name, arguments).refusal;
  };
  const std::string to = R"({"to":")" + world.bob.value() + R"(",)";
  for (const std::string& sides :
       {std::string(R"("offered":"money","asked":{})"), std::string(R"("offered":5,"asked":{})"),
        std::string(R"("offered":[1],"asked":{})"),
        std::string(R"("offered":{"money":[{"currency":1}]},"asked":{})"),
        std::string(R"("offered":{"money":[{"currency":1,"amount":5,"x":1}]},"asked":{})"),
        std::string(R"("offered":{"ownerships":["1"]},"asked":{})"),
        std::string(R"("offered":{"horses":[1]},"asked":{})"),
        std::string(R"("offered":{"items":[{"item":1,"quantity":99999999999999999999}]},)"
                    R"("asked":{})")}) {
    BOOST_TEST((refusal("trades.propose", to + sides + "}") == Refusal::InvalidArgument), sides);
  }
  BOOST_TEST((refusal("catalog.create", R"({"type":"spaceship","name":"x"})") ==
              Refusal::InvalidArgument));
  BOOST_TEST((refusal("catalog.create", R"({"type":"status","name":"x","privacy":"secret"})") ==
              Refusal::InvalidArgument));
  BOOST_TEST(
      (refusal("catalog.vote", R"({"content":1,"vote":"SIDEWAYS"})") == Refusal::InvalidArgument));
  BOOST_TEST((refusal("catalog.set_property",
                      R"({"character":1,"name":"a","type":"colour","value":"#000000"})") ==
              Refusal::InvalidArgument));
  BOOST_TEST(
      (refusal("catalog.publish", R"({"content":1,"published":1})") == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(world.game) == before);
}

BOOST_AUTO_TEST_SUITE_END()

// Access: roles in a tree, privileges through roles and directly, root, automatic grants; defining
// roles and privileges; bans (authority, effects, networks, expiry exactly once); "host" at an
// account age.
#include "hearth/identity/access.h"

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "tests/support/database.h"
#include "tests/support/fixtures.h"
#include "tests/support/print.h"

#include "hearth/game.h"
#include "hearth/identity/accounts.h"
#include "hearth/identity/players.h"
#include "hearth/progression/turns.h"

using namespace hearth;

namespace {

using Names = std::vector<std::string>;

const Names kPlayer = {"community", "create:clothing", "create:game", "oidc", "play", "report",
                       "shop",      "trade",           "web"};

constexpr const char* kPassword = "correct horse";

GameOptions cheap_passwords(std::shared_ptr<ManualClock> clock,
                            const std::string& path = ":memory:") {
  GameOptions options = test::options_with(std::move(clock), path);
  options.rules = Rules{};
  options.rules->accounts.password_cost = 4;
  return options;
}

struct AccessGame {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game{cheap_passwords(clock)};
  PlayerId ann = game.players().create({.username = "ann"}).value().id;

  PlayerId with_role(const std::string& name, const std::string& role) {
    const PlayerId id =
        game.accounts().register_account({{.username = name}, kPassword}).value().id;
    if (!role.empty()) BOOST_REQUIRE(game.access().assign_role(id, role).ok());
    return id;
  }

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }

  std::vector<Event> of_type(const std::string& type) {
    std::vector<Event> found;
    for (const Event& event : game.events(0, 1000)) {
      if (event.type == type) found.push_back(event);
    }
    return found;
  }
};

// A ban by `issuer` of `user` for `days` days (0: without end).
NewBan ban_of(const PlayerId& issuer, const PlayerId& user, int days,
              std::vector<std::string> privileges = {}) {
  NewBan ban;
  ban.issuer = issuer;
  ban.user = user;
  ban.reason = "cheating";
  if (days > 0) ban.expires_at = test::kStart + days * kDay;
  ban.privileges = std::move(privileges);
  return ban;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(access_test, AccessGame)

BOOST_AUTO_TEST_CASE(a_new_user_gets_the_automatic_player_role) {
  BOOST_TEST(game.access().roles(ann) == Names{"player"}, boost::test_tools::per_element());
  BOOST_TEST(game.access().privileges(ann) == kPlayer, boost::test_tools::per_element());
  BOOST_TEST(game.access().has(ann, "play"));
  BOOST_TEST(!game.access().has(ann, "ban"));
  BOOST_TEST(game.access().privileges(PlayerId("00000000-0000-4000-8000-000000000000")).empty());
}

BOOST_AUTO_TEST_CASE(a_role_grants_its_ancestors_privileges) {
  BOOST_TEST(game.access().assign_role(ann, "moderator").ok());
  // moderator → member → player: each adds to its parent.
  const Names held = game.access().privileges(ann);
  BOOST_TEST(held.size() == kPlayer.size() + 1 + 5);
  for (const char* privilege :
       {"play", "create:accessory", "ban", "privban", "contentmod", "moderate"}) {
    BOOST_TEST(game.access().has(ann, privilege), privilege);
  }
  BOOST_TEST(!game.access().has(ann, "permaban"));  // admin's
  BOOST_TEST(game.access().revoke_role(ann, "moderator").ok());
  BOOST_TEST(game.access().privileges(ann) == kPlayer, boost::test_tools::per_element());
  BOOST_TEST(count("access.role_assigned") == 1);
  BOOST_TEST(count("access.role_revoked") == 1);
}

BOOST_AUTO_TEST_CASE(direct_grants_and_root) {
  BOOST_TEST(game.access().grant(ann, "host").ok());
  BOOST_TEST(game.access().has(ann, "host"));
  BOOST_TEST(game.access().withdraw(ann, "host").ok());
  BOOST_TEST(!game.access().has(ann, "host"));
  // Withdrawing a direct grant leaves what a role gives.
  BOOST_TEST((game.access().withdraw(ann, "play").refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.access().has(ann, "play"));
  BOOST_TEST(game.access().grant(ann, "root").ok());
  BOOST_TEST(game.access().privileges(ann).size() == 24u);  // everything
  BOOST_TEST(game.access().has(ann, "permaban"));
}

BOOST_AUTO_TEST_CASE(refusals_write_nothing) {
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.access().assign_role(ann, "emperor").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().grant(ann, "fly").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().assign_role(ann, "player").refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access().revoke_role(ann, "admin").refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access()
                  .assign_role(PlayerId("00000000-0000-4000-8000-000000000000"), "member")
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST((game.access().assign_role(ann, "member").refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(roles_and_privileges_are_defined_and_the_tree_stays_a_tree) {
  BOOST_TEST(game.access().create_privilege("fly", "Pilot ships.").ok());
  BOOST_TEST(game.access().create_role("pilot", "member").ok());
  BOOST_TEST(game.access().add_to_role("pilot", "fly").ok());
  BOOST_TEST((game.access().role("pilot") == RoleView{"pilot", "member", false, {"fly"}}));
  BOOST_REQUIRE(game.access().assign_role(ann, "pilot").ok());
  BOOST_TEST(game.access().has(ann, "fly"));
  BOOST_TEST(game.access().has(ann, "create:accessory"));  // member's, pilot's parent
  // A role under its own descendant would make a cycle: refused before the schema's trigger.
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.access().set_parent("member", "pilot").refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().set_parent("player", "admin").refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().set_parent("pilot", "pilot").refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().set_parent("pilot", "nobody").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().create_role("pilot").refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.access().create_privilege("play", "").refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.access().create_role("Pilot 2").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.access().create_role("").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.access().create_role(std::string(101, 'a')).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.access().create_privilege("x", std::string(501, 'd')).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.access().create_role("x", "nobody").refusal() == Refusal::NotFound));
  BOOST_TEST((game.access().add_to_role("pilot", "fly").refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access().add_to_role("pilot", "swim").refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  // Moved to the top, pilot no longer inherits member's privileges.
  BOOST_TEST(game.access().set_parent("pilot", "").ok());
  BOOST_TEST(!game.access().has(ann, "create:accessory"));
  BOOST_TEST(game.access().remove_from_role("pilot", "fly").ok());
  BOOST_TEST(!game.access().has(ann, "fly"));
  BOOST_TEST(count("access.role_moved") == 1);
}

BOOST_AUTO_TEST_CASE(automatic_roles_go_to_users_created_afterwards) {
  BOOST_REQUIRE(game.access().create_privilege("chat", "", true).ok());
  BOOST_REQUIRE(game.access().create_role("newcomer", "", true).ok());
  BOOST_TEST(!game.access().has(ann, "chat"));
  const PlayerId bob = game.players().create({.username = "bob"}).value().id;
  BOOST_TEST(game.access().has(bob, "chat"));
  BOOST_TEST(game.access().roles(bob) == (Names{"newcomer", "player"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(who_may_ban_whom) {
  const PlayerId mod = with_role("mod", "moderator");
  const PlayerId ada = with_role("ada", "admin");
  const PlayerId privy = with_role("privy", "");
  BOOST_REQUIRE(game.access().grant(privy, "privban").ok());
  NewBan network;
  network.issuer = mod;
  network.network = "10.0.0.0/8";
  network.reason = "spam";
  network.expires_at = test::kStart + kDay;
  const std::string before = test::snapshot(game);
  // A player may not ban at all.
  BOOST_TEST((game.access().ban(ban_of(ann, mod, 1)).refusal() == Refusal::NotAllowed));
  // "ban": users only, at most 30 days, not without end.
  BOOST_TEST((game.access().ban(ban_of(mod, ann, 31)).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().ban(ban_of(mod, ann, 0)).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().ban(network).refusal() == Refusal::NotAllowed));
  // Nobody bans themselves, or a user holding authority they lack.
  BOOST_TEST((game.access().ban(ban_of(mod, mod, 1)).refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.access().ban(ban_of(mod, ada, 1)).refusal() == Refusal::NotAllowed));
  // "privban" alone: privilege bans, not full ones.
  BOOST_TEST((game.access().ban(ban_of(privy, ann, 1)).refusal() == Refusal::NotAllowed));
  // Bad input.
  NewBan bad = ban_of(mod, ann, 1);
  bad.reason = "";
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::InvalidArgument));
  bad = ban_of(mod, ann, 1);
  bad.expires_at = test::kStart;
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::InvalidArgument));
  bad = ban_of(ada, "", 1);
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::InvalidArgument));
  bad.network = "10.0.0.0/33";
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::InvalidArgument));
  bad = ban_of(mod, ann, 1, {"fly"});
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::NotFound));
  bad = ban_of(ada, ann, 1, {"play"});
  bad.network = "10.0.0.1";
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::InvalidArgument));
  bad = ban_of(mod, PlayerId("00000000-0000-4000-8000-000000000000"), 1);
  BOOST_TEST((game.access().ban(bad).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(count("access.banned") == 0);

  // What each may do.
  BOOST_TEST(game.access().ban(ban_of(mod, ann, 30)).ok());
  BOOST_TEST(game.access().ban(ban_of(privy, ann, 30, {"trade"})).ok());
  BOOST_TEST(game.access().ban(ban_of(mod, ann, 30, {"shop"})).ok());
  BOOST_TEST(game.access().ban(ban_of(ada, mod, 0)).ok());
  network.issuer = ada;
  network.expires_at.reset();
  const Result<BanView> wide = game.access().ban(network);
  BOOST_REQUIRE(wide.ok());
  BOOST_TEST(wide->network == "10.0.0.0/8");
  BOOST_TEST(wide->user.empty());
  BOOST_TEST(!wide->expires_at.has_value());
  BOOST_TEST(wide->notice());
  BOOST_TEST(count("access.banned") == 5);
  // A banned moderator keeps no authority.
  BOOST_TEST((game.access().ban(ban_of(mod, privy, 1)).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(a_full_ban_leaves_web_and_report_and_stops_sessions_at_once) {
  const PlayerId mod = with_role("mod", "moderator");
  const PlayerId bob = with_role("bob", "member");
  const Result<Session> session = game.accounts().log_in("bob", kPassword);
  BOOST_REQUIRE(session.ok());
  const Result<BanView> ban = game.access().ban(ban_of(mod, bob, 3));
  BOOST_REQUIRE(ban.ok());
  BOOST_TEST(game.access().privileges(bob) == (Names{"report", "web"}),
             boost::test_tools::per_element());
  // The stored session stops working at once; a new log-in and a refresh are refused.
  const Result<PlayerId> who = game.accounts().authenticate(session->access_token);
  BOOST_TEST((who.refusal() == Refusal::Banned));
  BOOST_TEST(who.detail().find("cheating") != std::string::npos);
  BOOST_TEST((game.accounts().log_in("bob", kPassword).refusal() == Refusal::Banned));
  BOOST_TEST((game.accounts().refresh(session->refresh_token).refusal() == Refusal::Banned));
  BOOST_TEST((game.turns().spend(bob, 1).refusal() == Refusal::Banned));
  // is_banned says which ban and until when.
  const std::optional<BanView> in_force = game.access().is_banned(bob);
  BOOST_REQUIRE(in_force.has_value());
  BOOST_TEST(in_force->id == ban->id);
  BOOST_TEST(*in_force->expires_at == test::kStart + 3 * kDay);
  BOOST_TEST(in_force->issuer == mod);
  // Lifted, everything is back (the roles were never touched).
  BOOST_TEST((game.access().lift_ban(ban->id, bob).refusal() == Refusal::NotAllowed));
  BOOST_TEST(game.access().lift_ban(ban->id, mod).ok());
  BOOST_TEST((game.access().lift_ban(ban->id, mod).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.access().lift_ban(BanId(999), mod).refusal() == Refusal::NotFound));
  BOOST_TEST(!game.access().is_banned(bob).has_value());
  BOOST_TEST(game.access().has(bob, "create:accessory"));
  BOOST_TEST(game.accounts().authenticate(session->access_token).ok());
  BOOST_TEST(game.access().find_ban(ban->id)->ended_at.value_or(0) == test::kStart);
  BOOST_TEST(count("access.ban_lifted") == 1);
}

BOOST_AUTO_TEST_CASE(a_privilege_ban_removes_only_what_it_names) {
  const PlayerId mod = with_role("mod", "moderator");
  const Result<BanView> ban = game.access().ban(ban_of(mod, ann, 2, {"play", "trade"}));
  BOOST_REQUIRE(ban.ok());
  BOOST_TEST(!ban->notice());  // "web" is not among them
  BOOST_TEST(ban->privileges == (Names{"play", "trade"}), boost::test_tools::per_element());
  BOOST_TEST(!game.access().has(ann, "play"));
  BOOST_TEST(!game.access().has(ann, "trade"));
  BOOST_TEST(game.access().has(ann, "shop"));
  BOOST_TEST(!game.access().is_banned(ann).has_value());  // not a full ban
  BOOST_TEST(game.access().bans(ann).size() == 1u);
  const Outcome spent = game.turns().spend(ann, 1);
  BOOST_TEST((spent.refusal() == Refusal::Banned));
  BOOST_TEST(spent.detail().find("for 2d") != std::string::npos, spent.detail());
  // A root holder loses what a privilege ban names too.
  BOOST_REQUIRE(game.access().grant(ann, "root").ok());
  BOOST_TEST(!game.access().has(ann, "play"));
  BOOST_TEST(game.access().has(ann, "permaban"));
}

BOOST_AUTO_TEST_CASE(network_bans_match_addresses_in_them) {
  const PlayerId ada = with_role("ada", "admin");
  NewBan ban;
  ban.issuer = ada;
  ban.reason = "botnet";
  ban.network = "10.1.2.3/16";
  ban.expires_at = test::kStart + 5 * kDay;
  BOOST_REQUIRE(game.access().ban(ban).ok());
  ban.network = "2001:db8::/32";
  ban.expires_at.reset();
  const BanView v6 = game.access().ban(ban).value();
  BOOST_TEST(game.access().find_ban(BanId(1))->network == "10.1.0.0/16");
  BOOST_TEST(game.access().is_banned(ann, "10.1.200.7").has_value());
  BOOST_TEST(game.access().is_banned(ann, "::ffff:10.1.0.1").has_value());
  BOOST_TEST(!game.access().is_banned(ann, "10.2.0.1").has_value());
  BOOST_TEST(!game.access().is_banned(ann).has_value());  // no address: only user bans
  BOOST_CHECK_EXCEPTION(game.access().is_banned(ann, "not an address"), Error,
                        test::is_kind(ErrorKind::Usage));
  // Of two that apply, the one that lasts longer: the unending one.
  ban.network = "10.0.0.0/8";
  BOOST_REQUIRE(game.access().ban(ban).ok());
  BOOST_TEST(!game.access().is_banned(ann, "10.1.0.1")->expires_at.has_value());
  BOOST_TEST(game.access().is_banned(ann, "2001:db8:5::1")->id == v6.id);
  BOOST_TEST(!game.access().is_banned(ann, "2001:db9::1").has_value());
  // A network ban does not touch the privileges of users (they have no address here).
  BOOST_TEST(game.access().has(ann, "play"));
}

BOOST_AUTO_TEST_CASE(bans_expire_exactly_once_whatever_the_tick_rate) {
  // The same bans, ticked hourly, daily, or once at the end: the same journal of expiries.
  auto expiries = [](const std::vector<Duration>& steps) {
    AccessGame fixture;
    const PlayerId mod = fixture.with_role("mod", "moderator");
    for (int days = 1; days <= 4; ++days) {
      BOOST_REQUIRE(fixture.game.access().ban(ban_of(mod, fixture.ann, days, {"play"})).ok());
    }
    const BanView lifted = fixture.game.access().ban(ban_of(mod, fixture.ann, 2)).value();
    fixture.clock->advance(kHour);
    BOOST_REQUIRE(fixture.game.access().lift_ban(lifted.id, mod).ok());
    for (const Duration step : steps) {
      fixture.clock->advance(step);
      fixture.game.tick();
    }
    BOOST_TEST(fixture.game.access().bans(fixture.ann).empty());
    BOOST_TEST(fixture.game.access().has(fixture.ann, "play"));
    std::vector<std::pair<GameTime, std::string>> seen;
    for (const Event& event : fixture.of_type("access.ban_expired")) {
      seen.emplace_back(event.at, event.payload);
    }
    return seen;
  };
  const auto once = expiries({Duration::days(5)});
  BOOST_TEST(once.size() == 4u);  // the lifted ban does not expire as well
  BOOST_TEST(once.front().first == test::kStart + kDay);
  BOOST_TEST(once.back().first == test::kStart + 4 * kDay);
  std::vector<Duration> hourly(5 * 24, Duration::hours(1));
  BOOST_TEST((expiries(hourly) == once));
  BOOST_TEST((expiries({Duration::days(1), Duration::days(1), Duration::days(3)}) == once));
}

BOOST_AUTO_TEST_CASE(host_comes_with_account_age_once) {
  const PlayerId bob = game.players().create({.username = "bob"}).value().id;
  BOOST_REQUIRE(game.players().remove(bob).ok());
  clock->advance(29 * kDay);
  game.tick();
  BOOST_TEST(!game.access().has(ann, "host"));
  clock->advance(kDay);
  game.tick();
  BOOST_TEST(game.access().has(ann, "host"));
  BOOST_TEST(!game.access().has(bob, "host"));  // deleted: nothing
  const std::vector<Event> granted = of_type("access.host_granted");
  BOOST_REQUIRE(granted.size() == 1u);
  BOOST_TEST(granted.front().at == test::kStart + 30 * kDay);
  BOOST_TEST(granted.front().subject == ann.value());
  // Withdrawn by the game, it does not come back.
  BOOST_REQUIRE(game.access().withdraw(ann, "host").ok());
  clock->advance(60 * kDay);
  game.tick();
  BOOST_TEST(!game.access().has(ann, "host"));
  BOOST_TEST(count("access.host_granted") == 1);
}

BOOST_AUTO_TEST_CASE(opening_with_another_host_age_reschedules) {
  test::TempFile file;
  PlayerId cyd;
  {
    Game first(cheap_passwords(clock, file.path));
    cyd = first.players().create({.username = "cyd"}).value().id;
  }
  clock->advance(10 * kDay);
  GameOptions sooner = cheap_passwords(clock, file.path);
  sooner.rules->access.host_after = 7 * kDay;
  Game second(sooner);
  second.tick();
  BOOST_TEST(second.access().has(cyd, "host"));
}

// A save from before bans could end and host came by age (schema 0013): its users wait for host
// from their creation, those who hold it get nothing more.
BOOST_AUTO_TEST_CASE(a_save_from_before_gives_host_to_its_users_by_age) {
  test::TempFile file;
  const std::string old_user = "00000000-0000-4000-8000-0000000000a1";
  const std::string host_user = "00000000-0000-4000-8000-0000000000a2";
  test::write_old_save(
      file.path, "0014_access.sql",
      fmt::format(
          "INSERT INTO users (id, username, created_at, updated_at) VALUES ('{1}', 'old', {0}, "
          "{0}), ('{2}', 'hoster', {0}, {0});"
          "INSERT INTO players (id, user_id, created_at, updated_at) VALUES ('{1}', '{1}', {0}, "
          "{0}), ('{2}', '{2}', {0}, {0});"
          "INSERT INTO user_privileges (user_id, privilege_id) SELECT '{2}', id FROM privileges "
          "WHERE privilege = 'host'",
          test::kStart - 20 * kDay, old_user, host_user),
      test::kStart - 20 * kDay);
  Game opened(test::options_with(clock, file.path));
  opened.tick();
  BOOST_TEST(!opened.access().has(old_user, "host"));
  opened.advance_to(test::kStart + 10 * kDay);
  BOOST_TEST(opened.access().has(old_user, "host"));
  BOOST_TEST(opened.access().has(host_user, "host"));
  int granted = 0;
  for (const Event& event : opened.events(0, 100)) {
    if (event.type == "access.host_granted") {
      ++granted;
      BOOST_TEST(event.subject == old_user);
      BOOST_TEST(event.at == test::kStart + 10 * kDay);
    }
  }
  BOOST_TEST(granted == 1);
}

// The access check keeps what each role grants in memory: every change of the role tree, in this
// game, in a group that is undone, or by another connection on the file, is seen by the next
// command.
BOOST_AUTO_TEST_CASE(the_access_check_sees_every_change_of_the_roles_at_once) {
  test::TempFile file;
  Game here(cheap_passwords(clock, file.path));
  Game there(cheap_passwords(clock, file.path));
  const PlayerId bob = here.players().create({.username = "bob"}).value().id;
  const auto may_play = [&] { return here.turns().spend(bob, 1).refusal() != Refusal::NotAllowed; };
  BOOST_TEST(may_play());
  BOOST_REQUIRE(here.access().remove_from_role("player", "play").ok());
  BOOST_TEST(!may_play());
  BOOST_REQUIRE(here.access().add_to_role("player", "play").ok());
  BOOST_TEST(may_play());

  // Through a parent: a new role above "player" that grants a privilege of the game's own.
  BOOST_REQUIRE(here.access().create_privilege("fly", "Fly ships.").ok());
  BOOST_REQUIRE(here.access().remove_from_role("player", "play").ok());
  BOOST_TEST(!may_play());
  BOOST_REQUIRE(here.access().create_role("pilots").ok());
  BOOST_REQUIRE(here.access().add_to_role("pilots", "play").ok());
  BOOST_REQUIRE(here.access().set_parent("player", "pilots").ok());
  BOOST_TEST(may_play());

  // A group that gives the privilege back, checks it, then is undone: the check after it refuses.
  BOOST_REQUIRE(here.access().set_parent("player", "").ok());
  BOOST_TEST(!may_play());
  const Outcome undone = here.atomically([&]() -> Outcome {
    BOOST_REQUIRE(here.access().add_to_role("player", "play").ok());
    BOOST_TEST(may_play());
    return Outcome::refused(Refusal::NotAllowed, "changed my mind");
  });
  BOOST_TEST(!undone.ok());
  BOOST_TEST(!may_play());

  // Another connection on the file gives it back: seen by this one's next command.
  BOOST_REQUIRE(there.access().add_to_role("player", "play").ok());
  BOOST_TEST(may_play());
}

BOOST_AUTO_TEST_SUITE_END()

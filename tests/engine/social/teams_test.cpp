// Teams, whole: recruitment and requirements, requests, invitations and shared codes, roles and
// their permissions, kicking, leadership, disbanding, the profile, the treasury; each refusal
// writes nothing; team reputation keeps working through membership changes.
#include "hearth/social/teams.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/social/messages.h"
#include "hearth/social/relations.h"
#include "hearth/standing/ranks.h"
#include "hearth/standing/team_reputation.h"

using namespace hearth;

namespace {

struct Crew : test::FreshGame {
  PlayerId lead = game.players().create({.username = "lead"}).value().id;
  PlayerId ann = game.players().create({.username = "ann"}).value().id;
  PlayerId bob = game.players().create({.username = "bob"}).value().id;
  PlayerId cyd = game.players().create({.username = "cyd"}).value().id;
  Teams teams = game.teams();
  TeamId team = teams.create(lead, "Night Owls").value().id;
  CurrencyId credits = game.ledger().default_currency().id;

  TeamView view() { return *teams.find(team); }

  const TeamMember& member(const TeamView& found, const PlayerId& player) {
    for (const TeamMember& m : found.members) {
      if (m.player == player) return m;
    }
    throw std::runtime_error("not a member");
  }

  std::int64_t balance(const PlayerId& user) {
    return game.ledger().account_of(AccountOwner::user(user.value()), credits)->balance;
  }

  void profile(const TeamProfile& change) {
    BOOST_REQUIRE(teams.update_profile(lead, change).ok());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(teams_test, Crew)

BOOST_AUTO_TEST_CASE(recruitment_decides_how_players_get_in) {
  BOOST_TEST(teams.join(team, ann).ok());  // OPEN
  profile({.recruitment = Recruitment::InviteOnly});
  BOOST_TEST((teams.join(team, bob).refusal() == Refusal::NotAllowed));
  BOOST_TEST(teams.request_to_join(team, bob).ok());
  BOOST_TEST((teams.request_to_join(team, bob).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((teams.join_requests(team) == std::vector<PlayerId>{bob}));
  // A plain member may not answer; the leader may.
  BOOST_TEST((teams.accept_request(ann, bob).refusal() == Refusal::NotAllowed));
  BOOST_TEST(teams.accept_request(lead, bob).ok());
  BOOST_TEST((teams.team_of(bob) == std::optional<TeamId>(team)));
  BOOST_TEST(teams.join_requests(team).empty());
  BOOST_TEST(teams.request_to_join(team, cyd).ok());
  BOOST_TEST(teams.decline_request(lead, cyd).ok());
  BOOST_TEST(!teams.team_of(cyd).has_value());
  profile({.recruitment = Recruitment::Closed});
  BOOST_TEST((teams.request_to_join(team, cyd).refusal() == Refusal::NotAllowed));
  const TeamInvitation invitation = teams.invite(lead, cyd).value();
  BOOST_TEST((teams.join_with_code(cyd, invitation.code).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(requirements_are_checked_on_every_way_in) {
  JoinRequirements needs;
  needs.min_rank_points = 100;
  profile({.requirements = needs});
  BOOST_TEST((view().requirements == needs));
  const std::string before = test::snapshot(game);
  const Outcome refused = teams.join(team, ann);
  BOOST_TEST((refused.refusal() == Refusal::NotAllowed));
  BOOST_TEST(refused.detail().find("100 rank points") != std::string::npos, refused.detail());
  const TeamInvitation code = teams.create_code(lead, 5, Duration::days(1)).value();
  const std::string with_code = test::snapshot(game);
  BOOST_TEST((teams.join_with_code(ann, code.code).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == with_code);
  BOOST_REQUIRE(game.ranks().award(ann, RankReason::AdminGrant, 100).ok());
  BOOST_TEST(teams.join(team, ann).ok());
  (void)before;
  JoinRequirements standing;
  standing.faction = "terran_federation";
  standing.min_standing = 900;
  BOOST_TEST((teams.update_profile(lead, {.requirements = standing}).refusal() ==
              Refusal::InvalidArgument));
  standing.faction = "nobody";
  standing.min_standing = 10;
  BOOST_TEST(
      (teams.update_profile(lead, {.requirements = standing}).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(invitations_are_personal_codes_shared_and_both_expire) {
  profile({.recruitment = Recruitment::InviteOnly, .max_members = 6});
  const TeamInvitation personal = teams.invite(lead, ann).value();
  BOOST_TEST(personal.player == ann);
  BOOST_TEST(personal.expires_at == test::kStart + 7 * kDay);
  // Someone else's personal code is no code at all.
  BOOST_TEST((teams.join_with_code(bob, personal.code).refusal() == Refusal::NotFound));
  BOOST_TEST(teams.join_with_code(ann, personal.code).ok());
  const TeamInvitation shared = teams.create_code(lead, 2, Duration::hours(1)).value();
  BOOST_TEST(teams.join_with_code(bob, shared.code).ok());
  BOOST_TEST(teams.join_with_code(cyd, shared.code).ok());
  const PlayerId dee = game.players().create({.username = "dee"})->id;
  BOOST_TEST((teams.join_with_code(dee, shared.code).refusal() == Refusal::NotAllowed));
  const TeamInvitation late = teams.create_code(lead, 5, Duration::hours(1)).value();
  clock->advance(kHour);
  BOOST_TEST((teams.join_with_code(dee, late.code).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.join_with_code(dee, "NO-SUCH-CODE").refusal() == Refusal::NotFound));
  BOOST_TEST(
      (teams.create_code(lead, 0, Duration::hours(1)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (teams.create_code(lead, 101, Duration::hours(1)).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((teams.create_code(ann, 1, Duration::hours(1)).refusal() == Refusal::NotAllowed));
  // A declined personal invitation is gone.
  const TeamInvitation for_dee = teams.invite(lead, dee).value();
  BOOST_TEST(teams.decline_invitation(dee, for_dee.code).ok());
  BOOST_TEST((teams.join_with_code(dee, for_dee.code).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(a_block_stops_an_invitation_either_way) {
  BOOST_REQUIRE(game.relations().block(ann, lead).ok());
  const std::string before = test::snapshot(game);
  BOOST_TEST((teams.invite(lead, ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_REQUIRE(game.relations().unblock(ann, lead).ok());
  const TeamInvitation invitation = teams.invite(lead, ann).value();
  BOOST_REQUIRE(game.relations().block(lead, ann).ok());
  BOOST_TEST((teams.join_with_code(ann, invitation.code).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(roles_carry_their_permissions) {
  for (const PlayerId& p : {ann, bob, cyd}) BOOST_REQUIRE(teams.join(team, p).ok());
  BOOST_TEST((member(view(), lead).permissions == (TeamPermissions{true, true, true, true, true})));
  BOOST_TEST((member(view(), ann).permissions == TeamPermissions{}));
  BOOST_TEST(teams.set_role(lead, ann, TeamRole::Officer).ok());
  BOOST_TEST(
      (member(view(), ann).permissions == (TeamPermissions{true, true, false, true, false})));
  const std::string before = test::snapshot(game);
  BOOST_TEST((teams.set_role(ann, bob, TeamRole::Officer).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.set_role(lead, lead, TeamRole::Member).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.set_role(lead, bob, TeamRole::Leader).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((teams.set_role(lead, ann, TeamRole::Officer).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(
      (teams.set_role(lead, PlayerId("00000000-0000-4000-8000-000000000000"), TeamRole::Member)
           .refusal() == Refusal::NotFound));
  // Kicking: never the leader, never an officer by an officer, never by a plain member.
  BOOST_TEST((teams.kick(ann, lead).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.kick(bob, cyd).refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(teams.set_role(lead, bob, TeamRole::Officer).ok());
  BOOST_TEST((teams.kick(ann, bob).refusal() == Refusal::NotAllowed));
  (void)before;
  BOOST_TEST(teams.kick(ann, cyd).ok());
  BOOST_TEST(!teams.team_of(cyd).has_value());
  BOOST_TEST(teams.set_role(lead, bob, TeamRole::Recruit).ok());
  BOOST_TEST((member(view(), bob).permissions == TeamPermissions{}));
}

BOOST_AUTO_TEST_CASE(leadership_passes_by_transfer_and_by_leaving) {
  BOOST_REQUIRE(teams.join(team, ann).ok());
  BOOST_REQUIRE(teams.join(team, bob).ok());
  BOOST_TEST((teams.transfer_leadership(ann, bob).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.transfer_leadership(lead, cyd).refusal() == Refusal::NotFound));
  BOOST_TEST(teams.transfer_leadership(lead, ann).ok());
  BOOST_TEST(view().leader == ann);
  // The old leader is an officer and keeps every permission it had.
  BOOST_TEST((member(view(), lead).role == TeamRole::Officer));
  BOOST_TEST((member(view(), lead).permissions == (TeamPermissions{true, true, true, true, true})));
  // The leader leaving hands over in the same command: an officer first.
  BOOST_TEST(teams.leave(ann).ok());
  BOOST_TEST(view().leader == lead);
}

BOOST_AUTO_TEST_CASE(disbanding_pays_the_treasury_to_the_leader_and_keeps_messages) {
  BOOST_REQUIRE(teams.join(team, ann).ok());
  BOOST_REQUIRE(
      game.ledger()
          .mint(game.ledger().account_of(AccountOwner::user(ann.value()), credits)->id, 500)
          .ok());
  BOOST_REQUIRE(teams.deposit(ann, credits, 300).ok());
  const TeamInvitation pending = teams.invite(lead, bob).value();
  NewMessage note;
  note.sender = ann;
  note.team = team;
  note.content = "farewell";
  const MessageView sent = game.messages().send(note).value();
  const std::int64_t before = balance(lead);
  BOOST_TEST((teams.disband(ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST(teams.disband(lead).ok());
  BOOST_TEST(!teams.find(team).has_value());
  BOOST_TEST(!teams.team_of(ann).has_value());
  BOOST_TEST(balance(lead) == before + 300);
  BOOST_TEST(teams.treasury(team).front().balance == 0);
  BOOST_TEST(game.ledger().check_ledger().empty());
  BOOST_TEST((teams.join_with_code(bob, pending.code).refusal() == Refusal::NotFound));
  BOOST_TEST(game.messages().sent(ann).messages.front().id == sent.id);
  // The name is free again.
  BOOST_TEST(teams.create(ann, "Night Owls").ok());
}

BOOST_AUTO_TEST_CASE(the_treasury_takes_deposits_and_pays_members_who_may) {
  BOOST_REQUIRE(teams.join(team, ann).ok());
  BOOST_REQUIRE(teams.join(team, bob).ok());
  const AccountId anns = game.ledger().account_of(AccountOwner::user(ann.value()), credits)->id;
  BOOST_REQUIRE(game.ledger().mint(anns, 1000).ok());
  BOOST_TEST(teams.deposit(ann, credits, 400).ok());
  BOOST_TEST(teams.deposit(ann, credits, 100).ok());
  BOOST_TEST((teams.treasury(team) == std::vector<TreasuryBalance>{{credits, 500}}));
  BOOST_TEST((teams.contributions(ann) == std::vector<TreasuryBalance>{{credits, 500}}));
  const std::string before = test::snapshot(game);
  BOOST_TEST((teams.deposit(ann, credits, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((teams.deposit(ann, credits, 1000000).refusal() == Refusal::InsufficientFunds));
  BOOST_TEST((teams.deposit(cyd, credits, 1).refusal() == Refusal::NotFound));
  BOOST_TEST((teams.withdraw(ann, credits, 10).refusal() == Refusal::NotAllowed));
  BOOST_TEST((teams.withdraw(lead, credits, 501).refusal() == Refusal::InsufficientFunds));
  BOOST_TEST((teams.withdraw(lead, credits, 10, cyd).refusal() == Refusal::NotAllowed));
  // A currency that does not exist (found by the command fuzzer: it was a foreign-key Error).
  BOOST_TEST((teams.withdraw(lead, 999999, 10).refusal() == Refusal::NotFound));
  BOOST_TEST((teams.deposit(lead, 999999, 10).refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  const std::int64_t bobs = balance(bob);
  BOOST_TEST(teams.withdraw(lead, credits, 200, bob).ok());
  BOOST_TEST(balance(bob) == bobs + 200);
  BOOST_TEST((teams.treasury(team) == std::vector<TreasuryBalance>{{credits, 300}}));
  // Resources are currencies too: a member with fuel puts some in.
  const CurrencyId fuel = game.ledger().currency("fuel")->id;
  BOOST_TEST((teams.deposit(ann, fuel, 5).refusal() == Refusal::NotFound));  // no fuel account
  const AccountId tank = game.ledger().open_account(AccountOwner::user(ann.value()), fuel)->id;
  BOOST_REQUIRE(game.ledger().mint(tank, 50).ok());
  BOOST_TEST(teams.deposit(ann, fuel, 20).ok());
  BOOST_TEST((teams.treasury(team) == std::vector<TreasuryBalance>{{credits, 300}, {fuel, 20}}));
  BOOST_TEST(
      (teams.contributions(ann) == std::vector<TreasuryBalance>{{credits, 500}, {fuel, 20}}));
  BOOST_TEST(game.ledger().check_ledger().empty());
}

BOOST_AUTO_TEST_CASE(the_profile_is_validated) {
  const std::string before = test::snapshot(game);
  BOOST_TEST((teams.update_profile(lead, {.tag = "X"}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((teams.update_profile(lead, {.description = std::string(501, 'd')}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((teams.update_profile(lead, {.home_sector = 999}).refusal() == Refusal::NotFound));
  BOOST_TEST(
      (teams.update_profile(lead, {.sector_claims = std::vector<std::int64_t>{1, 1}}).refusal() ==
       Refusal::InvalidArgument));
  BOOST_TEST(
      (teams.update_profile(lead, {.max_members = 1}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (teams.update_profile(lead, {.max_members = 21}).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((teams.update_profile(ann, {.tag = "OWL"}).refusal() == Refusal::NotFound));
  BOOST_TEST((teams.set_ratings(team, -1, 0).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
  profile({.tag = "OWL",
           .description = "We fly at night.",
           .logo = "owl.png",
           .is_public = false,
           .home_sector = 1,
           .sector_claims = std::vector<std::int64_t>{1},
           .max_members = 8});
  BOOST_TEST(teams.set_ratings(team, 12.5, 3).ok());
  const TeamView found = view();
  BOOST_TEST(found.tag == "OWL");
  BOOST_TEST(found.description == "We fly at night.");
  BOOST_TEST(found.logo == "owl.png");
  BOOST_TEST(!found.is_public);
  BOOST_TEST(found.home_sector == 1);
  BOOST_TEST((found.sector_claims == std::vector<std::int64_t>{1}));
  BOOST_TEST(found.max_members == 8);
  BOOST_TEST(found.combat_rating == 12.5);
  // A member who is neither leader nor officer may not change it.
  BOOST_REQUIRE(teams.join(team, ann).ok());
  BOOST_TEST((teams.update_profile(ann, {.tag = "AAA"}).refusal() == Refusal::NotAllowed));
}

BOOST_AUTO_TEST_CASE(team_reputation_follows_membership_changes) {
  BOOST_REQUIRE(teams.join(team, ann).ok());
  BOOST_REQUIRE(teams.join(team, bob).ok());
  BOOST_REQUIRE(teams.kick(lead, bob).ok());
  BOOST_REQUIRE(teams.transfer_leadership(lead, ann).ok());
  clock->advance(2 * kDay);
  game.tick();
  BOOST_TEST(game.team_reputation().reputation(team).has_value());
  BOOST_REQUIRE(teams.disband(ann).ok());
  clock->advance(2 * kDay);
  game.tick();  // a disbanded team's reputation is closed, not recalculated
  BOOST_TEST(!game.team_reputation().reputation(team).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

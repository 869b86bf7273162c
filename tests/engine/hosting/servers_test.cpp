// Hosted servers and play sessions: recording a server, "Play" and its single-use token, the
// server's limits (stopped, quarantined, full), bans by user, address and hosting network.
#include "hearth/hosting/servers.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/fixtures.h"

#include "hearth/catalog/catalog.h"
#include "hearth/identity/access.h"

using namespace hearth;
using namespace hearth::test;

namespace {

struct Hosted : FreshGame {
  Hosted() {
    owner = game.players().create({.username = "owner"})->id;
    for (const char* privilege : {"host", "create:game", "create:character"}) {
      BOOST_REQUIRE(game.access().grant(owner, privilege).ok());
    }
    world = make(ContentType::Game, "World");
    model = make(ContentType::Character, "Pilot");
    BOOST_REQUIRE(game.catalog().set_game(owner, world, {.hosted = true, .max_players = 2}).ok());
    server = started("192.168.1.20").server.id;
  }

  ContentId make(ContentType type, const std::string& name) {
    const ContentId id = game.catalog().create({.author = owner, .type = type, .name = name})->id;
    BOOST_REQUIRE(game.catalog().publish(owner, id, true).ok());
    return id;
  }

  StartedServer started(const std::string& host) {
    const auto made = game.servers().start({.owner = owner,
                                            .game = world,
                                            .socket_host = host,
                                            .socket_port = 7777,
                                            .api_url = "http://" + host + ":7777"});
    BOOST_REQUIRE_MESSAGE(made.ok(), made.detail());
    return made.value();
  }

  // A player with a character on the model.
  PlayerId player(const std::string& name) {
    const PlayerId id = game.players().create({.username = name})->id;
    BOOST_REQUIRE(game.catalog().grant(model, id).ok());
    BOOST_REQUIRE(game.catalog().create_character(id, model, name).ok());
    return id;
  }

  PlayerId owner;
  ContentId world;
  ContentId model;
  ServerId server;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(servers_test, Hosted)

BOOST_AUTO_TEST_CASE(a_server_is_recorded_with_its_token_kept_only_as_a_hash) {
  const StartedServer second = started("10.0.0.5");
  const ServerView view = *game.servers().server(second.server.id);
  BOOST_TEST(view.active);
  BOOST_TEST(view.owner == owner);
  BOOST_TEST(view.game == world);
  BOOST_TEST(view.max_players == 2);
  BOOST_TEST(view.pinged_at.value() == kStart);
  BOOST_TEST(second.token.size() == 43u);
  BOOST_TEST(query_int(game, "SELECT count(*) FROM hosted_servers WHERE token = '" + second.token +
                                 "'") == 0);
  BOOST_TEST(game.servers().servers_of(owner).size() == 2u);
  clock->advance(kMinute);
  BOOST_REQUIRE(game.servers().ping(server, 5).ok());
  BOOST_TEST(game.servers().server(server)->player_count == 5);
  BOOST_TEST(game.servers().server(server)->pinged_at.value() == kStart + kMinute);
  BOOST_TEST((game.servers().ping(server, -1).refusal() == Refusal::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(a_bad_server_is_refused_and_nothing_is_written) {
  const PlayerId newcomer = game.players().create({.username = "newcomer"})->id;
  const std::string before = snapshot(game);
  const auto refused = [&](NewServer server_in, Refusal refusal) {
    BOOST_TEST((game.servers().start(server_in).refusal() == refusal));
  };
  const NewServer good{.owner = owner,
                       .game = world,
                       .socket_host = "10.0.0.1",
                       .socket_port = 80,
                       .api_url = "http://10.0.0.1"};
  auto bad = good;
  bad.socket_port = 0;
  refused(bad, Refusal::InvalidArgument);
  bad = good;
  bad.socket_port = 65536;
  refused(bad, Refusal::InvalidArgument);
  bad = good;
  bad.socket_host = "";
  refused(bad, Refusal::InvalidArgument);
  bad = good;
  bad.socket_host = std::string("a\0b", 3);
  refused(bad, Refusal::InvalidArgument);
  bad = good;
  bad.api_url = std::string(256, 'x');
  refused(bad, Refusal::InvalidArgument);
  bad = good;
  bad.game = model;  // not a game
  refused(bad, Refusal::NotFound);
  bad = good;
  bad.official = true;  // needs server:provision
  refused(bad, Refusal::NotAllowed);
  bad = good;
  bad.owner = newcomer;  // no "host" yet
  refused(bad, Refusal::NotAllowed);
  BOOST_TEST(snapshot(game) == before);
}

BOOST_AUTO_TEST_CASE(a_session_token_admits_once_on_its_server_until_it_expires) {
  const PlayerId ann = player("ann");
  const PlayTicket ticket = game.servers().play(ann, server).value();
  BOOST_TEST(ticket.character > 0);
  BOOST_TEST(ticket.expires_at == kStart + kMinute);
  const StartedServer other = started("10.0.0.9");
  BOOST_TEST((game.servers().join(other.server.id, ticket.token, "10.1.1.1").refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST((game.servers().join(server, ticket.token + "x", "10.1.1.1").refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST((game.servers().join(server, ticket.token, "not an address").refusal() ==
              Refusal::InvalidArgument));
  const PlaySessionView joined = game.servers().join(server, ticket.token, "10.1.1.1").value();
  BOOST_TEST(joined.user == ann);
  BOOST_TEST(joined.joined_at.value() == kStart);
  BOOST_TEST(joined.ip == "10.1.1.1");
  BOOST_TEST(game.servers().in_play(server) == 1);
  BOOST_TEST(
      (game.servers().join(server, ticket.token, "10.1.1.1").refusal() == Refusal::AlreadyDone));
  // A token not presented within its lifetime is dead.
  const PlayTicket late = game.servers().play(ann, server).value();
  clock->advance(kMinute);
  BOOST_TEST(
      (game.servers().join(server, late.token, "10.1.1.1").refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(game.servers().end(joined.id, "left").ok());
  BOOST_TEST((game.servers().end(joined.id, "left").refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.servers().in_play(server) == 0);
  BOOST_TEST(game.servers().session(joined.id)->ended_at.value() == kStart + kMinute);
}

BOOST_AUTO_TEST_CASE(a_character_must_be_the_players_own) {
  const PlayerId ann = player("ann");
  const PlayerId bob = player("bob");
  const PlayerId cid = game.players().create({.username = "cid"})->id;
  const std::int64_t bobs = game.catalog().characters_of(bob).front();
  BOOST_TEST((game.servers().play(ann, server, bobs).refusal() == Refusal::NotFound));
  BOOST_TEST((game.servers().play(cid, server).refusal() == Refusal::NotFound));
  BOOST_TEST((game.servers().play(ann, server, -1).refusal() == Refusal::InvalidArgument));
  BOOST_TEST(game.servers().play(bob, server, bobs).value().character == bobs);
}

BOOST_AUTO_TEST_CASE(a_full_quarantined_or_stopped_server_takes_nobody) {
  std::vector<PlayTicket> tickets;
  for (const char* name : {"ann", "bob", "cid"}) {
    tickets.push_back(game.servers().play(player(name), server).value());
  }
  BOOST_REQUIRE(game.servers().join(server, tickets[0].token, "10.0.0.2").ok());
  BOOST_REQUIRE(game.servers().join(server, tickets[1].token, "10.0.0.3").ok());
  const auto full = game.servers().join(server, tickets[2].token, "10.0.0.4");
  BOOST_TEST((full.refusal() == Refusal::NotAllowed));
  BOOST_TEST(full.detail().find("full") != std::string::npos);
  BOOST_TEST((game.servers().play(player("dan"), server).refusal() == Refusal::NotAllowed));

  const PlayerId admin = game.players().create({.username = "admin"})->id;
  BOOST_TEST((game.servers().set_quarantine(admin, server, true).refusal() == Refusal::NotAllowed));
  BOOST_REQUIRE(game.access().grant(admin, "server:quarantine").ok());
  BOOST_REQUIRE(game.servers().end(tickets[0].session, "left").ok());
  BOOST_REQUIRE(game.servers().set_quarantine(admin, server, true).ok());
  BOOST_TEST(
      (game.servers().set_quarantine(admin, server, true).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(
      game.servers().join(server, tickets[2].token, "10.0.0.4").detail().find("quarantined") !=
      std::string::npos);
  BOOST_REQUIRE(game.servers().set_quarantine(admin, server, false).ok());

  BOOST_REQUIRE(game.servers().stop(server).ok());
  BOOST_TEST((game.servers().stop(server).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.servers().in_play(server) == 0);  // the stop ended every session
  BOOST_TEST(game.servers().play(player("eve"), server).detail().find("stopped") !=
             std::string::npos);
  BOOST_TEST((game.servers().join(server, tickets[2].token, "10.0.0.4").refusal() ==
              Refusal::AlreadyDone));  // its session ended with the server
  BOOST_TEST((game.servers().ping(server, 1).refusal() == Refusal::NotFound));
}

BOOST_AUTO_TEST_CASE(bans_by_user_address_and_hosting_network) {
  const PlayerId ann = player("ann");
  const PlayerId admin = game.players().create({.username = "admin"})->id;
  BOOST_REQUIRE(game.access().grant(admin, "permaban").ok());
  BOOST_REQUIRE(game.access().grant(admin, "server:banhost").ok());
  // An address ban keeps the address out; a ban of the user keeps them out from anywhere.
  BOOST_REQUIRE(
      game.access().ban({.issuer = admin, .network = "10.9.0.0/16", .reason = "spam"}).ok());
  const PlayTicket ticket = game.servers().play(ann, server).value();
  BOOST_TEST((game.servers().join(server, ticket.token, "10.9.3.4").refusal() == Refusal::Banned));
  BOOST_TEST(
      (game.servers().join(server, ticket.token, "::ffff:10.9.3.4").refusal() == Refusal::Banned));
  BOOST_REQUIRE(game.servers().join(server, ticket.token, "10.8.3.4").ok());
  BOOST_REQUIRE(game.access().ban({.issuer = admin, .user = ann, .reason = "cheating"}).ok());
  BOOST_TEST((game.servers().play(ann, server).refusal() == Refusal::Banned));

  // A host ban: no server starts inside the network.
  BOOST_TEST(
      (game.servers().ban_host(owner, "172.16.0.0/12", "abuse").refusal() == Refusal::NotAllowed));
  BOOST_TEST((game.servers().ban_host(admin, "172.16.0.0/99", "abuse").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(
      (game.servers().ban_host(admin, "172.16.0.0/12", "").refusal() == Refusal::InvalidArgument));
  const HostBanView ban = game.servers().ban_host(admin, "172.16.0.0/12", "abuse").value();
  BOOST_TEST(ban.network == "172.16.0.0/12");
  BOOST_TEST(game.servers().host_banned("172.20.1.1").has_value());
  BOOST_TEST(!game.servers().host_banned("172.32.1.1").has_value());
  BOOST_TEST((game.servers()
                  .start({.owner = owner,
                          .game = world,
                          .socket_host = "172.20.1.1",
                          .socket_port = 1,
                          .api_url = "x"})
                  .refusal() == Refusal::Banned));
  BOOST_REQUIRE(game.servers().lift_host_ban(admin, ban.id).ok());
  BOOST_TEST((game.servers().lift_host_ban(admin, ban.id).refusal() == Refusal::NotFound));
  BOOST_TEST(game.servers()
                 .start({.owner = owner,
                         .game = world,
                         .socket_host = "172.20.1.1",
                         .socket_port = 1,
                         .api_url = "x"})
                 .ok());
}

BOOST_AUTO_TEST_SUITE_END()

// The LAN host, driven by real clients over loopback (127.0.0.1, port 0: nothing outside this
// machine is contacted): log-in, play, commands from several clients at once, pushed events, bans
// taking effect, each kind of bad input, and a host killed with SIGKILL mid-stream.
#include "hearth/host/host.h"

#include <csignal>
#include <random>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <fmt/core.h>

#include "tests/support/fixtures.h"

#include "hearth/host/client.h"
#include "hearth/hosting/servers.h"
#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/social/messages.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hearth;
using namespace hearth::test;
using namespace hearth::host;

namespace {

constexpr auto kWait = std::chrono::seconds(20);  // an upper bound, never a measurement

GameOptions quick_options(const std::string& path, std::shared_ptr<ManualClock> clock) {
  GameOptions options = options_with(std::move(clock), path);
  Rules rules;
  rules.accounts.password_cost = 4;     // bcrypt's least: tests log in often
  rules.messages.rate_limit = 1000000;  // messages are the commands these tests count
  options.rules = rules;
  return options;
}

// A game file served by a host on 127.0.0.1:0.
struct Served {
  explicit Served(HostOptions options = {}) {
    options.listen = "127.0.0.1:0";
    game.emplace(quick_options(file.path, clock));
    admin = game->accounts()
                .register_account({.user = {.username = "admin"}, .password = "admin password"})
                ->id;
    for (const char* privilege : {"permaban", "moderate", "ban", "server:quarantine"}) {
      BOOST_REQUIRE(game->access().grant(admin, privilege).ok());
    }
    host.emplace(*game, options);
    host->start();
  }

  ~Served() {
    host.reset();
    game.reset();
  }

  // A client logged in as a new player (registered when `name` is new) and playing.
  std::unique_ptr<Client> player(const std::string& name) {
    auto client = std::make_unique<Client>(host->address());
    static_cast<void>(client->register_account(name, name + "@example.org", "password " + name));
    BOOST_REQUIRE(client->log_in(name, "password " + name).ok());
    const Outcome played = client->play();
    BOOST_REQUIRE_MESSAGE(played.ok(), played.detail());
    return client;
  }

  TempFile file;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
  std::optional<Game> game;
  PlayerId admin;
  std::optional<Host> host;
};

// The next event of `type` the client receives (others are skipped).
std::optional<Event> wait_for(Client& client, std::string_view type) {
  const auto until = std::chrono::steady_clock::now() + kWait;
  while (std::chrono::steady_clock::now() < until) {
    const auto event = client.next_event(std::chrono::milliseconds(200));
    if (event && event->type == type) return event;
    if (client.closed()) return std::nullopt;
  }
  return std::nullopt;
}

bool wait_closed(Client& client) {
  const auto until = std::chrono::steady_clock::now() + kWait;
  while (!client.closed() && std::chrono::steady_clock::now() < until) {
    static_cast<void>(client.next_event(std::chrono::milliseconds(200)));
  }
  return client.closed();
}

// Whether the host's sessions in play come to `count` (a closed WebSocket's session ends on the
// game thread a moment after the client sees the close).
bool in_play_becomes(Served& served, std::int64_t count) {
  std::int64_t now = -1;
  const auto until = std::chrono::steady_clock::now() + kWait;
  while (now != count && std::chrono::steady_clock::now() < until) {
    served.host->with_game(
        [&](Game& game) { now = game.servers().in_play(served.host->server()); });
  }
  return now == count;
}

std::string send_json(const std::string& to, const std::string& content) {
  return fmt::format(R"({{"to":"{}","content":"{}"}})", to, content);
}

// A raw TCP connection to the host, for what a well-behaved client never sends.
struct RawSocket {
  explicit RawSocket(const std::string& address) {
    const auto colon = address.rfind(':');
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1))));
    ::inet_pton(AF_INET, address.substr(0, colon).c_str(), &to.sin_addr);
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    timeval timeout{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }

  ~RawSocket() { ::close(fd); }

  void send(const std::string& bytes) const {
    static_cast<void>(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL));
  }

  // Everything until the host closes the connection (or 20 s pass: then "timeout").
  std::string until_closed() const {
    std::string out;
    char buffer[4096];
    while (true) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got == 0) return out;
      if (got < 0) return out + "timeout";
      out.append(buffer, static_cast<std::size_t>(got));
    }
  }

  int fd = -1;
};

// A host on the file at `path` in a child process: its pid and address. `until_signal`: the child
// serves through Host::run (SIGTERM stops it cleanly); otherwise it only waits to be killed.
std::pair<pid_t, std::string> host_process(const std::string& path, bool until_signal) {
  int pipe_fds[2];
  BOOST_REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    int code = 0;
    try {
      Game game(quick_options(path, std::make_shared<ManualClock>(kStart)));
      HostOptions options;
      options.listen = "127.0.0.1:0";
      Host host(game, options);
      const std::string address = host.address() + "\n";
      static_cast<void>(::write(pipe_fds[1], address.data(), address.size()));
      if (until_signal) {
        host.run();
      } else {
        host.start();
        while (true) ::pause();
      }
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  ::close(pipe_fds[1]);
  std::string address;
  char c = 0;
  while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') address += c;
  ::close(pipe_fds[0]);
  BOOST_REQUIRE(!address.empty());
  return {child, address};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(host_test)

BOOST_AUTO_TEST_CASE(players_log_in_play_and_see_each_others_actions) {
  HostOptions options;
  options.ping_interval = std::chrono::milliseconds(20);
  Served served(options);
  auto ann = served.player("ann");
  auto bob = served.player("bob");
  const std::string bob_id = bob->session()->user;

  // A command answers as in-process: a result, or the same refusal and sentence.
  const CommandAnswer sent = ann->call("messages.send", send_json(bob_id, "hello bob"));
  BOOST_REQUIRE_MESSAGE(sent.ok(), sent.detail);
  BOOST_TEST(sent.result.find("\"thread\"") != std::string::npos);
  const auto heard = wait_for(*bob, MessageEvents::kSent);
  BOOST_REQUIRE(heard.has_value());
  BOOST_TEST(heard->actor == ann->session()->user);
  BOOST_TEST(heard->subject == bob_id);
  // The sender hears their own action too (they are its actor).
  BOOST_TEST(wait_for(*ann, MessageEvents::kSent).has_value());

  const CommandAnswer short_turns = ann->call("turns.spend", R"({"cost":1000000})");
  BOOST_TEST((short_turns.refusal == Refusal::NotEnoughTurns));
  BOOST_TEST(!short_turns.detail.empty());

  // Events reach each player in commit order.
  for (int i = 0; i < 10; ++i) {
    BOOST_REQUIRE(ann->call("messages.send", send_json(bob_id, fmt::format("m{}", i))).ok());
  }
  std::int64_t last = heard->id;
  for (int i = 0; i < 10; ++i) {
    const auto next = wait_for(*bob, MessageEvents::kSent);
    BOOST_REQUIRE(next.has_value());
    BOOST_TEST(next->id > last);
    last = next->id;
  }

  // The registry is served as data.
  const auto [status, specs] = ann->request("GET", "/v1/commands");
  BOOST_TEST(status == 200);
  BOOST_TEST(specs.find("\"messages.send\"") != std::string::npos);
  const auto [server_status, server] = ann->request("GET", "/v1/server");
  BOOST_TEST(server_status == 200);
  BOOST_TEST(server.find("\"players\":2") != std::string::npos);

  // An event about a team reaches its members in play: bob joining ann's team is about the team,
  // by bob, and ann, its leader, hears it.
  const CommandAnswer made = ann->call("teams.create", R"({"name":"Crew"})");
  BOOST_REQUIRE_MESSAGE(made.ok(), made.detail);
  const std::string team = made.result.substr(7, made.result.find('"', 7) - 7);
  BOOST_REQUIRE(bob->call("teams.join", R"({"team":")" + team + R"("})").ok());
  const auto joined = wait_for(*ann, "team.joined");
  BOOST_REQUIRE(joined.has_value());
  BOOST_TEST(joined->subject == team);
  BOOST_TEST(joined->actor == bob_id);

  // The host's heartbeat keeps its record's player count fresh.
  std::int64_t recorded = 0;
  const auto until = std::chrono::steady_clock::now() + kWait;
  while (recorded != 2 && std::chrono::steady_clock::now() < until) {
    served.host->with_game(
        [&](Game& game) { recorded = game.servers().server(served.host->server())->player_count; });
  }
  BOOST_TEST(recorded == 2);
}

BOOST_AUTO_TEST_CASE(commands_from_several_clients_at_once_are_each_acknowledged_once) {
  Served served;
  constexpr int kClients = 6;
  constexpr int kEach = 15;
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(served.player(fmt::format("player{}", i)));
  const std::string target = clients.front()->session()->user;
  std::vector<std::thread> threads;
  std::atomic<int> acknowledged = 0;
  for (int i = 1; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < kEach; ++n) {
        if (clients[i]->call("messages.send", send_json(target, fmt::format("{}-{}", i, n))).ok()) {
          ++acknowledged;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(acknowledged.load() == (kClients - 1) * kEach);
  int heard = 0;
  std::int64_t last = 0;
  while (heard < acknowledged.load()) {
    const auto event = wait_for(*clients.front(), MessageEvents::kSent);
    BOOST_REQUIRE(event.has_value());
    BOOST_TEST(event->id > last);
    last = event->id;
    ++heard;
  }
  served.host->with_game([&](Game& game) {
    BOOST_TEST(query_int(game, "SELECT count(*) FROM messages") == acknowledged.load());
  });
}

BOOST_AUTO_TEST_CASE(a_ban_or_a_log_out_closes_the_play_session_at_once) {
  Served served;
  auto ann = served.player("ann");
  auto bob = served.player("bob");
  auto cid = served.player("cid");
  Client admin(served.host->address());
  BOOST_REQUIRE(admin.log_in("admin", "admin password").ok());
  BOOST_REQUIRE(admin.play().ok());
  // A moderator's timeout over the host: bob is sent away and refused from then on.
  const CommandAnswer timeout = admin.call(
      "moderation_cases.open",
      fmt::format(R"({{"type":"TIMEOUT","user":"{}","reason":"spam","duration_ms":3600000}})",
                  bob->session()->user));
  BOOST_REQUIRE_MESSAGE(timeout.ok(), timeout.detail);
  BOOST_TEST(wait_closed(*bob));
  BOOST_TEST(bob->close_reason() == "banned");
  BOOST_TEST((bob->call("turns.spend", R"({"cost":1})").refusal == Refusal::Banned));
  BOOST_TEST(!ann->closed());
  // Logging out ends the play session too.
  BOOST_REQUIRE(cid->log_out().ok());
  BOOST_TEST(wait_closed(*cid));
  BOOST_TEST((cid->call("turns.spend", R"({"cost":1})").refusal == Refusal::NotAllowed));
  // The game logs a player out everywhere: their play session closes at once.
  auto dan = served.player("dan");
  served.host->with_game([&](Game& game) {
    BOOST_REQUIRE(game.accounts().log_out_everywhere(PlayerId(dan->session()->user)).ok());
  });
  BOOST_TEST(wait_closed(*dan));
  BOOST_TEST(dan->close_reason() == "logged out");
  BOOST_TEST(in_play_becomes(served, 2));  // ann and the admin
  // An address ban: everyone on it is sent away, and new connections are refused.
  served.host->with_game([&](Game& game) {
    BOOST_REQUIRE(
        game.access().ban({.issuer = served.admin, .network = "127.0.0.0/8", .reason = "x"}).ok());
  });
  BOOST_TEST(wait_closed(*ann));
  RawSocket refused(served.host->address());
  BOOST_TEST(refused.until_closed().empty());
}

BOOST_AUTO_TEST_CASE(a_quarantined_or_full_server_takes_no_more_players) {
  HostOptions options;
  options.max_players = 2;
  Served served(options);
  auto ann = served.player("ann");
  auto bob = served.player("bob");
  Client cid(served.host->address());
  static_cast<void>(cid.register_account("cid", "cid@example.org", "password cid"));
  BOOST_REQUIRE(cid.log_in("cid", "password cid").ok());
  const Outcome full = cid.play();
  BOOST_TEST((full.refusal() == Refusal::NotAllowed));
  BOOST_TEST(full.detail().find("full") != std::string::npos);
  // Quarantined: new connections are refused outright.
  served.host->with_game([&](Game& game) {
    BOOST_REQUIRE(game.servers().set_quarantine(served.admin, served.host->server(), true).ok());
  });
  RawSocket refused(served.host->address());
  BOOST_TEST(refused.until_closed().empty());
}

BOOST_AUTO_TEST_CASE(bad_input_gets_a_clear_answer_and_the_host_serves_everyone_else) {
  HostOptions options;
  options.max_body = 1024;
  options.rate = 1;
  options.burst = 20;
  Served served(options);
  auto ann = served.player("ann");
  const std::string bob_id = served.player("bob")->session()->user;

  const auto refusal_of = [&](const std::string& command, const std::string& body) {
    return ann->call(command, body).refusal;
  };
  BOOST_TEST((refusal_of("messages.send", "{not json") == Refusal::InvalidArgument));
  BOOST_TEST((refusal_of("messages.send", "[1,2]") == Refusal::InvalidArgument));
  BOOST_TEST((refusal_of("no.such_command", "{}") == Refusal::NotFound));
  BOOST_TEST((refusal_of("turns.spend", R"({"cost":"many"})") == Refusal::InvalidArgument));
  BOOST_TEST((refusal_of("turns.spend", R"({"cost":1e400})") == Refusal::InvalidArgument));
  BOOST_TEST(
      (refusal_of("turns.spend", R"({"cost":99999999999999999999})") == Refusal::InvalidArgument));
  BOOST_TEST((refusal_of("turns.spend", R"({"cost":1,"extra":2})") == Refusal::InvalidArgument));
  // Oversized: 413, and the connection is closed.
  const auto [status, body] =
      ann->request("POST", "/v1/commands/messages.send", send_json(bob_id, std::string(4096, 'x')));
  BOOST_TEST(status == 413);
  BOOST_TEST(body.find("1024 bytes") != std::string::npos);
  // Unknown routes and missing tokens.
  BOOST_TEST(ann->request("GET", "/v2/whatever").first == 404);
  Client stranger(served.host->address());
  BOOST_TEST(stranger.request("POST", "/v1/commands/turns.spend", "{}").first == 401);
  BOOST_TEST(stranger.request("POST", "/v1/login", "{{{").first == 400);
  // Garbage instead of HTTP: the connection is closed.
  RawSocket garbage(served.host->address());
  static constexpr char kGarbage[] = "\x16\x03\x01\x02\x00 not http at all\r\n\r\n";
  garbage.send(std::string(kGarbage, sizeof kGarbage - 1));
  BOOST_TEST(garbage.until_closed().find("timeout") == std::string::npos);

  // A flood from one connection: 429 past the burst; another client is served all along.
  Client flood(served.host->address());
  int limited = 0;
  for (int i = 0; i < 60; ++i) {
    if (flood.request("GET", "/v1/server").first == 429) ++limited;
  }
  BOOST_TEST(limited > 0);
  BOOST_TEST(ann->call("messages.send", send_json(bob_id, "after the flood")).ok());
}

// A short idle timeout: what sends nothing is closed, whatever else goes on.
BOOST_AUTO_TEST_CASE(slow_half_open_and_silent_connections_are_closed) {
  HostOptions options;
  options.idle_timeout = std::chrono::milliseconds(300);
  Served served(options);
  // A player whose client never reads its WebSocket never answers the host's pings: the host
  // ends the play session, and commands ask to play first.
  auto ann = served.player("ann");
  // A request half sent, and a connection that never sends: both closed, while the host answers
  // another client meanwhile.
  RawSocket half(served.host->address());
  half.send("POST /v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"na");
  RawSocket silent(served.host->address());
  Client other(served.host->address());
  BOOST_TEST(other.request("GET", "/v1/server").first == 200);
  BOOST_TEST(half.until_closed().find("timeout") == std::string::npos);
  BOOST_TEST(silent.until_closed().empty());
  // (Watched on the host: reading the client's socket would answer the pings.)
  BOOST_TEST(in_play_becomes(served, 0));
  BOOST_TEST(ann->call("turns.spend", R"({"cost":1})").detail.find("Play first") == 0u);
}

BOOST_AUTO_TEST_CASE(every_acknowledged_command_survives_a_sigkill) {
  TempFile file;
  std::mt19937 random(20261201);
  std::int64_t acknowledged = 0;
  std::string ann_id;
  std::string bob_id;
  for (int round = 0; round < 3; ++round) {
    const auto [child, address] = host_process(file.path, false);
    {
      Client ann(address);
      Client bob(address);
      if (round == 0) {
        ann_id = ann.register_account("ann", "ann@example.org", "password ann").value();
        bob_id = bob.register_account("bob", "bob@example.org", "password bob").value();
      }
      BOOST_REQUIRE(ann.log_in("ann", "password ann").ok());
      BOOST_REQUIRE(ann.play().ok());
      const int stop_after = std::uniform_int_distribution<int>(5, 40)(random);
      for (int i = 0; i < stop_after; ++i) {
        BOOST_REQUIRE(ann.call("messages.send", send_json(bob_id, fmt::format("n{}", i))).ok());
        ++acknowledged;
      }
      ::kill(child, SIGKILL);
      int status = 0;
      ::waitpid(child, &status, 0);
      BOOST_TEST(WIFSIGNALED(status));
    }
    Game reopened(quick_options(file.path, std::make_shared<ManualClock>(kStart)));
    BOOST_TEST(query_int(reopened, "SELECT count(*) FROM messages") == acknowledged);
  }
}

BOOST_AUTO_TEST_CASE(sigterm_stops_the_host_cleanly) {
  TempFile file;
  const auto [child, address] = host_process(file.path, true);
  {
    Client ann(address);
    BOOST_REQUIRE(ann.register_account("ann", "ann@example.org", "password ann").ok());
    BOOST_REQUIRE(ann.log_in("ann", "password ann").ok());
    BOOST_REQUIRE(ann.play().ok());
    ::kill(child, SIGTERM);
    BOOST_TEST(wait_closed(ann));
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  Game reopened(quick_options(file.path, std::make_shared<ManualClock>(kStart)));
  BOOST_TEST(query_int(reopened, "SELECT count(*) FROM hosted_servers WHERE active = 1") == 0);
  BOOST_TEST(query_int(reopened, "SELECT count(*) FROM sessions WHERE ended_at IS NULL") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

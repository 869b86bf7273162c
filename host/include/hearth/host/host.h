// The LAN host: one game file served to players on other machines. HTTP/JSON for requests, one
// WebSocket per player for the events that concern them (docs/lan.md). One thread owns the Game
// and runs every command and the tick; I/O threads handle the connections and hand it requests.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "hearth/core/id.h"

namespace hearth {

class Game;

namespace host {

struct HostOptions {
  // Where to listen: "ADDR:PORT" ("0.0.0.0:7777", "[::1]:7777"); port 0 picks a free port.
  std::string listen = "127.0.0.1:0";
  // The username of the host's own account (created when missing, without a password: it cannot
  // log in). It owns the server record and, on a new file, the game and its character model.
  std::string owner = "host";
  // The players a session may have in play at once (the game's max_players on a new file).
  std::int64_t max_players = 16;
  // A request's body past this many bytes is refused (413) and the connection closed.
  std::size_t max_body = 64 * 1024;
  // A connection that sends nothing for this long (a request half sent, an idle keep-alive) is
  // closed; so is a WebSocket whose client stops answering pings.
  std::chrono::milliseconds idle_timeout{30'000};
  // Requests one connection may make: `burst` at once, then `rate` a second (429 past that).
  double rate = 100;
  double burst = 200;
  // How often the host runs the tick, and pings its server record (pinged_at, player count).
  std::chrono::milliseconds tick_interval{1'000};
  std::chrono::milliseconds ping_interval{10'000};
  int io_threads = 2;
  // TLS is not built in: on a LAN traffic goes in the clear; put a TLS proxy in front otherwise.
};

// Serves `game` until stop() (or SIGINT/SIGTERM under run()). The host uses the game from its own
// thread while it runs: the caller must not touch `game` between start() and the end of stop().
class Host {
 public:
  // Prepares the world on `game` (the owner, the game content, the character model) and records
  // the server; listens. Throws Error{Usage} for a bad address, Error{System} when it cannot bind.
  Host(Game& game, HostOptions options);
  ~Host();  // stop()

  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // The address it listens on, "127.0.0.1:40123".
  std::string address() const;
  ServerId server() const;

  // Runs `work` on the game thread between requests and waits for it: how a game changes its
  // world while the host serves it (an admin's command, a scripted event). Events it commits
  // reach the players. Not from inside `work` or a listener (it would wait for itself).
  void with_game(const std::function<void(Game&)>& work);

  // Starts the I/O threads and the game thread and returns.
  void start();
  // Serves until stop() is called or the process gets SIGINT or SIGTERM; then stops.
  void run();
  // Stops accepting, lets in-flight commands finish, closes every connection, ends the sessions,
  // marks the server stopped and joins the threads. Idempotent.
  void stop();

  struct State;  // the host's threads, connections and world (host/host.cpp)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace host
}  // namespace hearth

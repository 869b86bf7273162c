// The client of a LAN host: logs in over HTTP, plays (one WebSocket for the events that concern
// the player), and runs the registry's commands as the in-process API would, answering the same
// Refusal and sentence (docs/lan.md). One Client per player; not for use from several threads at
// once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "hearth/core/commands.h"
#include "hearth/core/events.h"
#include "hearth/core/outcome.h"

namespace hearth::host {

// A log-in as the host answers it.
struct RemoteSession {
  std::string user;
  std::string access_token;
  std::string refresh_token;
};

class Client {
 public:
  // Connects to a host at "ADDR:PORT". Throws Error{System} when it cannot connect.
  explicit Client(const std::string& address);
  ~Client();

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Accounts::register_account with a username, an email and a password: the new user's id.
  Result<std::string> register_account(const std::string& username, const std::string& email,
                                       const std::string& password);
  // Accounts::log_in: the client keeps the session for what follows.
  Result<RemoteSession> log_in(const std::string& name, const std::string& password,
                               const std::string& code = "");
  // Ends the log-in (every token of it); the host closes the play session.
  Outcome log_out();

  // "Play": a session on the host's server with the player's character (0: their latest; the
  // host makes one for a player who has none), joined at once over the WebSocket.
  Outcome play(std::int64_t character = 0);

  // Runs a registry command (hearth/core/commands.h) as the logged-in player.
  CommandAnswer call(const std::string& command, const std::string& arguments_json = "{}");

  // The next event pushed to this player, waiting at most `wait`; nullopt when none came or the
  // host closed the play session (then closed() says so).
  std::optional<Event> next_event(std::chrono::milliseconds wait);
  bool closed() const;
  // Why the host closed the play session ("" while open).
  std::string close_reason() const;

  // A raw request, for what the calls above do not cover: the status and the body.
  std::pair<int, std::string> request(const std::string& method, const std::string& target,
                                      const std::string& body = "");

  const std::optional<RemoteSession>& session() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hearth::host

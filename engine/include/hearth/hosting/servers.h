// Hosted servers and play sessions: a LAN host records itself as a server of the game file, and
// a player who presses "Play" gets a session bound to their character, the game and the server,
// with a short-lived token their client presents once to join (docs/lan.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/hosting/documents.h"

namespace hearth {

class Core;

// A server to record.
struct NewServer {
  PlayerId owner;                // who hosts it: needs "host" ("server:provision" when official)
  ContentId game;                // the game it serves (content of type Game)
  std::string socket_host;       // where players connect: an address or a name, 1 to 255 characters
  std::int64_t socket_port = 0;  // 1 to 65535
  std::string api_url;           // its HTTP address, 1 to 255 characters
  bool official = false;         // serves the whole site, not its owner's games only
  bool provisioned = false;      // started by a provisioning host
  ServerInfo info;
};

struct ServerView {
  ServerId id;
  PlayerId owner;
  ContentId game;
  std::string socket_host;
  std::int64_t socket_port = 0;
  std::string api_url;
  bool official = false;
  bool provisioned = false;
  bool quarantined = false;
  bool active = false;
  std::int64_t max_players = 0;   // the game's
  std::int64_t player_count = 0;  // as last pinged
  std::optional<GameTime> pinged_at;
  ServerInfo info;

  bool operator==(const ServerView&) const = default;
};

// A recorded server and its token, which the engine keeps only as its SHA-256: shown once.
struct StartedServer {
  ServerView server;
  std::string token;
};

// A session made by "Play": the token the player's client presents once, before expires_at.
struct PlayTicket {
  PlaySessionId session;
  std::string token;
  std::int64_t character = 0;
  GameTime expires_at = 0;
};

struct PlaySessionView {
  PlaySessionId id;
  PlayerId user;
  std::int64_t character = 0;
  ContentId game;
  ServerId server;
  GameTime created_at = 0;
  std::optional<GameTime> joined_at;
  std::optional<GameTime> ended_at;
  std::string ip;  // where the player joined from

  bool operator==(const PlaySessionView&) const = default;
};

// A ban of a hosting address or network: no server there may start.
struct HostBanView {
  std::int64_t id = 0;
  std::string network;  // "10.0.0.0/8", or one address
  std::string reason;
  PlayerId admin;
  std::optional<GameTime> expires_at;  // nullopt: for good
  GameTime created_at = 0;

  bool operator==(const HostBanView&) const = default;
};

// Servers and sessions. Obtain it from Game::servers(); it is a light handle.
class Servers {
 public:
  explicit Servers(Core& core) : core_(core) {}

  // Records a running server, active, pinged now. Refuses an owner without "host" (or, for an
  // official or provisioned server, "server:provision"), a game that is not a game, a socket host
  // or API address that is not 1 to 255 characters, a port outside 1–65535, and a socket host
  // inside a host ban in force (Banned). Journals "server.started".
  Result<StartedServer> start(const NewServer& server);

  // The server's heartbeat: pinged now, with its player count. Refuses an unknown or stopped
  // server and a negative count.
  Outcome ping(ServerId server, std::int64_t player_count);

  // The server stops: inactive, every session on it ended. Refuses an unknown server and one
  // stopped already (AlreadyDone). Journals "server.stopped".
  Outcome stop(ServerId server);

  // An admin ("server:quarantine") takes a server out of play or puts it back: a quarantined
  // server takes no sessions and no joins. Refuses a change that changes nothing (AlreadyDone).
  // Journals "server.quarantined".
  Outcome set_quarantine(const PlayerId& admin, ServerId server, bool quarantined);

  // "Play" ("play"): a session of `user` on the server with their character (0: their latest),
  // and its token. Refuses an unknown, stopped or quarantined server, a server whose game has
  // max_players players in play (NotAllowed), a character that is not the user's, a user without
  // one, and a user who may not play (banned, deleted). Journals "session.created".
  Result<PlayTicket> play(const PlayerId& user, ServerId server, std::int64_t character = 0);

  // The server admits the holder of a session token (compared by its SHA-256, in constant time):
  // the session is joined now, from `ip`. A token is good once, on its server, until it expires.
  // Refuses an unknown, used or expired token, another server's, a server that is stopped,
  // quarantined or full, and a user who may not play (by user or by `ip`: Banned). Journals
  // "session.joined".
  Result<PlaySessionView> join(ServerId server, const std::string& token, const std::string& ip);

  // The session ends (its player left or was sent away). AlreadyDone for an ended one. Journals
  // "session.ended" with the reason (1 to 100 characters).
  Outcome end(PlaySessionId session, const std::string& reason);

  // Sessions joined and not ended on the server: its players.
  std::int64_t in_play(ServerId server) const;

  std::optional<ServerView> server(ServerId server) const;
  std::optional<PlaySessionView> session(PlaySessionId session) const;
  // The owner's servers, newest first.
  std::vector<ServerView> servers_of(const PlayerId& owner) const;

  // An admin ("server:banhost") bans a hosting address or network ("10.0.0.0/8"), with a reason
  // of 1 to 255 characters, for good or until `expires_at`; lifts one. Journals
  // "server.host_banned" / "server.host_ban_lifted".
  Result<HostBanView> ban_host(const PlayerId& admin, const std::string& network,
                               const std::string& reason,
                               std::optional<GameTime> expires_at = std::nullopt);
  Outcome lift_host_ban(const PlayerId& admin, std::int64_t ban);
  // The host ban in force that covers `address`, if any.
  std::optional<HostBanView> host_banned(const std::string& address) const;

 private:
  Core& core_;
};

// The event types servers and sessions journal (payloads: docs/rules.md).
struct ServerEvents {
  static constexpr std::string_view kStarted = "server.started";
  static constexpr std::string_view kStopped = "server.stopped";
  static constexpr std::string_view kQuarantined = "server.quarantined";
  static constexpr std::string_view kHostBanned = "server.host_banned";
  static constexpr std::string_view kHostBanLifted = "server.host_ban_lifted";
  static constexpr std::string_view kSessionCreated = "session.created";
  static constexpr std::string_view kSessionJoined = "session.joined";
  static constexpr std::string_view kSessionEnded = "session.ended";
};

}  // namespace hearth

#include "hearth/hosting/servers.h"

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/networks.h"
#include "engine/identity/secrets.h"

#include "hearth/game.h"
#include <openssl/crypto.h>

namespace hearth {

Servers Game::servers() { return Servers(*core_); }

namespace {

constexpr std::int64_t kMaxAddress = 255;

constexpr const char* kServerSelect =
    "SELECT s.id, s.user_id, ifnull(s.game_id, 0), s.socket_host, s.socket_port, s.api_url, "
    "s.official, s.provisioned, s.quarantine, s.active, ifnull(g.max_players, 0), "
    "ifnull(s.player_count, 0), s.pinged_at, s.server_info "
    "FROM hosted_servers s LEFT JOIN games g ON g.id = s.game_id ";

ServerView read_server(Query& query) {
  ServerView view;
  view.id = ServerId(query.integer(0));
  view.owner = query.text(1);
  view.game = ContentId(query.integer(2));
  view.socket_host = query.text(3);
  view.socket_port = query.integer(4);
  view.api_url = query.text(5);
  view.official = query.flag(6);
  view.provisioned = query.flag(7);
  view.quarantined = query.flag(8);
  view.active = query.flag(9);
  view.max_players = query.integer(10);
  view.player_count = query.integer(11);
  if (!query.is_null(12)) view.pinged_at = query.integer(12);
  if (!query.is_null(13)) {
    view.info = storage::from_json<ServerInfo>(query.text(13), kServerInfoColumn);
  }
  return view;
}

std::optional<ServerView> find_server(Reader& reader, ServerId server) {
  Query query(reader, std::string(kServerSelect) + "WHERE s.id = ?", server.value());
  if (!query.step()) return std::nullopt;
  return read_server(query);
}

constexpr const char* kSessionSelect =
    "SELECT id, user_id, character_id, game_id, server_id, created_at, joined_at, ended_at, "
    "ifnull(ip, '') FROM sessions ";

PlaySessionView read_session(Query& query) {
  PlaySessionView view;
  view.id = PlaySessionId(query.integer(0));
  view.user = query.text(1);
  view.character = query.integer(2);
  view.game = ContentId(query.integer(3));
  view.server = ServerId(query.integer(4));
  view.created_at = query.integer(5);
  if (!query.is_null(6)) view.joined_at = query.integer(6);
  if (!query.is_null(7)) view.ended_at = query.integer(7);
  view.ip = query.text(8);
  return view;
}

std::int64_t count_in_play(Reader& reader, ServerId server) {
  Query query(reader,
              "SELECT count(*) FROM sessions WHERE server_id = ? AND joined_at IS NOT NULL AND "
              "ended_at IS NULL",
              server.value());
  query.step();
  return query.integer(0);
}

// Ok when the server takes players now: known, running, not quarantined, not full.
Outcome takes_players(Reader& reader, const std::optional<ServerView>& server) {
  if (!server) return Outcome::refused(Refusal::NotFound, "There is no such server.");
  if (!server->active) return Outcome::refused(Refusal::NotAllowed, "The server has stopped.");
  if (server->quarantined) {
    return Outcome::refused(Refusal::NotAllowed, "The server is quarantined: it takes no players.");
  }
  if (server->max_players > 0 && count_in_play(reader, server->id) >= server->max_players) {
    return Outcome::refused(Refusal::NotAllowed,
                            fmt::format("The server is full ({} players).", server->max_players));
  }
  return {};
}

HostBanView read_host_ban(Query& query) {
  HostBanView view;
  view.id = query.integer(0);
  view.network = networks::to_string({query.text(1), static_cast<int>(query.integer(2))});
  view.reason = query.text(3);
  view.admin = query.text(4);
  if (!query.is_null(5)) view.expires_at = query.integer(5);
  view.created_at = query.integer(6);
  return view;
}

std::optional<HostBanView> find_host_ban(Reader& reader, const networks::Network& address) {
  Query query(reader,
              "SELECT id, ip, cidr, reason, admin_id, expires_at, created_at FROM host_bans "
              "WHERE expires_at IS NULL OR expires_at > ? ORDER BY id",
              reader.now());
  while (query.step()) {
    const auto network = networks::parse(query.text(1) + "/" + query.text(2));
    if (network && networks::contains(*network, address)) return read_host_ban(query);
  }
  return std::nullopt;
}

// The host ban covering `host` when it is an address; a name is not resolved (nullopt).
std::optional<HostBanView> host_ban_on(Reader& reader, const std::string& host) {
  const auto address = networks::parse(host);
  if (!address || host.find('/') != std::string::npos) return std::nullopt;
  return find_host_ban(reader, *address);
}

bool same_hash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<StartedServer> Servers::start(const NewServer& server) {
  if (Outcome valid = text::check("A socket host", server.socket_host, 1, kMaxAddress); !valid) {
    return valid;
  }
  if (Outcome valid = text::check("An API address", server.api_url, 1, kMaxAddress); !valid) {
    return valid;
  }
  if (server.socket_port < 1 || server.socket_port > 65535) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("{} is not a port (1 to 65535).", server.socket_port));
  }
  if (server.info.max_players < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "max_players cannot be negative.");
  }
  const std::string token = secrets::new_token();
  return core_.run([&](Command& command) -> Result<StartedServer> {
    const bool site = server.official || server.provisioned;
    if (Outcome may = access::require(command, server.owner, site ? "server:provision" : "host");
        !may) {
      return may;
    }
    Query game(command, "SELECT 1 FROM games WHERE id = ?", server.game.value());
    if (!game.step()) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("Content {} is not a game.", server.game.value()));
    }
    game.reset();
    if (const auto ban = host_ban_on(command, server.socket_host)) {
      return Outcome::refused(Refusal::Banned,
                              fmt::format("{} is in a banned hosting network ({}): {}",
                                          server.socket_host, ban->network, ban->reason));
    }
    Query insert(command,
                 "INSERT INTO hosted_servers (token, user_id, game_id, socket_host, socket_port, "
                 "api_url, provisioned, official, server_info, player_count, created_at, "
                 "updated_at, pinged_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?10, "
                 "?10)",
                 secrets::token_hash(token), server.owner, server.game.value(), server.socket_host,
                 server.socket_port, server.api_url, server.provisioned, server.official,
                 storage::to_json(server.info), command.now());
    insert.exec();
    const ServerId id(command.last_insert_id());
    Query link(command, "INSERT INTO server_games (server_id, game_id) VALUES (?, ?)", id.value(),
               server.game.value());
    link.exec();
    command.emit(ServerEvents::kStarted, server.owner, "",
                 Payload()
                     .add("server", id.value())
                     .add("game", server.game.value())
                     .add("socket_host", server.socket_host)
                     .add("socket_port", server.socket_port)
                     .str());
    return StartedServer{*find_server(command, id), token};
  });
}

Outcome Servers::ping(ServerId server, std::int64_t player_count) {
  if (player_count < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "A player count cannot be negative.");
  }
  return core_.run([&](Command& command) -> Outcome {
    Query update(command,
                 "UPDATE hosted_servers SET pinged_at = ?1, player_count = ?2, updated_at = ?1 "
                 "WHERE id = ?3 AND active = 1",
                 command.now(), player_count, server.value());
    if (update.exec() == 0) {
      return Outcome::refused(Refusal::NotFound, "There is no such running server.");
    }
    return {};
  });
}

Outcome Servers::stop(ServerId server) {
  return core_.run([&](Command& command) -> Outcome {
    const auto found = find_server(command, server);
    if (!found) return Outcome::refused(Refusal::NotFound, "There is no such server.");
    if (!found->active) return Outcome::refused(Refusal::AlreadyDone, "The server has stopped.");
    Query end(command,
              "UPDATE sessions SET ended_at = ?1 WHERE server_id = ?2 AND ended_at IS NULL",
              command.now(), server.value());
    const int ended = end.exec();
    Query update(command,
                 "UPDATE hosted_servers SET active = 0, player_count = 0, updated_at = ?1 "
                 "WHERE id = ?2",
                 command.now(), server.value());
    update.exec();
    command.emit(ServerEvents::kStopped, found->owner, "",
                 Payload().add("server", server.value()).add("sessions_ended", ended).str());
    return {};
  });
}

Outcome Servers::set_quarantine(const PlayerId& admin, ServerId server, bool quarantined) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, admin, "server:quarantine"); !may) return may;
    const auto found = find_server(command, server);
    if (!found) return Outcome::refused(Refusal::NotFound, "There is no such server.");
    if (found->quarantined == quarantined) {
      return Outcome::refused(Refusal::AlreadyDone, quarantined ? "The server is quarantined."
                                                                : "The server is not quarantined.");
    }
    Query update(command,
                 "UPDATE hosted_servers SET quarantine = ?1, updated_at = ?2 WHERE id = ?3",
                 quarantined, command.now(), server.value());
    update.exec();
    command.emit(ServerEvents::kQuarantined, admin, found->owner,
                 Payload().add("server", server.value()).add("quarantined", quarantined).str());
    return {};
  });
}

Result<PlayTicket> Servers::play(const PlayerId& user, ServerId server, std::int64_t character) {
  if (character < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "A character id cannot be negative.");
  }
  const std::string token = secrets::new_token();
  return core_.run([&](Command& command) -> Result<PlayTicket> {
    if (Outcome may = access::require(command, user, "play"); !may) return may;
    const auto found = find_server(command, server);
    if (Outcome open = takes_players(command, found); !open) return open;
    Query mine(command,
               "SELECT id FROM characters WHERE user_id = ?1 AND (?2 = 0 OR id = ?2) "
               "ORDER BY id DESC LIMIT 1",
               user, character);
    if (!mine.step()) {
      return Outcome::refused(Refusal::NotFound, character == 0
                                                     ? "The player has no character yet."
                                                     : "The character is not the player's.");
    }
    PlayTicket ticket;
    ticket.character = mine.integer(0);
    mine.reset();
    ticket.token = token;
    ticket.expires_at = command.now() + command.rules().hosting.session_token_lifetime;
    Query insert(command,
                 "INSERT INTO sessions (token, user_id, character_id, game_id, server_id, "
                 "server_type, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                 secrets::token_hash(token), user, ticket.character, found->game.value(),
                 server.value(), found->provisioned ? "provision" : "host", command.now());
    insert.exec();
    ticket.session = PlaySessionId(command.last_insert_id());
    command.emit(ServerEvents::kSessionCreated, user, user,
                 Payload()
                     .add("session", ticket.session.value())
                     .add("server", server.value())
                     .add("character", ticket.character)
                     .str());
    return ticket;
  });
}

Result<PlaySessionView> Servers::join(ServerId server, const std::string& token,
                                      const std::string& ip) {
  if (Outcome valid = text::check("A session token", token, 1, kMaxAddress); !valid) return valid;
  const auto address = networks::parse(ip);
  if (!address || ip.find('/') != std::string::npos) {
    return Outcome::refused(Refusal::InvalidArgument, "The client's address is not an IP address.");
  }
  const std::string hash = secrets::token_hash(token);
  return core_.run([&](Command& command) -> Result<PlaySessionView> {
    Query query(command, std::string(kSessionSelect) + "WHERE token = ?", hash);
    if (!query.step()) {
      return Outcome::refused(Refusal::NotAllowed, "The session token is not known.");
    }
    const PlaySessionView session = read_session(query);
    query.reset();
    Query stored(command, "SELECT token FROM sessions WHERE id = ?", session.id.value());
    if (!stored.step() || !same_hash(stored.text(0), hash)) {
      return Outcome::refused(Refusal::NotAllowed, "The session token is not known.");
    }
    stored.reset();
    if (session.server != server) {
      return Outcome::refused(Refusal::NotAllowed, "The session token is for another server.");
    }
    if (session.joined_at || session.ended_at) {
      return Outcome::refused(Refusal::AlreadyDone, "The session token has been used.");
    }
    if (session.created_at + command.rules().hosting.session_token_lifetime <= command.now()) {
      return Outcome::refused(Refusal::NotAllowed, "The session token has expired.");
    }
    if (Outcome may = access::require(command, session.user, "play"); !may) return may;
    if (const auto ban = access::address_ban(command, *address)) {
      return access::banned(*ban, command.now());
    }
    if (Outcome open = takes_players(command, find_server(command, server)); !open) return open;
    Query update(command,
                 "UPDATE sessions SET joined_at = ?1, pinged_at = ?1, ip = ?2 WHERE id = ?3",
                 command.now(), networks::to_string(*address), session.id.value());
    update.exec();
    command.emit(ServerEvents::kSessionJoined, session.user, session.user,
                 Payload().add("session", session.id.value()).add("server", server.value()).str());
    Query again(command, std::string(kSessionSelect) + "WHERE id = ?", session.id.value());
    again.step();
    return read_session(again);
  });
}

Outcome Servers::end(PlaySessionId session, const std::string& reason) {
  if (Outcome valid = text::check("A reason", reason, 1, 100); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    Query query(command, std::string(kSessionSelect) + "WHERE id = ?", session.value());
    if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such session.");
    const PlaySessionView found = read_session(query);
    query.reset();
    if (found.ended_at) return Outcome::refused(Refusal::AlreadyDone, "The session has ended.");
    Query update(command, "UPDATE sessions SET ended_at = ? WHERE id = ?", command.now(),
                 session.value());
    update.exec();
    command.emit(ServerEvents::kSessionEnded, found.user, found.user,
                 Payload()
                     .add("session", session.value())
                     .add("server", found.server.value())
                     .add("reason", reason)
                     .str());
    return {};
  });
}

std::int64_t Servers::in_play(ServerId server) const {
  return core_.read([&](Reader& reader) { return count_in_play(reader, server); });
}

std::optional<ServerView> Servers::server(ServerId server) const {
  return core_.read([&](Reader& reader) { return find_server(reader, server); });
}

std::optional<PlaySessionView> Servers::session(PlaySessionId session) const {
  return core_.read([&](Reader& reader) -> std::optional<PlaySessionView> {
    Query query(reader, std::string(kSessionSelect) + "WHERE id = ?", session.value());
    if (!query.step()) return std::nullopt;
    return read_session(query);
  });
}

std::vector<ServerView> Servers::servers_of(const PlayerId& owner) const {
  return core_.read([&](Reader& reader) {
    std::vector<ServerView> found;
    Query query(reader, std::string(kServerSelect) + "WHERE s.user_id = ? ORDER BY s.id DESC",
                owner);
    while (query.step()) found.push_back(read_server(query));
    return found;
  });
}

Result<HostBanView> Servers::ban_host(const PlayerId& admin, const std::string& network,
                                      const std::string& reason,
                                      std::optional<GameTime> expires_at) {
  const auto parsed = networks::parse(network);
  if (!parsed) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A host ban names an IP address or a network (\"10.0.0.0/8\").");
  }
  if (Outcome valid = text::check("A reason", reason, 1, kMaxAddress); !valid) return valid;
  return core_.run([&](Command& command) -> Result<HostBanView> {
    if (Outcome may = access::require(command, admin, "server:banhost"); !may) return may;
    if (expires_at && *expires_at <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument, "A ban must end after now.");
    }
    Query insert(command,
                 "INSERT INTO host_bans (ip, cidr, admin_id, reason, created_at, updated_at, "
                 "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                 parsed->address, parsed->prefix, admin, reason, command.now(), expires_at);
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit(ServerEvents::kHostBanned, admin, "",
                 Payload().add("ban", id).add("network", networks::to_string(*parsed)).str());
    Query again(command,
                "SELECT id, ip, cidr, reason, admin_id, expires_at, created_at FROM host_bans "
                "WHERE id = ?",
                id);
    again.step();
    return read_host_ban(again);
  });
}

Outcome Servers::lift_host_ban(const PlayerId& admin, std::int64_t ban) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, admin, "server:banhost"); !may) return may;
    Query lift(command,
               "UPDATE host_bans SET expires_at = ?1, updated_at = ?1 WHERE id = ?2 AND "
               "(expires_at IS NULL OR expires_at > ?1)",
               command.now(), ban);
    if (lift.exec() == 0) {
      return Outcome::refused(Refusal::NotFound, "There is no such host ban in force.");
    }
    command.emit(ServerEvents::kHostBanLifted, admin, "", Payload().add("ban", ban).str());
    return {};
  });
}

std::optional<HostBanView> Servers::host_banned(const std::string& address) const {
  return core_.read([&](Reader& reader) { return host_ban_on(reader, address); });
}

}  // namespace hearth

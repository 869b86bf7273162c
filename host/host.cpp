// The LAN host: Beast connections on I/O threads, the Game on one thread of its own. Every
// request becomes a function posted to the game thread; its answer is posted back to the
// connection's strand. The game thread also runs the tick, the server's ping and the event hub
// that pushes each committed event to the WebSockets of the players it concerns.
#include "hearth/host/host.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "hearth/catalog/catalog.h"
#include "hearth/core/commands.h"
#include "hearth/core/error.h"
#include "hearth/game.h"
#include "hearth/hosting/servers.h"
#include "hearth/identity/access.h"
#include "hearth/identity/accounts.h"
#include "hearth/identity/players.h"
#include "hearth/social/teams.h"
#include "host/asio.h"
#include "host/json.h"
#include "host/world.h"

namespace hearth::host {

namespace {

// What the game thread answers a request with.
struct Reply {
  http::status status = http::status::ok;
  std::string body;
};

Reply answer(const CommandAnswer& answer, http::status status = http::status::ok) {
  return {status, answer.to_json()};
}

Reply refusal(http::status status, Refusal refusal, std::string detail) {
  CommandAnswer refused;
  refused.refusal = refusal;
  refused.detail = std::move(detail);
  return answer(refused, status);
}

Reply result(std::string json) {
  CommandAnswer ok;
  ok.result = std::move(json);
  return answer(ok);
}

// A refusal as its answer, or `json` as the result.
Reply outcome_reply(const Outcome& outcome, std::string json) {
  if (!outcome) return refusal(http::status::ok, outcome.refusal(), outcome.detail());
  return result(std::move(json));
}

template <class T>
Reply outcome_reply(const Result<T>& outcome, std::string json) {
  if (!outcome) return refusal(http::status::ok, outcome.refusal(), outcome.detail());
  return result(std::move(json));
}

std::string session_json(const Session& session) {
  return fmt::format(R"({{"user":{},"access_token":{},"refresh_token":{},"access_expires_at":{},)"
                     R"("refresh_expires_at":{}}})",
                     json::quote(session.user.value()), json::quote(session.access_token),
                     json::quote(session.refresh_token), session.access_expires_at,
                     session.refresh_expires_at);
}

// "ADDR:PORT" or "[V6]:PORT" → an endpoint; nullopt when it does not parse.
std::optional<tcp::endpoint> endpoint_of(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int number = std::stoi(port);
  if (number > 65535) return std::nullopt;
  boost::system::error_code error;
  const auto address = asio::ip::make_address(host, error);
  if (error) return std::nullopt;
  return tcp::endpoint(address, static_cast<unsigned short>(number));
}

std::string address_text(const tcp::endpoint& endpoint) {
  const std::string host = endpoint.address().to_string();
  if (endpoint.address().is_v6()) return fmt::format("[{}]:{}", host, endpoint.port());
  return fmt::format("{}:{}", host, endpoint.port());
}

// The remote address of a socket as text ("" when the socket is gone).
std::string peer_of(const tcp::socket& socket) {
  boost::system::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  return error ? std::string() : endpoint.address().to_string();
}

std::string bearer(const http::request<http::string_body>& request) {
  const auto found = request.find(http::field::authorization);
  if (found == request.end()) return {};
  const std::string_view value(found->value().data(), found->value().size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.substr(0, kPrefix.size()) != kPrefix) return {};
  return std::string(value.substr(kPrefix.size()));
}

// The value of `name` in a target's query string ("/v1/events?token=abc").
std::string query_value(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace

class EventSocket;

struct Host::State {
  State(Game& game_in, HostOptions options_in)
      : game(game_in), options(std::move(options_in)), acceptor(net) {}

  Game& game;
  HostOptions options;
  asio::io_context net;
  asio::io_context game_thread;
  tcp::acceptor acceptor;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> game_work;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> net_work;
  std::vector<std::thread> threads;
  std::optional<asio::steady_timer> tick_timer;
  std::optional<asio::steady_timer> ping_timer;
  World world;
  ServerId server;
  std::string address;
  ListenerId listener = 0;
  bool started = false;
  bool stopped = false;
  std::atomic<bool> stopping = false;
  std::mutex stop_mutex;
  std::condition_variable stop_wanted;
  bool stop_requested = false;

  // The game thread's own: the WebSockets in play, by user.
  std::map<std::string, std::vector<std::shared_ptr<EventSocket>>, std::less<>> sockets;

  void accept();
  void schedule_tick();
  void schedule_ping();
  Reply handle(const http::request<http::string_body>& request);
  void deliver(const Event& event);
  void close_user(const std::string& user, const std::string& reason);
  void recheck_addresses();
  void forget(const std::shared_ptr<EventSocket>& socket, const std::string& reason);
  std::int64_t players() const;
};

// One player's WebSocket: the events that concern them, in commit order.
class EventSocket : public std::enable_shared_from_this<EventSocket> {
 public:
  EventSocket(Host::State& state, tcp::socket&& socket, std::string peer)
      : state_(state), ws_(std::move(socket)), peer_(std::move(peer)) {}

  // Called on the socket's strand: admits the session token (on the game thread), then accepts.
  void open(http::request<http::string_body> request) {
    request_ = std::move(request);
    const std::string token = query_value(request_.target(), "token");
    asio::post(state_.game_thread, [self = shared_from_this(), token] { self->admit(token); });
  }

  // Game thread: queue a text for the client.
  void send(std::string text) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->queue_.push_back(std::move(text));
      self->write_next();
    });
  }

  // Game thread: the host sends the player away.
  void close(std::string reason) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), reason = std::move(reason)] {
      if (self->closing_) return;
      self->closing_ = true;
      self->close_reason_ = reason;
      self->write_next();
    });
  }

  const std::string& user() const { return user_; }

  const std::string& peer() const { return peer_; }

  PlaySessionId session() const { return session_; }

 private:
  // Game thread.
  void admit(const std::string& token) {
    if (state_.stopping) return;
    const Result<PlaySessionView> joined =
        state_.game.servers().join(state_.server, token, peer_.empty() ? "0.0.0.0" : peer_);
    if (!joined) {
      const Reply reply = refusal(http::status::forbidden, joined.refusal(), joined.detail());
      asio::post(ws_.get_executor(), [self = shared_from_this(), reply] { self->refuse(reply); });
      return;
    }
    user_ = joined.value().user.value();
    session_ = joined.value().id;
    state_.sockets[user_].push_back(shared_from_this());
    asio::post(ws_.get_executor(), [self = shared_from_this()] { self->accept(); });
  }

  void refuse(const Reply& reply) {
    auto response = std::make_shared<http::response<http::string_body>>(reply.status, 11);
    response->set(http::field::content_type, "application/json");
    response->keep_alive(false);
    response->body() = reply.body;
    response->prepare_payload();
    http::async_write(beast::get_lowest_layer(ws_), *response,
                      [self = shared_from_this(), response](beast::error_code, std::size_t) {
                        beast::error_code ignored;
                        beast::get_lowest_layer(self->ws_).socket().shutdown(
                            tcp::socket::shutdown_both, ignored);
                      });
  }

  void accept() {
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = state_.options.idle_timeout;
    timeout.idle_timeout = state_.options.idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.text(true);
    ws_.async_accept(request_, [self = shared_from_this()](beast::error_code error) {
      if (error) return self->gone("the connection failed");
      self->accepted_ = true;
      self->write_next();
      self->read();
    });
  }

  // The client sends nothing the host needs; reading notices a close or a vanished client.
  void read() {
    ws_.async_read(incoming_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->gone("left");
      self->incoming_.consume(self->incoming_.size());
      self->read();
    });
  }

  void write_next() {
    if (!accepted_ || writing_ || finished_) return;
    if (queue_.empty()) {
      if (!closing_) return;
      writing_ = true;
      ws_.async_close(websocket::close_reason(websocket::close_code::policy_error, close_reason_),
                      [self = shared_from_this()](beast::error_code) {
                        self->writing_ = false;
                        self->gone(self->close_reason_);
                      });
      return;
    }
    writing_ = true;
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code error, std::size_t) {
                      self->writing_ = false;
                      if (error) return self->gone("left");
                      self->queue_.pop_front();
                      self->write_next();
                    });
  }

  // The socket's strand: the session ends once, on the game thread.
  void gone(const std::string& reason) {
    if (finished_) return;
    finished_ = true;
    asio::post(state_.game_thread,
               [self = shared_from_this(), reason] { self->state_.forget(self, reason); });
  }

  Host::State& state_;
  websocket::stream<beast::tcp_stream> ws_;
  std::string peer_;
  http::request<http::string_body> request_;
  beast::flat_buffer incoming_;
  std::deque<std::string> queue_;
  bool accepted_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
  std::string close_reason_;
  // Set on the game thread before the socket is shared with the hub.
  std::string user_;
  PlaySessionId session_;
};

namespace {

// One HTTP connection: requests read one at a time, each answered before the next is read.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Host::State& state, tcp::socket&& socket)
      : state_(state), stream_(std::move(socket)), peer_(peer_of(stream_.socket())) {
    tokens_ = state_.options.burst;
    refilled_ = std::chrono::steady_clock::now();
  }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(state_.options.max_body);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(state_.options.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::body_limit) {
      return write(
          refusal(http::status::payload_too_large, Refusal::InvalidArgument,
                  fmt::format("A request's body is at most {} bytes.", state_.options.max_body)),
          false);
    }
    // A stopping host answers nothing new: its game thread must run out of work.
    if (error == http::error::end_of_stream || error || state_.stopping) return shut();
    http::request<http::string_body> request = parser_->release();
    if (websocket::is_upgrade(request)) {
      if (request.target().substr(0, 10) != "/v1/events") {
        return write(refusal(http::status::not_found, Refusal::NotFound,
                             "WebSockets open at /v1/events?token=SESSION_TOKEN."),
                     false);
      }
      stream_.expires_never();
      auto socket = std::make_shared<EventSocket>(state_, stream_.release_socket(), peer_);
      return socket->open(std::move(request));
    }
    if (!take_token()) {
      return write(refusal(http::status::too_many_requests, Refusal::NotAllowed,
                           "Too many requests on this connection: slow down."),
                   request.keep_alive());
    }
    const bool keep_alive = request.keep_alive();
    stream_.expires_never();
    asio::post(
        state_.game_thread, [self = shared_from_this(), request = std::move(request), keep_alive] {
          if (self->state_.stopping) return;
          Reply reply = self->state_.handle(request);
          asio::post(self->stream_.get_executor(), [self, reply = std::move(reply), keep_alive] {
            self->write(reply, keep_alive);
          });
        });
  }

  // The connection's token bucket: `burst` requests at once, `rate` a second after that.
  bool take_token() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - refilled_).count();
    refilled_ = now;
    tokens_ = std::min(state_.options.burst, tokens_ + seconds * state_.options.rate);
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

  void write(const Reply& reply, bool keep_alive) {
    auto response = std::make_shared<http::response<http::string_body>>(reply.status, 11);
    response->set(http::field::server, "hearth_host");
    response->set(http::field::content_type, "application/json");
    response->keep_alive(keep_alive);
    response->body() = reply.body;
    response->prepare_payload();
    stream_.expires_after(state_.options.idle_timeout);
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code error, std::size_t) {
                        if (error || !response->keep_alive()) return self->shut();
                        self->read();
                      });
  }

  void shut() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Host::State& state_;
  beast::tcp_stream stream_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  double tokens_ = 0;
  std::chrono::steady_clock::time_point refilled_;
};

}  // namespace

void Host::State::accept() {
  acceptor.async_accept(
      asio::make_strand(net), [this](beast::error_code error, tcp::socket socket) {
        if (error) {
          if (error == asio::error::operation_aborted || stopping) return;
          return accept();
        }
        // Banned addresses and a quarantined server take no connection: asked on the game thread.
        auto shared = std::make_shared<tcp::socket>(std::move(socket));
        asio::post(game_thread, [this, shared] {
          const std::string peer = peer_of(*shared);
          bool refuse = stopping.load() || peer.empty();
          if (!refuse) {
            const auto view = game.servers().server(server);
            refuse = !view || view->quarantined || game.access().is_banned(PlayerId(), peer);
          }
          if (refuse) {
            beast::error_code ignored;
            shared->shutdown(tcp::socket::shutdown_both, ignored);
            shared->close(ignored);
            return;
          }
          auto executor = shared->get_executor();
          asio::post(executor, [this, shared] {
            std::make_shared<Connection>(*this, std::move(*shared))->start();
          });
        });
        accept();
      });
}

std::int64_t Host::State::players() const {
  std::int64_t count = 0;
  for (const auto& [user, list] : sockets) count += static_cast<std::int64_t>(list.size());
  return count;
}

void Host::State::schedule_tick() {
  tick_timer->expires_after(options.tick_interval);
  tick_timer->async_wait([this](beast::error_code error) {
    if (error || stopping) return;
    game.tick();
    schedule_tick();
  });
}

void Host::State::schedule_ping() {
  ping_timer->expires_after(options.ping_interval);
  ping_timer->async_wait([this](beast::error_code error) {
    if (error || stopping) return;
    // The host's own running server: a ping is not refused.
    static_cast<void>(game.servers().ping(server, players()));
    schedule_ping();
  });
}

void Host::State::forget(const std::shared_ptr<EventSocket>& socket, const std::string& reason) {
  const auto found = sockets.find(socket->user());
  if (found == sockets.end()) return;
  auto& list = found->second;
  const auto at = std::find(list.begin(), list.end(), socket);
  if (at == list.end()) return;
  list.erase(at);
  if (list.empty()) sockets.erase(found);
  if (!stopping) {
    // AlreadyDone when the server's stop ended it first.
    static_cast<void>(
        game.servers().end(socket->session(), reason.empty() ? "left" : reason.substr(0, 100)));
  }
}

void Host::State::close_user(const std::string& user, const std::string& reason) {
  const auto found = sockets.find(user);
  if (found == sockets.end()) return;
  for (const auto& socket : found->second) socket->close(reason);
}

void Host::State::recheck_addresses() {
  for (const auto& [user, list] : sockets) {
    for (const auto& socket : list) {
      if (!socket->peer().empty() && game.access().is_banned(PlayerId(), socket->peer())) {
        socket->close("banned");
      }
    }
  }
}

// Game thread, after each commit: the event goes to the actor, the subject and, for an event
// about a team, its members; a ban or the end of a log-in sends the player away.
void Host::State::deliver(const Event& event) {
  if (sockets.empty()) return;
  std::set<std::string> to;
  for (const std::string* who : {&event.actor, &event.subject}) {
    if (!who->empty() && sockets.count(*who) > 0) to.insert(*who);
  }
  if (!event.subject.empty() && sockets.count(event.subject) == 0) {
    if (const auto team = game.teams().find(TeamId(event.subject))) {
      for (const TeamMember& member : team->members) {
        if (sockets.count(member.player.value()) > 0) to.insert(member.player.value());
      }
    }
  }
  const std::string text = json::event(event);
  for (const std::string& user : to) {
    for (const auto& socket : sockets[user]) socket->send(text);
  }
  const std::string_view type = event.type;
  if (type == AccountEvents::kLoggedOutEverywhere || type == AccountEvents::kTokenReused ||
      type == AccountEvents::kDeactivated || type == AccountEvents::kErased) {
    close_user(event.subject, "logged out");
  } else if (type == AccessEvents::kBanned || type == AccessEvents::kPrivilegeWithdrawn ||
             type == AccessEvents::kRoleRevoked) {
    if (event.subject.empty()) {
      recheck_addresses();
    } else if (sockets.count(event.subject) > 0 &&
               !game.access().has(PlayerId(event.subject), "play")) {
      close_user(event.subject, "banned");
    }
  }
}

Reply Host::State::handle(const http::request<http::string_body>& request) {
  const std::string target(request.target());
  const std::string path = target.substr(0, target.find('?'));
  const bool post = request.method() == http::verb::post;
  const bool get = request.method() == http::verb::get;
  try {
    if (get && path == "/v1/server") {
      const auto view = game.servers().server(server);
      return result(
          fmt::format(R"({{"server":{},"game":{},"players":{},"max_players":{},"quarantined":{}}})",
                      server.value(), view->game.value(), players(), view->max_players,
                      view->quarantined ? "true" : "false"));
    }
    if (get && path == "/v1/commands") return result(command_specs_json());
    if (!post) {
      return refusal(http::status::not_found, Refusal::NotFound,
                     fmt::format("There is no {} {}.", std::string(request.method_string()), path));
    }
    if (path == "/v1/register" || path == "/v1/login" || path == "/v1/refresh") {
      const auto body = json::object(request.body());
      if (!body) {
        return refusal(http::status::bad_request, Refusal::InvalidArgument,
                       "The body is not a JSON object.");
      }
      if (path == "/v1/register") {
        NewAccount account;
        account.user.username = json::text(*body, "username").value_or("");
        account.user.email = json::text(*body, "email").value_or("");
        account.password = json::text(*body, "password").value_or("");
        const auto made = game.accounts().register_account(account);
        return outcome_reply(
            made,
            made ? fmt::format(R"({{"user":{}}})", json::quote(made.value().id.value())) : "");
      }
      if (path == "/v1/login") {
        const auto session = game.accounts().log_in(json::text(*body, "name").value_or(""),
                                                    json::text(*body, "password").value_or(""),
                                                    json::text(*body, "code").value_or(""));
        if (!session) return outcome_reply(session, "");
        return result(session_json(session.value()));
      }
      const auto session = game.accounts().refresh(json::text(*body, "refresh_token").value_or(""));
      if (!session) return outcome_reply(session, "");
      return result(session_json(session.value()));
    }
    const std::string token = bearer(request);
    if (token.empty()) {
      return refusal(http::status::unauthorized, Refusal::NotAllowed,
                     "Log in first: the request needs 'Authorization: Bearer ACCESS_TOKEN'.");
    }
    const Result<PlayerId> user = game.accounts().authenticate(token);
    if (path == "/v1/logout") {
      const Outcome ended = game.accounts().log_out(token);
      if (ended && user) close_user(user.value().value(), "logged out");
      return outcome_reply(ended, "null");
    }
    if (!user) return refusal(http::status::unauthorized, user.refusal(), user.detail());
    if (path == "/v1/play") {
      std::int64_t character = 0;
      if (!request.body().empty()) {
        const auto body = json::object(request.body());
        if (!body) {
          return refusal(http::status::bad_request, Refusal::InvalidArgument,
                         "The body is not a JSON object.");
        }
        character = json::integer(*body, "character").value_or(0);
      }
      if (character == 0) {
        if (Outcome made = world.ensure_character(game, user.value()); !made) {
          return refusal(http::status::ok, made.refusal(), made.detail());
        }
      }
      const auto ticket = game.servers().play(user.value(), server, character);
      if (!ticket) return outcome_reply(ticket, "");
      return result(fmt::format(R"({{"session":{},"token":{},"character":{},"expires_at":{}}})",
                                ticket.value().session.value(), json::quote(ticket.value().token),
                                ticket.value().character, ticket.value().expires_at));
    }
    constexpr std::string_view kCommands = "/v1/commands/";
    if (path.rfind(kCommands, 0) == 0) {
      if (sockets.count(user.value().value()) == 0) {
        return refusal(http::status::forbidden, Refusal::NotAllowed,
                       "Play first: commands are made in a play session (POST /v1/play, then "
                       "open /v1/events).");
      }
      const std::string name = path.substr(kCommands.size());
      return answer(run_command(game, user.value(), name, request.body()));
    }
    return refusal(http::status::not_found, Refusal::NotFound,
                   fmt::format("There is no POST {}.", path));
  } catch (const Error& error) {
    return refusal(http::status::internal_server_error, Refusal::NotAllowed,
                   fmt::format("The host failed: {}", error.what()));
  }
}

// Runs `context` until it stops. An error escaping a handler (the file failing under a command,
// say) is reported on stderr and the thread goes on serving: one bad request does not take the
// host down.
void serve(asio::io_context& context) {
  while (true) {
    try {
      context.run();
      return;
    } catch (const std::exception& error) {
      fmt::print(stderr, "hearth_host: {}\n", error.what());
    }
  }
}

Host::Host(Game& game, HostOptions options)
    : state_(std::make_unique<State>(game, std::move(options))) {
  State& state = *state_;
  const auto endpoint = endpoint_of(state.options.listen);
  if (!endpoint) {
    throw Error(ErrorKind::Usage,
                fmt::format("'{}' is not ADDR:PORT (\"127.0.0.1:7777\", \"[::1]:0\").",
                            state.options.listen));
  }
  if (state.options.io_threads < 1 || state.options.rate <= 0 || state.options.burst < 1 ||
      state.options.max_body < 1 || state.options.max_players < 1) {
    throw Error(
        ErrorKind::Usage,
        "Host options: io_threads, rate, burst, max_body and max_players must be positive.");
  }
  boost::system::error_code error;
  state.acceptor.open(endpoint->protocol(), error);
  if (!error) state.acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) state.acceptor.bind(*endpoint, error);
  if (!error) state.acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw Error(ErrorKind::System,
                fmt::format("Cannot listen on {}: {}", state.options.listen, error.message()));
  }
  const tcp::endpoint bound = state.acceptor.local_endpoint();
  state.address = address_text(bound);
  state.world = World::prepare(game, state.options.owner, state.options.max_players);
  NewServer record;
  record.owner = state.world.owner;
  record.game = state.world.game;
  record.socket_host = bound.address().to_string();
  record.socket_port = bound.port();
  record.api_url = "http://" + state.address;
  record.info.name = "hearth_host";
  record.info.version = "0.1.0";
  record.info.max_players = state.options.max_players;
  const auto started = game.servers().start(record);
  if (!started) {
    throw Error(ErrorKind::Usage,
                fmt::format("The host cannot record its server: {}", started.detail()));
  }
  state.server = started.value().server.id;
  state.listener = game.on_event([&state](const Event& event) { state.deliver(event); });
}

Host::~Host() { stop(); }

std::string Host::address() const { return state_->address; }

ServerId Host::server() const { return state_->server; }

void Host::with_game(const std::function<void(Game&)>& work) {
  State& state = *state_;
  if (!state.started || state.stopped) return work(state.game);
  std::promise<void> done;
  asio::post(state.game_thread, [&] {
    try {
      work(state.game);
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  done.get_future().get();
}

void Host::start() {
  State& state = *state_;
  if (state.started) return;
  state.started = true;
  state.game_work.emplace(state.game_thread.get_executor());
  state.net_work.emplace(state.net.get_executor());
  state.tick_timer.emplace(state.game_thread);
  state.ping_timer.emplace(state.game_thread);
  state.schedule_tick();
  state.schedule_ping();
  state.accept();
  state.threads.emplace_back([&state] { serve(state.game_thread); });
  for (int i = 0; i < state.options.io_threads; ++i) {
    state.threads.emplace_back([&state] { serve(state.net); });
  }
}

void Host::run() {
  start();
  State& state = *state_;
  asio::signal_set signals(state.net, SIGINT, SIGTERM);
  signals.async_wait([&state](beast::error_code error, int) {
    if (error) return;
    std::lock_guard lock(state.stop_mutex);
    state.stop_requested = true;
    state.stop_wanted.notify_all();
  });
  {
    std::unique_lock lock(state.stop_mutex);
    state.stop_wanted.wait(lock, [&state] { return state.stop_requested; });
  }
  signals.cancel();
  stop();
}

void Host::stop() {
  State& state = *state_;
  {
    std::lock_guard lock(state.stop_mutex);
    if (state.stopped) return;
    state.stopped = true;
    state.stop_requested = true;
    state.stop_wanted.notify_all();
  }
  if (!state.started) {
    state.game.remove_listener(state.listener);
    static_cast<void>(state.game.servers().stop(state.server));
    return;
  }
  // No new connections; then, after every request already handed to the game thread, the
  // sessions end with the server and the game thread finishes.
  asio::post(state.net, [&state] {
    beast::error_code ignored;
    state.acceptor.close(ignored);
  });
  asio::post(state.game_thread, [&state] {
    state.stopping = true;
    state.tick_timer->cancel();
    state.ping_timer->cancel();
    for (const auto& [user, list] : state.sockets) {
      for (const auto& socket : list) socket->close("the host stopped");
    }
    state.sockets.clear();
    state.game.remove_listener(state.listener);
    static_cast<void>(state.game.servers().stop(state.server));
    state.game_work.reset();
  });
  state.threads.front().join();
  // The closes just queued get a moment to reach the clients, then the I/O threads stop.
  asio::steady_timer grace(state.net, std::chrono::milliseconds(200));
  grace.async_wait([&state](beast::error_code) {
    state.net_work.reset();
    state.net.stop();
  });
  for (std::size_t i = 1; i < state.threads.size(); ++i) state.threads[i].join();
  state.threads.clear();
}

}  // namespace hearth::host

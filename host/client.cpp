#include "hearth/host/client.h"

#include <fmt/core.h>

#include "hearth/core/error.h"
#include "host/asio.h"
#include "host/json.h"

namespace hearth::host {

namespace {

std::optional<Refusal> refusal_named(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(Refusal::Banned); ++i) {
    if (to_string(static_cast<Refusal>(i)) == name) return static_cast<Refusal>(i);
  }
  return std::nullopt;
}

// An answer's body ({"ok":…}) as a CommandAnswer; a body that is not one is the host failing.
CommandAnswer answer_of(int status, const std::string& body) {
  CommandAnswer answer;
  const auto document = json::object(body);
  const auto ok = document ? document->FindMember("ok") : rapidjson::Value::ConstMemberIterator();
  if (!document || ok == document->MemberEnd() || !ok->value.IsBool()) {
    throw Error(ErrorKind::System,
                fmt::format("The host answered {} with what is not an answer: {}", status,
                            body.substr(0, 200)));
  }
  if (ok->value.GetBool()) {
    answer.result = json::raw(*document, "result");
    return answer;
  }
  answer.refusal =
      refusal_named(json::text(*document, "refusal").value_or("")).value_or(Refusal::NotAllowed);
  answer.detail = json::text(*document, "detail").value_or("");
  return answer;
}

Outcome outcome_of(const CommandAnswer& answer) {
  if (answer.ok()) return {};
  return Outcome::refused(answer.refusal, answer.detail);
}

}  // namespace

struct Client::State {
  asio::io_context io;
  tcp::endpoint endpoint;
  std::string host;
  beast::tcp_stream http{io};
  std::optional<websocket::stream<beast::tcp_stream>> ws;
  beast::flat_buffer incoming;
  bool reading = false;
  std::optional<std::string> arrived;  // a frame read while nobody waited
  bool closed = false;
  std::string close_reason;
  std::optional<RemoteSession> session;
};

Client::Client(const std::string& address) : state_(std::make_unique<State>()) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) {
    throw Error(ErrorKind::Usage, fmt::format("'{}' is not ADDR:PORT.", address));
  }
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  boost::system::error_code error;
  const auto ip = asio::ip::make_address(host, error);
  int port = 0;
  try {
    port = std::stoi(address.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (error || port < 1 || port > 65535) {
    throw Error(ErrorKind::Usage, fmt::format("'{}' is not ADDR:PORT.", address));
  }
  state_->endpoint = tcp::endpoint(ip, static_cast<unsigned short>(port));
  state_->host = address;
  state_->http.connect(state_->endpoint, error);
  if (error) {
    throw Error(ErrorKind::System,
                fmt::format("Cannot connect to {}: {}", address, error.message()));
  }
}

Client::~Client() {
  beast::error_code ignored;
  if (state_->ws && state_->ws->is_open())
    state_->ws->close(websocket::close_code::normal, ignored);
  state_->http.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

std::pair<int, std::string> Client::request(const std::string& method, const std::string& target,
                                            const std::string& body) {
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, state_->host);
  request.set(http::field::content_type, "application/json");
  if (state_->session) {
    request.set(http::field::authorization, "Bearer " + state_->session->access_token);
  }
  request.keep_alive(true);
  request.body() = body;
  request.prepare_payload();
  beast::error_code error;
  // A connection the host closed while idle is opened again; a request it never received is
  // sent again. An answer lost after sending is an error: the command may have happened.
  // A connection the host closed while it sat idle (its keep-alive timeout) reads as the end of
  // the stream before anything is sent: it is opened again first.
  if (state_->http.socket().is_open()) {
    tcp::socket& socket = state_->http.socket();
    char probe = 0;
    socket.non_blocking(true, error);
    socket.receive(asio::buffer(&probe, 1), tcp::socket::message_peek, error);
    if (error != asio::error::would_block) {
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      socket.non_blocking(false, error);
    }
    error = {};
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!state_->http.socket().is_open()) state_->http.connect(state_->endpoint, error);
    if (!error) http::write(state_->http, request, error);
    if (!error) break;
    beast::error_code ignored;
    state_->http.socket().close(ignored);
    error = {};
    if (attempt == 1) {
      throw Error(ErrorKind::System, fmt::format("Cannot reach the host {}.", state_->host));
    }
  }
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(state_->http, buffer, response, error);
  if (error) {
    beast::error_code ignored;
    state_->http.socket().close(ignored);
    throw Error(ErrorKind::System,
                fmt::format("The host {} did not answer: {}", state_->host, error.message()));
  }
  if (!response.keep_alive()) {
    beast::error_code ignored;
    state_->http.socket().close(ignored);
  }
  return {static_cast<int>(response.result_int()), response.body()};
}

Result<std::string> Client::register_account(const std::string& username, const std::string& email,
                                             const std::string& password) {
  const auto [status, body] =
      request("POST", "/v1/register",
              fmt::format(R"({{"username":{},"email":{},"password":{}}})", json::quote(username),
                          json::quote(email), json::quote(password)));
  const CommandAnswer answer = answer_of(status, body);
  if (!answer.ok()) return outcome_of(answer);
  const auto result = json::object(answer.result);
  return result ? json::text(*result, "user").value_or("") : std::string();
}

Result<RemoteSession> Client::log_in(const std::string& name, const std::string& password,
                                     const std::string& code) {
  const auto [status, body] =
      request("POST", "/v1/login",
              fmt::format(R"({{"name":{},"password":{},"code":{}}})", json::quote(name),
                          json::quote(password), json::quote(code)));
  const CommandAnswer answer = answer_of(status, body);
  if (!answer.ok()) return outcome_of(answer);
  const auto result = json::object(answer.result);
  RemoteSession session;
  if (result) {
    session.user = json::text(*result, "user").value_or("");
    session.access_token = json::text(*result, "access_token").value_or("");
    session.refresh_token = json::text(*result, "refresh_token").value_or("");
  }
  state_->session = session;
  return session;
}

Outcome Client::log_out() {
  const auto [status, body] = request("POST", "/v1/logout");
  return outcome_of(answer_of(status, body));
}

Outcome Client::play(std::int64_t character) {
  const auto [status, body] =
      request("POST", "/v1/play", fmt::format(R"({{"character":{}}})", character));
  const CommandAnswer answer = answer_of(status, body);
  if (!answer.ok()) return outcome_of(answer);
  const auto ticket = json::object(answer.result);
  const std::string token = ticket ? json::text(*ticket, "token").value_or("") : "";
  state_->ws.emplace(state_->io);
  state_->closed = false;
  state_->close_reason.clear();
  beast::error_code error;
  beast::get_lowest_layer(*state_->ws).connect(state_->endpoint, error);
  if (error) {
    throw Error(ErrorKind::System,
                fmt::format("Cannot connect to {}: {}", state_->host, error.message()));
  }
  websocket::response_type response;
  state_->ws->handshake(response, state_->host, "/v1/events?token=" + token, error);
  if (error) {
    state_->ws.reset();
    if (response.result_int() != 101 && !response.body().empty()) {
      return outcome_of(answer_of(static_cast<int>(response.result_int()), response.body()));
    }
    throw Error(ErrorKind::System, fmt::format("The host {} refused the WebSocket: {}",
                                               state_->host, error.message()));
  }
  return {};
}

CommandAnswer Client::call(const std::string& command, const std::string& arguments_json) {
  const auto [status, body] = request("POST", "/v1/commands/" + command, arguments_json);
  return answer_of(status, body);
}

std::optional<Event> Client::next_event(std::chrono::milliseconds wait) {
  State& state = *state_;
  if (!state.ws || state.closed) return std::nullopt;
  if (!state.reading) {
    state.reading = true;
    state.ws->async_read(state.incoming, [&state](beast::error_code error, std::size_t) {
      state.reading = false;
      if (error) {
        state.closed = true;
        const auto& reason = state.ws->reason().reason;
        state.close_reason = std::string(reason.data(), reason.size());
        if (state.close_reason.empty()) state.close_reason = error.message();
        return;
      }
      state.arrived = beast::buffers_to_string(state.incoming.data());
      state.incoming.consume(state.incoming.size());
    });
  }
  state.io.restart();
  state.io.poll();  // what has arrived already, even with no time to wait
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!state.arrived && !state.closed && std::chrono::steady_clock::now() < deadline) {
    state.io.run_one_until(deadline);
  }
  if (!state.arrived) return std::nullopt;
  const std::string text = std::move(*state.arrived);
  state.arrived.reset();
  return json::event(text);
}

bool Client::closed() const { return state_->closed; }

std::string Client::close_reason() const { return state_->close_reason; }

const std::optional<RemoteSession>& Client::session() const { return state_->session; }

}  // namespace hearth::host

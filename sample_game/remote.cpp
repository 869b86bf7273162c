#include "sample_game/remote.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/core.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sample_game/text.h"

#include "hearth/core/error.h"
#include "hearth/host/client.h"

namespace hearth::sample_game {

namespace {

constexpr auto kAwait = std::chrono::seconds(30);

// `text` as a JSON string.
std::string quote(const std::string& text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

rapidjson::Document parsed(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  return document;
}

std::string text_of(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) return {};
  return found->value.GetString();
}

std::int64_t number_of(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return 0;
  return found->value.GetInt64();
}

// A player on the host's world, playing through a Client.
class Remote {
 public:
  explicit Remote(const std::string& address) : client_(address) {}

  // Runs one line; false once the player quits.
  bool run(const std::string& line) {
    const std::vector<std::string> words = split_words(line);
    if (words.empty() || words[0][0] == '#') return true;
    const std::string verb = lower(words[0]);
    if (verb == "quit" || verb == "exit") return false;
    if (verb == "help") {
      help();
    } else if ((verb == "register" || verb == "login") && words.size() == 3) {
      enter(verb == "register", words[1], words[2]);
    } else if (!playing_) {
      fmt::print("Log in first: `login NAME PASSWORD` (or `register NAME PASSWORD`).\n");
    } else if (verb == "where" && words.size() == 1) {
      where();
    } else if (verb == "who" && words.size() == 1) {
      who();
    } else if (verb == "tell" && words.size() >= 3) {
      tell(words[1], join_words(words, 2));
    } else if (verb == "inbox" && words.size() == 1) {
      inbox(5);
    } else if (verb == "friend" && words.size() == 2) {
      relate("relations.request_friend", words[1], "Asked {} to be friends.");
    } else if (verb == "accept" && words.size() == 2) {
      relate("relations.accept", words[1], "You and {} are friends now.");
    } else if (verb == "turns" && words.size() == 1) {
      turns();
    } else if (verb == "await" && words.size() == 2) {
      await(lower(words[1]));
    } else {
      fmt::print("Unknown command '{}'. Type `help` for the list.\n", line);
    }
    show_events();
    return true;
  }

  std::string prompt() const { return playing_ ? name_ + "@host> " : "host> "; }

 private:
  void help() {
    fmt::print(
        "register NAME PASSWORD   a new pilot on the host, then play\n"
        "login NAME PASSWORD      play as a pilot of the host\n"
        "where, who               your sector; who else is in it\n"
        "tell NAME TEXT           a message to another pilot\n"
        "inbox                    your latest messages\n"
        "friend NAME, accept NAME a friend request; accepting one\n"
        "turns                    your turns\n"
        "await message|friend     wait (up to 30 s) until another pilot's action reaches you\n"
        "quit\n");
  }

  // The answer's sentence when refused; true when it went through.
  static bool said(const CommandAnswer& answer) {
    if (!answer.ok()) fmt::print("{}\n", answer.detail);
    return answer.ok();
  }

  void enter(bool new_pilot, const std::string& name, const std::string& password) {
    if (new_pilot) {
      const auto made = client_.register_account(name, "", password);
      if (!made) return static_cast<void>(fmt::print("{}\n", made.detail()));
    }
    const auto session = client_.log_in(name, password);
    if (!session) return static_cast<void>(fmt::print("{}\n", session.detail()));
    const Outcome played = client_.play();
    if (!played) return static_cast<void>(fmt::print("{}\n", played.detail()));
    playing_ = true;
    name_ = name;
    fmt::print("Playing as {} on the host.\n", name);
  }

  std::string id_of(const std::string& name) {
    const CommandAnswer found =
        client_.call("players.find", fmt::format(R"({{"username":{}}})", quote(name)));
    if (!said(found)) return {};
    return text_of(parsed(found.result), "id");
  }

  std::string name_of(const std::string& id) {
    if (id.empty()) return "the host";
    const CommandAnswer found =
        client_.call("players.find", fmt::format(R"({{"id":{}}})", quote(id)));
    return found.ok() ? text_of(parsed(found.result), "username") : id;
  }

  std::int64_t sector() {
    const CommandAnswer where = client_.call("locations.where");
    return where.ok() ? number_of(parsed(where.result), "sector") : 0;
  }

  void where() { fmt::print("You are in sector {}.\n", sector()); }

  void who() {
    const std::int64_t here = sector();
    const CommandAnswer found =
        client_.call("locations.players_in", fmt::format(R"({{"sector":{}}})", here));
    if (!said(found)) return;
    std::vector<std::string> names;
    const auto players = parsed(found.result);
    for (const auto& player : players.GetArray()) {
      names.push_back(text_of(player, "username"));
    }
    std::sort(names.begin(), names.end());
    fmt::print("In sector {}: {}.\n", here, fmt::join(names, ", "));
  }

  void tell(const std::string& name, const std::string& text) {
    const std::string to = id_of(name);
    if (to.empty()) return;
    const CommandAnswer sent = client_.call(
        "messages.send", fmt::format(R"({{"to":{},"content":{}}})", quote(to), quote(text)));
    if (said(sent)) fmt::print("Sent to {}.\n", name);
  }

  void inbox(int limit) {
    const CommandAnswer page =
        client_.call("messages.inbox", fmt::format(R"({{"limit":{}}})", limit));
    if (!said(page)) return;
    const auto messages = parsed(page.result);
    if (messages.GetArray().Empty()) fmt::print("No messages.\n");
    for (const auto& message : messages.GetArray()) {
      fmt::print("{}: {}\n", text_of(message, "sender_name"), text_of(message, "content"));
    }
  }

  void relate(const char* command, const std::string& name, const char* done) {
    const std::string id = id_of(name);
    if (id.empty()) return;
    if (said(client_.call(command, fmt::format(R"({{"user":{}}})", quote(id))))) {
      fmt::print(fmt::runtime(done), name);
      fmt::print("\n");
    }
  }

  void turns() {
    const CommandAnswer budget = client_.call("turns.budget");
    if (!said(budget)) return;
    const auto value = parsed(budget.result);
    fmt::print("Turns: {} of {}.\n", number_of(value, "available"), number_of(value, "cap"));
  }

  // What another pilot's event says to this one; "" for what needs no line.
  std::string describe(const Event& event) {
    if (event.actor == client_.session()->user) return {};
    if (event.type == "message.sent") {
      const CommandAnswer page = client_.call("messages.inbox", R"({"limit":1})");
      if (!page.ok()) return {};
      const auto messages = parsed(page.result);
      if (messages.GetArray().Empty()) return {};
      const auto& newest = messages.GetArray()[0];
      return fmt::format("{} says: {}", text_of(newest, "sender_name"), text_of(newest, "content"));
    }
    if (event.type == "relation.friend_requested") {
      return fmt::format("{} wants to be your friend (`accept {}`).", name_of(event.actor),
                         name_of(event.actor));
    }
    if (event.type == "relation.befriended") {
      return fmt::format("{} and you are friends now.", name_of(event.actor));
    }
    return fmt::format("{} ({})", event.type, name_of(event.actor));
  }

  void show_events() {
    if (!playing_) return;
    while (const auto event = client_.next_event(std::chrono::milliseconds(0))) {
      if (const std::string line = describe(*event); !line.empty()) fmt::print("* {}\n", line);
    }
    closed();
  }

  // Waits for another pilot's message or friend request and prints it.
  void await(const std::string& kind) {
    const std::string type = kind == "message" ? "message.sent" : "relation.friend_requested";
    if (kind != "message" && kind != "friend") {
      return static_cast<void>(fmt::print("Await `message` or `friend`.\n"));
    }
    const auto until = std::chrono::steady_clock::now() + kAwait;
    while (std::chrono::steady_clock::now() < until && !closed()) {
      const auto event = client_.next_event(std::chrono::milliseconds(250));
      if (!event || event->actor == client_.session()->user) continue;
      const std::string line = describe(*event);
      if (!line.empty()) fmt::print("* {}\n", line);
      if (event->type == type) return;
    }
    fmt::print("Nothing came.\n");
  }

  // True (once said) when the host ended the play session.
  bool closed() {
    if (!client_.closed() || !playing_) return !playing_;
    playing_ = false;
    fmt::print("The host ended the session: {}.\n", client_.close_reason());
    return true;
  }

  host::Client client_;
  bool playing_ = false;
  std::string name_;
};

}  // namespace

int play_remote(const std::string& address, std::istream& in, bool interactive) {
  try {
    Remote remote(address);
    fmt::print("Hearth sample game - connected to {}\n", address);
    fmt::print(
        "Log in with `login NAME PASSWORD`, or `register NAME PASSWORD`; `help` lists the rest.\n");
    std::string line;
    while (true) {
      fmt::print("{}", remote.prompt());
      std::fflush(stdout);
      if (!std::getline(in, line)) {
        fmt::print("\n");
        break;
      }
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!interactive) fmt::print("{}\n", line);
      if (!remote.run(line)) break;
      std::fflush(stdout);
    }
  } catch (const Error& error) {
    fmt::print(stderr, "The host {} failed: {}\n", address, error.what());
    return 1;
  }
  return 0;
}

}  // namespace hearth::sample_game

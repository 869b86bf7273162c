// The registry of player commands: each described once and run from JSON arguments. A new player
// command is one entry here (and one line in docs/commands.md).
#include "hearth/core/commands.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <variant>

#include <fmt/core.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/core/access.h"
#include "engine/core/command.h"
#include "engine/core/command_log.h"
#include "engine/core/payload.h"
#include "engine/identity/access_internal.h"

#include "hearth/catalog/catalog.h"
#include "hearth/economy/inventory.h"
#include "hearth/economy/ledger.h"
#include "hearth/economy/loot.h"
#include "hearth/game.h"
#include "hearth/identity/cases.h"
#include "hearth/identity/players.h"
#include "hearth/onboarding/onboarding.h"
#include "hearth/progression/classes.h"
#include "hearth/progression/levels.h"
#include "hearth/progression/quests.h"
#include "hearth/progression/rewards.h"
#include "hearth/progression/turns.h"
#include "hearth/social/messages.h"
#include "hearth/social/relations.h"
#include "hearth/social/teams.h"
#include "hearth/standing/team_reputation.h"
#include "hearth/world/locations.h"

namespace hearth {

std::string_view to_string(ArgumentType type) {
  switch (type) {
    case ArgumentType::Text:
      return "text";
    case ArgumentType::Integer:
      return "integer";
    case ArgumentType::Boolean:
      return "boolean";
    case ArgumentType::Json:
      return "json";
  }
  return "text";
}

std::string CommandAnswer::to_json() const {
  if (ok()) return R"({"ok":true,"result":)" + result + "}";
  return Payload().add("ok", false).add("refusal", to_string(refusal)).add("detail", detail).str();
}

namespace {

// A command's arguments, checked against its spec: each value kept as text (an integer in
// decimal, a boolean as "1" or "0").
class Arguments {
 public:
  bool has(std::string_view name) const { return values_.find(name) != values_.end(); }

  std::string text(std::string_view name) const {
    const auto found = values_.find(name);
    return found == values_.end() ? std::string() : found->second;
  }

  std::int64_t integer(std::string_view name, std::int64_t otherwise = 0) const {
    return has(name) ? std::stoll(text(name)) : otherwise;
  }

  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

using Runner = CommandAnswer (*)(Game&, const PlayerId&, const Arguments&);

struct Entry {
  CommandSpec spec;
  Runner run;
};

CommandAnswer refused(Refusal refusal, std::string detail) {
  CommandAnswer answer;
  answer.refusal = refusal;
  answer.detail = std::move(detail);
  return answer;
}

CommandAnswer answer(const Outcome& outcome) {
  if (!outcome) return refused(outcome.refusal(), outcome.detail());
  return {};
}

// The answer of a command that yields a value: the value as JSON through `write`.
template <class T, class Write>
CommandAnswer answer(const Result<T>& result, Write write) {
  if (!result) return refused(result.refusal(), result.detail());
  CommandAnswer ok;
  ok.result = write(result.value());
  return ok;
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& value : values) {
    if (out.size() > 1) out += ',';
    out += Payload::quote(value);
  }
  return out + "]";
}

std::string xp_json(const XpAward& award) {
  return Payload()
      .add("amount", award.amount)
      .add("xp", award.xp)
      .add("level", award.level)
      .add("levels_gained", award.levels_gained)
      .str();
}

std::string drop_json(const DropView& drop) {
  return Payload()
      .add("id", drop.id)
      .add("channel", drop.channel)
      .add("amount", drop.amount)
      .add("currency", drop.currency.value())
      .add("expires_at", drop.expires_at)
      .add("claimed_by", drop.claimed_by.value())
      .str();
}

std::string case_json(const CaseView& entry) {
  return Payload()
      .add("id", entry.id)
      .add("type", to_string(entry.type))
      .add("user", entry.user.value())
      .add("active", entry.active)
      .add("ban", entry.ban.value())
      .str();
}

std::optional<CaseType> case_type(const std::string& text) {
  for (CaseType type :
       {CaseType::Warn, CaseType::Timeout, CaseType::Kick, CaseType::Ban, CaseType::Note}) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

// A role a leader may give (not LEADER: that is transfer_leadership).
std::optional<TeamRole> team_role(const std::string& text) {
  for (TeamRole role : {TeamRole::Officer, TeamRole::Member, TeamRole::Recruit}) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

std::optional<AggregationMethod> aggregation(const std::string& text) {
  for (AggregationMethod method :
       {AggregationMethod::Average, AggregationMethod::Lowest, AggregationMethod::Leader}) {
    if (to_string(method) == text) return method;
  }
  return std::nullopt;
}

std::string invitation_json(const TeamInvitation& invitation) {
  return Payload()
      .add("code", invitation.code)
      .add("team", invitation.team.value())
      .add("expires_at", invitation.expires_at)
      .add("max_uses", invitation.max_uses)
      .str();
}

std::string_view step_name(OnboardingStep step) {
  switch (step) {
    case OnboardingStep::ShipSelection:
      return "ship_selection";
    case OnboardingStep::Dialogue:
      return "dialogue";
    case OnboardingStep::Completion:
      return "completion";
  }
  return "ship_selection";
}

// A session as a player's client needs it: the ships, the question waiting, the outcome.
std::string session_json(const OnboardingSession& session) {
  std::string pending = "null";
  for (const DialogueExchangeView& exchange : session.history) {
    if (exchange.id == session.pending_exchange_id) {
      pending = Payload().add("id", exchange.id.value()).add("question", exchange.question).str();
    }
  }
  std::string outcome = "null";
  if (session.outcome) {
    outcome = Payload()
                  .add("result", to_string(session.outcome->result))
                  .add("awarded_ship", session.outcome->awarded_ship)
                  .add("starting_credits", session.outcome->starting_credits)
                  .str();
  }
  return Payload()
      .add("id", session.id)
      .add("step", step_name(session.step))
      .raw("offered_ships", quoted_list(session.offered_ships))
      .add("claimed_ship", session.claimed_ship)
      .raw("pending_exchange", pending)
      .raw("outcome", outcome)
      .str();
}

std::string reply_json(const DialogueReply& reply) {
  return Payload()
      .add("end", to_string(reply.end))
      .add("suspicion", reply.scored.suspicion)
      .add("believability", reply.scored.believability)
      .raw("session", session_json(reply.session))
      .str();
}

// A read a player makes is checked as a command would be: `privilege` is needed.
Outcome may(Game& game, const PlayerId& actor, std::string_view privilege) {
  return core_of(game).read(
      [&](Reader& reader) { return access::require(reader, actor, privilege); });
}

std::string player_json(const PlayerView& player) {
  return Payload()
      .add("id", player.id.value())
      .add("username", player.username)
      .add("display_name", player.display_name)
      .str();
}

std::string message_json(Game& game, const MessageView& message) {
  const auto sender = game.players().find(message.sender);
  return Payload()
      .add("id", message.id)
      .add("sender", message.sender.value())
      .add("sender_name", sender ? sender->username : std::string())
      .add("team", message.team.value())
      .add("subject", message.subject)
      .add("content", message.content)
      .add("sent_at", message.sent_at)
      .add("read", message.read_at.has_value())
      .str();
}

// A word of the catalog's vocabulary ("hat", "private"...) as its enum value.
template <class Enum, std::size_t N>
std::optional<Enum> word(const std::string& text, const std::array<Enum, N>& all) {
  for (Enum value : all) {
    if (to_string(value) == text) return value;
  }
  return std::nullopt;
}

constexpr std::array kContentTypes = {
    ContentType::Content, ContentType::Character,  ContentType::Hat,   ContentType::Accessory,
    ContentType::Front,   ContentType::Back,       ContentType::Tool,  ContentType::Mesh,
    ContentType::Texture, ContentType::GameObject, ContentType::Sound, ContentType::Animation,
    ContentType::Comment, ContentType::Status,     ContentType::Game,  ContentType::World};
constexpr std::array kPrivacies = {Privacy::Public, Privacy::Friends, Privacy::Unlisted,
                                   Privacy::Private};

std::optional<PropertyType> property_type(const std::string& text) {
  static constexpr std::array<std::pair<std::string_view, PropertyType>, 7> kNames = {{
      {"string", PropertyType::String},
      {"integer", PropertyType::Integer},
      {"number", PropertyType::Number},
      {"boolean", PropertyType::Boolean},
      {"color", PropertyType::Color},
      {"content", PropertyType::Content},
      {"json", PropertyType::Json},
  }};
  for (const auto& [name, type] : kNames) {
    if (name == text) return type;
  }
  return std::nullopt;
}

std::string_view status_name(TradeStatus status) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "SENT", "OPENED", "CONFIRMED", "REJECTED", "CANCELLED", "RETURNED_TO_SENDER", "EXPIRED"};
  return kNames[static_cast<std::size_t>(status)];
}

std::string ownership_json(const OwnershipView& ownership) {
  return Payload()
      .add("ownership", ownership.id.value())
      .add("content", ownership.content.value())
      .add("serial", ownership.serial.value_or(0))
      .str();
}

std::string trade_json(const TradeView& trade) {
  return Payload()
      .add("id", trade.id)
      .add("status", status_name(trade.status))
      .add("expires_at", trade.expires_at)
      .str();
}

// One side of a trade from {"ownerships":[id…], "items":[{"item","quantity"}…],
// "money":[{"currency","amount"}…]} (every member optional); nullopt for any other shape.
std::optional<TradeSide> trade_side(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  TradeSide side;
  const auto integer_of = [](const rapidjson::Value& object, const char* name, std::int64_t& out) {
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd() || !found->value.IsInt64()) return false;
    out = found->value.GetInt64();
    return true;
  };
  for (const auto& member : document.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsArray()) return std::nullopt;
    for (const auto& leg : member.value.GetArray()) {
      std::int64_t a = 0;
      std::int64_t b = 0;
      if (name == "ownerships" && leg.IsInt64()) {
        side.ownerships.emplace_back(leg.GetInt64());
      } else if (name == "items" && leg.IsObject() && leg.MemberCount() == 2 &&
                 integer_of(leg, "item", a) && integer_of(leg, "quantity", b)) {
        side.items.emplace_back(ItemId(a), b);
      } else if (name == "money" && leg.IsObject() && leg.MemberCount() == 2 &&
                 integer_of(leg, "currency", a) && integer_of(leg, "amount", b)) {
        side.money.push_back({CurrencyId(a), b});
      } else {
        return std::nullopt;
      }
    }
  }
  return side;
}

constexpr auto kText = ArgumentType::Text;
constexpr auto kInteger = ArgumentType::Integer;
constexpr auto kBoolean = ArgumentType::Boolean;
constexpr auto kJson = ArgumentType::Json;

// The catalog's player commands: content, its sale and reception, characters, trades.
const std::vector<Entry>& catalog_entries() {
  static const std::vector<Entry> all = {
      {{"catalog.create",
        "community",
        {{"type", kText, true,
          "content, character, hat, accessory, front, back, tool, mesh, texture, gameobject, "
          "sound, animation, comment, status, game, world; each needs its create privilege "
          "(community for comment and status)"},
         {"name", kText, true, "1 to 255 characters"},
         {"description", kText, false, "at most 10,000 characters"},
         {"parent", kInteger, false, "what a comment is on"},
         {"privacy", kText, false, "public (the default), friends, unlisted, private"}},
        "{id}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto type = word(args.text("type"), kContentTypes);
         if (!type) {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a content type.", args.text("type")));
         }
         NewContent content;
         content.author = actor;
         content.type = *type;
         content.name = args.text("name");
         content.description = args.text("description");
         content.parent = ContentId(args.integer("parent"));
         if (args.has("privacy")) {
           const auto privacy = word(args.text("privacy"), kPrivacies);
           if (!privacy) {
             return refused(Refusal::InvalidArgument,
                            fmt::format("'{}' is not a privacy.", args.text("privacy")));
           }
           content.privacy = *privacy;
         }
         return answer(game.catalog().create(content), [](const ContentView& made) {
           return Payload().add("id", made.id.value()).str();
         });
       }},
      {{"catalog.edit",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"name", kText, true, "1 to 255 characters"},
         {"description", kText, false, "at most 10,000 characters"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().edit(actor, ContentId(args.integer("content")),
                                           args.text("name"), args.text("description")));
       }},
      {{"catalog.publish",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"published", kBoolean, true, "true to publish, false to withdraw"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().publish(actor, ContentId(args.integer("content")),
                                              args.integer("published") != 0));
       }},
      {{"catalog.set_privacy",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"privacy", kText, true, "public, friends, unlisted, private"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto privacy = word(args.text("privacy"), kPrivacies);
         if (!privacy) {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a privacy.", args.text("privacy")));
         }
         return answer(
             game.catalog().set_privacy(actor, ContentId(args.integer("content")), *privacy));
       }},
      {{"catalog.set_on_sale",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"on_sale", kBoolean, true, "true to sell it"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().set_on_sale(actor, ContentId(args.integer("content")),
                                                  args.integer("on_sale") != 0));
       }},
      {{"catalog.set_comments",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"enabled", kBoolean, true, "true to take comments"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().set_comments(actor, ContentId(args.integer("content")),
                                                   args.integer("enabled") != 0));
       }},
      {{"catalog.set_price",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"currency", kInteger, true, "a currency"},
         {"amount", kInteger, true, "≥ 0"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().set_price(
             actor, ContentId(args.integer("content")),
             {CurrencyId(args.integer("currency")), args.integer("amount")}));
       }},
      {{"catalog.remove_price",
        "web",
        {{"content", kInteger, true, "the author's content"},
         {"currency", kInteger, true, "a currency"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().remove_price(actor, ContentId(args.integer("content")),
                                                   CurrencyId(args.integer("currency"))));
       }},
      {{"catalog.buy",
        "shop",
        {{"content", kInteger, true, "content on sale"},
         {"currency", kInteger, false, "the currency to pay in (the default)"}},
        "{ownership, content, serial}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const CurrencyId currency = args.has("currency") ? CurrencyId(args.integer("currency"))
                                                          : game.ledger().default_currency().id;
         return answer(game.catalog().buy(actor, ContentId(args.integer("content")), currency),
                       ownership_json);
       }},
      {{"catalog.give",
        "trade",
        {{"ownership", kInteger, true, "the giver's instance"},
         {"to", kText, true, "the receiver"}},
        "{ownership, content, serial}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().give(actor, OwnershipId(args.integer("ownership")),
                                           PlayerId(args.text("to"))),
                       ownership_json);
       }},
      {{"catalog.favorite", "community", {{"content", kInteger, true, "content"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().favorite(actor, ContentId(args.integer("content"))));
       }},
      {{"catalog.unfavorite", "web", {{"content", kInteger, true, "a favorite"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().unfavorite(actor, ContentId(args.integer("content"))));
       }},
      {{"catalog.vote",
        "community",
        {{"content", kInteger, true, "content the voter owns an instance of"},
         {"vote", kText, true, "UP or DOWN"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const std::string vote = args.text("vote");
         if (vote != "UP" && vote != "DOWN") {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a vote (UP, DOWN).", vote));
         }
         return answer(game.catalog().vote(actor, ContentId(args.integer("content")),
                                           vote == "UP" ? Vote::Up : Vote::Down));
       }},
      {{"catalog.report",
        "report",
        {{"content", kInteger, true, "content"},
         {"reason", kText, true, "1 to 100 characters"},
         {"description", kText, false, "at most 2,000 characters"}},
        "{id}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.catalog().report(actor, ContentId(args.integer("content")), args.text("reason"),
                                   args.text("description")),
             [](const ReportView& report) { return Payload().add("id", report.id).str(); });
       }},
      {{"catalog.create_character",
        "play",
        {{"model", kInteger, true, "a character model the player owns"},
         {"name", kText, false, "at most 50 characters"}},
        "{id}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.catalog().create_character(actor, ContentId(args.integer("model")),
                                             args.text("name")),
             [](const CharacterView& made) { return Payload().add("id", made.id).str(); });
       }},
      {{"catalog.set_property",
        "play",
        {{"character", kInteger, true, "the player's character"},
         {"name", kText, true, "1 to 255 characters"},
         {"type", kText, true, "string, integer, number, boolean, color, content, json"},
         {"value", kText, true, "checked against the type"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto type = property_type(args.text("type"));
         if (!type) {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a property type.", args.text("type")));
         }
         return answer(game.catalog().set_property(actor, args.integer("character"),
                                                   args.text("name"), *type, args.text("value")));
       }},
      {{"catalog.wear",
        "play",
        {{"character", kInteger, true, "the player's character"},
         {"item", kInteger, true, "a wearable the player owns"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().wear(actor, args.integer("character"),
                                           ContentId(args.integer("item"))));
       }},
      {{"catalog.take_off",
        "web",
        {{"character", kInteger, true, "the player's character"},
         {"item", kInteger, true, "what it wears"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().take_off(actor, args.integer("character"),
                                               ContentId(args.integer("item"))));
       }},
      {{"trades.propose",
        "trade",
        {{"to", kText, true, "the recipient"},
         {"offered", kJson, true,
          R"({"ownerships":[id…], "items":[{"item","quantity"}…], "money":[{"currency","amount"}…]}, each optional)"},
         {"asked", kJson, true, "the same shape: what the recipient gives"},
         {"description", kText, false, "at most 500 characters"}},
        "{id, status, expires_at}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto offered = trade_side(args.text("offered"));
         const auto asked = trade_side(args.text("asked"));
         if (!offered || !asked) {
           return refused(Refusal::InvalidArgument,
                          "A trade's side is {\"ownerships\":[…], \"items\":[{\"item\", "
                          "\"quantity\"}…], \"money\":[{\"currency\", \"amount\"}…]}.");
         }
         NewTrade trade;
         trade.sender = actor;
         trade.recipient = PlayerId(args.text("to"));
         trade.offered = *offered;
         trade.asked = *asked;
         trade.description = args.text("description");
         return answer(game.catalog().propose(trade), trade_json);
       }},
      {{"trades.open", "web", {{"trade", kInteger, true, "a trade sent to the player"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().open(actor, args.integer("trade")));
       }},
      {{"trades.reject", "web", {{"trade", kInteger, true, "a trade sent to the player"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().reject(actor, args.integer("trade")));
       }},
      {{"trades.cancel", "web", {{"trade", kInteger, true, "a trade the player sent"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().cancel(actor, args.integer("trade")));
       }},
      {{"trades.confirm",
        "trade",
        {{"trade", kInteger, true, "a trade sent to the player"}},
        "{id, status, expires_at}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.catalog().confirm(actor, args.integer("trade")), trade_json);
       }},
  };
  return all;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = {
      {{"players.find",
        "web",
        {{"username", kText, false, "a username (any case)"},
         {"id", kText, false, "or a player id"}},
        "{id, username, display_name}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         if (Outcome allowed = may(game, actor, "web"); !allowed) return answer(allowed);
         if (args.has("username") == args.has("id")) {
           return refused(Refusal::InvalidArgument, "players.find takes a username or an id.");
         }
         const auto found = args.has("id") ? game.players().find(PlayerId(args.text("id")))
                                           : game.players().find_by_username(args.text("username"));
         if (!found) return refused(Refusal::NotFound, "There is no such player.");
         CommandAnswer ok;
         ok.result = player_json(*found);
         return ok;
       }},
      {{"messages.inbox",
        "web",
        {{"limit", kInteger, false, "how many, newest first (1 to 50; 20)"}},
        "[{id, sender, sender_name, team, subject, content, sent_at, read}]"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         if (Outcome allowed = may(game, actor, "web"); !allowed) return answer(allowed);
         const std::int64_t limit = args.integer("limit", 20);
         if (limit < 1 || limit > 50) {
           return refused(Refusal::InvalidArgument, "A page holds 1 to 50 messages.");
         }
         std::string out = "[";
         for (const MessageView& message :
              game.messages().inbox(actor, {}, static_cast<int>(limit)).messages) {
           if (out.size() > 1) out += ',';
           out += message_json(game, message);
         }
         CommandAnswer ok;
         ok.result = out + "]";
         return ok;
       }},
      {{"locations.where", "play", {}, "{sector, station, planet, home_sector}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         if (Outcome allowed = may(game, actor, "play"); !allowed) return answer(allowed);
         const auto where = game.locations().where(actor);
         if (!where) return refused(Refusal::NotFound, "The player is nowhere yet.");
         CommandAnswer ok;
         ok.result = Payload()
                         .add("sector", where->sector)
                         .add("station", where->station.value())
                         .add("planet", where->planet.value())
                         .add("home_sector", where->home_sector)
                         .str();
         return ok;
       }},
      {{"locations.players_in",
        "play",
        {{"sector", kInteger, true, "a sector"}},
        "[{id, username, display_name}]"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         if (Outcome allowed = may(game, actor, "play"); !allowed) return answer(allowed);
         std::string out = "[";
         for (const std::string& id : game.locations().players_in(args.integer("sector"))) {
           const auto player = game.players().find(PlayerId(id));
           if (!player) continue;
           if (out.size() > 1) out += ',';
           out += player_json(*player);
         }
         CommandAnswer ok;
         ok.result = out + "]";
         return ok;
       }},
      {{"turns.budget", "play", {}, "{available, cap, next_turn_at}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         if (Outcome allowed = may(game, actor, "play"); !allowed) return answer(allowed);
         const auto budget = game.turns().budget(actor);
         if (!budget) return refused(Refusal::NotFound, "The player has no turns.");
         CommandAnswer ok;
         ok.result = Payload()
                         .add("available", budget->available)
                         .add("cap", budget->cap)
                         .add("next_turn_at", budget->next_turn_at)
                         .str();
         return ok;
       }},
      {{"turns.spend", "play", {{"cost", kInteger, true, "turns to spend, > 0"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.turns().spend(actor, args.integer("cost")));
       }},
      {{"locations.move",
        "play",
        {{"sector", kInteger, true, "the sector to move to"},
         {"turns", kInteger, false, "turns the move costs (0)"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.locations().move(actor, args.integer("sector"), args.integer("turns")));
       }},
      {{"locations.dock", "play", {{"station", kText, true, "a station in the sector"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.locations().dock(actor, StationId(args.text("station"))));
       }},
      {{"locations.undock", "play", {}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.locations().undock(actor));
       }},
      {{"locations.land", "play", {{"planet", kText, true, "a planet in the sector"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.locations().land(actor, PlanetId(args.text("planet"))));
       }},
      {{"locations.take_off", "play", {}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.locations().take_off(actor));
       }},
      {{"locations.set_home", "play", {{"sector", kInteger, true, "the new home sector"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.locations().set_home(actor, args.integer("sector")));
       }},
      {{"inventory.buy",
        "shop",
        {{"item", kInteger, true, "the item"}, {"quantity", kInteger, false, "how many (1)"}},
        "{transaction, entry, paid}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.inventory().buy({actor, args.integer("item"), args.integer("quantity", 1)}),
             [](const PurchaseReceipt& receipt) {
               return Payload()
                   .add("transaction", receipt.transaction.value())
                   .add("entry", receipt.entry)
                   .add("paid", receipt.paid)
                   .str();
             });
       }},
      {{"inventory.sell",
        "shop",
        {{"item", kInteger, true, "the item"}, {"quantity", kInteger, false, "how many (1)"}},
        "{transaction, entry, paid}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.inventory().sell(actor, args.integer("item"), args.integer("quantity", 1)),
             [](const SaleReceipt& receipt) {
               return Payload()
                   .add("transaction", receipt.transaction.value())
                   .add("entry", receipt.entry)
                   .add("paid", receipt.paid)
                   .str();
             });
       }},
      {{"inventory.use",
        "play",
        {{"item", kInteger, true, "the item"}},
        "{consumed, effects: [type], loot: [{type, amount, item, message}]}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.inventory().use(actor, args.integer("item")), [](const ItemUse& use) {
           std::string loot = "[";
           for (const LootDraw& draw : use.loot) {
             if (loot.size() > 1) loot += ',';
             loot += Payload()
                         .add("type", draw.type)
                         .add("amount", draw.amount)
                         .add("item", draw.item.value())
                         .add("message", draw.message)
                         .str();
           }
           return Payload()
               .add("consumed", use.consumed)
               .raw("effects", quoted_list(use.effects))
               .raw("loot", loot + "]")
               .str();
         });
       }},
      {{"inventory.give",
        "trade",
        {{"to", kText, true, "the receiving user"},
         {"item", kInteger, true, "the item"},
         {"quantity", kInteger, true, "how many, > 0"}},
        "{removed_entry, added_entry}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.inventory().give({actor, PlayerId(args.text("to")),
                                              args.integer("item"), args.integer("quantity")}),
                       [](const ItemTransferReceipt& receipt) {
                         return Payload()
                             .add("removed_entry", receipt.removed_entry)
                             .add("added_entry", receipt.added_entry)
                             .str();
                       });
       }},
      {{"ledger.transfer",
        "trade",
        {{"to", kText, true, "the user paid"},
         {"amount", kInteger, true, "> 0"},
         {"currency", kInteger, false, "the currency (the default)"}},
        "{transaction}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         Ledger ledger = game.ledger();
         const CurrencyId currency = args.has("currency") ? CurrencyId(args.integer("currency"))
                                                          : ledger.default_currency().id;
         const auto from = ledger.account_of(AccountOwner::user(actor.value()), currency);
         const auto to = ledger.account_of(AccountOwner::user(args.text("to")), currency);
         if (!from || !to) {
           return refused(Refusal::NotFound, "Both users need an account in that currency.");
         }
         Transfer transfer{from->id, to->id, args.integer("amount")};
         transfer.by = actor;
         return answer(ledger.transfer(transfer), [](const TransactionId& id) {
           return Payload().add("transaction", id.value()).str();
         });
       }},
      {{"onboarding.start",
        "play",
        {},
        "{id, step, offered_ships, claimed_ship, pending_exchange: {id, question}, outcome}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.onboarding().start(actor), session_json);
       }},
      {{"onboarding.claim_ship",
        "play",
        {{"ship", kText, true, "one of the offered ships"},
         {"answer", kText, true, "the answer to the guard's opening"}},
        "{end, suspicion, believability, session}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.onboarding().claim_ship(actor, args.text("ship"), args.text("answer")),
                       reply_json);
       }},
      {{"onboarding.answer",
        "play",
        {{"exchange", kText, true, "the pending exchange"},
         {"answer", kText, true, "the answer to its question"}},
        "{end, suspicion, believability, session}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.onboarding().answer(actor, ExchangeId(args.text("exchange")),
                                                args.text("answer")),
                       reply_json);
       }},
      {{"onboarding.complete",
        "play",
        {{"nickname", kText, false, "a nickname to take"}},
        "{ship_id, ship_type, ship_name, credits, nickname, nickname_rejected_reason}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.onboarding().complete(actor, args.text("nickname")),
                       [](const OnboardingCompletion& done) {
                         return Payload()
                             .add("ship_id", done.ship_id)
                             .add("ship_type", done.ship_type)
                             .add("ship_name", done.ship_name)
                             .add("credits", done.credits)
                             .add("nickname", done.nickname)
                             .add("nickname_rejected_reason", done.nickname_rejected_reason)
                             .str();
                       });
       }},
      {{"onboarding.abandon", "play", {}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.onboarding().abandon(actor));
       }},
      {{"levels.activity", "play", {}, "{amount, xp, level, levels_gained}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.levels().activity(actor), xp_json);
       }},
      {{"rewards.claim_daily",
        "play",
        {},
        "{amount, currency, streak, weekly_bonus, next_claim_at}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.rewards().claim_daily(actor), [](const DailyClaim& claim) {
           return Payload()
               .add("amount", claim.amount)
               .add("currency", claim.currency.value())
               .add("streak", claim.streak)
               .add("weekly_bonus", claim.weekly_bonus)
               .add("next_claim_at", claim.next_claim_at)
               .str();
         });
       }},
      {{"rewards.log_in_bonus", "play", {}, "{day_amount, week_amount, days_this_week}"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.rewards().log_in_bonus(actor), [](const LoginBonus& bonus) {
           return Payload()
               .add("day_amount", bonus.day_amount)
               .add("week_amount", bonus.week_amount)
               .add("days_this_week", bonus.days_this_week)
               .str();
         });
       }},
      {{"classes.join", "play", {{"class", kInteger, true, "the class"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.classes().join(actor, args.integer("class")));
       }},
      {{"classes.leave", "play", {}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.classes().leave(actor));
       }},
      {{"classes.deposit",
        "play",
        {{"amount", kInteger, true, "> 0"},
         {"currency", kInteger, false, "a money currency (the default)"}},
        "{transaction}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.classes().deposit(actor, args.integer("amount"), args.integer("currency")),
             [](const TransactionId& id) {
               return Payload().add("transaction", id.value()).str();
             });
       }},
      {{"classes.withdraw",
        "classbank",
        {{"to", kText, true, "a member of the class"},
         {"amount", kInteger, true, "> 0"},
         {"currency", kInteger, false, "a money currency (the default)"}},
        "{transaction}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.classes().withdraw(actor, PlayerId(args.text("to")),
                                               args.integer("amount"), args.integer("currency")),
                       [](const TransactionId& id) {
                         return Payload().add("transaction", id.value()).str();
                       });
       }},
      {{"quests.assign", "play", {{"quest", kInteger, true, "the quest"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.quests().assign(actor, args.integer("quest")));
       }},
      {{"loot.claim",
        "play",
        {{"drop", kText, true, "the drop's id"}},
        "{id, channel, amount, currency, expires_at, claimed_by}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.loot().claim(actor, args.text("drop")), drop_json);
       }},
      {{"moderation_cases.open",
        "moderate",
        {{"type", kText, true, "WARN, TIMEOUT, KICK, BAN or NOTE"},
         {"user", kText, true, "whom it is about"},
         {"reason", kText, true, "1 to 500 characters"},
         {"duration_ms", kInteger, false, "TIMEOUT (required) and BAN: how long"}},
        "{id, type, user, active, ban}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto type = case_type(args.text("type"));
         if (!type) {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a case type (WARN, TIMEOUT, KICK, BAN, NOTE).",
                                      args.text("type")));
         }
         NewCase entry{*type, actor, PlayerId(args.text("user")), args.text("reason"), {}};
         if (args.has("duration_ms")) entry.duration = Duration(args.integer("duration_ms"));
         return answer(game.moderation_cases().open(entry), case_json);
       }},
      {{"moderation_cases.resolve",
        "moderate",
        {{"case", kText, true, "the case id (CASE-0001)"},
         {"reason", kText, true, "1 to 500 characters"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.moderation_cases().resolve(actor, args.text("case"), args.text("reason")));
       }},
      {{"relations.request_friend", "community", {{"user", kText, true, "whom to ask"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().request_friend(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.accept", "community", {{"user", kText, true, "who asked"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().accept(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.block", "web", {{"user", kText, true, "whom to block"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().block(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.decline", "web", {{"user", kText, true, "who asked"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().decline(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.cancel", "web", {{"user", kText, true, "whom the actor asked"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().cancel(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.unfriend", "web", {{"user", kText, true, "the friend"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().unfriend(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.follow", "community", {{"user", kText, true, "whom to follow"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().follow(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.unfollow", "web", {{"user", kText, true, "whom the actor follows"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().unfollow(actor, PlayerId(args.text("user"))));
       }},
      {{"relations.unblock", "web", {{"user", kText, true, "whom the actor blocked"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.relations().unblock(actor, PlayerId(args.text("user"))));
       }},
      {{"messages.mark_read", "web", {{"message", kText, true, "the message"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().mark_read(actor, args.text("message")));
       }},
      {{"messages.mark_thread_read", "web", {{"thread", kText, true, "the thread"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().mark_thread_read(actor, args.text("thread")));
       }},
      {{"messages.remove",
        "web",
        {{"message", kText, true, "the message, from the actor's side"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().remove(actor, args.text("message")));
       }},
      {{"messages.hide", "contentmod", {{"message", kText, true, "a flagged message"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().hide(actor, args.text("message")));
       }},
      {{"messages.unflag", "contentmod", {{"message", kText, true, "a flagged message"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().unflag(actor, args.text("message")));
       }},
      {{"messages.flag",
        "community",
        {{"message", kText, true, "a message the actor received"}, {"reason", kText, true, "why"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.messages().flag(actor, args.text("message"), args.text("reason")));
       }},
      {{"messages.send",
        "community",
        {{"to", kText, true, "the recipient"},
         {"content", kText, true, "the text"},
         {"subject", kText, false, "a subject"}},
        "{id, thread}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         NewMessage message;
         message.sender = actor;
         message.recipient = PlayerId(args.text("to"));
         message.content = args.text("content");
         message.subject = args.text("subject");
         return answer(game.messages().send(message), [](const MessageView& sent) {
           return Payload().add("id", sent.id).add("thread", sent.thread).str();
         });
       }},
      {{"teams.create", "community", {{"name", kText, true, "the team's name"}}, "{id, name}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().create(actor, args.text("name")), [](const TeamView& team) {
           return Payload().add("id", team.id.value()).add("name", team.name).str();
         });
       }},
      {{"teams.join", "community", {{"team", kText, true, "the team"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().join(TeamId(args.text("team")), actor));
       }},
      {{"teams.leave", "web", {}, "null"},
       [](Game& game, const PlayerId& actor,
          const Arguments&) { return answer(game.teams().leave(actor)); }},
      {{"teams.accept_request", "community", {{"user", kText, true, "who asked to join"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().accept_request(actor, PlayerId(args.text("user"))));
       }},
      {{"teams.decline_request", "community", {{"user", kText, true, "who asked to join"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().decline_request(actor, PlayerId(args.text("user"))));
       }},
      {{"teams.kick", "community", {{"user", kText, true, "the member"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().kick(actor, PlayerId(args.text("user"))));
       }},
      {{"teams.transfer_leadership", "community", {{"user", kText, true, "the member"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().transfer_leadership(actor, PlayerId(args.text("user"))));
       }},
      {{"teams.request_to_join", "community", {{"team", kText, true, "the team"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().request_to_join(TeamId(args.text("team")), actor));
       }},
      {{"teams.invite",
        "community",
        {{"user", kText, true, "whom to invite"}},
        "{code, team, expires_at, max_uses}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().invite(actor, PlayerId(args.text("user"))), invitation_json);
       }},
      {{"teams.create_code",
        "community",
        {{"max_uses", kInteger, true, "1 to 100"},
         {"lifetime_ms", kInteger, true, "how long it may be used"}},
        "{code, team, expires_at, max_uses}"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().create_code(actor, args.integer("max_uses"),
                                                Duration(args.integer("lifetime_ms"))),
                       invitation_json);
       }},
      {{"teams.join_with_code", "community", {{"code", kText, true, "an invitation code"}}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().join_with_code(actor, args.text("code")));
       }},
      {{"teams.decline_invitation",
        "web",
        {{"code", kText, true, "a personal invitation"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().decline_invitation(actor, args.text("code")));
       }},
      {{"teams.set_role",
        "community",
        {{"user", kText, true, "the member"}, {"role", kText, true, "OFFICER, MEMBER or RECRUIT"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto role = team_role(args.text("role"));
         if (!role) {
           return refused(Refusal::InvalidArgument,
                          fmt::format("'{}' is not a role to give (OFFICER, MEMBER, RECRUIT).",
                                      args.text("role")));
         }
         return answer(game.teams().set_role(actor, PlayerId(args.text("user")), *role));
       }},
      {{"teams.update_profile",
        "community",
        {{"tag", kText, false, "2 to 10 characters; \"\" removes it"},
         {"description", kText, false, "at most 500 characters"},
         {"logo", kText, false, "at most 255 characters"},
         {"is_public", ArgumentType::Boolean, false, "listed for everyone"},
         {"home_sector", kInteger, false, "a sector; 0 for none"},
         {"recruitment", kText, false, "OPEN, INVITE_ONLY or CLOSED"},
         {"max_members", kInteger, false, "2 to 20"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         TeamProfile profile;
         if (args.has("tag")) profile.tag = args.text("tag");
         if (args.has("description")) profile.description = args.text("description");
         if (args.has("logo")) profile.logo = args.text("logo");
         if (args.has("is_public")) profile.is_public = args.text("is_public") == "1";
         if (args.has("home_sector")) profile.home_sector = args.integer("home_sector");
         if (args.has("max_members")) profile.max_members = args.integer("max_members");
         if (args.has("recruitment")) {
           for (Recruitment way :
                {Recruitment::Open, Recruitment::InviteOnly, Recruitment::Closed}) {
             if (to_string(way) == args.text("recruitment")) profile.recruitment = way;
           }
           if (!profile.recruitment) {
             return refused(Refusal::InvalidArgument,
                            fmt::format("'{}' is not a recruitment (OPEN, INVITE_ONLY, CLOSED).",
                                        args.text("recruitment")));
           }
         }
         return answer(game.teams().update_profile(actor, profile));
       }},
      {{"teams.disband", "community", {}, "null"},
       [](Game& game, const PlayerId& actor, const Arguments&) {
         return answer(game.teams().disband(actor));
       }},
      {{"teams.deposit",
        "play",
        {{"currency", kInteger, true, "the currency"}, {"amount", kInteger, true, "> 0"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(
             game.teams().deposit(actor, args.integer("currency"), args.integer("amount")));
       }},
      {{"teams.withdraw",
        "play",
        {{"currency", kInteger, true, "the currency"},
         {"amount", kInteger, true, "> 0"},
         {"to", kText, false, "a member (the actor)"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         return answer(game.teams().withdraw(actor, args.integer("currency"),
                                             args.integer("amount"), PlayerId(args.text("to"))));
       }},
      {{"team_reputation.set_method",
        "community",
        {{"method", kText, true, "AVERAGE, LOWEST or LEADER"}},
        "null"},
       [](Game& game, const PlayerId& actor, const Arguments& args) {
         const auto method = aggregation(args.text("method"));
         if (!method) {
           return refused(
               Refusal::InvalidArgument,
               fmt::format("'{}' is not a method (AVERAGE, LOWEST, LEADER).", args.text("method")));
         }
         const auto team = game.teams().team_of(actor);
         if (!team) return refused(Refusal::NotFound, "The player is in no team.");
         return answer(game.team_reputation().set_method(*team, actor, *method));
       }},
  };
  return all;
}

const Entry* find_entry(std::string_view name) {
  for (const auto* list : {&entries(), &catalog_entries()}) {
    const auto found = std::find_if(list->begin(), list->end(),
                                    [&](const Entry& entry) { return entry.spec.name == name; });
    if (found != list->end()) return &*found;
  }
  return nullptr;
}

// The JSON type of a value as a refusal names it.
std::string_view json_type(const rapidjson::Value& value) {
  if (value.IsString()) return "text";
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsNull()) return "null";
  if (value.IsInt64()) return "integer";
  if (value.IsUint64()) return "an integer past 64 bits";
  if (value.IsNumber()) return "real";
  return value.IsArray() ? "array" : "object";
}

// Reads `text` as the arguments of `spec`; a refusal names what is wrong.
std::variant<Arguments, CommandAnswer> parse(const CommandSpec& spec, std::string_view text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject()) {
    return refused(Refusal::InvalidArgument, "The arguments are not a JSON object.");
  }
  Arguments arguments;
  for (const auto& member : document.GetObject()) {
    const std::string name(member.name.GetString(), member.name.GetStringLength());
    const auto known = std::find_if(spec.arguments.begin(), spec.arguments.end(),
                                    [&](const ArgumentSpec& a) { return a.name == name; });
    if (known == spec.arguments.end()) {
      return refused(Refusal::InvalidArgument,
                     fmt::format("{} takes no argument '{}'.", spec.name, name));
    }
    const rapidjson::Value& value = member.value;
    const bool fits = (known->type == ArgumentType::Text && value.IsString()) ||
                      (known->type == ArgumentType::Integer && value.IsInt64()) ||
                      (known->type == ArgumentType::Boolean && value.IsBool()) ||
                      (known->type == ArgumentType::Json && (value.IsObject() || value.IsArray()));
    if (!fits) {
      return refused(Refusal::InvalidArgument,
                     fmt::format("{}'s argument '{}' is {}, not {}.", spec.name, name,
                                 to_string(known->type), json_type(value)));
    }
    if (value.IsString()) {
      arguments.set(name, std::string(value.GetString(), value.GetStringLength()));
    } else if (value.IsBool()) {
      arguments.set(name, value.GetBool() ? "1" : "0");
    } else if (!value.IsNumber()) {
      rapidjson::StringBuffer compact;
      rapidjson::Writer<rapidjson::StringBuffer> writer(compact);
      value.Accept(writer);
      arguments.set(name, std::string(compact.GetString(), compact.GetSize()));
    } else {
      arguments.set(name, std::to_string(value.GetInt64()));
    }
  }
  for (const ArgumentSpec& argument : spec.arguments) {
    if (argument.required && !arguments.has(argument.name)) {
      return refused(Refusal::InvalidArgument,
                     fmt::format("{} needs the argument '{}'.", spec.name, argument.name));
    }
  }
  return arguments;
}

}  // namespace

const std::vector<CommandSpec>& command_specs() {
  static const std::vector<CommandSpec> specs = [] {
    std::vector<CommandSpec> all;
    for (const auto* list : {&entries(), &catalog_entries()}) {
      for (const Entry& entry : *list) all.push_back(entry.spec);
    }
    std::sort(all.begin(), all.end(),
              [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
    return all;
  }();
  return specs;
}

const CommandSpec* find_command(std::string_view name) {
  const Entry* entry = find_entry(name);
  return entry == nullptr ? nullptr : &entry->spec;
}

std::string command_specs_json() {
  std::string out = "[";
  for (const CommandSpec& spec : command_specs()) {
    if (out.size() > 1) out += ',';
    std::string arguments = "[";
    for (const ArgumentSpec& argument : spec.arguments) {
      if (arguments.size() > 1) arguments += ',';
      arguments += Payload()
                       .add("name", argument.name)
                       .add("type", to_string(argument.type))
                       .add("required", argument.required)
                       .add("meaning", argument.meaning)
                       .str();
    }
    out += Payload()
               .add("name", spec.name)
               .add("privilege", spec.privilege)
               .raw("arguments", arguments + "]")
               .add("returns", spec.returns)
               .str();
  }
  return out + "]";
}

namespace {

// Runs a command from data; with the log on (or at a given time, for a replay), as one group that
// records the command when it commits.
CommandAnswer run_entry(Game& game, const PlayerId& actor, std::string_view name,
                        std::string_view arguments, std::optional<GameTime> when) {
  const Entry* entry = find_entry(name);
  if (entry == nullptr) {
    return refused(Refusal::NotFound, fmt::format("There is no command '{}'.", name));
  }
  auto parsed = parse(entry->spec, arguments);
  if (auto* refusal = std::get_if<CommandAnswer>(&parsed)) return *refusal;
  Core& core = core_of(game);
  if (!core.logs_commands() && !when) return entry->run(game, actor, std::get<Arguments>(parsed));
  CommandAnswer answer;
  // The group's outcome is the command's, kept in `answer`.
  (void)core.group(
      [&]() -> Outcome {
        answer = entry->run(game, actor, std::get<Arguments>(parsed));
        if (!answer.ok()) return Outcome::refused(answer.refusal, answer.detail);
        if (core.logs_commands()) {
          core.run([&](Command& command) { record_command(command, actor, name, arguments); });
        }
        return {};
      },
      when);
  return answer;
}

}  // namespace

CommandAnswer run_command(Game& game, const PlayerId& actor, std::string_view name,
                          std::string_view arguments) {
  return run_entry(game, actor, name, arguments, std::nullopt);
}

CommandAnswer replay_command(Game& game, const LoggedCommand& entry) {
  if (entry.at < game.reached_at()) {
    throw Error(ErrorKind::Usage,
                fmt::format("Command {} of the log ran at game time {}, before the time this game "
                            "has reached ({}): it cannot be replayed here.",
                            entry.id, entry.at, game.reached_at()));
  }
  return run_entry(game, entry.actor, entry.name, entry.arguments, entry.at);
}

}  // namespace hearth

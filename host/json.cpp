#include "host/json.h"

#include <fmt/core.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hearth::host::json {

std::string quote(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<rapidjson::Document> object(std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  return document;
}

std::optional<std::string> text(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) return std::nullopt;
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

std::optional<std::int64_t> integer(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return std::nullopt;
  return found->value.GetInt64();
}

std::string raw(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd()) return "null";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  found->value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string event(const Event& event) {
  return fmt::format(R"({{"id":{},"at":{},"type":{},"actor":{},"subject":{},"payload":{}}})",
                     event.id, event.at, quote(event.type), quote(event.actor),
                     quote(event.subject), event.payload.empty() ? "{}" : event.payload);
}

std::optional<Event> event(std::string_view text) {
  const auto document = object(text);
  if (!document) return std::nullopt;
  Event out;
  const auto id = integer(*document, "id");
  const auto at = integer(*document, "at");
  const auto type = json::text(*document, "type");
  if (!id || !at || !type) return std::nullopt;
  out.id = *id;
  out.at = *at;
  out.type = *type;
  out.actor = json::text(*document, "actor").value_or("");
  out.subject = json::text(*document, "subject").value_or("");
  out.payload = raw(*document, "payload");
  return out;
}

}  // namespace hearth::host::json

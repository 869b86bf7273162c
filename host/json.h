// The little JSON the host and its client write and read: quoting text, and reading a request's
// object with RapidJSON. Internal to the host.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "hearth/core/events.h"

namespace hearth::host::json {

// `text` as a JSON string, quotes included.
std::string quote(std::string_view text);

// Parses `text` as a JSON object; nullopt for anything else.
std::optional<rapidjson::Document> object(std::string_view text);

// A member as text or a whole number; nullopt when missing or of another type.
std::optional<std::string> text(const rapidjson::Value& object, const char* name);
std::optional<std::int64_t> integer(const rapidjson::Value& object, const char* name);

// A member written back as compact JSON ("null" when missing).
std::string raw(const rapidjson::Value& object, const char* name);

// An event as the host pushes it: {"id","at","type","actor","subject","payload"}.
std::string event(const Event& event);
std::optional<Event> event(std::string_view text);

}  // namespace hearth::host::json

// Payload: builds the small JSON objects that events carry. Internal to the engine.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace hearth {

// A flat JSON object built key by key, e.g. Payload().add("old", 5).add("why", "x").str().
class Payload {
 public:
  Payload& add(std::string_view key, std::string_view value) { return raw(key, quote(value)); }

  Payload& add(std::string_view key, const char* value) {
    return add(key, std::string_view(value));
  }

  Payload& add(std::string_view key, const std::string& value) {
    return add(key, std::string_view(value));
  }

  Payload& add(std::string_view key, std::int64_t value) { return raw(key, std::to_string(value)); }

  Payload& add(std::string_view key, int value) { return raw(key, std::to_string(value)); }

  Payload& add(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }

  Payload& add(std::string_view key, double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return raw(key, buffer);
  }

  // Adds `json` (already JSON text) as the value of `key`.
  Payload& raw(std::string_view key, std::string_view json) {
    text_ += text_.size() > 1 ? "," : "";
    text_ += quote(key);
    text_ += ':';
    text_ += json;
    return *this;
  }

  std::string str() const { return text_ + "}"; }

  // `value` as a JSON string literal.
  static std::string quote(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
          } else {
            out += c;
          }
      }
    }
    return out + "\"";
  }

 private:
  std::string text_ = "{";
};

}  // namespace hearth

#include "engine/core/text.h"

#include <fmt/core.h>

namespace hearth::text {

std::int64_t characters(std::string_view text) {
  std::int64_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code = lead & 0x07;
    } else {
      return -1;
    }
    if (i + extra >= text.size()) return -1;  // the sequence is cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return -1;
      code = code << 6 | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return -1;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

Outcome check(std::string_view what, std::string_view text, std::int64_t min, std::int64_t max) {
  const std::int64_t length = characters(text);
  if (length < 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("{} must be valid UTF-8 text.", what));
  }
  if (text.find('\0') != std::string_view::npos) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("{} must not contain a NUL character.", what));
  }
  if (length < min || length > max) {
    return Outcome::refused(
        Refusal::InvalidArgument,
        min == max
            ? fmt::format("{} has {} characters; this one has {}.", what, min, length)
            : fmt::format("{} has {} to {} characters; this one has {}.", what, min, max, length));
  }
  return {};
}

Outcome check_optional(std::string_view what, std::string_view text, std::int64_t max) {
  return check(what, text, 0, max);
}

Outcome check_code(std::string_view what, std::string_view text, std::size_t length) {
  bool letters = text.size() == length;
  for (char c : text) letters = letters && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  if (!letters) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("{} is {} ASCII letters.", what, length));
  }
  return {};
}

}  // namespace hearth::text

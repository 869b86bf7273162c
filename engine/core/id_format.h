// fmt formats ids as their numbers and texts. Internal to the engine.
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "hearth/core/id.h"

template <class Tag>
struct fmt::formatter<hearth::Id<Tag>> : fmt::formatter<std::int64_t> {
  auto format(const hearth::Id<Tag>& id, fmt::format_context& context) const {
    return fmt::formatter<std::int64_t>::format(id.value(), context);
  }
};

template <class Tag>
struct fmt::formatter<hearth::TextId<Tag>> : fmt::formatter<std::string_view> {
  auto format(const hearth::TextId<Tag>& id, fmt::format_context& context) const {
    return fmt::formatter<std::string_view>::format(id.value(), context);
  }
};

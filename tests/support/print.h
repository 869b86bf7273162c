// Lets a failing BOOST_TEST show ids by their value and the engine's enums (Refusal,
// CombatResponse, TeamRole...) by the name their to_string gives.
#pragma once

#include <ostream>
#include <type_traits>

#include "hearth/core/id.h"

namespace hearth {

template <class Tag>
std::ostream& operator<<(std::ostream& out, const TextId<Tag>& id) {
  return out << id.value();
}

template <class Tag>
std::ostream& operator<<(std::ostream& out, Id<Tag> id) {
  return out << id.value();
}

template <class Enum>

requires std::is_enum_v<Enum> && requires(Enum value) { to_string(value); }

std::ostream& operator<<(std::ostream& out, Enum value) { return out << to_string(value); }

}  // namespace hearth

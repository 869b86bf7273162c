// Lets a failing BOOST_TEST show the engine's enums (Refusal, CombatResponse, TeamRole...) by
// the name their to_string gives.
#pragma once

#include <ostream>
#include <type_traits>

namespace hearth {

template <class Enum>

requires std::is_enum_v<Enum> && requires(Enum value) { to_string(value); }

std::ostream& operator<<(std::ostream& out, Enum value) { return out << to_string(value); }

}  // namespace hearth

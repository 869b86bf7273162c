// Text arguments: every text limit counts characters (Unicode code points), as the schema's
// length() does, and every text the engine stores is valid UTF-8 without NUL. Internal.
#pragma once

#include <cstdint>
#include <string_view>

#include "hearth/core/outcome.h"

namespace hearth::text {

// The characters (code points) of `text`; -1 when `text` is not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are invalid too).
std::int64_t characters(std::string_view text);

// Refuses (InvalidArgument) a text that is not valid UTF-8, holds a NUL, or has fewer than `min`
// or more than `max` characters. `what` names it for the sentence: "A team name".
Outcome check(std::string_view what, std::string_view text, std::int64_t min, std::int64_t max);

// check() for a text that may also be empty (an optional field).
Outcome check_optional(std::string_view what, std::string_view text, std::int64_t max);

// Refuses a code made of exactly `length` ASCII letters ("en", "DE"); `what` names it.
Outcome check_code(std::string_view what, std::string_view text, std::size_t length);

}  // namespace hearth::text

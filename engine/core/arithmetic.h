// Integer arithmetic that saturates instead of wrapping: the engine's overflow policy is to
// saturate where a result is clamped anyway (standings, points, counters) and to refuse where a
// value is kept exactly (money, turns, durations). Internal.
#pragma once

#include <cstdint>
#include <limits>

namespace hearth {

// An unsigned 128-bit integer, for products of two int64 values that must not overflow.
__extension__ typedef unsigned __int128 Wide;

// a + b, held to the int64 range.
constexpr std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

// a × b, held to the int64 range.
constexpr std::int64_t saturating_mul(std::int64_t a, std::int64_t b) {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return product;
  return (a < 0) == (b < 0) ? std::numeric_limits<std::int64_t>::max()
                            : std::numeric_limits<std::int64_t>::min();
}

}  // namespace hearth

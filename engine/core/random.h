// Random: the game's seeded random generator. Its state lives in the game file, so the same seed
// and the same commands give the same draws, also across closing and reopening.
#pragma once

#include <cstdint>
#include <string>

namespace hearth {

// SplitMix64: 64 bits of state, full period, good statistical quality for game use.
// Not for secrets.
class Random {
 public:
  explicit Random(std::uint64_t state = 0) : state_(state) {}

  std::uint64_t next();

  // Uniform in [0, bound). REQUIRES: bound > 0.
  std::uint64_t below(std::uint64_t bound);

  // Uniform in [low, high], both included. REQUIRES: low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);

  // Uniform in [0, 1).
  double unit();

  // A version-4 UUID as 36 lowercase characters, from 122 random bits.
  std::string uuid();

  std::uint64_t state() const { return state_; }

 private:
  std::uint64_t state_;
};

}  // namespace hearth

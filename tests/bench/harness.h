// The benchmark harness: timing, and the table each benchmark prints — the engine's figure beside
// raw SQLite doing the same writes in the same run, and their ratio.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <fmt/core.h>

namespace hearth::bench {

// Seconds taken by `work`.
inline double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline void print_header(const std::string& title) {
  fmt::print(
      "\n## {}\n\n| measurement | engine | raw SQLite | engine/raw |\n|---|---:|---:|---:|\n",
      title);
}

// A row comparing durations (lower is better): ratio = engine / raw.
inline void print_time(const std::string& what, double engine_seconds, double raw_seconds) {
  fmt::print("| {} | {:.2f} ms | {:.2f} ms | {:.2f}× |\n", what, engine_seconds * 1e3,
             raw_seconds * 1e3, engine_seconds / raw_seconds);
}

// A row comparing rates (higher is better): ratio = raw rate / engine rate, i.e. how many times
// longer the engine takes per operation.
inline void print_rate(const std::string& what, double engine_per_second, double raw_per_second) {
  fmt::print("| {} | {:.0f} /s | {:.0f} /s | {:.2f}× |\n", what, engine_per_second, raw_per_second,
             raw_per_second / engine_per_second);
}

// A row with a single engine figure (no raw equivalent).
inline void print_figure(const std::string& what, const std::string& figure) {
  fmt::print("| {} | {} | — | — |\n", what, figure);
}

}  // namespace hearth::bench

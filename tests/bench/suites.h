// The benchmark suites hearth_bench runs.
#pragma once

namespace hearth::bench {

// The size of the world a suite builds.
struct Scale {
  int players = 100000;
  int factions = 10;
};

// Issue 4: a full tick (decay, regeneration, expiry all due), an idle tick, spend-turns and
// change-reputation commands — each beside raw SQLite prepared statements doing the same writes.
void run_tick_bench(const Scale& scale);

// Issue 5: transfers per second through the engine and through raw SQLite, at FULL and NORMAL.
void run_ledger_bench(const Scale& scale);

}  // namespace hearth::bench

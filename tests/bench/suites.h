// The benchmark suites hearth_bench runs.
#pragma once

namespace hearth::bench {

// The size of the world a suite builds.
struct Scale {
  int players = 100000;
  int factions = 10;
};

// A full tick (decay, regeneration, expiry all due) beside the best raw-SQLite tick and the
// plain-SQLite floor; a year of catch-up; the tick once every history is full; an idle tick;
// spend-turns and change-reputation commands beside raw SQLite.
void run_tick_bench(const Scale& scale);

// In this process, fresh: opens the game file at `path`, advances it to `to` and prints the peak
// resident set size in MiB (run_tick_bench starts it so that its own memory is not counted).
void advance_alone(const char* path, long long to);

// Transfers per second through the engine and through raw SQLite, at FULL and NORMAL, one per
// commit and grouped.
void run_ledger_bench(const Scale& scale);

// Authentications per second beside raw SQLite; a log-in at the default bcrypt cost while another
// connection commits.
void run_accounts_bench(const Scale& scale);

// Direct messages sent per second, unread counts and inbox pages at 100,000 messages, beside raw
// SQLite running the same statements.
void run_social_bench(const Scale& scale);

// Purchases per second and trade confirmations (ten instances each) beside raw SQLite running the
// same statements.
void run_catalog_bench(const Scale& scale);

// XP awards advancing two quests per second, and a tick expiring 100,000 loot drops and 100,000
// timers, beside raw SQLite running the same statements and the plain-SQLite floor.
void run_rpg_bench(const Scale& scale);

// The LAN host: commands per second and latency (median, p99) with 1, 8 and 64 clients over
// loopback beside the same commands in-process and the plain-SQLite floor; the host's peak RSS.
void run_host_bench(const Scale& scale);

// The inspector (`hearth check`, `hash`, `export`, `import`, `export --user`) on a world of
// `players` users beside the best raw-SQLite version of each and the plain-SQLite floor.
void run_inspector_bench(const Scale& scale);

}  // namespace hearth::bench

// hearth_bench: the engine's figures beside raw SQLite doing the same work, in the same run.
// Usage: hearth_bench [ticks|ledger|accounts|social|catalog|rpg|host|inspector|all] [--players N]
#include <cstring>
#include <string>

#include <fmt/core.h>

#include "tests/bench/suites.h"

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "advance-alone") == 0) {
    hearth::bench::advance_alone(argv[2], std::stoll(argv[3]));
    return 0;
  }
  std::string which = "all";
  hearth::bench::Scale scale;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--players") == 0 && i + 1 < argc) {
      scale.players = std::stoi(argv[++i]);
    } else {
      which = argv[i];
    }
  }
  fmt::print("# hearth_bench ({} players × {} factions)\n", scale.players, scale.factions);
  if (which == "all" || which == "ticks") hearth::bench::run_tick_bench(scale);
  if (which == "all" || which == "ledger") hearth::bench::run_ledger_bench(scale);
  if (which == "all" || which == "accounts") hearth::bench::run_accounts_bench(scale);
  if (which == "all" || which == "social") hearth::bench::run_social_bench(scale);
  if (which == "all" || which == "catalog") hearth::bench::run_catalog_bench(scale);
  if (which == "all" || which == "rpg") hearth::bench::run_rpg_bench(scale);
  if (which == "all" || which == "host") hearth::bench::run_host_bench(scale);
  if (which == "all" || which == "inspector") hearth::bench::run_inspector_bench(scale);
  return 0;
}

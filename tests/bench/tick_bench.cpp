#include "tests/bench/suites.h"

namespace hearth::bench {

void run_tick_bench(const Scale&) {}

}  // namespace hearth::bench

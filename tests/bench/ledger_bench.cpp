#include "tests/bench/suites.h"

namespace hearth::bench {

void run_ledger_bench(const Scale&) {}

}  // namespace hearth::bench

// A bounded run of the command fuzzer (tests/fuzz/command_fuzzer.h): a few seeds, every promise
// checked after every call. `build/tests/hearth_fuzz --seconds N` runs it for as long as asked.
#include <boost/test/unit_test.hpp>

#include "tests/fuzz/command_fuzzer.h"

BOOST_AUTO_TEST_SUITE(fuzz_test)

BOOST_AUTO_TEST_CASE(every_command_keeps_its_promises_under_generated_input) {
  std::int64_t committed = 0;
  std::int64_t refused = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const hearth::fuzz::FuzzReport report = hearth::fuzz::fuzz_commands(seed, 300);
    BOOST_TEST(report.calls == 300);
    for (const std::string& failure : report.failures) BOOST_ERROR(failure);
    committed += report.committed;
    refused += report.refused;
  }
  // The generator reaches both sides: commands that commit and commands refused.
  BOOST_TEST(committed > 0);
  BOOST_TEST(refused > 0);
}

BOOST_AUTO_TEST_CASE(the_same_seed_makes_the_same_run) {
  const auto first = hearth::fuzz::fuzz_commands(9, 100);
  const auto second = hearth::fuzz::fuzz_commands(9, 100);
  BOOST_TEST(first.committed == second.committed);
  BOOST_TEST(first.refused == second.refused);
  BOOST_TEST(first.errors == second.errors);
}

BOOST_AUTO_TEST_SUITE_END()

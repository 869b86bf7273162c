#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(players_test)
BOOST_AUTO_TEST_CASE(pending) { BOOST_TEST(true); }
BOOST_AUTO_TEST_SUITE_END()

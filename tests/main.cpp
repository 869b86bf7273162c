#define BOOST_TEST_MODULE hearth_tests
#include <boost/test/unit_test.hpp>

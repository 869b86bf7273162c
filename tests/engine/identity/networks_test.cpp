// Ban networks: parsing addresses and CIDR networks (IPv4, IPv6, IPv4-mapped), their normal form,
// and containment at the edges (/0, /32, /128).
#include "engine/identity/networks.h"

#include <ostream>

#include <boost/test/unit_test.hpp>

namespace hearth::networks {

std::ostream& operator<<(std::ostream& out, const Network& network) {
  return out << network.address << '/' << network.prefix;
}

}  // namespace hearth::networks

using namespace hearth;
using networks::Network;

namespace {

Network parsed(const char* text) {
  const std::optional<Network> network = networks::parse(text);
  BOOST_TEST_REQUIRE(network.has_value(), text);
  return *network;
}

bool in(const char* network, const char* address) {
  return networks::contains(parsed(network), parsed(address));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(networks_test)

BOOST_AUTO_TEST_CASE(networks_are_stored_with_host_bits_zeroed) {
  BOOST_TEST(parsed("10.1.2.3/8") == (Network{"10.0.0.0", 8}));
  BOOST_TEST(parsed("10.1.2.3") == (Network{"10.1.2.3", 32}));
  BOOST_TEST(parsed("2001:db8:1::7/32") == (Network{"2001:db8::", 32}));
  BOOST_TEST(parsed("2001:DB8::1") == (Network{"2001:db8::1", 128}));
  BOOST_TEST(parsed("0.0.0.0/0") == (Network{"0.0.0.0", 0}));
  BOOST_TEST(parsed("::/0") == (Network{"::", 0}));
  BOOST_TEST(networks::to_string(parsed("10.1.2.3/8")) == "10.0.0.0/8");
  BOOST_TEST(networks::to_string(parsed("10.1.2.3")) == "10.1.2.3");
  BOOST_TEST(networks::to_string(parsed("2001:db8::1")) == "2001:db8::1");
}

BOOST_AUTO_TEST_CASE(ipv4_mapped_addresses_are_ipv4) {
  BOOST_TEST(parsed("::ffff:10.1.2.3") == (Network{"10.1.2.3", 32}));
  BOOST_TEST(parsed("::ffff:10.1.2.3/104") == (Network{"10.0.0.0", 8}));
  BOOST_TEST(parsed("::ffff:0:0/96") == (Network{"0.0.0.0", 0}));
  BOOST_TEST(in("10.0.0.0/8", "::ffff:10.200.0.1"));
  BOOST_TEST(in("::ffff:10.0.0.0/104", "10.9.9.9"));
  // A prefix shorter than the mapping stays IPv6.
  BOOST_TEST(parsed("::ffff:10.1.2.3/64") == (Network{"::", 64}));
}

BOOST_AUTO_TEST_CASE(a_scope_is_dropped) {
  BOOST_TEST(parsed("fe80::1%eth0") == (Network{"fe80::1", 128}));
  BOOST_TEST(in("fe80::/64", "fe80::1%lo"));
}

BOOST_AUTO_TEST_CASE(containment_at_the_edges) {
  BOOST_TEST(in("0.0.0.0/0", "255.255.255.255"));
  BOOST_TEST(in("0.0.0.0/0", "0.0.0.0"));
  BOOST_TEST(!in("0.0.0.0/0", "::1"));  // the other family
  BOOST_TEST(in("::/0", "2001:db8::1"));
  BOOST_TEST(!in("::/0", "10.0.0.1"));
  BOOST_TEST(in("10.1.2.3/32", "10.1.2.3"));  // a network contains itself
  BOOST_TEST(!in("10.1.2.3/32", "10.1.2.4"));
  BOOST_TEST(in("2001:db8::1/128", "2001:db8::1"));
  BOOST_TEST(!in("2001:db8::1/128", "2001:db8::2"));
  BOOST_TEST(in("10.0.0.0/8", "10.255.255.255"));
  BOOST_TEST(!in("10.0.0.0/8", "11.0.0.0"));
  BOOST_TEST(!in("10.0.0.0/8", "9.255.255.255"));
  BOOST_TEST(in("2001:db8::/32", "2001:db8:ffff:ffff::1"));
  BOOST_TEST(!in("2001:db8::/32", "2001:db9::"));
  // A wider network is not inside a narrower one.
  BOOST_TEST(!in("10.1.0.0/16", "10.0.0.0/8"));
  BOOST_TEST(in("10.0.0.0/8", "10.1.0.0/16"));
}

BOOST_AUTO_TEST_CASE(what_is_not_an_address_is_refused) {
  for (const char* bad :
       {"", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "/8", "10.0.0.0/-1", "10.0.0.0/8x",
        "10.0.0.0/1000", "10.0.0", "10.0.0.256", "host.example", " 10.0.0.1", "10.0.0.1 ",
        "10.0.0.0/8/8", "::ffff:10.0.0.1/129", "1.2.3.4\n"}) {
    BOOST_TEST(!networks::parse(bad).has_value(), "'" << bad << "'");
  }
}

BOOST_AUTO_TEST_SUITE_END()

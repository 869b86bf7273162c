// IP addresses and networks as bans name them: parsed with Boost.Asio's address types, kept as
// the network's canonical text and its prefix length. Internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hearth::networks {

// A network: its address with the host bits zeroed ("10.0.0.0", "2001:db8::") and its prefix
// length (0–32 for IPv4, 0–128 for IPv6). A single address is a network of 32 or 128 bits.
struct Network {
  std::string address;
  int prefix = 0;

  bool operator==(const Network&) const = default;
};

// Parses an address ("10.1.2.3", "2001:db8::1") or a network in CIDR notation ("10.0.0.0/8",
// "2001:db8::/32"), with host bits allowed and zeroed. An IPv4-mapped IPv6 address
// ("::ffff:10.1.2.3", with a prefix of 96 or more) is taken as the IPv4 one; an IPv6 scope
// ("%eth0") is dropped. nullopt for anything else: a bad address, a missing or bad prefix after
// '/', a prefix above the family's width, spaces.
std::optional<Network> parse(std::string_view text);

// Whether `network` contains the address `address` (parsed as above; false when it does not
// parse, or is of the other family).
bool contains(const Network& network, const Network& address);

// "10.0.0.0/8"; a single address without its prefix ("10.1.2.3").
std::string to_string(const Network& network);

}  // namespace hearth::networks

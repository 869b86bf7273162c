#include "engine/identity/networks.h"

// Boost 1.74's Asio uses std::exchange without including <utility>; it must come first.
#include <charconv>
#include <utility>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/system/error_code.hpp>

namespace hearth::networks {

namespace ip = boost::asio::ip;

namespace {

constexpr int kV4Bits = 32;
constexpr int kV6Bits = 128;
// The width of the ::ffff:0:0/96 prefix that maps IPv4 into IPv6.
constexpr int kMappedBits = 96;

Network of(const ip::address_v4& address, int prefix) {
  return {ip::network_v4(address, static_cast<unsigned short>(prefix))
              .canonical()
              .network()
              .to_string(),
          prefix};
}

Network of(ip::address_v6 address, int prefix) {
  address.scope_id(0);
  return {ip::network_v6(address, static_cast<unsigned short>(prefix))
              .canonical()
              .network()
              .to_string(),
          prefix};
}

}  // namespace

std::optional<Network> parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  std::string_view host = text.substr(0, slash);
  std::optional<int> prefix;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    int value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || digits.size() > 3 || error != std::errc() ||
        end != digits.data() + digits.size()) {
      return std::nullopt;
    }
    prefix = value;
  }
  if (host.empty() || host.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  boost::system::error_code error;
  const ip::address address = ip::make_address(std::string(host), error);
  if (error) return std::nullopt;
  if (address.is_v4()) {
    const int bits = prefix.value_or(kV4Bits);
    if (bits < 0 || bits > kV4Bits) return std::nullopt;
    return of(address.to_v4(), bits);
  }
  const ip::address_v6 v6 = address.to_v6();
  const int bits = prefix.value_or(kV6Bits);
  if (bits < 0 || bits > kV6Bits) return std::nullopt;
  if (v6.is_v4_mapped() && bits >= kMappedBits) {
    return of(ip::make_address_v4(ip::v4_mapped, v6), bits - kMappedBits);
  }
  return of(v6, bits);
}

bool contains(const Network& network, const Network& address) {
  const std::optional<Network> narrowed =
      parse(address.address + "/" + std::to_string(network.prefix));
  if (!narrowed || address.prefix < network.prefix) return false;
  const bool v6 = network.address.find(':') != std::string::npos;
  const bool address_v6 = address.address.find(':') != std::string::npos;
  return v6 == address_v6 && narrowed->address == network.address;
}

std::string to_string(const Network& network) {
  const int full = network.address.find(':') != std::string::npos ? kV6Bits : kV4Bits;
  if (network.prefix == full) return network.address;
  return network.address + "/" + std::to_string(network.prefix);
}

}  // namespace hearth::networks

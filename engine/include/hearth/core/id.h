// Id and TextId: a number or a text that names one kind of thing (an account, a currency, a
// ledger row, an item; a player, a team) and cannot be passed where another kind is expected.
//
// An Id converts to and from its stored number, so a number a game reads from its own tables is
// accepted where an Id is expected; an AccountId never becomes a CurrencyId, though, because that
// would take two conversions, and comparing two different kinds of Id does not compile.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace hearth {

template <class Tag>
class Id {
 public:
  constexpr Id() = default;

  constexpr Id(std::int64_t value) : value_(value) {}  // NOLINT: implicit, from the stored number

  constexpr operator std::int64_t() const { return value_; }  // NOLINT: implicit, to the number

  constexpr std::int64_t value() const { return value_; }

  friend constexpr bool operator==(Id a, Id b) { return a.value_ == b.value_; }

  template <std::integral Number>
  friend constexpr bool operator==(Id a, Number b) {
    return a.value_ == static_cast<std::int64_t>(b);
  }

  friend constexpr auto operator<=>(Id a, Id b) { return a.value_ <=> b.value_; }
  template <class OtherTag>
  friend bool operator==(Id, Id<OtherTag>) = delete;

 private:
  std::int64_t value_ = 0;
};

// The same for things named by text (a UUID): a player, a team, a dialogue exchange, a region,
// a station, a planet.
template <class Tag>
class TextId {
 public:
  TextId() = default;

  TextId(std::string value) : value_(std::move(value)) {}  // NOLINT: implicit, from the text

  TextId(const char* value) : value_(value) {}  // NOLINT: implicit, from the text

  operator const std::string&() const { return value_; }  // NOLINT: implicit, to the text

  const std::string& value() const { return value_; }

  bool empty() const { return value_.empty(); }

  friend bool operator==(const TextId& a, const TextId& b) { return a.value_ == b.value_; }
  template <class Text>
  requires std::convertible_to<const Text&, std::string_view>

  friend bool operator==(const TextId& a, const Text& b) {
    return std::string_view(a.value_) == std::string_view(b);
  }

  friend auto operator<=>(const TextId& a, const TextId& b) { return a.value_ <=> b.value_; }
  template <class OtherTag>
  friend bool operator==(const TextId&, const TextId<OtherTag>&) = delete;

 private:
  std::string value_;
};

using PlayerId = TextId<struct PlayerTag>;
using TeamId = TextId<struct TeamTag>;
using ExchangeId = TextId<struct ExchangeTag>;  // one exchange of an onboarding dialogue
using RegionId = TextId<struct RegionTag>;
using StationId = TextId<struct StationTag>;
using PlanetId = TextId<struct PlanetTag>;

using AccountId = Id<struct AccountTag>;
using CurrencyId = Id<struct CurrencyTag>;
using TransactionId = Id<struct TransactionTag>;
using RateId = Id<struct RateTag>;
using ItemId = Id<struct ItemTag>;
using BanId = Id<struct BanTag>;
using ContentId = Id<struct ContentTag>;
using OwnershipId = Id<struct OwnershipTag>;
using ClassId = Id<struct ClassTag>;
using QuestId = Id<struct QuestTag>;
using ServerId = Id<struct ServerTag>;
using PlaySessionId = Id<struct PlaySessionTag>;

}  // namespace hearth

// Id: a number that names one kind of thing (an account, a currency, a ledger row, an item) and
// cannot be passed where another kind is expected.
//
// An Id converts to and from its stored number, so a number a game reads from its own tables is
// accepted where an Id is expected; an AccountId never becomes a CurrencyId, though, because that
// would take two conversions, and comparing two different kinds of Id does not compile.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>

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

using AccountId = Id<struct AccountTag>;
using CurrencyId = Id<struct CurrencyTag>;
using TransactionId = Id<struct TransactionTag>;
using RateId = Id<struct RateTag>;
using ItemId = Id<struct ItemTag>;

}  // namespace hearth

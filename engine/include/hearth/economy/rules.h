// The numbers of money and items (Rules::ledger, Rules::inventory).
#pragma once

#include <cstdint>

namespace hearth {

// Money.
struct LedgerRules {
  // A conversion that divides (a rate destination → source used backwards, e.g. fragments into
  // credits) leaves what is not a whole destination unit in the source account; when true, such
  // an amount is refused instead: it must be an exact multiple of the ratio.
  bool exact_conversions = false;

  bool operator==(const LedgerRules&) const = default;
};

// Items.
struct InventoryRules {
  // Distinct items a user may hold, and the quantity of one stack. 0 = no limit.
  std::int64_t max_slots = 0;
  std::int64_t max_stack_size = 0;

  bool operator==(const InventoryRules&) const = default;
};

}  // namespace hearth

// Game::check: every concern's invariants, read in one snapshot.
#include "engine/catalog/catalog_internal.h"
#include "engine/economy/inventory_internal.h"
#include "engine/economy/ledger_internal.h"
#include "engine/progression/timers_internal.h"
#include "engine/social/teams_internal.h"

#include "hearth/game.h"

namespace hearth {

namespace {

const char* rule_of(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::NotConserved:
      return "ledger.conserved";
    case ViolationKind::BalanceMismatch:
      return "ledger.balance";
    case ViolationKind::ForbiddenNegative:
      return "ledger.negative";
    case ViolationKind::BadReversal:
      return "ledger.reversal";
  }
  return "ledger";
}

}  // namespace

std::vector<Violation> Game::check() const {
  return core_->read([](Reader& reader) {
    std::vector<Violation> found;
    for (LedgerViolation& violation : ledger::find_violations(reader)) {
      found.push_back({rule_of(violation.kind), std::move(violation.detail)});
    }
    for (InventoryViolation& violation : inventory::find_violations(reader)) {
      found.push_back({"inventory.history", std::move(violation.detail)});
    }
    for (auto* more : {catalog::ownership_violations, teams::violations, timer_violations}) {
      for (Violation& violation : more(reader)) found.push_back(std::move(violation));
    }
    return found;
  });
}

}  // namespace hearth

// The numbers of the catalog (Rules::catalog).
#pragma once

#include "hearth/core/clock.h"

namespace hearth {

struct CatalogRules {
  // How long a trade waits for its recipient before the tick ends it.
  GameTime trade_lifetime = 7 * kDay;

  bool operator==(const CatalogRules&) const = default;
};

}  // namespace hearth

// The numbers of the catalog (Rules::catalog).
#pragma once

#include "hearth/core/clock.h"

namespace hearth {

struct CatalogRules {
  // How long a trade waits for its recipient before the tick ends it.
  GameTime trade_lifetime = 7 * kDay;
  // Whether new revisions wait for a moderator before they are shown (false: shown at once).
  bool review_revisions = false;
  // How long the ban a rejection "with penalty" gives the author lasts.
  GameTime penalty_ban = 7 * kDay;

  bool operator==(const CatalogRules&) const = default;
};

}  // namespace hearth

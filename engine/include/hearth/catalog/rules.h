// The numbers of the catalog (Rules::catalog).
#pragma once

#include <cstdint>

#include "hearth/core/clock.h"

namespace hearth {

struct CatalogRules {
  // How long a trade waits for its recipient before the tick ends it.
  GameTime trade_lifetime = 7 * kDay;
  // Whether new revisions wait for a moderator before they are shown (false: shown at once).
  bool review_revisions = false;
  // How long the ban a rejection "with penalty" gives the author lasts.
  GameTime penalty_ban = 7 * kDay;
  // The largest asset a game file takes, in bytes.
  std::int64_t max_asset_bytes = 64 * 1024 * 1024;

  bool operator==(const CatalogRules&) const = default;
};

}  // namespace hearth

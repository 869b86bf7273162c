// The relations concern's internal API: what other concerns ask of blocks (messages, trades, team
// invitations refuse a pair with a block either way). Internal.
#pragma once

#include "engine/core/command.h"

namespace hearth::relations {

// Whether either user has blocked the other.
bool blocked_either(Reader& reader, const PlayerId& a, const PlayerId& b);

// Whether the two are friends (an accepted request, either way).
bool are_friends(Reader& reader, const PlayerId& a, const PlayerId& b);

// NotAllowed ("One of you has blocked the other.") when either has blocked the other; the same
// sentence whichever did, so that a blocked user cannot tell.
Outcome check_not_blocked(Reader& reader, const PlayerId& a, const PlayerId& b);

}  // namespace hearth::relations

// The registry of time-driven rules. The order matters where one rule reads what another moves:
// team recalculations read members' standings in closed form, before decay materialises them.
#include "engine/catalog/catalog_internal.h"
#include "engine/core/tick.h"
#include "engine/economy/loot_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/accounts_internal.h"
#include "engine/progression/timers_internal.h"
#include "engine/progression/turns_internal.h"
#include "engine/social/messages_internal.h"
#include "engine/standing/personal_reputation_internal.h"
#include "engine/standing/reputation_internal.h"
#include "engine/standing/team_reputation_internal.h"

namespace hearth {

namespace {

constexpr TimeRule kTimeRules[] = {
    {"team reputation recalculations", "SELECT min(next_recalculation_at) FROM team_reputations",
     tick_team_reputation},
    {"faction reputation: lock expiry",
     "SELECT min(lock_expires_at) FROM reputations WHERE lock_expires_at IS NOT NULL",
     tick_reputation_locks},
    {"faction reputation: decay",
     "SELECT min(decay_event_at) FROM reputations WHERE decay_event_at IS NOT NULL",
     tick_reputation_decay, reschedule_reputation_decay},
    {"personal reputation: the weekly sweep",
     "SELECT min(personal_reputation_event_at) FROM players "
     "WHERE personal_reputation_event_at IS NOT NULL",
     tick_personal_reputation, reschedule_personal_reputation_decay},
    {"turn pools reaching their cap",
     "SELECT min(turns_full_at) FROM players WHERE turns_full_at IS NOT NULL", tick_turns},
    {"subscription expiry",
     "SELECT min(subscription_expires_at) FROM users WHERE subscription_status IN ('active', "
     "'cancelled') AND subscription_expires_at IS NOT NULL",
     tick_subscriptions},
    {"ban expiry",
     "SELECT min(expires_at) FROM bans WHERE ended_at IS NULL AND expires_at IS NOT NULL",
     access::tick_bans},
    {"the host privilege at an account age",
     "SELECT min(host_due_at) FROM users WHERE host_due_at IS NOT NULL", access::tick_host,
     access::reschedule_host},
    {"timed content ownership",
     "SELECT min(expires_at) FROM content_ownerships WHERE expires_at IS NOT NULL AND "
     "ended_at IS NULL",
     catalog::tick_ownership_expiry},
    {"trade expiry",
     "SELECT min(expires_at) FROM trades WHERE status IN ('sent', 'opened') AND expires_at IS "
     "NOT NULL",
     catalog::tick_trades},
    {"message purge", "SELECT min(purge_at) FROM messages WHERE purge_at IS NOT NULL",
     messages::tick_purge},
    {"loot drop expiry",
     "SELECT min(expires_at) FROM lootdrops WHERE claimed_at IS NULL AND expired_at IS NULL",
     loot::tick_expiry},
    {"timer, effect and access expiry",
     "SELECT min(expires_at) FROM user_timers WHERE expired_at IS NULL", tick_timers},
};

}  // namespace

std::span<const TimeRule> time_rules() { return kTimeRules; }

}  // namespace hearth

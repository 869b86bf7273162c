// The catalog concern's internal API: what its two files share, and its part in the tick.
// Internal.
#pragma once

#include <optional>
#include <vector>

#include "engine/core/command.h"
#include "engine/core/query.h"

#include "hearth/catalog/catalog.h"

namespace hearth::catalog {

// A piece of content as stored; nullopt when there is none.
std::optional<ContentView> load(Reader& reader, ContentId content);

// Whether `viewer` may see the content (its author always; others when it is published, not
// restricted, and public, unlisted, or friends-only with the viewer a friend).
bool visible(Reader& reader, const ContentView& content, const PlayerId& viewer);

// Shows a revision's name and description on its content.
void show_revision(Command& command, ContentId content, const std::string& name,
                   const std::string& description, const PlayerId& by);

// The columns read_revisions() reads.
constexpr const char* kRevisionColumns =
    "SELECT id, content_id, ifnull(name, ''), ifnull(description, ''), user_id, created_at, "
    "status, forwarded FROM content_revisions ";

// Every revision a query over kRevisionColumns gives.
std::vector<RevisionView> read_revisions(Query& query);

// The content's prices, by currency.
std::vector<Price> prices(Reader& reader, ContentId content);

// Whether `user` owns a copy of the content now (its author's copy counts).
bool owns(Reader& reader, const PlayerId& user, ContentId content);

// Gives a new content's author their own copy (no serial).
void open_author_copy(Command& command, ContentId content, const PlayerId& author);

// Ends the open link `id` of a numbered instance and opens the next one for `to` (same serial
// and expiry, pointing back). Refuses a link that is not open or not numbered (NotFound) and a
// receiver who owns the content already (AlreadyDone).
Outcome pass_on(Command& command, OwnershipId id, const PlayerId& to, OwnershipSource source);

// Takes `content` off every character of `owner` (its ownership ended).
void take_off_everywhere(Command& command, ContentId content, const PlayerId& owner);

// The tick: trades unanswered by their expiry end as expired, each journaled once
// ("trade.expired").
void tick_trades(Command& command, GameTime to);

// The tick: timed ownerships whose expiry has come end, each journaled once
// ("catalog.ownership_expired").
void tick_ownership_expiry(Command& command, GameTime to);

// Content instances with more than one open owner, or an open link past its expiry at the time
// the file has reached (Game::check).
std::vector<Violation> ownership_violations(Reader& reader);

}  // namespace hearth::catalog

// The catalog: content that players create (wearables, creator assets, games, comments...), its
// revisions, privacy and prices; buying it (an ownership with a serial) and giving it away (the
// ownership chain).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"

namespace hearth {

class Core;

// What a piece of content is. The privilege creating it needs: Character → "create:character";
// Front, Back → "create:clothing"; Hat, Accessory, Tool → "create:accessory"; Comment, Status →
// "community"; the rest (Content, Mesh, Texture, GameObject, Sound, Animation, Game, World) →
// "create:game".
enum class ContentType {
  Content,
  Character,
  Hat,
  Accessory,
  Front,
  Back,
  Tool,
  Mesh,
  Texture,
  GameObject,
  Sound,
  Animation,
  Comment,
  Status,
  Game,
  World,
};

// Who sees a piece of content: everyone; the author's friends; whoever has its id (not listed);
// the author only.
enum class Privacy { Public, Friends, Unlisted, Private };

// The words the file stores: "content", "character", "hat"...; "public", "friends"...
std::string_view to_string(ContentType type);
std::string_view to_string(Privacy privacy);

struct NewContent {
  PlayerId author;
  ContentType type = ContentType::Content;
  std::string name;         // 1 to 255 characters
  std::string description;  // at most 10,000 characters
  ContentId parent;         // 0 for none; a comment's parent is what it comments on
  std::string license;      // at most 255 characters
  bool open_source = false;
  std::optional<std::int64_t> stock;  // how many can ever be sold; nullopt: no limit
  Privacy privacy = Privacy::Public;
};

struct ContentView {
  ContentId id;
  ContentType type = ContentType::Content;
  std::string name;
  std::string description;
  PlayerId author;
  ContentId parent;
  std::string license;
  bool open_source = false;
  std::optional<std::int64_t> stock;
  Privacy privacy = Privacy::Public;
  bool published = false;
  bool on_sale = false;
  bool restricted = false;
  bool comments_enabled = true;
  std::int64_t revisions = 0;
  std::int64_t sold = 0;  // serials handed out
  GameTime created_at = 0;

  bool operator==(const ContentView&) const = default;
};

// Where a revision stands: waiting for a moderator, shown, or turned down.
enum class RevisionStatus { Pending, Approved, Rejected };

// One revision: what an edit said, by whom, when, and what moderation made of it.
struct RevisionView {
  std::int64_t id = 0;
  ContentId content;
  std::string name;
  std::string description;
  PlayerId author;
  GameTime created_at = 0;
  RevisionStatus status = RevisionStatus::Approved;
  bool forwarded = false;

  bool operator==(const RevisionView&) const = default;
};

// Why a revision is turned down.
enum class RejectionReason { Tos, Illegal, Dmca, Other };

// A moderator's decision on a pending revision.
struct Moderation {
  enum class Action { Approve, Reject, Forward };
  Action action = Action::Approve;
  RejectionReason reason = RejectionReason::Other;  // for Reject
  std::string description;                          // at most 2,000 characters
  bool penalty = false;       // Reject: the author is banned for Rules::catalog.penalty_ban
  bool asset_delete = false;  // Reject: the revision's attached assets are removed
  bool restrict = false;      // Reject: the content is restricted (hidden) as well
};

// A price of content in one currency (whole or denom).
struct Price {
  CurrencyId currency;
  std::int64_t amount = 0;

  bool operator==(const Price&) const = default;
};

// How someone came to own an instance.
enum class OwnershipSource { Author, Purchase, Trade, Gift };

// One link of an instance's ownership chain.
struct OwnershipView {
  OwnershipId id;
  ContentId content;
  std::optional<std::int64_t> serial;  // nullopt for the author's own copy
  PlayerId owner;
  OwnershipSource source = OwnershipSource::Purchase;
  OwnershipId previous;  // 0 for the first link
  std::optional<Price> paid;
  TransactionId transaction;  // the payment's ledger row; 0 when free or not bought
  GameTime since = 0;
  std::optional<GameTime> ended_at;    // nullopt while it is the instance's owner now
  std::optional<GameTime> expires_at;  // a timed ownership

  bool operator==(const OwnershipView&) const = default;
};

// One side of a trade: numbered instances of content, item stacks, money.
struct TradeSide {
  std::vector<OwnershipId> ownerships;
  std::vector<std::pair<ItemId, std::int64_t>> items;  // item and quantity (> 0)
  std::vector<Price> money;                            // amounts > 0, one per currency

  bool operator==(const TradeSide&) const = default;
};

struct NewTrade {
  PlayerId sender;
  PlayerId recipient;
  TradeSide offered;        // what the sender gives
  TradeSide asked;          // what the recipient gives in return
  std::string description;  // at most 500 characters
};

// Where a trade stands. Sent and Opened wait for the recipient; the others are final.
enum class TradeStatus { Sent, Opened, Confirmed, Rejected, Cancelled, ReturnedToSender, Expired };

struct TradeView {
  std::int64_t id = 0;
  PlayerId sender;
  PlayerId recipient;
  TradeStatus status = TradeStatus::Sent;
  TradeSide offered;
  TradeSide asked;
  std::string description;
  GameTime created_at = 0;
  GameTime expires_at = 0;

  bool operator==(const TradeView&) const = default;
};

enum class Vote { Up, Down };

// How a report ended: still open, or closed (nothing to do), invalid (unfounded), resolved
// (acted on).
enum class ReportStatus { Open, Closed, Invalid, Resolved };

struct ReportView {
  std::int64_t id = 0;
  ContentId content;
  PlayerId reporter;
  std::string reason;
  std::string description;
  ReportStatus status = ReportStatus::Open;
  PlayerId moderator;  // empty while open
  std::string notes;
  GameTime created_at = 0;

  bool operator==(const ReportView&) const = default;
};

// What players think of a piece of content.
struct Reception {
  std::int64_t favorites = 0;
  std::int64_t up = 0;
  std::int64_t down = 0;

  bool operator==(const Reception&) const = default;
};

// A stored file: a texture, a mesh, a sound... Its bytes live in the game file, once however many
// assets carry the same bytes (content-addressed by SHA-256).
struct AssetView {
  std::string id;
  PlayerId owner;
  std::string name;
  std::string mime_type;
  std::int64_t size = 0;
  std::string sha256;
  bool is_public = false;
  GameTime created_at = 0;

  bool operator==(const AssetView&) const = default;
};

// A file to store, read from `read` in pieces: each call fills the front of the span it is given
// and returns how many bytes it put there (0 at the end). It must give exactly `size` bytes.
struct NewAsset {
  PlayerId owner;
  std::string name;       // 1 to 255 characters
  std::string mime_type;  // at most 255 characters
  bool is_public = false;
  std::int64_t size = 0;  // 0 to Rules::catalog.max_asset_bytes
  std::function<std::size_t(std::span<std::byte>)> read;
};

// What an attached asset is to a revision.
enum class AssetType {
  Image,
  Texture,
  Texture3d,
  Mesh,
  Animation,
  GameObject,
  World,
  Character,
  Sound
};

// A game's settings: whether it is hosted, how many players a session takes.
struct GameSettings {
  bool hosted = false;
  std::int64_t max_players = 16;  // 1 to 1000

  bool operator==(const GameSettings&) const = default;
};

// What a game supports: characters, their features, chat; a flag may name one content item.
enum class GameSupport { Character, CharacterFeatures, Chat };

// A character: a user's avatar built on a character model (content of type Character).
struct CharacterView {
  std::int64_t id = 0;
  PlayerId owner;
  ContentId model;
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;  // name → value, by name
  std::vector<ContentId> worn;                                  // by content id

  bool operator==(const CharacterView&) const = default;
};

// What a character property holds; the value is checked against it.
enum class PropertyType { String, Integer, Number, Boolean, Color, Content, Json };

// Where a wearable goes and how many a character wears there at once: front (shirt) 1, back
// (pants) 1, hat 5, accessory (body) 5, tool 1.
std::int64_t slots_for(ContentType type);

// Obtain it from Game::catalog(); it is a light handle.
class Catalog {
 public:
  explicit Catalog(Core& core) : core_(core) {}

  // Creates content (unpublished, not on sale) with its first revision (pending when the game
  // reviews revisions: Rules::catalog.review_revisions); the author owns a copy
  // (no serial). Refuses the author without the type's privilege, a name, description or license
  // out of its limits, a parent the author cannot see, a negative stock, and a comment whose
  // parent is closed to comments (NotAllowed). Journals "catalog.created".
  Result<ContentView> create(const NewContent& content);

  // The author edits: a new revision with the name and description given, shown at once or, when
  // the game reviews revisions, once approved. Refuses anyone but the author (NotAllowed), limits
  // as create. Journals "catalog.revised".
  Outcome edit(const PlayerId& author, ContentId content, const std::string& name,
               const std::string& description);

  // The author publishes or withdraws it, sets its privacy, puts it on sale or takes it off,
  // sets or removes a price (a currency without a price row is not sold in; no price at all:
  // free when on sale). Refuses anyone but the author, a change that changes nothing
  // (AlreadyDone), a negative price, an unknown currency.
  Outcome publish(const PlayerId& author, ContentId content, bool published);
  Outcome set_privacy(const PlayerId& author, ContentId content, Privacy privacy);
  Outcome set_on_sale(const PlayerId& author, ContentId content, bool on_sale);
  Outcome set_comments(const PlayerId& author, ContentId content, bool enabled);
  Outcome set_price(const PlayerId& author, ContentId content, const Price& price);
  Outcome remove_price(const PlayerId& author, ContentId content, CurrencyId currency);

  // A moderator ("contentmod"; "contentedit" for a forwarded revision) decides on a pending
  // revision: approves it (the content shows it), rejects it (with a reason; optionally banning
  // the author, removing its assets, restricting the content), or forwards it to a reviewer with
  // "contentedit". Refuses a revision that is not pending (AlreadyDone), a moderator deciding on
  // their own content. Journals "catalog.moderated".
  Outcome moderate(const PlayerId& moderator, std::int64_t revision, const Moderation& decision);

  // Revisions waiting for a moderator, oldest first.
  std::vector<RevisionView> pending_revisions(int limit = 50) const;

  // The game hides content (restricted: nobody but its author sees or buys it) or shows it again.
  Outcome restrict(ContentId content, bool restricted);

  // The content as `viewer` may see it: nullopt when it does not exist or the viewer may not see
  // it (unpublished, restricted, private, friends-only and not a friend; the author sees all).
  std::optional<ContentView> find(const PlayerId& viewer, ContentId content) const;

  std::vector<RevisionView> revisions(ContentId content) const;
  std::vector<Price> prices(ContentId content) const;

  // Buys content in `currency` (a player command: "shop"): the payment goes through the ledger
  // to the currency's sink, and the buyer gets the next serial (1, 2, ... up to the stock, never
  // reused). Refuses content the buyer may not see, not on sale, sold out, owned by the buyer
  // already, not priced in `currency` while priced in others, and a short balance
  // (InsufficientFunds). Journals "catalog.bought".
  Result<OwnershipView> buy(const PlayerId& buyer, ContentId content, CurrencyId currency);

  // The owner of an instance gives it to another player (a player command: "trade"): the
  // owner's link ends and the new owner's starts, pointing back, with the same serial. Refuses an
  // ownership that is not the giver's open one, an author's copy, a receiver who owns the content
  // already, a block between the two, and giving to oneself. Journals "catalog.given".
  Result<OwnershipView> give(const PlayerId& giver, OwnershipId ownership, const PlayerId& to);

  // The game grants an instance (the next serial, free), for good or until `expires_at`, when the
  // tick ends it, once ("catalog.ownership_expired"). Refuses what buy refuses but the price and
  // the sale. Journals "catalog.granted".
  Result<OwnershipView> grant(ContentId content, const PlayerId& to,
                              std::optional<GameTime> expires_at = std::nullopt);

  // What `user` owns now, by content and serial.
  std::vector<OwnershipView> owned(const PlayerId& user) const;

  // Whether `user` owns a copy of the content now.
  bool owns(const PlayerId& user, ContentId content) const;

  // The chain of an instance, from its first owner to its latest.
  std::vector<OwnershipView> provenance(ContentId content, std::int64_t serial) const;

  // Marks content a favorite of `user` ("community"), once; takes it back. Refuses content the
  // user may not see (NotFound), a favorite already there or not there (AlreadyDone / NotFound).
  Outcome favorite(const PlayerId& user, ContentId content);
  Outcome unfavorite(const PlayerId& user, ContentId content);

  // Votes content up or down ("community"), one vote per user, changeable; only a player who
  // owns an instance may vote (its author may not). Refuses the same vote again (AlreadyDone).
  Outcome vote(const PlayerId& user, ContentId content, Vote vote);

  // Favorites and votes of a piece of content.
  Reception reception(ContentId content) const;

  // Reports content ("report", which a full ban leaves): a reason of 1 to 100 characters and a
  // description of at most 2,000. Refuses content the user may not see. Journals
  // "catalog.reported".
  Result<ReportView> report(const PlayerId& user, ContentId content, const std::string& reason,
                            const std::string& description);

  // A moderator ("contentmod") ends an open report as Closed, Invalid or Resolved, with notes
  // (at most 2,000 characters). Refuses an unknown report, one ended already (AlreadyDone), Open.
  // Journals "catalog.report_ended".
  Outcome end_report(const PlayerId& moderator, std::int64_t report, ReportStatus status,
                     const std::string& notes);

  // Open reports, oldest first, for a moderator's queue.
  std::vector<ReportView> open_reports(int limit = 50) const;

  // Stores a file for its owner (a player command: "web"), in pieces of at most 64 KiB, never
  // whole in memory. Refuses a name or type out of limits, a size above
  // Rules::catalog.max_asset_bytes, and a reader that gives more or fewer bytes than `size`
  // (InvalidArgument), writing nothing. Journals "catalog.asset_stored".
  Result<AssetView> store_asset(const NewAsset& asset);

  // Hands the asset's bytes to `sink` in pieces of at most 64 KiB, in order, and returns how
  // many there were. Refuses (NotFound, as if there were none) a private asset `reader` may not
  // read: only its owner, or a viewer of content it is attached to, may.
  Result<std::int64_t> read_asset(
      const PlayerId& reader, const std::string& asset,
      const std::function<void(std::span<const std::byte>)>& sink) const;

  // The author attaches one of their assets to their content's newest revision, as `type` at
  // `index` (≥ 0). Refuses someone else's content or asset (NotAllowed), an unknown one.
  Outcome attach_asset(const PlayerId& author, ContentId content, const std::string& asset,
                       AssetType type, std::int64_t index = 0);

  // An asset's description; nullopt for an unknown one.
  std::optional<AssetView> asset(const std::string& asset) const;

  // The author sets a game's settings, or one support flag (optionally for one content item).
  // Refuses content that is not a game (InvalidArgument), anyone but its author, max_players out
  // of range.
  Outcome set_game(const PlayerId& author, ContentId game, const GameSettings& settings);
  Outcome set_support(const PlayerId& author, ContentId game, GameSupport flag, bool enabled,
                      ContentId content = 0);
  std::optional<GameSettings> game_settings(ContentId game) const;
  // The content item an enabled support flag of the game names (the latest set); nullopt when
  // none: e.g. the character model a LAN host gives its players.
  std::optional<ContentId> supported(ContentId game, GameSupport flag) const;

  // A player makes a character on a model they own (content of type Character; "play"). A name
  // of at most 50 characters. Journals "catalog.character_created".
  Result<CharacterView> create_character(const PlayerId& owner, ContentId model,
                                         const std::string& name);

  // Sets a property of the owner's character (name 1 to 255 characters; the value checked
  // against its type: integer, number, boolean "true"/"false", colour "#RRGGBB", content id,
  // JSON).
  Outcome set_property(const PlayerId& owner, std::int64_t character, const std::string& name,
                       PropertyType type, const std::string& value);

  // Wears or takes off a wearable. Wearing refuses an item the owner does not own now, one that
  // is not wearable, one made for another model (a wearable whose parent is a character model
  // fits only that model), a full slot (slots_for), one worn already. A worn item comes off by
  // itself when its ownership ends (a gift, a trade, an expiry).
  Outcome wear(const PlayerId& owner, std::int64_t character, ContentId item);
  Outcome take_off(const PlayerId& owner, std::int64_t character, ContentId item);

  std::optional<CharacterView> character(std::int64_t character) const;
  // The ids of the user's characters, oldest first.
  std::vector<std::int64_t> characters_of(const PlayerId& owner) const;

  // Proposes a trade (a player command of the sender; both sides need "trade"). Every leg must
  // be there now: the sender's instances and stacks for `offered`, the recipient's for `asked`,
  // money amounts positive. Refuses a trade with oneself, across a block, with no leg, an
  // author's copy, a leg twice. It waits until Rules::catalog.trade_lifetime passes, when the
  // tick ends it ("trade.expired"). Journals "trade.sent".
  Result<TradeView> propose(const NewTrade& trade);

  // The recipient opens a sent trade ("trade.opened"), confirms it, or rejects it
  // ("trade.rejected"); the sender cancels it ("trade.cancelled"). Each refuses anyone else and
  // a trade that is final (AlreadyDone).
  Outcome open(const PlayerId& recipient, std::int64_t trade);
  Outcome reject(const PlayerId& recipient, std::int64_t trade);
  Outcome cancel(const PlayerId& sender, std::int64_t trade);

  // Confirms: every leg moves in this one command, or none does. When a leg the sender offered
  // is gone, the trade is ReturnedToSender instead ("trade.returned"; the answer says so). A leg
  // the recipient cannot give refuses the confirmation (writing nothing). Journals
  // "trade.confirmed".
  Result<TradeView> confirm(const PlayerId& recipient, std::int64_t trade);

  std::optional<TradeView> trade(std::int64_t trade) const;

  // The trades waiting on or from `user`, oldest first.
  std::vector<TradeView> open_trades(const PlayerId& user) const;

 private:
  Core& core_;
};

// The event types the catalog journals (payloads: docs/rules.md).
struct CatalogEvents {
  static constexpr std::string_view kCreated = "catalog.created";
  static constexpr std::string_view kRevised = "catalog.revised";
  static constexpr std::string_view kChanged = "catalog.changed";
  static constexpr std::string_view kBought = "catalog.bought";
  static constexpr std::string_view kGiven = "catalog.given";
  static constexpr std::string_view kGranted = "catalog.granted";
  static constexpr std::string_view kOwnershipExpired = "catalog.ownership_expired";
  static constexpr std::string_view kReported = "catalog.reported";
  static constexpr std::string_view kReportEnded = "catalog.report_ended";
  static constexpr std::string_view kModerated = "catalog.moderated";
  static constexpr std::string_view kAssetStored = "catalog.asset_stored";
  static constexpr std::string_view kCharacterCreated = "catalog.character_created";
};

struct TradeEvents {
  static constexpr std::string_view kSent = "trade.sent";
  static constexpr std::string_view kOpened = "trade.opened";
  static constexpr std::string_view kConfirmed = "trade.confirmed";
  static constexpr std::string_view kRejected = "trade.rejected";
  static constexpr std::string_view kCancelled = "trade.cancelled";
  static constexpr std::string_view kReturned = "trade.returned";
  static constexpr std::string_view kExpired = "trade.expired";
};

}  // namespace hearth

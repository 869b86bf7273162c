#include "hearth/catalog/catalog.h"

#include <array>
#include <utility>

#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/social/relations_internal.h"

#include "hearth/game.h"

namespace hearth {

Catalog Game::catalog() { return Catalog(*core_); }

namespace {

constexpr std::array<std::pair<ContentType, std::string_view>, 16> kTypes = {{
    {ContentType::Content, "content"},
    {ContentType::Character, "character"},
    {ContentType::Hat, "hat"},
    {ContentType::Accessory, "accessory"},
    {ContentType::Front, "front"},
    {ContentType::Back, "back"},
    {ContentType::Tool, "tool"},
    {ContentType::Mesh, "mesh"},
    {ContentType::Texture, "texture"},
    {ContentType::GameObject, "gameobject"},
    {ContentType::Sound, "sound"},
    {ContentType::Animation, "animation"},
    {ContentType::Comment, "comment"},
    {ContentType::Status, "status"},
    {ContentType::Game, "game"},
    {ContentType::World, "world"},
}};

constexpr std::array<std::pair<Privacy, std::string_view>, 4> kPrivacies = {{
    {Privacy::Public, "public"},
    {Privacy::Friends, "friends"},
    {Privacy::Unlisted, "unlisted"},
    {Privacy::Private, "private"},
}};

constexpr std::int64_t kMaxName = 255;
constexpr std::int64_t kMaxDescription = 10000;
constexpr std::int64_t kMaxLicense = 255;

ContentType type_named(const std::string& name) {
  for (const auto& [type, word] : kTypes) {
    if (word == name) return type;
  }
  return ContentType::Content;
}

Privacy privacy_named(const std::string& name) {
  for (const auto& [privacy, word] : kPrivacies) {
    if (word == name) return privacy;
  }
  return Privacy::Private;
}

// The privilege creating content of `type` needs.
std::string_view privilege_for(ContentType type) {
  switch (type) {
    case ContentType::Character:
      return "create:character";
    case ContentType::Front:
    case ContentType::Back:
      return "create:clothing";
    case ContentType::Hat:
    case ContentType::Accessory:
    case ContentType::Tool:
      return "create:accessory";
    case ContentType::Comment:
    case ContentType::Status:
      return "community";
    default:
      return "create:game";
  }
}

// What a new revision starts as: shown at once, or waiting for a moderator.
const char* new_revision_status(Reader& reader) {
  return reader.rules().catalog.review_revisions ? "pending" : "approved";
}

Outcome check_text(const std::string& name, const std::string& description) {
  if (Outcome valid = text::check("A name", name, 1, kMaxName); !valid) return valid;
  return text::check_optional("A description", description, kMaxDescription);
}

// The author's own content: NotFound when there is none, NotAllowed for anyone but its author.
Outcome check_author(Reader& reader, const PlayerId& author, ContentId content) {
  if (Outcome may = access::require(reader, author, "web"); !may) return may;
  Query query(reader, "SELECT ifnull(user_id, '') FROM content WHERE id = ?", content.value());
  if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such content.");
  if (query.text(0) != author.value()) {
    return Outcome::refused(Refusal::NotAllowed, "Only the content's author changes it.");
  }
  return {};
}

// Sets one flag or word of the author's content; AlreadyDone when it holds it already.
Outcome set_column(Core& core, const PlayerId& author, ContentId content, const char* column,
                   const std::string& value, std::string_view what) {
  return core.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_author(command, author, content); !mine) return mine;
    Query update(command,
                 fmt::format("UPDATE content SET {0} = ?1, updated_at = ?2, updated_by = ?3 "
                             "WHERE id = ?4 AND {0} IS NOT ?1",
                             column),
                 value, command.now(), author, content.value());
    update.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("The content is {} already.", what));
    }
    command.emit(CatalogEvents::kChanged, author, "",
                 Payload().add("content", content.value()).add(column, value).str());
    return {};
  });
}

}  // namespace

std::string_view to_string(ContentType type) {
  for (const auto& [known, word] : kTypes) {
    if (known == type) return word;
  }
  return "";
}

std::string_view to_string(Privacy privacy) {
  for (const auto& [known, word] : kPrivacies) {
    if (known == privacy) return word;
  }
  return "";
}

std::optional<ContentView> catalog::load(Reader& reader, ContentId content) {
  Query query(reader,
              "SELECT c.id, c.type, c.name, c.description, ifnull(c.user_id, ''), "
              "ifnull(c.parent_id, 0), ifnull(c.license, ''), c.open_source, c.stock, c.privacy, "
              "c.published, c.onsale, c.restricted, c.comments_enabled, (SELECT count(*) FROM "
              "content_revisions r "
              "WHERE r.content_id = c.id), (SELECT ifnull(max(serial), 0) FROM "
              "content_ownerships o WHERE o.content_id = c.id), c.created_at FROM content c "
              "WHERE c.id = ?",
              content.value());
  if (!query.step()) return std::nullopt;
  ContentView view;
  view.id = query.integer(0);
  view.type = type_named(query.text(1));
  view.name = query.text(2);
  view.description = query.text(3);
  view.author = query.text(4);
  view.parent = query.integer(5);
  view.license = query.text(6);
  view.open_source = query.flag(7);
  if (!query.is_null(8)) view.stock = query.integer(8);
  view.privacy = privacy_named(query.text(9));
  view.published = query.flag(10);
  view.on_sale = query.flag(11);
  view.restricted = query.flag(12);
  view.comments_enabled = query.flag(13);
  view.revisions = query.integer(14);
  view.sold = query.integer(15);
  view.created_at = query.integer(16);
  return view;
}

void catalog::show_revision(Command& command, ContentId content, const std::string& name,
                            const std::string& description, const PlayerId& by) {
  Query update(command,
               "UPDATE content SET name = ?1, description = ?2, updated_at = ?3, updated_by = "
               "NULLIF(?4, '') WHERE id = ?5",
               name, description, command.now(), by, content.value());
  update.exec();
}

bool catalog::visible(Reader& reader, const ContentView& content, const PlayerId& viewer) {
  if (content.author == viewer) return true;
  if (!content.published || content.restricted) return false;
  Query approved(reader,
                 "SELECT 1 FROM content_revisions WHERE content_id = ? AND status = 'approved'",
                 content.id.value());
  if (!approved.step()) return false;
  switch (content.privacy) {
    case Privacy::Public:
    case Privacy::Unlisted:
      return true;
    case Privacy::Friends:
      return relations::are_friends(reader, content.author, viewer);
    case Privacy::Private:
      return false;
  }
  return false;
}

Result<ContentView> Catalog::create(const NewContent& content) {
  if (to_string(content.type).empty() || to_string(content.privacy).empty()) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown content type or privacy.");
  }
  if (Outcome valid = check_text(content.name, content.description); !valid) return valid;
  if (Outcome valid = text::check_optional("A license", content.license, kMaxLicense); !valid) {
    return valid;
  }
  if (content.stock && *content.stock < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "A stock is 0 or more.");
  }
  return core_.run([&](Command& command) -> Result<ContentView> {
    if (Outcome may = access::require(command, content.author, privilege_for(content.type)); !may) {
      return may;
    }
    const std::optional<ContentView> parent =
        content.parent != 0 ? catalog::load(command, content.parent) : std::nullopt;
    if (content.parent != 0 && (!parent || !catalog::visible(command, *parent, content.author))) {
      return Outcome::refused(Refusal::NotFound, "There is no such parent content.");
    }
    if (content.type == ContentType::Comment && (!parent || !parent->comments_enabled)) {
      return Outcome::refused(Refusal::NotAllowed,
                              "A comment goes under content that takes comments.");
    }
    Query insert(command,
                 "INSERT INTO content (name, description, user_id, parent_id, privacy, type, "
                 "open_source, stock, license, created_by, created_at, updated_at) VALUES (:name, "
                 ":description, :author, NULLIF(:parent, 0), :privacy, :type, :open, :stock, "
                 "NULLIF(:license, ''), :author, :now, :now)",
                 named(":name", content.name), named(":description", content.description),
                 named(":author", content.author.value()), named(":parent", content.parent.value()),
                 named(":privacy", to_string(content.privacy)),
                 named(":type", to_string(content.type)), named(":open", content.open_source),
                 named(":stock", content.stock), named(":license", content.license),
                 named(":now", command.now()));
    insert.exec();
    const ContentId id = command.last_insert_id();
    Query revision(command,
                   "INSERT INTO content_revisions (content_id, user_id, name, description, "
                   "status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                   id.value(), content.author, content.name, content.description,
                   new_revision_status(command), command.now());
    revision.exec();
    if (content.type == ContentType::Game) {
      Query game(command, "INSERT INTO games (id) VALUES (?)", id.value());
      game.exec();
    }
    catalog::open_author_copy(command, id, content.author);
    command.emit(CatalogEvents::kCreated, content.author, content.author,
                 Payload()
                     .add("content", id.value())
                     .add("type", to_string(content.type))
                     .add("name", content.name)
                     .str());
    return *catalog::load(command, id);
  });
}

Outcome Catalog::edit(const PlayerId& author, ContentId content, const std::string& name,
                      const std::string& description) {
  if (Outcome valid = check_text(name, description); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_author(command, author, content); !mine) return mine;
    const char* status = new_revision_status(command);
    Query revision(command,
                   "INSERT INTO content_revisions (content_id, user_id, name, description, "
                   "status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                   content.value(), author, name, description, status, command.now());
    revision.exec();
    const std::int64_t revision_id = command.last_insert_id();
    if (std::string_view(status) == "approved") {
      catalog::show_revision(command, content, name, description, author);
    }
    command.emit(CatalogEvents::kRevised, author, "",
                 Payload().add("content", content.value()).add("revision", revision_id).str());
    return {};
  });
}

Outcome Catalog::publish(const PlayerId& author, ContentId content, bool published) {
  return set_column(core_, author, content, "published", published ? "1" : "0",
                    published ? "published" : "unpublished");
}

Outcome Catalog::set_privacy(const PlayerId& author, ContentId content, Privacy privacy) {
  if (to_string(privacy).empty()) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown privacy.");
  }
  return set_column(core_, author, content, "privacy", std::string(to_string(privacy)),
                    to_string(privacy));
}

Outcome Catalog::set_comments(const PlayerId& author, ContentId content, bool enabled) {
  return set_column(core_, author, content, "comments_enabled", enabled ? "1" : "0",
                    enabled ? "open to comments" : "closed to comments");
}

Outcome Catalog::set_on_sale(const PlayerId& author, ContentId content, bool on_sale) {
  return set_column(core_, author, content, "onsale", on_sale ? "1" : "0",
                    on_sale ? "on sale" : "off sale");
}

Outcome Catalog::set_price(const PlayerId& author, ContentId content, const Price& price) {
  if (price.amount < 0) return Outcome::refused(Refusal::InvalidArgument, "A price is 0 or more.");
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_author(command, author, content); !mine) return mine;
    Query currency(command, "SELECT 1 FROM currencies WHERE id = ?", price.currency.value());
    if (!currency.step()) return Outcome::refused(Refusal::NotFound, "There is no such currency.");
    currency.reset();
    Query upsert(command,
                 "INSERT INTO content_prices (content_id, price, currency_id, created_by, "
                 "updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5) "
                 "ON CONFLICT (content_id, currency_id) DO UPDATE SET price = excluded.price, "
                 "updated_by = excluded.updated_by, updated_at = excluded.updated_at "
                 "WHERE price <> excluded.price",
                 content.value(), price.amount, price.currency.value(), author, command.now());
    upsert.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "The price is that already.");
    }
    command.emit(CatalogEvents::kChanged, author, "",
                 Payload()
                     .add("content", content.value())
                     .add("currency", price.currency.value())
                     .add("price", price.amount)
                     .str());
    return {};
  });
}

Outcome Catalog::remove_price(const PlayerId& author, ContentId content, CurrencyId currency) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_author(command, author, content); !mine) return mine;
    Query drop(command, "DELETE FROM content_prices WHERE content_id = ? AND currency_id = ?",
               content.value(), currency.value());
    drop.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "The content has no price in that currency.");
    }
    command.emit(CatalogEvents::kChanged, author, "",
                 Payload().add("content", content.value()).add("currency", currency.value()).str());
    return {};
  });
}

Outcome Catalog::restrict(ContentId content, bool restricted) {
  return core_.run([&](Command& command) -> Outcome {
    Query update(command,
                 "UPDATE content SET restricted = ?1, updated_at = ?2 WHERE id = ?3 AND "
                 "restricted <> ?1",
                 restricted, command.now(), content.value());
    update.exec();
    if (command.sql().getChanges() == 0) {
      if (!catalog::load(command, content)) {
        return Outcome::refused(Refusal::NotFound, "There is no such content.");
      }
      return Outcome::refused(Refusal::AlreadyDone, "The content is that already.");
    }
    command.emit(CatalogEvents::kChanged, "", "",
                 Payload().add("content", content.value()).add("restricted", restricted).str());
    return {};
  });
}

std::optional<ContentView> Catalog::find(const PlayerId& viewer, ContentId content) const {
  return core_.read([&](Reader& reader) -> std::optional<ContentView> {
    std::optional<ContentView> view = catalog::load(reader, content);
    if (!view || !catalog::visible(reader, *view, viewer)) return std::nullopt;
    return view;
  });
}

std::vector<RevisionView> Catalog::revisions(ContentId content) const {
  return core_.read([&](Reader& reader) {
    Query query(
        reader,
        std::string(catalog::kRevisionColumns) + "WHERE content_id = ? ORDER BY created_at, id",
        content.value());
    return catalog::read_revisions(query);
  });
}

std::vector<Price> Catalog::prices(ContentId content) const {
  return core_.read([&](Reader& reader) { return catalog::prices(reader, content); });
}

std::vector<RevisionView> catalog::read_revisions(Query& query) {
  std::vector<RevisionView> found;
  while (query.step()) {
    const std::string status = query.text(6);
    found.push_back({query.integer(0), query.integer(1), query.text(2), query.text(3),
                     query.text(4), query.integer(5),
                     status == "pending"    ? RevisionStatus::Pending
                     : status == "rejected" ? RevisionStatus::Rejected
                                            : RevisionStatus::Approved,
                     query.flag(7)});
  }
  return found;
}

std::vector<Price> catalog::prices(Reader& reader, ContentId content) {
  std::vector<Price> found;
  Query query(reader,
              "SELECT currency_id, price FROM content_prices WHERE content_id = ? "
              "ORDER BY currency_id",
              content.value());
  while (query.step()) found.push_back({query.integer(0), query.integer(1)});
  return found;
}

}  // namespace hearth

// Assets: files stored in the game file in pieces, once per content (SHA-256), read back in
// pieces by whoever may see them, attached to revisions of content.
#include <array>
#include <vector>

#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/sha256.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "storage/blob.h"

#include "hearth/catalog/catalog.h"

namespace hearth {

namespace {

constexpr std::size_t kPiece = 64 * 1024;
constexpr std::int64_t kMaxText = 255;

constexpr std::array<std::string_view, 9> kAssetTypes = {"image", "texture",   "texture3d",
                                                         "mesh",  "animation", "gameobject",
                                                         "world", "character", "sound"};

constexpr const char* kAssetColumns =
    "SELECT a.id, ifnull(a.user_id, ''), ifnull(a.original_name, ''), ifnull(a.mime_type, ''), "
    "b.size, ifnull(b.sha256, ''), a.public, a.created_at, b.id FROM assets a "
    "JOIN asset_blobs b ON b.id = a.blob_id ";

struct Stored {
  AssetView view;
  std::int64_t blob = 0;
};

std::optional<Stored> load_asset(Reader& reader, const std::string& id) {
  Query query(reader, std::string(kAssetColumns) + "WHERE a.id = ? AND a.deleted_at IS NULL", id);
  if (!query.step()) return std::nullopt;
  return Stored{{query.text(0), query.text(1), query.text(2), query.text(3), query.integer(4),
                 query.text(5), query.flag(6), query.integer(7)},
                query.integer(8)};
}

// Whether `reader` may read the asset: public, theirs, or attached to content they can see.
bool may_read(Reader& reader, const AssetView& asset, const PlayerId& who) {
  if (asset.is_public || asset.owner == who) return true;
  Query attached(reader, "SELECT DISTINCT content_id FROM object_assets WHERE asset_id = ?",
                 asset.id);
  std::vector<std::int64_t> contents;
  while (attached.step()) contents.push_back(attached.integer(0));
  attached.reset();
  for (std::int64_t content : contents) {
    const std::optional<ContentView> view = catalog::load(reader, content);
    if (view && catalog::visible(reader, *view, who)) return true;
  }
  return false;
}

}  // namespace

Result<AssetView> Catalog::store_asset(const NewAsset& asset) {
  if (Outcome valid = text::check("An asset's name", asset.name, 1, kMaxText); !valid) {
    return valid;
  }
  if (Outcome valid = text::check_optional("A MIME type", asset.mime_type, kMaxText); !valid) {
    return valid;
  }
  if (!asset.read) return Outcome::refused(Refusal::InvalidArgument, "An asset needs a reader.");
  return core_.run([&](Command& command) -> Result<AssetView> {
    const std::int64_t most = command.rules().catalog.max_asset_bytes;
    if (asset.size < 0 || asset.size > most) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("An asset holds 0 to {} bytes, not {}.", most, asset.size));
    }
    if (Outcome may = access::require(command, asset.owner, "web"); !may) return may;
    Query reserve(command, "INSERT INTO asset_blobs (size) VALUES (?)", asset.size);
    reserve.exec();
    std::int64_t blob = command.last_insert_id();
    Query room(command, "INSERT INTO asset_blob_bytes (blob_id, data) VALUES (?1, zeroblob(?2))",
               blob, asset.size);
    room.exec();
    Sha256 hasher;
    {
      storage::Blob cell(command.sql(), "asset_blob_bytes", "data", blob, true);
      std::vector<std::byte> piece(kPiece);
      std::int64_t written = 0;
      for (;;) {
        const std::size_t got = asset.read(std::span(piece));
        if (got == 0) break;
        if (got > piece.size() || written + static_cast<std::int64_t>(got) > asset.size) {
          return Outcome::refused(Refusal::InvalidArgument,
                                  "The reader gave more bytes than the asset's size.");
        }
        const std::span<const std::byte> bytes(piece.data(), got);
        cell.write(bytes, written);
        hasher.update(bytes);
        written += static_cast<std::int64_t>(got);
      }
      if (written != asset.size) {
        return Outcome::refused(
            Refusal::InvalidArgument,
            fmt::format("The reader gave {} bytes of {}.", written, asset.size));
      }
    }
    const std::string digest = hasher.hex();
    Query same(command, "SELECT id FROM asset_blobs WHERE sha256 = ?", digest);
    if (same.step()) {
      // These bytes are stored already: keep the first copy.
      const std::int64_t first = same.integer(0);
      same.reset();
      Query drop(command, "DELETE FROM asset_blobs WHERE id = ?", blob);
      drop.exec();
      blob = first;
    } else {
      same.reset();
      Query name(command, "UPDATE asset_blobs SET sha256 = ? WHERE id = ?", digest, blob);
      name.exec();
    }
    const std::string id = command.new_uuid();
    Query insert(command,
                 "INSERT INTO assets (id, user_id, original_name, mime_type, file_size, public, "
                 "blob_id, created_at, updated_at) VALUES (?1, ?2, ?3, NULLIF(?4, ''), ?5, ?6, "
                 "?7, ?8, ?8)",
                 id, asset.owner, asset.name, asset.mime_type, asset.size, asset.is_public, blob,
                 command.now());
    insert.exec();
    command.emit(CatalogEvents::kAssetStored, asset.owner, asset.owner,
                 Payload().add("asset", id).add("size", asset.size).add("sha256", digest).str());
    return load_asset(command, id)->view;
  });
}

Result<std::int64_t> Catalog::read_asset(
    const PlayerId& reader, const std::string& asset,
    const std::function<void(std::span<const std::byte>)>& sink) const {
  return core_.read([&](Reader& r) -> Result<std::int64_t> {
    const std::optional<Stored> stored = load_asset(r, asset);
    if (!stored || !may_read(r, stored->view, reader)) {
      return Outcome::refused(Refusal::NotFound, "There is no such asset.");
    }
    const storage::Blob cell(r.sql(), "asset_blob_bytes", "data", stored->blob, false);
    std::vector<std::byte> piece(kPiece);
    const std::int64_t size = cell.size();
    for (std::int64_t offset = 0; offset < size;) {
      const auto take = static_cast<std::size_t>(
          std::min<std::int64_t>(static_cast<std::int64_t>(kPiece), size - offset));
      cell.read(std::span(piece.data(), take), offset);
      sink(std::span<const std::byte>(piece.data(), take));
      offset += static_cast<std::int64_t>(take);
    }
    return size;
  });
}

Outcome Catalog::attach_asset(const PlayerId& author, ContentId content, const std::string& asset,
                              AssetType type, std::int64_t index) {
  const auto type_index = static_cast<std::size_t>(type);
  if (type_index >= kAssetTypes.size() || index < 0) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown asset type, or a negative index.");
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, author, "web"); !may) return may;
    const std::optional<ContentView> view = catalog::load(command, content);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such content.");
    const std::optional<Stored> stored = load_asset(command, asset);
    if (!stored) return Outcome::refused(Refusal::NotFound, "There is no such asset.");
    if (view->author != author || stored->view.owner != author) {
      return Outcome::refused(Refusal::NotAllowed,
                              "Only the author attaches their own assets to their content.");
    }
    Query attach(command,
                 "INSERT INTO object_assets (content_id, revision_id, asset_id, type, "
                 "asset_index) SELECT ?1, max(id), ?2, ?3, ?4 FROM content_revisions WHERE "
                 "content_id = ?1",
                 content.value(), asset, kAssetTypes[type_index], index);
    attach.exec();
    return {};
  });
}

std::optional<AssetView> Catalog::asset(const std::string& asset) const {
  return core_.read([&](Reader& reader) -> std::optional<AssetView> {
    const std::optional<Stored> stored = load_asset(reader, asset);
    if (!stored) return std::nullopt;
    return stored->view;
  });
}

}  // namespace hearth

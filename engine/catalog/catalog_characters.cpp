// Games' settings and support flags; characters with their properties and the wearables they
// wear (only while owned, only in the slots there are, only on the model they fit).
#include <array>
#include <charconv>
#include <cmath>

#include <fmt/core.h>

#include "engine/catalog/catalog_internal.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"

#include "hearth/catalog/catalog.h"

namespace hearth {

namespace {

constexpr std::int64_t kMostPlayers = 1000;
constexpr std::int64_t kMaxCharacterName = 50;
constexpr std::int64_t kMaxPropertyName = 255;
constexpr std::int64_t kMaxPropertyValue = 10000;

constexpr std::array<std::string_view, 3> kSupports = {"character", "character_features", "chat"};
constexpr std::array<std::string_view, 7> kPropertyTypes = {
    "string", "integer", "number", "boolean", "color", "content", "json"};

// The author's game: NotFound, NotAllowed (not the author), InvalidArgument (not a game).
Outcome check_game(Reader& reader, const PlayerId& author, ContentId game) {
  if (Outcome may = access::require(reader, author, "web"); !may) return may;
  const std::optional<ContentView> view = catalog::load(reader, game);
  if (!view) return Outcome::refused(Refusal::NotFound, "There is no such content.");
  if (view->author != author) {
    return Outcome::refused(Refusal::NotAllowed, "Only the game's author changes it.");
  }
  if (view->type != ContentType::Game) {
    return Outcome::refused(Refusal::InvalidArgument, "That content is not a game.");
  }
  return {};
}

// The owner's character; NotFound for anyone else's.
Outcome check_character(Reader& reader, const PlayerId& owner, std::int64_t character) {
  Query query(reader, "SELECT 1 FROM characters WHERE id = ? AND user_id = ?", character, owner);
  if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such character.");
  return {};
}

bool valid_value(Reader& reader, PropertyType type, const std::string& value) {
  const char* end = value.data() + value.size();
  switch (type) {
    case PropertyType::String:
      return true;
    case PropertyType::Integer: {
      std::int64_t parsed = 0;
      const auto [at, error] = std::from_chars(value.data(), end, parsed);
      return error == std::errc() && at == end && !value.empty();
    }
    case PropertyType::Number: {
      double parsed = 0;
      const auto [at, error] = std::from_chars(value.data(), end, parsed);
      return error == std::errc() && at == end && !value.empty() && std::isfinite(parsed);
    }
    case PropertyType::Boolean:
      return value == "true" || value == "false";
    case PropertyType::Color:
      return value.size() == 7 && value[0] == '#' &&
             value.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    case PropertyType::Content: {
      std::int64_t parsed = 0;
      const auto [at, error] = std::from_chars(value.data(), end, parsed);
      return error == std::errc() && at == end && catalog::load(reader, parsed).has_value();
    }
    case PropertyType::Json: {
      Query json(reader, "SELECT json_valid(?)", value);
      json.step();
      return json.flag(0);
    }
  }
  return false;
}

}  // namespace

std::int64_t slots_for(ContentType type) {
  switch (type) {
    case ContentType::Front:
    case ContentType::Back:
    case ContentType::Tool:
      return 1;
    case ContentType::Hat:
    case ContentType::Accessory:
      return 5;
    default:
      return 0;
  }
}

void catalog::take_off_everywhere(Command& command, ContentId content, const PlayerId& owner) {
  Query off(command,
            "DELETE FROM character_worn_items WHERE content_id = ? AND character_id IN (SELECT "
            "id FROM characters WHERE user_id = ?)",
            content.value(), owner);
  off.exec();
}

Outcome Catalog::set_game(const PlayerId& author, ContentId game, const GameSettings& settings) {
  if (settings.max_players < 1 || settings.max_players > kMostPlayers) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("A game takes 1 to {} players.", kMostPlayers));
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_game(command, author, game); !mine) return mine;
    Query upsert(command,
                 "INSERT INTO games (id, hosted, max_players) VALUES (?1, ?2, ?3) ON CONFLICT "
                 "(id) DO UPDATE SET hosted = excluded.hosted, max_players = excluded.max_players",
                 game.value(), settings.hosted, settings.max_players);
    upsert.exec();
    return {};
  });
}

Outcome Catalog::set_support(const PlayerId& author, ContentId game, GameSupport flag, bool enabled,
                             ContentId content) {
  const auto index = static_cast<std::size_t>(flag);
  if (index >= kSupports.size()) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown support flag.");
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome mine = check_game(command, author, game); !mine) return mine;
    if (content != 0 && !catalog::load(command, content)) {
      return Outcome::refused(Refusal::NotFound, "There is no such content.");
    }
    Query row(command, "INSERT OR IGNORE INTO games (id) VALUES (?)", game.value());
    row.exec();
    Query drop(command,
               "DELETE FROM game_supports WHERE game_id = ? AND flag = ? AND content_id IS ?",
               game.value(), kSupports[index],
               content == 0 ? std::optional<std::int64_t>() : content.value());
    drop.exec();
    Query add(command,
              "INSERT INTO game_supports (game_id, flag, enabled, content_id) VALUES (?, ?, ?, "
              "NULLIF(?, 0))",
              game.value(), kSupports[index], enabled, content.value());
    add.exec();
    return {};
  });
}

std::optional<ContentId> Catalog::supported(ContentId game, GameSupport flag) const {
  const auto index = static_cast<std::size_t>(flag);
  if (index >= kSupports.size()) return std::nullopt;
  return core_.read([&](Reader& reader) -> std::optional<ContentId> {
    Query query(reader,
                "SELECT content_id FROM game_supports WHERE game_id = ? AND flag = ? AND enabled "
                "= 1 AND content_id IS NOT NULL ORDER BY id DESC LIMIT 1",
                game.value(), kSupports[index]);
    if (!query.step()) return std::nullopt;
    return ContentId(query.integer(0));
  });
}

std::optional<GameSettings> Catalog::game_settings(ContentId game) const {
  return core_.read([&](Reader& reader) -> std::optional<GameSettings> {
    const std::optional<ContentView> view = catalog::load(reader, game);
    if (!view || view->type != ContentType::Game) return std::nullopt;
    Query query(reader, "SELECT hosted, max_players FROM games WHERE id = ?", game.value());
    if (!query.step()) return GameSettings{};
    return GameSettings{query.flag(0), query.integer(1)};
  });
}

Result<CharacterView> Catalog::create_character(const PlayerId& owner, ContentId model,
                                                const std::string& name) {
  if (Outcome valid = text::check_optional("A character's name", name, kMaxCharacterName); !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Result<CharacterView> {
    if (Outcome may = access::require(command, owner, "play"); !may) return may;
    const std::optional<ContentView> view = catalog::load(command, model);
    if (!view || view->type != ContentType::Character) {
      return Outcome::refused(Refusal::NotFound, "There is no such character model.");
    }
    if (!catalog::owns(command, owner, model)) {
      return Outcome::refused(Refusal::NotAllowed, "A character needs a model the player owns.");
    }
    Query insert(command,
                 "INSERT INTO characters (user_id, content_id, name, created_at, updated_at) "
                 "VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?4)",
                 owner, model.value(), name, command.now());
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    command.emit(CatalogEvents::kCharacterCreated, owner, owner,
                 Payload().add("character", id).add("model", model.value()).str());
    return CharacterView{id, owner, model, name, {}, {}};
  });
}

Outcome Catalog::set_property(const PlayerId& owner, std::int64_t character,
                              const std::string& name, PropertyType type,
                              const std::string& value) {
  const auto index = static_cast<std::size_t>(type);
  if (index >= kPropertyTypes.size()) {
    return Outcome::refused(Refusal::InvalidArgument, "Unknown property type.");
  }
  if (Outcome valid = text::check("A property's name", name, 1, kMaxPropertyName); !valid) {
    return valid;
  }
  if (Outcome valid = text::check_optional("A property's value", value, kMaxPropertyValue);
      !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, owner, "play"); !may) return may;
    if (Outcome mine = check_character(command, owner, character); !mine) return mine;
    if (!valid_value(command, type, value)) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("'{}' is not a {} value.", value, kPropertyTypes[index]));
    }
    Query upsert(command,
                 "INSERT INTO character_properties (character_id, property, value, value_type, "
                 "related_content_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
                 "ON CONFLICT (character_id, property) DO UPDATE SET value = excluded.value, "
                 "value_type = excluded.value_type, related_content_id = "
                 "excluded.related_content_id, updated_at = excluded.updated_at",
                 character, name, value, kPropertyTypes[index],
                 type == PropertyType::Content ? std::optional<std::int64_t>(std::stoll(value))
                                               : std::nullopt,
                 command.now());
    upsert.exec();
    return {};
  });
}

Outcome Catalog::wear(const PlayerId& owner, std::int64_t character, ContentId item) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, owner, "play"); !may) return may;
    if (Outcome mine = check_character(command, owner, character); !mine) return mine;
    const std::optional<ContentView> view = catalog::load(command, item);
    if (!view) return Outcome::refused(Refusal::NotFound, "There is no such item.");
    const std::int64_t slots = slots_for(view->type);
    if (slots == 0) return Outcome::refused(Refusal::InvalidArgument, "That is not wearable.");
    if (!catalog::owns(command, owner, item)) {
      return Outcome::refused(Refusal::NotAllowed, "Only what the player owns is worn.");
    }
    if (view->parent != 0) {
      const std::optional<ContentView> made_for = catalog::load(command, view->parent);
      Query model(command, "SELECT content_id FROM characters WHERE id = ?", character);
      model.step();
      const std::int64_t wearer_model = model.integer(0);
      model.reset();
      if (made_for && made_for->type == ContentType::Character && made_for->id != wearer_model) {
        return Outcome::refused(Refusal::NotAllowed, "The item is made for another model.");
      }
    }
    Query full(command,
               "SELECT count(*) FROM character_worn_items w JOIN content c ON c.id = "
               "w.content_id WHERE w.character_id = ? AND c.type = ?",
               character, to_string(view->type));
    full.step();
    if (full.integer(0) >= slots) {
      return Outcome::refused(Refusal::NotAllowed,
                              fmt::format("The character wears {} {} already, the most there "
                                          "may be.",
                                          slots, to_string(view->type)));
    }
    full.reset();
    Query wear(command,
               "INSERT OR IGNORE INTO character_worn_items (character_id, content_id, created_at, "
               "updated_at) VALUES (?1, ?2, ?3, ?3)",
               character, item.value(), command.now());
    wear.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "The character wears it already.");
    }
    return {};
  });
}

Outcome Catalog::take_off(const PlayerId& owner, std::int64_t character, ContentId item) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome may = access::require(command, owner, "web"); !may) return may;
    if (Outcome mine = check_character(command, owner, character); !mine) return mine;
    Query off(command, "DELETE FROM character_worn_items WHERE character_id = ? AND content_id = ?",
              character, item.value());
    off.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, "The character does not wear it.");
    }
    return {};
  });
}

std::optional<CharacterView> Catalog::character(std::int64_t character) const {
  return core_.read([&](Reader& reader) -> std::optional<CharacterView> {
    Query query(reader, "SELECT user_id, content_id, ifnull(name, '') FROM characters WHERE id = ?",
                character);
    if (!query.step()) return std::nullopt;
    CharacterView view{character, query.text(0), query.integer(1), query.text(2), {}, {}};
    query.reset();
    Query properties(reader,
                     "SELECT property, value FROM character_properties WHERE character_id = ? "
                     "ORDER BY property",
                     character);
    while (properties.step()) view.properties.emplace_back(properties.text(0), properties.text(1));
    properties.reset();
    Query worn(reader,
               "SELECT content_id FROM character_worn_items WHERE character_id = ? "
               "ORDER BY content_id",
               character);
    while (worn.step()) view.worn.push_back(worn.integer(0));
    return view;
  });
}

std::vector<std::int64_t> Catalog::characters_of(const PlayerId& owner) const {
  return core_.read([&](Reader& reader) {
    std::vector<std::int64_t> found;
    Query query(reader, "SELECT id FROM characters WHERE user_id = ? ORDER BY id", owner);
    while (query.step()) found.push_back(query.integer(0));
    return found;
  });
}

}  // namespace hearth

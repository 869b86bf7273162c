#include "host/world.h"

#include <fmt/core.h>

#include "hearth/catalog/catalog.h"
#include "hearth/core/error.h"
#include "hearth/game.h"
#include "hearth/hosting/servers.h"
#include "hearth/identity/access.h"
#include "hearth/identity/players.h"

namespace hearth::host {

namespace {

// A step that must succeed (AlreadyDone counts as done).
void must(const Outcome& outcome, std::string_view step) {
  if (!outcome && outcome.refusal() != Refusal::AlreadyDone) {
    throw Error(ErrorKind::Usage, fmt::format("The host cannot {}: {}", step, outcome.detail()));
  }
}

template <class T>
T must(Result<T> result, std::string_view step) {
  if (!result) must(Outcome::refused(result.refusal(), result.detail()), step);
  return result.value();
}

ContentId make(Game& game, const PlayerId& owner, ContentType type, const std::string& name) {
  NewContent content;
  content.author = owner;
  content.type = type;
  content.name = name;
  content.description = "Made by the LAN host.";
  const ContentId id = must(game.catalog().create(content), "make its content").id;
  must(game.catalog().publish(owner, id, true), "publish its content");
  return id;
}

}  // namespace

World World::prepare(Game& game, const std::string& owner, std::int64_t max_players) {
  World world;
  if (const auto found = game.players().find_by_username(owner)) {
    world.owner = found->id;
  } else {
    NewUser user;
    user.username = owner;
    world.owner = must(game.players().create(user), "make its owner").id;
  }
  for (const char* privilege : {"host", "create:game", "create:character"}) {
    must(game.access().grant(world.owner, privilege), "give its owner what hosting needs");
  }
  for (const ServerView& server : game.servers().servers_of(world.owner)) {
    // A server of a host that did not stop (killed) has stopped now.
    if (server.active) static_cast<void>(game.servers().stop(server.id));
    if (world.game == 0 && server.game != 0) world.game = server.game;
  }
  if (world.game == 0) world.game = make(game, world.owner, ContentType::Game, "LAN game");
  GameSettings settings;
  settings.hosted = true;
  settings.max_players = max_players;
  must(game.catalog().set_game(world.owner, world.game, settings), "set its game");
  if (const auto model = game.catalog().supported(world.game, GameSupport::Character)) {
    world.model = *model;
  } else {
    world.model = make(game, world.owner, ContentType::Character, "Pilot");
    must(game.catalog().set_support(world.owner, world.game, GameSupport::Character, true,
                                    world.model),
         "name its character model");
  }
  return world;
}

Outcome World::ensure_character(Game& on, const PlayerId& user) const {
  if (!on.catalog().characters_of(user).empty()) return {};
  const auto owned = on.catalog().owned(user);
  const bool has_model = std::any_of(owned.begin(), owned.end(), [&](const OwnershipView& view) {
    return view.content == model && !view.ended_at;
  });
  if (!has_model) {
    if (auto granted = on.catalog().grant(model, user); !granted) {
      return Outcome::refused(granted.refusal(), granted.detail());
    }
  }
  const auto player = on.players().find(user);
  auto made = on.catalog().create_character(user, model, player ? player->username : "");
  if (!made) return Outcome::refused(made.refusal(), made.detail());
  return {};
}

}  // namespace hearth::host

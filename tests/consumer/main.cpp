// A game that only knows the installed headers: it opens a game (in memory, or in the file its
// first argument names), registers a player, spends turns, and prints what it sees. Exits 0 when
// everything answered as expected.
#include <cstdio>
#include <memory>

#include "hearth/game.h"
#include "hearth/identity/players.h"
#include "hearth/progression/turns.h"

int main(int argc, char** argv) {
  hearth::GameOptions options;
  if (argc > 1) options.path = argv[1];
  options.clock = std::make_shared<hearth::ManualClock>(1767225600000);
  options.seed = 7;
  hearth::Game game(options);
  const auto player = game.players().create({.username = "consumer"});
  if (!player) return 1;
  if (!game.turns().spend(player->id, 10)) return 2;
  const auto budget = game.turns().budget(player->id);
  std::printf("consumer: %s has %lld turns\n", player->username.c_str(),
              static_cast<long long>(budget->available));
  return budget->available == game.rules().turns.starting - 10 ? 0 : 3;
}

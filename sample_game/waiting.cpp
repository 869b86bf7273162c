#include "sample_game/waiting.h"

#include <map>

#include <fmt/core.h>

#include "sample_game/trade.h"
#include "sample_game/travel.h"

namespace hearth::sample_game {

void wait(Session& session, const std::string& duration) {
  const auto skip = parse_duration(duration);
  if (!skip) {
    fmt::print("Wait how long? Say e.g. 'wait 90m' or 'wait 3d' (d, h, m, s; at most 365d).\n");
    return;
  }
  const std::string& pilot = session.pilot;
  const bool playing = !pilot.empty() && session.galaxy.pilot(pilot).has_value();
  std::optional<TurnBudget> turns_before;
  std::map<std::string, Standing> standings_before;
  bool boosted_before = false;
  bool supply_waiting_before = false;
  if (playing) {
    turns_before = session.game.turns().budget(pilot);
    for (const Standing& standing : session.game.reputation().standings(pilot)) {
      standings_before[standing.faction] = standing;
    }
    boosted_before = session.game.timers().effect(pilot, kBoostEffect).has_value();
    supply_waiting_before =
        session.game.timers().cooldown_remaining(pilot, kSupplyCooldown) > Duration();
  }

  // Game time moves in the save: the engine applies everything due in between, and the time goes
  // on from there, also in the next session.
  session.game.skip(*skip);
  fmt::print("{} pass. It is now {}.\n", format_duration(*skip), format_time(session.game.now()));
  if (!playing) return;

  const auto turns_after = session.game.turns().budget(pilot);
  if (turns_after->available != turns_before->available) {
    fmt::print("  Turns {} -> {}{}.\n", turns_before->available, turns_after->available,
               turns_after->next_turn_at == 0 ? " (full)" : "");
  }
  for (const Standing& standing : session.game.reputation().standings(pilot)) {
    const Standing& before = standings_before[standing.faction];
    if (standing.value != before.value) {
      fmt::print("  {} standing decays {} -> {} ({}): no dealings for a month.\n",
                 standing.faction_name, before.value, standing.value, standing.title);
    }
  }
  if (boosted_before && !session.game.timers().effect(pilot, kBoostEffect)) {
    fmt::print("  The fuel boost has worn off.\n");
  }
  if (supply_waiting_before &&
      session.game.timers().cooldown_remaining(pilot, kSupplyCooldown) == Duration()) {
    fmt::print("  The supply drop is ready again.\n");
  }
}

void catch_up(Session& session) { session.game.tick(); }

}  // namespace hearth::sample_game

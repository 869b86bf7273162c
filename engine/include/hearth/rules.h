// Rules: every tuning number of the game in one value, with tested numbers as defaults. A game
// overrides fields in code or loads a JSON file; the game file stores the rules it runs with, so a
// save carries them. Each domain's section is declared beside it (hearth/<domain>/rules.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hearth/catalog/rules.h"
#include "hearth/core/clock.h"
#include "hearth/economy/rules.h"
#include "hearth/hosting/rules.h"
#include "hearth/identity/rules.h"
#include "hearth/onboarding/rules.h"
#include "hearth/progression/rules.h"
#include "hearth/social/rules.h"
#include "hearth/standing/rules.h"
#include "hearth/world/rules.h"

namespace hearth {

// Game time (see GameOptions::time_mode).
struct TimeRules {
  // In real-time mode, a clock reading this far ahead of the last one a command saw is journaled
  // ("clock.jumped", with how far), so a game can tell a long absence, or a computer clock set
  // forward to collect turns, from ordinary play.
  GameTime journal_jumps_over = 7 * kDay;

  bool operator==(const TimeRules&) const = default;
};

struct Rules {
  TimeRules time;
  PlayerRules players;
  AccountRules accounts;
  AccessRules access;
  ModerationRules moderation;
  TurnRules turns;
  LevelRules levels;
  RewardRules rewards;
  QuestRules quests;
  ReputationRules reputation;
  PersonalReputationRules personal_reputation;
  RankRules ranks;
  TeamRules teams;
  RelationRules relations;
  MessageRules messages;
  LocationRules locations;
  TeamReputationRules team_reputation;
  LedgerRules ledger;
  InventoryRules inventory;
  LootRules loot;
  OnboardingRules onboarding;
  CatalogRules catalog;
  HostingRules hosting;

  bool operator==(const Rules&) const = default;

  // Compact JSON of every field.
  std::string to_json() const;

  // Rules from JSON text. A field the text lacks keeps its default; an unknown field is ignored.
  // Throws Error{Usage} when the text is not JSON of this shape.
  static Rules from_json(std::string_view text);

  // What makes these rules unusable, one sentence each; empty when they are valid. Every count,
  // amount, duration and weight is at least 0 (only standings, alignments, their thresholds, the
  // combat floor and the guard's suspicion steps may be negative); intervals, lifetimes and
  // windows are above 0; each minimum is at most its maximum; a percentage is at most 100, a
  // chance at most 1; the level curve, bcrypt's cost (4 to 31) and a team's size (2 to 20) are
  // in range. A Game refuses rules with problems (Error{Usage}).
  std::vector<std::string> problems() const;
};

}  // namespace hearth

// What follows, inside a command, from each event it journals. Kept apart from the journal so
// that the command runner does not know the concerns.
#include "engine/core/command.h"
#include "engine/progression/quests_internal.h"

namespace hearth {

void after_journaling(Command& command, std::string_view type, const std::string& subject,
                      const std::string& payload) {
  quests::advance(command, type, subject, payload);
}

bool journal_rules_watching(Command& command) { return quests::watching(command); }

}  // namespace hearth

#include "engine/core/command_log.h"

#include <fmt/core.h>

#include "engine/core/access.h"
#include "engine/core/query.h"

#include "hearth/core/commands.h"

namespace hearth {

void record_command(Command& command, const PlayerId& actor, std::string_view name,
                    std::string_view arguments) {
  Query(command, "INSERT INTO command_log (at, actor, name, arguments) VALUES (?, ?, ?, ?)",
        command.now(), actor.value(), std::string(name), std::string(arguments))
      .exec();
}

std::vector<LoggedCommand> command_log(Game& game, std::int64_t after_id, int limit) {
  if (limit < 1 || limit > 10000) {
    throw Error(ErrorKind::Usage,
                fmt::format("A command log page holds 1 to 10000 entries, not {}.", limit));
  }
  return core_of(game).read([&](Reader& reader) {
    std::vector<LoggedCommand> entries;
    Query rows(reader,
               "SELECT id, at, actor, name, arguments FROM command_log WHERE id > ? ORDER BY id "
               "LIMIT ?",
               after_id, limit);
    while (rows.step()) {
      entries.push_back({.id = rows.integer(0),
                         .at = rows.integer(1),
                         .actor = PlayerId(rows.text(2)),
                         .name = rows.text(3),
                         .arguments = rows.text(4)});
    }
    return entries;
  });
}

}  // namespace hearth

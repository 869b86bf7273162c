// The `hearth` inspector's commands: each reads or changes one game file and returns the
// program's exit status. A failure is thrown as Failure: one sentence and its exit status.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hearth::inspector {

// The exit statuses, each for one kind of outcome (docs/inspector.md lists them).
enum ExitStatus : int {
  kOk = 0,
  kViolations = 1,   // check (or an import's check) found broken invariants
  kUsage = 2,        // bad arguments: an unknown option, a malformed value, SQL that fails
  kMissing = 3,      // the file (or an input) does not exist or cannot be read
  kFileRefused = 4,  // not a game file, damaged, newer than this build, or needs migrating
  kBusy = 5,         // another process held the write lock past the busy timeout
  kRefused = 6,      // the engine refused the command (an unknown user, a ban already lifted…)
  kStorage = 7,      // the disk or SQLite failed otherwise
};

class Failure : public std::runtime_error {
 public:
  Failure(ExitStatus status, const std::string& sentence)
      : std::runtime_error(sentence), status_(status) {}

  ExitStatus status() const { return status_; }

 private:
  ExitStatus status_;
};

// What every command takes besides its own arguments.
struct Common {
  std::string file;
  bool json = false;           // machine-readable output
  int busy_timeout_ms = 5000;  // how long a write waits for another process's lock
};

int info(const Common& common);
int check(const Common& common);
int space(const Common& common);
int migrate_status(const Common& common);
int migrate_up(const Common& common);
int query(const Common& common, const std::string& sql);
int show(const Common& common, const std::string& kind, const std::string& id);
int events(const Common& common, std::int64_t since, bool follow, int limit);
int export_world(const Common& common, const std::optional<std::string>& user,
                 const std::string& out);
int import_world(const Common& common, const std::string& in);
int backup(const Common& common, const std::string& out);
int advance(const Common& common, const std::string& to);
int rules_get(const Common& common);
int rules_set(const Common& common, const std::string& document);
int hash(const Common& common, const std::optional<std::string>& user);
int ban(const Common& common, const std::string& user, const std::string& moderator,
        const std::string& reason, const std::optional<std::string>& duration);
int unban(const Common& common, const std::string& user, const std::string& moderator);
int reset_password(const Common& common, const std::string& user, const std::string& password);

}  // namespace hearth::inspector

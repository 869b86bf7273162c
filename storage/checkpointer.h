// Checkpointer: moves a WAL file's committed pages into the main file on a thread and a
// connection of its own, so that no command waits for a checkpoint.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <SQLiteCpp/Database.h>

namespace hearth::storage {

// Runs a passive checkpoint whenever it is woken: it copies what no reader still needs and never
// blocks a writer or a reader. Waking it is cheap and never waits; wakes while a checkpoint runs
// are folded into one more run. The destructor finishes the run under way and joins the thread.
class Checkpointer {
 public:
  // Opens its own connection to `path` (already in WAL mode) with `synchronous`, the main
  // connection's "PRAGMA synchronous = ..." value.
  Checkpointer(const std::string& path, const std::string& synchronous);
  ~Checkpointer();

  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  void wake();

  // How many checkpoints have run (for tests and benchmarks).
  long runs() const;

 private:
  void loop();

  SQLite::Database db_;
  mutable std::mutex mutex_;
  std::condition_variable woken_;
  bool pending_ = false;
  bool stopping_ = false;
  long runs_ = 0;
  std::thread thread_;
};

}  // namespace hearth::storage

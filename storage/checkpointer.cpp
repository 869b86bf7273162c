#include "storage/checkpointer.h"

#include <sqlite3.h>

namespace hearth::storage {

Checkpointer::Checkpointer(const std::string& path, const std::string& synchronous)
    : db_(path, SQLite::OPEN_READWRITE) {
  db_.exec("PRAGMA synchronous = " + synchronous);
  thread_ = std::thread([this] { loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  woken_.notify_one();
  thread_.join();
}

void Checkpointer::wake() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  woken_.notify_one();
}

long Checkpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

void Checkpointer::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      woken_.wait(lock, [this] { return pending_ || stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    // PASSIVE: copies the frames no reader needs, takes no lock a writer waits on; SQLITE_BUSY
    // (another checkpoint under way) is not an error here: the next wake tries again.
    sqlite3_wal_checkpoint_v2(db_.getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
    std::lock_guard lock(mutex_);
    ++runs_;
  }
}

}  // namespace hearth::storage

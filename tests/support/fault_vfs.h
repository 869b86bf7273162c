// FaultVfs: a test VFS (SQLite's OS interface) over the real one that remembers what each game
// file held at its last sync, can cut the power — put every file back to what was synced, plus
// any part of what was written since, one write torn mid-page — and can make writes or syncs
// fail (an I/O error, a full disk). While one exists it is SQLite's default VFS, so every
// connection a Game opens (its own, its checkpointer's) goes through it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace hearth::test {

class FaultVfs {
 public:
  enum class Fault {
    PowerCut,    // that operation and every later write, sync, truncate or delete fails, undone
    WriteError,  // writes fail with SQLITE_IOERR_WRITE until clear()
    DiskFull,    // writes fail with SQLITE_FULL until clear()
    SyncError,   // syncs fail with SQLITE_IOERR_FSYNC until clear()
  };

  FaultVfs();
  ~FaultVfs();

  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  // The fault happens at the operation (write, sync or truncate of a main database, WAL or
  // journal file) after the next `operations` ones.
  void arm(Fault fault, std::int64_t operations);

  // No fault from now on, and none armed.
  void clear();

  // Whether an armed fault has happened.
  bool tripped() const;

  // Writes, syncs and truncates so far (to choose where to arm a fault).
  std::int64_t operations() const;

  // After a PowerCut, once every connection to the files is closed: puts each file back to what
  // its last sync left, then applies the later writes (and truncates) as a disk might have: the
  // first some of them in order, or any of them at random; with `tear`, one of those reaches the
  // disk only in part (some of its 512-byte sectors). The shared
  // memory files (-shm) are removed, as a reboot loses them. Then no fault is armed.
  void restore_after_cut(std::mt19937_64& random, bool tear);

 private:
  struct Operation {
    std::int64_t offset = 0;
    std::string bytes;  // empty with truncate
    bool truncate = false;
  };

  // What a file held at its last sync, and what was done to it since.
  struct Tracked {
    std::string synced;
    std::vector<Operation> since;
    bool deleted = false;
  };

  struct File;
  friend struct File;

  // Counts an operation; whether it may go ahead, or the error code it fails with.
  int admit(int kind);
  Tracked& tracked(const std::string& path);

  static int open(sqlite3_vfs* vfs, const char* name, void* file, int flags, int* out_flags);
  static int remove(sqlite3_vfs* vfs, const char* name, int sync_dir);

  std::unique_ptr<sqlite3_vfs> vfs_;
  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs* previous_default_ = nullptr;
  mutable std::mutex mutex_;
  std::map<std::string, Tracked> files_;
  std::int64_t operations_ = 0;
  std::int64_t armed_at_ = -1;
  Fault fault_ = Fault::PowerCut;
  bool tripped_ = false;
};

}  // namespace hearth::test

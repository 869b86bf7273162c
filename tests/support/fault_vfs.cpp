#include "tests/support/fault_vfs.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <sqlite3.h>

namespace hearth::test {

namespace {

constexpr const char* kName = "hearth-fault";
constexpr std::size_t kSector = 512;

enum Kind { kWrite, kSync, kTruncate, kDelete };

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void place(std::string& image, std::int64_t offset, std::string_view bytes) {
  const auto at = static_cast<std::size_t>(offset);
  if (image.size() < at + bytes.size()) image.resize(at + bytes.size(), '\0');
  image.replace(at, bytes.size(), bytes);
}

}  // namespace

// An open file: SQLite's handle, then the real VFS's own handle right after it.
struct FaultVfs::File {
  sqlite3_file base;
  FaultVfs* owner;
  std::string* path;  // null: a file whose contents are not tracked (temporary files)

  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }

  static File& of(sqlite3_file* file) { return *reinterpret_cast<File*>(file); }

  static int close(sqlite3_file* file) {
    File& self = of(file);
    const int rc = self.real()->pMethods->xClose(self.real());
    delete self.path;
    self.path = nullptr;
    return rc;
  }

  static int read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    File& self = of(file);
    return self.real()->pMethods->xRead(self.real(), buffer, amount, offset);
  }

  static int write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    File& self = of(file);
    if (self.path != nullptr) {
      if (const int refused = self.owner->admit(kWrite); refused != SQLITE_OK) return refused;
    }
    const int rc = self.real()->pMethods->xWrite(self.real(), buffer, amount, offset);
    if (rc == SQLITE_OK && self.path != nullptr) {
      std::lock_guard lock(self.owner->mutex_);
      self.owner->tracked(*self.path)
          .since.push_back(
              {offset,
               std::string(static_cast<const char*>(buffer), static_cast<std::size_t>(amount)),
               false});
    }
    return rc;
  }

  static int truncate(sqlite3_file* file, sqlite3_int64 size) {
    File& self = of(file);
    if (self.path != nullptr) {
      if (const int refused = self.owner->admit(kTruncate); refused != SQLITE_OK) return refused;
    }
    const int rc = self.real()->pMethods->xTruncate(self.real(), size);
    if (rc == SQLITE_OK && self.path != nullptr) {
      std::lock_guard lock(self.owner->mutex_);
      self.owner->tracked(*self.path).since.push_back({size, {}, true});
    }
    return rc;
  }

  static int sync(sqlite3_file* file, int flags) {
    File& self = of(file);
    if (self.path != nullptr) {
      if (const int refused = self.owner->admit(kSync); refused != SQLITE_OK) return refused;
    }
    const int rc = self.real()->pMethods->xSync(self.real(), flags);
    if (rc == SQLITE_OK && self.path != nullptr) {
      std::lock_guard lock(self.owner->mutex_);
      Tracked& tracked = self.owner->tracked(*self.path);
      for (const Operation& operation : tracked.since) {
        if (operation.truncate) {
          tracked.synced.resize(static_cast<std::size_t>(operation.offset));
        } else {
          place(tracked.synced, operation.offset, operation.bytes);
        }
      }
      tracked.since.clear();
    }
    return rc;
  }

  static int file_size(sqlite3_file* file, sqlite3_int64* size) {
    return of(file).real()->pMethods->xFileSize(of(file).real(), size);
  }

  static int lock(sqlite3_file* file, int level) {
    return of(file).real()->pMethods->xLock(of(file).real(), level);
  }

  static int unlock(sqlite3_file* file, int level) {
    return of(file).real()->pMethods->xUnlock(of(file).real(), level);
  }

  static int check_reserved_lock(sqlite3_file* file, int* out) {
    return of(file).real()->pMethods->xCheckReservedLock(of(file).real(), out);
  }

  static int file_control(sqlite3_file* file, int op, void* argument) {
    return of(file).real()->pMethods->xFileControl(of(file).real(), op, argument);
  }

  static int sector_size(sqlite3_file* file) {
    return of(file).real()->pMethods->xSectorSize(of(file).real());
  }

  static int device_characteristics(sqlite3_file* file) {
    return of(file).real()->pMethods->xDeviceCharacteristics(of(file).real());
  }

  static int shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    return of(file).real()->pMethods->xShmMap(of(file).real(), region, size, extend, out);
  }

  static int shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    return of(file).real()->pMethods->xShmLock(of(file).real(), offset, n, flags);
  }

  static void shm_barrier(sqlite3_file* file) {
    of(file).real()->pMethods->xShmBarrier(of(file).real());
  }

  static int shm_unmap(sqlite3_file* file, int delete_flag) {
    return of(file).real()->pMethods->xShmUnmap(of(file).real(), delete_flag);
  }

  static int fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    return of(file).real()->pMethods->xFetch(of(file).real(), offset, amount, out);
  }

  static int unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    return of(file).real()->pMethods->xUnfetch(of(file).real(), offset, page);
  }

  static const sqlite3_io_methods* methods() {
    static const sqlite3_io_methods table = {3,
                                             &close,
                                             &read,
                                             &write,
                                             &truncate,
                                             &sync,
                                             &file_size,
                                             &lock,
                                             &unlock,
                                             &check_reserved_lock,
                                             &file_control,
                                             &sector_size,
                                             &device_characteristics,
                                             &shm_map,
                                             &shm_lock,
                                             &shm_barrier,
                                             &shm_unmap,
                                             &fetch,
                                             &unfetch};
    return &table;
  }
};

FaultVfs::FaultVfs() : vfs_(std::make_unique<sqlite3_vfs>()) {
  real_ = sqlite3_vfs_find("unix");
  previous_default_ = sqlite3_vfs_find(nullptr);
  if (real_ == nullptr) throw std::runtime_error("SQLite has no unix VFS.");
  *vfs_ = *real_;
  vfs_->iVersion = 2;
  vfs_->zName = kName;
  vfs_->szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
  vfs_->pAppData = this;
  vfs_->pNext = nullptr;
  vfs_->xOpen = [](sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                   int* out_flags) { return open(vfs, name, file, flags, out_flags); };
  vfs_->xDelete = [](sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return remove(vfs, name, sync_dir);
  };
  vfs_->xAccess = [](sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    sqlite3_vfs* real = static_cast<FaultVfs*>(vfs->pAppData)->real_;
    return real->xAccess(real, name, flags, out);
  };
  vfs_->xFullPathname = [](sqlite3_vfs* vfs, const char* name, int size, char* out) {
    sqlite3_vfs* real = static_cast<FaultVfs*>(vfs->pAppData)->real_;
    return real->xFullPathname(real, name, size, out);
  };
  sqlite3_vfs_register(vfs_.get(), 1);
}

FaultVfs::~FaultVfs() {
  sqlite3_vfs_unregister(vfs_.get());
  if (previous_default_ != nullptr) sqlite3_vfs_register(previous_default_, 1);
}

int FaultVfs::open(sqlite3_vfs* vfs, const char* name, void* handle, int flags, int* out_flags) {
  auto& self = *static_cast<FaultVfs*>(vfs->pAppData);
  auto* file = static_cast<File*>(handle);
  file->base.pMethods = nullptr;
  file->owner = &self;
  file->path = nullptr;
  const int rc = self.real_->xOpen(self.real_, name, file->real(), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  file->base.pMethods = File::methods();
  if (name != nullptr &&
      (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0) {
    file->path = new std::string(name);
    std::lock_guard lock(self.mutex_);
    Tracked& tracked = self.files_[name];
    if (tracked.deleted || (tracked.synced.empty() && tracked.since.empty())) {
      tracked = Tracked{read_whole(name), {}, false};
    }
  }
  return SQLITE_OK;
}

int FaultVfs::remove(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  auto& self = *static_cast<FaultVfs*>(vfs->pAppData);
  if (const int refused = self.admit(kDelete); refused != SQLITE_OK) return refused;
  const int rc = self.real_->xDelete(self.real_, name, sync_dir);
  std::lock_guard lock(self.mutex_);
  if (const auto found = self.files_.find(name); found != self.files_.end()) {
    found->second = Tracked{{}, {}, true};
  }
  return rc;
}

int FaultVfs::admit(int kind) {
  std::lock_guard lock(mutex_);
  if (kind != kDelete) {
    if (armed_at_ >= 0 && operations_ >= armed_at_) tripped_ = true;
    ++operations_;
  }
  if (!tripped_) return SQLITE_OK;
  switch (fault_) {
    case Fault::PowerCut:
      return SQLITE_IOERR;
    case Fault::WriteError:
      return kind == kWrite ? SQLITE_IOERR_WRITE : SQLITE_OK;
    case Fault::DiskFull:
      return kind == kWrite ? SQLITE_FULL : SQLITE_OK;
    case Fault::SyncError:
      return kind == kSync ? SQLITE_IOERR_FSYNC : SQLITE_OK;
  }
  return SQLITE_OK;
}

FaultVfs::Tracked& FaultVfs::tracked(const std::string& path) { return files_[path]; }

void FaultVfs::arm(Fault fault, std::int64_t operations) {
  std::lock_guard lock(mutex_);
  fault_ = fault;
  armed_at_ = operations_ + operations;
  tripped_ = false;
}

void FaultVfs::clear() {
  std::lock_guard lock(mutex_);
  armed_at_ = -1;
  tripped_ = false;
}

bool FaultVfs::tripped() const {
  std::lock_guard lock(mutex_);
  return tripped_;
}

std::int64_t FaultVfs::operations() const {
  std::lock_guard lock(mutex_);
  return operations_;
}

void FaultVfs::restore_after_cut(std::mt19937_64& random, bool tear) {
  std::lock_guard lock(mutex_);
  for (auto file = files_.begin(); file != files_.end();) {
    const std::string& path = file->first;
    Tracked& tracked = file->second;
    std::error_code ignored;
    std::filesystem::remove(path + "-shm", ignored);
    if (tracked.deleted) {
      std::filesystem::remove(path, ignored);
      file = files_.erase(file);
      continue;
    }
    std::string image = tracked.synced;
    // Half the time the disk took the writes in order up to some point (as a page cache that
    // writes back in order would); else any of them, in any order.
    const std::size_t count = tracked.since.size();
    const bool in_order = random() % 2 == 0;
    const std::size_t reached = in_order ? random() % (count + 1) : count;
    const std::size_t torn = tear && reached > 0 ? random() % reached : count;
    for (std::size_t i = 0; i < reached; ++i) {
      const Operation& operation = tracked.since[i];
      const bool lands = in_order || random() % 2 == 0;
      if (operation.truncate) {
        if (lands) image.resize(static_cast<std::size_t>(operation.offset));
      } else if (i == torn) {
        // Some of its sectors reached the disk, the others did not.
        for (std::size_t at = 0; at < operation.bytes.size(); at += kSector) {
          if (random() % 2 == 0) {
            place(image, operation.offset + static_cast<std::int64_t>(at),
                  std::string_view(operation.bytes).substr(at, kSector));
          }
        }
      } else if (lands) {
        place(image, operation.offset, operation.bytes);
      }
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << image;
    tracked = Tracked{std::move(image), {}, false};
    ++file;
  }
  armed_at_ = -1;
  tripped_ = false;
}

}  // namespace hearth::test

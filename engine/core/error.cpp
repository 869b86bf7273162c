#include "hearth/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <cereal/details/helpers.hpp>

#include "engine/core/command.h"
#include "storage/json.h"

namespace hearth {

void rethrow_as_error() {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const storage::FileRefused& error) {
    throw Error(ErrorKind::CorruptData, error.what());
  } catch (const storage::CorruptJson& error) {
    throw Error(ErrorKind::CorruptData, error.what());
  } catch (const SQLite::Exception& error) {
    const int code = error.getErrorCode();
    // SQLITE_CORRUPT and SQLITE_NOTADB: the file's bytes are damaged; the rest is the world.
    const bool corrupt = code == 11 || code == 26;
    throw Error(corrupt ? ErrorKind::CorruptData : ErrorKind::Storage,
                std::string("SQLite: ") + error.what(), code);
  } catch (const cereal::Exception& error) {
    throw Error(ErrorKind::CorruptData, std::string("Malformed data: ") + error.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    throw Error(ErrorKind::Storage, error.what());
  }
}

}  // namespace hearth

// Error: the one exception type the engine's API throws.
#pragma once

#include <stdexcept>
#include <string>

namespace hearth {

// What failed. Storage: the file or SQLite (I/O, locking, a full disk). CorruptData: the file's
// content is not what the engine wrote (not a game file, a newer schema, malformed JSON).
// Usage: the calling code asked for something impossible (a bad argument, an unknown id where a
// valid one is required). System: the operating system or a cryptographic library failed (no
// random bytes, a hash that could not be computed).
enum class ErrorKind { Storage, CorruptData, Usage, System };

// A failure, as opposed to a refusal: refusals (not enough turns, cooldown active...) are values
// of type Outcome and never thrown. Every exception from the libraries underneath is converted
// to an Error in exactly one place; nothing else escapes the API.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, int sqlite_code = 0)
      : std::runtime_error(message), kind_(kind), sqlite_code_(sqlite_code) {}

  ErrorKind kind() const { return kind_; }

  // The SQLite result code behind a Storage error, else 0.
  int sqlite_code() const { return sqlite_code_; }

 private:
  ErrorKind kind_;
  int sqlite_code_;
};

}  // namespace hearth

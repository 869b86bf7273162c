// Outcome and Result: what a command answers when the rules may say no.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "hearth/core/error.h"

namespace hearth {

// Why a command was refused. A refused command has written nothing.
enum class Refusal {
  None,               // not refused
  InvalidArgument,    // an input breaks a rule of its own (length, characters, range)
  NotFound,           // a named thing does not exist
  AlreadyExists,      // a unique name or key is taken
  NotAllowed,         // the actor may not do this (role, state, lock)
  NotEnoughTurns,     // the turn budget is short
  InsufficientFunds,  // the paying account is short
  CooldownActive,     // a cooldown timer is still running
  AlreadyDone,        // the thing can happen once and has happened
  Banned,             // a ban in force keeps the actor from this
};

// The refusal's name as written in the code ("NotEnoughTurns"); "None" when not refused.
constexpr std::string_view to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::None:
      return "None";
    case Refusal::InvalidArgument:
      return "InvalidArgument";
    case Refusal::NotFound:
      return "NotFound";
    case Refusal::AlreadyExists:
      return "AlreadyExists";
    case Refusal::NotAllowed:
      return "NotAllowed";
    case Refusal::NotEnoughTurns:
      return "NotEnoughTurns";
    case Refusal::InsufficientFunds:
      return "InsufficientFunds";
    case Refusal::CooldownActive:
      return "CooldownActive";
    case Refusal::AlreadyDone:
      return "AlreadyDone";
    case Refusal::Banned:
      return "Banned";
  }
  return "Unknown";
}

// The answer of a command that may be refused: ok, or a Refusal with one sentence for a person.
class [[nodiscard]] Outcome {
 public:
  Outcome() = default;

  static Outcome refused(Refusal refusal, std::string detail) {
    Outcome outcome;
    outcome.refusal_ = refusal;
    outcome.detail_ = std::move(detail);
    return outcome;
  }

  bool ok() const { return refusal_ == Refusal::None; }

  explicit operator bool() const { return ok(); }

  Refusal refusal() const { return refusal_; }

  // The sentence that explains a refusal; empty when ok.
  const std::string& detail() const { return detail_; }

 private:
  Refusal refusal_ = Refusal::None;
  std::string detail_;
};

// The answer of a command that yields a value unless refused.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, like std::optional

  // REQUIRES: `refusal` is a refusal; a Result that is ok holds a value.
  Result(Outcome refusal) : outcome_(std::move(refusal)) {  // NOLINT
    assert(!outcome_.ok() && "a Result is built from a value or from a refusal");
  }

  bool ok() const { return outcome_.ok(); }

  explicit operator bool() const { return ok(); }

  Refusal refusal() const { return outcome_.refusal(); }

  const std::string& detail() const { return outcome_.detail(); }

  const Outcome& outcome() const { return outcome_; }

  // The value. Throws Error{Usage} when the command was refused.
  const T& value() const {
    if (!ok()) throw Error(ErrorKind::Usage, "No value: the command was refused: " + detail());
    return *value_;
  }

  const T& operator*() const { return value(); }

  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  Outcome outcome_;
};

}  // namespace hearth

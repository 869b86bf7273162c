#include "hearth/identity/accounts.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/core.h>

#include "engine/core/documents_json.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/accounts_internal.h"
#include "engine/identity/players_internal.h"
#include "engine/identity/secrets.h"
#include "engine/onboarding/onboarding_internal.h"

#include "hearth/game.h"

namespace hearth {

Accounts Game::accounts() { return Accounts(*core_); }

namespace {

constexpr const char* kStatusNames[] = {"active", "cancelled", "expired"};

std::optional<SubscriptionStatus> status_named(const std::string& name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kStatusNames[i]) return static_cast<SubscriptionStatus>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SubscriptionStatus status) {
  return kStatusNames[static_cast<int>(status)];
}

namespace {

// The one sentence for an unknown name and a wrong password alike: it does not tell which.
constexpr const char* kWrongPassword = "The name or the password is wrong.";

// The longest token or name accepted for a look-up (a token is 43 characters).
constexpr std::int64_t kMaxLookup = 255;

// What logging in reads of a user.
struct Credentials {
  PlayerId id;
  std::string hash;  // empty: no password (a user made by Players::create)
  bool deleted = false;
  bool active = true;
  bool activated = true;
  std::int64_t failed = 0;
  GameTime locked_until = 0;
};

constexpr const char* kCredentials =
    "SELECT id, ifnull(password_hash, ''), deleted, is_active, activated, failed_logins, "
    "ifnull(login_locked_until, 0) FROM users ";

std::optional<Credentials> read_credentials(Query& query) {
  if (!query.step()) return std::nullopt;
  Credentials found{query.text(0),         query.text(1),         query.integer(2) != 0,
                    query.integer(3) != 0, query.integer(4) != 0, query.integer(5),
                    query.integer(6)};
  query.reset();
  return found;
}

std::optional<Credentials> credentials_by_id(Reader& reader, const PlayerId& user) {
  Query query(reader, std::string(kCredentials) + "WHERE id = ?", user);
  return read_credentials(query);
}

std::optional<Credentials> credentials_by_name(Reader& reader, const std::string& name) {
  Query query(reader, std::string(kCredentials) + "WHERE username = ?1 OR email = ?1", name);
  return read_credentials(query);
}

// Refuses a password the rules refuse: too short (in characters), longer than bcrypt reads (in
// bytes), not valid text.
Outcome check_password(const AccountRules& rules, const std::string& password) {
  if (Outcome valid = text::check("A password", password, rules.password_min_length,
                                  static_cast<std::int64_t>(secrets::kMaxPasswordBytes));
      !valid) {
    return valid;
  }
  if (password.size() > secrets::kMaxPasswordBytes) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A password may not be longer than 72 bytes (bcrypt reads no more).");
  }
  return {};
}

Outcome check_lookup(std::string_view what, const std::string& value) {
  return text::check(what, value, 1, kMaxLookup);
}

// Ok when the user may hold a session: not deleted, not deactivated, activated.
Outcome may_log_in(const Credentials& user) {
  if (user.deleted) return Outcome::refused(Refusal::NotAllowed, "The account is deleted.");
  if (!user.active) return Outcome::refused(Refusal::NotAllowed, "The account is deactivated.");
  if (!user.activated) {
    return Outcome::refused(Refusal::NotAllowed, "The account is not activated yet.");
  }
  return {};
}

// Ok unless a full ban is in force on the user: a banned user's log-ins and sessions stop.
Outcome not_banned(Reader& reader, const PlayerId& user) {
  if (std::optional<BanView> ban = access::full_ban(reader, user)) {
    return access::banned(*ban, reader.now());
  }
  return {};
}

Outcome locked(const Credentials& user, GameTime now) {
  if (user.locked_until <= now) return {};
  return Outcome::refused(
      Refusal::NotAllowed,
      fmt::format("The account is locked after too many wrong passwords, for {} more.",
                  format_duration(Duration(user.locked_until - now))));
}

// Counts a wrong password; the one that reaches the rules' maximum locks the account.
void record_failure(Command& command, const Credentials& user) {
  const AccountRules& rules = command.rules().accounts;
  const bool lock = user.failed + 1 >= rules.max_failed_logins;
  const GameTime until = lock ? command.now() + rules.lockout : 0;
  Query update(command,
               "UPDATE users SET failed_logins = ?1, login_locked_until = NULLIF(?2, 0) "
               "WHERE id = ?3",
               lock ? 0 : user.failed + 1, until, user.id);
  update.exec();
  if (lock) {
    command.emit(AccountEvents::kLocked, "", user.id, Payload().add("until", until).str());
  }
}

// A user's TOTP, as mfa_secrets keeps it.
struct Mfa {
  bool enabled = false;
  std::string secret;
  GameTime last_step_at = 0;  // the start of the last TOTP step accepted: no code of it or before
  StringList recovery;        // the SHA-256 of each unused recovery code
};

constexpr GameTime kTotpStep = 30 * kSecond;
constexpr std::size_t kRecoveryCodes = 10;

std::optional<Mfa> read_mfa(Reader& reader, const PlayerId& user) {
  Query query(reader,
              "SELECT is_enabled, secret, ifnull(last_used_at, 0), backup_codes FROM mfa_secrets "
              "WHERE user_id = ?",
              user);
  if (!query.step()) return std::nullopt;
  Mfa mfa{query.integer(0) != 0, query.text(1), query.integer(2),
          storage::from_json<StringList>(query.text(3), kBackupCodesColumn)};
  query.reset();
  return mfa;
}

// Whether `code` is a TOTP code of the steps around the clock's `reading` (one either way) not
// used before, or an unused recovery code; marks what it used, and records the attempt.
bool accept_code(Command& command, const PlayerId& user, const Mfa& mfa, const std::string& code,
                 GameTime reading) {
  bool accepted = false;
  const bool recovery = code.size() == 10;
  if (recovery) {
    const std::string hash = secrets::token_hash(code);
    StringList left = mfa.recovery;
    const auto found = std::find(left.begin(), left.end(), hash);
    if (found != left.end()) {
      left.erase(found);
      accepted = true;
      Query use(command,
                "UPDATE mfa_secrets SET backup_codes = ?1, updated_at = ?2 WHERE user_id = ?3",
                storage::to_json(left), command.now(), user);
      use.exec();
    }
  } else if (code.size() == 6) {
    const std::int64_t now_step = reading / kTotpStep;
    for (std::int64_t step = now_step - 1; step <= now_step + 1 && !accepted; ++step) {
      if (step * kTotpStep <= mfa.last_step_at) continue;  // each step's code is good once
      if (secrets::totp_code(mfa.secret, step) != code) continue;
      accepted = true;
      Query use(command,
                "UPDATE mfa_secrets SET last_used_at = ?1, updated_at = ?2 WHERE user_id = ?3",
                step * kTotpStep, command.now(), user);
      use.exec();
    }
  }
  Query attempt(command,
                "INSERT INTO mfa_attempts (id, user_id, attempt_type, success, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                command.new_uuid(), user, recovery ? "backup_code" : "totp", accepted ? 1 : 0,
                command.now());
  attempt.exec();
  return accepted;
}

// With TOTP in force for `user`, refuses a missing or wrong code (a wrong one counts as a wrong
// password); ok otherwise.
Outcome check_second_factor(Command& command, const Credentials& user, const std::string& code,
                            GameTime reading) {
  const auto mfa = read_mfa(command, user.id);
  if (!mfa || !mfa->enabled) return {};
  if (code.empty()) {
    return Outcome::refused(Refusal::NotAllowed, "A code from the authenticator is required.");
  }
  if (!accept_code(command, user.id, *mfa, code, reading)) {
    record_failure(command, user);
    return Outcome::refused(Refusal::NotAllowed, "The code is wrong.");
  }
  return {};
}

// `text` with every byte but unreserved ones percent-encoded (RFC 3986), for the otpauth URI.
std::string uri_encoded(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Stores a log-in's tokens (as their SHA-256): the next refresh token of series `series` (0: a
// new log-in, whose series is this token) after `previous` (0: none), and an access token.
Session issue(Command& command, const PlayerId& user, const std::string& access,
              const std::string& refresh, std::int64_t previous, std::int64_t series) {
  const AccountRules& rules = command.rules().accounts;
  Session session{user, access, refresh, command.now() + rules.access_token_lifetime,
                  command.now() + rules.refresh_token_lifetime};
  Query store_refresh(command,
                      "INSERT INTO user_tokens (token, type, user_id, previous_id, expires_at, "
                      "created_at, series_id) VALUES (?1, 'refresh', ?2, NULLIF(?3, 0), ?4, ?5, "
                      "NULLIF(?6, 0))",
                      secrets::token_hash(refresh), user, previous, session.refresh_expires_at,
                      command.now(), series);
  store_refresh.exec();
  if (series == 0) {
    series = command.last_insert_id();
    Query first(command, "UPDATE user_tokens SET series_id = id WHERE id = ?", series);
    first.exec();
  }
  Query store_access(command,
                     "INSERT INTO user_tokens (token, type, user_id, expires_at, created_at, "
                     "series_id) VALUES (?1, 'login', ?2, ?3, ?4, ?5)",
                     secrets::token_hash(access), user, session.access_expires_at, command.now(),
                     series);
  store_access.exec();
  return session;
}

// A new log-in of `user` through `via` ("password", a provider): recorded, journaled, its tokens
// stored.
Session open_session(Command& command, const PlayerId& user, const std::string& access,
                     const std::string& refresh, std::string_view via) {
  players::record_login(command, user);
  Session session = issue(command, user, access, refresh, 0, 0);
  command.emit(AccountEvents::kLoggedIn, "", user, Payload().add("via", via).str());
  return session;
}

// Revokes every token of the user's log-ins not revoked yet; returns how many.
std::int64_t revoke_all(Command& command, const PlayerId& user) {
  Query revoke(command,
               "UPDATE user_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND type IN ('login', "
               "'refresh') AND revoked_at IS NULL",
               command.now(), user);
  revoke.exec();
  return command.sql().getChanges();
}

// Verifies `password` for `user` outside any transaction: what the command then re-checks.
struct Verified {
  AccountRules rules;
  std::optional<Credentials> user;
  bool right = false;
};

Verified verify(Core& core, const PlayerId& user, const std::string& password) {
  Verified seen = core.read([&](Reader& reader) {
    return Verified{reader.rules().accounts, credentials_by_id(reader, user)};
  });
  seen.right = seen.user && !seen.user->hash.empty() &&
               password.size() <= secrets::kMaxPasswordBytes &&
               password.find('\0') == std::string::npos &&
               secrets::verify_password(password, seen.user->hash);
  return seen;
}

// In a command: the user as verify() saw it, not locked, with the password right (a wrong one
// counted) and allowed to log in; or the refusal.
Result<Credentials> confirm_password(Command& command, const Verified& seen) {
  const auto user = credentials_by_id(command, seen.user->id);
  if (!user || user->hash != seen.user->hash) {
    return Outcome::refused(Refusal::NotAllowed, "The password is wrong.");
  }
  if (Outcome open = locked(*user, command.now()); !open) return open;
  if (!seen.right) {
    record_failure(command, *user);
    return Outcome::refused(Refusal::NotAllowed, "The password is wrong.");
  }
  if (Outcome may = may_log_in(*user); !may) return may;
  return *user;
}

// Sets a new password hash, lifts a lock, ends every log-in; journals the change.
void store_password(Command& command, const PlayerId& user, const std::string& hash) {
  Query store(command,
              "UPDATE users SET password_hash = ?1, password_changed_at = ?2, failed_logins = 0, "
              "login_locked_until = NULL WHERE id = ?3",
              hash, command.now(), user);
  store.exec();
  const std::int64_t revoked = revoke_all(command, user);
  command.emit(AccountEvents::kPasswordChanged, "", user, Payload().add("revoked", revoked).str());
}

// A one-shot token kind as user_tokens stores it, and its lifetime in the rules.
struct OneShotKind {
  const char* type;
  GameTime AccountRules::*lifetime;
};

OneShotKind kind_of(OneShotToken kind) {
  switch (kind) {
    case OneShotToken::EmailVerification:
      return {"generic", &AccountRules::verification_token_lifetime};
    case OneShotToken::Activation:
      return {"activation", &AccountRules::activation_token_lifetime};
    case OneShotToken::PasswordReset:
      break;
  }
  return {"password", &AccountRules::reset_token_lifetime};
}

// A one-shot token used: its user and what it was issued for (the email address of a
// verification token). Marks it used; a refusal leaves it as it was (the command writes nothing).
struct Used {
  PlayerId user;
  std::string nonce;
};

Result<Used> use_token(Command& command, std::string_view type, const std::string& token) {
  if (Outcome valid = check_lookup("A token", token); !valid) return valid;
  Query query(command,
              "SELECT id, user_id, ifnull(nonce, ''), expires_at, revoked_at IS NOT NULL "
              "FROM user_tokens WHERE token = ? AND type = ?",
              secrets::token_hash(token), type);
  if (!query.step()) return Outcome::refused(Refusal::NotAllowed, "The token is not known.");
  const std::int64_t id = query.integer(0);
  Used used{query.text(1), query.text(2)};
  const GameTime expires = query.integer(3);
  const bool spent = query.integer(4) != 0;
  query.reset();
  if (spent) return Outcome::refused(Refusal::NotAllowed, "The token was used or replaced.");
  if (expires <= command.now()) {
    return Outcome::refused(Refusal::NotAllowed, "The token has expired.");
  }
  if (players::deleted(command, used.user).value_or(true)) {
    return Outcome::refused(Refusal::NotAllowed, "The account is deleted.");
  }
  Query spend(command, "UPDATE user_tokens SET revoked_at = ?1 WHERE id = ?2", command.now(), id);
  spend.exec();
  return used;
}

// A command's answer that is written whatever it says: a refusal here still keeps the count of
// wrong passwords or the revocation of a reused series.
template <class T>
struct Recorded {
  Outcome outcome;
  T value{};
};

// Runs `work(command)` once the password verify() saw is confirmed and, with TOTP in force,
// `code` accepted. What the checks record (a wrong password, a code tried) is kept even when they
// refuse.
template <class Work>
Outcome when_confirmed(Core& core, const Verified& seen, const std::string& code, Work&& work) {
  const GameTime reading = core.clock().now();
  const Recorded<bool> answer = core.run([&](Command& command) -> Recorded<bool> {
    const auto checked = confirm_password(command, seen);
    if (!checked) return {checked.outcome()};
    if (Outcome second = check_second_factor(command, *checked, code, reading); !second) {
      return {second};
    }
    Outcome done = work(command);
    return {done, done.ok()};
  });
  return answer.outcome;
}

}  // namespace

Result<PlayerView> Accounts::register_account(const NewAccount& account) {
  const AccountRules rules = core_.read([](Reader& reader) { return reader.rules().accounts; });
  if (Outcome valid = check_password(rules, account.password); !valid) return valid;
  const std::string hash =
      secrets::hash_password(account.password, static_cast<int>(rules.password_cost));
  std::optional<Result<PlayerView>> created;
  const Outcome done = core_.group([&]() -> Outcome {
    created = Players(core_).create(account.user);
    if (!*created) return created->outcome();
    return core_.run([&](Command& command) -> Outcome {
      Query store(command,
                  "UPDATE users SET password_hash = ?1, password_changed_at = ?2, activated = ?3 "
                  "WHERE id = ?4",
                  hash, command.now(), account.activated ? 1 : 0, (*created)->id);
      store.exec();
      return {};
    });
  });
  if (!done) return done;
  return *created;
}

Result<Session> Accounts::log_in(const std::string& name_or_email, const std::string& password,
                                 const std::string& code) {
  if (Outcome valid = check_lookup("A name or email", name_or_email); !valid) return valid;

  struct Seen {
    AccountRules rules;
    GameTime now;
    std::optional<Credentials> user;
  };

  const Seen seen = core_.read([&](Reader& reader) {
    return Seen{reader.rules().accounts, reader.now(), credentials_by_name(reader, name_or_email)};
  });
  if (seen.user) {
    if (Outcome open = locked(*seen.user, seen.now); !open) return open;
  }
  // The slow part, outside any transaction. An unknown name costs a hash as well, so that the
  // time taken does not tell whether the name exists.
  const int cost = static_cast<int>(seen.rules.password_cost);
  bool right = false;
  if (!seen.user || seen.user->hash.empty() || password.size() > secrets::kMaxPasswordBytes ||
      password.find('\0') != std::string::npos) {
    secrets::hash_password(std::string_view(password).substr(0, secrets::kMaxPasswordBytes), cost);
  } else {
    right = secrets::verify_password(password, seen.user->hash);
  }
  const std::string rehash = right && secrets::password_cost(seen.user->hash) < cost
                                 ? secrets::hash_password(password, cost)
                                 : "";
  const std::string access = secrets::new_token();
  const std::string refresh = secrets::new_token();
  const GameTime reading = core_.clock().now();

  const Recorded<Session> answer = core_.run([&](Command& command) -> Recorded<Session> {
    if (!seen.user) return {Outcome::refused(Refusal::NotAllowed, kWrongPassword)};
    const auto user = credentials_by_id(command, seen.user->id);
    // The password was changed meanwhile: what was verified is not the password any more.
    if (!user || user->hash != seen.user->hash) {
      return {Outcome::refused(Refusal::NotAllowed, kWrongPassword)};
    }
    if (Outcome open = locked(*user, command.now()); !open) return {open};
    if (!right) {
      record_failure(command, *user);
      return {Outcome::refused(Refusal::NotAllowed, kWrongPassword)};
    }
    if (Outcome may = may_log_in(*user); !may) return {may};
    if (Outcome free = not_banned(command, user->id); !free) return {free};
    if (Outcome second = check_second_factor(command, *user, code, reading); !second) {
      return {second};
    }
    Query reset(command,
                "UPDATE users SET failed_logins = 0, login_locked_until = NULL, password_hash = "
                "CASE WHEN ?1 = '' THEN password_hash ELSE ?1 END WHERE id = ?2",
                rehash, user->id);
    reset.exec();
    return {{}, open_session(command, user->id, access, refresh, "password")};
  });
  if (!answer.outcome) return answer.outcome;
  return answer.value;
}

Result<PlayerId> Accounts::authenticate(const std::string& access_token) const {
  if (Outcome valid = check_lookup("A token", access_token); !valid) return valid;
  const std::string hash = secrets::token_hash(access_token);
  return core_.read([&](Reader& reader) -> Result<PlayerId> {
    Query query(reader,
                "SELECT t.user_id, t.expires_at, t.revoked_at IS NOT NULL, u.deleted, u.is_active, "
                "u.activated FROM user_tokens t JOIN users u ON u.id = t.user_id "
                "WHERE t.token = ? AND t.type = 'login'",
                hash);
    if (!query.step()) return Outcome::refused(Refusal::NotAllowed, "The token is not known.");
    Credentials user;
    user.id = query.text(0);
    const GameTime expires = query.integer(1);
    const bool revoked = query.integer(2) != 0;
    user.deleted = query.integer(3) != 0;
    user.active = query.integer(4) != 0;
    user.activated = query.integer(5) != 0;
    query.reset();
    if (revoked) return Outcome::refused(Refusal::NotAllowed, "The token has been revoked.");
    if (expires <= reader.now()) {
      return Outcome::refused(Refusal::NotAllowed, "The token has expired.");
    }
    if (Outcome may = may_log_in(user); !may) return may;
    if (Outcome free = not_banned(reader, user.id); !free) return free;
    return user.id;
  });
}

Result<Session> Accounts::refresh(const std::string& refresh_token) {
  if (Outcome valid = check_lookup("A token", refresh_token); !valid) return valid;
  const std::string hash = secrets::token_hash(refresh_token);
  const std::string access = secrets::new_token();
  const std::string next = secrets::new_token();
  const Recorded<Session> answer = core_.run([&](Command& command) -> Recorded<Session> {
    Query query(command,
                "SELECT t.id, t.user_id, t.expires_at, t.revoked_at IS NOT NULL, t.series_id, "
                "EXISTS (SELECT 1 FROM user_tokens n WHERE n.previous_id = t.id) "
                "FROM user_tokens t WHERE t.token = ? AND t.type = 'refresh'",
                hash);
    if (!query.step()) return {Outcome::refused(Refusal::NotAllowed, "The token is not known.")};
    const std::int64_t id = query.integer(0);
    const PlayerId user = query.text(1);
    const GameTime expires = query.integer(2);
    const bool revoked = query.integer(3) != 0;
    const std::int64_t series = query.integer(4);
    const bool traded = query.integer(5) != 0;
    query.reset();
    if (traded) {
      Query revoke(command,
                   "UPDATE user_tokens SET revoked_at = ?1 WHERE series_id = ?2 AND revoked_at "
                   "IS NULL",
                   command.now(), series);
      revoke.exec();
      command.emit(AccountEvents::kTokenReused, "", user, Payload().add("series", series).str());
      return {Outcome::refused(Refusal::NotAllowed,
                               "The refresh token was used before: every token of its log-in is "
                               "revoked.")};
    }
    if (revoked) return {Outcome::refused(Refusal::NotAllowed, "The token has been revoked.")};
    if (expires <= command.now()) {
      return {Outcome::refused(Refusal::NotAllowed, "The token has expired.")};
    }
    if (Outcome may = may_log_in(*credentials_by_id(command, user)); !may) return {may};
    if (Outcome free = not_banned(command, user); !free) return {free};
    return {{}, issue(command, user, access, next, id, series)};
  });
  if (!answer.outcome) return answer.outcome;
  return answer.value;
}

Outcome Accounts::log_out(const std::string& token) {
  if (Outcome valid = check_lookup("A token", token); !valid) return valid;
  const std::string hash = secrets::token_hash(token);
  return core_.run([&](Command& command) -> Outcome {
    Query query(command,
                "SELECT series_id FROM user_tokens WHERE token = ? AND type IN ('login', "
                "'refresh')",
                hash);
    if (!query.step()) return Outcome::refused(Refusal::NotFound, "The token is not known.");
    const std::int64_t series = query.integer(0);
    query.reset();
    Query revoke(command,
                 "UPDATE user_tokens SET revoked_at = ?1 WHERE series_id = ?2 AND revoked_at IS "
                 "NULL",
                 command.now(), series);
    revoke.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::AlreadyDone, "The log-in has ended already.");
    }
    return {};
  });
}

Outcome Accounts::log_out_everywhere(const PlayerId& user) {
  return core_.run([&](Command& command) -> Outcome {
    if (!players::deleted(command, user)) {
      return Outcome::refused(Refusal::NotFound, "There is no such user.");
    }
    accounts::end_sessions(command, user);
    return {};
  });
}

std::int64_t accounts::end_sessions(Command& command, const PlayerId& user) {
  const std::int64_t revoked = revoke_all(command, user);
  command.emit(AccountEvents::kLoggedOutEverywhere, "", user,
               Payload().add("revoked", revoked).str());
  return revoked;
}

Outcome Accounts::change_password(const PlayerId& user, const std::string& current,
                                  const std::string& password, const std::string& code) {
  const Verified seen = verify(core_, user, current);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  if (Outcome valid = check_password(seen.rules, password); !valid) return valid;
  const std::string hash =
      seen.right ? secrets::hash_password(password, static_cast<int>(seen.rules.password_cost))
                 : "";
  return when_confirmed(core_, seen, code, [&](Command& command) -> Outcome {
    store_password(command, user, hash);
    return {};
  });
}

Result<std::string> Accounts::issue_token(const PlayerId& user, OneShotToken kind) {
  const std::string token = secrets::new_token();
  return core_.run([&](Command& command) -> Result<std::string> {
    Query query(command,
                "SELECT deleted, ifnull(email, ''), verified, activated FROM users WHERE id = ?",
                user);
    if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such user.");
    const bool deleted = query.integer(0) != 0;
    const std::string email = query.text(1);
    const bool verified = query.integer(2) != 0;
    const bool activated = query.integer(3) != 0;
    query.reset();
    if (deleted) return Outcome::refused(Refusal::NotAllowed, "The account is deleted.");
    if (kind == OneShotToken::EmailVerification) {
      if (email.empty()) {
        return Outcome::refused(Refusal::NotAllowed, "The user has no email address.");
      }
      if (verified) return Outcome::refused(Refusal::AlreadyDone, "The email is verified.");
    }
    if (kind == OneShotToken::Activation && activated) {
      return Outcome::refused(Refusal::AlreadyDone, "The account is active.");
    }
    const OneShotKind shape = kind_of(kind);
    Query replace(command,
                  "UPDATE user_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND type = ?3 AND "
                  "revoked_at IS NULL",
                  command.now(), user, shape.type);
    replace.exec();
    Query store(command,
                "INSERT INTO user_tokens (token, nonce, type, user_id, expires_at, created_at) "
                "VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?5, ?6)",
                secrets::token_hash(token),
                kind == OneShotToken::EmailVerification ? email : std::string(), shape.type, user,
                command.now() + command.rules().accounts.*shape.lifetime, command.now());
    store.exec();
    return token;
  });
}

Outcome Accounts::verify_email(const std::string& token) {
  return core_.run([&](Command& command) -> Outcome {
    const auto used = use_token(command, "generic", token);
    if (!used) return used.outcome();
    Query email(command, "SELECT ifnull(email, '') = ?1 COLLATE NOCASE FROM users WHERE id = ?2",
                used->nonce, used->user);
    email.step();
    if (email.integer(0) == 0) {
      return Outcome::refused(Refusal::NotAllowed,
                              "The token was issued for another email address.");
    }
    email.reset();
    Query verify(command, "UPDATE users SET verified = 1 WHERE id = ?", used->user);
    verify.exec();
    command.emit(AccountEvents::kEmailVerified, "", used->user, "{}");
    return {};
  });
}

Outcome Accounts::activate(const std::string& token) {
  return core_.run([&](Command& command) -> Outcome {
    const auto used = use_token(command, "activation", token);
    if (!used) return used.outcome();
    Query activate(command, "UPDATE users SET activated = 1 WHERE id = ?", used->user);
    activate.exec();
    command.emit(AccountEvents::kActivated, "", used->user, "{}");
    return {};
  });
}

Outcome Accounts::reset_password(const std::string& token, const std::string& password) {
  const AccountRules rules = core_.read([](Reader& reader) { return reader.rules().accounts; });
  if (Outcome valid = check_password(rules, password); !valid) return valid;
  const std::string hash = secrets::hash_password(password, static_cast<int>(rules.password_cost));
  return core_.run([&](Command& command) -> Outcome {
    const auto used = use_token(command, "password", token);
    if (!used) return used.outcome();
    store_password(command, used->user, hash);
    return {};
  });
}

Outcome Accounts::change_email(const PlayerId& user, const std::string& password,
                               const std::string& email, const std::string& code) {
  const Verified seen = verify(core_, user, password);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  return when_confirmed(core_, seen, code, [&](Command& command) -> Outcome {
    if (Outcome stored = players::set_email(command, user, email); !stored) return stored;
    Query unverify(command, "UPDATE users SET verified = 0 WHERE id = ?", user);
    unverify.exec();
    Query stale(command,
                "UPDATE user_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND type = 'generic' "
                "AND revoked_at IS NULL",
                command.now(), user);
    stale.exec();
    command.emit(AccountEvents::kEmailChanged, "", user, "{}");
    return {};
  });
}

Outcome Accounts::deactivate(const PlayerId& user, const std::string& password,
                             const std::string& code) {
  const Verified seen = verify(core_, user, password);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  if (!seen.user->deleted && !seen.user->active) {
    return Outcome::refused(Refusal::AlreadyDone, "The account is deactivated already.");
  }
  return when_confirmed(core_, seen, code, [&](Command& command) -> Outcome {
    players::set_active(command, user, false);
    const std::int64_t revoked = revoke_all(command, user);
    command.emit(AccountEvents::kDeactivated, "", user, Payload().add("revoked", revoked).str());
    return {};
  });
}

Outcome Accounts::delete_account(const PlayerId& user, const std::string& password,
                                 const std::string& code) {
  const Verified seen = verify(core_, user, password);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  if (seen.user->deleted) {
    return Outcome::refused(Refusal::AlreadyDone, "The account is deleted already.");
  }
  return when_confirmed(core_, seen, code, [&](Command& command) -> Outcome {
    revoke_all(command, user);
    players::mark_deleted(command, user);
    return {};
  });
}

Outcome Accounts::reactivate(const PlayerId& user) {
  return core_.run([&](Command& command) -> Outcome {
    const auto found = credentials_by_id(command, user);
    if (!found) return Outcome::refused(Refusal::NotFound, "There is no such user.");
    if (found->deleted) return Outcome::refused(Refusal::NotAllowed, "The account is deleted.");
    if (found->active) return Outcome::refused(Refusal::AlreadyDone, "The account is active.");
    players::set_active(command, user, true);
    command.emit(AccountEvents::kReactivated, "", user, "{}");
    return {};
  });
}

Outcome Accounts::set_subscription(const PlayerId& user, const Subscription& subscription) {
  if (Outcome valid = text::check("A subscription tier", subscription.tier, 1, 50); !valid) {
    return valid;
  }
  if (Outcome valid =
          text::check_optional("A provider reference", subscription.provider_reference, 255);
      !valid) {
    return valid;
  }
  if (subscription.status == SubscriptionStatus::Expired) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A subscription is set running; the tick expires it.");
  }
  check_game_time(subscription.started_at);
  if (subscription.expires_at != 0) check_game_time(subscription.expires_at);
  if (subscription.expires_at != 0 && subscription.expires_at <= subscription.started_at) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A subscription must expire after it starts.");
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, user); !active) return active;
    if (subscription.expires_at != 0 && subscription.expires_at <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A running subscription must expire in the future.");
    }
    Query store(command,
                "UPDATE users SET subscription_tier = ?1, subscription_status = ?2, "
                "subscription_started_at = ?3, subscription_expires_at = NULLIF(?4, 0), "
                "paypal_subscription_id = NULLIF(?5, '') WHERE id = ?6",
                subscription.tier, to_string(subscription.status), subscription.started_at,
                subscription.expires_at, subscription.provider_reference, user);
    store.exec();
    if (subscription.expires_at != 0) command.schedule(subscription.expires_at);
    command.emit(AccountEvents::kSubscriptionSet, "", user,
                 Payload()
                     .add("tier", subscription.tier)
                     .add("status", to_string(subscription.status))
                     .add("expires_at", subscription.expires_at)
                     .str());
    return {};
  });
}

std::optional<Subscription> Accounts::subscription(const PlayerId& user) const {
  return core_.read([&](Reader& reader) -> std::optional<Subscription> {
    Query query(reader,
                "SELECT subscription_tier, ifnull(subscription_status, ''), "
                "ifnull(subscription_started_at, 0), ifnull(subscription_expires_at, 0), "
                "ifnull(paypal_subscription_id, '') FROM users WHERE id = ? AND "
                "subscription_tier IS NOT NULL",
                user);
    if (!query.step()) return std::nullopt;
    const auto status = status_named(query.text(1));
    if (!status) {
      throw Error(
          ErrorKind::CorruptData,
          fmt::format("The subscription status '{}' is not one the engine writes.", query.text(1)));
    }
    Subscription found{query.text(0), *status, query.integer(2), query.integer(3), query.text(4)};
    return found;
  });
}

void tick_subscriptions(Command& command, GameTime to) {
  constexpr int kBatch = 512;
  for (;;) {
    if (command.work_spent()) return;
    Query due(command,
              "SELECT id, subscription_tier, subscription_expires_at FROM users "
              "WHERE subscription_status IN ('active', 'cancelled') AND "
              "subscription_expires_at <= ?1 ORDER BY subscription_expires_at LIMIT ?2",
              to, command.batch_of(kBatch));

    struct Ending {
      PlayerId user;
      std::string tier;
      GameTime at;
    };

    std::vector<Ending> ending;
    while (due.step()) ending.push_back({due.text(0), due.text(1), due.integer(2)});
    due.reset();
    if (ending.empty()) return;
    command.spend(ending.size());
    for (const Ending& end : ending) {
      Query expire(command, "UPDATE users SET subscription_status = 'expired' WHERE id = ?",
                   end.user);
      expire.exec();
      command.emit_at(end.at, AccountEvents::kSubscriptionExpired, "", end.user,
                      Payload().add("tier", end.tier).str());
    }
  }
}

namespace {

// Refuses a provider name: 1 to 20 lowercase ASCII letters, digits, '_' or '-'.
Outcome check_provider(const std::string& provider) {
  const bool shaped =
      !provider.empty() && provider.size() <= 20 &&
      provider.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (shaped) return {};
  return Outcome::refused(Refusal::InvalidArgument,
                          "A provider is 1 to 20 lowercase letters, digits, '_' or '-'.");
}

}  // namespace

Outcome Accounts::link_provider(const PlayerId& user, const ProviderLink& link) {
  if (Outcome valid = check_provider(link.provider); !valid) return valid;
  if (Outcome valid = text::check("A provider's user id", link.provider_user_id, 1, 255); !valid) {
    return valid;
  }
  if (Outcome valid = text::check_optional("A provider's email", link.email, 255); !valid) {
    return valid;
  }
  if (Outcome valid = text::check_optional("A provider's username", link.username, 255); !valid) {
    return valid;
  }
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, user); !active) return active;
    Query taken(command,
                "SELECT user_id = ?3, deleted FROM oauth_accounts WHERE provider = ?1 AND "
                "provider_user_id = ?2",
                link.provider, link.provider_user_id, user);
    const bool known = taken.step();
    const bool removed = known && taken.integer(1) != 0;
    taken.reset();
    if (known && !removed) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("This {} identity is linked already.", link.provider));
    }
    Query other(command,
                "SELECT 1 FROM oauth_accounts WHERE user_id = ? AND provider = ? AND deleted = 0",
                user, link.provider);
    if (other.step()) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The user has a {} link already.", link.provider));
    }
    other.reset();
    Query store(command,
                "INSERT INTO oauth_accounts (id, user_id, provider, provider_user_id, "
                "provider_account_email, provider_account_username, created_at, updated_at) "
                "VALUES (:id, :user, :provider, :provider_user, NULLIF(:email, ''), "
                "NULLIF(:username, ''), :now, :now) ON CONFLICT (provider, provider_user_id) DO "
                "UPDATE SET user_id = :user, provider_account_email = NULLIF(:email, ''), "
                "provider_account_username = NULLIF(:username, ''), deleted = 0, "
                "updated_at = :now",
                named(":id", command.new_uuid()), named(":user", user),
                named(":provider", link.provider), named(":provider_user", link.provider_user_id),
                named(":email", link.email), named(":username", link.username),
                named(":now", command.now()));
    store.exec();
    command.emit(AccountEvents::kProviderLinked, "", user,
                 Payload().add("provider", link.provider).str());
    return {};
  });
}

Outcome Accounts::unlink_provider(const PlayerId& user, const std::string& provider) {
  if (Outcome valid = check_provider(provider); !valid) return valid;
  return core_.run([&](Command& command) -> Outcome {
    Query unlink(command,
                 "UPDATE oauth_accounts SET deleted = 1, updated_at = ?1 WHERE user_id = ?2 AND "
                 "provider = ?3 AND deleted = 0",
                 command.now(), user, provider);
    unlink.exec();
    if (command.sql().getChanges() == 0) {
      return Outcome::refused(Refusal::NotFound, fmt::format("The user has no {} link.", provider));
    }
    command.emit(AccountEvents::kProviderUnlinked, "", user,
                 Payload().add("provider", provider).str());
    return {};
  });
}

std::vector<ProviderLink> Accounts::providers(const PlayerId& user) const {
  return core_.read([&](Reader& reader) {
    Query query(reader,
                "SELECT provider, provider_user_id, ifnull(provider_account_email, ''), "
                "ifnull(provider_account_username, '') FROM oauth_accounts WHERE user_id = ? AND "
                "deleted = 0 ORDER BY provider",
                user);
    std::vector<ProviderLink> links;
    while (query.step()) {
      links.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
    }
    return links;
  });
}

Result<Session> Accounts::log_in_with_provider(const std::string& provider,
                                               const std::string& provider_user_id,
                                               const std::string& code) {
  if (Outcome valid = check_provider(provider); !valid) return valid;
  if (Outcome valid = check_lookup("A provider's user id", provider_user_id); !valid) return valid;
  const std::string access = secrets::new_token();
  const std::string refresh = secrets::new_token();
  const GameTime reading = core_.clock().now();
  const Recorded<Session> answer = core_.run([&](Command& command) -> Recorded<Session> {
    Query linked(command,
                 "SELECT user_id FROM oauth_accounts WHERE provider = ? AND provider_user_id = ? "
                 "AND deleted = 0",
                 provider, provider_user_id);
    if (!linked.step()) {
      return {Outcome::refused(Refusal::NotAllowed,
                               fmt::format("This {} identity is linked to no account.", provider))};
    }
    const PlayerId id = linked.text(0);
    linked.reset();
    const auto user = credentials_by_id(command, id);
    if (Outcome open = locked(*user, command.now()); !open) return {open};
    if (Outcome may = may_log_in(*user); !may) return {may};
    if (Outcome free = not_banned(command, user->id); !free) return {free};
    if (Outcome second = check_second_factor(command, *user, code, reading); !second) {
      return {second};
    }
    return {{}, open_session(command, id, access, refresh, provider)};
  });
  if (!answer.outcome) return answer.outcome;
  return answer.value;
}

namespace {

// Columns an export leaves out: secrets, even hashed.
bool secret_column(const std::string& table, const std::string& column) {
  return column == "password_hash" || (table == "user_tokens" && column == "token") ||
         column == "nonce" ||
         (table == "mfa_secrets" && column != "user_id" && column != "is_enabled" &&
          column != "created_at") ||
         column == "access_token" || column == "refresh_token";
}

// A JSON object expression of a row of `table`, without its secret columns (blobs as hex).
std::string row_object(Reader& reader, const std::string& table) {
  std::string object = "json_object(";
  Query columns(reader, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table);
  bool first = true;
  while (columns.step()) {
    const std::string column = columns.text(0);
    if (secret_column(table, column)) continue;
    object +=
        fmt::format("{}'{}', CASE WHEN typeof(\"{}\") = 'blob' THEN hex(\"{}\") ELSE \"{}\" END",
                    first ? "" : ", ", column, column, column, column);
    first = false;
  }
  return object + ")";
}

}  // namespace

std::optional<std::string> Accounts::export_data(const PlayerId& user) const {
  return core_.read([&](Reader& reader) -> std::optional<std::string> {
    // Every (table, column) whose foreign key names users or players: a player's id is its user's.
    std::vector<std::pair<std::string, std::string>> references;
    {
      Query links(
          reader,
          "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f "
          "WHERE m.type = 'table' AND f.\"table\" IN ('users', 'players') "
          "ORDER BY m.name, f.\"from\"");
      while (links.step()) references.emplace_back(links.text(0), links.text(1));
    }
    Query own(reader, "SELECT " + row_object(reader, "users") + " FROM users WHERE id = ?", user);
    if (!own.step()) return std::nullopt;
    std::string out = "{\"user\":" + own.text(0) + ",\"tables\":{";
    own.reset();
    std::string table;
    std::string rows;
    const auto flush = [&] {
      if (table.empty()) return;
      out += (out.back() == '{' ? "" : ",") + fmt::format("\"{}\":[{}]", table, rows);
      rows.clear();
    };
    for (const auto& [name, column] : references) {
      if (name != table) {
        flush();
        table = name;
      }
      Query query(reader,
                  fmt::format("SELECT {} FROM \"{}\" WHERE \"{}\" = ? ORDER BY 1",
                              row_object(reader, name), name, column),
                  user);
      while (query.step()) rows += (rows.empty() ? "" : ",") + query.text(0);
    }
    flush();
    return out + "}}";
  });
}

Outcome Accounts::erase_personal_data(const PlayerId& user) {
  return core_.run([&](Command& command) -> Outcome {
    Query state(command, "SELECT deleted, erased_at IS NOT NULL FROM users WHERE id = ?", user);
    if (!state.step()) return Outcome::refused(Refusal::NotFound, "There is no such user.");
    const bool deleted = state.flag(0);
    const bool erased = state.flag(1);
    state.reset();
    if (!deleted) {
      return Outcome::refused(Refusal::NotAllowed,
                              "Only a deleted user's data can be erased: delete the player first.");
    }
    if (erased) {
      return Outcome::refused(Refusal::AlreadyDone, "The user's data is erased already.");
    }
    Query credentials(command,
                      "UPDATE users SET password_hash = NULL, password_changed_at = NULL, "
                      "failed_logins = 0, login_locked_until = NULL, subscription_tier = NULL, "
                      "subscription_status = NULL, subscription_started_at = NULL, "
                      "subscription_expires_at = NULL, paypal_subscription_id = NULL, "
                      "verified = 0, erased_at = ?1 WHERE id = ?2",
                      command.now(), user);
    credentials.exec();
    for (const char* table : {"user_tokens", "mfa_secrets", "mfa_attempts", "oauth_accounts"}) {
      Query erase(command, fmt::format("DELETE FROM {} WHERE user_id = ?", table), user);
      erase.exec();
    }
    players::erase_personal_data(command, user);
    onboarding::erase_transcripts(command, user);
    command.emit(AccountEvents::kErased, "", user, "{}");
    return {};
  });
}

Result<MfaEnrolment> Accounts::begin_mfa(const PlayerId& user, const std::string& password,
                                         const std::string& issuer) {
  if (Outcome valid = text::check("An issuer", issuer, 1, 50); !valid) return valid;
  if (issuer.find(':') != std::string::npos) {
    return Outcome::refused(Refusal::InvalidArgument, "An issuer may not hold ':'.");
  }
  const Verified seen = verify(core_, user, password);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  const std::string secret = secrets::new_totp_secret();
  const Recorded<MfaEnrolment> answer = core_.run([&](Command& command) -> Recorded<MfaEnrolment> {
    const auto checked = confirm_password(command, seen);
    if (!checked) return {checked.outcome()};
    if (const auto mfa = read_mfa(command, user); mfa && mfa->enabled) {
      return {Outcome::refused(Refusal::AlreadyDone, "TOTP is already in force.")};
    }
    Query store(command,
                "INSERT INTO mfa_secrets (user_id, secret, created_at, updated_at) "
                "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (user_id) DO UPDATE SET secret = ?2, "
                "backup_codes = '[]', last_used_at = NULL, verified_at = NULL, updated_at = ?3",
                user, secret, command.now());
    store.exec();
    Query name(command, "SELECT username FROM users WHERE id = ?", user);
    name.step();
    const std::string label = uri_encoded(issuer) + ":" + uri_encoded(name.text(0));
    return {{},
            {secret, fmt::format("otpauth://totp/{}?secret={}&issuer={}", label, secret,
                                 uri_encoded(issuer))}};
  });
  if (!answer.outcome) return answer.outcome;
  return answer.value;
}

Result<std::vector<std::string>> Accounts::confirm_mfa(const PlayerId& user,
                                                       const std::string& code) {
  std::vector<std::string> codes;
  StringList hashes;
  for (std::size_t i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(secrets::new_recovery_code());
    hashes.push_back(secrets::token_hash(codes.back()));
  }
  const GameTime reading = core_.clock().now();
  const Recorded<bool> answer = core_.run([&](Command& command) -> Recorded<bool> {
    const auto found = credentials_by_id(command, user);
    if (!found) return {Outcome::refused(Refusal::NotFound, "There is no such user.")};
    const auto mfa = read_mfa(command, user);
    if (!mfa) return {Outcome::refused(Refusal::NotFound, "No TOTP enrolment has begun.")};
    if (mfa->enabled) return {Outcome::refused(Refusal::AlreadyDone, "TOTP is already in force.")};
    if (code.size() != 6 || !accept_code(command, user, *mfa, code, reading)) {
      record_failure(command, *found);
      return {Outcome::refused(Refusal::NotAllowed, "The code is wrong.")};
    }
    Query enable(command,
                 "UPDATE mfa_secrets SET is_enabled = 1, verified_at = ?1, backup_codes = ?2, "
                 "updated_at = ?1 WHERE user_id = ?3",
                 command.now(), storage::to_json(hashes), user);
    enable.exec();
    command.emit(AccountEvents::kMfaEnabled, "", user, "{}");
    return {{}, true};
  });
  if (!answer.outcome) return answer.outcome;
  return codes;
}

Outcome Accounts::disable_mfa(const PlayerId& user, const std::string& password,
                              const std::string& code) {
  const Verified seen = verify(core_, user, password);
  if (!seen.user) return Outcome::refused(Refusal::NotFound, "There is no such user.");
  const GameTime reading = core_.clock().now();
  const Recorded<bool> answer = core_.run([&](Command& command) -> Recorded<bool> {
    const auto checked = confirm_password(command, seen);
    if (!checked) return {checked.outcome()};
    const auto mfa = read_mfa(command, user);
    if (!mfa || !mfa->enabled) {
      return {Outcome::refused(Refusal::AlreadyDone, "TOTP is not in force.")};
    }
    if (Outcome second = check_second_factor(command, *checked, code, reading); !second) {
      return {second};
    }
    Query remove(command, "DELETE FROM mfa_secrets WHERE user_id = ?", user);
    remove.exec();
    command.emit(AccountEvents::kMfaDisabled, "", user, "{}");
    return {{}, true};
  });
  return answer.outcome;
}

}  // namespace hearth

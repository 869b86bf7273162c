// Accounts: registering with a password, logging in, and the sessions that follow (access and
// refresh tokens).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/id.h"
#include "hearth/core/outcome.h"
#include "hearth/identity/players.h"

namespace hearth {

class Core;

// What a new account is registered with: a user (and its player) as Players::create makes it,
// and a password.
struct NewAccount {
  NewUser user;
  std::string password;  // Rules::accounts.password_min_length characters or more, ≤ 72 bytes
  // False: the account cannot log in until activated with a token (issue_token(Activation)).
  bool activated = true;
};

// The one-shot tokens a game delivers to a player (by mail, on screen...).
enum class OneShotToken {
  EmailVerification,  // proves the address: users.verified
  Activation,         // lets an account made with activated = false log in
  PasswordReset,      // sets a new password without the old one
};

// A log-in: who, and the two tokens the game hands to the player's client. The engine keeps
// neither token, only its SHA-256: they cannot be read back.
struct Session {
  PlayerId user;
  std::string access_token;   // authenticates commands until access_expires_at
  std::string refresh_token;  // trades itself once for a new session until refresh_expires_at
  GameTime access_expires_at = 0;
  GameTime refresh_expires_at = 0;
};

// Where a subscription stands. Active and Cancelled (not renewed) both run until expires_at,
// when the tick makes them Expired.
enum class SubscriptionStatus { Active, Cancelled, Expired };

std::string_view to_string(SubscriptionStatus status);

// A user's subscription, as the game's payment side reports it.
struct Subscription {
  std::string tier;  // the game's name for it, 1 to 50 characters: "gold"
  SubscriptionStatus status = SubscriptionStatus::Active;
  GameTime started_at = 0;
  GameTime expires_at = 0;         // 0: never (only for Active and Cancelled)
  std::string provider_reference;  // the payment provider's id for it; optional, ≤ 255 characters

  bool operator==(const Subscription&) const = default;
};

// A user's identity at an outside provider (Discord, Steam...), as the game verified it: the
// engine records links and never talks to a provider.
struct ProviderLink {
  std::string provider;          // 1 to 20 characters: lowercase letters, digits, '_', '-'
  std::string provider_user_id;  // the provider's id for the user, 1 to 255 characters
  std::string email;             // optional, ≤ 255 characters
  std::string username;          // optional, ≤ 255 characters

  bool operator==(const ProviderLink&) const = default;
};

// A TOTP enrolment: the secret to show the player once, as text or as the QR code of `uri`.
struct MfaEnrolment {
  std::string secret;  // base32 (RFC 4648), what authenticator apps take
  std::string uri;     // otpauth://totp/<issuer>:<username>?secret=<secret>&issuer=<issuer>
};

// Passwords and sessions. Obtain it from Game::accounts(); it is a light handle.
//
// Hashing a password takes about 0.2 s at the default cost: register_account, log_in and
// change_password do it before their transaction, so other commands keep committing meanwhile.
class Accounts {
 public:
  explicit Accounts(Core& core) : core_(core) {}

  // Creates the user and its player (as Players::create) with a bcrypt hash of the password.
  // Refuses what Players::create refuses, and a password that is too short, longer than 72 bytes,
  // or not valid text. Journals "player.created".
  Result<PlayerView> register_account(const NewAccount& account);

  // Logs in by username or email (any case). Refuses, writing only the count of wrong passwords:
  // an unknown name or a wrong password (one sentence for both), a deleted, deactivated or not
  // activated account, an account locked by Rules::accounts.max_failed_logins wrong passwords in
  // a row (for Rules::accounts.lockout; the lock is journaled "account.locked"). Success resets
  // the count, records the log-in, makes the hash again when Rules::accounts.password_cost has
  // grown, and journals "account.logged_in".
  // With TOTP in force, `code` is required too: a code from the authenticator (RFC 6238: 6
  // digits, 30-second steps, one step of drift either way, each step good once) or an unused
  // recovery code; a wrong one counts as a wrong password. Every code tried is recorded.
  Result<Session> log_in(const std::string& name_or_email, const std::string& password,
                         const std::string& code = "");

  // The user an access token belongs to. Refuses an unknown, expired or revoked token and a
  // deleted or deactivated user, checked on every call.
  Result<PlayerId> authenticate(const std::string& access_token) const;

  // Trades a refresh token for a new session (a new access token and the next refresh token of
  // the series). A refresh token is good once: presenting one that was already traded is taken
  // for a stolen token, revokes every token of its log-in and journals "account.token_reused".
  // Refuses an unknown, expired or revoked token and a user who may not log in.
  Result<Session> refresh(const std::string& refresh_token);

  // Ends the log-in a token (access or refresh) belongs to: every token of it is revoked. Refuses
  // an unknown token; AlreadyDone when the log-in has ended already.
  Outcome log_out(const std::string& token);

  // Ends every log-in of a user. Refuses an unknown user. Journals "account.logged_out_everywhere".
  Outcome log_out_everywhere(const PlayerId& user);

  // Changes a password, given the current one; every log-in of the user ends. Refuses a wrong
  // current password (counted as a wrong log-in), and a new password the rules refuse. Journals
  // "account.password_changed".
  // With TOTP in force, `code` is required too, as for log_in.
  Outcome change_password(const PlayerId& user, const std::string& current,
                          const std::string& password, const std::string& code = "");

  // Issues a one-shot token of `kind` for the game to deliver; an earlier unused one of the same
  // kind stops working. Good once, until Rules::accounts' lifetime for the kind. Refuses an
  // unknown or deleted user; EmailVerification a user without an email or already verified;
  // Activation an account already active.
  Result<std::string> issue_token(const PlayerId& user, OneShotToken kind);

  // Uses an EmailVerification token: the address it was issued for is verified (a token issued
  // before an email change does not verify the new address). Refuses an unknown, used, expired
  // or superseded token.
  Outcome verify_email(const std::string& token);

  // Uses an Activation token: the account may log in. Refuses as verify_email does.
  Outcome activate(const std::string& token);

  // Uses a PasswordReset token: sets `password`, ends every log-in and lifts a lock. Refuses as
  // verify_email does, and a password the rules refuse (the token stays good then). Journals
  // "account.password_changed".
  Outcome reset_password(const std::string& token, const std::string& password);

  // Changes the email address, given the password (and a code with TOTP in force); the new
  // address is not verified. Refuses an address taken by another user (any case) or not valid.
  Outcome change_email(const PlayerId& user, const std::string& password, const std::string& email,
                       const std::string& code = "");

  // The player turns their account off, given the password (and a code with TOTP in force): it
  // cannot log in, and every log-in ends, until reactivate. Refuses what change_password refuses,
  // and an account already off (AlreadyDone). Journals "account.deactivated".
  Outcome deactivate(const PlayerId& user, const std::string& password,
                     const std::string& code = "");

  // The player deletes their account, given the password (and a code with TOTP in force): the
  // user and its player are deleted as Players::remove does ("player.deleted") and every log-in
  // ends. Offer export_data first; erase_personal_data then removes what is personal. Refuses
  // what change_password refuses, and an account deleted already (AlreadyDone).
  Outcome delete_account(const PlayerId& user, const std::string& password,
                         const std::string& code = "");

  // Turns a deactivated account on again (the game's decision: support, a confirmed request).
  // Refuses an unknown or deleted user, and an account that is on (AlreadyDone). Journals
  // "account.reactivated".
  Outcome reactivate(const PlayerId& user);

  // Records a user's subscription (replacing the one before). Refuses an unknown or deleted user,
  // a tier of 0 or more than 50 characters, a provider reference over 255, a start after the
  // expiry, a running subscription whose expiry is not after now, and Expired (the tick expires).
  // Journals "account.subscription_set".
  Outcome set_subscription(const PlayerId& user, const Subscription& subscription);

  // The user's subscription; nullopt for none (or an unknown user).
  std::optional<Subscription> subscription(const PlayerId& user) const;

  // Links a provider identity to a user. Refuses an unknown or deleted user, a link the rules
  // above refuse, an identity linked to a user already (AlreadyExists), and a second link of one
  // provider for a user. Journals "account.provider_linked".
  Outcome link_provider(const PlayerId& user, const ProviderLink& link);

  // Removes the user's link with `provider` (the identity may then be linked again, to anyone).
  // Refuses when there is none. Journals "account.provider_unlinked".
  Outcome unlink_provider(const PlayerId& user, const std::string& provider);

  // The user's provider links, by provider.
  std::vector<ProviderLink> providers(const PlayerId& user) const;

  // Logs in through a provider: the game has verified the identity with the provider itself.
  // Refuses an identity linked to nobody and a user who may not log in (as log_in does; with
  // TOTP in force a code is required too). Journals "account.logged_in".
  Result<Session> log_in_with_provider(const std::string& provider,
                                       const std::string& provider_user_id,
                                       const std::string& code = "");

  // Everything the file holds about a user, for the user to take away: a JSON object with the
  // user's row under "user" and, under "tables", every row of every table that refers to the
  // user or the user's player (by table name, each an array of objects ordered by their text).
  // Secrets are left out: password and token hashes, TOTP secrets and recovery codes. Works for
  // deleted users too; nullopt for an unknown one.
  std::optional<std::string> export_data(const PlayerId& user) const;

  // Erases a deleted user's personal data, for good: the username becomes "deleted-<id>"; email,
  // phone, country, display name, nickname, password, subscription, provider links, TOTP, tokens
  // and onboarding transcripts go; ship names made from the user's lose it, and the journal's
  // events that named the user lose their payload. What keeps the game's history stays, under that
  // anonymous name: ledger rows (every balance still adds up), item history, standings, team
  // history. Refuses an unknown user (NotFound), a user not deleted (NotAllowed: Players::remove
  // first) and one erased already (AlreadyDone). Journals "account.erased". Export first
  // (export_data) when the user asks for their data.
  Outcome erase_personal_data(const PlayerId& user);

  // Starts TOTP for a user, given their password: a new secret from the operating system, not in
  // force until confirm_mfa. `issuer` names the game in the authenticator (1 to 50 characters, no
  // ':'). Refuses a wrong password (counted), an unknown user, and TOTP already in force
  // (AlreadyDone). A second begin_mfa replaces a secret not yet confirmed.
  Result<MfaEnrolment> begin_mfa(const PlayerId& user, const std::string& password,
                                 const std::string& issuer);

  // Puts TOTP in force with a first code from the authenticator, and returns 10 recovery codes
  // to show the player once (the engine keeps only their SHA-256). Refuses a wrong code (counted),
  // no enrolment begun, TOTP already in force.
  Result<std::vector<std::string>> confirm_mfa(const PlayerId& user, const std::string& code);

  // Turns TOTP off, given the password and a code. Refuses either wrong (counted), TOTP not in
  // force (AlreadyDone).
  Outcome disable_mfa(const PlayerId& user, const std::string& password, const std::string& code);

 private:
  Core& core_;
};

// The event types accounts journal (payloads: docs/rules.md).
struct AccountEvents {
  static constexpr std::string_view kLoggedIn = "account.logged_in";
  static constexpr std::string_view kLocked = "account.locked";
  static constexpr std::string_view kTokenReused = "account.token_reused";
  static constexpr std::string_view kLoggedOutEverywhere = "account.logged_out_everywhere";
  static constexpr std::string_view kPasswordChanged = "account.password_changed";
  static constexpr std::string_view kEmailVerified = "account.email_verified";
  static constexpr std::string_view kEmailChanged = "account.email_changed";
  static constexpr std::string_view kActivated = "account.activated";
  static constexpr std::string_view kDeactivated = "account.deactivated";
  static constexpr std::string_view kReactivated = "account.reactivated";
  static constexpr std::string_view kSubscriptionSet = "account.subscription_set";
  static constexpr std::string_view kSubscriptionExpired = "account.subscription_expired";
  static constexpr std::string_view kProviderLinked = "account.provider_linked";
  static constexpr std::string_view kProviderUnlinked = "account.provider_unlinked";
  static constexpr std::string_view kMfaEnabled = "account.mfa_enabled";
  static constexpr std::string_view kMfaDisabled = "account.mfa_disabled";
  static constexpr std::string_view kErased = "account.erased";
};

}  // namespace hearth

// Accounts: passwords (bcrypt), log-ins, lockout, tokens and their rotation, log-outs; and the
// secrets underneath (known bcrypt and SHA-256 vectors, token shape).
#include "hearth/identity/accounts.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <boost/test/unit_test.hpp>

#include "engine/identity/secrets.h"
#include "tests/support/fixtures.h"
#include "tests/support/print.h"

#include "hearth/economy/ledger.h"
#include "hearth/game.h"
#include "hearth/onboarding/onboarding.h"

using namespace hearth;

namespace {

constexpr const char* kPassword = "correct horse";

// A game whose passwords cost the least bcrypt allows (4), as tests should.
struct AccountGame {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::kStart);
  Game game{options()};

  GameOptions options(const std::string& path = ":memory:") {
    GameOptions options = test::options_with(clock, path);
    options.rules = Rules{};
    options.rules->accounts.password_cost = 4;
    return options;
  }

  // A second user, to show that one user's rows stay out of another's export.
  PlayerId register_ann_friend() {
    return game.accounts().register_account({{.username = "bea"}, kPassword}).value().id;
  }

  PlayerId register_ann() {
    return game.accounts()
        .register_account({{.username = "ann", .email = "ann@example.org"}, kPassword})
        .value()
        .id;
  }

  static int count_in(Game& game, const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }

  int count(const std::string& type) {
    int found = 0;
    for (const Event& event : game.events(0, 1000)) found += event.type == type;
    return found;
  }

  // Sets a users column directly (no public command deactivates an account yet).
  void set_user(const PlayerId& user, const std::string& assignment) {
    core_of(game).run([&](Command& command) {
      command.sql().exec("UPDATE users SET " + assignment + " WHERE id = '" + user.value() + "'");
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(accounts_test, AccountGame)

BOOST_AUTO_TEST_CASE(bcrypt_and_sha256_meet_their_known_vectors) {
  // The OpenBSD bcrypt test vector (also in libxcrypt's tests).
  const std::string known = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  BOOST_TEST(secrets::verify_password("U*U", known));
  BOOST_TEST(!secrets::verify_password("U*V", known));
  BOOST_TEST(secrets::password_cost(known) == 5);
  BOOST_TEST(!secrets::verify_password("U*U", "$2a$05$short"));
  BOOST_TEST(secrets::password_cost("plain text") == 0);
  const std::string made = secrets::hash_password("secret", 4);
  BOOST_TEST(made.rfind("$2b$04$", 0) == 0u);
  BOOST_TEST(secrets::verify_password("secret", made));
  BOOST_TEST(secrets::hash_password("secret", 4) != made);  // a new salt every time
  BOOST_CHECK_THROW(secrets::hash_password("secret", 32), Error);
  // FIPS 180-2's "abc".
  BOOST_TEST(secrets::token_hash("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = secrets::new_token();
  BOOST_TEST(token.size() == 43u);
  BOOST_TEST(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-_") == std::string::npos);
  BOOST_TEST(secrets::new_token() != token);
}

BOOST_AUTO_TEST_CASE(a_registered_account_logs_in_by_name_or_email_and_authenticates) {
  const PlayerId ann = register_ann();
  BOOST_TEST(game.players().find(ann)->username == "ann");
  for (const std::string name : {"ann", "ANN", "ann@example.org", "Ann@Example.org"}) {
    const auto session = game.accounts().log_in(name, kPassword);
    BOOST_TEST_REQUIRE(session.ok(), name);
    BOOST_TEST(session->user == ann);
    BOOST_TEST(session->access_token != session->refresh_token);
    BOOST_TEST(session->access_expires_at == test::kStart + kHour);
    BOOST_TEST(session->refresh_expires_at == test::kStart + 30 * kDay);
    BOOST_TEST(game.accounts().authenticate(session->access_token).value() == ann);
    // An access token does not refresh, and a refresh token does not authenticate.
    BOOST_TEST(!game.accounts().authenticate(session->refresh_token));
    BOOST_TEST(!game.accounts().refresh(session->access_token));
  }
  BOOST_TEST(count("account.logged_in") == 4);
  BOOST_TEST(test::query_int(game, "SELECT last_login_at FROM users") == test::kStart);
}

BOOST_AUTO_TEST_CASE(bad_passwords_are_refused_and_write_nothing) {
  const std::string before = test::snapshot(game);
  const auto refused = [&](const std::string& password) {
    return game.accounts().register_account({{.username = "bob"}, password}).refusal();
  };
  BOOST_TEST((refused("short") == Refusal::InvalidArgument));               // 5 < 8 characters
  BOOST_TEST((refused(std::string(73, 'x')) == Refusal::InvalidArgument));  // bcrypt reads 72
  BOOST_TEST((refused("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9") == Refusal::InvalidArgument));
  BOOST_TEST((refused(std::string("pass\0word1", 10)) == Refusal::InvalidArgument));
  BOOST_TEST((refused("\xff\xfe password") == Refusal::InvalidArgument));
  BOOST_TEST((game.accounts().register_account({{.username = "x"}, kPassword}).refusal() ==
              Refusal::InvalidArgument));  // the username rules still apply
  BOOST_TEST(test::snapshot(game) == before);
  register_ann();
  BOOST_TEST((game.accounts().register_account({{.username = "ANN"}, kPassword}).refusal() ==
              Refusal::AlreadyExists));
  // 8 characters of two bytes each: long enough, and 16 bytes.
  BOOST_TEST(game.accounts()
                 .register_account({{.username = "cid"},
                                    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                                    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9"})
                 .ok());
}

BOOST_AUTO_TEST_CASE(an_unknown_name_and_a_wrong_password_read_the_same) {
  register_ann();
  const auto unknown = game.accounts().log_in("nobody", kPassword);
  const auto wrong = game.accounts().log_in("ann", "wrong horse");
  BOOST_TEST((unknown.refusal() == Refusal::NotAllowed));
  BOOST_TEST((wrong.refusal() == Refusal::NotAllowed));
  BOOST_TEST(unknown.outcome().detail() == wrong.outcome().detail());
  BOOST_TEST((game.accounts().log_in("", kPassword).refusal() == Refusal::InvalidArgument));
  // A user made without a password cannot log in at all.
  game.players().create({.username = "nopass"}).value();
  BOOST_TEST(game.accounts().log_in("nopass", "").outcome().detail() == wrong.outcome().detail());
}

BOOST_AUTO_TEST_CASE(wrong_passwords_in_a_row_lock_the_account_for_a_while) {
  const PlayerId ann = register_ann();
  for (int i = 0; i < 4; ++i) BOOST_REQUIRE(!game.accounts().log_in("ann", "wrong horse"));
  BOOST_TEST(test::query_int(game, "SELECT failed_logins FROM users") == 4);
  BOOST_TEST(count("account.locked") == 0);
  BOOST_REQUIRE(!game.accounts().log_in("ann", "wrong horse"));  // the fifth
  BOOST_TEST(count("account.locked") == 1);
  // Locked: even the right password is refused, with its own sentence.
  const auto locked = game.accounts().log_in("ann", kPassword);
  BOOST_TEST((locked.refusal() == Refusal::NotAllowed));
  BOOST_TEST(locked.outcome().detail().find("locked") != std::string::npos);
  clock->advance(Duration(15 * kMinute));
  BOOST_TEST(game.accounts().log_in("ann", kPassword).ok());
  BOOST_TEST(test::query_int(game, "SELECT failed_logins FROM users") == 0);
  // A success in between resets the count.
  for (int i = 0; i < 4; ++i) BOOST_REQUIRE(!game.accounts().log_in("ann", "wrong horse"));
  BOOST_REQUIRE(game.accounts().log_in("ann", kPassword).ok());
  for (int i = 0; i < 4; ++i) BOOST_REQUIRE(!game.accounts().log_in("ann", "wrong horse"));
  BOOST_TEST(game.accounts().log_in("ann", kPassword).ok());
  BOOST_TEST(count("account.locked") == 1);
  (void)ann;
}

BOOST_AUTO_TEST_CASE(deleted_deactivated_and_unactivated_accounts_cannot_log_in) {
  const PlayerId ann = register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  set_user(ann, "is_active = 0");
  BOOST_TEST(game.accounts().log_in("ann", kPassword).outcome().detail() ==
             "The account is deactivated.");
  BOOST_TEST(!game.accounts().authenticate(session.access_token));  // checked on every call
  BOOST_TEST(!game.accounts().refresh(session.refresh_token));
  set_user(ann, "is_active = 1, activated = 0");
  BOOST_TEST(game.accounts().log_in("ann", kPassword).outcome().detail() ==
             "The account is not activated yet.");
  set_user(ann, "activated = 1");
  BOOST_TEST(game.accounts().authenticate(session.access_token).ok());
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST(game.accounts().log_in("ann", kPassword).outcome().detail() ==
             "The account is deleted.");
  BOOST_TEST(!game.accounts().authenticate(session.access_token));
}

BOOST_AUTO_TEST_CASE(tokens_expire_and_unknown_tokens_are_refused) {
  register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  BOOST_TEST(game.accounts().authenticate(session.access_token).ok());
  clock->advance(Duration(kHour));
  BOOST_TEST(game.accounts().authenticate(session.access_token).outcome().detail() ==
             "The token has expired.");
  BOOST_TEST(game.accounts().authenticate("not a token").outcome().detail() ==
             "The token is not known.");
  BOOST_TEST((game.accounts().authenticate("").refusal() == Refusal::InvalidArgument));
  BOOST_TEST(
      (game.accounts().authenticate(std::string(256, 'a')).refusal() == Refusal::InvalidArgument));
  clock->advance(Duration(30 * kDay));
  BOOST_TEST(game.accounts().refresh(session.refresh_token).outcome().detail() ==
             "The token has expired.");
}

BOOST_AUTO_TEST_CASE(a_refresh_rotates_and_a_reused_token_revokes_its_log_in) {
  register_ann();
  const Session first = game.accounts().log_in("ann", kPassword).value();
  const Session other = game.accounts().log_in("ann", kPassword).value();  // another device
  clock->advance(Duration(kMinute));
  const Session second = game.accounts().refresh(first.refresh_token).value();
  BOOST_TEST(second.access_expires_at == test::kStart + kMinute + kHour);
  BOOST_TEST(game.accounts().authenticate(second.access_token).ok());
  const Session third = game.accounts().refresh(second.refresh_token).value();
  BOOST_TEST(game.accounts().authenticate(third.access_token).ok());
  // The first refresh token again: somebody kept a copy. Its whole log-in ends.
  const auto reused = game.accounts().refresh(first.refresh_token);
  BOOST_TEST((reused.refusal() == Refusal::NotAllowed));
  BOOST_TEST(count("account.token_reused") == 1);
  for (const Session* ended : {&first, &second, &third}) {
    BOOST_TEST(!game.accounts().authenticate(ended->access_token));
  }
  BOOST_TEST(!game.accounts().refresh(third.refresh_token));
  // The other device's log-in is another series: untouched.
  BOOST_TEST(game.accounts().authenticate(other.access_token).ok());
  BOOST_TEST(game.accounts().refresh(other.refresh_token).ok());
  BOOST_TEST(test::query_int(game,
                             "SELECT count(*) FROM user_tokens WHERE previous_id IS NOT "
                             "NULL") == 3);
}

BOOST_AUTO_TEST_CASE(log_out_ends_one_log_in_and_everywhere_ends_them_all) {
  const PlayerId ann = register_ann();
  const Session phone = game.accounts().log_in("ann", kPassword).value();
  const Session laptop = game.accounts().log_in("ann", kPassword).value();
  BOOST_TEST(game.accounts().log_out(phone.access_token).ok());
  BOOST_TEST(!game.accounts().authenticate(phone.access_token));
  BOOST_TEST(!game.accounts().refresh(phone.refresh_token));
  BOOST_TEST((game.accounts().log_out(phone.refresh_token).refusal() == Refusal::AlreadyDone));
  BOOST_TEST((game.accounts().log_out("nothing").refusal() == Refusal::NotFound));
  BOOST_TEST(game.accounts().authenticate(laptop.access_token).ok());
  const Session tablet = game.accounts().log_in("ann", kPassword).value();
  BOOST_TEST(game.accounts().log_out_everywhere(ann).ok());
  BOOST_TEST(!game.accounts().authenticate(laptop.access_token));
  BOOST_TEST(!game.accounts().authenticate(tablet.access_token));
  BOOST_TEST((game.accounts()
                  .log_out_everywhere(PlayerId("00000000-0000-4000-8000-000000000000"))
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(count("account.logged_out_everywhere") == 1);
}

BOOST_AUTO_TEST_CASE(a_password_change_needs_the_current_one_and_ends_every_log_in) {
  const PlayerId ann = register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.accounts().change_password(ann, kPassword, "short").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST((game.accounts().change_password(ann, "wrong horse", "battery staple").refusal() ==
              Refusal::NotAllowed));
  BOOST_TEST(test::query_int(game, "SELECT failed_logins FROM users") == 1);  // counted
  BOOST_TEST(game.accounts().change_password(ann, kPassword, "battery staple").ok());
  BOOST_TEST(!game.accounts().authenticate(session.access_token));
  BOOST_TEST(!game.accounts().log_in("ann", kPassword));
  BOOST_TEST(game.accounts().log_in("ann", "battery staple").ok());
  BOOST_TEST(count("account.password_changed") == 1);
}

BOOST_AUTO_TEST_CASE(a_stored_hash_of_a_lower_cost_is_made_again_at_log_in) {
  test::TempFile file;
  {
    Game cheap(options(file.path));
    BOOST_REQUIRE(cheap.accounts().register_account({{.username = "ann"}, kPassword}).ok());
  }
  GameOptions dearer = options(file.path);
  dearer.rules->accounts.password_cost = 5;
  Game again(dearer);
  const auto hash = [&] {
    return core_of(again).read([](SQLite::Database& db) {
      return db.execAndGet("SELECT password_hash FROM users").getString();
    });
  };
  BOOST_TEST(hash().rfind("$2b$04$", 0) == 0u);
  BOOST_TEST(!again.accounts().log_in("ann", "wrong horse"));
  BOOST_TEST(hash().rfind("$2b$04$", 0) == 0u);  // not on a failure
  BOOST_REQUIRE(again.accounts().log_in("ann", kPassword).ok());
  BOOST_TEST(hash().rfind("$2b$05$", 0) == 0u);
  BOOST_TEST(again.accounts().log_in("ann", kPassword).ok());
}

// Neither a password nor a token is ever written: only bcrypt hashes and SHA-256s.
BOOST_AUTO_TEST_CASE(no_password_or_token_reaches_the_file) {
  test::TempFile file;
  std::vector<std::string> secrets_seen = {kPassword, "battery staple"};
  {
    Game saved(options(file.path));
    const PlayerId ann =
        saved.accounts().register_account({{.username = "ann"}, kPassword}).value().id;
    const Session session = saved.accounts().log_in("ann", kPassword).value();
    const Session next = saved.accounts().refresh(session.refresh_token).value();
    BOOST_REQUIRE(saved.accounts().change_password(ann, kPassword, "battery staple").ok());
    const Session last = saved.accounts().log_in("ann", "battery staple").value();
    for (const Session* s : {&session, &next, &last}) {
      secrets_seen.push_back(s->access_token);
      secrets_seen.push_back(s->refresh_token);
    }
  }
  std::string bytes = file.bytes();
  for (const char* suffix : {"-wal", "-journal"}) {
    std::ifstream side(file.path + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(side), std::istreambuf_iterator<char>());
  }
  BOOST_TEST(bytes.find("$2b$04$") != std::string::npos);
  for (const std::string& secret : secrets_seen) {
    BOOST_TEST(bytes.find(secret) == std::string::npos, secret);
  }
}

BOOST_AUTO_TEST_CASE(totp_codes_meet_the_rfc_6238_vectors) {
  // RFC 6238 appendix B, HMAC-SHA1, the secret "12345678901234567890" in base32; the last six of
  // its eight digits.
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  BOOST_TEST(secrets::totp_code(secret, 59 / 30) == "287082");
  BOOST_TEST(secrets::totp_code(secret, 1111111109 / 30) == "081804");
  BOOST_TEST(secrets::totp_code(secret, 1234567890 / 30) == "005924");
  BOOST_TEST(secrets::totp_code(secret, 2000000000 / 30) == "279037");
  BOOST_TEST(secrets::totp_code(secret, 20000000000 / 30) == "353130");
  BOOST_TEST(secrets::totp_code("not base32!", 1).empty());
  const std::string made = secrets::new_totp_secret();
  BOOST_TEST(made.size() == 32u);
  BOOST_TEST(secrets::totp_code(made, 1).size() == 6u);
  BOOST_TEST(secrets::new_recovery_code().size() == 10u);
}

BOOST_AUTO_TEST_CASE(totp_guards_log_ins_once_confirmed) {
  const PlayerId ann = register_ann();
  BOOST_TEST(
      (game.accounts().begin_mfa(ann, kPassword, "a:b").refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.accounts().confirm_mfa(ann, "123456").refusal() == Refusal::NotFound));
  const MfaEnrolment enrolment = game.accounts().begin_mfa(ann, kPassword, "Star Game").value();
  BOOST_TEST(enrolment.uri ==
             "otpauth://totp/Star%20Game:ann?secret=" + enrolment.secret + "&issuer=Star%20Game");
  BOOST_TEST(game.accounts().log_in("ann", kPassword).ok());  // not in force yet
  const auto code_at = [&](GameTime at) {
    return secrets::totp_code(enrolment.secret, at / 30000);
  };
  BOOST_TEST(!game.accounts().confirm_mfa(ann, code_at(test::kStart - 5 * kMinute)));
  const std::vector<std::string> recovery =
      game.accounts().confirm_mfa(ann, code_at(test::kStart)).value();
  BOOST_TEST(recovery.size() == 10u);
  BOOST_TEST(count("account.mfa_enabled") == 1);
  BOOST_TEST(
      (game.accounts().begin_mfa(ann, kPassword, "Star Game").refusal() == Refusal::AlreadyDone));

  BOOST_TEST(game.accounts().log_in("ann", kPassword).outcome().detail() ==
             "A code from the authenticator is required.");
  // The confirming code's step is used: the same code again is refused.
  BOOST_TEST(game.accounts().log_in("ann", kPassword, code_at(test::kStart)).outcome().detail() ==
             "The code is wrong.");
  clock->advance(Duration(30 * kSecond));
  BOOST_TEST(game.accounts().log_in("ann", kPassword, code_at(clock->now())).ok());
  // One step of drift either way; two is too many.
  clock->advance(Duration(60 * kSecond));
  BOOST_TEST(!game.accounts().log_in("ann", kPassword, code_at(clock->now() + 60 * kSecond)));
  BOOST_TEST(game.accounts().log_in("ann", kPassword, code_at(clock->now() + 30 * kSecond)).ok());
  // A recovery code works once.
  BOOST_TEST(game.accounts().log_in("ann", kPassword, recovery[3]).ok());
  BOOST_TEST(!game.accounts().log_in("ann", kPassword, recovery[3]));
  // A password change needs a code too.
  clock->advance(Duration(kMinute));
  BOOST_TEST(!game.accounts().change_password(ann, kPassword, "battery staple"));
  BOOST_TEST(game.accounts().change_password(ann, kPassword, "battery staple", recovery[0]).ok());
  // Every code tried was recorded.
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM mfa_attempts") == 9);
  BOOST_TEST(test::query_int(game, "SELECT count(*) FROM mfa_attempts WHERE success = 1") == 5);
  // Turned off with the password and a code: log-ins need no code again.
  BOOST_TEST(!game.accounts().disable_mfa(ann, "battery staple", "000000"));
  BOOST_TEST(game.accounts().disable_mfa(ann, "battery staple", recovery[1]).ok());
  BOOST_TEST((game.accounts().disable_mfa(ann, "battery staple", recovery[2]).refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST(game.accounts().log_in("ann", "battery staple").ok());
  BOOST_TEST(count("account.mfa_disabled") == 1);
}

BOOST_AUTO_TEST_CASE(one_shot_tokens_work_once_and_expire) {
  const PlayerId ann = register_ann();
  BOOST_TEST(test::query_int(game, "SELECT verified FROM users") == 0);
  const std::string first =
      game.accounts().issue_token(ann, OneShotToken::EmailVerification).value();
  const std::string second =
      game.accounts().issue_token(ann, OneShotToken::EmailVerification).value();
  // A newer token replaces the older one.
  BOOST_TEST(game.accounts().verify_email(first).detail() == "The token was used or replaced.");
  BOOST_TEST(game.accounts().verify_email(second).ok());
  BOOST_TEST(test::query_int(game, "SELECT verified FROM users") == 1);
  BOOST_TEST(!game.accounts().verify_email(second));  // good once
  BOOST_TEST((game.accounts().issue_token(ann, OneShotToken::EmailVerification).refusal() ==
              Refusal::AlreadyDone));
  BOOST_TEST((game.accounts().issue_token(ann, OneShotToken::Activation).refusal() ==
              Refusal::AlreadyDone));
  // A token of one kind does nothing for another.
  const std::string reset = game.accounts().issue_token(ann, OneShotToken::PasswordReset).value();
  BOOST_TEST(!game.accounts().activate(reset));
  BOOST_TEST(!game.accounts().verify_email(reset));
  // A refused new password leaves the token good; then it expires after an hour.
  BOOST_TEST(
      (game.accounts().reset_password(reset, "short").refusal() == Refusal::InvalidArgument));
  clock->advance(Duration(kHour));
  BOOST_TEST(game.accounts().reset_password(reset, "battery staple").detail() ==
             "The token has expired.");
  BOOST_TEST((game.accounts()
                  .issue_token(PlayerId("00000000-0000-4000-8000-000000000000"),
                               OneShotToken::PasswordReset)
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(count("account.email_verified") == 1);
}

BOOST_AUTO_TEST_CASE(a_password_reset_lifts_a_lock_and_ends_every_log_in) {
  const PlayerId ann = register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  for (int i = 0; i < 5; ++i) BOOST_REQUIRE(!game.accounts().log_in("ann", "wrong horse"));
  const std::string reset = game.accounts().issue_token(ann, OneShotToken::PasswordReset).value();
  BOOST_TEST(game.accounts().reset_password(reset, "battery staple").ok());
  BOOST_TEST(!game.accounts().authenticate(session.access_token));
  BOOST_TEST(game.accounts().log_in("ann", "battery staple").ok());  // no longer locked
  BOOST_TEST(!game.accounts().reset_password(reset, "another staple"));
}

BOOST_AUTO_TEST_CASE(an_account_made_inactive_logs_in_once_activated) {
  const PlayerId bob = game.accounts()
                           .register_account({{.username = "bob"}, kPassword, /*activated=*/false})
                           .value()
                           .id;
  BOOST_TEST(game.accounts().log_in("bob", kPassword).outcome().detail() ==
             "The account is not activated yet.");
  const std::string token = game.accounts().issue_token(bob, OneShotToken::Activation).value();
  BOOST_TEST(game.accounts().activate(token).ok());
  BOOST_TEST(game.accounts().log_in("bob", kPassword).ok());
  BOOST_TEST(count("account.activated") == 1);
  BOOST_TEST((game.accounts().issue_token(bob, OneShotToken::EmailVerification).refusal() ==
              Refusal::NotAllowed));  // no email address
}

BOOST_AUTO_TEST_CASE(an_email_change_needs_the_password_and_is_verified_again) {
  const PlayerId ann = register_ann();
  const std::string old_token =
      game.accounts().issue_token(ann, OneShotToken::EmailVerification).value();
  game.accounts()
      .register_account({{.username = "bob", .email = "bob@example.org"}, kPassword})
      .value();
  BOOST_TEST(!game.accounts().change_email(ann, "wrong horse", "new@example.org"));
  BOOST_TEST((game.accounts().change_email(ann, kPassword, "BOB@example.org").refusal() ==
              Refusal::AlreadyExists));
  BOOST_TEST((game.accounts().change_email(ann, kPassword, "no address").refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(game.accounts().change_email(ann, kPassword, "new@example.org").ok());
  BOOST_TEST(game.accounts().log_in("new@example.org", kPassword).ok());
  // The token issued for the old address does not verify the new one.
  BOOST_TEST(!game.accounts().verify_email(old_token));
  const std::string token =
      game.accounts().issue_token(ann, OneShotToken::EmailVerification).value();
  BOOST_TEST(game.accounts().verify_email(token).ok());
  BOOST_TEST(count("account.email_changed") == 1);
}

BOOST_AUTO_TEST_CASE(a_player_deactivates_and_the_game_reactivates) {
  const PlayerId ann = register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  BOOST_TEST(!game.accounts().deactivate(ann, "wrong horse"));
  BOOST_TEST(game.accounts().authenticate(session.access_token).ok());
  BOOST_TEST(game.accounts().deactivate(ann, kPassword).ok());
  BOOST_TEST(!game.accounts().authenticate(session.access_token));
  BOOST_TEST(game.accounts().log_in("ann", kPassword).outcome().detail() ==
             "The account is deactivated.");
  BOOST_TEST((game.accounts().deactivate(ann, kPassword).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.accounts().reactivate(ann).ok());
  BOOST_TEST((game.accounts().reactivate(ann).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(game.accounts().log_in("ann", kPassword).ok());
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST((game.accounts().reactivate(ann).refusal() == Refusal::NotAllowed));
  BOOST_TEST(count("account.deactivated") == 1);
  BOOST_TEST(count("account.reactivated") == 1);
}

BOOST_AUTO_TEST_CASE(a_subscription_expires_once_at_its_time_however_the_game_ticks) {
  const auto run = [](const std::vector<GameTime>& ticks) {
    AccountGame world;
    const PlayerId ann = world.register_ann();
    const PlayerId bob =
        world.game.accounts().register_account({{.username = "bob"}, kPassword}).value().id;
    const Subscription gold{"gold", SubscriptionStatus::Active, test::kStart,
                            test::kStart + 30 * kDay, "I-123"};
    BOOST_REQUIRE(world.game.accounts().set_subscription(ann, gold).ok());
    Subscription cancelled = gold;
    cancelled.status = SubscriptionStatus::Cancelled;
    cancelled.expires_at = test::kStart + 10 * kDay;
    BOOST_REQUIRE(world.game.accounts().set_subscription(bob, cancelled).ok());
    for (const GameTime tick : ticks) world.game.advance_to(tick);
    world.game.advance_to(test::kStart + 60 * kDay);
    std::string journal;
    for (const Event& event : world.game.events(0, 1000)) {
      if (event.type == "account.subscription_expired") {
        journal += std::to_string(event.at) + event.subject + event.payload + "\n";
      }
    }
    BOOST_TEST((world.game.accounts().subscription(ann)->status == SubscriptionStatus::Expired));
    BOOST_TEST((world.game.accounts().subscription(bob)->status == SubscriptionStatus::Expired));
    return journal;
  };
  const std::string once = run({});
  BOOST_TEST(std::count(once.begin(), once.end(), '\n') == 2);
  BOOST_TEST(once.find(std::to_string(test::kStart + 10 * kDay)) == 0u);  // bob's first
  std::vector<GameTime> daily;
  for (int day = 1; day < 60; ++day) daily.push_back(test::kStart + day * kDay);
  BOOST_TEST(run(daily) == once);
  BOOST_TEST(run({test::kStart + 10 * kDay, test::kStart + 30 * kDay}) == once);
}

BOOST_AUTO_TEST_CASE(a_bad_subscription_is_refused_and_writes_nothing) {
  const PlayerId ann = register_ann();
  const std::string before = test::snapshot(game);
  const Subscription good{"gold", SubscriptionStatus::Active, test::kStart, test::kStart + kDay,
                          ""};
  Subscription bad = good;
  bad.tier = "";
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  bad = good;
  bad.tier = std::string(51, 't');
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  bad = good;
  bad.status = SubscriptionStatus::Expired;
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  bad = good;
  bad.expires_at = test::kStart;  // not after its start
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  bad = good;
  bad.started_at = test::kStart - 10 * kDay;
  bad.expires_at = test::kStart - kDay;  // over already
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  bad = good;
  bad.provider_reference = std::string(256, 'p');
  BOOST_TEST((game.accounts().set_subscription(ann, bad).refusal() == Refusal::InvalidArgument));
  BOOST_TEST((game.accounts()
                  .set_subscription(PlayerId("00000000-0000-4000-8000-000000000000"), good)
                  .refusal() == Refusal::NotFound));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(!game.accounts().subscription(ann));
  BOOST_TEST(game.accounts().set_subscription(ann, good).ok());
  BOOST_TEST((*game.accounts().subscription(ann) == good));
}

BOOST_AUTO_TEST_CASE(provider_links_are_recorded_and_log_in) {
  const PlayerId ann = register_ann();
  const PlayerId bob =
      game.accounts().register_account({{.username = "bob"}, kPassword}).value().id;
  const ProviderLink discord{"discord", "80351110224678912", "ann@discord", "ann#1234"};
  const std::string before = test::snapshot(game);
  BOOST_TEST((game.accounts().link_provider(ann, {"Discord", "1", "", ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.accounts().link_provider(ann, {"discord", "", "", ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST((game.accounts().link_provider(ann, {std::string(21, 'd'), "1", "", ""}).refusal() ==
              Refusal::InvalidArgument));
  BOOST_TEST(test::snapshot(game) == before);
  BOOST_TEST(game.accounts().link_provider(ann, discord).ok());
  BOOST_TEST((game.accounts().link_provider(bob, discord).refusal() == Refusal::AlreadyExists));
  BOOST_TEST((game.accounts().link_provider(ann, {"discord", "2", "", ""}).refusal() ==
              Refusal::AlreadyExists));
  BOOST_TEST((game.accounts().providers(ann) == std::vector<ProviderLink>{discord}));
  const auto session = game.accounts().log_in_with_provider("discord", "80351110224678912");
  BOOST_TEST_REQUIRE(session.ok());
  BOOST_TEST(game.accounts().authenticate(session->access_token).value() == ann);
  BOOST_TEST(!game.accounts().log_in_with_provider("discord", "999"));
  // Unlinked, the identity logs in nobody, and may be linked to someone else.
  BOOST_TEST(game.accounts().unlink_provider(ann, "discord").ok());
  BOOST_TEST((game.accounts().unlink_provider(ann, "discord").refusal() == Refusal::NotFound));
  BOOST_TEST(!game.accounts().log_in_with_provider("discord", "80351110224678912"));
  BOOST_TEST(game.accounts().link_provider(bob, discord).ok());
  BOOST_TEST(game.accounts().log_in_with_provider("discord", "80351110224678912")->user == bob);
  BOOST_TEST(game.accounts().providers(ann).empty());
  // A provider log-in obeys the account's state and its TOTP.
  BOOST_REQUIRE(game.accounts().deactivate(bob, kPassword).ok());
  BOOST_TEST(!game.accounts().log_in_with_provider("discord", "80351110224678912"));
  BOOST_TEST(count("account.provider_linked") == 2);
  BOOST_TEST(count("account.provider_unlinked") == 1);
}

BOOST_AUTO_TEST_CASE(an_export_holds_every_row_about_the_user_and_no_secret) {
  const PlayerId ann = register_ann();
  register_ann_friend();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  game.accounts().begin_mfa(ann, kPassword, "Star Game").value();
  BOOST_REQUIRE(game.accounts().link_provider(ann, {"discord", "42", "", "ann#1"}).ok());
  const std::string data = game.accounts().export_data(ann).value();
  const auto ask = [&](const std::string& path) {
    return core_of(game).read([&](SQLite::Database& db) {
      SQLite::Statement query(db, "SELECT ifnull(json_extract(?1, ?2), 'absent')");
      query.bind(1, data);
      query.bind(2, path);
      query.executeStep();
      return query.getColumn(0).getString();
    });
  };
  BOOST_TEST(ask("$.user.username") == "ann");
  BOOST_TEST(ask("$.user.email") == "ann@example.org");
  BOOST_TEST(ask("$.user.password_hash") == "absent");
  BOOST_TEST(ask("$.tables.players[0].id") == ann.value());
  BOOST_TEST(ask("$.tables.user_tokens[0].type") == "refresh");  // then its access token
  BOOST_TEST(ask("$.tables.user_tokens[1].type") == "login");
  BOOST_TEST(ask("$.tables.user_tokens[0].token") == "absent");
  BOOST_TEST(ask("$.tables.oauth_accounts[0].provider_account_username") == "ann#1");
  BOOST_TEST(ask("$.tables.mfa_secrets[0].is_enabled") == "0");
  BOOST_TEST(ask("$.tables.mfa_secrets[0].secret") == "absent");
  // Nothing of the other user.
  BOOST_TEST(data.find("bea") == std::string::npos);
  BOOST_TEST(data.find(session.access_token) == std::string::npos);
  BOOST_TEST(!game.accounts().export_data(PlayerId("00000000-0000-4000-8000-000000000000")));
  // A deleted user's data can still be taken away.
  BOOST_REQUIRE(game.players().remove(ann).ok());
  BOOST_TEST(game.accounts().export_data(ann).has_value());
}

BOOST_AUTO_TEST_CASE(a_player_deletes_their_own_account_with_the_password) {
  const PlayerId ann = register_ann();
  const Session session = game.accounts().log_in("ann", kPassword).value();
  // A wrong password is refused (and counted, as for a log-in).
  BOOST_TEST((game.accounts().delete_account(ann, "wrong horse").refusal() == Refusal::NotAllowed));
  BOOST_TEST(test::query_int(game, "SELECT failed_logins FROM users WHERE username = 'ann'") == 1);
  BOOST_TEST(!game.players().find(ann)->deleted);
  BOOST_REQUIRE(game.accounts().delete_account(ann, kPassword).ok());
  BOOST_TEST(game.players().find(ann)->deleted);
  BOOST_TEST(!game.accounts().authenticate(session.access_token));
  BOOST_TEST(game.accounts().log_in("ann", kPassword).detail() == "The account is deleted.");
  BOOST_TEST((game.accounts().delete_account(ann, kPassword).refusal() == Refusal::AlreadyDone));
  BOOST_TEST(count("player.deleted") == 1);
  BOOST_TEST(game.accounts().erase_personal_data(ann).ok());
}

// Erasure: after it, the file holds nothing personal about the user (scanned once the game is
// closed), the ledger still balances and the user's history reads as "deleted-<id>".
BOOST_AUTO_TEST_CASE(a_deleted_users_personal_data_is_erased_and_history_stays) {
  test::TempFile file;
  const std::vector<std::string> personal = {"annabelle_q", "annabelle@example.org", "+1 555 0100",
                                             "Annabelle Q.", "zebra-umbrella"};
  PlayerId ann;
  {
    Game saved(options(file.path));
    NewUser user{.username = "annabelle_q",
                 .email = "annabelle@example.org",
                 .display_name = "Annabelle Q.",
                 .country = "CA"};
    ann = saved.accounts().register_account({user, kPassword}).value().id;
    const PlayerId bea = saved.accounts().register_account({{.username = "bea"}, kPassword})->id;
    core_of(saved).run([&](Command& command) {
      command.sql().exec("UPDATE users SET phone = '+1 555 0100' WHERE id = '" + ann.value() + "'");
    });
    BOOST_REQUIRE(saved.accounts().log_in("annabelle_q", kPassword).ok());
    BOOST_REQUIRE(saved.accounts().link_provider(ann, {"discord", "42", "", "annabelle_q"}).ok());
    const OnboardingSession session = saved.onboarding().start(ann).value();
    BOOST_REQUIRE(saved.onboarding()
                      .claim_ship(ann, session.offered_ships.front(), "My code is zebra-umbrella.")
                      .ok());
    const CurrencyId credits = saved.ledger().default_currency().id;
    const AccountId from = saved.ledger().account_of(AccountOwner::user(ann.value()), credits)->id;
    const AccountId to = saved.ledger().account_of(AccountOwner::user(bea.value()), credits)->id;
    BOOST_REQUIRE(saved.ledger().mint(from, 500).ok());
    Transfer gift{from, to, 120};
    gift.by = ann;
    const TransactionId paid = saved.ledger().transfer(gift).value();

    const std::string before = test::snapshot(saved);
    BOOST_TEST((saved.accounts().erase_personal_data(ann).refusal() == Refusal::NotAllowed));
    BOOST_TEST((saved.accounts()
                    .erase_personal_data(PlayerId("00000000-0000-4000-8000-000000000000"))
                    .refusal() == Refusal::NotFound));
    BOOST_TEST(test::snapshot(saved) == before);
    // Export first, then delete and erase.
    BOOST_TEST(saved.accounts().export_data(ann)->find("annabelle@example.org") !=
               std::string::npos);
    BOOST_REQUIRE(saved.players().remove(ann).ok());
    BOOST_REQUIRE(saved.accounts().erase_personal_data(ann).ok());
    BOOST_TEST((saved.accounts().erase_personal_data(ann).refusal() == Refusal::AlreadyDone));

    const PlayerView erased = saved.players().find(ann).value();
    BOOST_TEST(erased.username == "deleted-" + ann.value());
    BOOST_TEST(erased.display_name.find("Annabelle") == std::string::npos);
    BOOST_TEST(saved.ledger().check_ledger().empty());
    BOOST_TEST(saved.ledger().transaction(paid)->user_id == ann);
    BOOST_TEST(saved.ledger().transaction(paid)->amount == 120);
    BOOST_TEST(saved.accounts().providers(ann).empty());
    BOOST_TEST((saved.accounts().log_in("deleted-" + ann.value(), kPassword).refusal() ==
                Refusal::NotAllowed));
    const std::string data = saved.accounts().export_data(ann).value();
    for (const std::string& text : personal) {
      BOOST_TEST(data.find(text) == std::string::npos, text);
    }
    BOOST_TEST(count_in(saved, "account.erased") == 1);
  }
  std::string bytes = file.bytes();
  for (const char* suffix : {"-wal", "-journal"}) {
    std::ifstream side(file.path + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(side), std::istreambuf_iterator<char>());
  }
  BOOST_TEST(bytes.find("bea") != std::string::npos);  // the scan sees what is there
  for (const std::string& text : personal) {
    BOOST_TEST(bytes.find(text) == std::string::npos, text);
  }
}

BOOST_AUTO_TEST_SUITE_END()

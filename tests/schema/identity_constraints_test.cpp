// The identity tables of migration 0002 (and the columns 0014 adds): users, tokens, OAuth links,
// MFA, privileges, roles, bans, friends, follows and blocks. For each table a valid row inserts and
// each CHECK / NOT NULL / UNIQUE / FOREIGN KEY refuses its violation, leaving the table as it was.
#include <boost/test/unit_test.hpp>

#include "tests/support/constraints.h"

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(identity_constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(users_take_a_valid_row_and_refuse_each_violation) {
  Table users(*this, "users");
  BOOST_TEST(users.accepts(user_row(kAlice, "Alice")));
  BOOST_TEST(scalar("SELECT language = 'en' AND verified = 0 AND activated = 1 AND is_active = 1 "
                    "AND is_admin = 0 AND deleted = 0 AND email IS NULL FROM users WHERE id = " +
                    q(kAlice)) == 1);
  // Every optional column set, the length limits at their edges, a soft-deleted user.
  BOOST_TEST(users.accepts(
      with(user_row(kCarol, std::string(50, 'c')), {{"email", q("carol@example.org")},
                                                    {"phone", q(std::string(255, '5'))},
                                                    {"country", q("DE")},
                                                    {"language", q("de")},
                                                    {"password_hash", q(std::string(255, 'h'))},
                                                    {"password_changed_at", kT},
                                                    {"display_name", q("Carol")},
                                                    {"verified", "1"},
                                                    {"activated", "0"},
                                                    {"is_active", "0"},
                                                    {"is_admin", "1"},
                                                    {"deleted", "1"},
                                                    {"deleted_at", kLater},
                                                    {"paypal_subscription_id", q("I-123")},
                                                    {"subscription_tier", q(std::string(50, 't'))},
                                                    {"subscription_status", q("active")},
                                                    {"subscription_started_at", kT},
                                                    {"subscription_expires_at", kLater},
                                                    {"last_login_at", kT}})));

  const Row bob = user_row(kBob, "bob");
  BOOST_TEST(users.refuses(with(bob, "id", q(kAlice)), {kUnique, "users.id"}));
  BOOST_TEST(users.refuses(with(bob, "id", q(upper(kBob))), {kCheck, "lower(id)"}));
  BOOST_TEST(users.refuses(with(bob, "id", q(kBob.substr(1))), {kCheck, "length(id)"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("Alice")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("alice")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("ALICE")), {kUnique, "users.username"}));
  BOOST_TEST(users.refuses(without(bob, "username"), {kNotNull, "users.username"}));
  BOOST_TEST(users.refuses(with(bob, "username", q("")), {kCheck, "length(username)"}));
  BOOST_TEST(
      users.refuses(with(bob, "username", q(std::string(51, 'b'))), {kCheck, "length(username)"}));
  BOOST_TEST(users.refuses(with(bob, "email", q("CAROL@Example.org")), {kUnique, "users.email"}));
  BOOST_TEST(users.refuses(with(bob, "email", q("b@")), {kCheck, "length(email)"}));
  BOOST_TEST(users.refuses(with(bob, "phone", q(std::string(256, '5'))), {kCheck, "phone"}));
  BOOST_TEST(users.refuses(with(bob, "country", q("DEU")), {kCheck, "country"}));
  BOOST_TEST(users.refuses(with(bob, "language", q("eng")), {kCheck, "language"}));
  BOOST_TEST(users.refuses(with(bob, "language", kNull), {kNotNull, "users.language"}));
  BOOST_TEST(users.refuses(with(bob, "password_hash", q(std::string(256, 'h'))),
                           {kCheck, "password_hash"}));
  BOOST_TEST(
      users.refuses(with(bob, "display_name", q(std::string(256, 'd'))), {kCheck, "display_name"}));
  for (const char* flag : {"verified", "activated", "is_active", "is_admin", "deleted"}) {
    BOOST_TEST(users.refuses(with(bob, flag, "2"), {kCheck, flag}));
    BOOST_TEST(users.refuses(with(bob, flag, kNull), {kNotNull, flag}));
  }
  BOOST_TEST(users.refuses(with(bob, "deleted", "1"), {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.refuses(with(bob, "deleted_at", kT), {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.refuses(with(bob, "paypal_subscription_id", q(std::string(256, 'p'))),
                           {kCheck, "paypal_subscription_id"}));
  BOOST_TEST(users.refuses(with(bob, "subscription_tier", q(std::string(51, 't'))),
                           {kCheck, "subscription_tier"}));
  BOOST_TEST(users.refuses(with(bob, "subscription_status", q(std::string(51, 's'))),
                           {kCheck, "subscription_status"}));
  BOOST_TEST(users.refuses(without(bob, "created_at"), {kNotNull, "users.created_at"}));
  BOOST_TEST(users.refuses(without(bob, "updated_at"), {kNotNull, "users.updated_at"}));
  // The row every violation above started from is valid; users without an email never collide.
  BOOST_TEST(users.accepts(bob));
  BOOST_TEST(users.accepts(user_row(kDave, "dave")));
  // Updates are held to the same rules.
  BOOST_TEST(users.refuses_statement("UPDATE users SET username = 'BOB' WHERE id = " + q(kDave),
                                     {kUnique, "users.username"}));
  BOOST_TEST(users.refuses_statement("UPDATE users SET deleted = 1 WHERE id = " + q(kDave),
                                     {kCheck, "deleted_at IS NOT NULL"}));
  BOOST_TEST(users.count() == 4);
}

BOOST_AUTO_TEST_CASE(user_tokens_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table tokens(*this, "user_tokens");
  BOOST_TEST(tokens.accepts(token_row(1, "t-1", kAlice)));
  // A refresh series: token 2 succeeds token 1.
  BOOST_TEST(tokens.accepts(with(token_row(2, "t-2", kAlice), "previous_id", "1")));

  const Row next = token_row(3, "t-3", kAlice);
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "1"), {kUnique, "user_tokens.previous_id"}));
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "3"), {kCheck, "previous_id <> id"}));
  BOOST_TEST(tokens.refuses(with(next, "previous_id", "99"), {kForeignKey}));
  BOOST_TEST(tokens.refuses(with(next, "id", "1"), {kUnique, "user_tokens.id"}));
  BOOST_TEST(tokens.refuses(with(next, "token", q("t-1")), {kUnique, "user_tokens.token"}));
  BOOST_TEST(tokens.refuses(without(next, "token"), {kNotNull, "user_tokens.token"}));
  BOOST_TEST(tokens.refuses(with(next, "type", q("Refresh")), {kCheck, "type IN"}));
  BOOST_TEST(tokens.refuses(with(next, "type", q("session")), {kCheck, "type IN"}));
  BOOST_TEST(tokens.refuses(without(next, "type"), {kNotNull, "user_tokens.type"}));
  BOOST_TEST(tokens.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(tokens.refuses(without(next, "user_id"), {kNotNull, "user_tokens.user_id"}));
  BOOST_TEST(tokens.refuses(without(next, "created_at"), {kNotNull, "user_tokens.created_at"}));
  BOOST_TEST(tokens.accepts(next));
  // Every token type of the platform is accepted.
  int id = 10;
  for (const char* type : {"generic", "activation", "deactivation", "password", "login", "gdpr",
                           "totp", "public_key", "recovery", "refresh"}) {
    BOOST_TEST(tokens.accepts(with(token_row(id, "typed-" + num(id), kBob), "type", q(type))));
    ++id;
  }
  BOOST_TEST(tokens.count() == 13);
}

BOOST_AUTO_TEST_CASE(oauth_accounts_take_a_valid_row_and_refuse_each_violation) {
  add_users(*this);
  Table oauth(*this, "oauth_accounts");
  BOOST_TEST(oauth.accepts(oauth_row(kOauth, kAlice, "80351110224678912")));
  // The same external id at another provider is another account.
  BOOST_TEST(oauth.accepts(
      with(oauth_row(uuid(132), kBob, "80351110224678912"), "provider", q("github"))));

  const Row next = oauth_row(uuid(133), kBob, "1234");
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q("80351110224678912")),
                           {kUnique, "oauth_accounts.provider"}));
  BOOST_TEST(oauth.refuses(with(next, "id", q(kOauth)), {kUnique, "oauth_accounts.id"}));
  BOOST_TEST(oauth.refuses(with(next, "id", q(upper(uuid(133)))), {kCheck, "lower(id)"}));
  BOOST_TEST(oauth.refuses(with(next, "provider", q("")), {kCheck, "length(provider)"}));
  BOOST_TEST(
      oauth.refuses(with(next, "provider", q(std::string(21, 'p'))), {kCheck, "length(provider)"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q("")), {kCheck, "provider_user_id"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_user_id", q(std::string(256, '9'))),
                           {kCheck, "provider_user_id"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_account_email", q(std::string(256, 'e'))),
                           {kCheck, "provider_account_email"}));
  BOOST_TEST(oauth.refuses(with(next, "provider_account_username", q(std::string(256, 'u'))),
                           {kCheck, "provider_account_username"}));
  BOOST_TEST(oauth.refuses(with(next, "deleted", "2"), {kCheck, "deleted"}));
  BOOST_TEST(oauth.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(oauth.refuses(without(next, "user_id"), {kNotNull, "oauth_accounts.user_id"}));
  BOOST_TEST(oauth.refuses(without(next, "provider"), {kNotNull, "oauth_accounts.provider"}));
  BOOST_TEST(oauth.accepts(next));
}

BOOST_AUTO_TEST_CASE(mfa_secrets_and_attempts_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table secrets(*this, "mfa_secrets");
  BOOST_TEST(secrets.accepts(mfa_secret_row(kAlice)));
  BOOST_TEST(scalar("SELECT backup_codes = '[]' AND is_enabled = 0 FROM mfa_secrets") == 1);
  BOOST_TEST(secrets.refuses(mfa_secret_row(kAlice), {kUnique, "mfa_secrets.user_id"}));

  const Row bobs = mfa_secret_row(kBob);
  BOOST_TEST(secrets.refuses(with(bobs, "backup_codes", q("{}")), {kCheck, "backup_codes"}));
  BOOST_TEST(secrets.refuses(with(bobs, "backup_codes", q("[1,")), {kCheck, "backup_codes"}));
  BOOST_TEST(secrets.refuses(with(bobs, "is_enabled", "2"), {kCheck, "is_enabled"}));
  BOOST_TEST(secrets.refuses(without(bobs, "secret"), {kNotNull, "mfa_secrets.secret"}));
  BOOST_TEST(secrets.refuses(with(bobs, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(secrets.accepts(with(bobs, "backup_codes", q(R"(["a1b2c3", "d4e5f6"])"))));

  Table attempts(*this, "mfa_attempts");
  BOOST_TEST(attempts.accepts(mfa_attempt_row(kMfaAttempt, kAlice)));
  BOOST_TEST(attempts.accepts(
      with(mfa_attempt_row(uuid(142), kAlice), {{"attempt_type", q("backup_code")},
                                                {"success", "0"},
                                                {"ip_address", q(std::string(255, '1'))}})));
  const Row next = mfa_attempt_row(uuid(143), kBob);
  BOOST_TEST(attempts.refuses(with(next, "attempt_type", q("TOTP")), {kCheck, "attempt_type"}));
  BOOST_TEST(attempts.refuses(with(next, "attempt_type", q("sms")), {kCheck, "attempt_type"}));
  BOOST_TEST(attempts.refuses(with(next, "success", "2"), {kCheck, "success"}));
  BOOST_TEST(attempts.refuses(without(next, "success"), {kNotNull, "mfa_attempts.success"}));
  BOOST_TEST(
      attempts.refuses(with(next, "ip_address", q(std::string(256, '1'))), {kCheck, "ip_address"}));
  BOOST_TEST(attempts.refuses(with(next, "id", q(kMfaAttempt)), {kUnique, "mfa_attempts.id"}));
  BOOST_TEST(attempts.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(attempts.accepts(next));
}

BOOST_AUTO_TEST_CASE(privileges_roles_and_their_grants_take_valid_rows_and_refuse_each_violation) {
  add_users(*this);
  Table privileges(*this, "privileges");
  BOOST_TEST(privileges.count() == 24);
  BOOST_TEST(privileges.accepts(
      with(privilege_row(30, "create:world"),
           {{"automatic", "1"}, {"created_by", q(kAlice)}, {"updated_by", q(kBob)}})));
  const Row next = privilege_row(31, "create:sound");
  BOOST_TEST(
      privileges.refuses(with(next, "privilege", q("web")), {kUnique, "privileges.privilege"}));
  BOOST_TEST(privileges.refuses(with(next, "id", "30"), {kUnique, "privileges.id"}));
  BOOST_TEST(privileges.refuses(with(next, "privilege", q("")), {kCheck, "length(privilege)"}));
  BOOST_TEST(privileges.refuses(with(next, "privilege", q(std::string(101, 'p'))),
                                {kCheck, "length(privilege)"}));
  BOOST_TEST(privileges.refuses(without(next, "privilege"), {kNotNull, "privileges.privilege"}));
  BOOST_TEST(privileges.refuses(with(next, "automatic", "2"), {kCheck, "automatic"}));
  BOOST_TEST(privileges.refuses(with(next, "created_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(privileges.refuses(with(next, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(privileges.accepts(next));

  Table roles(*this, "roles");
  BOOST_TEST(roles.count() == 5);
  BOOST_TEST(roles.accepts(
      with(role_row(10, "vip"), {{"parent_id", num(kMemberRole)}, {"created_by", q(kAlice)}})));
  const Row tester = role_row(11, "tester");
  BOOST_TEST(roles.refuses(with(tester, "role", q("admin")), {kUnique, "roles.role"}));
  BOOST_TEST(roles.refuses(with(tester, "role", q("")), {kCheck, "length(role)"}));
  BOOST_TEST(
      roles.refuses(with(tester, "role", q(std::string(101, 'r'))), {kCheck, "length(role)"}));
  BOOST_TEST(roles.refuses(with(tester, "parent_id", "99"), {kForeignKey}));
  BOOST_TEST(roles.refuses(with(tester, "parent_id", "11"), {kCheck, "parent_id <> id"}));
  BOOST_TEST(roles.refuses(with(tester, "automatic", "2"), {kCheck, "automatic"}));
  BOOST_TEST(roles.refuses(with(tester, "updated_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(roles.accepts(tester));

  Table role_privileges(*this, "role_privileges");
  const Row grant = {{"role_id", "10"}, {"privilege_id", "30"}};
  BOOST_TEST(role_privileges.accepts(grant));
  BOOST_TEST(role_privileges.refuses(grant, {kUnique, "role_privileges.role_id"}));
  BOOST_TEST(role_privileges.refuses(with(grant, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(role_privileges.refuses(with(grant, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(role_privileges.refuses(with(grant, "role_id", kNull),
                                     {kNotNull, "role_privileges.role_id"}));
  BOOST_TEST(role_privileges.accepts(with(grant, "privilege_id", "31")));

  Table user_roles(*this, "user_roles");
  const Row holds = {{"user_id", q(kAlice)}, {"role_id", num(kPlayerRole)}};
  BOOST_TEST(user_roles.accepts(holds));
  BOOST_TEST(user_roles.refuses(holds, {kUnique, "user_roles.user_id"}));
  BOOST_TEST(user_roles.refuses(with(holds, "role_id", "99"), {kForeignKey}));
  BOOST_TEST(user_roles.refuses(with(holds, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(user_roles.refuses(with(holds, "user_id", kNull), {kNotNull, "user_roles.user_id"}));
  BOOST_TEST(user_roles.accepts(with(holds, "role_id", "10")));

  Table user_privileges(*this, "user_privileges");
  const Row direct = {{"user_id", q(kBob)}, {"privilege_id", "30"}};
  BOOST_TEST(user_privileges.accepts(direct));
  BOOST_TEST(user_privileges.refuses(direct, {kUnique, "user_privileges.user_id"}));
  BOOST_TEST(user_privileges.refuses(with(direct, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(user_privileges.refuses(with(direct, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(user_privileges.refuses(with(direct, "privilege_id", kNull),
                                     {kNotNull, "user_privileges.privilege_id"}));
  BOOST_TEST(user_privileges.accepts(with(direct, "privilege_id", num(kWebPrivilege))));
}

BOOST_AUTO_TEST_CASE(bans_take_a_user_or_an_ip_network_and_refuse_each_violation) {
  add_users(*this);
  Table bans(*this, "bans");
  BOOST_TEST(bans.accepts(ban_row(1, kAlice, kBob)));
  BOOST_TEST(scalar("SELECT cidr = 32 AND privilege_ban = 0 AND ip IS NULL FROM bans") == 1);
  // A pure IP ban (no user), its netmask at the edges: 0..32 for IPv4, 0..128 for IPv6.
  const auto ip_ban = [](int id, std::string_view ip, int cidr) {
    return with(without(ban_row(id, kAlice, kBob), "user_id"),
                {{"ip", q(ip)}, {"cidr", num(cidr)}});
  };
  BOOST_TEST(bans.accepts(ip_ban(2, "10.0.0.0", 0)));
  BOOST_TEST(bans.accepts(ip_ban(3, "10.0.0.1", 32)));
  BOOST_TEST(bans.accepts(ip_ban(4, "2001:db8::", 0)));
  BOOST_TEST(bans.accepts(ip_ban(5, "2001:db8::1", 128)));
  BOOST_TEST(bans.refuses(ip_ban(6, "10.0.0.0", 33), {kCheck, "cidr <= 32"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "10.0.0.0", -1), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "2001:db8::", 129), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "2001:db8::", -1), {kCheck, "cidr BETWEEN 0 AND 128"}));
  BOOST_TEST(bans.refuses(ip_ban(6, "", 32), {kCheck, "length(ip)"}));
  BOOST_TEST(bans.refuses(ip_ban(6, std::string(256, '1'), 32), {kCheck, "length(ip)"}));

  const Row next = ban_row(6, kCarol, kBob);
  BOOST_TEST(
      bans.refuses(without(next, "user_id"), {kCheck, "user_id IS NOT NULL OR ip IS NOT NULL"}));
  BOOST_TEST(bans.refuses(with(next, "reason", q("")), {kCheck, "length(reason)"}));
  BOOST_TEST(bans.refuses(without(next, "reason"), {kNotNull, "bans.reason"}));
  BOOST_TEST(bans.refuses(without(next, "admin_id"), {kNotNull, "bans.admin_id"}));
  BOOST_TEST(bans.refuses(with(next, "admin_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(bans.refuses(with(next, "user_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(bans.refuses(with(next, "privilege_ban", "2"), {kCheck, "privilege_ban"}));
  BOOST_TEST(bans.refuses(with(next, "cidr", kNull), {kNotNull, "bans.cidr"}));
  BOOST_TEST(bans.refuses(without(next, "created_at"), {kNotNull, "bans.created_at"}));
  BOOST_TEST(bans.accepts(with(next, {{"privilege_ban", "1"}, {"expires_at", kLater}})));

  Table ban_privileges(*this, "ban_privileges");
  const Row removed = {{"ban_id", "6"}, {"privilege_id", num(kTradePrivilege)}};
  BOOST_TEST(ban_privileges.accepts(removed));
  BOOST_TEST(ban_privileges.refuses(removed, {kUnique, "ban_privileges.ban_id"}));
  BOOST_TEST(ban_privileges.refuses(with(removed, "ban_id", "99"), {kForeignKey}));
  BOOST_TEST(ban_privileges.refuses(with(removed, "privilege_id", "99"), {kForeignKey}));
  BOOST_TEST(ban_privileges.accepts(with(removed, "privilege_id", num(kWebPrivilege))));
}

// Migration 0014: a ban ends no earlier than it began, and is lifted by a known user; only a
// deleted user's data is erased.
BOOST_AUTO_TEST_CASE(ban_endings_and_erasure_refuse_each_violation) {
  add_users(*this);
  Table bans(*this, "bans");
  const Row row = ban_row(1, kAlice, kBob);
  BOOST_TEST(bans.refuses(with(row, "ended_at", "0"), {kCheck, "ended_at >= created_at"}));
  BOOST_TEST(bans.refuses(with(row, "lifted_by", q(kDave)), {kForeignKey}));
  BOOST_TEST(bans.accepts(with(row, {{"ended_at", kT}, {"lifted_by", q(kCarol)}})));
  Table users(*this, "users");
  BOOST_TEST(users.refuses(with(user_row(kDave, "dave"), "erased_at", kT),
                           {kCheck, "erased_at IS NULL OR deleted = 1"}));
  BOOST_TEST(users.accepts(
      with(user_row(kDave, "dave"), {{"deleted", "1"}, {"deleted_at", kT}, {"erased_at", kT}})));
}

BOOST_AUTO_TEST_CASE(friends_follows_and_blocks_take_valid_pairs_and_refuse_each_violation) {
  add_users(*this);
  Table friends(*this, "friends");
  BOOST_TEST(friends.accepts(pair_row(1, kAlice, kBob)));
  BOOST_TEST(scalar("SELECT pending FROM friends WHERE id = 1") == 1);
  // One row per pair, whichever direction it was asked in.
  BOOST_TEST(friends.refuses(pair_row(2, kBob, kAlice), {kUnique, "friends_one_per_pair"}));
  BOOST_TEST(friends.refuses(pair_row(2, kAlice, kBob), {kUnique, "friends_one_per_pair"}));
  BOOST_TEST(friends.refuses(pair_row(2, kCarol, kCarol), {kCheck, "user_id <> target_id"}));
  BOOST_TEST(
      friends.refuses(with(pair_row(2, kAlice, kCarol), "pending", "2"), {kCheck, "pending"}));
  BOOST_TEST(friends.refuses(pair_row(2, kAlice, kDave), {kForeignKey}));
  BOOST_TEST(friends.refuses(pair_row(2, kDave, kAlice), {kForeignKey}));
  BOOST_TEST(friends.accepts(with(pair_row(2, kCarol, kAlice), "pending", "0")));

  for (const char* name : {"follows", "blocks"}) {
    BOOST_TEST_CONTEXT(name) {
      Table table(*this, name);
      BOOST_TEST(table.accepts(pair_row(1, kAlice, kBob)));
      // One-way: the reverse direction is another row.
      BOOST_TEST(table.accepts(pair_row(2, kBob, kAlice)));
      BOOST_TEST(
          table.refuses(pair_row(3, kAlice, kBob), {kUnique, std::string(name) + ".user_id"}));
      BOOST_TEST(table.refuses(pair_row(3, kCarol, kCarol), {kCheck, "user_id <> target_id"}));
      BOOST_TEST(table.refuses(pair_row(3, kCarol, kDave), {kForeignKey}));
      BOOST_TEST(table.refuses(without(pair_row(3, kCarol, kAlice), "target_id"),
                               {kNotNull, std::string(name) + ".target_id"}));
      BOOST_TEST(table.accepts(pair_row(3, kCarol, kAlice)));
    }
  }
}

// -- players, world, factions, teams, messages, onboarding (0003) -------------------------------

BOOST_AUTO_TEST_CASE(
    regions_sectors_stations_and_planets_take_valid_rows_and_refuse_each_violation) {
  add_players(*this);
  Table regions(*this, "regions");
  BOOST_TEST(regions.accepts(with(region_row(kRegion, "Core Worlds"), "owner_id", q(kAlice))));
  const Row rim = region_row(uuid(42), "Outer Rim");
  BOOST_TEST(regions.refuses(with(rim, "name", q("CORE WORLDS")), {kUnique, "regions.name"}));
  BOOST_TEST(regions.refuses(with(rim, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      regions.refuses(with(rim, "name", q(std::string(101, 'r'))), {kCheck, "length(name)"}));
  BOOST_TEST(regions.refuses(with(rim, "owner_id", q(kDave)), {kForeignKey}));
  BOOST_TEST(regions.refuses(with(rim, "id", q(upper(uuid(42)))), {kCheck, "lower(id)"}));
  BOOST_TEST(regions.accepts(rim));

  Table sectors(*this, "sectors");
  BOOST_TEST(count_of(*this, "sectors", "id = 1") ==
             1);  // the starting sector ships with the schema
  BOOST_TEST(sectors.accepts(with(
      sector_row(2),
      {{"name", q("Sol")}, {"region_id", q(kRegion)}, {"controlling_faction_id", q(kTerran)}})));
  const Row three = sector_row(3);
  BOOST_TEST(sectors.refuses(with(three, "id", "0"), {kCheck, "id >= 1"}));
  BOOST_TEST(sectors.refuses(with(three, "id", "2"), {kUnique, "sectors.id"}));
  BOOST_TEST(sectors.refuses(with(three, "name", q(std::string(101, 's'))), {kCheck, "name"}));
  BOOST_TEST(sectors.refuses(with(three, "region_id", q(uuid(49))), {kForeignKey}));
  BOOST_TEST(sectors.refuses(with(three, "controlling_faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(sectors.refuses(with(three, "controlling_team_id", q(kTeam)), {kForeignKey}));
  BOOST_TEST(sectors.refuses(without(three, "created_at"), {kNotNull, "sectors.created_at"}));
  BOOST_TEST(sectors.accepts(three));

  Table stations(*this, "stations");
  BOOST_TEST(stations.accepts(with(station_row(kStation, 2),
                                   {{"faction_id", q(kTerran)}, {"reputation_threshold", "800"}})));
  BOOST_TEST(stations.accepts(with(station_row(uuid(52), 2), "reputation_threshold", "-800")));
  const Row station = station_row(uuid(53), 3);
  BOOST_TEST(stations.refuses(with(station, "reputation_threshold", "801"),
                              {kCheck, "reputation_threshold"}));
  BOOST_TEST(stations.refuses(with(station, "reputation_threshold", "-801"),
                              {kCheck, "reputation_threshold"}));
  BOOST_TEST(stations.refuses(with(station, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(stations.refuses(without(station, "sector_id"), {kNotNull, "stations.sector_id"}));
  BOOST_TEST(stations.refuses(with(station, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(stations.refuses(without(station, "name"), {kNotNull, "stations.name"}));
  BOOST_TEST(stations.refuses(with(station, "faction_id", q(kNewFaction)), {kForeignKey}));
  BOOST_TEST(stations.accepts(station));
  BOOST_TEST(scalar("SELECT reputation_threshold FROM stations WHERE id = " + q(uuid(53))) == 0);

  Table planets(*this, "planets");
  BOOST_TEST(planets.accepts(with(planet_row(kPlanet, 2), "owner_id", q(kAlicePlayer))));
  const Row planet = planet_row(uuid(62), 3);
  // The owner is a player, not a user.
  BOOST_TEST(planets.refuses(with(planet, "owner_id", q(kAlice)), {kForeignKey}));
  BOOST_TEST(planets.refuses(with(planet, "sector_id", "99"), {kForeignKey}));
  BOOST_TEST(planets.refuses(with(planet, "name", q("")), {kCheck, "length(name)"}));
  BOOST_TEST(
      planets.refuses(with(planet, "name", q(std::string(101, 'p'))), {kCheck, "length(name)"}));
  BOOST_TEST(planets.accepts(planet));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

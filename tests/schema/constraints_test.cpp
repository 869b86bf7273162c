// The SQL model's rules that span tables: every table has a constraint case in one of the
// *_constraints_test suites; the guard triggers refuse what they guard; deletes cascade or set
// NULL as the schema says.
#include "tests/support/constraints.h"

#include <set>
#include <string>

#include <boost/test/unit_test.hpp>

namespace hearth {

using namespace constraints;

BOOST_FIXTURE_TEST_SUITE(constraints_test, test::FreshDatabase)

BOOST_AUTO_TEST_CASE(every_table_has_a_constraint_case) {
  // The tables the *_constraints_test suites insert into; a new table fails here until it has its
  // case.
  const std::set<std::string> covered = {
      // 0002
      "users", "user_tokens", "oauth_accounts", "mfa_secrets", "mfa_attempts", "privileges",
      "roles", "role_privileges", "user_roles", "user_privileges", "bans", "ban_privileges",
      "friends", "follows", "blocks",
      // 0003
      "regions", "sectors", "stations", "planets", "factions", "faction_rivalries",
      "reputation_tiers", "personal_reputation_tiers", "military_ranks", "classes", "players",
      "ships", "reputations", "teams", "team_members", "team_invitations", "team_reputations",
      "messages", "guard_personalities", "ship_rarity_config", "first_login_sessions",
      "dialogue_exchanges", "ship_presentation_options", "player_first_login_state",
      // 0004
      "currencies", "currency_conversions", "accounts", "transactions", "items", "inventory",
      "item_transactions",
      // 0005
      "assets", "content", "content_revisions", "moderator_actions", "moderator_action_bans",
      "object_assets", "content_prices", "content_ownerships", "trades", "trade_offer_ownerships",
      "trade_offer_items", "trade_offer_currencies", "favorites", "content_votes",
      "content_reports", "report_moderator_actions", "games", "game_supports", "provisioning_hosts",
      "hosted_servers", "server_games", "host_bans", "characters", "character_properties",
      "character_worn_items", "sessions",
      // 0006
      "quests", "user_quests", "user_timers", "lootdrops", "moderation_cases",
      // 0008
      "ship_specifications",
      // 0010
      "guard_questions", "guard_lines",
      // 0011
      "reputation_history",
      // 0015
      "message_reads", "team_join_requests",
      // 0016
      "asset_blobs", "asset_blob_bytes",
      // 0017
      "reward_claims", "loot_activity",
      // 0019
      "command_log"};
  std::set<std::string> tables;
  SQLite::Statement query(sql,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite%' AND name NOT IN ('rules', 'random_state', 'game_clock', "
                          "'events', 'migrations_applied')");
  while (query.executeStep()) tables.insert(query.getColumn(0).getString());
  BOOST_TEST(covered.size() == 88u);
  BOOST_TEST(tables == covered, tt::per_element());
}

// -- guard triggers -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_command_log_entry_names_its_command_and_holds_json_arguments) {
  Table log(*this, "command_log");
  const Row entry = {{"at", "1000"},
                     {"actor", q("u-1")},
                     {"name", q("turns.spend")},
                     {"arguments", q(R"({"amount": 2})")}};
  BOOST_TEST(log.accepts(entry));
  BOOST_TEST(log.accepts(with(entry, "actor", q("u-erased-long-ago"))));  // no foreign key
  BOOST_TEST(log.refuses(with(entry, "name", q("")), {kCheck, "name"}));
  BOOST_TEST(log.refuses(with(entry, "actor", q("")), {kCheck, "actor"}));
  BOOST_TEST(log.refuses(with(entry, "arguments", q("{amount: 2")), {kCheck, "arguments"}));
  BOOST_TEST(log.refuses(without(entry, "at"), {kNotNull, "command_log.at"}));
}

BOOST_AUTO_TEST_CASE(the_role_tree_refuses_a_parent_that_would_make_a_cycle) {
  Table roles(*this, "roles");
  constexpr std::string_view kCycle = "roles: parent_id would make a cycle";
  // player -> member -> moderator -> admin: no role goes under one of its descendants.
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 4 WHERE id = 1", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 3 WHERE id = 2", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 4 WHERE id = 3", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 1 WHERE id = 1", {kCycle}));
  // A re-parenting that keeps a tree is taken; then the new child's ancestors are guarded too.
  BOOST_TEST(
      roles.accepts_statement("UPDATE roles SET parent_id = 4 WHERE id = " + num(kReducedRole)));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 5 WHERE id = 1", {kCycle}));
  BOOST_TEST(roles.refuses_statement("UPDATE roles SET parent_id = 5 WHERE id = 4", {kCycle}));
  // A swap in one statement is checked row by row.
  BOOST_TEST(roles.refuses_statement(
      "UPDATE roles SET parent_id = CASE id WHEN 1 THEN 2 ELSE NULL END WHERE id IN (1, 2)",
      {kCycle}));
  BOOST_TEST(roles.accepts_statement("UPDATE roles SET parent_id = NULL WHERE id = 5"));
  BOOST_TEST(scalar("SELECT count(*) FROM roles WHERE (id, parent_id) IN (VALUES (2, 1), (3, 2), "
                    "(4, 3)) ") == 3);
  BOOST_TEST(scalar("SELECT count(*) FROM roles WHERE parent_id IS NULL") == 2);
}

BOOST_AUTO_TEST_CASE(conversion_windows_of_one_currency_pair_never_overlap) {
  Table conversions(*this, "currency_conversions");
  const auto window = [](int id, int source, int destination, long long from, std::string to) {
    return Row{{"id", num(id)},
               {"currency_source_id", num(source)},
               {"currency_destination_id", num(destination)},
               {"ratio", "100"},
               {"valid_from", num(from)},
               {"valid_to", std::move(to)},
               {"created_at", kT},
               {"updated_at", kT}};
  };
  constexpr std::string_view kOverlap = "currency_conversions: validity windows of a pair overlap";
  BOOST_TEST(conversions.accepts(window(1, 1, 2, 1000, "2000")));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1500, "2500"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 500, "1001"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1999, "2000"), {kOverlap}));
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1200, "1300"), {kOverlap}));  // inside
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 0, "3000"), {kOverlap}));     // around
  BOOST_TEST(conversions.refuses(window(2, 1, 2, 1999, kNull), {kOverlap}));   // open-ended
  // [valid_from, valid_to) is half-open: windows that touch do not overlap.
  BOOST_TEST(conversions.accepts(window(2, 1, 2, 2000, "3000")));
  BOOST_TEST(conversions.accepts(window(3, 1, 2, 0, "1000")));
  BOOST_TEST(conversions.accepts(window(4, 1, 2, 3000, kNull)));
  BOOST_TEST(conversions.refuses(window(5, 1, 2, 5000, "6000"), {kOverlap}));
  // Other pairs, including the reverse direction, have windows of their own.
  BOOST_TEST(conversions.accepts(window(5, 2, 1, 1500, "2500")));
  BOOST_TEST(conversions.accepts(window(6, 1, 3, 1500, kNull)));
  // Updates of a window are held to the same rule; a row never collides with itself.
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET valid_to = 2001 WHERE id = 1", {kOverlap}));
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET valid_from = 999 WHERE id = 1", {kOverlap}));
  BOOST_TEST(conversions.refuses_statement(
      "UPDATE currency_conversions SET currency_source_id = 1, currency_destination_id = 2 "
      "WHERE id = 5",
      {kOverlap}));
  BOOST_TEST(conversions.accepts_statement(
      "UPDATE currency_conversions SET valid_to = 1900 WHERE id = 1"));
  BOOST_TEST(conversions.accepts_statement(
      "UPDATE currency_conversions SET valid_to = 2000 WHERE id = 1"));
  BOOST_TEST(
      conversions.accepts_statement("UPDATE currency_conversions SET ratio = 7 WHERE id = 1"));
  BOOST_TEST(conversions.count() == 6);
}

BOOST_AUTO_TEST_CASE(an_account_never_changes_its_owner_or_currency) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  Table accounts(*this, "accounts");
  constexpr std::string_view kFixed = "accounts: owner and currency of an account never change";
  BOOST_TEST(accounts.refuses_statement(
      "UPDATE accounts SET user_id = " + q(kBob) + " WHERE id = 100", {kFixed}));
  BOOST_TEST(
      accounts.refuses_statement("UPDATE accounts SET currency_id = 2 WHERE id = 100", {kFixed}));
  BOOST_TEST(
      accounts.refuses_statement("UPDATE accounts SET owner_kind = 'system', user_id = NULL, "
                                 "system_name = 'spare' WHERE id = 100",
                                 {kFixed}));
  BOOST_TEST(accounts.refuses_statement("UPDATE accounts SET system_name = 'reserve' WHERE id = 1",
                                        {kFixed}));
  // The balance moves; rewriting the owner with the same value is no change.
  BOOST_TEST(accounts.accepts_statement("UPDATE accounts SET balance = 50, updated_at = " + kLater +
                                        " WHERE id = 100"));
  BOOST_TEST(accounts.accepts_statement("UPDATE accounts SET user_id = user_id WHERE id = 100"));
  BOOST_TEST(scalar("SELECT balance FROM accounts WHERE id = 100 AND user_id = " + q(kAlice)) ==
             50);
}

BOOST_AUTO_TEST_CASE(ledger_rows_are_append_only_and_share_their_currency) {
  add_users(*this);
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  add(*this, "accounts", user_account_row(101, kFragments, kAlice));
  add(*this, "transactions",
      with(transaction_row(1, kCredits, kCreditsMint, 100), "user_id", q(kAlice)));
  Table ledger(*this, "transactions");
  constexpr std::string_view kAppendOnly = "transactions: ledger rows are append-only";
  BOOST_TEST(ledger.refuses_statement("DELETE FROM transactions WHERE id = 1",
                                      {"transactions: ledger rows are never deleted"}));
  BOOST_TEST(
      ledger.refuses_statement("DELETE FROM transactions", {"ledger rows are never deleted"}));
  for (const char* change :
       {"amount = 101", "amount = amount * 2", "currency_id = 2", "from_account_id = 2",
        "to_account_id = 2", "type = 'GIFT'", "automated = 1", "created_at = 0",
        "previous_transaction_id = 1", "id = 9"}) {
    BOOST_TEST(ledger.refuses_statement(
        "UPDATE transactions SET " + std::string(change) + " WHERE id = 1", {kAppendOnly}));
  }
  // Confirmation (0 -> 1), the description and updated_at may change.
  BOOST_TEST(
      ledger.accepts_statement("UPDATE transactions SET confirmed = 1, description = 'daily', "
                               "updated_at = " +
                               kLater + " WHERE id = 1"));
  BOOST_TEST(ledger.refuses_statement("UPDATE transactions SET confirmed = 0 WHERE id = 1",
                                      {kAppendOnly}));
  BOOST_TEST(ledger.refuses_statement(
      "UPDATE transactions SET user_id = " + q(kBob) + " WHERE id = 1", {kAppendOnly}));
  BOOST_TEST(ledger.refuses_statement(
      "UPDATE transactions SET related_user_id = " + q(kBob) + " WHERE id = 1", {kAppendOnly}));
  BOOST_TEST(scalar("SELECT amount = 100 AND confirmed = 1 AND description = 'daily' FROM "
                    "transactions WHERE id = 1") == 1);
  // Both accounts and the reversed row hold the transaction's currency.
  constexpr std::string_view kSameCurrency = "accounts and reversal must share the currency";
  BOOST_TEST(ledger.refuses(transaction_row(2, kCredits, kCreditsMint, 101), {kSameCurrency}));
  BOOST_TEST(ledger.refuses(transaction_row(2, kFragments, kFragmentsMint, 100), {kSameCurrency}));
  BOOST_TEST(ledger.refuses(transaction_row(2, kFragments, kCreditsMint, 101), {kSameCurrency}));
  BOOST_TEST(ledger.accepts(transaction_row(2, kFragments, kFragmentsMint, 101)));
  BOOST_TEST(ledger.refuses(
      with(transaction_row(3, kCredits, 100, kCreditsMint), "previous_transaction_id", "2"),
      {kSameCurrency}));
  BOOST_TEST(ledger.accepts(
      with(transaction_row(3, kFragments, 101, kFragmentsMint), "previous_transaction_id", "2")));
  BOOST_TEST(ledger.count() == 3);
}

// -- deletes: cascades, set-nulls and restricts ---------------------------------------------------

BOOST_AUTO_TEST_CASE(hard_deleting_a_user_removes_its_belongings_and_nulls_its_history_references) {
  add_players(*this);
  add_game(*this);
  // Alice's own rows.
  add(*this, "user_tokens", token_row(1, "t-1", kAlice));
  add(*this, "user_tokens", with(token_row(2, "t-2", kAlice), "previous_id", "1"));
  add(*this, "user_tokens", token_row(3, "t-3", kBob));
  add(*this, "oauth_accounts", oauth_row(kOauth, kAlice, "1234"));
  add(*this, "mfa_secrets", mfa_secret_row(kAlice));
  add(*this, "mfa_attempts", mfa_attempt_row(kMfaAttempt, kAlice));
  add(*this, "user_roles", {{"user_id", q(kAlice)}, {"role_id", num(kPlayerRole)}});
  add(*this, "user_roles", {{"user_id", q(kBob)}, {"role_id", num(kPlayerRole)}});
  add(*this, "user_privileges", {{"user_id", q(kAlice)}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "bans", ban_row(1, kAlice, kBob));
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "friends", pair_row(1, kAlice, kBob));
  add(*this, "follows", pair_row(1, kBob, kAlice));
  add(*this, "blocks", pair_row(1, kAlice, kCarol));
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "inventory", {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "item_transactions", item_transaction_row(1, kAlice, 1));
  add(*this, "quests", quest_row(1));
  add(*this, "user_quests", {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}});
  add(*this, "user_timers", timer_row(kAlice, "COOLDOWN", "daily"));
  add(*this, "content",
      with(content_row(1),
           {{"user_id", q(kAlice)}, {"created_by", q(kAlice)}, {"updated_by", q(kAlice)}}));
  add(*this, "content_revisions", revision_row(1, 1, kBob));
  add(*this, "favorites", favorite_row(1, 1, kAlice));
  add(*this, "content_votes", with(favorite_row(1, 1, kAlice), "vote", q("up")));
  add(*this, "content_reports", report_row(1, 1, kAlice));
  add(*this, "characters", character_row(1, kAlice, 20));
  add(*this, "character_properties", property_row(1, 1, "color"));
  add(*this, "character_worn_items", worn_row(1, 1, 1));
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kAlice), "game_id", "10"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "characters", character_row(2, kBob, 20));
  add(*this, "sessions", play_session_row(1, "play-1", kBob, 2, 10, 1));  // bob, on alice's server
  // Alice's game state (through her player).
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + " WHERE id = " + q(kAlicePlayer));
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kTerran));
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "team_members", with(member_row(kTeam, kBobPlayer), "role", q("LEADER")));
  add(*this, "team_members", member_row(kTeam, kAlicePlayer));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-A", kTeam, kAlicePlayer), "invited_by", q(kBobPlayer)));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-C", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer)));
  add(*this, "messages", message_row(kMessage, kAlicePlayer, kBobPlayer));
  add(*this, "messages",
      with(message_row(uuid(92), kBobPlayer, kCarolPlayer), {{"reply_to_id", q(kMessage)},
                                                             {"moderation_status", q("deleted")},
                                                             {"moderated_by", q(kAlice)}}));
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "dialogue_exchanges", exchange_row(kExchange, kSession, 1));
  add(*this, "ship_presentation_options",
      {{"session_id", q(kSession)},
       {"available_ships", q(R"(["ESCAPE_POD"])")},
       {"rarity_roll", "7"}});
  add(*this, "player_first_login_state",
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}});
  add(*this, "planets", with(planet_row(kPlanet, 1), "owner_id", q(kAlicePlayer)));
  // Rows that outlive her and only name her.
  add(*this, "regions", with(region_row(kRegion, "Core Worlds"), "owner_id", q(kAlice)));
  add(*this, "privileges", with(privilege_row(30, "create:world"), "created_by", q(kAlice)));
  run(*this, "UPDATE roles SET updated_by = " + q(kAlice) + " WHERE id = " + num(kMemberRole));
  add(*this, "assets", with(asset_row(kAsset), "user_id", q(kAlice)));
  add(*this, "content_prices", with(price_row(1, 1, kCredits), "created_by", q(kAlice)));
  add(*this, "content_ownerships", with(ownership_row(1, 1, kBob), "created_by", q(kAlice)));
  add(*this, "content_reports", with(report_row(2, 1, kCarol), "moderator_id", q(kAlice)));
  add(*this, "transactions",
      with(transaction_row(1, kCredits, kCreditsMint, kCreditsSink),
           {{"user_id", q(kAlice)}, {"related_user_id", q(kAlice)}}));
  add(*this, "transactions",
      with(transaction_row(2, kCredits, kCreditsMint, kCreditsSink),
           {{"user_id", q(kBob)}, {"related_user_id", q(kAlice)}}));
  add(*this, "item_transactions",
      with(item_transaction_row(2, kBob, 1), "related_user_id", q(kAlice)));
  add(*this, "provisioning_hosts",
      with(provisioning_host_row(1, "host-1"), "updated_by", q(kAlice)));
  add(*this, "host_bans", with(host_ban_row(1, "10.0.0.0", kBob), "user_id", q(kAlice)));
  add(*this, "lootdrops",
      with(with(lootdrop_row("msg-1"), "claimed_by", q(kAlice)), "claimed_at", kLater));
  add(*this, "moderation_cases",
      with(case_row(1, "CASE-0001"),
           {{"user_id", q(kAlice)}, {"moderator_id", q(kAlice)}, {"resolved_by", q(kAlice)}}));

  Table users(*this, "users");
  BOOST_TEST(users.accepts_statement("DELETE FROM users WHERE id = " + q(kAlice)));

  struct Expectation {
    const char* table;
    std::string where;
    long long rows;
  };

  const std::vector<Expectation> after = {
      // Her belongings and relations are gone ...
      {"users", "id = " + q(kAlice), 0},
      {"players", "user_id = " + q(kAlice), 0},
      {"user_tokens", "user_id = " + q(kAlice), 0},
      {"oauth_accounts", "", 0},
      {"mfa_secrets", "", 0},
      {"mfa_attempts", "", 0},
      {"user_roles", "user_id = " + q(kAlice), 0},
      {"user_privileges", "", 0},
      {"bans", "", 0},
      {"ban_privileges", "", 0},
      {"friends", "", 0},
      {"follows", "", 0},
      {"blocks", "", 0},
      {"inventory", "", 0},
      {"item_transactions", "id = 1", 0},
      {"user_quests", "", 0},
      {"user_timers", "", 0},
      {"favorites", "", 0},
      {"content_votes", "", 0},
      {"content_reports", "id = 1", 0},
      {"characters", "user_id = " + q(kAlice), 0},
      {"character_properties", "", 0},
      {"character_worn_items", "", 0},
      {"hosted_servers", "", 0},
      {"server_games", "", 0},
      {"sessions", "", 0},
      // ... and so is her game state, through her player.
      {"ships", "", 0},
      {"reputations", "", 0},
      {"team_members", "player_id = " + q(kAlicePlayer), 0},
      {"team_invitations", "code = 'JOIN-A'", 0},
      {"messages", "id = " + q(kMessage), 0},
      {"first_login_sessions", "", 0},
      {"dialogue_exchanges", "", 0},
      {"ship_presentation_options", "", 0},
      {"player_first_login_state", "", 0},
      // History and other people's rows keep their row and lose the reference to her.
      {"regions", "owner_id IS NULL", 1},
      {"privileges", "id = 30 AND created_by IS NULL", 1},
      {"roles", "id = 2 AND updated_by IS NULL", 1},
      {"assets", "user_id IS NULL", 1},
      {"content", "id = 1 AND user_id IS NULL AND created_by IS NULL AND updated_by IS NULL", 1},
      {"content_prices", "created_by IS NULL", 1},
      {"content_ownerships", "created_by IS NULL AND user_id = " + q(kBob), 1},
      {"content_reports", "id = 2 AND moderator_id IS NULL", 1},
      {"messages", "id = " + q(uuid(92)) + " AND moderated_by IS NULL AND reply_to_id IS NULL", 1},
      {"team_invitations", "code = 'JOIN-C' AND invited_by IS NULL", 1},
      {"planets", "owner_id IS NULL", 1},
      {"transactions", "id = 1 AND user_id IS NULL AND related_user_id IS NULL", 1},
      {"transactions", "id = 2 AND user_id = " + q(kBob) + " AND related_user_id IS NULL", 1},
      {"item_transactions", "id = 2 AND user_id = " + q(kBob) + " AND related_user_id IS NULL", 1},
      {"provisioning_hosts", "updated_by IS NULL", 1},
      {"host_bans", "admin_id = " + q(kBob) + " AND user_id IS NULL", 1},
      {"lootdrops", "claimed_by IS NULL", 1},
      {"moderation_cases",
       "user_id IS NULL AND moderator_id IS NULL AND resolved_by IS NULL AND username = 'alice'",
       1},
      // Nobody else lost anything.
      {"users", "", 2},
      {"players", "", 2},
      {"user_tokens", "id = 3", 1},
      {"user_roles", "", 1},
      {"teams", "", 1},
      {"team_members", "player_id = " + q(kBobPlayer) + " AND role = 'LEADER'", 1},
      {"characters", "", 1},
      {"content_revisions", "", 1},
  };
  for (const Expectation& expected : after) {
    BOOST_TEST_CONTEXT(expected.table << " WHERE " << expected.where) {
      BOOST_TEST(count_of(*this, expected.table, expected.where) == expected.rows);
    }
  }
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(a_user_held_by_an_account_or_by_audit_history_cannot_be_hard_deleted) {
  add_players(*this);
  add(*this, "content", content_row(1));
  // One user per restricting reference.
  const std::vector<std::pair<std::string, std::string>> holders = {
      {uuid(1001), "ban admin"},      {uuid(1002), "revision author"},
      {uuid(1003), "moderator"},      {uuid(1004), "content owner"},
      {uuid(1005), "trade sender"},   {uuid(1006), "trade recipient"},
      {uuid(1007), "host ban admin"},
  };
  for (const auto& [id, name] : holders) add(*this, "users", user_row(id, name));
  add(*this, "accounts", user_account_row(100, kCredits, kAlice));
  add(*this, "bans", ban_row(1, kBob, uuid(1001)));
  add(*this, "content_revisions", revision_row(1, 1, uuid(1002)));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, uuid(1003)));
  add(*this, "content_ownerships", ownership_row(1, 1, uuid(1004)));
  add(*this, "trades", trade_row(1, uuid(1005), kBob));
  add(*this, "trades", trade_row(2, kBob, uuid(1006)));
  add(*this, "host_bans", host_ban_row(1, "10.0.0.0", uuid(1007)));

  Table users(*this, "users");
  BOOST_TEST(users.refuses_statement("DELETE FROM users WHERE id = " + q(kAlice), {kForeignKey}));
  // The refused delete cascaded nothing.
  BOOST_TEST(count_of(*this, "players", "user_id = " + q(kAlice)) == 1);
  for (const auto& [id, name] : holders) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(users.refuses_statement("DELETE FROM users WHERE id = " + q(id), {kForeignKey}));
    }
  }
  // A user who holds nothing is deleted; the others are soft-deleted.
  BOOST_TEST(users.accepts_statement("DELETE FROM users WHERE id = " + q(kCarol)));
  BOOST_TEST(users.accepts_statement("UPDATE users SET deleted = 1, deleted_at = " + kLater +
                                     " WHERE id = " + q(kAlice)));
  BOOST_TEST(users.count() == 9);
}

BOOST_AUTO_TEST_CASE(deleting_a_player_removes_its_game_state_and_keeps_its_user) {
  add_players(*this);
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + " WHERE id = " + q(kAlicePlayer));
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kTerran));
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "team_members", with(member_row(kTeam, kAlicePlayer), "role", q("LEADER")));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-A", kTeam, kAlicePlayer), "invited_by", q(kBobPlayer)));
  add(*this, "team_invitations",
      with(invitation_row("JOIN-C", kTeam, kCarolPlayer), "invited_by", q(kAlicePlayer)));
  add(*this, "messages", message_row(kMessage, kAlicePlayer, kBobPlayer));
  add(*this, "messages", message_row(uuid(92), kBobPlayer, kAlicePlayer));
  add(*this, "messages",
      with(message_row(uuid(93), kCarolPlayer, kBobPlayer), "reply_to_id", q(kMessage)));
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "player_first_login_state", {{"player_id", q(kAlicePlayer)}});
  add(*this, "planets", with(planet_row(kPlanet, 1), "owner_id", q(kAlicePlayer)));

  Table players(*this, "players");
  BOOST_TEST(players.accepts_statement("DELETE FROM players WHERE id = " + q(kAlicePlayer)));
  BOOST_TEST(count_of(*this, "users", "id = " + q(kAlice)) == 1);
  BOOST_TEST(count_of(*this, "ships") == 0);
  BOOST_TEST(count_of(*this, "reputations") == 0);
  BOOST_TEST(count_of(*this, "team_members") == 0);
  BOOST_TEST(count_of(*this, "teams") == 1);
  BOOST_TEST(count_of(*this, "team_invitations", "code = 'JOIN-A'") == 0);
  BOOST_TEST(count_of(*this, "team_invitations", "code = 'JOIN-C' AND invited_by IS NULL") == 1);
  // Its sent and received messages go; a reply to one of them stays, unlinked.
  BOOST_TEST(count_of(*this, "messages") == 1);
  BOOST_TEST(count_of(*this, "messages", "id = " + q(uuid(93)) + " AND reply_to_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "first_login_sessions") == 0);
  BOOST_TEST(count_of(*this, "player_first_login_state") == 0);
  BOOST_TEST(count_of(*this, "planets", "owner_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(
    deleting_a_team_removes_its_members_invitations_and_standing_but_not_a_team_with_accounts) {
  add_players(*this);
  add(*this, "teams", team_row(kTeam, "Star Runners"));
  add(*this, "teams", team_row(kOtherTeam, "Night Owls"));
  add(*this, "team_members", with(member_row(kTeam, kAlicePlayer), "role", q("LEADER")));
  add(*this, "team_members", member_row(kTeam, kBobPlayer));
  add(*this, "team_members", member_row(kOtherTeam, kCarolPlayer));
  add(*this, "team_invitations", invitation_row("JOIN-1", kTeam, kCarolPlayer));
  add(*this, "team_reputations", {{"team_id", q(kTeam)}, {"next_recalculation_at", kLater}});
  add(*this, "messages",
      with(without(message_row(uuid(92), kAlicePlayer, kAlicePlayer), "recipient_id"),
           {{"team_id", q(kTeam)}, {"message_type", q("team")}}));
  add(*this, "sectors", with(sector_row(2), "controlling_team_id", q(kTeam)));
  add(*this, "accounts",
      {{"id", "100"},
       {"currency_id", num(kCredits)},
       {"owner_kind", q("team")},
       {"team_id", q(kOtherTeam)},
       {"created_at", kT},
       {"updated_at", kT}});

  Table teams(*this, "teams");
  BOOST_TEST(teams.accepts_statement("DELETE FROM teams WHERE id = " + q(kTeam)));
  BOOST_TEST(count_of(*this, "team_members", "team_id = " + q(kTeam)) == 0);
  BOOST_TEST(count_of(*this, "team_invitations") == 0);
  BOOST_TEST(count_of(*this, "team_reputations") == 0);
  BOOST_TEST(count_of(*this, "messages", "team_id IS NULL AND recipient_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND controlling_team_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players") == 3);
  // A team with a treasury account is kept: it is disbanded instead.
  BOOST_TEST(
      teams.refuses_statement("DELETE FROM teams WHERE id = " + q(kOtherTeam), {kForeignKey}));
  BOOST_TEST(count_of(*this, "team_members", "team_id = " + q(kOtherTeam)) == 1);
  BOOST_TEST(teams.accepts_statement("UPDATE teams SET disbanded_at = " + kLater +
                                     " WHERE id = " + q(kOtherTeam)));
}

BOOST_AUTO_TEST_CASE(deleting_a_faction_removes_its_reputations_and_rivalries_and_unlinks_its_map) {
  add_players(*this);
  add(*this, "factions", faction_row(kNewFaction, "void_walkers", "Void Walkers"));
  add(*this, "faction_rivalries",
      {{"faction_a_id", q(kNewFaction)}, {"faction_b_id", q(kTerran)}, {"max_combined", "500"}});
  add(*this, "reputations", reputation_row(kReputation, kAlicePlayer, kNewFaction));
  add(*this, "reputations", reputation_row(uuid(82), kAlicePlayer, kTerran));
  add(*this, "stations", with(station_row(kStation, 1), "faction_id", q(kNewFaction)));
  add(*this, "sectors", with(sector_row(2), "controlling_faction_id", q(kNewFaction)));

  Table factions(*this, "factions");
  BOOST_TEST(factions.accepts_statement("DELETE FROM factions WHERE id = " + q(kNewFaction)));
  BOOST_TEST(count_of(*this, "reputations") == 1);
  BOOST_TEST(count_of(*this, "reputations", "faction_id = " + q(kTerran)) == 1);
  BOOST_TEST(count_of(*this, "faction_rivalries") == 2);
  BOOST_TEST(count_of(*this, "stations", "faction_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND controlling_faction_id IS NULL") == 1);
  // A seeded faction takes its rivalry with it.
  BOOST_TEST(factions.accepts_statement("DELETE FROM factions WHERE id = " + q(kFringe)));
  BOOST_TEST(count_of(*this, "faction_rivalries") == 1);
  BOOST_TEST(count_of(*this, "faction_rivalries", "faction_a_id = " + q(kMercantile)) == 1);
}

BOOST_AUTO_TEST_CASE(deleting_map_rows_cascades_down_the_map_and_unlinks_the_players_location) {
  add_players(*this);
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}});
  add(*this, "regions", region_row(kRegion, "Core Worlds"));
  add(*this, "sectors", with(sector_row(2), "region_id", q(kRegion)));
  add(*this, "stations", station_row(kStation, 2));
  add(*this, "planets", planet_row(kPlanet, 2));
  add(*this, "ships", ship_row(kShip, kAlicePlayer));
  add(*this, "teams", with(team_row(kTeam, "Star Runners"), "home_sector_id", "2"));
  run(*this, "UPDATE factions SET home_sector_id = 2 WHERE id = " + q(kTerran));
  run(*this, "UPDATE players SET current_ship_id = " + q(kShip) + ", current_sector_id = 2, " +
                 "is_docked = 1, current_port_id = " + q(kStation) +
                 ", home_region_id = " + q(kRegion) + ", current_region_id = " + q(kRegion) +
                 ", class_id = 1 WHERE id = " + q(kAlicePlayer));
  run(*this, "UPDATE players SET is_landed = 1, current_planet_id = " + q(kPlanet) +
                 " WHERE id = " + q(kBobPlayer));

  Table sectors(*this, "sectors");
  // A sector a player stands in cannot go.
  BOOST_TEST(sectors.refuses_statement("DELETE FROM sectors WHERE id = 2", {kForeignKey}));
  BOOST_TEST(sectors.refuses_statement("DELETE FROM sectors WHERE id = 1", {kForeignKey}));
  run(*this, "UPDATE players SET current_sector_id = 1 WHERE id = " + q(kAlicePlayer));

  run(*this, "DELETE FROM ships WHERE id = " + q(kShip));
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kAlicePlayer) + " AND current_ship_id IS NULL") == 1);
  run(*this, "DELETE FROM regions WHERE id = " + q(kRegion));
  BOOST_TEST(count_of(*this, "sectors", "id = 2 AND region_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players", "home_region_id IS NULL AND current_region_id IS NULL") ==
             3);
  run(*this, "DELETE FROM classes WHERE id = 1");
  BOOST_TEST(count_of(*this, "players", "class_id IS NULL") == 3);
  BOOST_TEST(sectors.accepts_statement("DELETE FROM sectors WHERE id = 2"));
  BOOST_TEST(count_of(*this, "stations") == 0);
  BOOST_TEST(count_of(*this, "planets") == 0);
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kAlicePlayer) + " AND current_port_id IS NULL") == 1);
  BOOST_TEST(
      count_of(*this, "players", "id = " + q(kBobPlayer) + " AND current_planet_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "factions", "home_sector_id IS NULL") == 8);
  BOOST_TEST(count_of(*this, "teams", "home_sector_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "players") == 3);
}

BOOST_AUTO_TEST_CASE(deleting_an_onboarding_session_removes_its_exchanges_and_offer) {
  add_players(*this);
  add(*this, "first_login_sessions", session_row(kSession, kAlicePlayer));
  add(*this, "dialogue_exchanges", exchange_row(kExchange, kSession, 1));
  add(*this, "dialogue_exchanges", exchange_row(uuid(112), kSession, 2));
  add(*this, "ship_presentation_options",
      {{"session_id", q(kSession)},
       {"available_ships", q(R"(["ESCAPE_POD"])")},
       {"rarity_roll", "7"}});
  add(*this, "player_first_login_state",
      {{"player_id", q(kAlicePlayer)}, {"current_session_id", q(kSession)}, {"attempts", "1"}});

  run(*this, "DELETE FROM first_login_sessions WHERE id = " + q(kSession));
  BOOST_TEST(count_of(*this, "dialogue_exchanges") == 0);
  BOOST_TEST(count_of(*this, "ship_presentation_options") == 0);
  BOOST_TEST(count_of(*this, "player_first_login_state",
                      "current_session_id IS NULL AND attempts = 1") == 1);
}

BOOST_AUTO_TEST_CASE(deleting_a_role_privilege_ban_or_token_removes_what_hangs_off_it) {
  add_users(*this);
  add(*this, "roles", with(role_row(10, "vip"), "parent_id", num(kMemberRole)));
  add(*this, "privileges", privilege_row(30, "create:world"));
  add(*this, "role_privileges", {{"role_id", "10"}, {"privilege_id", "30"}});
  add(*this, "user_roles", {{"user_id", q(kAlice)}, {"role_id", "10"}});
  add(*this, "user_roles", {{"user_id", q(kBob)}, {"role_id", num(kPlayerRole)}});
  add(*this, "classes", {{"id", "1"}, {"name", q("Engineer")}, {"role_id", "10"}});
  add(*this, "user_privileges", {{"user_id", q(kAlice)}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "user_privileges", {{"user_id", q(kBob)}, {"privilege_id", "30"}});
  add(*this, "bans", ban_row(1, kAlice, kBob));
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", num(kTradePrivilege)}});
  add(*this, "ban_privileges", {{"ban_id", "1"}, {"privilege_id", "30"}});
  add_content(*this);
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "moderator_action_bans", {{"moderator_action_id", "1"}, {"ban_id", "1"}});
  add(*this, "user_tokens", token_row(1, "t-1", kAlice));
  add(*this, "user_tokens", with(token_row(2, "t-2", kAlice), "previous_id", "1"));

  Table roles(*this, "roles");
  // A role with children is kept (RESTRICT): the tree never loses a middle node.
  BOOST_TEST(
      roles.refuses_statement("DELETE FROM roles WHERE id = " + num(kMemberRole), {kForeignKey}));
  BOOST_TEST(roles.accepts_statement("DELETE FROM roles WHERE id = 10"));
  BOOST_TEST(count_of(*this, "role_privileges", "role_id = 10") == 0);
  BOOST_TEST(count_of(*this, "user_roles", "role_id = 10") == 0);
  BOOST_TEST(count_of(*this, "user_roles") == 1);
  BOOST_TEST(count_of(*this, "classes", "role_id IS NULL") == 1);

  const long long seeded_grants = count_of(*this, "role_privileges");
  run(*this, "DELETE FROM privileges WHERE id = " + num(kTradePrivilege));
  BOOST_TEST(count_of(*this, "role_privileges") == seeded_grants - 1);  // player's 'trade'
  BOOST_TEST(count_of(*this, "user_privileges") == 1);
  BOOST_TEST(count_of(*this, "ban_privileges") == 1);
  BOOST_TEST(count_of(*this, "roles") == 5);

  run(*this, "DELETE FROM bans WHERE id = 1");
  BOOST_TEST(count_of(*this, "ban_privileges") == 0);
  BOOST_TEST(count_of(*this, "moderator_action_bans") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 1);

  // Deleting a token unlinks its successor.
  run(*this, "DELETE FROM user_tokens WHERE id = 1");
  BOOST_TEST(count_of(*this, "user_tokens", "id = 2 AND previous_id IS NULL") == 1);
}

BOOST_AUTO_TEST_CASE(
    deleting_content_removes_its_thread_catalog_rows_and_game_but_not_owned_content) {
  add_users(*this);
  add_game(*this);
  add(*this, "content", with(content_row(1), "type", q("hat")));
  add(*this, "content", with(content_row(2), {{"type", q("comment")}, {"parent_id", "1"}}));
  add(*this, "content", with(content_row(3), {{"type", q("comment")}, {"parent_id", "2"}}));
  add(*this, "content_revisions", revision_row(1, 1, kAlice));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "bans", ban_row(1, kCarol, kBob));
  add(*this, "moderator_action_bans", {{"moderator_action_id", "1"}, {"ban_id", "1"}});
  add(*this, "assets", asset_row(kAsset));
  add(*this, "object_assets", object_asset_row(1, 1, 1, kAsset));
  add(*this, "content_prices", price_row(1, 1, kCredits));
  add(*this, "favorites", favorite_row(1, 1, kBob));
  add(*this, "content_votes", with(favorite_row(1, 1, kBob), "vote", q("up")));
  add(*this, "content_reports", report_row(1, 1, kCarol));
  add(*this, "report_moderator_actions", {{"report_id", "1"}, {"moderator_action_id", "1"}});
  add(*this, "characters", character_row(1, kCarol, 20));
  add(*this, "character_properties", with(property_row(1, 1, "hat"), "related_content_id", "1"));
  add(*this, "character_worn_items", worn_row(1, 1, 1));
  add(*this, "game_supports", {{"id", "1"}, {"game_id", "10"}, {"flag", q("chat")}});
  add(*this, "game_supports",
      {{"id", "2"}, {"game_id", "10"}, {"flag", q("character")}, {"content_id", "1"}});
  add(*this, "hosted_servers", with(server_row(1, "srv-1", kBob), "game_id", "10"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "sessions", play_session_row(1, "play-1", kCarol, 1, 10, 1));

  Table content(*this, "content");
  BOOST_TEST(content.accepts_statement("DELETE FROM content WHERE id = 1"));
  // Comments die with their parent, down the thread.
  BOOST_TEST(count_of(*this, "content", "id IN (1, 2, 3)") == 0);
  BOOST_TEST(count_of(*this, "content_revisions") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "moderator_action_bans") == 0);
  BOOST_TEST(count_of(*this, "bans") == 1);
  BOOST_TEST(count_of(*this, "object_assets") == 0);
  BOOST_TEST(count_of(*this, "assets") == 1);
  BOOST_TEST(count_of(*this, "content_prices") == 0);
  BOOST_TEST(count_of(*this, "favorites") == 0);
  BOOST_TEST(count_of(*this, "content_votes") == 0);
  BOOST_TEST(count_of(*this, "content_reports") == 0);
  BOOST_TEST(count_of(*this, "report_moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "character_worn_items") == 0);
  BOOST_TEST(count_of(*this, "character_properties", "related_content_id IS NULL") == 1);
  BOOST_TEST(count_of(*this, "game_supports") == 1);

  // A game's content row takes the game, its supports, server links and sessions; the server stays.
  BOOST_TEST(content.accepts_statement("DELETE FROM content WHERE id = 10"));
  BOOST_TEST(count_of(*this, "games") == 0);
  BOOST_TEST(count_of(*this, "game_supports") == 0);
  BOOST_TEST(count_of(*this, "server_games") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 0);
  BOOST_TEST(count_of(*this, "hosted_servers", "game_id IS NULL") == 1);

  // Content someone owns, or a character is built on, stays.
  BOOST_TEST(content.refuses_statement("DELETE FROM content WHERE id = 20", {kForeignKey}));
  add(*this, "content", content_row(30));
  add(*this, "content_ownerships", ownership_row(1, 30, kAlice));
  BOOST_TEST(content.refuses_statement("DELETE FROM content WHERE id = 30", {kForeignKey}));
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(deleting_trades_servers_characters_and_assets_removes_their_dependent_rows) {
  add_users(*this);
  add_game(*this);
  add_content(*this);
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "content_ownerships", ownership_row(1, 1, kAlice));
  add(*this, "trades", trade_row(1, kAlice, kBob));
  add(*this, "trade_offer_ownerships",
      {{"trade_id", "1"}, {"ownership_id", "1"}, {"side", q("user")}});
  add(*this, "trade_offer_items",
      {{"trade_id", "1"}, {"side", q("recipient")}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "trade_offer_currencies",
      {{"trade_id", "1"},
       {"side", q("recipient")},
       {"currency_id", num(kCredits)},
       {"amount", "10"}});
  add(*this, "provisioning_hosts", provisioning_host_row(1, "host-1"));
  add(*this, "hosted_servers",
      with(server_row(1, "srv-1", kAlice), {{"game_id", "10"}, {"provisioned_by", "1"}}));
  add(*this, "hosted_servers", with(server_row(2, "srv-2", kAlice), "provisioned_by", "1"));
  add(*this, "server_games", {{"server_id", "1"}, {"game_id", "10"}});
  add(*this, "characters", character_row(1, kBob, 20));
  add(*this, "characters", character_row(2, kCarol, 20));
  add(*this, "character_properties", property_row(1, 2, "color"));
  add(*this, "character_worn_items", worn_row(1, 2, 1));
  add(*this, "sessions", play_session_row(1, "play-1", kBob, 1, 10, 1));
  add(*this, "sessions", play_session_row(2, "play-2", kCarol, 2, 10, 2));
  add(*this, "assets", asset_row(kAsset));
  add(*this, "object_assets", object_asset_row(1, 1, 1, kAsset));
  add(*this, "moderator_actions", moderator_action_row(1, 1, 1, kBob));
  add(*this, "content_reports", report_row(1, 1, kCarol));
  add(*this, "report_moderator_actions", {{"report_id", "1"}, {"moderator_action_id", "1"}});

  // An ownership offered in a trade stays while the trade does; the trade takes its legs.
  Table ownerships(*this, "content_ownerships");
  BOOST_TEST(
      ownerships.refuses_statement("DELETE FROM content_ownerships WHERE id = 1", {kForeignKey}));
  run(*this, "DELETE FROM trades WHERE id = 1");
  BOOST_TEST(count_of(*this, "trade_offer_ownerships") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_items") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_currencies") == 0);
  BOOST_TEST(count_of(*this, "content_ownerships") == 1);
  // An ownership with a successor stays: the chain is history.
  run(*this, "UPDATE content_ownerships SET ended_at = " + kLater + " WHERE id = 1");
  add(*this, "content_ownerships",
      with(ownership_row(2, 1, kBob), {{"source", q("gift")}, {"previous_ownership_id", "1"}}));
  BOOST_TEST(
      ownerships.refuses_statement("DELETE FROM content_ownerships WHERE id = 1", {kForeignKey}));

  run(*this, "DELETE FROM provisioning_hosts WHERE id = 1");
  BOOST_TEST(count_of(*this, "hosted_servers", "provisioned_by IS NULL") == 2);
  run(*this, "DELETE FROM hosted_servers WHERE id = 1");
  BOOST_TEST(count_of(*this, "server_games") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 1);
  run(*this, "DELETE FROM characters WHERE id = 2");
  BOOST_TEST(count_of(*this, "character_properties") == 0);
  BOOST_TEST(count_of(*this, "character_worn_items") == 0);
  BOOST_TEST(count_of(*this, "sessions") == 0);
  run(*this, "DELETE FROM assets WHERE id = " + q(kAsset));
  BOOST_TEST(count_of(*this, "object_assets") == 0);
  run(*this, "DELETE FROM content_reports WHERE id = 1");
  BOOST_TEST(count_of(*this, "report_moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "moderator_actions") == 1);
  run(*this, "DELETE FROM content_revisions WHERE id = 1");
  BOOST_TEST(count_of(*this, "moderator_actions") == 0);
  BOOST_TEST(count_of(*this, "pragma_foreign_key_check") == 0);
}

BOOST_AUTO_TEST_CASE(deleting_items_quests_and_currencies_follows_the_economy_rules) {
  add_users(*this);
  add(*this, "items", item_row(1, "Iron Ore"));
  add(*this, "inventory", {{"user_id", q(kAlice)}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "item_transactions", item_transaction_row(1, kAlice, 1));
  add(*this, "trades", trade_row(1, kAlice, kBob));
  add(*this, "trade_offer_items",
      {{"trade_id", "1"}, {"side", q("user")}, {"item_id", "1"}, {"quantity", "2"}});
  add(*this, "quests", quest_row(1));
  add(*this, "user_quests", {{"user_id", q(kAlice)}, {"quest_id", "1"}, {"assigned_at", kT}});

  run(*this, "DELETE FROM items WHERE id = 1");
  BOOST_TEST(count_of(*this, "inventory") == 0);
  BOOST_TEST(count_of(*this, "item_transactions") == 0);
  BOOST_TEST(count_of(*this, "trade_offer_items") == 0);
  BOOST_TEST(count_of(*this, "trades") == 1);
  run(*this, "DELETE FROM quests WHERE id = 1");
  BOOST_TEST(count_of(*this, "user_quests") == 0);

  // A currency with accounts (every seeded one has its mint and sink) stays.
  Table currencies(*this, "currencies");
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 1", {kForeignKey}));
  // A currency without accounts takes its conversions...
  add(*this, "currencies", currency_row(20, "gems"));
  add(*this, "currency_conversions",
      {{"id", "1"},
       {"currency_source_id", "1"},
       {"currency_destination_id", "20"},
       {"ratio", "10"},
       {"valid_from", kT},
       {"created_at", kT},
       {"updated_at", kT}});
  add(*this, "currency_conversions",
      {{"id", "2"},
       {"currency_source_id", "20"},
       {"currency_destination_id", "1"},
       {"ratio", "1"},
       {"valid_from", kT},
       {"created_at", kT},
       {"updated_at", kT}});
  BOOST_TEST(currencies.accepts_statement("DELETE FROM currencies WHERE id = 20"));
  BOOST_TEST(count_of(*this, "currency_conversions") == 0);
  // ... but not one a loot drop, a price or a trade is denominated in.
  add(*this, "currencies", currency_row(21, "shells"));
  add(*this, "lootdrops", with(lootdrop_row("msg-1"), "currency_id", "21"));
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 21", {kForeignKey}));
  add(*this, "currencies", currency_row(22, "beads"));
  add(*this, "content", content_row(1));
  add(*this, "content_prices", price_row(1, 1, 22));
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 22", {kForeignKey}));
  add(*this, "currencies", currency_row(23, "pearls"));
  add(*this, "trade_offer_currencies",
      {{"trade_id", "1"}, {"side", q("user")}, {"currency_id", "23"}, {"amount", "1"}});
  BOOST_TEST(currencies.refuses_statement("DELETE FROM currencies WHERE id = 23", {kForeignKey}));
}

BOOST_AUTO_TEST_CASE(renaming_a_personal_tier_or_a_rank_renames_it_on_every_player) {
  add_players(*this);
  run(*this,
      "UPDATE players SET reputation_tier = 'Heroic', military_rank = 'Captain' WHERE id = " +
          q(kAlicePlayer));
  run(*this, "UPDATE personal_reputation_tiers SET name = 'Paragon' WHERE name = 'Heroic'");
  run(*this, "UPDATE military_ranks SET name = 'Star Captain' WHERE name = 'Captain'");
  BOOST_TEST(count_of(*this, "players",
                      "id = " + q(kAlicePlayer) +
                          " AND reputation_tier = 'Paragon' AND "
                          "military_rank = 'Star Captain'") == 1);
  BOOST_TEST(
      count_of(*this, "players", "reputation_tier = 'Neutral' AND military_rank = 'Recruit'") == 2);
  // A tier or rank a player holds cannot be deleted.
  Table tiers(*this, "personal_reputation_tiers");
  BOOST_TEST(tiers.refuses_statement("DELETE FROM personal_reputation_tiers WHERE name = 'Neutral'",
                                     {kForeignKey}));
  Table ranks(*this, "military_ranks");
  BOOST_TEST(
      ranks.refuses_statement("DELETE FROM military_ranks WHERE name = 'Recruit'", {kForeignKey}));
}

// -- the whole file -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_fresh_database_passes_the_integrity_and_foreign_key_checks) {
  BOOST_TEST(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement violations(sql, "PRAGMA foreign_key_check");
  int count = 0;
  while (violations.executeStep()) {
    ++count;
    BOOST_TEST_MESSAGE("foreign key violation in " << violations.getColumn(0).getString());
  }
  BOOST_TEST(count == 0);
  BOOST_TEST(scalar("PRAGMA foreign_keys") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace hearth

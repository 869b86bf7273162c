#include "hearth/identity/players.h"

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/identity/iso_codes.h"
#include "engine/identity/players_internal.h"
#include "engine/onboarding/onboarding_internal.h"
#include "engine/progression/turns_internal.h"
#include "engine/standing/personal_reputation_internal.h"

#include "hearth/game.h"

namespace hearth {

Players Game::players() { return Players(*core_); }

namespace {

// The columns of a PlayerView, in read_view's order.
constexpr const char* kViewSelect = R"sql(
  SELECT u.id, u.username, ifnull(u.display_name, u.username), ifnull(p.nickname, ''),
         ifnull((SELECT a.balance FROM accounts a JOIN currencies c ON c.id = a.currency_id
                 WHERE a.user_id = u.id AND c.is_default = 1), 0),
         p.turns, p.max_turns, p.personal_reputation, p.reputation_tier, p.name_color,
         p.military_rank, p.rank_points, p.current_sector_id, p.is_docked,
         NOT ifnull((SELECT has_completed_first_login FROM player_first_login_state
                     WHERE player_id = p.id), 0),
         u.deleted, u.created_at,
         ifnull(p.turns_anchor_at, p.created_at), p.turns_progress, ifnull(p.turns_full_at, 0),
         p.aria_bonus_multiplier, ifnull(p.personal_reputation_decay_due_at, 0),
         ifnull(u.email, ''), u.language, ifnull(u.country, ''), ifnull(u.phone, '')
  FROM users u JOIN players p ON p.user_id = u.id)sql";

// Reads a row of kViewSelect; turns and personal reputation are their values at `now`.
PlayerView read_view(Reader& reader, Query& query, const Rules& rules, GameTime now) {
  PlayerView view;
  view.id = query.text(0);
  view.username = query.text(1);
  view.display_name = query.text(2);
  view.nickname = query.text(3);
  view.credits = query.integer(4);
  view.turns = query.integer(5);
  view.max_turns = query.integer(6);
  view.personal_reputation = query.integer(7);
  view.reputation_tier = query.text(8);
  view.name_color = query.text(9);
  view.military_rank = query.text(10);
  view.rank_points = query.integer(11);
  view.current_sector = query.integer(12);
  view.docked = query.integer(13) != 0;
  view.needs_first_login = query.integer(14) != 0;
  view.deleted = query.integer(15) != 0;
  view.created_at = query.integer(16);
  view.email = query.text(22);
  view.language = query.text(23);
  view.country = query.text(24);
  view.phone = query.text(25);
  turns::State pool;
  pool.turns = view.turns;
  pool.cap = view.max_turns;
  pool.anchor_at = query.integer(17);
  pool.progress = query.integer(18);
  pool.full_at = query.integer(19);
  pool.multiplier = query.real(20);
  view.turns = turns::available(pool, rules.turns, now);
  const std::int64_t alignment = personal_reputation::decayed(
      view.personal_reputation, query.integer(21), now, rules.personal_reputation);
  if (alignment != view.personal_reputation) {
    view.personal_reputation = alignment;
    std::tie(view.reputation_tier, view.name_color) =
        personal_reputation::tier_of(reader, alignment);
  }
  return view;
}

std::optional<PlayerView> find_where(Reader& reader, const Rules& rules, GameTime now,
                                     const char* condition, const std::string& value) {
  Query query(reader, std::string(kViewSelect) + " WHERE " + condition, value);
  if (!query.step()) return std::nullopt;
  return read_view(reader, query, rules, now);
}

Outcome validate_username(const PlayerRules& rules, const std::string& name) {
  const auto length = static_cast<std::int64_t>(name.size());
  if (length < rules.username_min_length || length > rules.username_max_length) {
    return Outcome::refused(
        Refusal::InvalidArgument,
        fmt::format("A username has {} to {} characters; '{}' has {}.", rules.username_min_length,
                    rules.username_max_length, name, length));
  }
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  };
  for (char c : name) {
    if (!allowed(c)) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A username may hold only letters, digits, '_', '-' "
                                          "and '.'; '{}' does not qualify.",
                                          name));
    }
  }
  if (name.front() == '_' || name.front() == '-' || name.front() == '.') {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("A username starts with a letter or a digit: '{}'.", name));
  }
  return {};
}

bool username_taken(Reader& reader, const std::string& name, const std::string& except) {
  Query query(reader, "SELECT 1 FROM users WHERE username = ? AND id <> ?", name, except);
  return query.step();
}

}  // namespace

std::optional<bool> players::deleted(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT deleted FROM users WHERE id = ?", player);
  if (!query.step()) return std::nullopt;
  return query.integer(0) != 0;
}

namespace {

// Inserts `ship` for `player` as its flagship and points the player at it.
std::string insert_flagship(Command& command, const PlayerId& player,
                            const players::NewShip& ship) {
  const std::string id = command.new_uuid();
  Query insert(command, R"sql(
    INSERT INTO ships (id, owner_id, name, type, sector_id, is_flagship, purchase_value,
                       current_value, maintenance, cargo, combat, shield_resistance, armor_rating,
                       created_at, updated_at)
    SELECT :id, :player, :name, :type, (SELECT current_sector_id FROM players WHERE id = :player), 1, :ship_value, :ship_value,
           :maintenance, :cargo, :combat, ifnull(s.shield_resistance, 0), ifnull(s.armor_rating, 0), :now, :now
    FROM (SELECT 1) LEFT JOIN ship_specifications s ON s.ship_type = :type)sql",
               named(":id", id), named(":player", player), named(":name", ship.name),
               named(":type", ship.type), named(":ship_value", ship.value),
               named(":maintenance", ship.maintenance), named(":cargo", ship.cargo),
               named(":combat", ship.combat), named(":now", command.now()));
  insert.exec();
  Query flagship(command, "UPDATE players SET current_ship_id = ?1, updated_at = ?2 WHERE id = ?3",
                 id, command.now(), player);
  flagship.exec();
  return id;
}

}  // namespace

std::string players::replace_ships(Command& command, const PlayerId& player, const NewShip& ship) {
  Query scrap(command, "DELETE FROM ships WHERE owner_id = ?", player);
  scrap.exec();
  return insert_flagship(command, player, ship);
}

void players::set_nickname(Command& command, const PlayerId& player, const std::string& nickname) {
  Query update(command, "UPDATE players SET nickname = ?1, updated_at = ?2 WHERE id = ?3", nickname,
               command.now(), player);
  update.exec();
}

void players::set_setting(Command& command, const PlayerId& player, const std::string& key,
                          const std::string& json) {
  Query update(
      command,
      "UPDATE players SET settings = json_set(settings, '$.' || ?1, json(?2)), updated_at = ?3 "
      "WHERE id = ?4",
      key, json, command.now(), player);
  update.exec();
}

void players::record_login(Command& command, const PlayerId& player) {
  Query game_login(command, "UPDATE players SET last_game_login_at = ?1 WHERE id = ?2",
                   command.now(), player);
  game_login.exec();
  Query login(command, "UPDATE users SET last_login_at = ?1 WHERE id = ?2", command.now(), player);
  login.exec();
}

void players::erase_personal_data(Command& command, const PlayerId& player) {
  // Names made from the user's (a ship called "<username>'s Escape Pod") lose them too.
  Query names(command,
              "SELECT u.username, ifnull(p.nickname, '') FROM users u JOIN players p "
              "ON p.id = u.id WHERE u.id = ?",
              player);
  if (names.step()) {
    const std::string username = names.text(0);
    const std::string nickname = names.text(1);
    names.reset();
    for (const std::string& name : {username, nickname}) {
      if (name.empty()) continue;
      Query ships(command,
                  "UPDATE ships SET name = replace(name, ?1, 'Deleted') WHERE owner_id = ?2 AND "
                  "instr(name, ?1) > 0",
                  name, player);
      ships.exec();
    }
  }
  Query user(command,
             "UPDATE users SET username = 'deleted-' || id, email = NULL, phone = NULL, "
             "country = NULL, display_name = NULL, language = 'en', updated_at = ?1 WHERE id = ?2",
             command.now(), player);
  user.exec();
  Query nickname(command, "UPDATE players SET nickname = NULL, updated_at = ?1 WHERE id = ?2",
                 command.now(), player);
  nickname.exec();
  command.erase_payloads(player, PlayerEvents::kCreated);
  command.erase_payloads(player, PlayerEvents::kRenamed);
}

Outcome players::check_active(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT deleted FROM users WHERE id = ?", player);
  if (!query.step()) return Outcome::refused(Refusal::NotFound, "There is no such player.");
  const bool deleted = query.integer(0) != 0;
  query.reset();
  if (deleted) return Outcome::refused(Refusal::NotAllowed, "A deleted player cannot act.");
  return {};
}

namespace {

// Refuses an email address that is not one (3 to 255 characters with an '@'), or that a user
// other than `owner` has, in any case.
Outcome check_email(Reader& reader, const std::string& email, const PlayerId& owner) {
  if (!text::check("An email address", email, 3, 255) || email.find('@') == std::string::npos) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("'{}' is not an email address.", email));
  }
  Query taken(reader, "SELECT 1 FROM users WHERE email = ? AND id <> ?", email, owner);
  if (taken.step()) {
    return Outcome::refused(Refusal::AlreadyExists, fmt::format("The email '{}' is taken.", email));
  }
  return {};
}

}  // namespace

Outcome players::set_email(Command& command, const PlayerId& player, const std::string& email) {
  if (Outcome valid = check_email(command, email, player); !valid) return valid;
  Query store(command, "UPDATE users SET email = ?1, updated_at = ?2 WHERE id = ?3", email,
              command.now(), player);
  store.exec();
  return {};
}

void players::set_active(Command& command, const PlayerId& player, bool active) {
  Query store(command,
              "UPDATE users SET is_active = ?1, updated_at = ?2 WHERE id = ?3 AND deleted = 0",
              active ? 1 : 0, command.now(), player);
  store.exec();
}

namespace {

// Refuses a phone number that is not one: optional; an optional '+', then digits with spaces,
// '-', '.', '(' or ')' between them; 4 to 15 digits (E.164's most), 32 characters at most.
Outcome check_phone(const std::string& phone) {
  if (phone.empty()) return {};
  int digits = 0;
  bool valid = phone.size() <= 32;
  for (std::size_t i = 0; valid && i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else {
      valid = (c == '+' && i == 0) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
    }
  }
  if (valid && digits >= 4 && digits <= 15) return {};
  return Outcome::refused(Refusal::InvalidArgument,
                          "A phone number is 4 to 15 digits, with an optional leading '+' and "
                          "spaces, '-', '.', '(' or ')' between them.");
}

}  // namespace

Result<PlayerView> Players::create(const NewUser& user) {
  return core_.run([&](Command& command) -> Result<PlayerView> {
    const PlayerRules& rules = command.rules().players;
    if (Outcome valid = validate_username(rules, user.username); !valid) return valid;
    if (username_taken(command, user.username, "")) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The username '{}' is taken.", user.username));
    }
    if (Outcome valid = text::check_optional("A display name", user.display_name, 255); !valid) {
      return valid;
    }
    if (!user.email.empty()) {
      if (Outcome valid = check_email(command, user.email, ""); !valid) return valid;
    }
    const std::string language = iso_codes::language(user.language);
    if (language.empty()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A language is an ISO 639-1 code of two letters (\"en\").");
    }
    const std::string country = iso_codes::country(user.country);
    if (!user.country.empty() && country.empty()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A country is an ISO 3166-1 code of two letters (\"DE\").");
    }
    if (Outcome valid = check_phone(user.phone); !valid) return valid;

    const std::string id = command.new_uuid();
    const GameTime now = command.now();
    Query insert_user(
        command,
        "INSERT INTO users (id, username, email, phone, display_name, language, country, "
        "created_at, updated_at) VALUES (:id, :username, NULLIF(:email, ''), NULLIF(:phone, ''), "
        ":display_name, :language, NULLIF(:country, ''), :now, :now)",
        named(":id", id), named(":username", user.username), named(":email", user.email),
        named(":phone", user.phone),
        named(":display_name", user.display_name.empty() ? user.username : user.display_name),
        named(":language", language), named(":country", country), named(":now", now));
    insert_user.exec();
    access::grant_automatic(command, id);

    const std::int64_t starting_turns = command.rules().turns.starting;
    const std::int64_t cap = command.rules().turns.base_cap;
    Query insert_player(
        command,
        "INSERT INTO players (id, user_id, turns, max_turns, turns_anchor_at, created_at, "
        "updated_at) VALUES (?1, ?1, ?2, ?3, ?4, ?4, ?4)",
        id, starting_turns, cap, now);
    insert_player.exec();

    insert_flagship(command, id,
                    {.type = "ESCAPE_POD",
                     .name = user.username + "'s Escape Pod",
                     .value = 1000,
                     .cargo = R"({"capacity":50,"used":0,"contents":{}})"});

    onboarding::open(command, id);
    ledger::open_user_accounts(command, id);
    if (rules.starting_credits > 0) {
      const std::int64_t currency = ledger::default_currency(command);
      ledger::Posting grant;
      grant.from_account = ledger::system_account(command, "mint", currency);
      grant.to_account = ledger::user_account(command, id, currency);
      grant.amount = rules.starting_credits;
      grant.type = "GRANT";
      grant.description = "Starting credits";
      grant.user_id = id;
      grant.automated = true;
      if (auto posted = ledger::post(command, grant); !posted) return posted.outcome();
    }
    command.emit(PlayerEvents::kCreated, id, id, Payload().add("username", user.username).str());
    return *find_where(command, command.rules(), command.now(), "u.id = ?", id);
  });
}

std::optional<PlayerView> Players::find(const PlayerId& id) const {
  return core_.read([&](Reader& reader) {
    return find_where(reader, core_.rules(), core_.now(), "u.id = ?", id);
  });
}

std::optional<PlayerView> Players::find_by_username(const std::string& username) const {
  return core_.read([&](Reader& reader) {
    return find_where(reader, core_.rules(), core_.now(), "u.username = ?", username);
  });
}

std::vector<PlayerView> Players::list() const {
  return core_.read([&](Reader& reader) {
    Query query(reader, std::string(kViewSelect) +
                            " WHERE u.deleted = 0 ORDER BY u.username COLLATE NOCASE");
    std::vector<PlayerView> players;
    const GameTime now = core_.now();
    while (query.step()) players.push_back(read_view(reader, query, core_.rules(), now));
    return players;
  });
}

Outcome Players::rename(const PlayerId& id, const std::string& username) {
  return core_.run([&](Command& command) -> Outcome {
    if (Outcome active = players::check_active(command, id); !active) return active;
    if (Outcome valid = validate_username(command.rules().players, username); !valid) return valid;
    if (username_taken(command, username, id)) {
      return Outcome::refused(Refusal::AlreadyExists,
                              fmt::format("The username '{}' is taken.", username));
    }
    const std::string old_name =
        find_where(command, command.rules(), command.now(), "u.id = ?", id)->username;
    Query update(command,
                 "UPDATE users SET username = ?1, display_name = CASE WHEN "
                 "display_name = username THEN ?1 ELSE display_name END, "
                 "updated_at = ?2 WHERE id = ?3",
                 username, command.now(), id);
    update.exec();
    command.emit(PlayerEvents::kRenamed, id, id,
                 Payload().add("old", old_name).add("new", username).str());
    return {};
  });
}

void players::mark_deleted(Command& command, const PlayerId& player) {
  Query user(command,
             "UPDATE users SET deleted = 1, deleted_at = ?1, is_active = 0, "
             "updated_at = ?1 WHERE id = ?2",
             command.now(), player);
  user.exec();
  Query row(command, "UPDATE players SET is_active = 0, updated_at = ?1 WHERE id = ?2",
            command.now(), player);
  row.exec();
  command.emit(PlayerEvents::kDeleted, player, player);
}

Outcome Players::remove(const PlayerId& id) {
  return core_.run([&](Command& command) -> Outcome {
    const auto deleted = players::deleted(command, id);
    if (!deleted) return Outcome::refused(Refusal::NotFound, "There is no such player.");
    if (*deleted) return Outcome::refused(Refusal::AlreadyDone, "The player is already deleted.");
    players::mark_deleted(command, id);
    return {};
  });
}

}  // namespace hearth

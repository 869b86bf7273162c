// The team treasury: the team's ledger accounts, what members put in and what may be taken out.
#include <limits>

#include <fmt/core.h>

#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/economy/ledger_internal.h"
#include "engine/identity/access_internal.h"
#include "engine/social/teams_internal.h"

#include "hearth/social/teams.h"

namespace hearth {

namespace {

// The member's permissions in their team; NotFound when in none.
struct Seat {
  TeamId team;
  bool manage_treasury = false;
};

Result<Seat> seat_of(Reader& reader, const PlayerId& player) {
  Query query(reader, "SELECT team_id, can_manage_treasury FROM team_members WHERE player_id = ?",
              player);
  if (!query.step()) return Outcome::refused(Refusal::NotFound, "The player is in no team.");
  return Seat{query.text(0), query.flag(1)};
}

// Adds `amount` to what `member` has put into the treasury in `currency` (saturating).
void count_contribution(Command& command, const PlayerId& member, std::int64_t currency,
                        std::int64_t amount) {
  const std::string path = fmt::format("$.\"{}\"", currency);
  Query read(command,
             "SELECT ifnull(json_extract(contribution_credits, ?), 0) FROM team_members "
             "WHERE player_id = ?",
             path, member);
  read.step();
  const std::int64_t before = read.integer(0);
  read.reset();
  const std::int64_t most = std::numeric_limits<std::int64_t>::max();
  const std::int64_t after = before > most - amount ? most : before + amount;
  Query write(command,
              "UPDATE team_members SET contribution_credits = json_set(contribution_credits, ?, "
              "?) WHERE player_id = ?",
              path, after, member);
  write.exec();
}

std::vector<TreasuryBalance> balances(Reader& reader, const std::string& sql,
                                      const std::string& key) {
  std::vector<TreasuryBalance> found;
  Query query(reader, sql, key);
  while (query.step()) found.push_back({query.integer(0), query.integer(1)});
  return found;
}

}  // namespace

void teams::pay_out_treasury(Command& command, const TeamId& team, const PlayerId& to) {
  Query held(command,
             "SELECT id, currency_id, balance FROM accounts WHERE team_id = ? AND balance > 0 "
             "ORDER BY currency_id",
             team);

  struct Held {
    std::int64_t account;
    std::int64_t currency;
    std::int64_t balance;
  };

  std::vector<Held> accounts;
  while (held.step()) accounts.push_back({held.integer(0), held.integer(1), held.integer(2)});
  held.reset();
  for (const Held& account : accounts) {
    ledger::Posting payout;
    payout.from_account = account.account;
    payout.to_account = ledger::user_account(command, to, account.currency);
    if (payout.to_account == 0)
      payout.to_account = ledger::system_account(command, "sink", account.currency);
    payout.amount = account.balance;
    payout.type = "TEAM_PAYOUT";
    payout.description = "The treasury of a disbanded team";
    payout.user_id = to;
    // Moving a whole balance to an account of the same currency cannot be refused but for an
    // overflow of the receiver, which then keeps the money in the sink.
    if (!ledger::post(command, payout)) {
      payout.to_account = ledger::system_account(command, "sink", account.currency);
      (void)ledger::post(command, payout);
    }
  }
}

Outcome Teams::deposit(const PlayerId& member, std::int64_t currency, std::int64_t amount) {
  return core_.run([&](Command& command) -> Outcome {
    if (amount <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A deposit is positive, not {}.", amount));
    }
    if (Outcome may = access::require(command, member, "play"); !may) return may;
    const Result<Seat> seat = seat_of(command, member);
    if (!seat) return seat.outcome();
    ledger::Posting posting;
    posting.from_account = ledger::user_account(command, member, currency);
    if (posting.from_account == 0) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("The player has no account in currency {}.", currency));
    }
    posting.to_account = ledger::team_account(command, seat->team, currency);
    posting.amount = amount;
    posting.type = "TEAM_DEPOSIT";
    posting.user_id = member;
    if (auto paid = ledger::post(command, posting); !paid) return paid.outcome();
    count_contribution(command, member, currency, amount);
    command.emit(TeamEvents::kDeposited, member, seat->team,
                 Payload().add("currency", currency).add("amount", amount).str());
    return {};
  });
}

Outcome Teams::withdraw(const PlayerId& actor, std::int64_t currency, std::int64_t amount,
                        const PlayerId& to) {
  return core_.run([&](Command& command) -> Outcome {
    if (amount <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A withdrawal is positive, not {}.", amount));
    }
    if (Outcome may = access::require(command, actor, "play"); !may) return may;
    const Result<Seat> seat = seat_of(command, actor);
    if (!seat) return seat.outcome();
    if (!seat->manage_treasury) {
      return Outcome::refused(Refusal::NotAllowed,
                              "Only a member who may manage the treasury takes from it.");
    }
    const PlayerId payee = to.empty() ? actor : to;
    const Result<Seat> payee_seat = seat_of(command, payee);
    if (!payee_seat || payee_seat->team != seat->team) {
      return Outcome::refused(Refusal::NotAllowed, "The treasury pays only members.");
    }
    ledger::Posting posting;
    // The payee's account first: an unknown currency is refused before the treasury's account
    // would be opened in it.
    posting.to_account = ledger::user_account(command, payee, currency);
    if (posting.to_account == 0) {
      return Outcome::refused(Refusal::NotFound,
                              fmt::format("The payee has no account in currency {}.", currency));
    }
    posting.from_account = ledger::team_account(command, seat->team, currency);
    posting.amount = amount;
    posting.type = "TEAM_WITHDRAWAL";
    posting.user_id = actor;
    posting.related_user_id = payee;
    if (auto paid = ledger::post(command, posting); !paid) return paid.outcome();
    command.emit(
        TeamEvents::kWithdrew, actor, seat->team,
        Payload().add("currency", currency).add("amount", amount).add("to", payee.value()).str());
    return {};
  });
}

std::vector<TreasuryBalance> Teams::treasury(const TeamId& team) const {
  return core_.read([&](Reader& reader) {
    return balances(reader,
                    "SELECT currency_id, balance FROM accounts WHERE team_id = ? "
                    "ORDER BY currency_id",
                    team);
  });
}

std::vector<TreasuryBalance> Teams::contributions(const PlayerId& member) const {
  return core_.read([&](Reader& reader) {
    return balances(reader,
                    "SELECT CAST(j.key AS INTEGER), j.value FROM team_members m, "
                    "json_each(m.contribution_credits) j WHERE m.player_id = ? "
                    "ORDER BY CAST(j.key AS INTEGER)",
                    member);
  });
}

}  // namespace hearth

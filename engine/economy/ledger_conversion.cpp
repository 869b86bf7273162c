#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

#include <fmt/core.h>

#include "engine/core/command.h"
#include "engine/core/payload.h"
#include "engine/core/query.h"
#include "engine/core/text.h"
#include "engine/economy/ledger_internal.h"
#include "engine/economy/ledger_rows.h"

#include "hearth/economy/ledger.h"

namespace hearth {

namespace ledger {

Result<ConversionReceipt> convert(Command& command, const Conversion& conversion) {
  if (conversion.amount <= 0) {
    return Outcome::refused(Refusal::InvalidArgument,
                            fmt::format("The amount must be positive, not {}.", conversion.amount));
  }
  const auto from = account_state(command, conversion.from_account);
  const auto to = account_state(command, conversion.to_account);
  if (!from || !to) {
    return Outcome::refused(Refusal::NotFound,
                            fmt::format("There is no account {}.",
                                        !from ? conversion.from_account : conversion.to_account));
  }
  if (from->currency == to->currency) {
    return Outcome::refused(Refusal::InvalidArgument,
                            "A conversion needs accounts of two different currencies.");
  }
  if (from->owner_kind != to->owner_kind || from->owner != to->owner) {
    return Outcome::refused(Refusal::NotAllowed,
                            "A conversion stays with one owner: both accounts must be theirs.");
  }

  // A rate source → destination multiplies; failing that, a rate destination → source divides.
  std::int64_t rate_id = 0, ratio = 0, converted = 0, received = 0, volume = 0;
  bool inverse = false;
  Query rates(
      command,
      "SELECT id, ratio FROM currency_conversions WHERE currency_source_id = ?1 AND "
      "currency_destination_id = ?2 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?3) "
      "ORDER BY valid_from DESC LIMIT 1");
  for (bool flipped : {false, true}) {
    rates.rebind(flipped ? to->currency : from->currency, flipped ? from->currency : to->currency,
                 command.now());
    if (rates.step()) {
      rate_id = rates.integer(0);
      ratio = rates.integer(1);
      inverse = flipped;
      break;
    }
  }
  rates.reset();
  if (rate_id == 0) {
    return Outcome::refused(
        Refusal::NotFound,
        fmt::format("No rate converts {} into {} at this time.",
                    currency_name(command, from->currency), currency_name(command, to->currency)));
  }
  if (!inverse) {
    if (conversion.amount > kMaxAmount / ratio) {
      return Outcome::refused(
          Refusal::InvalidArgument,
          fmt::format("Converting {} at {} would overflow.", conversion.amount, ratio));
    }
    converted = conversion.amount;
    received = conversion.amount * ratio;
    volume = converted;
  } else {
    received = conversion.amount / ratio;
    converted = received * ratio;
    volume = received;
    if (received == 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("It takes {} {} to buy one unit of {}; {} is too few.",
                                          ratio, currency_name(command, from->currency),
                                          currency_name(command, to->currency), conversion.amount));
    }
    if (converted != conversion.amount && command.rules().ledger.exact_conversions) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("{} is not a multiple of {}: conversions must be exact.",
                                          conversion.amount, ratio));
    }
  }

  Posting out;
  out.from_account = conversion.from_account;
  out.to_account = system_account(command, "mint", from->currency);
  out.amount = converted;
  out.type = type_or(conversion.memo, "CONVERSION");
  out.description = conversion.memo.description.empty()
                        ? fmt::format("Conversion at rate {}", rate_id)
                        : conversion.memo.description;
  out.user_id = conversion.memo.user_id.empty() && from->owner_kind == OwnerKind::User
                    ? from->owner
                    : conversion.memo.user_id.value();
  out.related_user_id = conversion.memo.related_user_id;
  out.automated = conversion.memo.automated;
  auto source_leg = post_row(command, out);
  if (!source_leg) return source_leg.outcome();

  Posting in = out;
  in.from_account = system_account(command, "mint", to->currency);
  in.to_account = conversion.to_account;
  in.amount = received;
  auto destination_leg = post_row(command, in);
  if (!destination_leg) return destination_leg.outcome();

  Query count(command,
              "UPDATE currency_conversions SET volume = ifnull(volume, 0) + ?1, updated_at = ?2 "
              "WHERE id = ?3",
              volume, command.now(), rate_id);
  count.exec();
  count.reset();

  ConversionReceipt receipt;
  receipt.rate = rate_id;
  receipt.source_transaction = source_leg->id;
  receipt.destination_transaction = destination_leg->id;
  receipt.converted = converted;
  receipt.received = received;
  receipt.remainder = conversion.amount - converted;
  command.emit(LedgerEvents::kConverted, out.user_id, source_leg->from_user,
               Payload()
                   .add("rate", rate_id)
                   .add("from", conversion.from_account)
                   .add("to", conversion.to_account)
                   .add("from_currency", from->currency)
                   .add("to_currency", to->currency)
                   .add("converted", converted)
                   .add("received", received)
                   .add("remainder", receipt.remainder)
                   .add("source_transaction", receipt.source_transaction)
                   .add("destination_transaction", receipt.destination_transaction)
                   .str());
  return receipt;
}

}  // namespace ledger

using namespace ledger;

Result<Rate> Ledger::set_rate(const NewRate& rate) {
  return core_.run([&](Command& command) -> Result<Rate> {
    if (rate.ratio <= 0) {
      return Outcome::refused(Refusal::InvalidArgument,
                              fmt::format("A ratio must be positive, not {}.", rate.ratio));
    }
    if (rate.source == rate.destination) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate converts between two different currencies.");
    }
    for (std::int64_t currency : {rate.source, rate.destination}) {
      if (!find_currency(command, currency)) {
        return Outcome::refused(Refusal::NotFound,
                                fmt::format("There is no currency {}.", currency));
      }
    }
    const GameTime from = rate.valid_from.value_or(command.now());
    if (rate.valid_to && *rate.valid_to <= from) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate's window must end after it starts.");
    }
    if (rate.valid_to && *rate.valid_to <= command.now()) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate whose window has already ended would never apply.");
    }
    Query overlap(command,
                  "SELECT id FROM currency_conversions WHERE currency_source_id = ?1 "
                  "AND currency_destination_id = ?2 AND (valid_to IS NULL OR "
                  "valid_to > ?3) AND (?4 IS NULL OR ?4 > valid_from) LIMIT 1",
                  rate.source, rate.destination, from, rate.valid_to);
    if (overlap.step()) {
      return Outcome::refused(
          Refusal::AlreadyExists,
          fmt::format("The window overlaps rate {} of the same pair.", overlap.integer(0)));
    }
    Query insert(
        command,
        "INSERT INTO currency_conversions (currency_source_id, currency_destination_id, "
        "ratio, valid_from, valid_to, created_at, updated_at) VALUES (:source, :destination, "
        ":ratio, :from, :valid_to, :now, :now)",
        named(":source", rate.source), named(":destination", rate.destination),
        named(":ratio", rate.ratio), named(":from", from), named(":valid_to", rate.valid_to),
        named(":now", command.now()));
    insert.exec();
    const std::int64_t id = command.last_insert_id();
    Payload payload;
    payload.add("rate", id)
        .add("source", rate.source)
        .add("destination", rate.destination)
        .add("ratio", rate.ratio)
        .add("valid_from", from);
    if (rate.valid_to) {
      payload.add("valid_to", *rate.valid_to);
    } else {
      payload.raw("valid_to", "null");
    }
    command.emit(LedgerEvents::kRateSet, "", "", payload.str());
    Query read(command, std::string(kRateSelect) + " WHERE id = ?", id);
    read.step();
    return read_rate(read);
  });
}

Outcome Ledger::end_rate(RateId rate, GameTime at) {
  return core_.run([&](Command& command) -> Outcome {
    Query query(command, std::string(kRateSelect) + " WHERE id = ?", rate);
    if (!query.step()) {
      return Outcome::refused(Refusal::NotFound, fmt::format("There is no rate {}.", rate));
    }
    const Rate current = read_rate(query);
    if (current.valid_to && *current.valid_to <= at) {
      return Outcome::refused(Refusal::AlreadyDone,
                              fmt::format("Rate {} already ends at {}.", rate, *current.valid_to));
    }
    if (at < command.now()) {
      return Outcome::refused(Refusal::NotAllowed, "A rate cannot be ended in the past.");
    }
    if (at <= current.valid_from) {
      return Outcome::refused(Refusal::InvalidArgument,
                              "A rate's window must end after it starts.");
    }
    Query end(command,
              "UPDATE currency_conversions SET valid_to = ?1, updated_at = ?2 "
              "WHERE id = ?3",
              at, command.now(), rate);
    end.exec();
    command.emit(LedgerEvents::kRateEnded, "", "",
                 Payload().add("rate", rate).add("valid_to", at).str());
    return {};
  });
}

std::optional<Rate> Ledger::rate_at(CurrencyId source, CurrencyId destination, GameTime at) const {
  return core_.read([&](Reader& reader) { return find_rate_at(reader, source, destination, at); });
}

Result<ConversionReceipt> Ledger::convert(const Conversion& conversion) {
  return core_.run([&](Command& command) { return ledger::convert(command, conversion); });
}

}  // namespace hearth

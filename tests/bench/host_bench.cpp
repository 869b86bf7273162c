// The LAN host: commands per second and their latency with 1, 8 and 64 clients over loopback,
// beside the same commands run in-process from the registry and the plain-SQLite floor; the
// host's peak resident memory with 64 clients. The host runs in a child process, so its memory is
// its own.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "tests/bench/harness.h"
#include "tests/bench/suites.h"
#include "tests/support/fixtures.h"

#include "hearth/core/commands.h"
#include "hearth/economy/ledger.h"
#include "hearth/host/client.h"
#include "hearth/host/host.h"
#include "hearth/identity/accounts.h"
#include <sys/wait.h>
#include <unistd.h>

namespace hearth::bench {

namespace {

constexpr int kPlayers = 64;
constexpr int kCommands = 4000;  // per level, shared among its clients

GameOptions bench_options(const std::string& path) {
  GameOptions options;
  options.path = path;
  options.durability = Durability::Normal;
  Rules rules;
  rules.accounts.password_cost = 4;
  options.rules = rules;
  return options;
}

std::string name_of(int i) { return fmt::format("player{:02}", i); }

// The command every level runs: a player pays another 1 credit (a ledger transaction, two
// balances, its event pushed to both players).
std::string payment_to(const std::string& to) {
  return fmt::format(R"({{"to":"{}","amount":1}})", to);
}

double percentile(std::vector<double>& values, double p) {
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[at];
}

// The host's peak resident set size, MiB.
double peak_mib(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

struct Level {
  double per_second = 0;
  double median_ms = 0;
  double p99_ms = 0;
};

// `clients` logged-in players each make their share of kCommands payments, all at once.
Level over_the_host(const std::string& address, int clients, const std::vector<std::string>& ids) {
  std::vector<std::unique_ptr<host::Client>> players;
  for (int i = 0; i < clients; ++i) {
    players.push_back(std::make_unique<host::Client>(address));
    if (!players.back()->log_in(name_of(i), "password " + name_of(i)) || !players.back()->play()) {
      throw std::runtime_error("a bench player could not play");
    }
  }
  const int each = kCommands / clients;
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
  std::atomic<int> refused = 0;
  std::vector<std::thread> threads;
  const double elapsed = seconds([&] {
    for (int i = 0; i < clients; ++i) {
      threads.emplace_back([&, i] {
        const std::string& to = ids[static_cast<std::size_t>((i + 1) % kPlayers)];
        for (int n = 0; n < each; ++n) {
          const auto start = std::chrono::steady_clock::now();
          if (!players[static_cast<std::size_t>(i)]->call("ledger.transfer", payment_to(to)).ok()) {
            ++refused;
          }
          latencies[static_cast<std::size_t>(i)].push_back(
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count());
        }
      });
    }
    for (auto& thread : threads) thread.join();
  });
  if (refused > 0) throw std::runtime_error("the host refused bench commands");
  std::vector<double> all;
  for (const auto& list : latencies) all.insert(all.end(), list.begin(), list.end());
  return {static_cast<double>(all.size()) / elapsed, percentile(all, 0.5), percentile(all, 0.99)};
}

// The same commands, from the registry, in this process: one caller, the players in turn.
Level in_process(const std::string& path, const std::vector<std::string>& ids) {
  Game game(bench_options(path));
  std::vector<double> latencies;
  const double elapsed = seconds([&] {
    for (int n = 0; n < kCommands; ++n) {
      const auto start = std::chrono::steady_clock::now();
      const PlayerId actor(ids[static_cast<std::size_t>(n % kPlayers)]);
      const std::string& to = ids[static_cast<std::size_t>((n + 1) % kPlayers)];
      if (!run_command(game, actor, "ledger.transfer", payment_to(to)).ok()) {
        throw std::runtime_error("an in-process payment was refused");
      }
      latencies.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
  });
  return {kCommands / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.99)};
}

}  // namespace

void run_host_bench(const Scale&) {
  test::TempFile file;
  std::vector<std::string> ids;
  {
    Game game(bench_options(file.path));
    for (int i = 0; i < kPlayers; ++i) {
      const auto made = game.accounts().register_account(
          {.user = {.username = name_of(i)}, .password = "password " + name_of(i)});
      if (!made) throw std::runtime_error(made.detail());
      ids.push_back(made->id.value());
      const auto account = game.ledger().account_of(AccountOwner::user(ids.back()),
                                                    game.ledger().default_currency().id);
      if (!account || !game.ledger().mint(account->id, 1'000'000)) {
        throw std::runtime_error("cannot fund a bench player");
      }
    }
  }
  const Level local = in_process(file.path, ids);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    Game game(bench_options(file.path));
    host::HostOptions options;
    options.listen = "127.0.0.1:0";
    options.max_players = kPlayers;
    options.idle_timeout = std::chrono::minutes(10);
    options.rate = 1e9;
    options.burst = 1e9;
    host::Host server(game, options);
    const std::string address = server.address() + "\n";
    static_cast<void>(::write(pipe_fds[1], address.data(), address.size()));
    server.run();
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string address;
  char c = 0;
  while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') address += c;
  ::close(pipe_fds[0]);

  std::vector<std::pair<int, Level>> levels;
  for (const int clients : {1, 8, 64})
    levels.emplace_back(clients, over_the_host(address, clients, ids));
  const double peak = peak_mib(child);
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);

  const double floor = floor_write_rate(kCommands, 2, 2);
  fmt::print(
      "\n## The LAN host: a payment per command ({} commands per level, NORMAL)\n\n"
      "| how | commands/s | median | p99 | floor/this |\n|---|---:|---:|---:|---:|\n",
      kCommands);
  fmt::print("| in-process, run_command, 1 caller | {:.0f} | {:.3f} ms | {:.3f} ms | {:.2f}× |\n",
             local.per_second, local.median_ms, local.p99_ms, floor / local.per_second);
  for (const auto& [clients, level] : levels) {
    fmt::print("| host over loopback, {} client{} | {:.0f} | {:.3f} ms | {:.3f} ms | {:.2f}× |\n",
               clients, clients == 1 ? "" : "s", level.per_second, level.median_ms, level.p99_ms,
               floor / level.per_second);
  }
  fmt::print("| plain-SQLite floor (2 rows and 2 cells a commit) | {:.0f} | — | — | 1.00× |\n",
             floor);
  fmt::print("\nThe host's peak resident memory with 64 clients in play: {:.1f} MiB\n", peak);
}

}  // namespace hearth::bench

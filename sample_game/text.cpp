#include "sample_game/text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <fmt/core.h>

namespace hearth::sample_game {

void print_wrapped(const std::string& text, int indent) {
  constexpr std::size_t kWidth = 78;
  const std::string margin(static_cast<std::size_t>(indent), ' ');
  std::string line;
  for (const std::string& word : split_words(text)) {
    if (!line.empty() && margin.size() + line.size() + 1 + word.size() > kWidth) {
      fmt::print("{}{}\n", margin, line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) fmt::print("{}{}\n", margin, line);
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from) {
  std::string joined;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!joined.empty()) joined += ' ';
    joined += words[i];
  }
  return joined;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string title_case(const std::string& code) {
  std::string title;
  bool start = true;
  for (char c : code) {
    if (c == '_') {
      title += ' ';
      start = true;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      title += static_cast<char>(start ? std::toupper(byte) : std::tolower(byte));
      start = false;
    }
  }
  return title;
}

std::int64_t parse_quantity(const std::string& text, std::int64_t max) {
  if (text.empty() || text.size() > 9) return 0;
  std::int64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= max ? value : 0;
}

int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace hearth::sample_game

// Small text helpers for the terminal: wrapping prose, splitting commands, naming things.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::sample_game {

// Prints `text` wrapped at 78 columns, every line indented by `indent` spaces.
void print_wrapped(const std::string& text, int indent = 0);

// The words of a line, split on whitespace.
std::vector<std::string> split_words(const std::string& line);

// `words[from..]` joined by single spaces.
std::string join_words(const std::vector<std::string>& words, std::size_t from);

std::string lower(std::string text);

// "CARGO_HAULER" -> "Cargo Hauler".
std::string title_case(const std::string& code);

// A whole number from 1 to `max`, or 0 when `text` is not one.
std::int64_t parse_quantity(const std::string& text, std::int64_t max);

// The edit distance between two words (to suggest a command for a typo).
int edit_distance(const std::string& a, const std::string& b);

}  // namespace hearth::sample_game

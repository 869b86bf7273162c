// JSON columns: the one place that turns cereal-serialisable structs into compact JSON text and
// back. Include it only from .cpp files: it brings in cereal.
//
// Shapes evolve across releases, so reading and writing are forgiving in two ways:
// - a stored object that lacks a field the type has reads as the type's default for that field
//   (at every depth of nested objects; not inside elements of arrays);
// - update_json() keeps the keys of the stored document that the type does not know (a game's
//   own settings, a newer release's fields) instead of dropping them.
#pragma once

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <cereal/archives/json.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

namespace hearth::storage {

// Where a JSON document lives, named in errors about it.
struct JsonColumn {
  std::string_view table;
  std::string_view column;
};

// Thrown when a stored document is not valid JSON or does not have the type's shape.
class CorruptJson : public std::runtime_error {
 public:
  CorruptJson(JsonColumn where, const std::string& detail);
};

namespace json_detail {

// cereal writes a value as {"value0": <value>}; these convert between that wrapping and the
// bare compact document.
std::string unwrap_compact(const std::string& wrapped);
std::string wrap(std::string_view document);

// Adds, from `defaults`, every object member missing in `stored`, recursing into objects that
// both have (unless the default object is empty: then it is a map, not a struct).
std::string fill_defaults(std::string_view stored, const std::string& defaults, JsonColumn where);

// Copies into `fresh` the members of `stored` that `defaults` does not know.
std::string keep_unknown(std::string_view stored, const std::string& fresh,
                         const std::string& defaults, JsonColumn where);

}  // namespace json_detail

// Compact JSON text of `value`.
template <class T>
std::string to_json(const T& value) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
    archive(value);
  }
  return json_detail::unwrap_compact(out.str());
}

// The value stored as `text`. Throws CorruptJson naming `where` when the text is not JSON or not
// of T's shape.
template <class T>
T from_json(std::string_view text, JsonColumn where) {
  static const std::string defaults = to_json(T{});
  const std::string filled = json_detail::fill_defaults(text, defaults, where);
  T value{};
  try {
    std::istringstream in(json_detail::wrap(filled));
    cereal::JSONInputArchive archive(in);
    archive(value);
  } catch (const cereal::Exception& error) {
    throw CorruptJson(where, error.what());
  }
  return value;
}

// The text to store when `value` replaces the document `stored`: to_json(value) plus the members
// of `stored` that T does not know.
template <class T>
std::string update_json(std::string_view stored, const T& value, JsonColumn where) {
  static const std::string defaults = to_json(T{});
  return json_detail::keep_unknown(stored, to_json(value), defaults, where);
}

}  // namespace hearth::storage

namespace cereal {

// String-keyed maps are JSON objects ({"a": 1}), not cereal's default list of key/value pairs.
template <class T>
void save(JSONOutputArchive& archive, const std::map<std::string, T>& map) {
  for (const auto& [key, value] : map) archive(make_nvp(key, value));
}

template <class T>
void load(JSONInputArchive& archive, std::map<std::string, T>& map) {
  map.clear();
  while (const char* key = archive.getNodeName()) {
    T value{};
    archive(value);
    map.emplace(key, std::move(value));
  }
}

}  // namespace cereal

#include "storage/json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hearth::storage {

CorruptJson::CorruptJson(JsonColumn where, const std::string& detail)
    : std::runtime_error(std::string(where.table) + "." + std::string(where.column) +
                         " holds malformed JSON: " + detail) {}

namespace json_detail {

namespace {

constexpr char kWrapper[] = "value0";

rapidjson::Document parse(std::string_view text, JsonColumn where) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError()) {
    throw CorruptJson(where, std::string(rapidjson::GetParseError_En(document.GetParseError())) +
                                 " at offset " + std::to_string(document.GetErrorOffset()));
  }
  return document;
}

std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// A struct's default is an object with members; an empty default object is a map.
bool is_struct(const rapidjson::Value& value) {
  return value.IsObject() && value.MemberCount() > 0;
}

const char* kind_of(const rapidjson::Value& value) {
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  if (value.IsNumber()) return "a number";
  if (value.IsBool()) return "a boolean";
  return "null";
}

// Adds the members `stored` lacks from `defaults`, and refuses a member whose kind (object,
// array, string, number, boolean) differs from its default's.
void fill(rapidjson::Value& stored, const rapidjson::Value& defaults,
          rapidjson::Document::AllocatorType& allocator, const std::string& path,
          JsonColumn where) {
  for (const auto& member : defaults.GetObject()) {
    const std::string name = path + member.name.GetString();
    auto found = stored.FindMember(member.name);
    if (found == stored.MemberEnd()) {
      stored.AddMember(rapidjson::Value(member.name, allocator),
                       rapidjson::Value(member.value, allocator), allocator);
      continue;
    }
    if (std::string_view(kind_of(found->value)) != kind_of(member.value)) {
      throw CorruptJson(where, "'" + name + "' is " + kind_of(found->value) + ", expected " +
                                   kind_of(member.value));
    }
    if (is_struct(member.value)) fill(found->value, member.value, allocator, name + ".", where);
  }
}

void keep(const rapidjson::Value& stored, rapidjson::Value& fresh, const rapidjson::Value& defaults,
          rapidjson::Document::AllocatorType& allocator) {
  for (const auto& member : stored.GetObject()) {
    auto known = defaults.FindMember(member.name);
    if (known == defaults.MemberEnd()) {
      if (!fresh.HasMember(member.name)) {
        fresh.AddMember(rapidjson::Value(member.name, allocator),
                        rapidjson::Value(member.value, allocator), allocator);
      }
      continue;
    }
    auto target = fresh.FindMember(member.name);
    if (is_struct(known->value) && member.value.IsObject() && target != fresh.MemberEnd() &&
        target->value.IsObject()) {
      keep(member.value, target->value, known->value, allocator);
    }
  }
}

}  // namespace

std::string unwrap_compact(const std::string& wrapped) {
  const auto document = parse(wrapped, {"(value)", "(serialised)"});
  return compact(document[kWrapper]);
}

std::string wrap(std::string_view document) {
  std::string text = "{\"";
  text += kWrapper;
  text += "\":";
  text += document;
  text += '}';
  return text;
}

std::string fill_defaults(std::string_view stored, const std::string& defaults, JsonColumn where) {
  auto document = parse(stored, where);
  const auto default_document = parse(defaults, where);
  if (std::string_view(kind_of(document)) != kind_of(default_document)) {
    throw CorruptJson(where, std::string("the document is ") + kind_of(document) + ", expected " +
                                 kind_of(default_document));
  }
  if (default_document.IsObject())
    fill(document, default_document, document.GetAllocator(), "", where);
  return compact(document);
}

std::string keep_unknown(std::string_view stored, const std::string& fresh,
                         const std::string& defaults, JsonColumn where) {
  if (stored.empty()) return fresh;
  const auto old_document = parse(stored, where);
  auto document = parse(fresh, where);
  const auto default_document = parse(defaults, where);
  if (old_document.IsObject() && document.IsObject() && default_document.IsObject()) {
    keep(old_document, document, default_document, document.GetAllocator());
  }
  return compact(document);
}

}  // namespace json_detail

}  // namespace hearth::storage

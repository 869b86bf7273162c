// ISO codes a user's profile is checked against: countries (ISO 3166-1 alpha-2) and languages
// (ISO 639-1). Internal.
#pragma once

#include <string>
#include <string_view>

namespace hearth::iso_codes {

// The officially assigned ISO 3166-1 alpha-2 code for `code` in upper case ("de" → "DE"); empty
// when there is none.
std::string country(std::string_view code);

// The ISO 639-1 code for `code` in lower case ("EN" → "en"); empty when there is none.
std::string language(std::string_view code);

// How many codes each list holds (249 countries, 184 languages), for tests.
int country_count();
int language_count();

}  // namespace hearth::iso_codes

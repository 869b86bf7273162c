#include "engine/identity/iso_codes.h"

#include <algorithm>
#include <cctype>

namespace hearth::iso_codes {

namespace {

// Every officially assigned ISO 3166-1 alpha-2 code, in order.
constexpr std::string_view kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
    "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
    "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
    "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
    "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ "
    "VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

// Every ISO 639-1 code, in order (with "bh", Bihari, which the standard has since withdrawn but
// older clients still send).
constexpr std::string_view kLanguages =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs "
    "ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy "
    "ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv "
    "ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv "
    "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os "
    "pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

// `code` in the list's case when the list holds it; empty otherwise.
std::string find(std::string_view list, std::string_view code, bool upper) {
  if (code.size() != 2) return {};
  std::string wanted(code);
  for (char& c : wanted) {
    const auto byte = static_cast<unsigned char>(c);
    if (!std::isalpha(byte)) return {};
    c = static_cast<char>(upper ? std::toupper(byte) : std::tolower(byte));
  }
  // Every entry is two letters and a space: entries start at multiples of 3.
  for (std::size_t at = 0; at < list.size(); at += 3) {
    if (list.substr(at, 2) == wanted) return wanted;
  }
  return {};
}

int count(std::string_view list) { return static_cast<int>((list.size() + 1) / 3); }

}  // namespace

std::string country(std::string_view code) { return find(kCountries, code, true); }

std::string language(std::string_view code) { return find(kLanguages, code, false); }

int country_count() { return count(kCountries); }

int language_count() { return count(kLanguages); }

}  // namespace hearth::iso_codes

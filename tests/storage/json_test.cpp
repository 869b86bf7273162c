#include "storage/json.h"

#include <boost/test/unit_test.hpp>

using namespace hearth;

namespace {

struct Audio {
  double volume = 0.7;
  bool muted = false;

  bool operator==(const Audio&) const = default;

  template <class Archive>
  void serialize(Archive& archive) {
    archive(cereal::make_nvp("volume", volume), cereal::make_nvp("muted", muted));
  }
};

struct Settings {
  std::string theme = "dark";
  std::int64_t refresh = 30;
  Audio audio;
  std::vector<std::string> tags;
  std::map<std::string, std::int64_t> counters;

  bool operator==(const Settings&) const = default;

  template <class Archive>
  void serialize(Archive& archive) {
    archive(cereal::make_nvp("theme", theme), cereal::make_nvp("refresh", refresh),
            cereal::make_nvp("audio", audio), cereal::make_nvp("tags", tags),
            cereal::make_nvp("counters", counters));
  }
};

constexpr storage::JsonColumn kWhere{"players", "settings"};

}  // namespace

BOOST_AUTO_TEST_SUITE(json_test)

BOOST_AUTO_TEST_CASE(a_struct_round_trips_as_compact_json) {
  Settings settings;
  settings.theme = "light \"quoted\"";
  settings.refresh = -5;
  settings.audio.muted = true;
  settings.tags = {"a", "b"};
  settings.counters = {{"alpha", 1}, {"beta", 9000000000}};
  const std::string text = storage::to_json(settings);
  BOOST_TEST(text ==
             R"({"theme":"light \"quoted\"","refresh":-5,"audio":{"volume":0.7,"muted":true},)"
             R"("tags":["a","b"],"counters":{"alpha":1,"beta":9000000000}})");
  BOOST_TEST((storage::from_json<Settings>(text, kWhere) == settings));
}

BOOST_AUTO_TEST_CASE(missing_fields_read_as_their_defaults_at_every_depth) {
  const auto settings =
      storage::from_json<Settings>(R"({"theme":"x","audio":{"muted":true}})", kWhere);
  BOOST_TEST(settings.theme == "x");
  BOOST_TEST(settings.refresh == 30);
  BOOST_TEST(settings.audio.volume == 0.7);
  BOOST_TEST(settings.audio.muted);
  BOOST_TEST((storage::from_json<Settings>("{}", kWhere) == Settings{}));
}

BOOST_AUTO_TEST_CASE(an_update_keeps_the_keys_the_type_does_not_know) {
  const std::string stored =
      R"({"theme":"x","mod_flag":true,"audio":{"volume":0.1,"eq":[1,2]},"counters":{"gone":1}})";
  Settings settings = storage::from_json<Settings>(stored, kWhere);
  settings.theme = "y";
  settings.counters = {{"kept", 2}};
  const std::string updated = storage::update_json(stored, settings, kWhere);
  BOOST_TEST(updated ==
             R"({"theme":"y","refresh":30,"audio":{"volume":0.1,"muted":false,"eq":[1,2]},)"
             R"("tags":[],"counters":{"kept":2},"mod_flag":true})");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_a_corrupt_data_error_naming_the_column) {
  try {
    (void)storage::from_json<Settings>(R"({"theme": "x",)", kWhere);
    BOOST_FAIL("malformed JSON was accepted");
  } catch (const storage::CorruptJson& error) {
    BOOST_TEST(std::string(error.what()).find("players.settings") == 0, error.what());
  }
}

BOOST_AUTO_TEST_CASE(json_of_the_wrong_shape_is_a_corrupt_data_error) {
  BOOST_CHECK_THROW((void)storage::from_json<Settings>(R"({"theme": 5})", kWhere),
                    storage::CorruptJson);
  BOOST_CHECK_THROW((void)storage::from_json<Settings>(R"([1, 2])", kWhere), storage::CorruptJson);
  BOOST_CHECK_THROW((void)storage::from_json<Settings>(R"({"counters": [1]})", kWhere),
                    storage::CorruptJson);
}

BOOST_AUTO_TEST_SUITE_END()

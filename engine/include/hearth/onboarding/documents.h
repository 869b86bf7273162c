// The JSON documents of first-login onboarding (see hearth/core/documents.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hearth/core/clock.h"
#include "hearth/core/documents.h"

namespace hearth {

// first_login_sessions.client_info: what the game tells about the client at first login.
struct FirstLoginClientInfo {
  std::string device_type;
  std::string browser;
  std::string screen_size;
  std::string connection_quality;

  bool operator==(const FirstLoginClientInfo&) const = default;
};

// first_login_sessions.performance_metrics; averages, so not whole numbers. 0 = not measured.
struct FirstLoginMetrics {
  double response_time_ms = 0.0;   // average AI response time
  double client_latency_ms = 0.0;  // average network latency
  double dialogue_duration_seconds = 0.0;

  bool operator==(const FirstLoginMetrics&) const = default;
};

// dialogue_exchanges.key_extracted_info: the claims the analysis pulled out of the answer (the
// rules-based analysis extracts none).
struct KeyExtractedInfo {
  StringList claims;

  bool operator==(const KeyExtractedInfo&) const = default;
};

}  // namespace hearth

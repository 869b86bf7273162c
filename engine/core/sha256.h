// Sha256: a SHA-256 computed over pieces (OpenSSL), for tokens and for asset bytes that never
// are in memory whole. Internal.
#pragma once

#include <span>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace hearth {

class Sha256 {
 public:
  Sha256();
  ~Sha256();

  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::span<const std::byte> bytes);
  void update(std::string_view text);

  // The digest of everything given, as 64 lowercase hex digits; the hasher is spent after.
  std::string hex();

  // The digest of `text` at once.
  static std::string of(std::string_view text);

 private:
  evp_md_ctx_st* context_;
};

}  // namespace hearth

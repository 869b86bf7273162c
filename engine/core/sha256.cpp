#include "engine/core/sha256.h"

#include <array>
#include <cstdio>

#include "hearth/core/error.h"
#include <openssl/evp.h>

namespace hearth {

namespace {

[[noreturn]] void fail() { throw Error(ErrorKind::System, "OpenSSL could not compute a SHA-256."); }

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr || EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    fail();
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::update(std::span<const std::byte> bytes) {
  if (EVP_DigestUpdate(context_, bytes.data(), bytes.size()) != 1) fail();
}

void Sha256::update(std::string_view text) { update(std::as_bytes(std::span(text))); }

std::string Sha256::hex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_, digest.data(), &size) != 1) fail();
  std::string text(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) std::snprintf(&text[i * 2], 3, "%02x", digest[i]);
  return text;
}

std::string Sha256::of(std::string_view text) {
  Sha256 hasher;
  hasher.update(text);
  return hasher.hex();
}

}  // namespace hearth

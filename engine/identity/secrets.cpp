#include "engine/identity/secrets.h"

#include <array>
#include <cstdio>
#include <memory>

#include "hearth/core/error.h"
#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace hearth::secrets {

namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// libxcrypt's work area is 32 KiB: on the heap, not the stack.
std::unique_ptr<crypt_data> work_area() { return std::make_unique<crypt_data>(); }

}  // namespace

std::string hash_password(std::string_view password, int cost) {
  std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> setting{};
  if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, setting.data(),
                       static_cast<int>(setting.size())) == nullptr) {
    throw Error(ErrorKind::Usage, "A bcrypt cost must be between 4 and 31.");
  }
  const std::string text(password);
  auto area = work_area();
  const char* hashed = crypt_rn(text.c_str(), setting.data(), area.get(), sizeof(crypt_data));
  if (hashed == nullptr) throw Error(ErrorKind::System, "libxcrypt refused to hash a password.");
  return hashed;
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (password_cost(hash) == 0) return false;
  const std::string text(password);
  auto area = work_area();
  const char* hashed = crypt_rn(text.c_str(), hash.c_str(), area.get(), sizeof(crypt_data));
  if (hashed == nullptr) return false;
  const std::string_view again(hashed);
  return again.size() == hash.size() && CRYPTO_memcmp(again.data(), hash.data(), hash.size()) == 0;
}

int password_cost(const std::string& hash) {
  // "$2b$12$" followed by 53 characters of salt and hash.
  if (hash.size() != 60 || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$') {
    return 0;
  }
  if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') return 0;
  if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9') return 0;
  return (hash[4] - '0') * 10 + (hash[5] - '0');
}

std::string new_token() {
  std::array<unsigned char, 33> bytes{};  // 32 random bytes and a zero: 11 groups of 3
  if (RAND_bytes(bytes.data(), 32) != 1) {
    throw Error(ErrorKind::System, "The operating system gave no random bytes for a token.");
  }
  std::string token;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) token += kBase64Url[(group >> shift) & 63];
  }
  token.resize(43);  // 256 bits: the last character's low bits are the zero byte's
  return token;
}

std::string token_hash(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::System, "OpenSSL could not compute a SHA-256.");
  }
  std::string hex(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) std::snprintf(&hex[i * 2], 3, "%02x", digest[i]);
  return hex;
}

}  // namespace hearth::secrets

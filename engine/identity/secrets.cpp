#include "engine/identity/secrets.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <memory>

#include "engine/core/sha256.h"

#include "hearth/core/error.h"
#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace hearth::secrets {

namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void random_bytes(unsigned char* out, int count) {
  if (RAND_bytes(out, count) != 1) {
    throw Error(ErrorKind::System, "The operating system gave no random bytes.");
  }
}

// Bytes as base32 (RFC 4648, no padding).
std::string base32(const unsigned char* bytes, std::size_t count) {
  std::string text;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < count; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      text += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += kBase32[(buffer << (5 - bits)) & 31];
  return text;
}

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
  random_bytes(bytes.data(), 32);
  std::string token;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) token += kBase64Url[(group >> shift) & 63];
  }
  token.resize(43);  // 256 bits: the last character's low bits are the zero byte's
  return token;
}

std::string token_hash(std::string_view text) { return Sha256::of(text); }

std::string new_totp_secret() {
  std::array<unsigned char, 20> bytes{};
  random_bytes(bytes.data(), static_cast<int>(bytes.size()));
  return base32(bytes.data(), bytes.size());
}

std::string new_recovery_code() {
  std::array<unsigned char, 7> bytes{};
  random_bytes(bytes.data(), static_cast<int>(bytes.size()));
  return base32(bytes.data(), bytes.size()).substr(0, 10);
}

std::string totp_code(std::string_view secret, std::int64_t step) {
  std::string key;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : secret) {
    const char* found = c == '\0' ? nullptr : std::strchr(kBase32, c);
    if (found == nullptr) return "";
    buffer = (buffer << 5) | static_cast<unsigned>(found - kBase32);
    bits += 5;
    if (bits >= 8) {
      key += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (key.empty()) return "";
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter.data(), counter.size(),
           mac.data(), &size) == nullptr) {
    throw Error(ErrorKind::System, "OpenSSL could not compute an HMAC-SHA1.");
  }
  const unsigned offset = mac[size - 1] & 0x0f;
  const unsigned value = ((mac[offset] & 0x7fu) << 24) | (mac[offset + 1] << 16) |
                         (mac[offset + 2] << 8) | mac[offset + 3];
  char code[7];
  std::snprintf(code, sizeof code, "%06u", value % 1000000);
  return code;
}

}  // namespace hearth::secrets

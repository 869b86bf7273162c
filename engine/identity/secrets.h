// Secrets: password hashes (bcrypt through libxcrypt) and bearer tokens (random bytes from the
// operating system, kept only as their SHA-256). Internal to the engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::secrets {

// The longest password bcrypt reads: it ignores every byte after the 72nd.
inline constexpr std::size_t kMaxPasswordBytes = 72;

// A bcrypt ("$2b$") hash of `password` at `cost` (4 to 31), salted from the operating system.
// Takes about 0.2 s at cost 12 here: call it outside any transaction. Throws Error{Usage} for a
// cost out of range, Error{System} when libxcrypt fails otherwise.
std::string hash_password(std::string_view password, int cost);

// Whether `password` is the one `hash` was made of (any bcrypt variant: $2a$, $2b$, $2y$); false
// for a malformed hash. Compares in constant time. As slow as hash_password at the hash's cost.
bool verify_password(std::string_view password, const std::string& hash);

// The cost a bcrypt hash was made with; 0 when `hash` is not a bcrypt hash.
int password_cost(const std::string& hash);

// A new bearer token: 32 random bytes from the operating system, as 43 base64url characters.
std::string new_token();

// SHA-256 of `text`, as 64 lowercase hexadecimal characters: how a token is stored and found.
std::string token_hash(std::string_view text);

// A new TOTP secret: 20 random bytes from the operating system, as 32 base32 characters (RFC 4648,
// no padding), the form authenticator apps take.
std::string new_totp_secret();

// The 6-digit TOTP code (RFC 6238: HMAC-SHA1, dynamic truncation) of the base32 `secret` for time
// step `step` (Unix time / 30 s); empty when `secret` is not base32.
std::string totp_code(std::string_view secret, std::int64_t step);

// A new recovery code: 10 base32 characters (50 random bits from the operating system).
std::string new_recovery_code();

}  // namespace hearth::secrets

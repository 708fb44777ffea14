#include "runtime/state/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/opensslv.h>

#include <array>
#include <stdexcept>

namespace flowc::runtime::state {
namespace {

// Fetched once: OpenSSL 3 otherwise looks the algorithm up in its provider tables on every
// digest, which cost more than hashing a row's few hundred bytes. Never freed, like the
// library's own defaults; it is shared by all threads (fetched objects are thread-safe).
const EVP_MD* sha256_algorithm() {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
  static const EVP_MD* const algorithm = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  return algorithm;
#else
  return EVP_sha256();  // OpenSSL 1.1 has no providers to look up
#endif
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, sha256_algorithm(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available from OpenSSL");
  }
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex(length * 2, '\0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHexDigits[digest[i] >> 4];
    hex[2 * i + 1] = kHexDigits[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace flowc::runtime::state

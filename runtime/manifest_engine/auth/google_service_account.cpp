#include "runtime/manifest_engine/auth/google_service_account.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "runtime/connector_kit/base64.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

using connectors::base64url_encode;
using connectors::parse_json;
using connectors::set_string;
using connectors::text_field;

namespace {

constexpr std::chrono::seconds kTokenLifetime{3600};

// RS256: an RSA signature over the SHA-256 digest of `data` with the PEM private key.
std::string rs256_signature(std::string_view data, const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("the service account's private_key is not a PEM private key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, bytes, data.size()) != 1) {
    throw std::runtime_error("could not sign the service account token request (RS256)");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes, data.size()) !=
      1) {
    throw std::runtime_error("could not sign the service account token request (RS256)");
  }
  signature.resize(length);
  return signature;
}

}  // namespace

ServiceAccountKey load_service_account_key(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(fmt::format("cannot read the service account file \"{}\"", path));
  std::ostringstream text;
  text << file.rdbuf();
  auto json = parse_json(text.str());
  if (!json || !json->IsObject())
    throw std::runtime_error(fmt::format("the service account file \"{}\" is not a JSON object", path));
  ServiceAccountKey key{text_field(*json, "client_email"), text_field(*json, "private_key"),
                        text_field(*json, "token_uri", "https://oauth2.googleapis.com/token")};
  for (auto [name, value] : {std::pair{"client_email", &key.client_email}, {"private_key", &key.private_key}}) {
    if (value->empty()) throw std::runtime_error(fmt::format("the service account file \"{}\" has no {}", path, name));
  }
  return key;
}

std::string service_account_jwt(const ServiceAccountKey& key, std::string_view scope, std::string_view audience,
                                std::chrono::system_clock::time_point now) {
  std::int64_t issued = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  rapidjson::Document claims(rapidjson::kObjectType);
  auto& alloc = claims.GetAllocator();
  set_string(claims, "iss", key.client_email, alloc);
  set_string(claims, "scope", scope, alloc);
  set_string(claims, "aud", audience, alloc);
  claims.AddMember("iat", issued, alloc);
  claims.AddMember("exp", static_cast<std::int64_t>(issued + kTokenLifetime.count()), alloc);
  std::string signed_part =
      base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url_encode(to_json(claims));
  return signed_part + "." + base64url_encode(rs256_signature(signed_part, key.private_key));
}

}  // namespace flowc::runtime::manifest_engine

#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

std::string first_param(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

}  // namespace flowc::sandbox

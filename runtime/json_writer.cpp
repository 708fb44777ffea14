#include "runtime/json_writer.hpp"

namespace flowc::runtime {

std::string to_json(const rapidjson::Value& value) {
  JsonWriter writer;
  value.Accept(writer);
  return writer.take();
}

}  // namespace flowc::runtime

#include "base/json/json_writer.hpp"

namespace flowc {

std::string to_json(const rapidjson::Value& value) {
  JsonWriter writer;
  value.Accept(writer);
  return writer.take();
}

}  // namespace flowc

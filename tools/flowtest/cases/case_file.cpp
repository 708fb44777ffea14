#include "tools/flowtest/cases/case_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string_view>

#include "base/json/json_util.hpp"

namespace flowc::flowtest {

namespace {

// Reads one file's JSON into the structs, every complaint naming the file and the member.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& where, std::string_view problem) const {
    throw CaseFileError(fmt::format("{}: {}: {}", path_, where, problem));
  }

  const rapidjson::Value& object(const rapidjson::Value& value, const std::string& where) const {
    if (!value.IsObject()) fail(where, "must be an object");
    return value;
  }

  void only_keys(const rapidjson::Value& value, const std::string& where, std::initializer_list<std::string_view> keys) const {
    for (const auto& member : value.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      bool known = false;
      for (std::string_view key : keys) known = known || key == name;
      if (!known) fail(where, fmt::format("has an unknown member \"{}\"", name));
    }
  }

  std::string text(const rapidjson::Value& value, const std::string& where) const {
    if (!value.IsString()) fail(where, "must be a string");
    return {value.GetString(), value.GetStringLength()};
  }

  std::map<std::string, std::string> texts(const rapidjson::Value& value, const std::string& where) const {
    std::map<std::string, std::string> out;
    for (const auto& member : object(value, where).GetObject()) {
      const std::string name = member.name.GetString();
      auto shown = json::scalar_text(&member.value);
      if (!shown) fail(where + "." + name, "must be a string, number or true/false");
      out[name] = *shown;
    }
    return out;
  }

  static JsonValue copy(const rapidjson::Value& value) {
    auto document = std::make_shared<rapidjson::Document>();
    document->CopyFrom(value, document->GetAllocator());
    return document;
  }

  ExpectedRequest request(const rapidjson::Value& value, const std::string& where) const {
    object(value, where);
    only_keys(value, where, {"method", "path", "query", "headers", "body"});
    ExpectedRequest out;
    if (const auto* method = json::member(value, "method")) out.method = text(*method, where + ".method");
    if (const auto* path = json::member(value, "path")) out.path = text(*path, where + ".path");
    if (const auto* query = json::member(value, "query")) out.query = texts(*query, where + ".query");
    if (const auto* headers = json::member(value, "headers")) out.headers = texts(*headers, where + ".headers");
    if (const auto* body = json::member(value, "body")) out.body = copy(*body);
    return out;
  }

  ExpectedOutcome expect(const rapidjson::Value& value, const std::string& where) const {
    object(value, where);
    only_keys(value, where, {"result", "status", "errors", "fields", "rows", "first_row"});
    ExpectedOutcome out;
    if (const auto* result = json::member(value, "result")) {
      out.result = text(*result, where + ".result");
      if (*out.result != "success" && *out.result != "fail") fail(where + ".result", "must be \"success\" or \"fail\"");
    }
    if (const auto* status = json::member(value, "status")) {
      if (!status->IsInt()) fail(where + ".status", "must be a whole number");
      out.status = status->GetInt();
    }
    if (const auto* errors = json::member(value, "errors")) out.errors = text(*errors, where + ".errors");
    if (const auto* fields = json::member(value, "fields")) out.fields = texts(*fields, where + ".fields");
    if (const auto* rows = json::member(value, "rows")) {
      if (!rows->IsUint()) fail(where + ".rows", "must be a whole number");
      out.rows = rows->GetUint();
    }
    if (const auto* first = json::member(value, "first_row")) out.first_row = texts(*first, where + ".first_row");
    return out;
  }

  ConnectorCase one_case(const rapidjson::Value& value, const std::string& where) const {
    object(value, where);
    only_keys(value, where, {"name", "action", "fields", "answer", "request", "expect"});
    ConnectorCase out;
    const auto* name = json::member(value, "name");
    const auto* action = json::member(value, "action");
    if (name == nullptr || action == nullptr) fail(where, "needs a \"name\" and an \"action\"");
    out.name = text(*name, where + ".name");
    out.action = text(*action, where + ".action");
    const auto* fields = json::member(value, "fields");
    static const rapidjson::Value kNoFields(rapidjson::kObjectType);
    out.fields = copy(fields != nullptr ? object(*fields, where + ".fields") : kNoFields);
    if (const auto* answer = json::member(value, "answer")) out.answer = text(*answer, where + ".answer");
    if (const auto* request = json::member(value, "request")) out.request = this->request(*request, where + ".request");
    if (const auto* expected = json::member(value, "expect")) out.expect = expect(*expected, where + ".expect");
    return out;
  }

 private:
  std::string path_;
};

}  // namespace

CaseFile load_case_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CaseFileError(fmt::format("{}: cannot read the file", path));
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document document;
  document.Parse(text.str().c_str(), text.str().size());
  if (document.HasParseError()) throw CaseFileError(fmt::format("{}: not JSON (at byte {})", path, document.GetErrorOffset()));
  const Reader reader(path);
  reader.object(document, "the file");
  reader.only_keys(document, "the file", {"docs", "account", "cases"});
  CaseFile file;
  file.path = path;
  if (const auto* docs = json::member(document, "docs")) {
    if (!docs->IsArray()) reader.fail("docs", "must be a list of URLs");
    for (const auto& url : docs->GetArray()) file.docs.push_back(reader.text(url, "docs"));
  }
  const auto* account = json::member(document, "account");
  static const rapidjson::Value kNoAccount(rapidjson::kObjectType);
  file.account = Reader::copy(account != nullptr ? reader.object(*account, "account") : kNoAccount);
  const auto* cases = json::member(document, "cases");
  if (cases == nullptr || !cases->IsArray() || cases->Empty()) reader.fail("cases", "must be a list of at least one case");
  for (rapidjson::SizeType i = 0; i < cases->Size(); ++i)
    file.cases.push_back(reader.one_case((*cases)[i], fmt::format("cases[{}]", i)));
  return file;
}

}  // namespace flowc::flowtest

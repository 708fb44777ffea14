#include "tools/flowtest/spec.hpp"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/json/json_parse.hpp"
#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "ir/source.hpp"

namespace flowc::flowtest {

namespace {

using json::member;
using json::scalar_text;

// Locates every complaint: "orders.flowtest: rows[1].expect.update.result: ...".
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& message) const {
    throw SpecError(fmt::format("{}: {}: {}", file_, where, message));
  }

  // A JSON syntax error, placed as editors and compilers do (file:line:col) rather than by a
  // byte offset nobody can find by eye.
  [[noreturn]] void fail_syntax(const std::string& text, const rapidjson::ParseResult& parsed) const {
    const Span at = SourceFile(file_, text).span_at(parsed.Offset(), 1);
    throw SpecError(fmt::format("{}:{}:{}: {}", file_, at.line, at.column, rapidjson::GetParseError_En(parsed.Code())));
  }

  const rapidjson::Value& object(const rapidjson::Value& value, const std::string& where) const {
    if (!value.IsObject()) fail(where, "must be a JSON object");
    return value;
  }

  // Rejects keys the format does not know, so a typo ("expected") is not silently ignored.
  void only_keys(const rapidjson::Value& value, const std::string& where, const std::set<std::string>& known) const {
    for (const auto& entry : value.GetObject()) {
      std::string key(entry.name.GetString(), entry.name.GetStringLength());
      if (!known.contains(key)) {
        std::string list;
        for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
        fail(where, fmt::format("unknown key \"{}\" (known: {})", key, list));
      }
    }
  }

  std::string text(const rapidjson::Value& value, const std::string& where) const {
    if (value.IsString() || value.IsNumber() || value.IsBool()) return *scalar_text(&value);
    fail(where, "must be a string");
  }

  int integer(const rapidjson::Value& value, const std::string& where) const {
    if (!value.IsInt()) fail(where, "must be an integer");
    return value.GetInt();
  }

  static Json copy(const rapidjson::Value& value) {
    auto document = std::make_shared<rapidjson::Document>();
    document->CopyFrom(value, document->GetAllocator());
    return document;
  }

  // {"success": {fields}} | {"success": {...}, "status": 201} | {"fail": {"status": 404, "error": "..."}}
  // | {"example": "NAME"}
  Outcome outcome(const rapidjson::Value& value, const std::string& where) const {
    object(value, where);
    Outcome result;
    if (const rapidjson::Value* example = member(value, "example")) {
      only_keys(value, where, {"example"});
      result.example = text(*example, where + ".example");
      result.fields = copy(rapidjson::Value(rapidjson::kObjectType));
      return result;
    }
    const rapidjson::Value* success = member(value, "success");
    const rapidjson::Value* failure = member(value, "fail");
    if ((success == nullptr) == (failure == nullptr))
      fail(where, "give exactly one of \"success\", \"fail\" or \"example\"");
    if (success != nullptr) {
      only_keys(value, where, {"success", "status"});
      result.fields = copy(object(*success, where + ".success"));
      if (const auto* status = member(value, "status")) result.status = integer(*status, where + ".status");
      return result;
    }
    only_keys(value, where, {"fail"});
    only_keys(object(*failure, where + ".fail"), where + ".fail", {"status", "error"});
    result.success = false;
    result.fields = copy(rapidjson::Value(rapidjson::kObjectType));
    const auto* status = member(*failure, "status");
    if (status == nullptr) fail(where + ".fail", "needs a \"status\" (the HTTP status the service answers)");
    result.status = integer(*status, where + ".fail.status");
    if (result.status < 400 || result.status > 599) fail(where + ".fail.status", "must be between 400 and 599");
    if (const auto* error = member(*failure, "error")) result.error = text(*error, where + ".fail.error");
    return result;
  }

  std::map<std::string, Outcome> outcomes(const rapidjson::Value& value, const std::string& where) const {
    std::map<std::string, Outcome> result;
    for (const auto& entry : object(value, where).GetObject()) {
      std::string send = entry.name.GetString();
      result[send] = outcome(entry.value, where + "." + send);
    }
    return result;
  }

  // "skipped" is short for {"result": "skipped"}.
  SendExpectation expectation(const rapidjson::Value& value, const std::string& where) const {
    SendExpectation result;
    if (value.IsString()) {
      result.result = check_result(value.GetString(), where);
      return result;
    }
    object(value, where);
    only_keys(value, where, {"result", "status", "errors_contains", "sent", "sent_exact", "sent_contains"});
    if (const auto* r = member(value, "result")) result.result = check_result(text(*r, where + ".result"), where);
    if (const auto* s = member(value, "status")) result.status = integer(*s, where + ".status");
    if (const auto* e = member(value, "errors_contains")) result.errors_contains = text(*e, where + ".errors_contains");
    if (const auto* s = member(value, "sent")) result.sent = copy(*s);
    if (const auto* s = member(value, "sent_exact")) result.sent_exact = copy(*s);
    if (const auto* s = member(value, "sent_contains")) result.sent_contains = copy(*s);
    return result;
  }

  std::string check_result(const std::string& result, const std::string& where) const {
    if (result != "success" && result != "fail" && result != "skipped")
      fail(where, fmt::format("result must be success, fail or skipped, not \"{}\"", result));
    return result;
  }

  RowCase row(const rapidjson::Value& value, std::size_t index, std::size_t columns) const {
    const std::string where = fmt::format("rows[{}]", index);
    object(value, where);
    only_keys(value, where, {"name", "number", "cells", "outcomes", "filtered_out", "expect"});
    RowCase result;
    result.number = index + 1;
    if (const auto* number = member(value, "number")) {
      if (!number->IsUint64() || number->GetUint64() == 0) fail(where + ".number", "must be a positive integer");
      result.number = number->GetUint64();
    }
    result.name = fmt::format("row {}", result.number);
    if (const auto* name = member(value, "name")) result.name = text(*name, where + ".name");
    const auto* cells = member(value, "cells");
    if (cells == nullptr || !cells->IsArray()) fail(where, "needs \"cells\": a list of the row's values");
    if (cells->Size() > columns)
      fail(where + ".cells", fmt::format("has {} values but there are {} columns", cells->Size(), columns));
    for (rapidjson::SizeType i = 0; i < cells->Size(); ++i)
      result.cells.push_back(text((*cells)[i], fmt::format("{}.cells[{}]", where, i)));
    result.cells.resize(columns);  // a short row is padded, as sources do
    if (const auto* outcomes_value = member(value, "outcomes"))
      result.outcomes = outcomes(*outcomes_value, where + ".outcomes");
    if (const auto* filtered = member(value, "filtered_out")) {
      if (!filtered->IsBool()) fail(where + ".filtered_out", "must be true or false");
      result.filtered_out = filtered->GetBool();
    }
    if (const auto* expect = member(value, "expect")) {
      for (const auto& entry : object(*expect, where + ".expect").GetObject()) {
        std::string send = entry.name.GetString();
        result.expect[send] = expectation(entry.value, where + ".expect." + send);
      }
    }
    return result;
  }

 private:
  std::string file_;
};

}  // namespace

TestSpec parse_spec(const std::string& path, const std::string& text) {
  Reader reader(path);
  rapidjson::Document document;
  if (const rapidjson::ParseResult parsed = parse_json_document(document, text); parsed.IsError()) {
    reader.fail_syntax(text, parsed);
  }
  reader.object(document, "the file");
  reader.only_keys(document, "the file", {"description", "flow", "env", "columns", "outcomes", "rows"});

  TestSpec spec;
  spec.file = path;
  const auto* flow = member(document, "flow");
  if (flow == nullptr) reader.fail("the file", "needs \"flow\": the .flow file to test, relative to this file");
  std::filesystem::path flow_path = reader.text(*flow, "flow");
  if (flow_path.is_relative()) flow_path = std::filesystem::path(path).parent_path() / flow_path;
  spec.flow_path = flow_path.lexically_normal().string();

  if (const auto* env = member(document, "env")) {
    for (const auto& entry : reader.object(*env, "env").GetObject()) {
      std::string name = entry.name.GetString();
      spec.env[name] = reader.text(entry.value, "env." + name);
    }
  }
  const auto* columns = member(document, "columns");
  if (columns == nullptr || !columns->IsArray() || columns->Empty())
    reader.fail("the file", "needs \"columns\": the names of the input columns");
  for (rapidjson::SizeType i = 0; i < columns->Size(); ++i)
    spec.columns.push_back(reader.text((*columns)[i], fmt::format("columns[{}]", i)));
  if (const auto* outcomes = member(document, "outcomes")) spec.outcomes = reader.outcomes(*outcomes, "outcomes");

  const auto* rows = member(document, "rows");
  if (rows == nullptr || !rows->IsArray() || rows->Empty()) reader.fail("the file", "needs \"rows\": at least one row");
  std::set<std::uint64_t> numbers;
  for (rapidjson::SizeType i = 0; i < rows->Size(); ++i) {
    spec.rows.push_back(reader.row((*rows)[i], i, spec.columns.size()));
    if (!numbers.insert(spec.rows.back().number).second)
      reader.fail(fmt::format("rows[{}].number", i), "two rows have the same number");
  }
  return spec;
}

TestSpec load_spec(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError(fmt::format("{}: cannot read the file", path));
  std::stringstream text;
  text << in.rdbuf();
  return parse_spec(path, text.str());
}

}  // namespace flowc::flowtest

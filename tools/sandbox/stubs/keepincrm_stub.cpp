#include "tools/sandbox/stubs/keepincrm_stub.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tools/sandbox/files/csv.hpp"
#include "tools/sandbox/json_text.hpp"
#include "base/text/ascii.hpp"

namespace flowc::sandbox {

namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

StubResponse message_response(int status, std::string_view message) {
  return {status, json_object_with_string("message", message), {}};
}

// KeepinCRM's validation failure: {"message":"Validation failed","errors":{"title":["can't be blank"]}}.
StubResponse validation_failed(std::string_view field, std::string_view problem) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  Value problems(rapidjson::kArrayType);
  problems.PushBack(json_string(problem, alloc), alloc);
  Value errors(rapidjson::kObjectType);
  errors.AddMember(json_string(field, alloc), problems, alloc);
  doc.AddMember("message", "Validation failed", alloc);
  doc.AddMember("errors", errors, alloc);
  return {422, to_json(doc), {}};
}

std::optional<long long> parse_id(std::string_view text) {
  long long id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<long long> id_of(const Value& order) {
  if (!order.IsObject() || !order.HasMember("id")) return std::nullopt;
  const Value& id = order["id"];
  if (id.IsInt64()) return id.GetInt64() > 0 ? std::optional(id.GetInt64()) : std::nullopt;
  if (id.IsString()) return parse_id(std::string_view(id.GetString(), id.GetStringLength()));
  return std::nullopt;
}

const Value* field_at(const Value& object, std::string_view dotted) {
  const Value* current = &object;
  while (true) {
    auto dot = dotted.find('.');
    std::string_view name = dotted.substr(0, dot);
    if (!current->IsObject()) return nullptr;
    auto member = current->FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
    if (member == current->MemberEnd()) return nullptr;
    current = &member->value;
    if (dot == std::string_view::npos) return current;
    dotted.remove_prefix(dot + 1);
  }
}

bool is_blank(const Value* value) {
  if (value == nullptr || value->IsNull()) return true;
  if (!value->IsString()) return false;
  std::string_view text(value->GetString(), value->GetStringLength());
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// KeepinCRM refuses a client phone that is not a phone number (a sheet cell saying "call
// after 6pm" is the classic case): digits with optional +, spaces, dashes and parentheses, at
// least seven digits.
bool valid_phone(std::string_view phone) {
  int digits = 0;
  for (unsigned char c : phone) {
    if (std::isdigit(c)) ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 7;
}

bool has_invalid_phone(const Value& fields) {
  const Value* phones = field_at(fields, "client_attributes.phones");
  if (phones == nullptr || !phones->IsArray()) return false;
  return std::any_of(phones->Begin(), phones->End(), [](const Value& phone) {
    return phone.IsString() && !valid_phone(std::string_view(phone.GetString(), phone.GetStringLength()));
  });
}

// A Ransack attribute name: a top-level field (`client_id`), or an association's field joined
// with an underscore (`client_person` -> client.person).
const Value* ransack_field(const Value& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  auto direct = object.FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
  if (direct != object.MemberEnd()) return &direct->value;
  for (auto underscore = name.find('_'); underscore != std::string_view::npos;
       underscore = name.find('_', underscore + 1)) {
    auto association = object.FindMember(Value(rapidjson::StringRef(name.data(), underscore)));
    if (association == object.MemberEnd() || !association->value.IsObject()) continue;
    if (const Value* nested = ransack_field(association->value, name.substr(underscore + 1))) return nested;
  }
  return nullptr;
}

// One `q[<field>_<predicate>]=value` filter (Ransack, as KeepinCRM uses it).
struct Filter {
  std::string field;
  std::string predicate;  // eq | not_eq | cont
  std::string value;

  bool accepts(const Value& order) const {
    const Value* actual = ransack_field(order, field);
    std::string text = actual ? scalar_text(*actual) : std::string();
    if (predicate == "eq") return actual != nullptr && text == value;
    if (predicate == "not_eq") return actual == nullptr || text != value;
    return ascii::lower(text).find(ascii::lower(value)) != std::string::npos;  // cont: case-insensitive, like ILIKE
  }
};

std::vector<Filter> filters_from(const QueryParams& params) {
  static constexpr std::array<std::string_view, 3> kPredicates = {"_not_eq", "_eq", "_cont"};
  std::vector<Filter> filters;
  for (const auto& [name, value] : params) {
    if (!name.starts_with("q[") || !name.ends_with("]")) continue;
    std::string_view inner(name.data() + 2, name.size() - 3);
    for (auto suffix : kPredicates) {
      if (inner.size() > suffix.size() && inner.ends_with(suffix)) {
        filters.push_back(
            {std::string(inner.substr(0, inner.size() - suffix.size())), std::string(suffix.substr(1)), value});
        break;  // unknown predicates are ignored, as Ransack does
      }
    }
  }
  return filters;
}

int positive_param(const QueryParams& params, const std::string& name, int fallback) {
  auto text = first_param(params, name);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return fallback;
  return value;
}

// Parses a create/update body: a JSON object, optionally wrapped as {"agreement": {...}}.
std::optional<rapidjson::Document> parse_order_body(std::string_view body) {
  rapidjson::Document doc;
  if (parse_json_document(doc, body).IsError() || !doc.IsObject()) return std::nullopt;
  if (doc.MemberCount() == 1 && doc.HasMember("agreement") && doc["agreement"].IsObject()) {
    rapidjson::Document inner;
    inner.CopyFrom(doc["agreement"], inner.GetAllocator());
    return inner;
  }
  return doc;
}

// Seed cells that look like plain numbers become numbers (ids, totals); phone-like text with
// leading zeros or a plus sign stays text.
Value seed_cell(const std::string& text, Allocator& alloc) {
  static const RE2 kPlainNumber(R"(-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?)");
  if (RE2::FullMatch(text, kPlainNumber)) {
    if (text.find('.') == std::string::npos) return Value(static_cast<int64_t>(std::stoll(text)));
    return Value(std::stod(text));
  }
  return json_string(text, alloc);
}

void set_member(Value& object, std::string_view name, Value value, Allocator& alloc) {
  auto member = object.FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
  if (member != object.MemberEnd()) {
    member->value = value;
  } else {
    object.AddMember(json_string(name, alloc), value, alloc);
  }
}

// `client.person` -> {"client": {"person": value}}, creating the intermediate objects.
void set_dotted(Value& object, std::string_view dotted, Value value, Allocator& alloc) {
  auto dot = dotted.find('.');
  if (dot == std::string_view::npos) return set_member(object, dotted, std::move(value), alloc);
  std::string_view name = dotted.substr(0, dot);
  auto member = object.FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
  if (member == object.MemberEnd() || !member->value.IsObject()) {
    object.AddMember(json_string(name, alloc), Value(rapidjson::kObjectType), alloc);
    member = object.FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
  }
  set_dotted(member->value, dotted.substr(dot + 1), std::move(value), alloc);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the file", file.string()));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

struct OrderRejectRule::Pattern {
  explicit Pattern(const std::string& regex) : re(regex, RE2::Quiet) {}
  RE2 re;
};

OrderRejectRule::OrderRejectRule(const std::string& rule) {
  if (rule.empty()) return;
  static const RE2 kFieldPrefix(R"(([A-Za-z_][A-Za-z0-9_.]*)=(.*))");
  std::string regex = rule;
  field_ = "title";
  std::string field;
  if (RE2::FullMatch(rule, kFieldPrefix, &field, &regex)) field_ = field;
  pattern_ = std::make_unique<Pattern>(regex);
  if (!pattern_->re.ok()) {
    throw std::invalid_argument(fmt::format("reject-orders: bad regex '{}': {}", regex, pattern_->re.error()));
  }
}

OrderRejectRule::~OrderRejectRule() = default;
OrderRejectRule::OrderRejectRule(OrderRejectRule&&) noexcept = default;
OrderRejectRule& OrderRejectRule::operator=(OrderRejectRule&&) noexcept = default;

std::optional<std::string> OrderRejectRule::rejected_field(const rapidjson::Value& order) const {
  if (!pattern_) return std::nullopt;
  const Value* value = field_at(order, field_);
  if (value == nullptr) return std::nullopt;
  if (!RE2::PartialMatch(scalar_text(*value), pattern_->re)) return std::nullopt;
  return field_;
}

KeepinCrmStub::KeepinCrmStub(std::string required_token, OrderRejectRule reject_rule)
    : required_token_(std::move(required_token)), reject_rule_(std::move(reject_rule)) {}

void KeepinCrmStub::seed_from_dir(const std::filesystem::path& dir) {
  auto json_file = dir / "keepincrm_orders.json";
  auto csv_file = dir / "keepincrm_orders.csv";
  std::lock_guard lock(mutex_);
  auto& alloc = orders_.GetAllocator();
  if (std::filesystem::exists(json_file)) {
    rapidjson::Document seed;
    if (parse_json_document(seed, read_file(json_file)).IsError()) {
      throw std::runtime_error(fmt::format("{}: not valid JSON", json_file.string()));
    }
    Value* items = &seed;
    if (seed.IsObject() && seed.HasMember("items")) items = &seed["items"];
    if (!items->IsArray()) {
      throw std::runtime_error(fmt::format("{}: expected an array of orders", json_file.string()));
    }
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
      Value order((*items)[i], alloc);
      add_seed_order(order, fmt::format("{}: order #{}", json_file.string(), i + 1));
    }
    return;
  }
  if (!std::filesystem::exists(csv_file)) return;
  CsvRows rows = read_csv_file(csv_file);
  if (rows.empty()) return;
  const auto& header = rows.front();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].empty()) continue;
    Value order(rapidjson::kObjectType);
    for (std::size_t c = 0; c < header.size() && c < rows[r].size(); ++c) {
      if (header[c].empty() || rows[r][c].empty()) continue;
      set_dotted(order, header[c], seed_cell(rows[r][c], alloc), alloc);
    }
    add_seed_order(order, fmt::format("{}: record {}", csv_file.string(), r + 1));
  }
}

void KeepinCrmStub::add_seed_order(rapidjson::Value& order, const std::string& where) {
  auto& alloc = orders_.GetAllocator();
  if (!order.IsObject()) throw std::runtime_error(where + ": an order must be an object");
  if (order.HasMember("id")) {
    auto id = id_of(order);
    if (!id) throw std::runtime_error(where + ": id must be a positive integer");
    if (find(*id)) throw std::runtime_error(fmt::format("{}: duplicate id {}", where, *id));
    order["id"].SetInt64(*id);
    next_id_ = std::max(next_id_, *id + 1);
  } else {
    order.AddMember("id", Value(static_cast<int64_t>(next_id_++)), alloc);
  }
  const Value* client_id = field_at(order, "client_id");
  if (client_id == nullptr) client_id = field_at(order, "client.id");
  if (client_id != nullptr && client_id->IsInt64())
    next_client_id_ = std::max<long long>(next_client_id_, client_id->GetInt64() + 1);
  store(order);
}

void KeepinCrmStub::store(rapidjson::Value& order) {
  positions_.emplace(order["id"].GetInt64(), orders_.Size());
  orders_.PushBack(order, orders_.GetAllocator());
}

std::optional<StubResponse> KeepinCrmStub::reject_unauthorized(std::string_view token) const {
  if (!token.empty() && (required_token_.empty() || token == required_token_)) return std::nullopt;
  // KeepinCRM answers a missing or wrong X-Auth-Token with 401 and a flat error list.
  return StubResponse{401, R"({"message":"Invalid auth token","errors":["Invalid auth token"]})", {}};
}

StubResponse KeepinCrmStub::list(const QueryParams& params) const {
  auto filters = filters_from(params);
  int page = positive_param(params, "page", 1);
  int per_page = std::min(positive_param(params, "per_page", kDefaultPerPage), kMaxPerPage);

  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  Value items(rapidjson::kArrayType);
  long long total = 0;
  {
    std::lock_guard lock(mutex_);
    long long first = static_cast<long long>(page - 1) * per_page;
    for (const auto& order : orders_.GetArray()) {
      bool matches = std::all_of(filters.begin(), filters.end(), [&](const Filter& f) { return f.accepts(order); });
      if (!matches) continue;
      if (total >= first && total < first + per_page) items.PushBack(Value(order, alloc), alloc);
      ++total;
    }
  }
  long long total_pages = (total + per_page - 1) / per_page;
  Value pagination(rapidjson::kObjectType);
  pagination.AddMember("current_page", page, alloc);
  pagination.AddMember("next_page", page < total_pages ? Value(page + 1) : Value(), alloc);
  pagination.AddMember("prev_page", page > 1 ? Value(page - 1) : Value(), alloc);
  pagination.AddMember("total_pages", Value(static_cast<int64_t>(total_pages)), alloc);
  pagination.AddMember("total_count", Value(static_cast<int64_t>(total)), alloc);
  pagination.AddMember("per_page", per_page, alloc);
  doc.AddMember("items", items, alloc);
  doc.AddMember("pagination", pagination, alloc);
  return {200, to_json(doc), {}};
}

StubResponse KeepinCrmStub::get(std::string_view id_text) const {
  auto id = parse_id(id_text);
  std::lock_guard lock(mutex_);
  const Value* order = id ? find(*id) : nullptr;
  if (order == nullptr) return not_found();
  return {200, to_json(*order), {}};
}

StubResponse KeepinCrmStub::update(std::string_view id_text, std::string_view body) {
  auto fields = parse_order_body(body);
  if (!fields) return message_response(400, "Request body must be a JSON object");
  auto id = parse_id(id_text);
  std::lock_guard lock(mutex_);
  Value* order = id ? find(*id) : nullptr;
  if (order == nullptr) return not_found();
  if (fields->HasMember("title") && is_blank(&(*fields)["title"])) return validation_failed("title", "can't be blank");
  apply_fields(*order, *fields);
  set_member(*order, "updated_at", json_string(utc_timestamp_now(), orders_.GetAllocator()), orders_.GetAllocator());
  return {200, to_json(*order), {}};
}

StubResponse KeepinCrmStub::create(std::string_view body) {
  auto fields = parse_order_body(body);
  if (!fields) return message_response(400, "Request body must be a JSON object");
  if (is_blank(field_at(*fields, "title"))) return validation_failed("title", "can't be blank");
  if (has_invalid_phone(*fields)) return validation_failed("client.phones", "is invalid");

  std::lock_guard lock(mutex_);
  auto& alloc = orders_.GetAllocator();
  Value order(rapidjson::kObjectType);
  order.AddMember("id", 0, alloc);  // first, as KeepinCRM lists it; the number is set once accepted
  apply_fields(order, *fields);
  // The reject rule sees the order as it would be stored (client.person, not client_attributes).
  if (auto field = reject_rule_.rejected_field(order)) return validation_failed(*field, "is invalid");
  order["id"].SetInt64(next_id_++);
  auto now = utc_timestamp_now();
  order.AddMember("created_at", json_string(now, alloc), alloc);
  order.AddMember("updated_at", json_string(now, alloc), alloc);
  store(order);
  return {201, to_json(orders_[orders_.Size() - 1]), {}};
}

StubResponse KeepinCrmStub::not_found() {
  return message_response(404, "Record not found");
}

StubResponse KeepinCrmStub::fault(const FaultDecision& decision) { return json_api_fault(decision, "message"); }

std::string KeepinCrmStub::orders_json() const {
  std::lock_guard lock(mutex_);
  return to_json(orders_);
}

std::optional<std::string> KeepinCrmStub::order_json(long long id) const {
  std::lock_guard lock(mutex_);
  const Value* order = find(id);
  if (order == nullptr) return std::nullopt;
  return to_json(*order);
}

rapidjson::Value* KeepinCrmStub::find(long long id) {
  return const_cast<Value*>(std::as_const(*this).find(id));
}

const rapidjson::Value* KeepinCrmStub::find(long long id) const {
  const auto position = positions_.find(id);
  return position == positions_.end() ? nullptr : &orders_[position->second];
}

// Copies request fields into the stored order. Nested attributes follow Rails conventions:
// client_attributes fill the order's `client`, jobs_attributes append to its `jobs`.
void KeepinCrmStub::apply_fields(rapidjson::Value& order, const rapidjson::Value& fields) {
  auto& alloc = orders_.GetAllocator();
  for (const auto& member : fields.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name == "id") continue;
    if (name == "client_attributes" && member.value.IsObject()) {
      merge_client(order, member.value);
    } else if (name == "jobs_attributes" && member.value.IsArray()) {
      if (!order.HasMember("jobs")) order.AddMember("jobs", Value(rapidjson::kArrayType), alloc);
      for (const auto& job : member.value.GetArray()) order["jobs"].PushBack(Value(job, alloc), alloc);
    } else {
      set_member(order, name, Value(member.value, alloc), alloc);
    }
  }
}

void KeepinCrmStub::merge_client(rapidjson::Value& order, const rapidjson::Value& attributes) {
  auto& alloc = orders_.GetAllocator();
  if (!order.HasMember("client") || !order["client"].IsObject()) {
    long long client_id = next_client_id_++;
    Value client(rapidjson::kObjectType);
    client.AddMember("id", Value(static_cast<int64_t>(client_id)), alloc);
    set_member(order, "client", std::move(client), alloc);
    set_member(order, "client_id", Value(static_cast<int64_t>(client_id)), alloc);
  }
  for (const auto& member : attributes.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name == "id") continue;
    set_member(order["client"], name, Value(member.value, alloc), alloc);
  }
}

}  // namespace flowc::sandbox

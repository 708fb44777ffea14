// A stand-in for the KeepinCRM orders API (agreements): list with q[..] filters and pages, get,
// update (PATCH) and create, with KeepinCRM's status codes and error bodies. Orders live in memory.
#pragma once

#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

// The "reject orders matching" fault: `REGEX` tests the title; `field=REGEX` tests that field
// (dotted names reach nested objects, e.g. client.person). Matching creates answer 422.
class OrderRejectRule {
 public:
  // Throws std::invalid_argument when the regex does not compile. An empty rule rejects nothing.
  explicit OrderRejectRule(const std::string& rule);
  ~OrderRejectRule();
  OrderRejectRule(OrderRejectRule&&) noexcept;
  OrderRejectRule& operator=(OrderRejectRule&&) noexcept;

  // The field the order is rejected for, or nullopt when it passes.
  std::optional<std::string> rejected_field(const rapidjson::Value& order) const;

 private:
  struct Pattern;
  std::string field_;
  std::unique_ptr<Pattern> pattern_;
};

class KeepinCrmStub {
 public:
  static constexpr int kDefaultPerPage = 20;
  static constexpr int kMaxPerPage = 100;

  // `required_token` empty: any non-empty X-Auth-Token is accepted.
  KeepinCrmStub(std::string required_token, OrderRejectRule reject_rule);

  // Seeds orders from DIR/keepincrm_orders.json (an array of orders, or a saved list response)
  // or else DIR/keepincrm_orders.csv (a header row; dotted columns such as client.person nest).
  // Throws std::runtime_error naming the file and line on bad data.
  void seed_from_dir(const std::filesystem::path& dir);

  std::optional<StubResponse> reject_unauthorized(std::string_view token) const;
  StubResponse list(const QueryParams& params) const;
  StubResponse get(std::string_view id) const;
  StubResponse update(std::string_view id, std::string_view body);
  StubResponse create(std::string_view body);
  static StubResponse not_found();
  static StubResponse fault(const FaultDecision& decision);

  std::string orders_json() const;                            // every order, as a JSON array
  std::optional<std::string> order_json(long long id) const;  // one order, or nullopt

 private:
  rapidjson::Value* find(long long id);
  const rapidjson::Value* find(long long id) const;
  void add_seed_order(rapidjson::Value& order, const std::string& where);
  void store(rapidjson::Value& order);  // appends an order whose id is set, and indexes it
  void apply_fields(rapidjson::Value& order, const rapidjson::Value& fields);
  void merge_client(rapidjson::Value& order, const rapidjson::Value& attributes);

  std::string required_token_;
  OrderRejectRule reject_rule_;
  mutable std::mutex mutex_;
  rapidjson::Document orders_{rapidjson::kArrayType};
  // Order id -> position in orders_ (orders are only ever appended): a lookup must not scan every
  // order, or the sandbox, not the client, sets the pace of a benchmark with 20,000 orders.
  std::unordered_map<long long, rapidjson::SizeType> positions_;
  long long next_id_ = 1;
  long long next_client_id_ = 1;
};

}  // namespace flowc::sandbox

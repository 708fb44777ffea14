#include "connectors/keepincrm/keepincrm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "base/text/percent_encode.hpp"
#include "runtime/connector_kit/error_text.hpp"
#include "runtime/connector_kit/exchange_util.hpp"
#include "runtime/connector_kit/url.hpp"
#include "connectors/keepincrm/keepincrm_body.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::string_view kDefaultBaseUrl = "https://api.keepincrm.com/v1";

// The account settings an exchange reads, viewed in place: the account outlives its exchanges.
struct KeepinAccount {
  const AccountConfig& config;
  std::string_view name;
  std::string_view base_url;
  std::string_view api_key;

  explicit KeepinAccount(const AccountConfig& account)
      : config(account),
        name(account.name),
        base_url(account.text("base_url", kDefaultBaseUrl)),
        api_key(account.text("api_key")) {}
};

// X-Auth-Token, then the JSON headers: the same for every request of the account, so made once.
const std::shared_ptr<const Headers>& keepin_headers(const KeepinAccount& account) {
  if (!account.config.shared_headers) {
    Headers headers{{"X-Auth-Token", std::string(account.api_key)}};
    headers.insert(headers.end(), json_headers()->begin(), json_headers()->end());
    account.config.shared_headers = std::make_shared<const Headers>(std::move(headers));
  }
  return account.config.shared_headers;
}

HttpRequest keepin_request(const KeepinAccount& account, std::string method, std::string url, std::string body = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.common_headers = keepin_headers(account);
  request.body = std::move(body);
  return request;
}

// The URL of one order: base_url/agreements/ID.
std::string order_url(const KeepinAccount& account, std::string_view id) {
  std::string url = join_url(account.base_url, "agreements/", 3 * id.size());  // each byte may take %XX
  append_percent_encoded(url, id);
  return url;
}

std::optional<std::string> missing_api_key(const KeepinAccount& account) {
  if (!account.api_key.empty()) return std::nullopt;
  return fmt::format("keepincrm account \"{}\" has no api_key", account.name);
}

// `title = "Big order"` or `id = 42`: what a lookup searched for, as the user wrote it. Only
// messages need it, so it is worked out when one is written, not for every send.
std::string describe_lookup(std::string_view field, const std::optional<std::string>& value, bool quoted) {
  if (!value) return fmt::format("{} = (missing)", field);
  return quoted ? fmt::format("{} = \"{}\"", field, *value) : fmt::format("{} = {}", field, *value);
}

SendOutcome not_found(const std::string& lookup, const HttpResponse& response) {
  SendOutcome outcome;
  outcome.status = response.status;
  outcome.errors = fmt::format("no order with {}", lookup);
  if (!response.ok() && response.status != 404) outcome.errors = error_text(response);
  return outcome;
}

// How many orders a search matched: the pagination total when given, else the items listed.
std::size_t match_count(const rapidjson::Value& answer, const rapidjson::Value& items) {
  std::size_t listed = items.Size();
  if (const auto* pagination = member(answer, "pagination")) {
    for (auto key : {"total_count", "total", "count"}) {
      long long total = integer_field(*pagination, key, -1);
      if (total > static_cast<long long>(listed)) return static_cast<std::size_t>(total);
    }
  }
  return listed;
}

class UpdateOrderExchange final : public Exchange {
 public:
  UpdateOrderExchange(const rapidjson::Value& fields, const AccountConfig& account)
      : account_(account),
        find_by_(text_field(fields, "find_by", "id")),
        take_first_(text_field(fields, "on_many") == "first"),
        body_(keepincrm_order_json(fields, {"find_by", "on_many", "id"})) {
    const rapidjson::Value* searched = member_path(fields, find_by_);
    search_value_ = scalar_text(searched);
    search_value_quoted_ = search_value_ && searched->IsString();
  }

  ExchangeStep start() override {
    if (auto problem = missing_api_key(account_)) return ExchangeStep::fail(std::move(*problem));
    if (!search_value_ || search_value_->empty())
      return ExchangeStep::fail(fmt::format("update_order: find_by = {} but `{}` is empty", find_by_, find_by_));
    if (find_by_ == "id") return update(*search_value_);
    searching_ = true;
    std::string query = fmt::format("q[{}_eq]", replace_dots(find_by_));
    std::string path = "agreements?" + form_encode({{query, *search_value_}});
    return ExchangeStep::send(keepin_request(account_, "GET", join_url(account_.base_url, path)), {},
                              "then PATCH /agreements/{id of the match}");
  }

  ExchangeStep on_response(const HttpResponse& response) override {
    if (!searching_) {
      if (response.status == 404) return ExchangeStep::finish(not_found(lookup(), response));
      return ExchangeStep::finish(outcome_from_json_response(response));
    }
    searching_ = false;
    if (!response.ok()) return ExchangeStep::finish(not_found(lookup(), response));
    return on_search_result(response);
  }

 private:
  static std::string replace_dots(std::string name) {
    std::ranges::replace(name, '.', '_');
    return name;
  }

  std::string lookup() const { return describe_lookup(find_by_, search_value_, search_value_quoted_); }

  ExchangeStep update(std::string_view id) {
    // The update is the exchange's last request: its body moves into it.
    return ExchangeStep::send(keepin_request(account_, "PATCH", order_url(account_, id), std::move(body_)));
  }

  ExchangeStep on_search_result(const HttpResponse& response) {
    auto answer = parse_json(response.body);
    if (!answer) return ExchangeStep::fail("KeepinCRM search: the response is " + not_json_text(response), response.status);
    const rapidjson::Value* items = nullptr;
    items = answer->IsArray() ? &*answer : member(*answer, "items");
    if (items == nullptr || !items->IsArray())
      return ExchangeStep::fail("KeepinCRM search answered without an `items` list", response.status);
    std::size_t count = match_count(*answer, *items);
    if (count == 0) return ExchangeStep::finish(not_found(lookup(), response));
    if (count > 1 && !take_first_) {
      return ExchangeStep::fail(
          fmt::format("{} orders with {}; set on_many = first to update the first one", count, lookup()),
          response.status);
    }
    auto id = scalar_text(member((*items)[0], "id"));
    if (!id) return ExchangeStep::fail(fmt::format("the order found with {} has no id", lookup()), response.status);
    return update(*id);
  }

  KeepinAccount account_;
  std::string find_by_;
  bool take_first_;
  std::optional<std::string> search_value_;
  bool search_value_quoted_ = false;
  std::string body_;
  bool searching_ = false;
};

class UpdateOrderAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    return std::make_unique<UpdateOrderExchange>(fields, account);
  }
};

class CreateOrderAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    KeepinAccount keepin(account);
    if (auto problem = missing_api_key(keepin)) return failing_exchange(std::move(*problem));
    std::string body = keepincrm_order_json(fields, {});
    return std::make_unique<OneShotExchange>(
        ExchangeStep::send(keepin_request(keepin, "POST", join_url(keepin.base_url, "agreements"), std::move(body))),
        outcome_from_json_response);
  }
};

}  // namespace

const SendAction& keepincrm_update_order_action() {
  static const UpdateOrderAction action;
  return action;
}

const SendAction& keepincrm_create_order_action() {
  static const CreateOrderAction action;
  return action;
}

const Connector& keepincrm_connector() {
  static const std::array<NamedAction<SendAction>, 2> kSends{{{"update_order", &keepincrm_update_order_action}, {"create_order", &keepincrm_create_order_action}}};
  static const Connector kConnector{"keepincrm", kSends, {}};
  return kConnector;
}

}  // namespace flowc::runtime::connectors

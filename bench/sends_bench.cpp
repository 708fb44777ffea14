// One send per row through the built-in connector set (begin, each request, a canned answer): what
// a connector costs apart from the interpreter and the network.
#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "bench/measure.hpp"
#include "bench/modes.hpp"
#include "connectors/list.hpp"
#include "runtime/json_util.hpp"

namespace flowc::bench {

int sends_bench(int argc, char** argv) {
  if (argc < 3) throw std::invalid_argument("usage: sends SERVICE.ACTION ROWS FIELDS_JSON");
  const std::string_view name = argv[0];
  const auto dot = name.find('.');
  const long rows = std::atol(argv[1]);
  const runtime::SendAction* send =
      runtime::connectors::installed_connectors().find_send(name.substr(0, dot), name.substr(dot + 1));
  if (send == nullptr) throw std::invalid_argument(fmt::format("no built-in send {}", name));
  auto fields = runtime::connectors::parse_json(argv[2]);
  if (!fields) throw std::invalid_argument("FIELDS_JSON is not JSON");
  rapidjson::Document settings;
  settings.Parse(R"({"api_key":"bench-key","bot_token":"bench-token","base_url":"http://127.0.0.1:9"})");
  runtime::AccountConfig account;
  account.name = "bench";
  account.settings = &settings;
  runtime::HttpResponse answer;
  answer.status = 200;
  answer.headers = {{"content-type", "application/json"}};
  answer.body = R"({"id":77,"title":"Lamp x 2","total":199.5,"ok":true,"result":{"message_id":7,"chat":{"id":42},"date":1}})";
  std::size_t bytes = 0;
  const double start = now_seconds();
  for (long row = 0; row < rows; ++row) {
    auto exchange = send->begin(*fields, account);
    runtime::ExchangeStep step = exchange->start();
    while (step.request) {
      bytes += step.request->url.size() + step.request->body.size();
      step = exchange->on_response(answer);
    }
    bytes += step.outcome ? step.outcome->errors.size() + (step.outcome->success ? 1 : 0) : 0;
  }
  const double seconds = now_seconds() - start;
  fmt::print("rows={}\nbytes={}\nseconds={:.3f}\nns_per_row={:.0f}\n", rows, bytes, seconds,
             seconds * 1e9 / static_cast<double>(rows));
  return 0;
}

}  // namespace flowc::bench

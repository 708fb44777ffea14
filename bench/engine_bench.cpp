// The manifest engine against the hand-written connectors: the same sends, row after row, through
// either implementation (begin, the first request, a canned answer), and the connector set the
// interpreter benchmark uses when FLOWC_BENCH_ENGINE=1 (keepincrm, telegram and http from their
// manifests, every other connector as built in).
#include "bench/engine_bench.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/measure.hpp"
#include "compiler/manifest/manifest_reader.hpp"
#include "connectors/list.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/manifest_send.hpp"

namespace flowc::bench {

namespace {

// connectors/NAME/NAME.connector under FLOWC_SOURCE_DIR (default: the current folder).
const manifest::ConnectorManifest& load(std::string_view service) {
  static std::vector<std::unique_ptr<manifest::ConnectorManifest>> loaded;
  for (const auto& manifest : loaded)
    if (manifest->spec.name == service) return *manifest;
  const char* root = std::getenv("FLOWC_SOURCE_DIR");
  const std::string path = fmt::format("{}/connectors/{}/{}.connector", root ? root : ".", service, service);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto result = manifest::read_manifest(path, text.str());
  if (!result.manifest) throw std::runtime_error(path + " does not read cleanly");
  loaded.push_back(std::make_unique<manifest::ConnectorManifest>(std::move(*result.manifest)));
  return *loaded.back();
}

struct EngineSend {
  std::string_view service;
  std::string_view action;
};
constexpr std::array<EngineSend, 4> kEngineSends{
    {{"keepincrm", "update_order"}, {"keepincrm", "create_order"}, {"telegram", "send_message"}, {"http", "request"}}};

std::array<std::unique_ptr<runtime::manifest_engine::ManifestSendAction>, kEngineSends.size()>& engine_sends() {
  static std::array<std::unique_ptr<runtime::manifest_engine::ManifestSendAction>, kEngineSends.size()> sends;
  return sends;
}

template <std::size_t I>
const runtime::SendAction& engine_send() {
  return *engine_sends()[I];
}

const runtime::SendAction& send_of(std::string_view service, std::string_view action, bool engine) {
  if (!engine) {
    const auto* send = runtime::connectors::builtin_connectors().find_send(service, action);
    if (send == nullptr) throw std::runtime_error(fmt::format("no built-in {}.{}", service, action));
    return *send;
  }
  return *engine_connectors().find_send(service, action);
}

}  // namespace

const runtime::ConnectorSet& engine_connectors() {
  static const runtime::ConnectorSet* set = [] {
    for (std::size_t i = 0; i < kEngineSends.size(); ++i) {
      engine_sends()[i] = runtime::manifest_engine::make_send_action(load(kEngineSends[i].service), kEngineSends[i].action);
      if (!engine_sends()[i]) throw std::runtime_error("a manifest lacks a send the benchmark uses");
    }
    static const std::array<runtime::NamedAction<runtime::SendAction>, 2> keepin{
        {{"update_order", &engine_send<0>}, {"create_order", &engine_send<1>}}};
    static const std::array<runtime::NamedAction<runtime::SendAction>, 1> telegram{{{"send_message", &engine_send<2>}}};
    static const std::array<runtime::NamedAction<runtime::SendAction>, 1> http{{{"request", &engine_send<3>}}};
    static const std::array<runtime::Connector, 3> described{{{"keepincrm", keepin, {}}, {"telegram", telegram, {}},
                                                             {"http", http, {}}}};
    static std::vector<const runtime::Connector*> all;
    for (const runtime::Connector* builtin : runtime::connectors::builtin_connectors().all()) {
      const runtime::Connector* replaced = builtin;
      for (const auto& connector : described)
        if (connector.name == builtin->name) replaced = &connector;
      all.push_back(replaced);
    }
    return new runtime::ConnectorSet(all);
  }();
  return *set;
}

int sends_bench(int argc, char** argv) {
  if (argc < 4) throw std::invalid_argument("usage: sends SERVICE.ACTION cpp|engine ROWS FIELDS_JSON");
  const std::string_view name = argv[0];
  const auto dot = name.find('.');
  const bool engine = std::string_view(argv[1]) == "engine";
  const long rows = std::atol(argv[2]);
  const runtime::SendAction& send = send_of(name.substr(0, dot), name.substr(dot + 1), engine);
  auto fields = runtime::connectors::parse_json(argv[3]);
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
    auto exchange = send.begin(*fields, account);
    runtime::ExchangeStep step = exchange->start();
    while (step.request) {
      bytes += step.request->url.size() + step.request->body.size();
      step = exchange->on_response(answer);
    }
    bytes += step.outcome ? step.outcome->errors.size() + (step.outcome->success ? 1 : 0) : 0;
  }
  const double seconds = now_seconds() - start;
  fmt::print("impl={}\nrows={}\nbytes={}\nseconds={:.3f}\nns_per_row={:.0f}\n", engine ? "engine" : "cpp", rows, bytes,
             seconds, seconds * 1e9 / static_cast<double>(rows));
  return 0;
}

}  // namespace flowc::bench

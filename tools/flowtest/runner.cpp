#include "tools/flowtest/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "base/temp_folder.hpp"
#include "compiler/compile.hpp"
#include "connectors/list.hpp"
#include "runtime/connector.hpp"
#include "tools/flowtest/expectations.hpp"
#include "tools/flowtest/harness.hpp"
#include "tools/flowtest/service/stub_service.hpp"
#include "tools/flowtest/service/wire_reply.hpp"
#include "tools/flowtest/test_env.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "tools/sandbox/mail/smtp_sink.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::flowtest {

namespace {

// The test's rows in place of the flow's own source.
class SpecRows final : public runtime::RowSource {
 public:
  explicit SpecRows(const TestSpec& spec)
      : spec_(spec), columns_(std::make_shared<std::vector<std::string>>(spec.columns)) {}
  std::optional<runtime::Row> next() override {
    if (next_ == spec_.rows.size()) return std::nullopt;
    const RowCase& row = spec_.rows[next_++];
    return runtime::Row{row.number, columns_, row.cells};
  }

 private:
  const TestSpec& spec_;
  runtime::Columns columns_;
  std::size_t next_ = 0;
};

// A csv send writes into the account's `dir`, which the test replaces with a scratch folder; an
// absolute `path` would bypass it and change a real file, so such a flow is not run.
void refuse_absolute_csv_paths(const TestSpec& spec, const ir::Flow& flow) {
  ir::for_each_send(flow.steps, [&spec](const ir::Send& send) {
    if (runtime::connectors::installed_connectors().transport_of(send.connector) != runtime::Transport::LocalFiles) return;
    for (const ir::Field& field : send.fields) {
      const ir::Value& value = field.value;
      if (!field.is_named("path") || value.kind != ir::Value::Kind::Template) continue;
      if (!value.parts.empty() && !value.parts[0].is_ref && value.parts[0].text.starts_with('/')) {
        throw SpecError(
            fmt::format("{}: send {} writes to the absolute path {}...; a test would change that file, "
                        "use a path relative to the account's dir",
                        spec.file, send.name, value.parts[0].text));
      }
    }
  });
}

// Every outcome that names an example names one its send's action has, checked before anything runs.
void check_named_examples(const TestSpec& spec, const ir::Flow& flow) {
  ir::for_each_send(flow.steps, [&spec](const ir::Send& send) {
    if (auto found = spec.outcomes.find(send.name); found != spec.outcomes.end())
      named_example(send, found->second, fmt::format("{}: outcomes.{}", spec.file, send.name));
    for (const RowCase& row : spec.rows) {
      if (auto found = row.outcomes.find(send.name); found != row.outcomes.end())
        named_example(send, found->second, fmt::format("{}: row {} outcomes.{}", spec.file, row.number, send.name));
    }
  });
}

// The flow as written, but run one row and one request at a time (so each request belongs to a
// known send), without retries (a declared failure is final) and without rate limits (which
// would only slow the test down).
ir::Flow load_flow(const TestSpec& spec) {
  CompileResult compiled = compile_file(spec.flow_path);
  if (!compiled.flow) {
    throw SpecError(fmt::format("{}: the flow {} does not compile:\n{}", spec.file, spec.flow_path,
                                render_text(compiled.source, compiled.diagnostics.items())));
  }
  ir::Flow flow = std::move(*compiled.flow);
  flow.settings.concurrency = 1;
  flow.settings.retries = 0;
  for (ir::Account& account : flow.accounts) {
    std::erase_if(account.fields,
                  [](const ir::Field& field) { return field.is_named("rate_limit"); });
  }
  return flow;
}

std::string smtp_url(const sandbox::SmtpSink& smtp) {
  return fmt::format("smtp://127.0.0.1:{}", smtp.port());
}

runtime::RunOptions options_for(const StubService& service, const sandbox::SmtpSink& smtp_sink,
                                const TempFolder& files) {
  runtime::RunOptions options;
  options.connectors = &runtime::connectors::installed_connectors();
  options.run_id = "flowtest";  // templates that print run.id render the same every time
  std::string base_url = service.url();
  std::string smtp = smtp_url(smtp_sink);
  std::string dir = files.path().string();
  options.account_overrides = [base_url, smtp, dir](const ir::Account& account) {
    using Settings = std::vector<std::pair<std::string, std::string>>;
    switch (runtime::connectors::installed_connectors().transport_of(account.connector)) {
      case runtime::Transport::Smtp: return Settings{{"smtp_url", smtp}};
      case runtime::Transport::LocalFiles: return Settings{{"dir", dir}};
      case runtime::Transport::Http: break;
    }
    // Token endpoints too: a test never sends a credential to the real service.
    Settings settings{{"base_url", base_url}};
    if (const manifest::ConnectorManifest* described = catalog::installed().find_manifest(account.connector)) {
      for (const manifest::Auth& auth : described->auth)
        if (!auth.token_url_field.empty())
          settings.emplace_back(auth.token_url_field, base_url + std::string(sandbox::kExampleTokenPath));
    }
    return settings;
  };
  return options;
}

}  // namespace

bool FileResult::passed() const {
  return error.empty() && failures() == 0;
}

std::size_t FileResult::failures() const {
  return static_cast<std::size_t>(std::ranges::count_if(cases, [](const CaseResult& c) { return !c.passed(); }));
}

FileResult run_test(const TestSpec& spec) {
  const auto started = std::chrono::steady_clock::now();
  FileResult result;
  result.file = spec.file;
  try {
    const ir::Flow flow = load_flow(spec);
    check_send_names(spec, flow);
    refuse_absolute_csv_paths(spec, flow);
    check_named_examples(spec, flow);
    TestEnv env(spec, flow);
    Harness harness(spec, flow);  // outlives the servers that call it
    StubService service([&harness](const ReceivedRequest& request) { return harness.answer(request); });
    sandbox::SmtpSink smtp([&harness](const sandbox::ReceivedMail& mail) { harness.record_mail(mail); });
    smtp.start(0);
    harness.set_stand_ins(service.url(), smtp_url(smtp));
    TempFolder files("flowc-flowtest");  // where csv sends write, so the flow's real files stay untouched
    SpecRows rows(spec);
    runtime::run_flow_on(flow, rows, options_for(service, smtp, files), harness);
    smtp.stop();
    result.cases = compare_rows(spec, flow, harness.rows());
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

FileResult run_test_file(const std::string& path) {
  try {
    return run_test(load_spec(path));
  } catch (const SpecError& e) {
    FileResult result;
    result.file = path;
    result.error = e.what();
    return result;
  }
}

}  // namespace flowc::flowtest

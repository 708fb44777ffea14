#include "cli/run/run_printer.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/json/json_parse.hpp"
#include "base/redactor.hpp"

namespace flowc::cli {
namespace {

using runtime::SendResult;

// Headers that carry credentials are masked whatever their value.
bool credential_header(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name == "authorization" || name == "x-auth-token" || name == "x-api-key" || name == "cookie";
}

// A dry run shows a credential header that holds `<unset env.NAME>`: there is no secret in it,
// and the placeholder is what the reader needs to see.
bool masked(const std::string& name, const std::string& value) {
  return credential_header(name) && !runtime::mentions_unset_env(value);
}

std::string pretty_body(const std::string& body) {
  rapidjson::Document document;
  if (body.empty() || parse_json_document(document, body).IsError()) return body;
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

// A JSON line from key/value pairs built by the caller.
class JsonLine {
 public:
  JsonLine() : writer_(buffer_) { writer_.StartObject(); }
  JsonLine& field(const char* key, const std::string& value) {
    writer_.Key(key);
    writer_.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    return *this;
  }
  JsonLine& field(const char* key, std::uint64_t value) {
    writer_.Key(key);
    writer_.Uint64(value);
    return *this;
  }
  rapidjson::Writer<rapidjson::StringBuffer>& writer() { return writer_; }
  std::string finish() {
    writer_.EndObject();
    return std::string(buffer_.GetString(), buffer_.GetSize()) + "\n";
  }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace

void RunPrinter::out(const std::string& text) {
  clear_progress();
  const std::string safe = redactor().redact(text);
  std::fwrite(safe.data(), 1, safe.size(), stdout);
  std::fflush(stdout);
}

void RunPrinter::clear_progress() {
  if (!progress_shown_) return;
  std::fputs("\r\x1b[2K", stderr);
  progress_shown_ = false;
}

void RunPrinter::on_dry_send(const ir::Send& send, const runtime::Row& row, const std::vector<std::string>& branch) {
  if (options_.json) return;
  std::string heading = fmt::format("row {} · {} = {}.{}", row.number, send.name, send.account, send.action);
  if (!branch.empty() && !branch[0].empty()) heading += fmt::format("   [{}]", branch[0]);
  out(heading + "\n");
}

void RunPrinter::on_request(const ir::Send& send, const runtime::Row& row, const runtime::HttpRequest& request,
                            const std::string& note) {
  if (!options_.dry_run && !options_.verbose) return;
  if (options_.json) {
    out(JsonLine().field("event", "request").field("row", row.number).field("send", send.name)
            .field("method", request.method).field("url", request.url).finish());
    return;
  }
  const bool dry = options_.dry_run;
  std::string text = fmt::format("{}{} {}\n", dry ? "  " : fmt::format("→ row {} · {}: ", row.number, send.name),
                                 request.method, request.url);
  if (!dry) return out(text);
  request.for_each_header([&](const std::string& name, const std::string& value) {
    text += fmt::format("  {}: {}\n", name, masked(name, value) ? std::string(Redactor::kMask) : value);
  });
  if (!request.body.empty()) text += indent(pretty_body(request.body), "  ") + "\n";
  if (!note.empty()) text += fmt::format("  ({})\n", note);
  out(text + "\n");
}

void RunPrinter::on_response(const ir::Send& send, const runtime::Row& row, const runtime::HttpResponse& response) {
  if (!options_.verbose) return;
  const std::string what = response.error.empty() ? std::to_string(response.status) : response.error;
  if (options_.json) {
    out(JsonLine().field("event", "response").field("row", row.number).field("send", send.name)
            .field("status", static_cast<std::uint64_t>(response.status)).field("error", response.error)
            .field("attempts", static_cast<std::uint64_t>(response.attempts)).finish());
    return;
  }
  out(fmt::format("← row {} · {}: {} ({} attempt{})\n", row.number, send.name, what, response.attempts,
                  response.attempts == 1 ? "" : "s"));
}

void RunPrinter::on_row_done(const runtime::RowOutcome& outcome) {
  const std::vector<const ir::Send*>& sends = sends_;
  if (options_.json) {
    JsonLine line;
    line.field("event", "row").field("row", outcome.row->number);
    auto& w = line.writer();
    w.Key("sends");
    w.StartArray();
    for (const ir::Send* send : sends) {
      const runtime::SendState& state = (*outcome.sends)[static_cast<std::size_t>(send->index)];
      w.StartObject();
      w.Key("name");
      w.String(send->name.c_str());
      w.Key("result");
      w.String(runtime::send_result_name(state.result));
      w.Key("status");
      w.Int(state.status);
      w.Key("errors");
      w.String(state.errors.c_str(), static_cast<rapidjson::SizeType>(state.errors.size()));
      w.EndObject();
    }
    w.EndArray();
    if (!outcome.error.empty()) line.field("error", outcome.error);
    return out(line.finish());
  }

  // One line per row that is worth a look: every row in verbose mode, else rows with a failure.
  // Most rows are neither, so the line is built only for rows that print it.
  if (options_.verbose || options_.every_row || row_failed(outcome)) {
    out(fmt::format("row {}: {}\n", outcome.row->number, row_path(outcome)));
  }
}

// A row ended in error or with a failed send.
bool RunPrinter::row_failed(const runtime::RowOutcome& outcome) {
  return !outcome.error.empty() || std::any_of(outcome.sends->begin(), outcome.sends->end(), [](const auto& state) {
           return state.result == SendResult::Fail;
         });
}

// "update fail (404: no order) → create success", the row's sends in document order.
std::string RunPrinter::row_path(const runtime::RowOutcome& outcome) const {
  std::string path;
  for (const ir::Send* send : sends_) {
    const runtime::SendState& state = (*outcome.sends)[static_cast<std::size_t>(send->index)];
    if (state.result == SendResult::Skipped) continue;
    if (!path.empty()) path += " → ";
    path += fmt::format("{} {}", send->name, runtime::send_result_name(state.result));
    if (state.result == SendResult::Fail) {
      path += state.status != 0 ? fmt::format(" ({}: {})", state.status, state.errors) : fmt::format(" ({})", state.errors);
    }
  }
  if (!outcome.error.empty()) path += (path.empty() ? "" : " → ") + std::string("error: ") + outcome.error;
  return path;
}

void RunPrinter::on_progress(const runtime::RunSummary& summary) {
  if (!options_.progress || summary.rows_read == last_progress_rows_) return;
  last_progress_rows_ = summary.rows_read;
  std::uint64_t sent = 0, failed = 0;
  for (const runtime::SendCounts& counts : summary.sends) {
    sent += counts.success + counts.fail;
    failed += counts.fail;
  }
  fmt::print(stderr, "\r\x1b[2K{} rows read · {} sent · {} failed", summary.rows_read, sent, failed);
  std::fflush(stderr);
  progress_shown_ = true;
}

void RunPrinter::print_summary(const runtime::RunSummary& summary) {
  const std::vector<const ir::Send*>& sends = sends_;
  if (options_.json) {
    JsonLine line;
    line.field("event", "summary").field("run", summary.run_id).field("rows_read", summary.rows_read)
        .field("rows_already_handled", summary.rows_already_handled)
        .field("rows_filtered_out", summary.rows_filtered_out).field("rows_done", summary.rows_done)
        .field("rows_with_errors", summary.rows_with_errors);
    if (!summary.stopped_because.empty()) line.field("stopped", summary.stopped_because);
    auto& w = line.writer();
    w.Key("sends");
    w.StartObject();
    for (const ir::Send* send : sends) {
      const runtime::SendCounts& c = summary.sends[static_cast<std::size_t>(send->index)];
      w.Key(send->name.c_str());
      w.StartObject();
      w.Key("success"); w.Uint64(c.success);
      w.Key("fail"); w.Uint64(c.fail);
      w.Key("skipped"); w.Uint64(c.skipped);
      w.Key("unhandled"); w.Uint64(c.unhandled);
      w.EndObject();
    }
    w.EndObject();
    return out(line.finish());
  }
  std::string text = fmt::format("\nrun {}: {} rows read, {} already handled, {} filtered out, {} done, {} with errors\n",
                                 summary.run_id, summary.rows_read, summary.rows_already_handled,
                                 summary.rows_filtered_out, summary.rows_done, summary.rows_with_errors);
  std::size_t width = 4;
  for (const ir::Send* send : sends) width = std::max(width, send->name.size() + send->action.size() + send->account.size() + 4);
  text += fmt::format("{:<{}}  {:>8}  {:>8}  {:>8}\n", "send", width, "success", "fail", "skipped");
  for (const ir::Send* send : sends) {
    const runtime::SendCounts& c = summary.sends[static_cast<std::size_t>(send->index)];
    const std::string name = fmt::format("{} ({}.{})", send->name, send->account, send->action);
    text += fmt::format("{:<{}}  {:>8}  {:>8}  {:>8}{}\n", name, width, c.success, c.fail, c.skipped,
                        c.unhandled > 0 ? fmt::format("  ← {} unhandled", c.unhandled) : "");
  }
  if (!summary.stopped_because.empty()) text += fmt::format("stopped: {}\n", summary.stopped_because);
  out(text);
}

}  // namespace flowc::cli

// `flowc runs [FLOW]` lists runs; `flowc show RUN` lists a run's rows, failures first.
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/json/json_put.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/flows/load_flow.hpp"
#include "runtime/interpreter/recording/state_session.hpp"
#include "runtime/state/history/send_records_json.hpp"
#include "runtime/state/state_store.hpp"

namespace flowc::cli {
namespace {

namespace state = runtime::state;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct HistoryOptions {
  std::string flow;
  std::string run;
  std::string state;
  std::string format = "text";
  int limit = 20;
};

void write_counts(JsonWriter& w, const state::RunCounts& c) {
  w.Key("counts");
  w.StartObject();
  const std::pair<const char*, std::int64_t> fields[] = {
      {"rows_read", c.rows_read}, {"filtered", c.filtered}, {"done", c.done},           {"errors", c.errors},
      {"success", c.success},     {"fail", c.fail},         {"skipped", c.skipped},     {"unhandled", c.unhandled},
      {"uncertain", c.uncertain}};
  for (const auto& [name, value] : fields) {
    w.Key(name);
    w.Int64(value);
  }
  w.EndObject();
}

void write_run(JsonWriter& w, const state::RunRecord& run) {
  w.StartObject();
  json::put_member(w, "id", run.id);
  json::put_member(w, "flow", run.flow);
  json::put_member(w, "file", run.flow_file);
  json::put_member(w, "trigger", run.trigger);
  json::put_member(w, "started_at", run.started_at);
  json::put_member(w, "ended_at", run.ended_at.value_or(""));
  json::put_member(w, "outcome", state::to_string(run.outcome));
  json::put_member(w, "error", run.error);
  write_counts(w, run.counts);
  w.EndObject();
}

// A run that sent handled rows again on purpose (`flowc run --again`) says so in the list, with
// which rows: otherwise its sends look like rows sent twice.
std::string deliberate_note(const state::RunRecord& run) {
  return run.trigger.starts_with("again") ? fmt::format("  ({})", run.trigger) : std::string();
}

// Rows and sends are counted apart (a row makes several sends, or none), each group labelled.
std::string run_line(const state::RunRecord& run) {
  const state::RunCounts& c = run.counts;
  return fmt::format("{}  {:<11} {:<30}  rows: {:>6} read {:>6} done {:>4} errors  |  sends: {:>6} ok {:>5} failed "
                     "{:>4} unhandled{}{}\n",
                     run.id, state::to_string(run.outcome), run.flow, c.rows_read, c.done, c.errors, c.success, c.fail,
                     c.unhandled, c.uncertain > 0 ? fmt::format(" {:>4} uncertain", c.uncertain) : "",
                     deliberate_note(run));
}

// `flowc runs orders.flow` means the flow in that file, as `flowc retry orders.flow` does; any
// other word is a flow's name. Nullopt (with the problem printed) when the file cannot be loaded.
std::string flow_name(const std::string& flow_or_file) {
  const std::filesystem::path path(flow_or_file);
  const bool flow_file = path.extension() == ".flow" || path.extension() == ".json";
  if (!flow_file || !std::filesystem::is_regular_file(path)) return flow_or_file;
  return load_flow(flow_or_file).flow.name;
}

int list_runs(const HistoryOptions& options) {
  std::optional<std::string> flow;
  if (!options.flow.empty()) flow = flow_name(options.flow);
  state::StateStore store(runtime::state_path(options.state));
  const auto runs = store.list_runs(flow, options.limit);
  if (options.format == "json") {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const state::RunRecord& run : runs) write_run(w, run);
    w.EndArray();
    fmt::print("{}\n", buffer.GetString());
    return kExitOk;
  }
  if (runs.empty() && flow) fmt::print("no runs of flow \"{}\" recorded in {}\n", *flow, store.path().string());
  if (runs.empty() && !flow) fmt::print("no runs recorded in {}\n", store.path().string());
  for (const state::RunRecord& run : runs) fmt::print("{}", run_line(run));
  return kExitOk;
}

void write_row(JsonWriter& w, const state::RowOutcome& outcome) {
  w.StartObject();
  w.Key("row");
  w.Uint64(outcome.row.row_number);
  json::put_member(w, "identity", outcome.row.identity);
  w.Key("handled");
  w.Bool(outcome.handled);
  w.Key("needs_retry");
  w.Bool(outcome.needs_retry);
  w.Key("held");
  w.Bool(outcome.row.held);
  json::put_member(w, "error", outcome.row.error);
  w.Key("sends");
  w.StartArray();
  for (const state::SendRecord& send : outcome.row.sends) state::write_send_record(w, send);
  w.EndArray();
  w.EndObject();
}

std::string row_line(const state::RowOutcome& outcome) {
  std::string line = fmt::format("row {:>6}  {}", outcome.row.row_number, outcome.row.held ? "[held] " : "");
  for (const state::SendRecord& send : outcome.row.sends) {
    line += fmt::format("{} {}", send.name, state::to_string(send.result));
    if (send.status != 0) line += fmt::format(" ({})", send.status);
    if (!send.response_id.empty()) line += fmt::format(" id={}", send.response_id);
    if (!send.errors.empty()) line += fmt::format(": {}", send.errors);
    if (send.unhandled) line += " [unhandled]";
    line += "  ";
  }
  if (!outcome.row.error.empty()) line += "error: " + outcome.row.error;
  return line + "\n";
}

int show_run(const HistoryOptions& options) {
  state::StateStore store(runtime::state_path(options.state));
  const std::optional<state::RunRecord> run = store.get_run(options.run);
  if (!run) throw UsageError(fmt::format("no run {} in {}", options.run, store.path().string()));
  const auto rows = store.run_rows(options.run);
  if (options.format == "json") {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("run");
    write_run(w, *run);
    w.Key("rows");
    w.StartArray();
    for (const state::RowOutcome& row : rows) write_row(w, row);
    w.EndArray();
    w.EndObject();
    fmt::print("{}\n", buffer.GetString());
    return kExitOk;
  }
  fmt::print("{}", run_line(*run));
  if (!run->error.empty()) fmt::print("  {}\n", run->error);
  for (const state::RowOutcome& row : rows) fmt::print("{}", row_line(row));
  return kExitOk;
}

}  // namespace

void register_history_commands(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* runs = app.add_subcommand("runs", "List recorded runs, newest first");
  runs->add_option("flow", options->flow, "Only runs of this flow: its name, or its .flow (or IR .json) file");
  runs->add_option("--limit", options->limit, "How many runs to list")->check(CLI::PositiveNumber);
  add_state_option(*runs, options->state);
  runs->add_option("--format", options->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  runs->callback([options, &exit_code] { exit_code = list_runs(*options); });

  CLI::App* show = app.add_subcommand("show", "Show one run's rows, failures first, with their error texts");
  show->add_option("run", options->run, "The run id (see `flowc runs`)")->required();
  add_state_option(*show, options->state);
  show->add_option("--format", options->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  show->callback([options, &exit_code] { exit_code = show_run(*options); });
}

}  // namespace flowc::cli

// Long on purpose (about 650 lines): this is one thing, the run loop of a flow. Its parts (rows
// in flight on the event loop up to the concurrency, sends with retries and rate limits, branches,
// the failure streak, the per-send payload arena) share the Interpreter's state from one row to
// the next; split across files, each part would need that state exposed in a header that only
// this file should see. Pieces with a purpose of their own already live beside it (conditions,
// payload, failure_streak, field_types, connector).
#include "runtime/interpreter/interpreter.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <random>
#include <unordered_map>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "runtime/eval/conditions.hpp"
#include "runtime/connector.hpp"
#include "runtime/eval/eval_error.hpp"
#include "runtime/interpreter/failure_streak.hpp"
#include "runtime/eval/field_types.hpp"
#include "runtime/eval/payload.hpp"
#include "base/redactor.hpp"
#include "runtime/state/sha256.hpp"

namespace flowc::runtime {

bool RunSummary::unhandled_failure() const {
  return std::any_of(sends.begin(), sends.end(), [](const SendCounts& c) { return c.unhandled > 0; });
}

namespace {

std::string generate_run_id() {
  std::random_device entropy;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y%m%dT%H%M%S}-{:04x}", now, entropy() & 0xffffu);
}

// What a saved source position belongs to: the source's connector and action, its fields as the
// run rendered them and the account's base URL, hashed (a base URL may carry a secret). A flow
// pointed at another sheet or service starts that one from the beginning.
std::string source_signature(const ir::Source& source, const rapidjson::Value& fields, const AccountConfig& account) {
  return state::sha256_hex(
      fmt::format("{}.{}\n{}\n{}", source.connector, source.action, to_json(fields), account.get("base_url")));
}

// Where a row is in its flow: a list of steps and the next one to run.
struct Frame {
  const std::vector<ir::Step>* steps;
  std::size_t next = 0;
  // Dry run: the branch conditions that lead here, as RunObserver::on_dry_send takes them; null
  // at the top. Kept by the interpreter, shared by every row.
  const std::vector<std::string>* heading = nullptr;
};

// One row in flight. Tasks are reused from row to row (see Interpreter::spare_tasks_), so
// reset() must bring back every member's starting value.
struct RowTask {
  Row row;
  std::vector<SendState> sends;
  std::vector<Frame> stack;
  // The send in progress: its exchange and its account's settings.
  const ir::Send* current = nullptr;
  std::unique_ptr<Exchange> exchange;
  bool exchange_started = false;  // its first request went out, or its local action was noted
  const AccountConfig* account = nullptr;
  std::string error;
  bool finished = false;

  // Ready for the row just read into `row`, keeping the memory of its vectors and send states.
  void reset(std::size_t send_count) {
    sends.resize(send_count);
    for (SendState& send : sends) send.clear();
    stack.clear();
    current = nullptr;
    exchange.reset();
    exchange_started = false;
    account = nullptr;
    error.clear();
    finished = false;
  }
};

// An account's lasting runtime pieces: its rate limiter, and its settings from its first send on.
// The settings (env values included) are read at that first send and kept only until the run
// ends: rebuilding them for every send was a fifth of the interpreter's time.
struct AccountRuntime {
  const ir::Account* account = nullptr;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<rapidjson::Document> settings;  // null until the first send
  AccountConfig config;                           // points into `settings`
};

// The account's `rate_limit`, else the limit its connector's manifest documents; null for none.
std::unique_ptr<RateLimiter> limiter_for(const ir::Account& account) {
  const ir::Field* rate = ir::find_field(account.fields, "rate_limit");
  if (rate != nullptr && rate->value.kind == ir::Value::Kind::Rate)
    return std::make_unique<RateLimiter>(static_cast<long>(rate->value.count), std::chrono::milliseconds(rate->value.millis));
  const manifest::ConnectorManifest* described = catalog::installed().find_manifest(account.connector);
  if (described == nullptr || !described->rate_limit) return nullptr;
  return std::make_unique<RateLimiter>(static_cast<long>(described->rate_limit->count),
                                       std::chrono::milliseconds(described->rate_limit->millis));
}


// The account fields a connector reads as settings; rates and durations configure the run
// itself (the rate limiter, timeouts) and are not passed on.
std::vector<ir::Field> settings_fields(const ir::Account& account) {
  std::vector<ir::Field> fields;
  for (const ir::Field& field : account.fields) {
    const auto kind = field.value.kind;
    if (kind != ir::Value::Kind::Rate && kind != ir::Value::Kind::Duration) fields.push_back(field);
  }
  return fields;
}

// Values of account fields the catalog marks secret never reach output, whatever their env name.
void mask_secret_settings(const ir::Account& account, const rapidjson::Document& settings) {
  const catalog::ConnectorSpec* connector = catalog::installed().find_connector(account.connector);
  if (connector == nullptr) return;
  for (const catalog::FieldSpec& field : connector->account_fields) {
    if (!field.secret) continue;
    const auto member = settings.FindMember(field.name.c_str());
    if (member == settings.MemberEnd() || !member->value.IsString()) continue;
    if (!mentions_unset_env(member->value.GetString())) redactor().add(member->value.GetString());
  }
}

// What the interpreter looks up once per send of the flow rather than for every row.
struct SendRuntime {
  const SendAction* action = nullptr;  // null: the runtime does not implement it
  AccountRuntime* account = nullptr;   // null: the account is not declared (an error when it runs)
  PayloadPlan plan;
};

// Every send's fields are built in one arena, cleared after each send: a document of its own
// would take a fresh 64 KB chunk from malloc for every send and give it back right after. The
// first block is reused; a payload that outgrows it borrows more, returned at the clear.
class PayloadArena {
 public:
  PayloadArena() : pool_(first_block_.data(), first_block_.size()) {}
  PayloadArena(const PayloadArena&) = delete;
  PayloadArena& operator=(const PayloadArena&) = delete;

  rapidjson::Document::AllocatorType& pool() { return pool_; }
  void clear() { pool_.Clear(); }

 private:
  alignas(std::max_align_t) std::array<char, 16 * 1024> first_block_;  // before pool_, which starts in it
  rapidjson::Document::AllocatorType pool_;
};

// Clears the arena when it leaves scope (declared before the documents that use the arena).
class ArenaReset {
 public:
  explicit ArenaReset(PayloadArena& arena) : arena_(arena) {}
  ArenaReset(const ArenaReset&) = delete;
  ArenaReset& operator=(const ArenaReset&) = delete;
  ~ArenaReset() { arena_.clear(); }

 private:
  PayloadArena& arena_;
};

const ConnectorSet& connectors_of(const RunOptions& options) {
  if (options.connectors == nullptr) throw std::logic_error("a run needs RunOptions::connectors");
  return *options.connectors;
}

class Interpreter {
 public:
  Interpreter(const ir::Flow& flow, const RunOptions& options, RunObserver& observer)
      : flow_(flow), options_(options), connectors_(connectors_of(options)), observer_(observer), conditions_(flow),
        failures_(flow, options.dry_run ? 0 : flow.settings.stop_after_failures) {
    facts_.flow_name = flow.name;
    facts_.flow_file = flow.file;
    facts_.run_id = options.run_id.empty() ? generate_run_id() : options.run_id;
    facts_.started_at = iso8601_now();
    facts_.placeholders_for_sends = options.dry_run;
    facts_.placeholders_for_unset_env = options.dry_run;
    for (const ir::Account& account : flow.accounts) accounts_.push_back({&account, limiter_for(account), nullptr, {}});
    sends_.resize(static_cast<std::size_t>(flow.send_count));
    ir::for_each_send(flow.steps, [this](const ir::Send& send) {
      facts_.send_index[send.name] = send.index;
      sends_[static_cast<std::size_t>(send.index)] = {
          connectors_.find_send(send.connector, send.action), find_account(send.account),
          plan_payload(send.fields, send_field_types(send.connector, send.action))};
    });
    summary_.run_id = facts_.run_id;
    summary_.sends.resize(static_cast<std::size_t>(flow.send_count));
    http_.set_before_transfers([this] { observer_.on_sends_leaving(); });
    retry_.max_retries = flow.settings.retries;
    retry_.timeout = std::chrono::milliseconds(flow.settings.timeout_millis);
  }

  RunSummary run(RowSource* given_rows) {
    std::unique_ptr<RowSource> own_rows;
    if (given_rows == nullptr) own_rows = open_source();
    RowSource& rows = given_rows != nullptr ? *given_rows : *own_rows;
    const auto concurrency = static_cast<std::size_t>(std::max(1, flow_.settings.concurrency));

    // Each turn starts rows in the places of those that finished, settles the finished rows when
    // they are due (see settle_due), then polls until a request ends or the next settle is due.
    bool source_done = false;
    while (true) {
      const std::size_t pending_before = http_.pending();
      while (!source_done && room_for_a_row(concurrency)) source_done = !start_next_row(rows);
      if (settle_due()) {
        let_new_sends_leave(pending_before);
        settle_finished_rows();
      }
      observer_.on_progress(summary_);
      if (source_done && in_flight_.empty()) break;
      // Rows in flight wait only for requests; with none pending (a dry run) there is nothing to
      // wait for, and a poll would only cost time.
      if (http_.pending() > 0) http_.poll(wait_before_settling());
    }
    if (source_exhausted_ && summary_.stopped_because.empty() && !options_.only_row && summary_.rows_with_errors == 0)
      summary_.source_position = rows.position();
    return summary_;
  }

 private:
  // Finished rows are settled (reported, and committed by the state store) in batches: at high
  // concurrency a commit per event-loop turn cost more than the rest of a row's work. A row waits
  // at most kSettleWindow after it finished, no more than kMaxUnsettled rows wait at once, and
  // nothing waits once no request is pending.
  static constexpr std::chrono::milliseconds kSettleWindow{5};
  static constexpr std::size_t kMaxUnsettled = 256;
  static constexpr std::chrono::milliseconds kIdleWait{100};
  static constexpr const char* kStopAsked = "asked to stop (SIGINT or SIGTERM): rows not read yet stay new";

  bool settle_due() const {
    if (finished_.empty()) return false;
    if (options_.dry_run || finished_.size() >= kMaxUnsettled || http_.pending() == 0) return true;
    return std::chrono::steady_clock::now() - first_finished_at_ >= kSettleWindow;
  }

  std::chrono::milliseconds wait_before_settling() const {
    if (finished_.empty()) return kIdleWait;
    const auto left = kSettleWindow - (std::chrono::steady_clock::now() - first_finished_at_);
    return std::clamp(std::chrono::ceil<std::chrono::milliseconds>(left), std::chrono::milliseconds(1), kIdleWait);
  }

  // The sends submitted this turn leave before the commit: a poll that does not wait stores the
  // notes they need (on_sends_leaving, no fsync) and puts them on the wire, so the commit runs
  // while the service works instead of before.
  void let_new_sends_leave(std::size_t pending_before) {
    if (!options_.dry_run && http_.pending() > pending_before) http_.poll(std::chrono::milliseconds(0));
  }

  // Whether another row may start now. A dry run takes one row at a time: its rows finish as they
  // start, and each row's lines print before the next row's.
  bool room_for_a_row(std::size_t concurrency) const {
    if (options_.dry_run) return in_flight_.empty();
    return in_flight_.size() - finished_.size() < concurrency && finished_.size() < kMaxUnsettled;
  }

  AccountRuntime* find_account(const std::string& name) {
    for (AccountRuntime& account : accounts_) {
      if (account.account->name == name) return &account;
    }
    return nullptr;
  }

  AccountRuntime& account_runtime(const std::string& name) {
    if (AccountRuntime* account = find_account(name)) return *account;
    throw RunError(fmt::format("account {} is not declared", name));
  }

  // The account's field block with env values read now, and the run's overrides on top.
  AccountConfig account_config(const std::string& name, rapidjson::Document& settings) {
    const AccountRuntime& runtime = account_runtime(name);
    const ir::Account& account = *runtime.account;
    RowScope scope(facts_, nullptr, nullptr);
    settings = build_payload(settings_fields(account), scope, account_field_types(account.connector));
    mask_secret_settings(account, settings);
    if (options_.account_overrides) {
      auto& allocator = settings.GetAllocator();
      for (const auto& [key, value] : options_.account_overrides(account)) {
        settings.RemoveMember(key.c_str());
        settings.AddMember(rapidjson::Value(key.c_str(), allocator), rapidjson::Value(value.c_str(), allocator),
                           allocator);
      }
    }
    AccountConfig config;
    config.name = account.name;
    config.connector = account.connector;
    config.settings = &settings;
    config.retry = retry_;
    config.limiter = runtime.limiter.get();
    config.flow_dir = std::filesystem::path(flow_.file).parent_path().string();
    config.insecure_tls = config.get("insecure_tls") == "true";
    config.dry_run = options_.dry_run;
    return config;
  }

  // The account's settings for a send, read at its first send in this run.
  const AccountConfig& send_account(const ir::Send& send) {
    AccountRuntime* known = sends_[static_cast<std::size_t>(send.index)].account;
    AccountRuntime& runtime = known != nullptr ? *known : account_runtime(send.account);  // throws: undeclared
    if (!runtime.settings) {
      auto settings = std::make_unique<rapidjson::Document>();
      runtime.config = account_config(send.account, *settings);
      runtime.settings = std::move(settings);
    }
    return runtime.config;
  }

  std::unique_ptr<RowSource> open_source() {
    const ir::Source& source = flow_.source;
    const SourceAction* action = connectors_.find_source(source.connector, source.action);
    if (action == nullptr) throw RunError(fmt::format("{}.{} cannot be read yet", source.connector, source.action));
    try {
      source_account_ = account_config(source.account, source_settings_);
      RowScope scope(facts_, nullptr, nullptr);
      const rapidjson::Document fields =
          build_payload(source.fields, scope, send_field_types(source.connector, source.action));
      summary_.source_signature = source_signature(source, fields, source_account_);
      std::optional<std::string> position;
      if (options_.source_position) position = options_.source_position(summary_.source_signature);
      return action->open_from(fields, source_account_, http_, position);
    } catch (const EvalError& e) {
      throw RunError(fmt::format("source {}: {}", source.name, redactor().redact(e.what())));
    } catch (const RunError&) {
      throw;
    } catch (const std::exception& e) {
      throw RunError(fmt::format("source {}: {}", source.name, redactor().redact(e.what())));
    }
  }

  // Reads one row and starts it; false at the end of the source or of --limit.
  bool start_next_row(RowSource& rows) {
    if (options_.limit && summary_.rows_read - summary_.rows_already_handled >= *options_.limit) return false;
    if (options_.stop != nullptr && options_.stop->load()) return stop_reading(kStopAsked);
    if (failures_.reached()) {
      summary_.stopped_after_failures = true;
      return stop_reading(failures_.reason());
    }
    // The row is read straight into a spare task, whose cells keep their memory from row to row.
    if (spare_tasks_.empty()) spare_tasks_.push_back(std::make_unique<RowTask>());
    RowTask& task = *spare_tasks_.front();
    try {
      if (!rows.next_into(task.row)) {
        source_exhausted_ = true;
        return false;
      }
    } catch (const DataError& e) {
      // A row the source could not read again at once ends the reading: it would fail forever.
      const bool read_on = e.row() != last_bad_row_;
      last_bad_row_ = e.row();
      note_row_number(e.row());
      if (options_.only_row && e.row() != *options_.only_row) return read_on;
      ++summary_.rows_read;
      ++summary_.rows_with_errors;
      report_source_error(e);
      return read_on;
    }
    note_row_number(task.row.number);
    if (options_.only_row && task.row.number != *options_.only_row) {
      if (options_.pass_over_row) options_.pass_over_row(task.row);
      return true;
    }
    ++summary_.rows_read;
    if (!admitted(task.row)) return true;

    task.reset(static_cast<std::size_t>(flow_.send_count));
    if (!passes_where(task)) return true;
    if (options_.seed_only) {
      observer_.on_row_seeded(task.row);
      ++summary_.rows_done;
      return true;
    }
    task.stack.push_back(Frame{&flow_.steps, 0, nullptr});
    in_flight_.splice(in_flight_.end(), spare_tasks_, spare_tasks_.begin());
    advance(task);
    return true;
  }

  void note_row_number(std::uint64_t number) {
    if (summary_.first_row_number == 0) summary_.first_row_number = number;
    summary_.last_row_number = std::max(summary_.last_row_number, number);
  }

  // Ends reading rows early for `reason`; the rows in flight still finish. False, for start_next_row.
  bool stop_reading(std::string reason) {
    summary_.stopped_because = std::move(reason);
    return false;
  }

  // Whether the row is new to the flow. A row that cannot be identified (its key cell is
  // empty) is reported and left for a later run.
  bool admitted(const Row& row) {
    if (!options_.admit_row) return true;
    try {
      if (options_.admit_row(row)) return true;
      ++summary_.rows_already_handled;
    } catch (const DataError& e) {
      ++summary_.rows_with_errors;
      report_source_error(e);
    }
    return false;
  }

  void report_source_error(const DataError& e) {
    Row row;
    row.number = e.row();
    std::vector<SendState> none(static_cast<std::size_t>(flow_.send_count));
    observer_.on_row_done(RowOutcome{&row, &none, redactor().redact(e.what())});
  }

  bool passes_where(RowTask& task) {
    if (!flow_.source.where) return true;
    RowScope scope(facts_, &task.row, nullptr);
    try {
      if (conditions_.evaluate(*flow_.source.where, scope)) return true;
    } catch (const EvalError& e) {
      ++summary_.rows_with_errors;
      observer_.on_row_done(RowOutcome{&task.row, &task.sends, fmt::format("where: {}", redactor().redact(e.what()))});
      return false;
    }
    ++summary_.rows_filtered_out;
    observer_.on_row_filtered(task.row);
    return false;
  }

  // Runs the row's steps until it waits for a response or ends.
  void advance(RowTask& task) {
    while (!task.exchange && !task.finished) {
      if (task.stack.empty()) return finish_row(task);
      Frame& frame = task.stack.back();
      if (frame.next == frame.steps->size()) {
        task.stack.pop_back();
        continue;
      }
      const ir::Step& step = (*frame.steps)[frame.next++];
      if (step.kind == ir::Step::Kind::If) {
        if (!enter_if(task, step.if_)) return finish_row(task);
        continue;
      }
      start_send(task, step.send);
    }
  }

  // Pushes the branch the row takes. A dry run cannot know the outcomes, so it visits every
  // branch, labelled with its condition.
  bool enter_if(RowTask& task, const ir::If& block) {
    if (options_.dry_run) {
      static const std::string kElse = "else";
      const std::vector<std::string>* outer = task.stack.back().heading;
      if (!block.else_body.empty()) {
        task.stack.push_back(Frame{&block.else_body, 0, &heading(outer, block.else_body, kElse)});
      }
      for (auto branch = block.branches.rbegin(); branch != block.branches.rend(); ++branch) {
        task.stack.push_back(Frame{&branch->body, 0, &heading(outer, branch->body, branch_label(branch->condition))});
      }
      return true;
    }
    RowScope scope(facts_, &task.row, &task.sends);
    try {
      for (const ir::Branch& branch : block.branches) {
        if (conditions_.evaluate(branch.condition, scope)) {
          task.stack.push_back(Frame{&branch.body, 0, nullptr});
          return true;
        }
      }
    } catch (const EvalError& e) {
      task.error = fmt::format("condition: {}", redactor().redact(e.what()));
      return false;
    }
    task.stack.push_back(Frame{&block.else_body, 0, nullptr});
    return true;
  }

  // The dry-run heading of a branch within `outer` ("if a / if b"), worked out once per branch
  // rather than for every row.
  const std::vector<std::string>& heading(const std::vector<std::string>* outer, const std::vector<ir::Step>& branch,
                                          const std::string& label) {
    auto [entry, added] = headings_.try_emplace({outer, &branch});
    if (added) entry->second = {outer == nullptr ? label : outer->front() + " / " + label};
    return entry->second;
  }

  // "if <condition>" for dry-run headings, worked out once per `if` rather than once per row.
  const std::string& branch_label(const ir::Condition& condition) {
    auto [label, added] = branch_labels_.try_emplace(&condition);
    if (added) label->second = "if " + ir::condition_text(condition);
    return label->second;
  }

  void start_send(RowTask& task, const ir::Send& send) {
    task.current = &send;
    const SendAction* action = sends_[static_cast<std::size_t>(send.index)].action;
    if (action == nullptr) return complete_send(task, fail_outcome(fmt::format("{}.{} is not available", send.connector, send.action)));
    if (!begin_exchange(task, send, *action)) return;
    task.exchange_started = false;
    if (!action->sends_requests() && !options_.dry_run) note_local_send(task, send);
    handle_step(task, task.exchange->start());
  }

  // A local action (a CSV append) acts inside start(), with no request to wait for: it is noted,
  // and the note stored, before it acts, as a request is before it leaves. A crash right after it
  // then holds its row instead of letting the next run append the line again.
  void note_local_send(RowTask& task, const ir::Send& send) {
    task.exchange_started = true;
    observer_.on_send_started(send, task.row);
    observer_.on_sends_leaving();
  }

  // Renders the send's fields and begins its exchange; false when the send ended right there
  // (a field could not be rendered, or a dry run previewed a local action). The fields live in
  // the payload arena only until the exchange has taken what it needs.
  bool begin_exchange(RowTask& task, const ir::Send& send, const SendAction& action) {
    const ArenaReset reset(payload_arena_);
    rapidjson::Document fields(&payload_arena_.pool());
    try {
      task.account = &send_account(send);
      RowScope scope(facts_, &task.row, &task.sends);
      fields = build_payload(send.fields, scope, sends_[static_cast<std::size_t>(send.index)].plan,
                             &payload_arena_.pool(), render_scratch_);
    } catch (const EvalError& e) {
      complete_send(task, fail_outcome(e.what()));
      return false;
    }
    if (options_.dry_run) {
      static const std::vector<std::string> kTopLevel{std::string()};
      const std::vector<std::string>* heading = task.stack.back().heading;
      observer_.on_dry_send(send, task.row, heading != nullptr ? *heading : kTopLevel);
      if (!action.sends_requests()) {
        preview_local_send(task, send, fields);
        return false;
      }
    }
    task.exchange = action.begin(fields, *task.account);
    return true;
  }

  // A dry run shows what a local action would write instead of doing it.
  void preview_local_send(RowTask& task, const ir::Send& send, const rapidjson::Document& fields) {
    HttpRequest preview;
    preview.method = "LOCAL";
    preview.url = send.connector + "." + send.action;
    preview.body = to_json(fields);
    observer_.on_request(send, task.row, preview, "not performed in a dry run");
    task.current = nullptr;
  }

  static SendOutcome fail_outcome(std::string errors) {
    SendOutcome outcome;
    outcome.errors = std::move(errors);
    return outcome;
  }

  // Follows an exchange: submits its next request or records its outcome.
  void handle_step(RowTask& task, ExchangeStep step) {
    const ir::Send& send = *task.current;
    if (step.outcome || !step.request) {
      task.exchange.reset();
      return complete_send(task, step.outcome ? std::move(*step.outcome) : fail_outcome("no request and no outcome"));
    }
    if (!options_.dry_run && !task.exchange_started) {
      task.exchange_started = true;
      observer_.on_send_started(send, task.row);
    }
    observer_.on_request(send, task.row, *step.request, step.note);
    if (options_.dry_run) {
      // Nothing is sent; later steps see placeholders for this send.
      task.exchange.reset();
      task.current = nullptr;
      return;
    }
    step.request->insecure_tls = task.account->insecure_tls;
    http_.submit(std::move(*step.request), task.account->retry, task.account->limiter,
                 [this, &task](HttpResponse response) {
                   observer_.on_response(*task.current, task.row, response);
                   handle_step(task, task.exchange->on_response(response));
                   advance(task);
                 },
                 std::move(step.advice));
  }

  void complete_send(RowTask& task, SendOutcome outcome) {
    const ir::Send& send = *task.current;
    SendState& state = task.sends[static_cast<std::size_t>(send.index)];
    state.result = outcome.success ? SendResult::Success : SendResult::Fail;
    state.errors = redactor().redact(outcome.errors);
    state.status = outcome.status;
    state.response = std::move(outcome.response);
    if (!outcome.not_json.empty()) state.not_json = redactor().redact(outcome.not_json);
    task.current = nullptr;
    task.exchange.reset();

    SendCounts& counts = summary_.sends[static_cast<std::size_t>(send.index)];
    if (outcome.success) {
      ++counts.success;
    } else {
      ++counts.fail;
      if (!send.result_examined) ++counts.unhandled;
    }
    observer_.on_send_done(send, task.row, state);
  }

  // The row waits in `finished_` until settle_finished_rows() reports it with the others that
  // finished meanwhile.
  void finish_row(RowTask& task) {
    failures_.add(task.sends);  // now, not when settled: the next row may start before that
    if (finished_.empty()) first_finished_at_ = std::chrono::steady_clock::now();
    task.finished = true;
    finished_.push_back(&task);
  }

  // Reports the finished rows in one batch (the state store commits them together), then counts
  // them and lets them go.
  void settle_finished_rows() {
    if (!finished_.empty()) {
      std::vector<RowOutcome>& outcomes = finished_outcomes_;
      outcomes.clear();
      for (const RowTask* task : finished_) outcomes.push_back(RowOutcome{&task->row, &task->sends, task->error});
      observer_.on_rows_done(outcomes);
      for (const RowTask* task : finished_) count_finished_row(*task);
      finished_.clear();
    }
    for (auto task = in_flight_.begin(); task != in_flight_.end();) {
      const auto next = std::next(task);
      if ((*task)->finished) spare_tasks_.splice(spare_tasks_.end(), in_flight_, task);
      task = next;
    }
  }

  void count_finished_row(const RowTask& task) {
    if (!options_.dry_run) {
      for (std::size_t i = 0; i < task.sends.size(); ++i) {
        if (task.sends[i].result == SendResult::Skipped) ++summary_.sends[i].skipped;
      }
    }
    if (task.error.empty()) ++summary_.rows_done;
    else ++summary_.rows_with_errors;
  }

  const ir::Flow& flow_;
  const RunOptions& options_;
  const ConnectorSet& connectors_;
  RunObserver& observer_;
  HttpClient http_;
  ConditionEvaluator conditions_;
  FailureStreak failures_;
  RunFacts facts_;
  RunSummary summary_;
  RetryPolicy retry_;
  std::vector<AccountRuntime> accounts_;
  rapidjson::Document source_settings_;
  AccountConfig source_account_;
  bool source_exhausted_ = false;  // the source said it has no more rows
  std::list<std::unique_ptr<RowTask>> in_flight_;
  // Finished tasks, kept to run later rows: a task's send states, frames and list node are made
  // once, not for every row. There are no more of them than rows were ever in flight at once.
  std::list<std::unique_ptr<RowTask>> spare_tasks_;
  std::vector<RowTask*> finished_;  // in in_flight_, finished but not yet reported
  std::chrono::steady_clock::time_point first_finished_at_;  // of the oldest row in finished_
  std::vector<RowOutcome> finished_outcomes_;  // what settle_finished_rows() reports, reused
  std::uint64_t last_bad_row_ = 0;
  std::unordered_map<const ir::Condition*, std::string> branch_labels_;
  // Dry-run headings by (outer heading, branch): std::map, since frames point into it.
  using HeadingKey = std::pair<const std::vector<std::string>*, const std::vector<ir::Step>*>;
  std::map<HeadingKey, std::vector<std::string>> headings_;
  PayloadArena payload_arena_;
  std::vector<SendRuntime> sends_;  // by Send::index
  std::string render_scratch_;              // templates of the send being built render here
};

}  // namespace

RunSummary run_flow(const ir::Flow& flow, const RunOptions& options, RunObserver& observer) {
  return Interpreter(flow, options, observer).run(nullptr);
}

RunSummary run_flow_on(const ir::Flow& flow, RowSource& rows, const RunOptions& options, RunObserver& observer) {
  return Interpreter(flow, options, observer).run(&rows);
}

}  // namespace flowc::runtime

#include "tools/flowtest/harness.hpp"

#include <fmt/format.h>

#include "base/json/json_util.hpp"
#include "base/json/json_writer.hpp"
#include "connectors/list.hpp"
#include "runtime/connector.hpp"
#include "tools/sandbox/files/csv.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::flowtest {

namespace {

using json::member;
using json::scalar_text;
using json::set_string;

WireReply stray_request(const ReceivedRequest& request) {
  return {500, fmt::format(R"({{"message": "flowc test: {} {} arrived while no send was running"}})", request.method,
                           request.path)};
}

// The record a csv append_row just wrote, as {column: value}: the file's header and its last record.
std::string last_csv_record(const std::string& path) {
  sandbox::CsvRows records = sandbox::read_csv_file(path);
  rapidjson::Document record(rapidjson::kObjectType);
  if (records.size() < 2) return to_json(record);
  const auto& header = records.front();
  const auto& last = records.back();
  for (std::size_t i = 0; i < header.size() && i < last.size(); ++i)
    set_string(record, header[i], last[i], record.GetAllocator());
  return to_json(record);
}

// The url without what may carry a credential: the user and password (SMTP puts them in the
// url) and the query.
std::string shown_url(const std::string& url) {
  std::string shown = url.substr(0, url.find('?'));
  const auto authority = shown.find("://");
  if (authority == std::string::npos) return shown;
  const auto path = shown.find('/', authority + 3);
  const auto at = shown.rfind('@', path);
  if (at != std::string::npos && at > authority) shown.erase(authority + 3, at - authority - 2);
  return shown;
}

}  // namespace

Harness::Harness(const TestSpec& spec, const ir::Flow& flow) : spec_(spec), flow_(flow) {
  for (const RowCase& row : spec_.rows) cases_[row.number] = &row;
}

void Harness::set_stand_ins(std::string http_url, std::string smtp_url) {
  http_url_ = std::move(http_url);
  smtp_url_ = std::move(smtp_url);
}

void Harness::on_request(const ir::Send& send, const runtime::Row& row, const runtime::HttpRequest& request,
                         const std::string&) {
  point_at(send, row);
  const std::string url = shown_url(request.url);
  if (url.starts_with(http_url_ + "/") || url == smtp_url_) return;
  std::lock_guard lock(mutex_);
  actual(row.number, send).blocked.push_back(request.method + " " + url);
}

void Harness::point_at(const ir::Send& send, const runtime::Row& row) {
  std::lock_guard lock(mutex_);
  send_ = &send;
  row_ = row.number;
}

ActualSend& Harness::actual(std::uint64_t row, const ir::Send& send) {
  ActualRow& actual_row = rows_[row];
  actual_row.sends.resize(static_cast<std::size_t>(flow_.send_count));
  return actual_row.sends[static_cast<std::size_t>(send.index)];
}

const Outcome& Harness::outcome_for(const ir::Send& send, std::uint64_t row) const {
  static const Outcome kPlainSuccess{true, std::make_shared<rapidjson::Document>(rapidjson::kObjectType), 0, {}, {}};
  if (auto it = cases_.find(row); it != cases_.end()) {
    if (auto found = it->second->outcomes.find(send.name); found != it->second->outcomes.end()) return found->second;
  }
  if (auto found = spec_.outcomes.find(send.name); found != spec_.outcomes.end()) return found->second;
  return kPlainSuccess;
}

WireReply Harness::answer(const ReceivedRequest& request) {
  // The token endpoint of a send whose auth fetches one (runner.cpp points it here).
  if (request.path.starts_with(sandbox::kExampleTokenPath))
    return {200, R"({"access_token":"flowtest-access-token","token_type":"Bearer","expires_in":3600})"};
  std::lock_guard lock(mutex_);
  if (send_ == nullptr) return stray_request(request);
  // A search (GET) transmits nothing of the row's fields; the update that follows does.
  if (!request.body.empty()) actual(row_, *send_).sent.push_back(request.body);
  return wire_reply(*send_, request.method, outcome_for(*send_, row_), ++sequence_);
}

void Harness::record_mail(const sandbox::ReceivedMail& mail) {
  rapidjson::Document sent(rapidjson::kObjectType);
  auto& alloc = sent.GetAllocator();
  set_string(sent, "from", mail.mail_from, alloc);
  rapidjson::Value to(rapidjson::kArrayType);
  for (const std::string& rcpt : mail.rcpt_to) to.PushBack(rapidjson::Value(rcpt.c_str(), alloc), alloc);
  sent.AddMember("to", to, alloc);
  set_string(sent, "message", mail.data, alloc);
  std::lock_guard lock(mutex_);
  if (send_ != nullptr) actual(row_, *send_).sent.push_back(to_json(sent));
}

void Harness::on_send_done(const ir::Send& send, const runtime::Row& row, const runtime::SendState& state) {
  // A csv append_row sends no request: what it "transmitted" is the record it wrote.
  if (runtime::connectors::installed_connectors().transport_of(send.connector) != runtime::Transport::LocalFiles ||
      state.result != runtime::SendResult::Success) {
    return;
  }
  auto path = scalar_text(state.response.IsObject() ? member(state.response, "path") : nullptr);
  if (!path) return;
  std::string record = last_csv_record(*path);
  std::lock_guard lock(mutex_);
  actual(row.number, send).sent.push_back(std::move(record));
}

void Harness::on_row_filtered(const runtime::Row& row) {
  std::lock_guard lock(mutex_);
  rows_[row.number].filtered_out = true;
}

void Harness::on_row_done(const runtime::RowOutcome& outcome) {
  std::lock_guard lock(mutex_);
  ActualRow& row = rows_[outcome.row->number];
  row.error = outcome.error;
  ir::for_each_send(flow_.steps, [&](const ir::Send& send) {
    const runtime::SendState& state = (*outcome.sends)[static_cast<std::size_t>(send.index)];
    ActualSend& sent = actual(outcome.row->number, send);
    sent.result = state.result;
    sent.status = state.status;
    sent.errors = state.errors;
  });
  // The next row may have started its send already: rows are reported done a turn of the event
  // loop after they finish.
  if (row_ == outcome.row->number) send_ = nullptr;
}

}  // namespace flowc::flowtest

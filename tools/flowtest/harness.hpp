// The observer side of a flow test: it knows which send of which row is talking (the run goes
// one row and one request at a time), answers that send's requests with the declared outcome,
// and keeps what each send transmitted and how it ended.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "tools/flowtest/spec.hpp"
#include "tools/flowtest/service/stub_service.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "tools/sandbox/mail/smtp_session.hpp"

namespace flowc::flowtest {

struct ActualSend {
  runtime::SendResult result = runtime::SendResult::Skipped;
  int status = 0;
  std::string errors;
  std::vector<std::string> sent;     // each transmitted body (JSON text), in order
  std::vector<std::string> blocked;  // "GET https://host/path": requests for a real host, kept offline
};

struct ActualRow {
  bool filtered_out = false;
  std::string error;              // a data error that stopped the row
  std::vector<ActualSend> sends;  // indexed by ir::Send::index
};

class Harness final : public runtime::RunObserver {
 public:
  Harness(const TestSpec& spec, const ir::Flow& flow);

  // Where the stand-ins listen; a request for anywhere else is recorded as blocked.
  void set_stand_ins(std::string http_url, std::string smtp_url);

  // Called on the stand-in server's threads.
  WireReply answer(const ReceivedRequest& request);
  void record_mail(const sandbox::ReceivedMail& mail);

  void on_send_started(const ir::Send& send, const runtime::Row& row) override { point_at(send, row); }
  void on_request(const ir::Send& send, const runtime::Row& row, const runtime::HttpRequest& request,
                  const std::string&) override;
  void on_send_done(const ir::Send& send, const runtime::Row& row, const runtime::SendState& state) override;
  void on_row_filtered(const runtime::Row& row) override;
  void on_row_done(const runtime::RowOutcome& outcome) override;

  // Safe once the run has returned.
  const std::map<std::uint64_t, ActualRow>& rows() const { return rows_; }

 private:
  void point_at(const ir::Send& send, const runtime::Row& row);
  ActualSend& actual(std::uint64_t row, const ir::Send& send);  // mutex_ held
  const Outcome& outcome_for(const ir::Send& send, std::uint64_t row) const;

  const TestSpec& spec_;
  const ir::Flow& flow_;
  std::map<std::uint64_t, const RowCase*> cases_;
  std::mutex mutex_;
  const ir::Send* send_ = nullptr;  // the send whose requests are going out now
  std::uint64_t row_ = 0;
  int sequence_ = 0;
  std::string http_url_;
  std::string smtp_url_;  // numbers the stand-in's ids (order ids, message ids)
  std::map<std::uint64_t, ActualRow> rows_;
};

}  // namespace flowc::flowtest

// Several RunObservers behind one: the run command shows progress and records state at once.
// Each event reaches the observers in the order given.
#pragma once

#include <vector>

#include "runtime/interpreter/interpreter.hpp"

namespace flowc::runtime {

class FanOutObserver : public RunObserver {
 public:
  explicit FanOutObserver(std::vector<RunObserver*> observers) : observers_(std::move(observers)) {}

  void on_request(const ir::Send& s, const Row& r, const HttpRequest& q, const std::string& n) override {
    for (RunObserver* o : observers_) o->on_request(s, r, q, n);
  }
  void on_response(const ir::Send& s, const Row& r, const HttpResponse& q) override {
    for (RunObserver* o : observers_) o->on_response(s, r, q);
  }
  void on_dry_send(const ir::Send& s, const Row& r, const std::vector<std::string>& b) override {
    for (RunObserver* o : observers_) o->on_dry_send(s, r, b);
  }
  void on_send_done(const ir::Send& s, const Row& r, const SendState& st) override {
    for (RunObserver* o : observers_) o->on_send_done(s, r, st);
  }
  void on_row_filtered(const Row& r) override {
    for (RunObserver* o : observers_) o->on_row_filtered(r);
  }
  void on_send_started(const ir::Send& s, const Row& r) override {
    for (RunObserver* o : observers_) o->on_send_started(s, r);
  }
  void on_sends_leaving() override {
    for (RunObserver* o : observers_) o->on_sends_leaving();
  }
  void on_row_seeded(const Row& r) override {
    for (RunObserver* o : observers_) o->on_row_seeded(r);
  }
  void on_row_done(const RowOutcome& outcome) override {
    for (RunObserver* o : observers_) o->on_row_done(outcome);
  }
  void on_rows_done(std::span<const RowOutcome> outcomes) override {
    for (RunObserver* o : observers_) o->on_rows_done(outcomes);
  }
  void on_progress(const RunSummary& summary) override {
    for (RunObserver* o : observers_) o->on_progress(summary);
  }

 private:
  std::vector<RunObserver*> observers_;
};

}  // namespace flowc::runtime

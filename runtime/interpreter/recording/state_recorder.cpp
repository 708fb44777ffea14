#include "runtime/interpreter/recording/state_recorder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/interpreter/after_crash.hpp"

namespace flowc::runtime {
namespace {

state::SendResult state_result(SendResult result) {
  switch (result) {
    case SendResult::Success: return state::SendResult::success;
    case SendResult::Fail: return state::SendResult::fail;
    case SendResult::Skipped: return state::SendResult::skipped;
  }
  return state::SendResult::skipped;
}

// The id the service gave the thing a send created or changed, when it gave one.
std::string response_id(const rapidjson::Value& response) {
  if (!response.IsObject()) return {};
  for (const char* name : {"id", "message_id"}) {
    const auto member = response.FindMember(name);
    if (member == response.MemberEnd()) continue;
    if (member->value.IsString()) return member->value.GetString();
    if (member->value.IsInt64()) return std::to_string(member->value.GetInt64());
  }
  return {};
}

state::SendRecord send_record(const ir::Send& send, const SendState& state) {
  state::SendRecord record;
  record.name = send.name;
  record.result = state_result(state.result);
  record.status = state.status;
  record.errors = state.errors;
  record.response_id = response_id(state.response);
  record.unhandled = state.result == SendResult::Fail && !send.result_examined;
  return record;
}

// The sends that ran, in the order they ran (document order: a row's steps run in sequence).
std::vector<state::SendRecord> ran_sends(const ir::Flow& flow, const std::vector<SendState>& states) {
  std::vector<state::SendRecord> out;
  ir::for_each_send(flow.steps, [&](const ir::Send& send) {
    const SendState& state = states[static_cast<std::size_t>(send.index)];
    if (state.result != SendResult::Skipped) out.push_back(send_record(send, state));
  });
  return out;
}

// A column name as `key` gives it: a bare name (a symbol) or text without references.
std::string column_name(const ir::Value& value) {
  if (value.kind != ir::Value::Kind::Template) return value.text;
  std::string name;
  for (const ir::TemplatePart& part : value.parts) name += part.text;
  return name;
}

// `key = id`, or `key = [order_id, sku]` for a key of several columns together.
state::KeyColumns key_columns(const ir::Value& value) {
  if (value.kind != ir::Value::Kind::List) return {column_name(value)};
  state::KeyColumns columns;
  for (const ir::Value& item : value.items) columns.push_back(column_name(item));
  return columns;
}

}  // namespace

NewRowPolicy new_row_policy(const ir::Source& source) {
  NewRowPolicy policy;
  for (const ir::Field& field : source.fields) {
    if (field.path.size() != 1) continue;
    if (field.path[0] == "key") policy.key_columns = key_columns(field.value);
    if (field.path[0] == "changed") policy.changed_counts_as_new = field.value.boolean;
  }
  return policy;
}

StateRecorder::StateRecorder(const ir::Flow& flow, state::StateStore& store, state::RunRecord run)
    : flow_(flow), store_(store), run_(std::move(run)), policy_(new_row_policy(flow.source)),
      identifier_(policy_.key_columns) {
  // Decided once per send, not per row: it depends only on the flow.
  ir::for_each_send(flow.steps, [this](const ir::Send& send) {
    const auto index = static_cast<std::size_t>(send.index);
    if (resend_after_crash_.size() <= index) resend_after_crash_.resize(index + 1, false);
    resend_after_crash_[index] = resend_after_crash(send);
  });
}

bool StateRecorder::admit_new(const Row& row) {
  state::RowId id = identify(row);
  const std::optional<std::string> handled_hash = store_.handled_content_hash(run_.flow, id.identity);
  const bool is_new = !handled_hash || (policy_.changed_counts_as_new && *handled_hash != id.content_hash);
  return is_new && track(row, std::move(id));
}

bool StateRecorder::admit_listed(const Row& row, const std::set<std::string>& identities) {
  state::RowId id = identify(row);
  return identities.count(id.identity) != 0 && track(row, std::move(id));
}

void StateRecorder::pass_over(const Row& row) {
  try {
    identifier_.identify(row);
  } catch (const DataError&) {
  }
}

bool StateRecorder::admit_any(const Row& row) { return track(row, identify(row)); }

state::RowId StateRecorder::identify(const Row& row) {
  state::RowId id = identifier_.identify(row);
  if (id.repeats_row != 0) refuse_repeated_key(row, id);
  return id;
}

bool StateRecorder::track(const Row& row, state::RowId id) {
  if (!identities_in_flight_.insert(id.identity).second) return false;
  in_flight_[row.number] = InFlightRow{std::move(id)};
  return true;
}

// The refused row is recorded under an identity of its own ("d:<row>:<key identity>"), never
// its key's: its record must neither settle nor stand for the outcome of the row that has the key.
void StateRecorder::refuse_repeated_key(const Row& row, const state::RowId& id) {
  state::RowId refused = id;
  refused.identity = fmt::format("d:{}:{}", row.number, id.identity);
  in_flight_[row.number] = InFlightRow{std::move(refused), false, true};
  throw state::repeated_key_error(row, policy_.key_columns, id.repeats_row);
}

void StateRecorder::forget(std::uint64_t row_number) {
  const auto id = in_flight_.find(row_number);
  if (id == in_flight_.end()) return;
  identities_in_flight_.erase(id->second.id.identity);
  in_flight_.erase(id);
}

state::RowRecord StateRecorder::row_record(const Row& row) const {
  state::RowRecord record;
  record.row_number = row.number;
  const auto id = in_flight_.find(row.number);
  if (id != in_flight_.end()) {
    record.identity = id->second.id.identity;
    record.content_hash = id->second.id.content_hash;
    record.notes_stored = id->second.noted;
    record.repeated_key = id->second.repeated_key;
  }
  return record;
}

void StateRecorder::on_send_started(const ir::Send& send, const Row& row) {
  const auto index = static_cast<std::size_t>(send.index);
  const bool resend = index < resend_after_crash_.size() && resend_after_crash_[index];
  notes_to_store_.push_back(state::SendNote{row_record(row), send.name, send.index, resend, std::nullopt});
  if (!resend) note_needed_before_leaving_ = true;
}

// The outcome rides on the send's note: still waiting to be stored, or stored already (then a note
// with the outcome goes with the next write). Neither needs a commit of its own: until it is
// stored, a crash lists the send as uncertain, as before.
void StateRecorder::on_send_done(const ir::Send& send, const Row& row, const SendState& state) {
  const auto in_flight = in_flight_.find(row.number);
  if (in_flight == in_flight_.end()) return;
  bool row_has_notes = in_flight->second.noted;
  for (auto note = notes_to_store_.rbegin(); note != notes_to_store_.rend(); ++note) {
    if (note->row.row_number != row.number) continue;
    if (note->send == send.name) {
      note->finished = send_record(send, state);
      return;
    }
    row_has_notes = true;
  }
  // No note of the row is stored or waiting: a crash leaves no trace of it to correct.
  if (!row_has_notes) return;
  // A send whose note is stored keeps the note's `resend_after_crash`. A send without a note never
  // started (its fields could not be rendered: every send that acts is noted first, requests and
  // local actions alike), so it holds nothing.
  notes_to_store_.push_back(state::SendNote{row_record(row), send.name, send.index, true, send_record(send, state)});
}

void StateRecorder::on_sends_leaving() {
  if (!note_needed_before_leaving_) return;
  store_.note_sends_started(run_, notes_to_store_);
  mark_noted(notes_to_store_);
  notes_to_store_.clear();
  note_needed_before_leaving_ = false;
}

// Remembers that these notes are in the store (after the commit that stored them), so that the
// rows' records clear them.
void StateRecorder::mark_noted(std::span<const state::SendNote> notes) {
  for (const state::SendNote& note : notes) {
    const auto row = in_flight_.find(note.row.row_number);
    if (row != in_flight_.end()) row->second.noted = true;
  }
}

void StateRecorder::on_row_done(const RowOutcome& outcome) {
  on_rows_done(std::span<const RowOutcome>(&outcome, 1));
}

void StateRecorder::on_rows_done(std::span<const RowOutcome> outcomes) {
  std::vector<state::RowRecord> records;
  records.reserve(outcomes.size());
  for (const RowOutcome& outcome : outcomes) {
    state::RowRecord record = row_record(*outcome.row);
    // A row the source could not even read (a data error) has no identity: nothing to record.
    if (record.identity.empty()) continue;
    record.sends = ran_sends(flow_, *outcome.sends);
    record.error = outcome.error;
    records.push_back(std::move(record));
  }
  // Notes of the rows recorded here would be cleared in the same commit: only those of rows still
  // in flight after it are stored.
  std::vector<std::uint64_t> recorded_here;
  recorded_here.reserve(records.size());
  for (const state::RowRecord& record : records) recorded_here.push_back(record.row_number);
  std::sort(recorded_here.begin(), recorded_here.end());
  notes_kept_.clear();
  for (state::SendNote& note : notes_to_store_) {
    const std::uint64_t row = note.row.row_number;
    if (in_flight_.contains(row) && !std::binary_search(recorded_here.begin(), recorded_here.end(), row)) {
      notes_kept_.push_back(std::move(note));
    }
  }
  notes_to_store_.clear();
  note_needed_before_leaving_ = false;
  store_.record_rows(run_, records, notes_kept_);
  mark_noted(notes_kept_);
  // Only now may a row of the same identity start again.
  for (const state::RowRecord& record : records) forget(record.row_number);
}

void StateRecorder::on_row_seeded(const Row& row) {
  const auto id = in_flight_.find(row.number);
  if (id == in_flight_.end()) return;
  store_.seed(run_.flow, std::span<const state::RowId>(&id->second.id, 1));
  forget(row.number);
}

state::RunCounts StateRecorder::counts(const RunSummary& summary) {
  state::RunCounts counts;
  counts.rows_read = static_cast<std::int64_t>(summary.rows_read);
  counts.filtered = static_cast<std::int64_t>(summary.rows_filtered_out);
  counts.done = static_cast<std::int64_t>(summary.rows_done);
  counts.errors = static_cast<std::int64_t>(summary.rows_with_errors);
  for (const SendCounts& send : summary.sends) {
    counts.success += static_cast<std::int64_t>(send.success);
    counts.fail += static_cast<std::int64_t>(send.fail);
    counts.skipped += static_cast<std::int64_t>(send.skipped);
    counts.unhandled += static_cast<std::int64_t>(send.unhandled);
  }
  return counts;
}

}  // namespace flowc::runtime

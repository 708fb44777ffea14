// A row's sends as one JSON array in its row_outcomes record (schema version 4): written with the
// row in one insert, read back with it in one query. Each element is an object with the fields of
// SendRecord: {"name", "result", "status", "errors", "response_id", "unhandled"}; SQL reads them
// with json_each (the interrupted run's counts).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state/run_records.hpp"

namespace flowc::runtime::state {

std::string sends_json(std::span<const SendRecord> sends);
// One element of that array; `flowc show --format json` prints a row's sends the same way. The
// stored text is pinned by its own test (TheTextIsPlainJsonThatSqlCanRead), so a change meant for
// the command's output cannot change the files silently.
void write_send_record(rapidjson::Writer<rapidjson::StringBuffer>& writer, const SendRecord& send);
// Throws std::invalid_argument when `json` is not such an array.
std::vector<SendRecord> parse_sends_json(std::string_view json);

// One send alone, as write_send_record writes it: the outcome of a finished send of a row still in
// flight, kept with the send's note in sends_in_flight (schema version 5).
std::string send_json(const SendRecord& send);
// Throws std::invalid_argument when `json` is not such an object.
SendRecord parse_send_json(std::string_view json);

}  // namespace flowc::runtime::state

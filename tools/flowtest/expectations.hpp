// Checks a test file against its flow (every send it names exists) and a finished run against
// the test's expectations.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "ir/ir.hpp"
#include "tools/flowtest/harness.hpp"
#include "tools/flowtest/runner.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

// Throws SpecError when an outcome or expectation names a send the flow does not have, or
// declares a failure for a send whose stand-in cannot fail (email, csv).
void check_send_names(const TestSpec& spec, const ir::Flow& flow);

// One result per row of the spec, in the spec's order.
std::vector<CaseResult> compare_rows(const TestSpec& spec, const ir::Flow& flow,
                                     const std::map<std::uint64_t, ActualRow>& rows);

}  // namespace flowc::flowtest

// How `flowc test` shows results: a readable report with a diff per failing row, or JUnit XML
// for CI servers.
#pragma once

#include <string>
#include <vector>

#include "tools/flowtest/runner.hpp"

namespace flowc::flowtest {

// One line per passing file; for each failing row, expected vs actual per send; a summary.
std::string text_report(const std::vector<FileResult>& results);

// The differences of one row, indented, as text_report prints them.
std::string diff_text(const CaseResult& result);

// A <testsuites> document: one <testsuite> per file, one <testcase> per row; a file that could
// not run is one <testcase> with an <error>.
std::string junit_report(const std::vector<FileResult>& results);

}  // namespace flowc::flowtest

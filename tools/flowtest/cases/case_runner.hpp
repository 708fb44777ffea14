// Runs a connector's cases (case_file.hpp) offline: a loopback server answers each request with
// the manifest's example the case names (tools/sandbox/stubs/example_stub.hpp, as `flowc sandbox`
// does), the send or listing goes through the real engine, and the request the server received
// and the outcome are compared with the case's.
#pragma once

#include <string>
#include <vector>

#include "ir/manifest/connector_manifest.hpp"
#include "tools/flowtest/cases/case_file.hpp"

namespace flowc::flowtest {

struct CaseOutcome {
  std::string name;
  std::vector<std::string> differences;  // "request.path: expected ..., got ..."
  bool passed() const { return differences.empty(); }
};

std::vector<CaseOutcome> run_connector_cases(const manifest::ConnectorManifest& connector, const CaseFile& cases);

}  // namespace flowc::flowtest

// The environment variables a flow reads, found in its IR before a run starts: a name misspelt
// or unset then stops the run before its first row, instead of failing every row's send (and
// leaving the rows handled by the flow's `if`, so that no later run sends them).
#pragma once

#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace flowc::runtime {

// One variable and the first place that reads it ("account crm", "send update", "condition").
struct EnvRead {
  std::string name;
  std::string place;
  Span span;
};

// Everything: accounts, the source, sends and conditions. Source: only what reading the rows
// needs (the source's account, its fields and `where`), for runs that send nothing.
enum class EnvReach { Everything, Source };

// Each variable once, by name.
std::vector<EnvRead> env_reads(const ir::Flow& flow, EnvReach reach = EnvReach::Everything);

// The env_reads that the environment lacks now.
std::vector<EnvRead> unset_env(const ir::Flow& flow, EnvReach reach = EnvReach::Everything);

// The error for unset variables: every name, where the flow reads it, and what to do.
std::string unset_env_message(const ir::Flow& flow, const std::vector<EnvRead>& unset);

}  // namespace flowc::runtime

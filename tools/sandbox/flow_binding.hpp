// Binds a flow to a running sandbox: every account pointed at the stand-in of its service, and
// the credentials the flow reads from the environment filled with harmless values when unset.
// Used by `flowc run --sandbox` and by the end-to-end tests.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ir/ir.hpp"
#include "tools/sandbox/sandbox.hpp"

namespace flowc::sandbox {

using AccountOverrides = std::function<std::vector<std::pair<std::string, std::string>>(const ir::Account&)>;

// Settings that point an account at the sandbox (base_url, token_url, smtp_url); none for
// connectors the sandbox does not stand in for. The sandbox must outlive the function.
AccountOverrides account_overrides(const Sandbox& sandbox);

// Sets each environment variable the flow reads and the environment lacks (real values are
// left alone: they only ever reach the loopback sandbox).
void fill_missing_env(const ir::Flow& flow);

}  // namespace flowc::sandbox

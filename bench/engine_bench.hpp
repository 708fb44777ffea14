// The connectors the interpreter benchmark runs with FLOWC_BENCH_ENGINE=1: keepincrm, telegram
// and http performed by the manifest engine from connectors/*/*.connector (under FLOWC_SOURCE_DIR,
// default the current folder), the others as built in.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::bench {

const runtime::ConnectorSet& engine_connectors();

}  // namespace flowc::bench

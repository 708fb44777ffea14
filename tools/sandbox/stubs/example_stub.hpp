// The stand-in for every connector the sandbox has no code for (a user's connector, a catalog
// manifest): it answers from the manifest's own `example` blocks. A request is matched to the
// action whose method and path template it fits; the action's first success example is the
// answer. A lookup's search finds one record; a listing's later pages are empty, so a source
// reads the example page once and ends. Nothing it answers reaches the real service.
#pragma once

#include <string_view>

#include "ir/manifest/connector_manifest.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

// Where a connector's accounts point in the sandbox: `/examples/<connector>`.
inline constexpr std::string_view kExamplesPath = "/examples/";
// Under it, the token endpoint of an auth that fetches one: it issues a sandbox token to anyone.
inline constexpr std::string_view kExampleTokenPath = "/_token";

// What `flowc connectors test`'s case asks for: the action it runs (first among those the request
// fits) and the example to answer with.
struct ExamplePreference {
  std::string_view action;
  std::string_view example;
};

// The answer to `method` `path` (the request's path under `/examples/<connector>`) with `params`.
StubResponse example_answer(const manifest::ConnectorManifest& connector, std::string_view method,
                            std::string_view path, const QueryParams& params, const ExamplePreference& preferred = {});

}  // namespace flowc::sandbox

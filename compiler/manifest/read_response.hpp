// The `response`, `retry`, `pagination`, `cursor` and `example` blocks: how an answer is judged
// and read, when a request is repeated, how a listing goes on.
#pragma once

#include "compiler/manifest/block_reader.hpp"
#include "compiler/manifest/read_fields.hpp"

namespace flowc::manifest {

// Fills `action.response` and `spec`'s response_fields / open_response from `response { ... }`.
void read_response(const TreeBlock* block, Problems& problems, const FieldList& fields, ActionManifest& action,
                   catalog::ActionSpec& spec);
RetryRules read_retry(const TreeBlock* block, Problems& problems);
std::optional<Pagination> read_pagination(const TreeBlock* block, Problems& problems, const FieldList& fields);
std::optional<IncrementalCursor> read_cursor(const TreeBlock* block, Problems& problems);
std::vector<Example> read_examples(BlockReader& action);

}  // namespace flowc::manifest

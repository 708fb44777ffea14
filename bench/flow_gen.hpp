// A large, valid flow for the compiler benchmark: many sends, deeply nested `if`s and long
// templates, the shapes that cost the most per line.
#pragma once

#include <cstddef>
#include <string>

namespace flowc::bench {

// Flow text of at least `lines` lines.
std::string generate_flow(std::size_t lines);

}  // namespace flowc::bench

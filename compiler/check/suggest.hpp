// "did you mean ...?" for misspelt names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// Levenshtein distance, byte-wise.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` when close enough to be a plausible typo, else empty. A candidate
// that differs only in ASCII case always is.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// "did you mean `title`?" or, with no close candidate, `fallback`.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates, std::string fallback = {});

}  // namespace flowc

// The files a command works on when it is given files and folders (`flowc check`, `flowc test`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::cli {

// Each path that is a file, as given; for a folder, every file under it (recursively) whose name
// ends in `extension` (".flow"), sorted so that output is the same on every machine. Nullopt,
// with an error on stderr, when a path is neither a file nor a folder or no file is found.
std::optional<std::vector<std::string>> collect_files(const std::vector<std::string>& paths,
                                                      std::string_view extension);

}  // namespace flowc::cli

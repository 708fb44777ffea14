// The files a command works on when it is given files and folders (`flowc check`, `flowc test`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flowc::cli {

// Each path that is a file, as given; for a folder, every file under it (recursively) whose name
// ends in `extension` (".flow"), sorted so that output is the same on every machine. Throws
// UsageError when a path is neither a file nor a folder or no file is found.
std::vector<std::string> collect_files(const std::vector<std::string>& paths, std::string_view extension);

}  // namespace flowc::cli

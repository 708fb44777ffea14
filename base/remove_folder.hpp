// Removing a temporary folder while another thread of the process may still write into it (a run
// ended at once by a second Ctrl-C removes its scratch files while a row is still in flight).
#pragma once

#include <filesystem>

namespace flowc {

// Removes `folder` and everything in it, never throwing. std::filesystem::remove_all lists the
// folder, removes what it listed, then the folder: a file created in between (an SQLite journal,
// a line appended to a new csv file) makes the last step fail and leaves the folder behind. So it
// tries again until the folder is gone; once it is, nothing can be created inside it any more.
void remove_folder(const std::filesystem::path& folder);

}  // namespace flowc

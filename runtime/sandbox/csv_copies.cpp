#include "runtime/sandbox/csv_copies.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace flowc::sandbox {
namespace {

namespace fs = std::filesystem;

// The account's `dir` as written, with env.X read now; empty when it has none.
std::string dir_setting(const ir::Account& account) {
  for (const ir::Field& field : account.fields) {
    if (field.path.size() != 1 || field.path[0] != "dir") continue;
    std::string text;
    for (const ir::TemplatePart& part : field.value.parts) {
      if (!part.is_ref) {
        text += part.text;
      } else if (part.ref.root == ir::RefRoot::Env) {
        const char* value = std::getenv(part.ref.path.at(0).c_str());
        text += value != nullptr ? value : "";
      }
    }
    return text;
  }
  return {};
}

// The folder the csv account's relative paths start from, as the csv connector resolves it.
fs::path account_folder(const ir::Account& account, const ir::Flow& flow) {
  const fs::path dir = dir_setting(account);
  if (dir.is_absolute()) return dir;
  return (fs::absolute(fs::path(flow.file).parent_path()) / dir).lexically_normal();
}

bool hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.';
}

void copy_folder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  if (!fs::is_directory(from)) return;  // a folder still to be made: the copy starts empty
  for (auto entry = fs::recursive_directory_iterator(from); entry != fs::recursive_directory_iterator(); ++entry) {
    const fs::path target = to / fs::relative(entry->path(), from);
    if (entry->is_directory()) {
      if (hidden(entry->path())) {
        entry.disable_recursion_pending();
      } else {
        fs::create_directories(target);
      }
    } else if (entry->is_regular_file()) {
      fs::copy_file(entry->path(), target, fs::copy_options::overwrite_existing);
    }
  }
}

fs::path new_root() {
  static std::atomic<int> counter{0};
  fs::path root = fs::temp_directory_path() / fmt::format("flowc-sandbox-files-{}-{}", getpid(), counter++);
  fs::create_directories(root);
  return root;
}

}  // namespace

CsvFolderCopies::CsvFolderCopies(const ir::Flow& flow) {
  for (const ir::Account& account : flow.accounts) {
    if (account.connector != "csv") continue;
    if (root_.empty()) root_ = new_root();
    const fs::path copy = root_ / std::to_string(copies_.size());
    const fs::path folder = account_folder(account, flow);
    try {
      copy_folder(folder, copy);
    } catch (const fs::filesystem_error& e) {
      remove();  // the destructor does not run for a constructor that throws
      throw std::runtime_error(
          fmt::format("sandbox: cannot copy {} for account {}: {}", folder.string(), account.name, e.what()));
    }
    copies_.emplace(account.name, copy);
  }
}

CsvFolderCopies::~CsvFolderCopies() { remove(); }

void CsvFolderCopies::remove() {
  std::error_code ignored;
  if (!root_.empty()) fs::remove_all(root_, ignored);
}

std::vector<std::pair<std::string, std::string>> CsvFolderCopies::overrides(const ir::Account& account) const {
  const auto copy = copies_.find(account.name);
  if (copy == copies_.end()) return {};
  return {{"dir", copy->second.string()}};
}

}  // namespace flowc::sandbox

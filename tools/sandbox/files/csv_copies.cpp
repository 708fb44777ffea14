#include "tools/sandbox/files/csv_copies.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "connectors/csv/csv_file.hpp"
#include "connectors/list.hpp"
#include "runtime/connector.hpp"

namespace flowc::sandbox {
namespace {

namespace fs = std::filesystem;

// A field's text when it is the same for every row (literal text and env.X, read now); nullopt
// when it reads the row or an earlier send.
std::optional<std::string> fixed_text(const ir::Value& value) {
  std::string text;
  for (const ir::TemplatePart& part : value.parts) {
    if (!part.is_ref) {
      text += part.text;
    } else if (part.ref.root == ir::RefRoot::Env) {
      const char* env = std::getenv(part.ref.path.at(0).c_str());
      text += env != nullptr ? env : "";
    } else {
      return std::nullopt;
    }
  }
  return text;
}

// The account's `dir` as written, with env.X read now; empty when it has none.
std::string dir_setting(const ir::Account& account) {
  const ir::Field* dir = ir::find_field(account.fields, "dir");
  return dir != nullptr ? fixed_text(dir->value).value_or("") : "";
}

// `/data/x.csv` or `../x.csv`: the path does not stay inside the account's folder.
bool leaves_folder(const fs::path& path) {
  const fs::path normal = path.lexically_normal();
  return normal.is_absolute() || (!normal.empty() && *normal.begin() == "..");
}

// The files the account's source and sends name, relative to its folder; nullopt when a path is
// computed per row (then the whole folder is copied). A send whose file lies outside the folder
// would change the user's file whatever the copy: refused. A source outside it is only read, and
// read where it is.
std::optional<std::vector<fs::path>> named_files(const ir::Account& account, const ir::Flow& flow) {
  std::vector<fs::path> files;
  bool fixed = true;
  auto add = [&](const std::vector<ir::Field>& fields, const std::string* send) {
    const ir::Field* path = ir::find_field(fields, "path");
    const std::optional<std::string> text = path != nullptr ? fixed_text(path->value) : std::nullopt;
    if (!text) {
      fixed = false;
    } else if (!leaves_folder(*text)) {
      files.emplace_back(*text);
    } else if (send != nullptr) {
      throw std::runtime_error(
          fmt::format("sandbox: send {} writes to {}, outside the folder of account {} that the sandbox copies, so it "
                      "would change your file; give the account a `dir` that holds the file and a path inside it",
                      *send, *text, account.name));
    }
  };
  if (flow.source.account == account.name) add(flow.source.fields, nullptr);
  ir::for_each_send(flow.steps, [&](const ir::Send& send) {
    if (send.account == account.name) add(send.fields, &send.name);
  });
  if (!fixed) return std::nullopt;
  return files;
}

// The folder the csv account's relative paths start from, as the csv connector resolves it.
fs::path account_folder(const ir::Account& account, const ir::Flow& flow) {
  // A flow named without a folder (`flowc run --sandbox orders.flow`) lies in the current one.
  const fs::path parent = fs::path(flow.file).parent_path();
  const std::string flow_dir = fs::absolute(parent.empty() ? fs::path(".") : parent).string();
  // "folder/." normalizes to "folder/": its parent path is the folder without the trailing slash.
  return fs::path(runtime::connectors::csv_file_path(".", dir_setting(account), flow_dir)).lexically_normal().parent_path();
}

bool hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.';
}

void copy_files(const fs::path& from, const std::vector<fs::path>& files, const fs::path& to) {
  fs::create_directories(to);
  for (const fs::path& file : files) {
    const fs::path target = (to / file).lexically_normal();
    fs::create_directories(target.parent_path());
    if (fs::is_regular_file(from / file)) fs::copy_file(from / file, target, fs::copy_options::overwrite_existing);
  }
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

}  // namespace

// A constructor that throws still destroys root_, which removes the copies made so far.
CsvFolderCopies::CsvFolderCopies(const ir::Flow& flow) {
  for (const ir::Account& account : flow.accounts) {
    if (runtime::connectors::installed_connectors().transport_of(account.connector) == runtime::Transport::LocalFiles)
      copy_account_folder(account, flow);
  }
}

void CsvFolderCopies::copy_account_folder(const ir::Account& account, const ir::Flow& flow) {
  if (!root_) root_.emplace("flowc-sandbox-files");
  const fs::path copy = root_->path() / std::to_string(copies_.size());
  const fs::path folder = account_folder(account, flow);
  try {
    // Only the files the flow names, when it names them all: the folder may hold much else.
    if (const auto files = named_files(account, flow)) {
      copy_files(folder, *files, copy);
    } else {
      copy_folder(folder, copy);
    }
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error(
        fmt::format("sandbox: cannot copy {} for account {}: {}", folder.string(), account.name, e.what()));
  }
  copies_.emplace(account.name, copy);
}

void CsvFolderCopies::remove() const {
  if (root_) root_->remove();
}

std::vector<std::pair<std::string, std::string>> CsvFolderCopies::overrides(const ir::Account& account) const {
  const auto copy = copies_.find(account.name);
  if (copy == copies_.end()) return {};
  return {{"dir", copy->second.string()}};
}

}  // namespace flowc::sandbox

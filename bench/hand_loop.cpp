// What a user would write instead of a flow: a C++ loop that reads the same CSV, applies the
// same `where`, and formats the same three requests per row (URL, headers, JSON body) that the
// interpreter's dry run renders for bench/flows/interp.flow. No framework, no IR, no checks
// beyond what the data needs: the bar the interpreter is measured against.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/measure.hpp"
#include "bench/modes.hpp"

namespace flowc::bench {
namespace {

// RFC 4180 records from a file through a fixed buffer.
class CsvReader {
 public:
  explicit CsvReader(const char* path) : file_(std::fopen(path, "rb"), &std::fclose) {
    if (!file_) throw std::runtime_error(fmt::format("cannot open {}", path));
  }

  bool next(std::vector<std::string>& cells) {
    cells.clear();
    std::string cell;
    bool quoted = false, any = false;
    for (int c; (c = get()) != EOF;) {
      any = true;
      if (quoted) {
        if (c != '"')
          cell += static_cast<char>(c);
        else if (peek() == '"')
          cell += static_cast<char>(get());
        else
          quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.push_back(std::move(cell));
        cell.clear();
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        cell += static_cast<char>(c);
      }
    }
    if (!any) return false;
    cells.push_back(std::move(cell));
    return true;
  }

 private:
  int get() {
    if (pos_ == len_ && !fill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int peek() {
    if (pos_ == len_ && !fill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  bool fill() {
    len_ = std::fread(buf_, 1, sizeof buf_, file_.get());
    pos_ = 0;
    return len_ > 0;
  }

  std::unique_ptr<FILE, int (*)(FILE*)> file_;
  char buf_[1 << 16];
  std::size_t pos_ = 0, len_ = 0;
};

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        else
          out += c;
    }
  }
  out += '"';
}

// A number cell goes out as a JSON number, anything else as a string (as the catalog types `total`).
void append_json_number(std::string& out, std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789.-") == std::string_view::npos)
    out += text;
  else
    append_json_string(out, text);
}

struct Request {
  std::string method, url, body;
  std::vector<std::pair<std::string, std::string>> headers;
};

std::size_t column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw std::runtime_error(fmt::format("no column {}", name));
}

}  // namespace

int hand_loop_bench(int argc, char** argv) {
  if (argc < 1) throw std::invalid_argument("usage: hand CSV");
  const std::string crm = "https://api.keepincrm.com/v1", key = "bench-key";
  const std::string bot = "https://api.telegram.org/botbench-token/sendMessage";
  CsvReader reader(argv[0]);
  std::vector<std::string> cells;
  if (!reader.next(cells)) throw std::runtime_error("empty CSV");
  const std::vector<std::string> header = cells;
  const std::size_t id = column(header, "id"), status = column(header, "status"), product = column(header, "product"),
                    qty = column(header, "qty"), amount = column(header, "amount"),
                    customer = column(header, "customer"), note = column(header, "note");

  const double start = now_seconds();
  std::size_t rows = 0, done = 0, bytes = 0;
  for (std::uint64_t number = 2; reader.next(cells); ++number) {
    ++rows;
    cells.resize(header.size());
    if (cells[id].empty() || cells[status] == "draft") continue;
    ++done;
    const std::string title = fmt::format("{} x {}", cells[product], cells[qty]);
    Request requests[3];
    requests[0] = {"PATCH", fmt::format("{}/agreements/{}", crm, cells[id]), "{\"title\":", {}};
    append_json_string(requests[0].body, title);
    requests[0].body += ",\"total\":";
    append_json_number(requests[0].body, cells[amount]);
    requests[0].body += ",\"comment\":";
    append_json_string(requests[0].body, fmt::format("row {}: {}", number, cells[note]));
    requests[0].body += '}';
    requests[1] = {"POST", crm + "/agreements", "{\"title\":", {}};
    append_json_string(requests[1].body, title);
    requests[1].body += ",\"total\":";
    append_json_number(requests[1].body, cells[amount]);
    requests[1].body += ",\"client_attributes\":{\"person\":";
    append_json_string(requests[1].body, cells[customer]);
    requests[1].body += "}}";
    requests[2] = {"POST", bot, "{\"chat_id\":\"42\",\"text\":", {}};
    append_json_string(requests[2].body,
                       fmt::format("Order {} for {} failed: {}", cells[id], cells[customer], "<create.errors>"));
    requests[2].body += '}';
    for (Request& request : requests) {
      request.headers = {{"X-Auth-Token", key}, {"Accept", "application/json"}, {"Content-Type", "application/json"}};
      bytes += request.url.size() + request.body.size();
    }
  }
  const double seconds = now_seconds() - start;
  fmt::print("rows={}\nrows_done={}\nbytes={}\n", rows, done, bytes);
  fmt::print("seconds={:.3f}\nrows_per_s={:.0f}\npeak_rss_mb={:.1f}\n", seconds, static_cast<double>(rows) / seconds,
             peak_rss_mb());
  return 0;
}

}  // namespace flowc::bench

#include "connectors/csv/csv_file.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <stdexcept>

#include "connectors/csv/csv_header.hpp"
#include "runtime/json_util.hpp"
#include "runtime/rows/csv_appender.hpp"
#include "runtime/rows/csv_source.hpp"

namespace flowc::runtime::connectors {

namespace {

std::string resolve_path(const rapidjson::Value& fields, const AccountConfig& account) {
  const std::string path = text_field(fields, "path");
  if (path.empty()) throw std::invalid_argument("csv needs a `path`");
  return csv_file_path(path, account.get("dir"), account.flow_dir);
}

char read_delimiter(const rapidjson::Value& fields) {
  return csv_delimiter(text_field(fields, "delimiter", ","));
}

// `columns.NAME = value` arrives as {"columns": {"NAME": value}}; non-text values are written as JSON.
CsvAppender::Fields record_of(const rapidjson::Value& fields) {
  CsvAppender::Fields record;
  const rapidjson::Value* columns = member(fields, "columns");
  if (columns == nullptr || !columns->IsObject() || columns->MemberCount() == 0)
    throw std::invalid_argument("csv append_row needs at least one `columns.NAME = value`");
  for (const auto& entry : columns->GetObject()) {
    std::string name(entry.name.GetString(), entry.name.GetStringLength());
    if (entry.value.IsNull()) {
      record.emplace_back(std::move(name), "");
    } else {
      record.emplace_back(std::move(name), scalar_text(&entry.value).value_or(to_json(entry.value)));
    }
  }
  return record;
}

// The append happens in start(), not begin(): begin() only prepares, so building an exchange has
// no effect on the disk.
class AppendRowExchange final : public Exchange {
 public:
  AppendRowExchange(const rapidjson::Value& fields, const AccountConfig& account) {
    try {
      path_ = resolve_path(fields, account);
      delimiter_ = read_delimiter(fields);
      record_ = record_of(fields);
    } catch (const std::exception& e) {
      problem_ = e.what();
    }
  }

  ExchangeStep start() override {
    if (!problem_.empty()) return ExchangeStep::fail(problem_);
    try {
      CsvAppender appender(path_, delimiter_);
      appender.append(record_);
    } catch (const std::exception& e) {
      return ExchangeStep::fail(e.what());
    }
    SendOutcome outcome;
    outcome.success = true;
    outcome.response.SetObject();
    set_string(outcome.response, "path", path_, outcome.response.GetAllocator());
    return ExchangeStep::finish(std::move(outcome));
  }

  ExchangeStep on_response(const HttpResponse&) override {
    return ExchangeStep::fail("csv append_row sends no request");
  }

 private:
  std::string path_;
  char delimiter_ = ',';
  CsvAppender::Fields record_;
  std::string problem_;
};

class AppendRowAction final : public SendAction {
 public:
  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override {
    return std::make_unique<AppendRowExchange>(fields, account);
  }
  bool sends_requests() const override { return false; }
};

class NewRowsAction final : public SourceAction {
 public:
  std::optional<SourceHeader> read_header(const WrittenFields& fields, const WrittenFields& account_fields,
                                          std::string_view flow_dir) const override {
    return read_csv_header(fields, account_fields, flow_dir);
  }

  std::unique_ptr<RowSource> open(const rapidjson::Value& fields, const AccountConfig& account,
                                  HttpClient&) const override {
    CsvOptions options;
    try {
      options.delimiter = read_delimiter(fields);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
    const rapidjson::Value* header = member(fields, "header");
    if (header != nullptr && header->IsBool()) options.header = header->GetBool();
    if (auto text = scalar_text(header); text && !header->IsBool()) options.header = *text != "false";
    options.encoding = csv_encoding(text_field(fields, "encoding"));
    try {
      return std::make_unique<CsvSource>(resolve_path(fields, account), options);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
  }
};

}  // namespace

std::string csv_encoding(std::string_view written) {
  return written == "utf-8" ? std::string() : std::string(written);
}

std::string csv_file_path(std::string_view path, std::string_view dir, std::string_view flow_dir) {
  const std::filesystem::path written(path);
  if (written.is_absolute()) return written.string();
  const std::filesystem::path base(dir);
  if (base.is_absolute()) return (base / written).string();
  return (std::filesystem::path(flow_dir) / base / written).lexically_normal().string();
}

char csv_delimiter(std::string_view written) {
  if (written == "tab" || written == "\\t") return '\t';
  if (written.size() != 1 || written == "\"" || written == "\n" || written == "\r")
    throw std::invalid_argument(
        fmt::format("delimiter must be one character (not a quote or line break), not \"{}\"", written));
  return written[0];
}

const SourceAction& csv_new_rows_action() {
  static const NewRowsAction action;
  return action;
}

const SendAction& csv_append_row_action() {
  static const AppendRowAction action;
  return action;
}

const Connector& csv_connector() {
  static const std::array<NamedAction<SendAction>, 1> kSends{{{"append_row", &csv_append_row_action()}}};
  static const std::array<NamedAction<SourceAction>, 1> kSources{{{"new_rows", &csv_new_rows_action()}}};
  static const Connector kConnector{"csv", kSends, kSources, Transport::LocalFiles};
  return kConnector;
}

}  // namespace flowc::runtime::connectors

#include "tools/sandbox/sandbox.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>
#include <utility>

#include "tools/sandbox/http_routes.hpp"
#include "tools/sandbox/json_text.hpp"
#include "tools/sandbox/services.hpp"
#include "tools/sandbox/mail/smtp_sink.hpp"
#include "tools/sandbox/stand_ins.hpp"

namespace flowc::sandbox {

namespace {
constexpr std::size_t kWorkerThreads = 128;
constexpr std::size_t kKeepAliveRequests = 100'000;  // per connection, before httplib closes it
// Connections that may wait to be accepted. httplib's (compiled into its library) is 5: a client
// opening more at once (a run at concurrency 32, wrk) overflows it, and each dropped SYN costs a
// one-second retransmit before the connection is made.
constexpr int kListenBacklog = 1024;
}  // namespace

namespace {

constexpr const char* kHost = "127.0.0.1";

LoggedRequest mail_as_request(const ReceivedMail& mail) {
  std::string recipients;
  for (const auto& to : mail.rcpt_to) recipients += (recipients.empty() ? "<" : ", <") + to + ">";
  return {"smtp", "DATA", fmt::format("from <{}> to {}", mail.mail_from, recipients), "", mail.data, 250};
}

rapidjson::Value messages_value(const std::vector<TelegramMessage>& messages,
                                rapidjson::Document::AllocatorType& alloc) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& message : messages) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("message_id", rapidjson::Value(static_cast<int64_t>(message.message_id)), alloc);
    item.AddMember("chat_id", json_string(message.chat_id, alloc), alloc);
    item.AddMember("text", json_string(message.text, alloc), alloc);
    item.AddMember("parse_mode", json_string(message.parse_mode, alloc), alloc);
    item.AddMember("disable_web_page_preview", message.disable_web_page_preview, alloc);
    list.PushBack(item, alloc);
  }
  return list;
}

rapidjson::Value mails_value(const std::vector<ReceivedMail>& mails, rapidjson::Document::AllocatorType& alloc) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& mail : mails) {
    rapidjson::Value item(rapidjson::kObjectType);
    rapidjson::Value to(rapidjson::kArrayType);
    for (const auto& rcpt : mail.rcpt_to) to.PushBack(json_string(rcpt, alloc), alloc);
    item.AddMember("from", json_string(mail.mail_from, alloc), alloc);
    item.AddMember("to", to, alloc);
    item.AddMember("data", json_string(mail.data, alloc), alloc);
    list.PushBack(item, alloc);
  }
  return list;
}

}  // namespace

struct Sandbox::Impl {
  explicit Impl(SandboxOptions opts)
      : options(std::move(opts)),
        log(options.on_request),
        faults((validate_faults(options.faults), options.faults)),
        services{KeepinCrmStub(options.keepincrm_token, OrderRejectRule(options.faults.reject_orders_matching)),
                 TelegramStub(options.telegram_token), SheetsStub(options.data_dir, options.sheets_api_key), HttpEcho{}},
        smtp([this](const ReceivedMail& mail) { log.add(mail_as_request(mail)); }) {}

  SandboxOptions options;
  RequestLog log;
  FaultInjector faults;
  Services services;
  SmtpSink smtp;
  httplib::Server server;
  std::thread server_thread;
  int port = 0;
  int listen_socket = -1;  // httplib's, seen as it is set up
  bool running = false;
};

Sandbox::Sandbox(SandboxOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Sandbox::~Sandbox() {
  stop();
}

void Sandbox::start() {
  if (impl_->running) throw std::runtime_error("sandbox: already started");
  const auto& data_dir = impl_->options.data_dir;
  if (!data_dir.empty()) {
    if (!std::filesystem::is_directory(data_dir)) {
      throw std::runtime_error(fmt::format("sandbox: data directory {} does not exist", data_dir.string()));
    }
    impl_->services.keepincrm.seed_from_dir(data_dir);
  }
  install_routes(impl_->server, impl_->services, impl_->faults, impl_->log,
                 {[this] { return requests_json(); }, [this] { return state_json(); }});

  // httplib writes a response's head and body separately; without TCP_NODELAY, Nagle holds the
  // body until the client's delayed ACK (40 ms), capping a keep-alive connection at ~25 requests/s.
  impl_->server.set_tcp_nodelay(true);
  // A keep-alive connection holds its worker thread until it closes, so the pool must be larger
  // than the clients' connection count (flowc keeps one per request in flight), or the extra
  // connections wait out another's keep-alive timeout.
  impl_->server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  // httplib closes a keep-alive connection after 5 requests by default, so every client paid a
  // new connection per 5 requests (a fifth of the calls at concurrency 32), which the services it
  // stands in for do not make them pay.
  impl_->server.set_keep_alive_max_count(kKeepAliveRequests);
  // httplib's default also sets SO_REUSEPORT, which would let two sandboxes share a port silently.
  impl_->server.set_socket_options([this](int socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl_->listen_socket = socket;
  });
  impl_->smtp.start(impl_->options.smtp_port);
  int wanted = impl_->options.port;
  impl_->port = wanted == 0 ? impl_->server.bind_to_any_port(kHost) : wanted;
  if (impl_->port <= 0 || (wanted != 0 && !impl_->server.bind_to_port(kHost, wanted))) {
    impl_->smtp.stop();
    throw std::runtime_error(fmt::format("sandbox: cannot listen on {}:{} (is the port in use?)", kHost, wanted));
  }
  // Listening again on a listening socket only changes its backlog (Linux).
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, kListenBacklog);
  impl_->server_thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // Server::stop() is a no-op until the accept loop has begun, so wait for it: a sandbox stopped
  // right after start() must not leave the loop running forever.
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->running = true;
}

void Sandbox::stop() {
  if (!impl_->running) return;
  impl_->server.stop();
  if (impl_->server_thread.joinable()) impl_->server_thread.join();
  impl_->smtp.stop();
  impl_->running = false;
}

int Sandbox::port() const {
  return impl_->port;
}
int Sandbox::smtp_port() const {
  return impl_->smtp.port();
}

std::string Sandbox::base_url(std::string_view service) const {
  const StandIn* stand_in = find_stand_in(service);
  if (stand_in != nullptr && stand_in->base_path.empty()) return smtp_url();
  if (stand_in != nullptr) return fmt::format("http://{}:{}{}", kHost, impl_->port, stand_in->base_path);
  throw std::invalid_argument(fmt::format("the sandbox has no service named '{}'", service));
}

std::string Sandbox::smtp_url() const {
  return fmt::format("smtp://{}:{}", kHost, impl_->smtp.port());
}

std::vector<LoggedRequest> Sandbox::requests() const {
  return impl_->log.snapshot();
}
std::vector<TelegramMessage> Sandbox::telegram_messages() const {
  return impl_->services.telegram.messages();
}
std::vector<ReceivedMail> Sandbox::mails() const {
  return impl_->smtp.mails();
}
std::string Sandbox::orders_json() const {
  return impl_->services.keepincrm.orders_json();
}
std::optional<std::string> Sandbox::order_json(long long id) const {
  return impl_->services.keepincrm.order_json(id);
}

void Sandbox::set_sheet(const std::string& spreadsheet, const std::string& sheet,
                        std::vector<std::vector<std::string>> rows) {
  impl_->services.sheets.store().set_sheet(spreadsheet, sheet, std::move(rows));
}

std::string Sandbox::requests_json() const {
  return impl_->log.to_json();
}

std::string Sandbox::state_json() const {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  rapidjson::Document orders;
  parse_json_document(orders, orders_json());
  doc.AddMember("orders", rapidjson::Value(orders, alloc), alloc);
  doc.AddMember("telegram_messages", messages_value(telegram_messages(), alloc), alloc);
  doc.AddMember("mails", mails_value(mails(), alloc), alloc);
  return to_json(doc);
}

std::string Sandbox::received_summary() const {
  std::map<std::string, std::vector<LoggedRequest>> by_service;
  for (auto& request : requests()) by_service[request.service].push_back(std::move(request));
  if (by_service.empty()) return "sandbox: no service received anything\n";
  std::string summary;
  for (const auto& [service, requests] : by_service) {
    summary += fmt::format("{}: {} request{}\n", service, requests.size(), requests.size() == 1 ? "" : "s");
    for (const auto& request : requests) summary += "  " + format_log_line(request) + "\n";
  }
  return summary;
}

}  // namespace flowc::sandbox

// A real HTTP server on loopback for end-to-end tests: it records every request it receives
// and answers with whatever the test's responder returns.
#pragma once

#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace flowc::testing {

struct ReceivedRequest {
  std::string method;
  std::string path;  // without the query
  std::multimap<std::string, std::string> params;
  httplib::Headers headers;
  std::string body;
  std::string target;  // the path and query as sent, undecoded
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Reply {
  Reply(int status_code = 200, std::string json_body = "{}") : status(status_code), body(std::move(json_body)) {}
  int status;
  std::string body;
  std::string content_type = "application/json";
  httplib::Headers headers;
  int delay_ms = 0;
};

class RecordingServer {
 public:
  // `responder` sees each request and the number of requests received before it.
  using Responder = std::function<Reply(const ReceivedRequest&, std::size_t count)>;

  explicit RecordingServer(Responder responder) : responder_(std::move(responder)) {
    server_.set_keep_alive_max_count(1000);
    server_.set_tcp_nodelay(true);  // no Nagle delay between a response's head and body
    // Each keep-alive connection holds a worker: room for every request a test keeps in flight.
    server_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    auto handler = [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); };
    for (const char* pattern : {".*"}) {
      server_.Get(pattern, handler);
      server_.Post(pattern, handler);
      server_.Put(pattern, handler);
      server_.Patch(pattern, handler);
      server_.Delete(pattern, handler);
    }
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  ~RecordingServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void serve(const httplib::Request& request, httplib::Response& response) {
    ReceivedRequest received{request.method, request.path, request.params, request.headers, request.body, request.target};
    std::size_t count;
    {
      std::lock_guard lock(mutex_);
      count = received_.size();
      received_.push_back(received);
    }
    const Reply reply = responder_(received, count);
    if (reply.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
    response.status = reply.status;
    for (const auto& [name, value] : reply.headers) response.set_header(name, value);
    response.set_content(reply.body, reply.content_type);
  }

  Responder responder_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
};

}  // namespace flowc::testing

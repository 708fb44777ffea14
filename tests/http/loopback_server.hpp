// A real HTTP server on 127.0.0.1 and a free port, serving on its own thread for one test.
#pragma once

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace flowc::test {

class LoopbackServer {
 public:
  LoopbackServer() {
    // More workers than the default 8, so concurrency tests measure the client, not the server.
    server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    server_.set_keep_alive_max_count(1000);
    server_.set_tcp_nodelay(true);  // no Nagle delay between header and body writes
    server_.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listen_socket_ = sock;
    });
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& server() { return server_; }

  // Call after registering handlers.
  void start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    // cpp-httplib 0.11 (built into Debian's shared library) listens with a backlog of 5; with 20
    // clients connecting at once the kernel drops SYNs and a test would measure TCP's 1 s SYN
    // retransmission instead of the client. Listening again only enlarges the queue.
    ::listen(listen_socket_, 128);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // The socket already listens, but stop() is ignored until the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void stop() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  std::thread thread_;
  socket_t listen_socket_ = INVALID_SOCKET;
  int port_ = 0;
};

// A port on which nothing listens: bound once to learn a free number, then released.
int unused_port();

}  // namespace flowc::test

#include "tools/flowtest/service/stub_service.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace flowc::flowtest {

StubService::StubService(Answer answer) : answer_(std::move(answer)), server_(std::make_unique<httplib::Server>()) {
  auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    std::string path = request.target.empty() ? request.path : request.target;
    WireReply reply = answer_({request.method, path, request.body});
    response.status = reply.status;
    response.set_content(reply.body, "application/json");
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Patch(".*", handler);
  server_->Delete(".*", handler);
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot listen on a loopback port for the test services");
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  // listen_after_bind() returns at once when it fails; do not wait for it forever.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      server_->stop();
      listener_.join();
      throw std::runtime_error("the loopback server for the test services did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

StubService::~StubService() {
  server_->stop();
  if (listener_.joinable()) listener_.join();
}

std::string StubService::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

}  // namespace flowc::flowtest

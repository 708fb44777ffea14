// One loopback HTTP server that stands in for every HTTP service a flow under test talks to.
// Each request is handed to a callback that decides the answer (and records what was sent).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "tools/flowtest/service/wire_reply.hpp"

namespace httplib {
class Server;
}

namespace flowc::flowtest {

struct ReceivedRequest {
  std::string method;
  std::string path;  // with the query
  std::string body;
};

class StubService {
 public:
  using Answer = std::function<WireReply(const ReceivedRequest&)>;

  // Listens on 127.0.0.1 at a free port. Throws std::runtime_error when it cannot.
  explicit StubService(Answer answer);
  ~StubService();
  StubService(const StubService&) = delete;
  StubService& operator=(const StubService&) = delete;

  std::string url() const;  // "http://127.0.0.1:PORT"

 private:
  Answer answer_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace flowc::flowtest

// The sandbox's listening socket takes bursts of connections: its accept backlog, read back from
// the kernel the way `ss -lt` reads it (sock_diag over netlink), is far above httplib's 5.
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <optional>

#include "sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

struct ListenInfo {
  bool diag_available = false;    // the kernel answered the sock_diag dump at all
  std::optional<unsigned> backlog;  // of the socket on the port, when it was listed
};

// The accept backlog of the TCP socket listening on 127.0.0.1:`port` (idiag_wqueue holds the
// backlog for listening sockets).
ListenInfo listen_info(int port) {
  ListenInfo info;
  const int netlink = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (netlink < 0) return info;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } message{};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  message.request.sdiag_family = AF_INET;
  message.request.sdiag_protocol = IPPROTO_TCP;
  message.request.idiag_states = 1u << TCP_LISTEN;
  if (::send(netlink, &message, sizeof message, 0) == static_cast<ssize_t>(sizeof message)) {
    alignas(nlmsghdr) std::array<char, 64 * 1024> buffer;
    for (bool done = false; !done;) {
      ssize_t got = ::recv(netlink, buffer.data(), buffer.size(), 0);
      if (got <= 0) break;
      for (auto* header = reinterpret_cast<nlmsghdr*>(buffer.data()); NLMSG_OK(header, static_cast<unsigned>(got));
           header = NLMSG_NEXT(header, got)) {
        if (header->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        info.diag_available = true;
        if (header->nlmsg_type == NLMSG_DONE) {
          done = true;
          break;
        }
        const auto* socket = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
        if (ntohs(socket->id.idiag_sport) == port) info.backlog = socket->idiag_wqueue;
      }
    }
  }
  ::close(netlink);
  return info;
}

TEST_F(SandboxTest, ListensWithRoomForABurstOfConnections) {
  start();
  const ListenInfo info = listen_info(sandbox_->port());
  // A machine whose kernel or sandbox refuses sock_diag cannot show the backlog at all.
  if (!info.diag_available) GTEST_SKIP() << "the kernel does not answer sock_diag here";
  ASSERT_TRUE(info.backlog.has_value()) << "no listening socket found on port " << sandbox_->port();
  EXPECT_GE(*info.backlog, 1024u);
}

}  // namespace
}  // namespace flowc::sandbox::testing

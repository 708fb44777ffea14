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

// The accept backlog of the TCP socket listening on 127.0.0.1:`port`, or nullopt when the kernel
// names none (idiag_wqueue holds the backlog for listening sockets).
std::optional<unsigned> listen_backlog(int port) {
  const int netlink = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (netlink < 0) return std::nullopt;
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
  std::optional<unsigned> backlog;
  if (::send(netlink, &message, sizeof message, 0) == static_cast<ssize_t>(sizeof message)) {
    alignas(nlmsghdr) std::array<char, 64 * 1024> buffer;
    for (bool done = false; !done;) {
      ssize_t got = ::recv(netlink, buffer.data(), buffer.size(), 0);
      if (got <= 0) break;
      for (auto* header = reinterpret_cast<nlmsghdr*>(buffer.data()); NLMSG_OK(header, static_cast<unsigned>(got));
           header = NLMSG_NEXT(header, got)) {
        if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        const auto* socket = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
        if (ntohs(socket->id.idiag_sport) == port) backlog = socket->idiag_wqueue;
      }
    }
  }
  ::close(netlink);
  return backlog;
}

TEST_F(SandboxTest, ListensWithRoomForABurstOfConnections) {
  start();
  const std::optional<unsigned> backlog = listen_backlog(sandbox_->port());
  ASSERT_TRUE(backlog.has_value()) << "no listening socket found on port " << sandbox_->port();
  EXPECT_GE(*backlog, 1024u);
}

}  // namespace
}  // namespace flowc::sandbox::testing

// Configuring a curl easy handle for one HTTP or SMTP attempt and reading its outcome.
#include "runtime/http/http_transfer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "base/http_redact.hpp"
#include "base/text/ascii.hpp"

namespace flowc::runtime {

namespace {

// Far above any API answer a flow handles; a larger body means something is wrong, and holding it
// all in memory for every row in flight would be the bigger problem.
constexpr std::size_t kMaxBodyBytes = 64u * 1024u * 1024u;
// Only what connectors speak: no file://, no ftp:// from a URL built out of row data.
constexpr const char* kAllowedProtocols = "http,https,smtp,smtps";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char p, char t) {
           return p == std::tolower(static_cast<unsigned char>(t));
         });
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n", 0) != std::string_view::npos;
}

bool is_method_token(std::string_view method) {
  return !method.empty() && std::all_of(method.begin(), method.end(),
                                        [](unsigned char c) { return std::isalpha(c) || c == '-' || c == '_'; });
}

bool equals_ignoring_case(std::string_view text, std::string_view lower_case) {
  return text.size() == lower_case.size() && starts_with_ignoring_case(text, lower_case);
}

// A header line for curl, written into `line` (reused across headers: curl copies it);
// "Name;" is curl's way of sending a header with an empty value.
const char* header_line(std::string& line, const std::string& name, const std::string& value) {
  line.assign(name);
  if (value.empty()) return line.append(";").c_str();
  return line.append(": ").append(value).c_str();
}

std::string url_host(const std::string& url) {
  std::string host;
  CURLU* parsed = curl_url();
  if (parsed == nullptr) return host;
  char* part = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) {
    host = part;
    curl_free(part);
  }
  curl_url_cleanup(parsed);
  return host;
}

}  // namespace

bool is_smtp_url(std::string_view url) {
  return starts_with_ignoring_case(url, "smtp://") || starts_with_ignoring_case(url, "smtps://");
}

bool is_loopback_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (ascii::lower(host) == "localhost") return true;
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

bool repeat_could_duplicate(const std::string& method, int status, CURLcode code) {
  if (method != "POST") return false;
  if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY) {
    return false;
  }
  if (code != CURLE_OK) return true;  // timed out or reset after sending: it may have arrived
  return status != 408 && status != 429 && status != 503;
}

bool is_permanent_transport_error(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_WRITE_ERROR:  // only raised by on_body refusing an oversized body
    case CURLE_READ_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_USE_SSL_FAILED:  // the mail server does not offer STARTTLS
      return true;
    default: return false;
  }
}

HttpTransfer::~HttpTransfer() {
  free_lists();
}

void HttpTransfer::free_lists() {
  curl_slist_free_all(header_list_);
  curl_slist_free_all(recipient_list_);
  header_list_ = nullptr;
  recipient_list_ = nullptr;
}

std::string HttpTransfer::prepare(CURL* easy, const HttpRequest& request, const RetryPolicy& policy) {
  curl_easy_reset(easy);  // a reused handle keeps no option of its previous request
  free_lists();
  easy_ = easy;
  request_ = &request;
  upload_offset_ = 0;
  body_too_large_ = false;
  error_buffer_[0] = '\0';
  response_ = HttpResponse{};
  if (request.url.empty()) return "the request has no URL";
  std::string problem = set_common_options(policy);
  if (!problem.empty()) return problem;
  return is_smtp_url(request.url) ? set_smtp_options() : set_http_options();
}

std::string HttpTransfer::set_common_options(const RetryPolicy& policy) {
  // Proxy settings are deliberately left alone: libcurl then honours http_proxy, https_proxy and
  // no_proxy from the environment. TLS peer and host verification are on unless the account set
  // insecure_tls; set explicitly so the one exception is visible where the transfer is made.
  curl_easy_setopt(easy_, CURLOPT_URL, request_->url.c_str());
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, request_->insecure_tls ? 0L : 1L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, request_->insecure_tls ? 0L : 2L);
  if (curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, kAllowedProtocols) != CURLE_OK) {
    return "this libcurl cannot restrict protocols to http, https, smtp and smtps";
  }
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM
  curl_easy_setopt(easy_, CURLOPT_TCP_KEEPALIVE, 1L);
  if (policy.timeout.count() > 0)
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(policy.timeout.count()));
  if (policy.connect_timeout.count() > 0) {
    curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(policy.connect_timeout.count()));
  }
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &HttpTransfer::on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  return "";
}

std::string HttpTransfer::set_http_options() {
  const HttpRequest& request = *request_;
  if (!is_method_token(request.method)) return "the HTTP method \"" + request.method + "\" is not a valid method name";
  const bool sends_body =
      !request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (request.method == "HEAD") {
    curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET" && !sends_body) {
    curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (sends_body) {
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, request.body.c_str());
  }
  bool has_expect = false;
  std::string problem;
  std::string line;
  request.for_each_header([&](const std::string& name, const std::string& value) {
    if (!problem.empty()) return;
    if (name.empty() || name.find_first_of(": \t\r\n") != std::string::npos) {
      problem = "the header name \"" + name + "\" is not valid";
    } else if (has_line_break(value)) {
      problem = "the value of header \"" + name + "\" contains a line break";  // not quoted: a credential
    } else {
      has_expect = has_expect || equals_ignoring_case(name, "expect");
      header_list_ = curl_slist_append(header_list_, header_line(line, name, value));
    }
  });
  if (!problem.empty()) return problem;
  // Waiting for "100 Continue" before a large body costs a round trip (or a full second when the
  // server ignores it); APIs answer errors after the body just as well.
  if (!has_expect) header_list_ = curl_slist_append(header_list_, "Expect:");
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &HttpTransfer::on_header);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  return "";
}

std::string HttpTransfer::set_smtp_options() {
  const HttpRequest& request = *request_;
  if (request.mail_from.empty()) return "an email needs a sender address";
  if (request.mail_rcpt.empty()) return "an email needs at least one recipient";
  if (has_line_break(request.mail_from)) return "the sender address contains a line break";
  for (const std::string& recipient : request.mail_rcpt) {
    if (recipient.empty() || has_line_break(recipient)) return "a recipient address is empty or contains a line break";
    recipient_list_ = curl_slist_append(recipient_list_, recipient.c_str());
  }
  curl_easy_setopt(easy_, CURLOPT_MAIL_FROM, request.mail_from.c_str());
  curl_easy_setopt(easy_, CURLOPT_MAIL_RCPT, recipient_list_);
  curl_easy_setopt(easy_, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(easy_, CURLOPT_READFUNCTION, &HttpTransfer::on_upload);
  curl_easy_setopt(easy_, CURLOPT_READDATA, this);
  curl_easy_setopt(easy_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  // smtp:// must upgrade with STARTTLS or fail: credentials and mail never cross a network in clear
  // text, and a server (or attacker) that omits STARTTLS cannot silently downgrade us. Only a
  // loopback host is exempt, because the traffic never leaves the machine; that is what lets a
  // local sandbox sink without a certificate receive mail in tests and dry runs.
  const bool loopback = is_loopback_host(url_host(request.url));
  curl_easy_setopt(easy_, CURLOPT_USE_SSL, static_cast<long>(loopback ? CURLUSESSL_NONE : CURLUSESSL_ALL));
  return "";
}

HttpResponse HttpTransfer::finish(CURLcode code) {
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  response_.status = static_cast<int>(status);
  if (code != CURLE_OK) {
    std::string text = body_too_large_         ? "the response body is larger than 64 MiB"
                       : error_buffer_[0] != 0 ? std::string(error_buffer_)
                                               : std::string(curl_easy_strerror(code));
    response_.error = redact_url(std::move(text), request_->url);
  } else if (response_.status == 0 && is_smtp_url(request_->url)) {
    response_.status = 250;  // accepted; keeps ok() meaningful when the server's code was not kept
  }
  return std::move(response_);
}

size_t HttpTransfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto& transfer = *static_cast<HttpTransfer*>(self);
  const size_t bytes = size * count;
  if (transfer.response_.body.size() + bytes > kMaxBodyBytes) {
    transfer.body_too_large_ = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  transfer.response_.body.append(data, bytes);
  return bytes;
}

size_t HttpTransfer::on_header(char* data, size_t size, size_t count, void* self) {
  auto& headers = static_cast<HttpTransfer*>(self)->response_.headers;
  const size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();  // a new status line: only the final response's headers count (not 100 Continue)
  } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !headers.empty()) {
    headers.back().second += " " + std::string(ascii::trim(line));  // obsolete line folding
  } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(ascii::lower(ascii::trim(line.substr(0, colon))), std::string(ascii::trim(line.substr(colon + 1))));
  }
  return bytes;
}

size_t HttpTransfer::on_upload(char* buffer, size_t size, size_t count, void* self) {
  auto& transfer = *static_cast<HttpTransfer*>(self);
  const std::string& body = transfer.request_->body;
  const size_t bytes = std::min(size * count, body.size() - transfer.upload_offset_);
  std::memcpy(buffer, body.data() + transfer.upload_offset_, bytes);
  transfer.upload_offset_ += bytes;
  return bytes;
}

}  // namespace flowc::runtime

// One attempt of one request on a curl easy handle: sets the options for HTTP or SMTP and gathers
// what comes back. The buffers curl reads from and writes into live here, beside the handle, for as
// long as the transfer runs. Internal to the HTTP client.
#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>

#include "runtime/http/http.hpp"

namespace flowc::runtime {

bool is_smtp_url(std::string_view url);
// 127.0.0.0/8, ::1 and localhost: hosts where a plain-text SMTP sink cannot be intercepted.
bool is_loopback_host(std::string_view host);
// Failures no retry can fix (bad URL, TLS verification, refused STARTTLS, ...).
// Whether repeating a failed request could make the service act twice. Only a POST is at risk
// (GET, PUT, PATCH with absolute values and DELETE are idempotent): once it may have reached
// the service, it is not repeated on its own, since the service may have created the order
// before failing to answer. It is safe when the request never connected, or the service said it
// did not act on it (408 Request Timeout, 429 Too Many Requests, 503 Service Unavailable).
bool repeat_could_duplicate(const std::string& method, int status, CURLcode code);

bool is_permanent_transport_error(CURLcode code);

class HttpTransfer {
 public:
  HttpTransfer() = default;
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  // Resets `easy` and configures it for `request`, which must outlive the transfer. Returns why the
  // request cannot be sent, or "" when it is ready to be added to a multi handle.
  std::string prepare(CURL* easy, const HttpRequest& request, const RetryPolicy& policy);
  // The response after curl finished the transfer with `code` (attempts is left to the caller).
  HttpResponse finish(CURLcode code);

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);
  static size_t on_upload(char* buffer, size_t size, size_t count, void* self);

  std::string set_common_options(const RetryPolicy& policy);
  std::string set_http_options();
  std::string set_smtp_options();
  void free_lists();

  CURL* easy_ = nullptr;
  const HttpRequest* request_ = nullptr;
  curl_slist* header_list_ = nullptr;
  curl_slist* recipient_list_ = nullptr;
  std::size_t upload_offset_ = 0;
  bool body_too_large_ = false;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  HttpResponse response_;
};

}  // namespace flowc::runtime

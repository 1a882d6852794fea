// HTTP/1.1 wire format: the request parser and the response writer.
//
// ParseRequest() is incremental: it is given everything received so far on a
// connection and either asks for more bytes, returns one complete request
// (and how many bytes it used, so pipelined requests follow), or rejects the
// input with the status to answer before closing the connection:
//   400 malformed request line, header or Content-Length; 411 a body sent
//   without Content-Length (Transfer-Encoding is not supported); 413 a body
//   over the limit; 431 a request line plus headers over the limit;
//   505 an HTTP version other than 1.0 and 1.1.
// Only the parser sees untrusted bytes; it is fuzzed by
// fuzz/http_request_fuzzer.cc.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_SERVER_HTTP_H_
#define CHOKEPOINT_SERVER_HTTP_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "server/router.h"

namespace chokepoint::server {

struct HttpLimits {
  size_t max_header_bytes = 16 * 1024;       // request line + headers
  size_t max_body_bytes = 16 * 1024 * 1024;  // Content-Length
  size_t max_headers = 100;
};

struct ParseOutcome {
  enum class State { kIncomplete, kComplete, kError } state = State::kIncomplete;
  size_t consumed = 0;     // kComplete: bytes of `data` the request used
  bool keep_alive = true;  // kComplete: the client allows another request
  int error_status = 0;    // kError: 400, 411, 413, 431 or 505
  std::string error;       // kError: why, for the error body
};

// Parses one request from the front of `data` into `*out`.
ParseOutcome ParseRequest(std::string_view data, const HttpLimits& limits, Request* out);

// Decodes %XX escapes (and '+' as space when `plus_as_space`). Invalid escapes
// are kept as they are.
std::string PercentDecode(std::string_view s, bool plus_as_space);

// The standard reason phrase for a status code ("Not Found").
std::string_view ReasonPhrase(int status);

// Appends the status line, headers (Content-Type, Content-Length,
// Connection, the extra headers) and body to `out`. With `head_only` the
// body is left out (HEAD).
void AppendResponse(const Response& response, bool keep_alive, bool head_only, std::string* out);

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_HTTP_H_

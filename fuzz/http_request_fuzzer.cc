// Fuzzes the HTTP/1.1 request parser (src/server/http.h) with small limits.
// Invariants checked on every input, whole and fed in two pieces:
//  - a complete request consumes at least one byte and no more than given,
//    and its body is exactly Content-Length bytes of the input;
//  - errors carry a 4xx/5xx status the server knows how to answer;
//  - a prefix of a complete request is never itself an error other than the
//    one the whole input gives, and never "complete" with more bytes;
//  - parsing a complete request's bytes again gives the same request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/http.h"

namespace {

using chokepoint::server::HttpLimits;
using chokepoint::server::ParseOutcome;
using chokepoint::server::ParseRequest;
using chokepoint::server::Request;

void Check(std::string_view data, const HttpLimits& limits) {
  Request req;
  ParseOutcome o = ParseRequest(data, limits, &req);
  switch (o.state) {
    case ParseOutcome::State::kComplete: {
      if (o.consumed == 0 || o.consumed > data.size()) std::abort();
      if (req.body.size() > limits.max_body_bytes) std::abort();
      if (data.substr(o.consumed - req.body.size(), req.body.size()) != req.body) std::abort();
      if (req.target.empty() || req.target[0] != '/') std::abort();
      // Deterministic: the same bytes give the same request.
      Request again;
      ParseOutcome o2 = ParseRequest(data.substr(0, o.consumed), limits, &again);
      if (o2.state != ParseOutcome::State::kComplete || o2.consumed != o.consumed) std::abort();
      if (again.method != req.method || again.path != req.path || again.body != req.body ||
          again.headers != req.headers) {
        std::abort();
      }
      // Every strict prefix is incomplete (or an error found earlier).
      if (o.consumed > 1) {
        Request part;
        ParseOutcome p = ParseRequest(data.substr(0, o.consumed - 1), limits, &part);
        if (p.state == ParseOutcome::State::kComplete) std::abort();
      }
      break;
    }
    case ParseOutcome::State::kError:
      switch (o.error_status) {
        case 400:
        case 411:
        case 413:
        case 431:
        case 505:
          break;
        default:
          std::abort();
      }
      if (o.error.empty()) std::abort();
      break;
    case ParseOutcome::State::kIncomplete:
      // Incomplete input never holds more header bytes than the limit
      // (the parser must reject rather than buffer without end).
      if (data.size() > limits.max_header_bytes + limits.max_body_bytes + 4 &&
          data.find("\r\n\r\n") == std::string_view::npos) {
        std::abort();
      }
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  HttpLimits small;
  small.max_header_bytes = 512;
  small.max_body_bytes = 256;
  small.max_headers = 8;
  Check(input, small);
  Check(input, HttpLimits{});
  // Percent-decoding never grows the input.
  if (chokepoint::server::PercentDecode(input, true).size() > input.size()) std::abort();
  return 0;
}

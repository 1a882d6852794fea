#include "server/http.h"

#include <cstdint>

namespace chokepoint::server {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when the comma-separated header value lists `token` (case-insensitive).
bool HasToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    size_t comma = value.find(',');
    if (EqualsIgnoreCase(TrimOws(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ParseOutcome Error(int status, std::string message) {
  ParseOutcome o;
  o.state = ParseOutcome::State::kError;
  o.error_status = status;
  o.error = std::move(message);
  return o;
}

}  // namespace

std::string PercentDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_as_space && c == '+') ? ' ' : c;
  }
  return out;
}

ParseOutcome ParseRequest(std::string_view data, const HttpLimits& limits, Request* out) {
  // Tolerate empty lines before a request (RFC 9112 section 2.2).
  size_t start = 0;
  while (start + 1 < data.size() && data[start] == '\r' && data[start + 1] == '\n') start += 2;
  size_t head_end = data.find("\r\n\r\n", start);
  if (head_end == std::string_view::npos) {
    if (data.size() > limits.max_header_bytes) {
      return Error(431, "request line and headers exceed " +
                            std::to_string(limits.max_header_bytes) + " bytes");
    }
    return {};
  }
  if (head_end - start > limits.max_header_bytes) {
    return Error(431, "request line and headers exceed " + std::to_string(limits.max_header_bytes) +
                          " bytes");
  }
  std::string_view head = data.substr(start, head_end - start);
  size_t line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  std::string_view rest =
      line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);

  // Request line: METHOD SP TARGET SP HTTP/1.x
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return Error(400, "malformed request line");
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return Error(400, "malformed request line");
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  for (char c : method) {
    if (!IsTokenChar(c)) return Error(400, "malformed method");
  }
  if (target.empty() || target[0] != '/') return Error(400, "the target must be an absolute path");
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Error(400, "control character or space in the target");
    }
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') {
    return Error(400, "malformed HTTP version");
  }
  if (version[5] != '1') return Error(505, "only HTTP/1.0 and HTTP/1.1 are supported");
  const bool http10 = version[7] == '0';

  Request req;
  req.method = std::string(method);
  req.target = std::string(target);
  size_t qmark = target.find('?');
  std::string_view raw_path = target.substr(0, qmark);
  if (qmark != std::string_view::npos) req.query = std::string(target.substr(qmark + 1));
  req.path = PercentDecode(raw_path, false);
  if (req.path.find('\0') != std::string::npos) return Error(400, "NUL in the path");

  // Headers.
  bool has_length = false, has_transfer_encoding = false;
  uint64_t content_length = 0;
  while (!rest.empty()) {
    size_t e = rest.find("\r\n");
    std::string_view h = rest.substr(0, e);
    rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 2);
    if (h.empty()) continue;
    if (h[0] == ' ' || h[0] == '\t') return Error(400, "obsolete header line folding");
    size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return Error(400, "malformed header line");
    std::string_view name = h.substr(0, colon);
    for (char c : name) {
      if (!IsTokenChar(c)) return Error(400, "malformed header name");
    }
    std::string_view value = TrimOws(h.substr(colon + 1));
    for (char c : value) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
        return Error(400, "control character in a header value");
      }
    }
    if (req.headers.size() >= limits.max_headers) {
      return Error(431, "more than " + std::to_string(limits.max_headers) + " headers");
    }
    std::string lname(name);
    for (char& c : lname) c = Lower(c);
    if (lname == "content-length") {
      if (value.empty() || value.size() > 18) return Error(400, "bad Content-Length");
      uint64_t n = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return Error(400, "bad Content-Length");
        n = n * 10 + static_cast<uint64_t>(c - '0');
      }
      if (has_length && n != content_length) return Error(400, "conflicting Content-Length");
      has_length = true;
      content_length = n;
    } else if (lname == "transfer-encoding") {
      has_transfer_encoding = true;
    }
    req.headers.emplace_back(std::move(lname), std::string(value));
  }
  if (has_transfer_encoding) {
    return Error(411, "Transfer-Encoding is not supported; send the body with Content-Length");
  }
  if (!has_length && (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
    return Error(411, "a " + req.method + " request needs a Content-Length header");
  }
  if (content_length > limits.max_body_bytes) {
    return Error(413, "the body has " + std::to_string(content_length) + " bytes; the limit is " +
                          std::to_string(limits.max_body_bytes));
  }
  size_t body_start = head_end + 4;
  if (data.size() - body_start < content_length) return {};
  req.body = std::string(data.substr(body_start, content_length));

  ParseOutcome o;
  o.state = ParseOutcome::State::kComplete;
  o.consumed = body_start + content_length;
  std::string_view conn = req.Header("connection");
  o.keep_alive = http10 ? HasToken(conn, "keep-alive") : !HasToken(conn, "close");
  *out = std::move(req);
  return o;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Status";
  }
}

void AppendResponse(const Response& r, bool keep_alive, bool head_only, std::string* out) {
  out->append("HTTP/1.1 ");
  out->append(std::to_string(r.status));
  out->push_back(' ');
  out->append(ReasonPhrase(r.status));
  out->append("\r\nContent-Type: ");
  out->append(r.content_type);
  out->append("\r\nContent-Length: ");
  out->append(std::to_string(r.body.size()));
  out->append(keep_alive ? "\r\nConnection: keep-alive" : "\r\nConnection: close");
  out->append("\r\nX-Content-Type-Options: nosniff");
  for (const auto& [k, v] : r.headers) {
    out->append("\r\n");
    out->append(k);
    out->append(": ");
    out->append(v);
  }
  out->append("\r\n\r\n");
  if (!head_only) out->append(r.body);
}

}  // namespace chokepoint::server

// Status and Result<T>: how Chokepoint reports expected failures.
//
// A malformed list file, a bad CSV row, an unknown HS code or a failed download
// is not a bug; it is a value the caller inspects. A Status carries a code and a
// message that names the file, line and field where that is known. Result<T>
// holds either a T or a non-OK Status. Exceptions are reserved for bugs.
//
// Thread safety: both types are plain values; distinct objects may be used from
// distinct threads freely.

#ifndef CHOKEPOINT_STATUS_H_
#define CHOKEPOINT_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace chokepoint {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something malformed
  kNotFound,         // a file, source or entity does not exist
  kParseError,       // input data is malformed
  kIoError,          // the operating system refused a read or write
  kUnavailable,      // a remote source could not be reached
  kFailedPrecondition,
  kInternal,
};

// Returns a short lower-case name such as "parse error".
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status ParseError(std::string msg) {
    return Status(StatusCode::kParseError, std::move(msg));
  }
  static Status IoError(std::string msg) { return Status(StatusCode::kIoError, std::move(msg)); }
  static Status Unavailable(std::string msg) {
    return Status(StatusCode::kUnavailable, std::move(msg));
  }
  static Status FailedPrecondition(std::string msg) {
    return Status(StatusCode::kFailedPrecondition, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "parse error: sdn.csv:12: expected 12 fields, found 11"
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or an error. REQUIRES: the Status given to the error
// constructor is not OK.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace chokepoint

// Evaluates `expr` (a Status); returns it from the current function if not OK.
#define CHOKEPOINT_RETURN_IF_ERROR(expr) \
  do {                                   \
    ::chokepoint::Status _st = (expr);   \
    if (!_st.ok()) return _st;           \
  } while (0)

#define CHOKEPOINT_CONCAT_INNER(a, b) a##b
#define CHOKEPOINT_CONCAT(a, b) CHOKEPOINT_CONCAT_INNER(a, b)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the
// value into `lhs` (a declaration such as `auto x` or an existing variable).
#define CHOKEPOINT_ASSIGN_OR_RETURN(lhs, rexpr) \
  CHOKEPOINT_ASSIGN_OR_RETURN_IMPL(CHOKEPOINT_CONCAT(_res_, __LINE__), lhs, rexpr)
#define CHOKEPOINT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                     \
  if (!tmp.ok()) return tmp.status();                     \
  lhs = std::move(tmp).value()

#endif  // CHOKEPOINT_STATUS_H_

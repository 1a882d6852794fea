// Shared pieces of the Python extension module chokepoint._chokepoint.
//
// The module is a thin layer: every call converts Python values to the
// engine's types, runs the engine with the GIL released, and converts the
// result back. An engine Status that is not OK becomes a Python exception of
// a class that matches its code (all derived from chokepoint.Error) carrying
// the engine's message; ThrowIfError() does the conversion.
//
// Thread safety: the engine objects bound here are immutable and shared; the
// process-wide caches (snapshots and trade stores by path) are guarded by a
// mutex.

#ifndef CHOKEPOINT_PYTHON_BINDINGS_H_
#define CHOKEPOINT_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "chokepoint/status.h"

namespace chokepoint {
class Screener;
}

namespace chokepoint::python {

namespace py = pybind11;

// Carries a non-OK Status from the engine to the exception translator.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status status) : status_(std::move(status)) {}
  const Status& status() const { return status_; }
  const char* what() const noexcept override { return status_.message().c_str(); }

 private:
  Status status_;
};

inline void ThrowIfError(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

template <typename T>
T ValueOrThrow(Result<T> result) {
  if (!result.ok()) throw StatusError(result.status());
  return std::move(result).value();
}

// The Screener of the snapshot file at `path`, loaded and built once per
// process (the cache behind open_snapshot()).
std::shared_ptr<const Screener> ScreenerFor(const std::string& path);

// Registers the exception classes and their translator.
void BindErrors(py::module_& m);
// Snapshots, screening and name comparison.
void BindScreening(py::module_& m);
// HS codes and the goods classifier.
void BindGoods(py::module_& m);
// Trade stores and their queries, including the mergeable partial sums.
void BindTrade(py::module_& m);
// Transactions and the risk engine (or a stub that says it is not built).
void BindCheck(py::module_& m);

}  // namespace chokepoint::python

#endif  // CHOKEPOINT_PYTHON_BINDINGS_H_

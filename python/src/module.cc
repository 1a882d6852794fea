// The extension module chokepoint._chokepoint and its exception classes.

#include <Python.h>

#include "bindings.h"

namespace chokepoint::python {

namespace {

// Exception classes by status code; created once at import.
PyObject* g_error = nullptr;
PyObject* g_by_code[8] = {};

PyObject* NewError(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  std::string qualified = std::string("chokepoint.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));
  return cls;
}

PyObject* Bases(std::initializer_list<PyObject*> classes) {
  PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(classes.size()));
  Py_ssize_t i = 0;
  for (PyObject* c : classes) {
    Py_INCREF(c);
    PyTuple_SET_ITEM(t, i++, c);
  }
  return t;
}

}  // namespace

void BindErrors(py::module_& m) {
  g_error = NewError(m, "Error", nullptr,
                     "An error reported by the Chokepoint engine. `code` names its kind "
                     "('invalid argument', 'not found', 'parse error', ...).");
  auto sub = [&](StatusCode code, const char* name, PyObject* builtin, const char* doc) {
    PyObject* bases = Bases({g_error, builtin});
    g_by_code[static_cast<int>(code)] = NewError(m, name, bases, doc);
    Py_DECREF(bases);
  };
  sub(StatusCode::kInvalidArgument, "InvalidArgumentError", PyExc_ValueError,
      "The caller asked for something malformed.");
  sub(StatusCode::kNotFound, "NotFoundError", PyExc_LookupError,
      "A file, source or entity does not exist.");
  sub(StatusCode::kParseError, "ParseError", PyExc_ValueError, "Input data is malformed.");
  sub(StatusCode::kIoError, "IoError", PyExc_OSError, "The operating system refused an I/O.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      PyObject* cls = g_by_code[static_cast<int>(e.status().code())];
      if (cls == nullptr) cls = g_error;
      py::object exc = py::reinterpret_steal<py::object>(
          PyObject_CallFunction(cls, "s", e.status().message().c_str()));
      if (!exc) return;  // the call set its own error
      exc.attr("code") = std::string(StatusCodeName(e.status().code()));
      PyErr_SetObject(cls, exc.ptr());
    }
  });
}

}  // namespace chokepoint::python

PYBIND11_MODULE(_chokepoint, m) {
  namespace cp = chokepoint::python;
  m.doc() = "Chokepoint engine bindings (use the `chokepoint` package, not this module).";
  m.attr("__version__") = CHOKEPOINT_VERSION;
  cp::BindErrors(m);
  cp::BindScreening(m);
  cp::BindGoods(m);
  cp::BindTrade(m);
  cp::BindCheck(m);
}

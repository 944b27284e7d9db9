// The `axon._axon` extension module: a thin layer over the C++ library (docs/python.md).

#include "convert.hpp"

namespace axon::python {
namespace {

void bind_errors(nb::module_& m) {
    // One Python class per C++ exception, under the built-in that says what kind of error it is.
    // Translators run latest first: the base class goes first, so the specific ones win.
    static nb::exception<Error> error(m, "Error", PyExc_RuntimeError);
    static nb::exception<ConfigError> config(m, "ConfigError", PyExc_ValueError);
    static nb::exception<CapacityError> capacity(m, "CapacityError", PyExc_MemoryError);
    static nb::exception<BackendError> backend(m, "BackendError", PyExc_RuntimeError);
    static nb::exception<CudaError> cuda(m, "CudaError", PyExc_RuntimeError);
    error.attr("__doc__") = "Base of the library's errors that have no more specific class.";
    config.attr("__doc__") = "Invalid network or run description; the message names the object, field, value and "
                             "allowed range.";
    capacity.attr("__doc__") = "The backend cannot hold the network, or a capacity limit would be exceeded.";
    backend.attr("__doc__") = "A backend is not compiled in or has no device.";
    cuda.attr("__doc__") = "A CUDA runtime call failed; the message names the call, the error, the file and line.";
}

}  // namespace
}  // namespace axon::python

NB_MODULE(_axon, m) {
    using namespace axon::python;
    m.doc() = "Axon, a spiking neural network engine: the C++ library's Python layer.";
    m.attr("__version__") = axon::version();
    bind_errors(m);
    bind_types(m);
    bind_network(m);
    bind_simulator(m);
    m.def("compiled_backends", &axon::compiled_backends, "Backends compiled in: 'cpu', and 'cuda' in CUDA builds.");
    m.def("backend_available", &axon::backend_available, nanobind::arg("name"), "Whether a backend can run here.");
    m.def("cpu_code_version", &axon::cpu_code_version,
          "The instruction set the CPU kernels run in this process: 'baseline', 'avx2' or 'avx512' (AXON_CPU_ISA "
          "forces one; results never depend on it).");
}

// Conversions shared by the binding's files: Python values into Axon's vocabulary (a population
// by handle or name, a value or a distribution, a receptor by enum or name) and vectors into
// numpy arrays that own them (no copy).
#pragma once
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
// Every file sees the same type casters.
#include <nanobind/stl/function.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/variant.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "axon/axon.hpp"

namespace axon::python {

namespace nb = nanobind;

/// A population given as its handle or its name.
using PopulationRef = std::variant<PopulationId, std::string>;
PopulationId resolve(const Network& net, const PopulationRef& ref);

/// A value that is constant (a number) or a Distribution.
using ValueOrDistribution = std::variant<double, Distribution>;
Distribution to_distribution(const ValueOrDistribution& v);

/// A receptor given as the enum or its name ("excitatory", "inhibitory", "target").
using ReceptorRef = std::variant<Receptor, std::string>;
Receptor to_receptor(const ReceptorRef& r);

/// A neuron model given as the enum or its name.
using ModelRef = std::variant<NeuronModel, std::string>;
NeuronModel to_model(const ModelRef& m);

/// A 1-D numpy array that owns `values` (moved into a capsule: no copy).
template <class T>
nb::ndarray<nb::numpy, T, nb::ndim<1>> to_numpy(std::vector<T>&& values) {
    auto* owned = new std::vector<T>(std::move(values));
    nb::capsule owner(owned, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
    return nb::ndarray<nb::numpy, T, nb::ndim<1>>(owned->data(), {owned->size()}, owner);
}

/// A 2-D numpy array (rows x columns, row-major) that owns `values`.
template <class T>
nb::ndarray<nb::numpy, T, nb::ndim<2>> to_numpy_2d(std::vector<T>&& values, std::size_t rows, std::size_t columns) {
    auto* owned = new std::vector<T>(std::move(values));
    nb::capsule owner(owned, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
    return nb::ndarray<nb::numpy, T, nb::ndim<2>>(owned->data(), {rows, columns}, owner);
}

/// Whether a Python value is a plain number (one value for all elements), not an array.
inline bool is_number(nb::handle value) { return nb::isinstance<nb::float_>(value) || nb::isinstance<nb::int_>(value); }

/// A 1-D array of T from any Python sequence or array (numpy converts it; no copy where it is
/// already a contiguous array of T). Integers for an unsigned T must be whole and in range: a
/// negative index or one past 2^32 is a ConfigError naming `what`, never a silent wrap.
template <class T>
using InArray = nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
InArray<double> float64_array(nb::handle values, const std::string& what);
InArray<float> float32_array(nb::handle values, const std::string& what);
InArray<uint32_t> index_array(nb::handle values, const std::string& what);

template <class T>
std::vector<T> to_vector(const InArray<T>& a) {
    return std::vector<T>(a.data(), a.data() + a.shape(0));
}
template <class T>
ArrayView<T> view(const InArray<T>& a) {
    return ArrayView<T>(a.data(), a.shape(0));
}

/// Spikes as (times_ms, neurons): float64 end-of-step times and uint32 indices.
nb::tuple spike_arrays(SpikeTrain&& train, double dt_ms);

void bind_types(nb::module_& m);
void bind_network(nb::module_& m);
void bind_simulator(nb::module_& m);

}  // namespace axon::python

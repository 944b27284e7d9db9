#include "convert.hpp"

namespace axon::python {

PopulationId resolve(const Network& net, const PopulationRef& ref) {
    if (const auto* id = std::get_if<PopulationId>(&ref)) {
        net.population(*id);  // validates the handle
        return *id;
    }
    return net.population_id(std::get<std::string>(ref));
}

Distribution to_distribution(const ValueOrDistribution& v) {
    if (const auto* d = std::get_if<Distribution>(&v)) return *d;
    return Distribution::constant(std::get<double>(v));
}

Receptor to_receptor(const ReceptorRef& r) {
    if (const auto* e = std::get_if<Receptor>(&r)) return *e;
    const std::string& name = std::get<std::string>(r);
    for (const Receptor e : {Receptor::excitatory, Receptor::inhibitory, Receptor::target})
        if (name == to_string(e)) return e;
    throw ConfigError("receptor = '" + name + "' is invalid; allowed: 'excitatory', 'inhibitory', 'target'");
}

NeuronModel to_model(const ModelRef& m) {
    if (const auto* e = std::get_if<NeuronModel>(&m)) return *e;
    return parse_neuron_model(std::get<std::string>(m));
}

namespace {

nb::object numpy() { return nb::module_::import_("numpy"); }

// str(value), as Python writes it.
std::string text(nb::handle value) { return nb::steal<nb::str>(PyObject_Str(value.ptr())).c_str(); }

template <class T>
InArray<T> contiguous(nb::handle values, const char* dtype, const std::string& what) {
    nb::object array = numpy().attr("ascontiguousarray")(values);
    if (array.attr("ndim").equal(nb::int_(0))) array = array.attr("reshape")(1);
    if (!array.attr("ndim").equal(nb::int_(1)))
        throw ConfigError(what + ": a 1-D array is expected, not one of shape " +
                          text(array.attr("shape")));
    const std::string kind = text(array.attr("dtype").attr("kind"));
    if (kind != "f" && kind != "i" && kind != "u" && kind != "b")
        throw ConfigError(what + ": numbers are expected, not an array of dtype " +
                          text(array.attr("dtype")));
    return nb::cast<InArray<T>>(numpy().attr("ascontiguousarray")(array, dtype));
}

}  // namespace

InArray<double> float64_array(nb::handle values, const std::string& what) {
    return contiguous<double>(values, "float64", what);
}

InArray<float> float32_array(nb::handle values, const std::string& what) {
    return contiguous<float>(values, "float32", what);
}

InArray<uint32_t> index_array(nb::handle values, const std::string& what) {
    nb::object array = numpy().attr("asarray")(values);
    const std::string kind = text(array.attr("dtype").attr("kind"));
    if (nb::cast<std::size_t>(array.attr("size")) > 0) {
        if (kind == "f") {
            const nb::object whole = numpy().attr("all")(numpy().attr("equal")(array, numpy().attr("floor")(array)));
            if (PyObject_IsTrue(whole.ptr()) != 1) throw ConfigError(what + ": indices must be whole numbers");
        }
        if (kind != "f" && kind != "i" && kind != "u" && kind != "b")
            throw ConfigError(what + ": indices are expected, not an array of dtype " +
                              text(array.attr("dtype")));
        const double low = nb::cast<double>(array.attr("min")()), high = nb::cast<double>(array.attr("max")());
        if (low < 0 || high > 4294967295.0)
            throw ConfigError(what + ": index " + text(low < 0 ? array.attr("min")() : array.attr("max")()) +
                              " is out of range; allowed: [0, 2^32 - 1]");
    }
    return contiguous<uint32_t>(array, "uint32", what);
}

nb::tuple spike_arrays(SpikeTrain&& train, double dt_ms) {
    std::vector<double> times(train.size());
    for (std::size_t k = 0; k < times.size(); ++k) times[k] = train.time_ms(k, dt_ms);
    return nb::make_tuple(to_numpy(std::move(times)), to_numpy(std::move(train.neurons)));
}

}  // namespace axon::python

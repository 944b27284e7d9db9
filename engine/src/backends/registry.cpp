// Which backends exist in this build and which can run here: everything is read from the
// descriptors (descriptor.hpp), one per backend, defined beside each backend.
#include <algorithm>

#include "axon/errors.hpp"
#include "descriptor.hpp"

namespace axon {
namespace detail {

const std::vector<const BackendDescriptor*>& backend_descriptors() {
    static const std::vector<const BackendDescriptor*> all = {&cpu_backend_descriptor(), &cuda_backend_descriptor()};
    return all;
}

namespace {

std::string known_names() {
    std::string s = "auto";
    for (const BackendDescriptor* d : backend_descriptors()) s += std::string(", ") + std::string(d->name);
    return s;
}

const BackendDescriptor* find(std::string_view name) {
    for (const BackendDescriptor* d : backend_descriptors())
        if (d->name == name) return d;
    return nullptr;
}

const BackendDescriptor& automatic() {
    for (const BackendDescriptor* d : backend_descriptors())
        if (d->accelerator && d->available()) return *d;
    return cpu_backend_descriptor();
}

}  // namespace

const BackendDescriptor& backend_descriptor(std::string_view name) {
    if (name == "auto") return automatic();
    if (const BackendDescriptor* d = find(name)) return *d;
    throw BackendError("unknown backend '" + std::string(name) + "'; the backends are: " + known_names());
}

}  // namespace detail

std::vector<std::string> compiled_backends() {
    std::vector<std::string> names;
    for (const detail::BackendDescriptor* d : detail::backend_descriptors())
        if (d->compiled) names.emplace_back(d->name);
    return names;
}

bool backend_available(std::string_view name) {
    const detail::BackendDescriptor* d = detail::find(name);
    return d && d->available();
}

bool backend_supports(std::string_view backend, NeuronModel model) {
    const detail::BackendDescriptor* d = detail::find(backend);
    return d && d->compiled && d->supports(model);
}

bool backend_runs_distributed(std::string_view backend) {
    const detail::BackendDescriptor* d = detail::find(backend);
    return d && d->compiled && d->distributed;
}

std::string resolve_backend(std::string_view name) {
    if (name == "auto") return std::string(detail::automatic().name);
    const detail::BackendDescriptor* d = detail::find(name);
    if (!d || !d->compiled) {
        std::string compiled;
        for (const std::string& c : compiled_backends()) compiled += ", " + c;
        throw BackendError("backend '" + std::string(name) + "' is not compiled into this build; choose one of: auto" +
                           compiled);
    }
    if (!d->available())
        throw BackendError("backend '" + std::string(name) + "' is compiled in but cannot run here (no device found)");
    return std::string(d->name);
}

std::string backend_memory_here(std::string_view name) { return detail::backend_descriptor(name).memory_here(); }

std::unique_ptr<Backend> make_backend(std::string_view name) {
    return detail::backend_descriptor(resolve_backend(name)).make();
}

}  // namespace axon

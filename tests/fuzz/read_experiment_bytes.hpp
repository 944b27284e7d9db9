// What the experiment reader's fuzz target does with one input, shared with the regression
// test (tests/fuzz/regression_test.cpp) so that a reproducer runs the same code in both.
#pragma once
#include <cstddef>
#include <cstdint>

namespace axon::fuzz {

/// Reads `data` as an experiment file and does what `axon validate` does after reading (counts,
/// memory estimates), without building or running the network. The input is TOML text,
/// optionally followed by files: each line "#file" starts the next one, written as 1.npy, 2.npy,
/// ... beside the experiment in a folder of this process's own, so that pre_file, spikes_file
/// and the like read bytes the input chose. Skipped: an input with a '/' in any string (it could
/// name a file outside that folder, and then a run would depend on the machine), and one with a
/// population of more than 2^24 neurons and a spike source or a projection from arrays (they
/// take memory per neuron when read, by design).
/// @throws axon::Error (and its subclasses) for bad input; anything else that escapes, a crash, a
/// sanitizer report or a hang is a bug.
void read_experiment_bytes(const uint8_t* data, std::size_t size);

}  // namespace axon::fuzz

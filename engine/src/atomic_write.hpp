// A file written whole or not at all, and on the disk before its name is: the bytes go to a
// temporary file of a name no other writer uses (NAME.tmp.PID.N, in the same folder), which is
// flushed to the disk (fsync) and then renamed over NAME. A crash or a full disk leaves the old
// file or the new one, never a part.
#pragma once
#include <string>

namespace axon::detail {

/// @throws Error naming the file and the reason; the temporary file is removed.
void write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace axon::detail

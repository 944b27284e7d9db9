// A run's output folder is replaced as a whole, never mixed: the run writes into a staging
// folder beside it (".<name>.staging-<pid>") and commit() swaps that into place in one rename.
// A lock file beside it (".<name>.lock", flock: released by the kernel when a run dies) keeps a
// second run out while one is writing. After any failure or kill before commit(), the previous
// result is still there, untouched; the next run into the folder clears what a killed one left.
#pragma once
#include <filesystem>
#include <string>

namespace axon::cli {

class OutputFolder {
public:
    /// Takes the lock, checks that the folder may be replaced (new, empty, or written by axon:
    /// nothing in it that its summary.json does not list), clears what killed runs left and
    /// creates this run's staging folder. @throws OutputError naming the folder and the reason.
    explicit OutputFolder(const std::string& dir);
    ~OutputFolder();  // drops the staging folder unless committed, then releases the lock
    OutputFolder(const OutputFolder&) = delete;
    OutputFolder& operator=(const OutputFolder&) = delete;

    /// Where this run writes `file` until commit().
    std::string staged(const std::string& file) const { return (staging_ / file).string(); }
    /// Put the staging folder in the folder's place (the previous result is removed after).
    /// @throws OutputError; the previous result then stays.
    void commit();
    const std::string& path() const { return shown_; }

private:
    void check_replaceable() const;
    void clear_leftovers() const;
    std::filesystem::path dir_, staging_;
    std::string shown_;  // the folder as the user gave it, for messages
    int lock_fd_ = -1;
    bool committed_ = false;
};

}  // namespace axon::cli

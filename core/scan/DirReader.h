// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>

namespace mk {

/// Reads the entries of one open directory without allocating per entry: on Linux
/// getdents64 into a caller-provided buffer, elsewhere readdir. "." and ".." are skipped.
/// Starts from the first entry (it rewinds the descriptor). Not thread-safe; one reader per
/// directory per thread.
class DirReader final
{
public:
    static constexpr size_t BufferSize = 32 * 1024;

    /// buffer must hold BufferSize bytes and outlive the reader. dirFd stays owned by the caller.
    DirReader(int dirFd, char *buffer);
    ~DirReader();
    DirReader(const DirReader &) = delete;
    DirReader &operator=(const DirReader &) = delete;

    /// The next entry name, or nullptr at the end or on error (then error() is non-zero).
    const char *next();
    [[nodiscard]] int error() const { return m_error; }

private:
    int m_fd;
    char *m_buffer;
    long m_filled = 0;
    long m_pos = 0;
    int m_error = 0;
    void *m_dir = nullptr; // DIR* where getdents64 is not available
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>

#include <QString>

#include "common/Expected.h"
#include "common/UniqueFd.h"

namespace mk {

/// An exclusive lock held the way the go command holds its own: flock(2) on the very file go
/// locks (`<v>.lock`, `list`), never QLockFile (go-cache-internals.md §2.2). Released when the
/// object is destroyed. The lock file itself is never deleted.
class FileLock final
{
public:
    FileLock() = default;
    FileLock(FileLock &&) noexcept = default;
    FileLock &operator=(FileLock &&) noexcept = default;

    /// Opens relPath below dirFd (creating it 0666, and its directories, as go does), then
    /// waits up to timeoutMs for the lock. A lock still held then is a Busy error naming
    /// displayPath; a filesystem without locking is Unsupported: we refuse to go on unlocked.
    [[nodiscard]] static Expected<FileLock> acquire(int dirFd, const std::string &relPath,
                                                    const QString &displayPath, int timeoutMs,
                                                    const std::function<bool()> &cancelled = {});

    [[nodiscard]] int fd() const { return m_fd.get(); }
    [[nodiscard]] bool isLocked() const { return m_fd.isValid(); }

private:
    explicit FileLock(UniqueFd fd) : m_fd(std::move(fd)) { }
    UniqueFd m_fd;
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <sys/stat.h>

#include "common/UniqueFd.h"

namespace mk {

/// Path resolution that cannot be redirected: everything is reached from a directory handle,
/// below it, without following any symlink (reliability.md §4). Linux uses openat2 with
/// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS; elsewhere one O_NOFOLLOW component at a time.
class SafeFs final
{
public:
    /// Opens relPath (no leading '/', no "..") below dirFd. flags are open(2) flags; O_NOFOLLOW
    /// and O_CLOEXEC are added. Returns an invalid fd and sets errno on failure (ELOOP or
    /// EXDEV when a symlink or an escape was refused).
    [[nodiscard]] static UniqueFd openBeneath(int dirFd, const char *relPath, int flags, mode_t mode = 0);

    /// Opens the directory relPath below dirFd (O_RDONLY | O_DIRECTORY).
    [[nodiscard]] static UniqueFd openDirBeneath(int dirFd, const char *relPath);

    /// lstat of relPath below dirFd: the parent is reached without symlinks, and the last
    /// component is not followed. Returns false and sets errno on failure.
    [[nodiscard]] static bool statBeneath(int dirFd, const char *relPath, struct stat *st);

    /// Creates the directories of relPath below dirFd that are missing (mode 0777 less umask, as
    /// go's MkdirAll does), refusing symlinks on the way. Returns false and sets errno on failure.
    [[nodiscard]] static bool makeDirsBeneath(int dirFd, const char *relPath);

    /// Makes an open directory writable for its owner, so that its entries can be removed
    /// (go leaves module trees 0555). Works on a directory whose mode denies even reading.
    /// With a nonzero requiredMountId, refuses (EXDEV) a directory on another mount, which
    /// catches bind mounts of the same filesystem that st_dev cannot tell apart.
    [[nodiscard]] static bool makeWritable(int dirFd, const char *name, std::uint64_t requiredMountId = 0);

    /// The mount id of name below dirFd, not following a symlink ("" for dirFd itself).
    /// Returns 0 when the kernel cannot tell (before Linux 5.8, or not Linux).
    [[nodiscard]] static std::uint64_t mountId(int dirFd, const char *name);
};

} // namespace mk

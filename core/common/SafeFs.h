// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <sys/stat.h>

#include "common/UniqueFd.h"

namespace mk {

/// Path resolution that cannot be redirected: everything is reached from a directory handle,
/// below it, without following any symlink (reliability.md §4). Linux uses openat2 with
/// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS; elsewhere one O_NOFOLLOW component at a time.
///
/// Every open here also asks for O_NOATIME: reading the cache must never change the access
/// times that "last used" and the "older than N days" policies are built on. The kernel
/// grants O_NOATIME to the file's owner (or CAP_FOWNER) and answers EPERM otherwise; then the
/// open is retried without it. Restoring the atime afterwards is not attempted: futimens with
/// an explicit time needs exactly the same privilege, so it would be refused too.
class SafeFs final
{
public:
    /// Opens relPath (no leading '/', no "..") below dirFd. flags are open(2) flags; O_NOFOLLOW,
    /// O_CLOEXEC and (where permitted) O_NOATIME are added. Returns an invalid fd and sets errno
    /// on failure (ELOOP or EXDEV when a symlink or an escape was refused).
    [[nodiscard]] static UniqueFd openBeneath(int dirFd, const char *relPath, int flags,
                                              mode_t mode = 0);

    /// openat(dirFd, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NOATIME), retried without
    /// O_NOATIME on EPERM. For one path component (or a path whose parents are trusted); use it
    /// for every read of a file or listing of a directory inside the module cache.
    [[nodiscard]] static UniqueFd openAt(int dirFd, const char *name, int flags, mode_t mode = 0);

    /// open(path, flags | O_CLOEXEC | O_NOATIME), retried without O_NOATIME on EPERM. For the
    /// cache root given by the user (symlinks in it are followed, as go follows them).
    [[nodiscard]] static UniqueFd openPath(const char *path, int flags);

    /// Opens the directory relPath below dirFd (O_RDONLY | O_DIRECTORY | O_NOATIME): listing
    /// it does not change its atime.
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
    [[nodiscard]] static bool makeWritable(int dirFd, const char *name,
                                           std::uint64_t requiredMountId = 0);

    /// The mount id of name below dirFd, not following a symlink ("" for dirFd itself).
    /// Returns 0 when the kernel cannot tell (before Linux 5.8, or not Linux).
    [[nodiscard]] static std::uint64_t mountId(int dirFd, const char *name);
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "SafeFs.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#ifdef __linux__
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif

namespace mk {

namespace {

// O_NOATIME needs ownership or CAP_FOWNER (EPERM otherwise). O_PATH ignores it anyway.
template<typename Open>
int withNoAtime(int flags, Open open)
{
    if (flags & O_PATH)
        return open(flags);
    const int fd = open(flags | O_NOATIME);
    if (fd >= 0 || errno != EPERM)
        return fd;
    return open(flags & ~O_NOATIME);
}

// One component at a time, each opened O_NOFOLLOW relative to the previous one.
UniqueFd openByComponents(int dirFd, const char *relPath, int flags, mode_t mode)
{
    std::string path(relPath);
    if (path.empty() || path.front() == '/') {
        errno = EXDEV;
        return {};
    }
    UniqueFd current;
    int base = dirFd;
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        const std::string comp
            = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (comp.empty() || comp == "." || comp == "..") {
            errno = EXDEV;
            return {};
        }
        if (slash == std::string::npos)
            return SafeFs::openAt(base, comp.c_str(), flags, mode);
        const int fd
            = ::openat(base, comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return {};
        current.reset(fd);
        base = current.get();
        start = slash + 1;
    }
}

} // namespace

UniqueFd SafeFs::openBeneath(int dirFd, const char *relPath, int flags, mode_t mode)
{
#ifdef __linux__
    static bool haveOpenat2 = true; // set once when the kernel says ENOSYS
    if (haveOpenat2) {
        // An EPERM for O_NOATIME (a file we do not own) is retried without it by withNoAtime;
        // only an EPERM that remains means the syscall itself is filtered.
        const int fd = withNoAtime(flags, [&](int f) {
            struct open_how how;
            std::memset(&how, 0, sizeof how);
            how.flags = static_cast<__u64>(f | O_NOFOLLOW | O_CLOEXEC);
            how.mode = (f & O_CREAT) ? mode : 0;
            how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
            return int(::syscall(SYS_openat2, dirFd, relPath, &how, sizeof how));
        });
        if (fd >= 0)
            return UniqueFd(fd);
        if (errno != ENOSYS && errno != EPERM) // EPERM: seccomp filters in some sandboxes
            return {};
        haveOpenat2 = false;
    }
#endif
    return openByComponents(dirFd, relPath, flags, mode);
}

UniqueFd SafeFs::openAt(int dirFd, const char *name, int flags, mode_t mode)
{
    return UniqueFd(withNoAtime(
        flags, [&](int f) { return ::openat(dirFd, name, f | O_NOFOLLOW | O_CLOEXEC, mode); }));
}

UniqueFd SafeFs::openPath(const char *path, int flags)
{
    return UniqueFd(withNoAtime(flags, [&](int f) { return ::open(path, f | O_CLOEXEC); }));
}

UniqueFd SafeFs::openDirBeneath(int dirFd, const char *relPath)
{
    return openBeneath(dirFd, relPath, O_RDONLY | O_DIRECTORY);
}

bool SafeFs::statBeneath(int dirFd, const char *relPath, struct stat *st)
{
    const char *slash = std::strrchr(relPath, '/');
    if (!slash)
        return ::fstatat(dirFd, relPath, st, AT_SYMLINK_NOFOLLOW) == 0;
    const std::string parent(relPath, size_t(slash - relPath));
    UniqueFd parentFd = openDirBeneath(dirFd, parent.c_str());
    if (!parentFd.isValid())
        return false;
    return ::fstatat(parentFd.get(), slash + 1, st, AT_SYMLINK_NOFOLLOW) == 0;
}

bool SafeFs::makeDirsBeneath(int dirFd, const char *relPath)
{
    const std::string path(relPath);
    size_t pos = 0;
    while (pos <= path.size()) {
        const size_t slash = path.find('/', pos);
        const std::string prefix = path.substr(0, slash);
        struct stat st;
        if (!statBeneath(dirFd, prefix.c_str(), &st)) {
            if (errno != ENOENT)
                return false;
            const size_t last = prefix.rfind('/');
            UniqueFd parent;
            int parentFd = dirFd;
            if (last != std::string::npos) {
                parent = openDirBeneath(dirFd, prefix.substr(0, last).c_str());
                if (!parent.isValid())
                    return false;
                parentFd = parent.get();
            }
            const std::string name = last == std::string::npos ? prefix : prefix.substr(last + 1);
            if (::mkdirat(parentFd, name.c_str(), 0777) != 0 && errno != EEXIST)
                return false;
        } else if (!S_ISDIR(st.st_mode)) {
            errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
            return false;
        }
        if (slash == std::string::npos)
            break;
        pos = slash + 1;
    }
    return true;
}

std::uint64_t SafeFs::mountId(int dirFd, const char *name)
{
#if defined(__linux__) && defined(STATX_MNT_ID)
    struct statx stx;
    const int flags = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | (*name ? 0 : AT_EMPTY_PATH);
    if (::statx(dirFd, name, flags, STATX_MNT_ID, &stx) == 0 && (stx.stx_mask & STATX_MNT_ID))
        return stx.stx_mnt_id;
#else
    (void)dirFd;
    (void)name;
#endif
    return 0;
}

bool SafeFs::makeWritable(int dirFd, const char *name, std::uint64_t requiredMountId)
{
    // O_PATH opens even a mode-000 directory; the fd pins the inode, so the chmod through
    // /proc cannot be redirected to another file.
    UniqueFd fd(::openat(dirFd, name, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid())
        return false;
    if (requiredMountId != 0) {
        const std::uint64_t mnt = mountId(fd.get(), "");
        if (mnt != 0 && mnt != requiredMountId) {
            errno = EXDEV;
            return false;
        }
    }
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return false;
    if ((st.st_mode & 0700) == 0700)
        return true;
    const std::string proc = "/proc/self/fd/" + std::to_string(fd.get());
    return ::chmod(proc.c_str(), (st.st_mode & 07777) | 0700) == 0;
}

} // namespace mk

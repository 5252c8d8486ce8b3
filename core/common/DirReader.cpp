// SPDX-License-Identifier: GPL-3.0-or-later
#include "DirReader.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

namespace mk {

namespace {

bool isDotOrDotDot(const char *name)
{
    return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

#ifdef __linux__
struct LinuxDirent64
{
    ino64_t d_ino;
    off64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};
#endif

// Buffers for nested forEachEntry calls on this thread, kept for the thread's life.
thread_local std::vector<std::unique_ptr<char[]>> t_buffers;
thread_local size_t t_depth = 0;

} // namespace

DirReader::BufferLease::BufferLease()
{
    if (t_depth == t_buffers.size())
        t_buffers.push_back(std::make_unique<char[]>(BufferSize));
    data = t_buffers[t_depth++].get();
}

DirReader::BufferLease::~BufferLease()
{
    --t_depth;
}

DirReader::DirReader(int dirFd, char *buffer) : m_fd(dirFd), m_buffer(buffer)
{
    // Always from the first entry, even on a descriptor (or a dup of one) read before.
    ::lseek(dirFd, 0, SEEK_SET);
#ifndef __linux__
    // fdopendir takes the fd over; give it a duplicate so the caller keeps its own.
    const int dup = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    m_dir = dup >= 0 ? ::fdopendir(dup) : nullptr;
    if (!m_dir) {
        m_error = errno;
        if (dup >= 0)
            ::close(dup);
    }
#endif
}

DirReader::~DirReader()
{
    if (m_dir)
        ::closedir(static_cast<DIR *>(m_dir));
}

const char *DirReader::next()
{
#ifdef __linux__
    while (true) {
        if (m_pos >= m_filled) {
            const long n = ::syscall(SYS_getdents64, m_fd, m_buffer, BufferSize);
            if (n < 0) {
                m_error = errno;
                return nullptr;
            }
            if (n == 0)
                return nullptr;
            m_filled = n;
            m_pos = 0;
        }
        auto *d = reinterpret_cast<LinuxDirent64 *>(m_buffer + m_pos);
        m_pos += d->d_reclen;
        if (!isDotOrDotDot(d->d_name)) {
            m_name = d->d_name;
            m_dType = d->d_type;
            return m_name;
        }
    }
#else
    if (!m_dir)
        return nullptr;
    while (true) {
        errno = 0;
        struct dirent *d = ::readdir(static_cast<DIR *>(m_dir));
        if (!d) {
            m_error = errno;
            return nullptr;
        }
        if (!isDotOrDotDot(d->d_name)) {
            m_name = d->d_name;
            m_dType = d->d_type;
            return m_name;
        }
    }
#endif
}

EntryType DirReader::type() const
{
    return typeOf(m_fd, m_name, m_dType);
}

EntryType DirReader::typeOf(int dirFd, const char *name, unsigned char dType)
{
    switch (dType) {
    case DT_DIR:
        return EntryType::Directory;
    case DT_REG:
        return EntryType::File;
    case DT_LNK:
        return EntryType::Symlink;
    case DT_UNKNOWN:
        return typeAt(dirFd, name); // some filesystems (xfs without ftype, old nfs) do not say
    default:
        return EntryType::Other;
    }
}

EntryType DirReader::typeAt(int dirFd, const char *name)
{
    struct stat st;
    if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return EntryType::Unknown;
    return typeOfMode(st.st_mode);
}

EntryType DirReader::typeOfMode(mode_t mode)
{
    if (S_ISDIR(mode))
        return EntryType::Directory;
    if (S_ISREG(mode))
        return EntryType::File;
    if (S_ISLNK(mode))
        return EntryType::Symlink;
    return EntryType::Other;
}

} // namespace mk

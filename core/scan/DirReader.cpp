// SPDX-License-Identifier: GPL-3.0-or-later
#include "DirReader.h"

#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
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

} // namespace

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
        if (!isDotOrDotDot(d->d_name))
            return d->d_name;
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
        if (!isDotOrDotDot(d->d_name))
            return d->d_name;
    }
#endif
}

} // namespace mk

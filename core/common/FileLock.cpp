// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileLock.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>

#include <QElapsedTimer>
#include <QThread>

#include "common/SafeFs.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<FileLock> FileLock::acquire(int dirFd, const std::string &relPath,
                                     const QString &displayPath, int timeoutMs,
                                     const std::function<bool()> &cancelled)
{
    if (const size_t slash = relPath.rfind('/'); slash != std::string::npos) {
        if (!SafeFs::makeDirsBeneath(dirFd, relPath.substr(0, slash).c_str()))
            return Error::fromErrno(errno, displayPath,
                                    u"cannot create the lock file's directory"_s);
    }
    UniqueFd fd = SafeFs::openBeneath(dirFd, relPath.c_str(), O_RDWR | O_CREAT, 0666);
    if (!fd.isValid())
        return Error::fromErrno(errno, displayPath, u"cannot open the lock file"_s);

    QElapsedTimer waited;
    waited.start();
    unsigned long sleepMs = 5;
    while (true) {
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0)
            return FileLock(std::move(fd));
        const int err = errno;
        if (err == EINTR)
            continue;
        if (err != EWOULDBLOCK) {
            if (err == ENOLCK || err == EOPNOTSUPP || err == ENOSYS)
                return Error::make(
                    Error::Code::Unsupported,
                    u"file locking is not supported here, so changing the cache is not safe while go may run"_s,
                    displayPath);
            return Error::fromErrno(err, displayPath, u"cannot lock"_s);
        }
        if (cancelled && cancelled())
            return Error::make(Error::Code::Cancelled, u"cancelled while waiting for the lock"_s,
                               displayPath);
        if (waited.elapsed() >= timeoutMs)
            return Error::make(
                Error::Code::Busy,
                u"locked by another process (a go command?) for more than %1 s; try again when it is done"_s
                    .arg(timeoutMs / 1000.0, 0, 'g', 3),
                displayPath);
        QThread::msleep(sleepMs);
        sleepMs = std::min<unsigned long>(sleepMs * 2, 100);
    }
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Error.h"

#include <cerrno>
#include <cstring>

namespace mk {

QString Error::toString() const
{
    if (subject.isEmpty())
        return message;
    return subject + u": " + message;
}

Error Error::make(Code code, const QString &message, const QString &subject)
{
    Error e;
    e.code = code;
    e.message = message;
    e.subject = subject;
    return e;
}

Error Error::fromErrno(int err, const QString &subject, const QString &what)
{
    Error e;
    e.sysErrno = err;
    switch (err) {
    case EACCES:
    case EPERM:
    case EROFS:
        e.code = Code::Permission;
        break;
    case ENOENT:
        e.code = Code::NotFound;
        break;
    case EWOULDBLOCK:
        e.code = Code::Busy;
        break;
    default:
        e.code = Code::Io;
        break;
    }
    const QString sys = QString::fromLocal8Bit(std::strerror(err));
    e.message = what.isEmpty() ? sys : what + u": " + sys;
    e.subject = subject;
    return e;
}

} // namespace mk

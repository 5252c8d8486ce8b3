// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileTimes.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <QFile>

using namespace Qt::StringLiterals;

namespace mk::test {

std::optional<FileTimes::Times> FileTimes::get(const QString &path)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return Times{st.st_atim, st.st_mtim, st.st_ctim};
}

bool FileTimes::set(const QString &path, const QDateTime &atime, const QDateTime &mtime)
{
    auto toSpec = [](const QDateTime &t) {
        timespec ts{};
        if (!t.isValid()) {
            ts.tv_nsec = UTIME_OMIT;
            return ts;
        }
        const qint64 ms = t.toMSecsSinceEpoch();
        ts.tv_sec = ms / 1000;
        ts.tv_nsec = (ms % 1000) * 1000000;
        return ts;
    };
    const timespec times[2] = {toSpec(atime), toSpec(mtime)};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW)
           == 0;
}

bool FileTimes::setSeconds(const QString &path, qint64 atimeSecs, qint64 mtimeSecs)
{
    const timespec times[2] = {{time_t(atimeSecs), 0}, {time_t(mtimeSecs), 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW)
           == 0;
}

QDateTime FileTimes::toDateTime(const timespec &t)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000, Qt::UTC);
}

QString FileTimes::describe(const timespec &t)
{
    return u"%1.%2"_s.arg(qint64(t.tv_sec)).arg(qint64(t.tv_nsec), 9, 10, QLatin1Char('0'));
}

bool FileTimes::readsUpdateOldAtimes(const QString &dir)
{
    const QString probe = dir + u"/.atime-probe"_s;
    {
        QFile f(probe);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write("probe\n") != 6)
            return false;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    setSeconds(probe, now - 3 * 86400, now - 86400);
    const auto before = get(probe);
    {
        QFile f(probe);
        if (!f.open(QIODevice::ReadOnly) || f.readAll().isEmpty())
            return false;
    }
    const auto after = get(probe);
    QFile::remove(probe);
    return before && after && !equal(before->atime, after->atime);
}

} // namespace mk::test

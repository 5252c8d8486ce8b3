// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ctime>
#include <optional>

#include <QDateTime>
#include <QString>

namespace mk::test {

/// Reads and sets file times with nanosecond precision, never following symlinks
/// (lstat, utimensat(AT_SYMLINK_NOFOLLOW)).
class FileTimes final
{
public:
    struct Times
    {
        timespec atime{};
        timespec mtime{};
        timespec ctime{};
    };

    [[nodiscard]] static std::optional<Times> get(const QString &path);
    /// Sets atime and mtime; an invalid QDateTime leaves that time alone (UTIME_OMIT).
    static bool set(const QString &path, const QDateTime &atime, const QDateTime &mtime);
    /// Whole seconds only, so that comparisons do not depend on sub-second rounding.
    static bool setSeconds(const QString &path, qint64 atimeSecs, qint64 mtimeSecs);

    [[nodiscard]] static bool equal(const timespec &a, const timespec &b)
    {
        return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
    }
    /// Millisecond QDateTime (UTC), truncated, as QDateTime can hold it.
    [[nodiscard]] static QDateTime toDateTime(const timespec &t);
    [[nodiscard]] static QString describe(const timespec &t);

    /// Whether reading a file on the filesystem holding dir updates its atime when that atime
    /// is days old (relatime or strictatime). Probes with a scratch file in dir.
    [[nodiscard]] static bool readsUpdateOldAtimes(const QString &dir);
};

} // namespace mk::test

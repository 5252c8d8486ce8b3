// SPDX-License-Identifier: GPL-3.0-or-later
// Access times of a whole tree for the O_NOATIME tests (tst_noatime, tst_gui_noatime): set them
// all far in the past, take a snapshot, and list what moved. The walk itself opens with
// O_NOATIME, so it moves nothing. Header-only.
#pragma once

#include <ctime>
#include <functional>
#include <map>
#include <string>

#include <QFile>
#include <QString>
#include <QStringList>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "FileTimes.h"
#include "common/UniqueFd.h"

namespace mk::test::atime {

using namespace Qt::StringLiterals;

constexpr time_t oldAtime = 1577836800; // 2020-01-01T00:00:00Z

struct Atime
{
    timespec atime{};
    bool dir = false;
};
using Atimes = std::map<std::string, Atime>; ///< path below the root ("." for the root) -> atime

// The test's own walk must not move atimes either: O_NOATIME on our own files.
inline int openQuiet(int dirFd, const char *name, int flags)
{
    return ::openat(dirFd, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);
}

// Post-order walk below dirFd: visit(dirFd, name, rel, st) for every entry, children before
// their directory, so that setting a directory's time comes after listing it.
inline bool walk(
    int dirFd, const std::string &rel,
    const std::function<bool(int, const char *, const std::string &, const struct stat &)> &visit)
{
    const int dup = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    DIR *dir = dup >= 0 ? ::fdopendir(dup) : nullptr;
    if (!dir)
        return false;
    bool ok = true;
    while (const dirent *de = ::readdir(dir)) {
        const std::string name = de->d_name;
        if (name == "." || name == "..")
            continue;
        const std::string childRel = rel.empty() ? name : rel + '/' + name;
        struct stat st;
        if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            ok = false;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            UniqueFd child(openQuiet(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY));
            if (!child.isValid() || !walk(child.get(), childRel, visit))
                ok = false;
        }
        if (!visit(dirFd, name.c_str(), childRel, st))
            ok = false;
    }
    ::closedir(dir);
    return ok;
}

// Sets every atime below root (and root's own) to 2020, keeping mtimes.
inline bool ageAll(const QString &root)
{
    UniqueFd fd(::open(QFile::encodeName(root).constData(),
                       O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOATIME));
    if (!fd.isValid())
        return false;
    const timespec times[2] = {{oldAtime, 0}, {0, UTIME_OMIT}};
    const bool ok = walk(
        fd.get(), {}, [&](int dirFd, const char *name, const std::string &, const struct stat &st) {
            if (S_ISLNK(st.st_mode))
                return true;
            return ::utimensat(dirFd, name, times, AT_SYMLINK_NOFOLLOW) == 0;
        });
    return ok && ::futimens(fd.get(), times) == 0;
}

inline Atimes snapshot(const QString &root)
{
    Atimes out;
    UniqueFd fd(::open(QFile::encodeName(root).constData(),
                       O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOATIME));
    if (!fd.isValid())
        return out;
    walk(fd.get(), {}, [&](int, const char *, const std::string &rel, const struct stat &st) {
        out[rel] = {st.st_atim, S_ISDIR(st.st_mode)};
        return true;
    });
    struct stat st;
    if (::fstat(fd.get(), &st) == 0)
        out["."] = {st.st_atim, true};
    return out;
}

// The paths present before and after whose atime moved, except those allowed (written by the
// command itself).
inline QStringList moved(const Atimes &before, const Atimes &after,
                         const std::function<bool(const QString &)> &allowed = {})
{
    QStringList files;
    QStringList dirs;
    for (const auto &[rel, t] : before) {
        const auto it = after.find(rel);
        if (it == after.end() || FileTimes::equal(t.atime, it->second.atime))
            continue;
        const QString path = QString::fromStdString(rel);
        if (allowed && allowed(path))
            continue;
        (t.dir ? dirs : files) << path + (t.dir ? u"/"_s : QString()) + u" (atime now "_s
                                      + FileTimes::describe(it->second.atime) + u')';
    }
    return files + dirs; // files first: the failure message is cut after about 1000 characters
}

} // namespace mk::test::atime

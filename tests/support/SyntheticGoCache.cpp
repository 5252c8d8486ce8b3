// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyntheticGoCache.h"

#include <cstdio>
#include <limits>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

std::string hexId(const char *kind, int i)
{
    return QCryptographicHash::hash(QByteArray(QByteArray(kind) + QByteArray::number(i)),
                                    QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

bool writeAt(const std::string &path, const std::string &data, qint64 mtime)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.data(), data.size()) == ssize_t(data.size());
    struct timespec times[2] = {{mtime, 0}, {mtime, 0}};
    const bool timed = ::futimens(fd, times) == 0;
    ::close(fd);
    return ok && timed;
}

} // namespace

bool SyntheticGoCache::create(const QString &dir, int pairs, qint64 nowSecs,
                              const std::function<qint64(int)> &ageSeconds,
                              const std::function<int(int)> &outputBytes)
{
    if (!QDir().mkpath(dir))
        return false;
    const std::string root = QDir(dir).absolutePath().toStdString();
    for (int i = 0; i < 256; ++i) {
        char sub[3];
        std::snprintf(sub, sizeof sub, "%02x", i);
        ::mkdir((root + '/' + sub).c_str(), 0777);
    }
    if (!writeAt(root + "/README",
                 "This directory holds cached build artifacts from the Go build system.\n",
                 nowSecs))
        return false;
    for (int i = 0; i < pairs; ++i) {
        const std::string action = hexId("action", i);
        const std::string output = hexId("output", i);
        const int size = outputBytes(i);
        const qint64 mtime = nowSecs - ageSeconds(i);
        char entry[256];
        std::snprintf(entry, sizeof entry, "v1 %s %s %20d %20lld\n", action.c_str(),
                      output.c_str(), size, (long long)mtime * 1000000000LL);
        if (!writeAt(root + '/' + action.substr(0, 2) + '/' + action + "-a", entry, mtime)
            || !writeAt(root + '/' + output.substr(0, 2) + '/' + output + "-d",
                        std::string(size_t(size), 'x'), mtime))
            return false;
    }
    return true;
}

QSet<QString> SyntheticGoCache::entries(const QString &dir)
{
    return entriesOlderThan(dir, std::numeric_limits<qint64>::max());
}

QSet<QString> SyntheticGoCache::entriesOlderThan(const QString &dir, qint64 cutoffSecs)
{
    QSet<QString> set;
    QDirIterator it(dir, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
    const QString prefix = QDir(dir).absolutePath() + u'/';
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = path.mid(prefix.size());
        if (rel.size() < 5 || rel.at(2) != u'/' || rel.count(u'/') != 1
            || !(rel.endsWith(u"-a"_s) || rel.endsWith(u"-d"_s)))
            continue;
        struct stat st;
        if (::lstat(path.toLocal8Bit().constData(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (st.st_mtim.tv_sec < cutoffSecs)
            set.insert(rel);
    }
    return set;
}

} // namespace mk::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectFinder.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool skippedName(const char *name)
{
    return name[0] == '.' || std::strcmp(name, "vendor") == 0
           || std::strcmp(name, "node_modules") == 0 || std::strcmp(name, "testdata") == 0;
}

struct Walk
{
    std::mutex mutex;
    std::condition_variable wake;
    QList<QString> pending; ///< folders to read
    int busy = 0;           ///< workers reading a folder
    bool stop = false;
    QSet<QString> skip;
    QList<ProjectFinder::Found> found;
    std::function<bool()> cancelled;

    void readDir(const QString &dir, QList<QString> &children, QList<ProjectFinder::Found> &out)
    {
        const QByteArray path = QFile::encodeName(dir);
        UniqueFd fd(::open(path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid())
            return;
        DIR *d = ::fdopendir(fd.get());
        if (!d)
            return;
        const int dfd = fd.release();
        ProjectFinder::Found f{dir};
        while (dirent *e = ::readdir(d)) {
            const char *name = e->d_name;
            if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
                continue;
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) {
                struct stat st;
                if (::fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
            }
            if (type == DT_REG) {
                if (std::strcmp(name, "go.mod") == 0)
                    f.goMod = true;
                else if (std::strcmp(name, "go.work") == 0)
                    f.goWork = true;
            } else if (type == DT_DIR && !skippedName(name)) {
                children.append(dir + u'/' + QFile::decodeName(name));
            }
        }
        ::closedir(d);
        if (f.goMod || f.goWork)
            out.append(f);
    }

    void work()
    {
        QList<ProjectFinder::Found> mine;
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return stop || !pending.isEmpty() || busy == 0; });
            if (stop || (pending.isEmpty() && busy == 0))
                break;
            const QString dir = pending.takeLast();
            if (skip.contains(dir))
                continue;
            ++busy;
            lock.unlock();
            QList<QString> children;
            const bool cancel = cancelled && cancelled();
            if (!cancel)
                readDir(dir, children, mine);
            lock.lock();
            if (cancel)
                stop = true;
            --busy;
            pending.append(children);
            wake.notify_all();
        }
        found.append(mine);
        wake.notify_all();
    }
};

} // namespace

QList<ProjectFinder::Found> ProjectFinder::find(const QStringList &roots,
                                                const QStringList &skipDirs,
                                                const std::function<bool()> &cancelled, int threads)
{
    Walk walk;
    walk.cancelled = cancelled;
    for (const QString &d : skipDirs)
        if (!d.isEmpty())
            walk.skip.insert(QDir::cleanPath(QDir(d).absolutePath()));
    QStringList starts;
    for (const QString &r : roots)
        starts.append(QDir::cleanPath(QDir(r).absolutePath()));
    starts.sort();
    starts.removeDuplicates();
    // A root inside another root is walked once (with the outer one).
    for (const QString &r : std::as_const(starts))
        if (std::none_of(starts.cbegin(), starts.cend(), [&](const QString &o) {
                return o != r && (r.startsWith(o + u'/') || o == u"/"_s);
            }))
            walk.pending.append(r);
    std::vector<std::thread> workers;
    for (int i = 1; i < std::max(1, threads); ++i)
        workers.emplace_back([&] { walk.work(); });
    walk.work();
    for (std::thread &t : workers)
        t.join();
    std::sort(walk.found.begin(), walk.found.end(),
              [](const Found &a, const Found &b) { return a.dir < b.dir; });
    return walk.found;
}

QStringList ProjectFinder::workspaceUses(const QString &goWorkFile)
{
    QFile f(goWorkFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QDir base = QFileInfo(goWorkFile).absoluteDir();
    QStringList uses;
    bool inBlock = false;
    for (QByteArray line : f.readAll().split('\n')) {
        if (const qsizetype c = line.indexOf("//"); c >= 0)
            line.truncate(c);
        line = line.trimmed();
        QByteArray arg;
        if (inBlock) {
            if (line.startsWith(')')) {
                inBlock = false;
                continue;
            }
            arg = line;
        } else if (line.startsWith("use")
                   && (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t'
                       || line.at(3) == '(')) {
            arg = line.mid(3).trimmed();
            if (arg.startsWith('(')) {
                arg = arg.mid(1).trimmed();
                inBlock = !arg.endsWith(')');
                if (!inBlock)
                    arg.chop(1);
            }
        }
        arg = arg.trimmed();
        if (arg.size() >= 2 && (arg.front() == '"' || arg.front() == '`'))
            arg = arg.mid(1, arg.size() - 2);
        if (!arg.isEmpty())
            uses.append(QDir::cleanPath(base.absoluteFilePath(QString::fromUtf8(arg))));
    }
    return uses;
}

} // namespace mk

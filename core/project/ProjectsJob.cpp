// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectsJob.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include <QDir>
#include <QFile>
#include <QPromise>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include "common/CorePool.h"
#include "module/ModulePath.h"
#include "project/ProjectCache.h"
#include "project/ProjectFinder.h"
#include "project/ProjectNeeds.h"
#include "project/ToolchainLine.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

struct Candidate
{
    QString dir;
    bool workspace = false;
    QStringList files; ///< what the answer depends on (stamped)
};

bool hasRequire(const QString &goMod)
{
    QFile f(goMod);
    if (!f.open(QIODevice::ReadOnly))
        return true; // cannot tell: ask go
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QByteArray t = line.trimmed();
        if (t.startsWith("require")
            && (t.size() == 7 || t.at(7) == ' ' || t.at(7) == '\t' || t.at(7) == '('))
            return true;
    }
    return false;
}

bool inCache(const QString &gomodcache, const ProjectNeed &need)
{
    const Expected<QString> ep = ModulePath::escapePath(need.path);
    const Expected<QString> ev = ModulePath::escapeVersion(need.version);
    if (!ep || !ev)
        return false;
    const QString base = gomodcache + u"/cache/download/"_s + *ep + u"/@v/"_s + *ev;
    if (!QFile::exists(base + u".mod"_s))
        return false;
    return need.how == NeedHow::GoMod || QFile::exists(base + u".zip"_s)
           || QFileInfo(gomodcache + u'/' + *ep + u'@' + *ev).isDir();
}

} // namespace

QFuture<ProjectsResult> ProjectsJob::start(const QStringList &roots, const Options &options)
{
    return QtConcurrent::run(CorePool::instance(),
                             [roots, options](QPromise<ProjectsResult> &promise) {
                                 CorePool::markBackgroundThread();
                                 promise.addResult(run(
                                     roots, options, [&] { return promise.isCanceled(); },
                                     [&](int done, int total) {
                                         promise.setProgressRange(0, total);
                                         promise.setProgressValue(done);
                                     }));
                             });
}

ProjectsResult ProjectsJob::run(const QStringList &roots, const Options &options,
                                const std::function<bool()> &cancelled,
                                const std::function<void(int, int)> &progress)
{
    ProjectsResult result;
    QStringList skip = options.skipDirs;
    if (!options.gomodcache.isEmpty())
        skip.append(options.gomodcache);
    const QList<ProjectFinder::Found> found = ProjectFinder::find(roots, skip, cancelled);

    // go.work folders are projects whose use'd modules are not projects of their own.
    QList<Candidate> candidates;
    QSet<QString> inWorkspace;
    for (const ProjectFinder::Found &f : found) {
        if (!f.goWork)
            continue;
        Candidate c{f.dir, true, {f.dir + u"/go.work"_s, f.dir + u"/go.work.sum"_s}};
        for (const QString &use : ProjectFinder::workspaceUses(f.dir + u"/go.work"_s)) {
            inWorkspace.insert(use);
            c.files << use + u"/go.mod"_s << use + u"/go.sum"_s;
        }
        candidates.append(c);
    }
    for (const ProjectFinder::Found &f : found)
        if (f.goMod && !f.goWork && !inWorkspace.contains(f.dir))
            candidates.append({f.dir, false, {f.dir + u"/go.mod"_s, f.dir + u"/go.sum"_s}});
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate &a, const Candidate &b) { return a.dir < b.dir; });

    ProjectNeeds::Options needsOptions;
    needsOptions.goBinary = options.goBinary;
    needsOptions.gomodcache = options.gomodcache;
    needsOptions.environment = options.environment;
    needsOptions.timeoutMs = options.timeoutMs;
    const QString key = options.gomodcache + u'\n' + options.goBinary + u'\n'
                        + options.environment.value(u"GOFLAGS"_s) + u'\n'
                        + options.environment.value(u"GOEXPERIMENT"_s);
    ProjectCache cache(
        options.cacheFile.isEmpty() ? ProjectCache::defaultFile() : options.cacheFile, key);
    if (options.useCache)
        cache.load();

    const int total = int(candidates.size());
    result.projects.resize(total);
    QList<QList<ProjectCache::Stamp>> stamps(total);
    QList<int> toRead;
    for (int i = 0; i < total; ++i) {
        const Candidate &c = candidates[i];
        stamps[i] = ProjectCache::stampsOf(c.files);
        if (options.useCache)
            if (std::optional<ProjectInfo> hit = cache.lookup(c.dir, stamps[i])) {
                result.projects[i] = *hit;
                continue;
            }
        if (!c.workspace && !hasRequire(c.files.first())) {
            // No require: the build list is the main module alone; go would say nothing more.
            ProjectInfo info;
            info.dir = c.dir;
            const QByteArray mod = [&] {
                QFile f(c.files.first());
                return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            }();
            info.module = ToolchainLine::lookup(mod, u"module"_s).remove(u'"');
            info.goVersion = ToolchainLine::lookup(mod, u"go"_s);
            info.toolchain = ToolchainLine::lookup(mod, u"toolchain"_s);
            if (info.toolchain == u"default")
                info.toolchain.clear();
            result.projects[i] = info;
            cache.store(info, stamps[i]);
            continue;
        }
        toRead.append(i);
    }
    std::atomic<int> done = total - int(toRead.size());
    if (progress)
        progress(done, total);

    // Two go processes at a time: go itself is parallel, and the cache is read by all.
    std::atomic<int> next = 0;
    std::mutex mutex;
    std::atomic<bool> stopped = false;
    auto worker = [&] {
        for (;;) {
            if (cancelled && cancelled()) {
                stopped = true;
                return;
            }
            const int k = next++;
            if (k >= toRead.size())
                return;
            const int i = toRead[k];
            ProjectInfo info = ProjectNeeds::readProject(candidates[i].dir, candidates[i].workspace,
                                                         needsOptions);
            // Stamped after go ran: a file go changed was put back (with a new mtime).
            stamps[i] = ProjectCache::stampsOf(candidates[i].files);
            const std::lock_guard lock(mutex);
            cache.store(info, stamps[i]);
            result.projects[i] = std::move(info);
            if (progress)
                progress(++done, total);
        }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < std::max(1, options.goProcesses); ++t)
        threads.emplace_back(worker);
    worker();
    for (std::thread &t : threads)
        t.join();

    for (ProjectInfo &p : result.projects) {
        if (!p.error.isEmpty() || !p.missing.isEmpty() || p.dir.isEmpty())
            continue;
        for (const ProjectNeed &n : std::as_const(p.needs))
            if (!inCache(options.gomodcache, n))
                p.missing.append(n);
    }
    if (stopped || (cancelled && cancelled())) {
        result.projects.removeIf([](const ProjectInfo &p) { return p.dir.isEmpty(); });
        result.notes.append(u"cancelled: the projects list is partial"_s);
        return result;
    }
    if (options.useCache && !cache.save())
        result.notes.append(u"the projects cache could not be written"_s);
    for (const ProjectInfo &p : std::as_const(result.projects))
        if (!p.missing.isEmpty())
            result.notes.append(
                u"%1: %2 needed versions are not in the cache"_s.arg(p.dir).arg(p.missing.size()));
    return result;
}

} // namespace mk

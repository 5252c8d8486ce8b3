// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportJob.h"

#include <filesystem>
#include <memory>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QtConcurrent>

#include "bundle/BundleArchive.h"
#include "bundle/ProxyTree.h"
#include "common/CorePool.h"
#include "download/DownloadJob.h"
#include "download/DownloadSetup.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

/// A scratch module cache, removed at the end even though go's trees are read-only.
class ScratchCache
{
public:
    explicit ScratchCache(const QString &parent)
        : m_dir((parent.isEmpty() ? QDir::tempPath() : parent) + u"/modkeeper-import-XXXXXX"_s)
    {
        m_dir.setAutoRemove(false);
    }
    ~ScratchCache()
    {
        if (!m_dir.isValid())
            return;
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path root(QFile::encodeName(m_dir.path()).toStdString());
        for (auto it = fs::recursive_directory_iterator(root, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_directory(ec) && !it->is_symlink(ec))
                fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(root, ec);
    }
    [[nodiscard]] bool isValid() const { return m_dir.isValid(); }
    [[nodiscard]] QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

QString fileUrl(const QString &dir)
{
    return QUrl::fromLocalFile(dir).toString(QUrl::FullyEncoded);
}

} // namespace

ImportReport ImportJob::run(const ImportOptions &options, const std::function<bool()> &cancelled,
                            const std::function<void(int, int)> &progress)
{
    ImportReport report;
    report.source = options.source;
    const ScratchCache scratch(options.scratchParent);
    if (!scratch.isValid()) {
        report.error = Error::make(Error::Code::Io, u"cannot create a scratch cache"_s,
                                   options.scratchParent.isEmpty() ? QDir::tempPath()
                                                                   : options.scratchParent);
        return report;
    }
    QString source = QFileInfo(options.source).absoluteFilePath();
    if (BundleArchive::isBundlePath(source)) {
        // A bundle is unpacked into the scratch space first, then imported like a tree.
        const QString unpacked = scratch.path() + u"/bundle"_s;
        if (Status st = BundleArchive::extract(source, unpacked); !st) {
            report.error = st.error();
            return report;
        }
        source = unpacked;
    }
    const Expected<QList<ProxyTree::Entry>> entries = ProxyTree::scan(source);
    if (!entries) {
        report.error = entries.error();
        return report;
    }
    QList<DownloadRequest> requests;
    for (const ProxyTree::Entry &e : *entries) {
        if (e.hasZip)
            requests.append({e.path, e.version});
        else
            report.skipped.append(e.id());
    }
    if (requests.isEmpty()) {
        report.error = Error::make(Error::Code::NotFound,
                                   u"no module zip in this tree (<module>/@v/<version>.zip)"_s,
                                   options.source);
        return report;
    }
    QHash<QString, QString> bundleSums;
    QFile goSum(source + u"/go.sum"_s);
    if (goSum.open(QIODevice::ReadOnly))
        bundleSums = ProxyTree::parseGoSum(goSum.read(16 << 20));

    const QString scratchCache = scratch.path() + u"/modcache"_s;
    const int total = int(requests.size()) * 2;
    int done = 0;
    auto runPass = [&](const DownloadOptions &o, const QList<DownloadRequest> &reqs) {
        QFuture<DownloadResult> f = DownloadJob::start(o, reqs);
        QHash<QString, DownloadResult> finals;
        int seen = 0;
        auto drain = [&] {
            for (; seen < f.resultCount(); ++seen) {
                const DownloadResult r = f.resultAt(seen);
                if (!r.isFinal())
                    continue;
                finals.insert(r.id(), r);
                if (progress)
                    progress(++done, total);
            }
        };
        while (!f.isFinished()) {
            if (cancelled && cancelled() && !f.isCanceled())
                f.cancel();
            QThread::msleep(20);
            drain();
        }
        drain();
        return finals;
    };

    // Pass 1: a download from the tree into the scratch cache, with every check.
    DownloadOptions check = options.download;
    check.gomodcache = scratchCache;
    check.gonoproxy.clear(); // everything comes from the tree, never handed to go direct
    // The tree's go.sum is the tree's own word, not the user's: unlike a go.sum it never
    // stands in for the checksum database (a hostile tree would ship matching lines). So it
    // is no knownSums entry but a check beside the database's, in this checker.
    check.knownSums.clear();
    HashChecker database;
    if (options.checksumDb) {
        // The database as go would reach it through GOPROXY=<tree>,<the user's GOPROXY>.
        check.goproxy = fileUrl(source) + u',' + options.download.goproxy;
        if (Status st = DownloadSetup::attachChecksumDb(check, options.env); !st) {
            report.error = st.error();
            return report;
        }
        database = check.checksumDb;
    }
    auto unverified = std::make_shared<std::pair<QMutex, QSet<QString>>>();
    check.checksumDb = [database, bundleSums, unverified](const QString &path,
                                                          const QString &version,
                                                          const QString &h1, bool goMod,
                                                          bool *verified) -> Status {
        const QString key = path + u' ' + version + (goMod ? u"/go.mod"_s : QString());
        const QString listed = bundleSums.value(key);
        if (!listed.isEmpty() && listed != h1)
            return Error::make(
                Error::Code::Security,
                u"checksum mismatch\n\tdownloaded: %1\n\tbundle go.sum: %2\n\nSECURITY ERROR\n"
                u"This download does NOT match the go.sum shipped with it."_s.arg(h1, listed),
                u"verifying "_s + path + u'@' + version + (goMod ? u"/go.mod"_s : QString()));
        if (verified)
            *verified = false;
        if (!database)
            return {};
        Status st = database(path, version, h1, goMod, verified);
        if (st || st.error().code != Error::Code::Network || listed.isEmpty())
            return st;
        // Unreachable (never a mismatch): the tree's go.sum line is all there is, as told.
        const QMutexLocker lock(&unverified->first);
        unverified->second.insert(path + u'@' + version);
        return {};
    };
    check.goproxy = fileUrl(source);
    const QHash<QString, DownloadResult> checked = runPass(check, requests);

    // Pass 2: only what passed, from the scratch copy into the cache, held to the same hashes.
    DownloadOptions install = options.download;
    install.goproxy = fileUrl(scratchCache + u"/cache/download"_s);
    install.gonoproxy.clear();
    install.checksumDb = {};
    install.knownSums.clear();
    QList<DownloadRequest> passed;
    for (const DownloadRequest &req : std::as_const(requests)) {
        const DownloadResult r = checked.value(req.id());
        if (r.ok() && !r.sum.isEmpty() && !r.goModSum.isEmpty()) {
            passed.append(req);
            install.knownSums.insert(req.path + u' ' + req.version, r.sum);
            install.knownSums.insert(req.path + u' ' + req.version + u"/go.mod"_s, r.goModSum);
        }
    }
    const bool stop = cancelled && cancelled();
    QHash<QString, DownloadResult> installed;
    if (!passed.isEmpty() && !stop)
        installed = runPass(install, passed);
    for (const DownloadRequest &req : std::as_const(requests)) {
        DownloadResult r = installed.contains(req.id()) ? installed.value(req.id())
                                                        : checked.value(req.id());
        if (r.path.isEmpty()) {
            r.path = req.path;
            r.version = req.version;
            r.error = Error::make(Error::Code::Cancelled, u"cancelled"_s, req.id());
        }
        if (installed.contains(req.id())) {
            r.proxy = checked.value(req.id()).proxy;
            r.bytes = checked.value(req.id()).bytes;
            r.notes = checked.value(req.id()).notes + r.notes;
        } else if (r.ok()) {
            // Passed the checks but was not installed (cancelled in between).
            r.outcome = DownloadOutcome::Failed;
            r.error = Error::make(Error::Code::Cancelled, u"cancelled"_s, req.id());
        }
        {
            const QMutexLocker lock(&unverified->first);
            if (unverified->second.contains(req.id()))
                r.notes.append(u"checksum database unreachable: checked against the tree's "
                               u"go.sum only"_s);
        }
        report.versions.append(r);
    }
    report.cancelled = stop || (cancelled && cancelled());
    return report;
}

QFuture<ImportReport> ImportJob::start(const ImportOptions &options)
{
    return QtConcurrent::run(CorePool::instance(), [options](QPromise<ImportReport> &promise) {
        promise.setProgressRange(0, 1);
        ImportReport report = run(
            options, [&promise] { return promise.isCanceled(); },
            [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValueAndText(done, u"%1 of %2 steps"_s.arg(done).arg(total));
            });
        promise.addResult(report);
    });
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportJob.h"

#include <cerrno>

#include <fcntl.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QtConcurrent>

#include "archive/Hash1.h"
#include "bundle/BundleArchive.h"
#include "bundle/ProxyTree.h"
#include "bundle/TreeWriter.h"
#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "module/ModulePath.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

/// The canonical form of a path that may not exist yet: its nearest existing ancestor
/// resolved, the rest appended.
QString resolvedPath(const QString &path)
{
    QString head = QDir::cleanPath(QDir::isRelativePath(path) ? QDir::current().absoluteFilePath(path) : path);
    QStringList tail;
    while (!QFileInfo::exists(head) && head != u"/") {
        tail.prepend(QFileInfo(head).fileName());
        head = QFileInfo(head).path();
    }
    QString out = QFileInfo(head).canonicalFilePath();
    if (out.isEmpty())
        out = head;
    for (const QString &t : std::as_const(tail))
        out += (out.endsWith(u'/') ? u""_s : u"/"_s) + t;
    return out;
}

bool isWithin(const QString &inner, const QString &outer)
{
    return inner == outer || inner.startsWith(outer.endsWith(u'/') ? outer : outer + u'/');
}

/// A file of the cache, read below its root without following symlinks, with O_NOATIME.
Expected<std::optional<QByteArray>> readCacheFile(int rootFd, const QString &gomodcache,
                                                  const QString &rel)
{
    UniqueFd fd = SafeFs::openBeneath(rootFd, QFile::encodeName(rel).constData(), O_RDONLY);
    if (!fd.isValid()) {
        if (errno == ENOENT)
            return std::optional<QByteArray>();
        return Error::fromErrno(errno, gomodcache + u'/' + rel, u"cannot read"_s);
    }
    QFile f;
    if (!f.open(fd.get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error::make(Error::Code::Io, f.errorString(), gomodcache + u'/' + rel);
    return std::optional<QByteArray>(f.readAll());
}

class Exporter
{
public:
    Exporter(const ExportOptions &o, int rootFd, const TreeWriter &w)
        : m_o(o), m_root(rootFd), m_w(w)
    {
    }

    void loadGoSum(ExportReport &report)
    {
        const Expected<std::optional<QByteArray>> sum = m_w.read(u"go.sum"_s);
        if (!sum)
            report.error = sum.error();
        else if (sum->has_value())
            m_sums = ProxyTree::parseGoSum(**sum);
    }

    ExportedVersion exportOne(const ExportVersion &v)
    {
        ExportedVersion r;
        r.path = v.path;
        r.version = v.version;
        const Expected<QString> rel = ProxyTree::versionFile(v.path, v.version, {});
        if (!rel) {
            r.error = Error::make(Error::Code::InvalidArgument, rel.error().message, v.id());
            return r;
        }
        const QString src = u"cache/download/"_s + *rel;
        auto need = [&](const QString &suffix) -> std::optional<QByteArray> {
            const Expected<std::optional<QByteArray>> data
                = readCacheFile(m_root, m_o.gomodcache, src + suffix);
            if (!data) {
                r.error = data.error();
                return std::nullopt;
            }
            if (!data->has_value()) {
                r.error = Error::make(Error::Code::NotFound, u"not in the module cache"_s,
                                      m_o.gomodcache + u'/' + src + suffix);
                return std::nullopt;
            }
            return **data;
        };
        const std::optional<QByteArray> info = need(u".info"_s);
        if (!info)
            return r;
        const std::optional<QByteArray> mod = need(u".mod"_s);
        if (!mod)
            return r;
        r.goModSum = Hash1::hashGoMod(*mod);
        std::optional<QByteArray> ziphash;
        if (!v.modOnly) {
            ziphash = need(u".ziphash"_s);
            if (!ziphash)
                return r;
            r.sum = QString::fromUtf8(ziphash->trimmed());
            if (!r.sum.startsWith(u"h1:"_s)) {
                r.error = Error::make(Error::Code::Security, u"not an h1: hash"_s,
                                      m_o.gomodcache + u'/' + src + u".ziphash"_s);
                return r;
            }
        }
        // A version the tree already records otherwise is a conflict, never overwritten: a
        // proxy's content for a version must not change.
        const QString key = v.path + u' ' + v.version;
        if (!checkSum(r, key + u"/go.mod"_s, r.goModSum) || (!v.modOnly && !checkSum(r, key, r.sum)))
            return r;
        const Expected<std::optional<QByteArray>> oldMod = m_w.read(*rel + u".mod"_s);
        if (!oldMod) {
            r.error = oldMod.error();
            return r;
        }
        if (oldMod->has_value() && **oldMod != *mod) {
            r.error = Error::make(Error::Code::Security,
                                  u"the tree already holds another go.mod for this version"_s,
                                  m_w.root() + u'/' + *rel + u".mod"_s);
            return r;
        }
        bool unchanged = oldMod->has_value();
        if (!v.modOnly) {
            const QString zipRel = *rel + u".zip"_s;
            if (m_w.exists(zipRel)) {
                const Expected<QString> old = Hash1::hashZip(m_w.root() + u'/' + zipRel);
                if (!old || *old != r.sum) {
                    r.error = Error::make(Error::Code::Security,
                                          u"the tree already holds another zip for this version"_s,
                                          m_w.root() + u'/' + zipRel);
                    return r;
                }
            } else {
                unchanged = false;
                UniqueFd zip = SafeFs::openBeneath(
                    m_root, QFile::encodeName(src + u".zip"_s).constData(), O_RDONLY);
                if (!zip.isValid()) {
                    r.error = Error::fromErrno(errno, m_o.gomodcache + u'/' + src + u".zip"_s,
                                               u"cannot read"_s);
                    return r;
                }
                qint64 n = 0;
                if (Status st = m_w.copy(zip.get(), zipRel, &n); !st) {
                    r.error = st.error();
                    return r;
                }
                r.bytes += n;
            }
            r.zip = true;
        }
        if (!oldMod->has_value()) {
            if (Status st = m_w.write(*rel + u".mod"_s, *mod); !st) {
                r.error = st.error();
                return r;
            }
            r.bytes += mod->size();
        }
        const Expected<std::optional<QByteArray>> oldInfo = m_w.read(*rel + u".info"_s);
        if (!oldInfo || !oldInfo->has_value() || **oldInfo != *info) {
            unchanged = false;
            if (Status st = m_w.write(*rel + u".info"_s, *info); !st) {
                r.error = st.error();
                return r;
            }
            r.bytes += info->size();
        }
        r.unchanged = unchanged;
        m_sums.insert(key + u"/go.mod"_s, r.goModSum);
        if (!v.modOnly)
            m_sums.insert(key, r.sum);
        m_listed[rel->section(u"/@v/"_s, 0, 0)].append(v.version);
        return r;
    }

    /// @v/list (merged, sorted) and @latest of every module touched, then go.sum.
    Status finish(ExportReport &report)
    {
        for (auto it = m_listed.constBegin(); it != m_listed.constEnd(); ++it) {
            const QString listRel = it.key() + u"/@v/list"_s;
            const Expected<std::optional<QByteArray>> old = m_w.read(listRel);
            if (!old)
                return old.error();
            QStringList versions = it.value();
            if (old->has_value())
                versions += ProxyTree::parseList(**old);
            const QByteArray list = ProxyTree::formatList(versions);
            if (!old->has_value() || **old != list)
                if (Status st = m_w.write(listRel, list); !st)
                    return st;
            ++report.modules;
            const QString latest = ProxyTree::latestOf(ProxyTree::parseList(list));
            const Expected<QString> escLatest = ModulePath::escapeVersion(latest);
            if (latest.isEmpty() || !escLatest)
                continue;
            const Expected<std::optional<QByteArray>> info
                = m_w.read(it.key() + u"/@v/"_s + *escLatest + u".info"_s);
            if (info && info->has_value())
                if (Status st = m_w.write(it.key() + u"/@latest"_s, **info); !st)
                    return st;
        }
        if (m_sums.isEmpty())
            return {};
        return m_w.write(u"go.sum"_s, ProxyTree::formatGoSum(m_sums));
    }

    /// The checksum database's answers for the exported versions, as go asks a proxy for them.
    Status exportSumDb(ExportReport &report, const QList<ExportedVersion> &versions,
                       const std::function<bool()> &cancelled)
    {
        const QString name = m_o.sumdbName;
        if (name.isEmpty() || name.contains(u'/') || name.startsWith(u'.'))
            return Error::make(Error::Code::InvalidArgument, u"not a checksum database name"_s,
                               name);
        const QString src = u"cache/download/sumdb/"_s + name;
        const QString dst = u"sumdb/"_s + name;
        for (const ExportedVersion &v : versions) {
            if (!v.ok())
                continue;
            const Expected<QString> p = ModulePath::escapePath(v.path);
            const Expected<QString> ver = ModulePath::escapeVersion(v.version);
            if (!p || !ver)
                continue;
            const QString lookup = u"/lookup/"_s + *p + u'@' + *ver;
            const Expected<std::optional<QByteArray>> data
                = readCacheFile(m_root, m_o.gomodcache, src + lookup);
            if (!data)
                return data.error();
            if (!data->has_value()) {
                report.notes.append(u"%1: no checksum-database lookup in the cache (go cannot "
                                    u"verify it offline from this tree)"_s.arg(v.id()));
                continue;
            }
            if (Status st = m_w.write(dst + lookup, **data); !st)
                return st;
            ++report.sumdbFiles;
        }
        // Tiles are shared by all records: every cached one goes (8 KiB each at most).
        const QString tileDir = m_o.gomodcache + u'/' + src + u"/tile"_s;
        QDirIterator it(tileDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (cancelled && cancelled())
                return Error::make(Error::Code::Cancelled, u"cancelled"_s);
            const QString file = it.next();
            if (it.fileInfo().isSymLink())
                continue;
            const QString rel = src + u'/' + QDir(m_o.gomodcache + u'/' + src).relativeFilePath(file);
            const Expected<std::optional<QByteArray>> data
                = readCacheFile(m_root, m_o.gomodcache, rel);
            if (!data)
                return data.error();
            if (!data->has_value())
                continue;
            if (Status st = m_w.write(dst + rel.mid(src.size()), **data); !st)
                return st;
            ++report.sumdbFiles;
        }
        // go asks <proxy>/sumdb/<name>/supported before it uses a proxy for the database.
        if (Status st = m_w.write(dst + u"/supported"_s, {}); !st)
            return st;
        ++report.sumdbFiles;
        if (!m_o.sumdbDir.isEmpty()) {
            QFile latest(m_o.sumdbDir + u'/' + name + u"/latest"_s);
            if (latest.open(QIODevice::ReadOnly)) {
                if (Status st = m_w.write(dst + u"/latest"_s, latest.readAll()); !st)
                    return st;
                ++report.sumdbFiles;
            }
        }
        return {};
    }

private:
    bool checkSum(ExportedVersion &r, const QString &key, const QString &h1)
    {
        const QString old = m_sums.value(key);
        if (old.isEmpty() || old == h1)
            return true;
        r.error = Error::make(Error::Code::Security,
                              u"the tree's go.sum already lists %1 for this version, the cache "
                              u"holds %2"_s.arg(old, h1),
                              m_w.root() + u"/go.sum"_s);
        return false;
    }

    const ExportOptions &m_o;
    int m_root;
    const TreeWriter &m_w;
    QHash<QString, QString> m_sums;
    QMap<QString, QStringList> m_listed; // escaped module path -> versions exported
};

} // namespace

Status ExportJob::checkTarget(const QString &gomodcache, const QString &target)
{
    if (target.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"no target directory"_s);
    const QString t = resolvedPath(target);
    const QString c = resolvedPath(gomodcache);
    if (isWithin(t, c))
        return Error::make(Error::Code::Refused,
                           u"the target is inside the module cache (%1)"_s.arg(gomodcache), target);
    if (isWithin(c, t))
        return Error::make(Error::Code::Refused,
                           u"the target holds the module cache (%1)"_s.arg(gomodcache), target);
    if (QFileInfo(t).exists() && !QFileInfo(t).isDir())
        return Error::make(Error::Code::InvalidArgument, u"not a directory"_s, target);
    return {};
}

ExportReport ExportJob::run(const ExportOptions &options, const std::function<bool()> &cancelled,
                            const std::function<void(int, int)> &progress)
{
    ExportReport report;
    report.target = options.target;
    if (Status st = checkTarget(options.gomodcache, options.target); !st) {
        report.error = st.error();
        return report;
    }
    if (BundleArchive::isBundlePath(options.target)) {
        // The tree is built beside the bundle, then zipped; the bundle appears whole or not.
        if (QFileInfo::exists(options.target)) {
            report.error = Error::make(Error::Code::Refused,
                                       u"already exists (export to a folder to merge into a tree)"_s,
                                       options.target);
            return report;
        }
        QTemporaryDir tree(QFileInfo(options.target).absolutePath() + u"/.modkeeper-export-XXXXXX"_s);
        if (!tree.isValid()) {
            report.error = Error::make(Error::Code::Io, tree.errorString(),
                                       QFileInfo(options.target).absolutePath());
            return report;
        }
        ExportOptions inTree = options;
        inTree.target = tree.path();
        report = run(inTree, cancelled, progress);
        report.target = options.target;
        if (!report.error.isError() && !report.cancelled)
            if (Status st = BundleArchive::write(tree.path(), options.target); !st)
                report.error = st.error();
        return report;
    }
    UniqueFd root = SafeFs::openPath(QFile::encodeName(options.gomodcache).constData(),
                                     O_RDONLY | O_DIRECTORY);
    if (!root.isValid()) {
        report.error = Error::fromErrno(errno, options.gomodcache, u"cannot open the module cache"_s);
        return report;
    }
    Expected<TreeWriter> writer = TreeWriter::open(options.target);
    if (!writer) {
        report.error = writer.error();
        return report;
    }
    Exporter exporter(options, root.get(), *writer);
    exporter.loadGoSum(report);
    if (report.error.isError())
        return report;
    // Each version once, in a stable order.
    QMap<QString, ExportVersion> todo;
    for (const ExportVersion &v : options.versions) {
        ExportVersion &slot = todo[v.id()];
        const bool modOnly = slot.path.isEmpty() ? v.modOnly : slot.modOnly && v.modOnly;
        slot = v;
        slot.modOnly = modOnly;
    }
    int done = 0;
    for (const ExportVersion &v : std::as_const(todo)) {
        if (cancelled && cancelled()) {
            report.cancelled = true;
            break;
        }
        report.versions.append(exporter.exportOne(v));
        if (progress)
            progress(++done, int(todo.size()));
    }
    // Even a cancelled export lists what it wrote: the tree stays consistent.
    if (Status st = exporter.finish(report); !st) {
        report.error = st.error();
        return report;
    }
    if (options.sumdb && !report.cancelled)
        if (Status st = exporter.exportSumDb(report, report.versions, cancelled); !st)
            report.error = st.error();
    return report;
}

QFuture<ExportReport> ExportJob::start(const ExportOptions &options)
{
    return QtConcurrent::run(CorePool::instance(), [options](QPromise<ExportReport> &promise) {
        CorePool::markBackgroundThread();
        promise.setProgressRange(0, int(options.versions.size()));
        ExportReport report = run(
            options, [&promise] { return promise.isCanceled(); },
            [&promise](int done, int total) {
                promise.setProgressValueAndText(done, u"%1 of %2 versions"_s.arg(done).arg(total));
            });
        promise.addResult(report);
    });
}

} // namespace mk

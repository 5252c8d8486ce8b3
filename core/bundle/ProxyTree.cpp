// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyTree.h"

#include <algorithm>

#include <QDirIterator>
#include <QFileInfo>
#include <QMap>

#include "module/ModulePath.h"
#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<QString> ProxyTree::versionFile(const QString &path, const QString &version,
                                         const QString &suffix)
{
    const Expected<QString> p = ModulePath::escapePath(path);
    if (!p)
        return p.error();
    const Expected<QString> v = ModulePath::escapeVersion(version);
    if (!v)
        return v.error();
    return QString(*p + u"/@v/"_s + *v + suffix);
}

QByteArray ProxyTree::formatList(const QStringList &versions)
{
    QStringList list;
    for (const QString &v : versions)
        if (!v.isEmpty() && Semver::canonicalVersion(v) == v && !list.contains(v))
            list.append(v);
    std::sort(list.begin(), list.end(),
              [](const QString &a, const QString &b) { return Semver::less(a, b); });
    QByteArray out;
    for (const QString &v : std::as_const(list))
        out += v.toUtf8() + '\n';
    return out;
}

QStringList ProxyTree::parseList(const QByteArray &list)
{
    QStringList out;
    for (const QByteArray &line : list.split('\n')) {
        const QString v = QString::fromUtf8(line.trimmed());
        if (!v.isEmpty())
            out.append(v);
    }
    return out;
}

QString ProxyTree::latestOf(const QStringList &versions)
{
    QString best;
    QString bestAny;
    for (const QString &v : versions) {
        if (!Semver::isValid(v))
            continue;
        if (bestAny.isEmpty() || Semver::less(bestAny, v))
            bestAny = v;
        if (Semver::prerelease(v).isEmpty() && !Semver::isPseudo(v)
            && (best.isEmpty() || Semver::less(best, v)))
            best = v;
    }
    return best.isEmpty() ? bestAny : best;
}

QHash<QString, QString> ProxyTree::parseGoSum(const QByteArray &goSum)
{
    QHash<QString, QString> out;
    for (const QByteArray &raw : goSum.split('\n')) {
        const QList<QByteArray> f = raw.simplified().split(' ');
        if (f.size() != 3 || !f[2].startsWith("h1:"))
            continue;
        out.insert(QString::fromUtf8(f[0] + ' ' + f[1]), QString::fromUtf8(f[2]));
    }
    return out;
}

QByteArray ProxyTree::formatGoSum(const QHash<QString, QString> &sums)
{
    QMap<QString, QString> sorted;
    for (auto it = sums.constBegin(); it != sums.constEnd(); ++it)
        sorted.insert(it.key(), it.value());
    QByteArray out;
    for (auto it = sorted.constBegin(); it != sorted.constEnd(); ++it)
        out += (it.key() + u' ' + it.value()).toUtf8() + '\n';
    return out;
}

Expected<QList<ProxyTree::Entry>> ProxyTree::scan(const QString &root)
{
    const QFileInfo rootInfo(root);
    if (!rootInfo.isDir())
        return Error::make(Error::Code::NotFound, u"not a directory"_s, root);
    QMap<QString, Entry> found; // id -> entry, sorted
    QDirIterator it(root, {u"@v"_s}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories); // QDirIterator does not follow symlinks
    while (it.hasNext()) {
        const QString vdir = it.next();
        if (it.fileInfo().isSymLink())
            continue;
        const QString escapedPath = QDir(root).relativeFilePath(QFileInfo(vdir).path());
        const Expected<QString> path = ModulePath::unescapePath(escapedPath);
        if (!path || !ModulePath::checkPath(*path))
            continue;
        const QFileInfoList files = QDir(vdir).entryInfoList(QDir::Files | QDir::Hidden);
        for (const QFileInfo &f : files) {
            if (f.isSymLink())
                continue;
            const QString name = f.fileName();
            const qsizetype dot = name.lastIndexOf(u'.');
            if (dot <= 0)
                continue;
            const QString ext = name.mid(dot);
            if (ext != u".info" && ext != u".mod" && ext != u".zip")
                continue;
            const Expected<QString> version = ModulePath::unescapeVersion(name.left(dot));
            if (!version || Semver::canonicalVersion(*version) != *version)
                continue;
            Entry &e = found[*path + u'@' + *version];
            e.path = *path;
            e.version = *version;
            e.hasInfo |= ext == u".info";
            e.hasMod |= ext == u".mod";
            e.hasZip |= ext == u".zip";
        }
    }
    return found.values();
}

} // namespace mk

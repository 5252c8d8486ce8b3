// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheWriter.h"

#include <sys/stat.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "ModuleZip.h"
#include "module/ModulePath.h"

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

Status writeFile(const QString &path, const QByteArray &content, QIODevice::OpenMode extra = {})
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | extra) || f.write(content) != content.size())
        return Error::make(Error::Code::Io, f.errorString(), path);
    return {};
}

} // namespace

CacheWriter::CacheWriter(const QString &gomodcache) : m_gomodcache(gomodcache) { }

QString CacheWriter::treePath(const QString &gomodcache, const QString &path,
                              const QString &version)
{
    const Expected<QString> p = ModulePath::escapePath(path);
    const Expected<QString> v = ModulePath::escapeVersion(version);
    if (!p || !v)
        return {};
    return gomodcache + u'/' + p.value() + u'@' + v.value();
}

QString CacheWriter::downloadPath(const QString &gomodcache, const QString &path,
                                  const QString &version, const QString &suffix)
{
    const Expected<QString> p = ModulePath::escapePath(path);
    const Expected<QString> v = ModulePath::escapeVersion(version);
    if (!p || !v)
        return {};
    return gomodcache + u"/cache/download/"_s + p.value() + u"/@v/"_s + v.value() + suffix;
}

Status CacheWriter::addCompleteVersion(const QString &path, const QString &version,
                                       const FixtureProxy::Files &files)
{
    const QString tree = treePath(m_gomodcache, path, version);
    if (tree.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"invalid module path or version"_s,
                           path + u'@' + version);
    const QString vdir
        = QFileInfo(downloadPath(m_gomodcache, path, version, u".zip"_s)).absolutePath();
    if (!QDir().mkpath(vdir) || !QDir().mkpath(tree))
        return Error::make(Error::Code::Io, u"cannot create directories"_s, tree);

    QSet<QString> dirs{tree};
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString file = tree + u'/' + it.key();
        const QString parent = QFileInfo(file).absolutePath();
        if (!dirs.contains(parent)) {
            if (!QDir().mkpath(parent))
                return Error::make(Error::Code::Io, u"cannot create directory"_s, parent);
            for (QString d = parent; d.size() > tree.size(); d = QFileInfo(d).absolutePath())
                dirs.insert(d);
        }
        if (Status st = writeFile(file, it.value()); !st)
            return st;
        ::chmod(QFile::encodeName(file).constData(), 0444);
    }
    for (const QString &d : dirs)
        ::chmod(QFile::encodeName(d).constData(), 0555);

    auto dl = [&](const char *suffix) {
        return downloadPath(m_gomodcache, path, version, QString::fromLatin1(suffix));
    };
    const QByteArray mod = files.contains(u"go.mod"_s)
                               ? files.value(u"go.mod"_s)
                               : QByteArray("module " + path.toUtf8() + '\n');
    const QJsonObject info{{u"Version"_s, version}, {u"Time"_s, u"2023-01-02T15:04:05Z"_s}};
    if (Status st = writeFile(dl(".info"), QJsonDocument(info).toJson(QJsonDocument::Compact)); !st)
        return st;
    if (Status st = writeFile(dl(".mod"), mod); !st)
        return st;
    if (Status st = ModuleZip::write(dl(".zip"), path, version, files); !st)
        return st;
    // Same shape as a real h1: value (47 bytes, no newline); not the real hash.
    const QByteArray fake
        = "h1:"
          + QCryptographicHash::hash((path + u'@' + version).toUtf8(), QCryptographicHash::Sha256)
                .toBase64();
    if (Status st = writeFile(dl(".ziphash"), fake); !st)
        return st;
    if (Status st = writeFile(dl(".lock"), {}); !st)
        return st;
    return writeFile(vdir + u"/list"_s, version.toUtf8() + '\n', QIODevice::Append);
}

} // namespace mk::test

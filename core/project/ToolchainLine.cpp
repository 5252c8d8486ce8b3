// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainLine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mk {

QString ToolchainLine::lookup(const QByteArray &goMod, const QString &key)
{
    const QByteArray k = key.toUtf8();
    for (const QByteArray &raw : goMod.split('\n')) {
        const QByteArrayView line = QByteArrayView(raw).trimmed();
        if (!line.startsWith(k) || line.size() == k.size())
            continue;
        const char sep = line.at(k.size());
        if (sep != ' ' && sep != '\t')
            continue;
        QByteArrayView rest = line.sliced(k.size());
        if (const qsizetype comment = rest.indexOf("//"); comment >= 0)
            rest = rest.first(comment);
        return QString::fromUtf8(rest.trimmed());
    }
    return {};
}

namespace {

constexpr qint64 maxGoModBytes = 16 * 1024 * 1024; // larger is not a go.mod worth reading

bool skippedName(const QString &name)
{
    return name.startsWith(u'.') || name == u"vendor" || name == u"node_modules"
           || name == u"testdata";
}

} // namespace

QList<ToolchainLine::Use> ToolchainLine::find(const QStringList &roots, const QStringList &skipDirs,
                                              const std::function<bool()> &cancelled)
{
    QSet<QString> skip;
    for (const QString &d : skipDirs)
        if (!d.isEmpty())
            skip.insert(QDir::cleanPath(QDir(d).absolutePath()));
    QList<Use> uses;
    QSet<QString> seen; // a root inside another root is walked once
    QStringList pending;
    for (const QString &r : roots)
        pending.append(QDir::cleanPath(QDir(r).absolutePath()));
    while (!pending.isEmpty()) {
        if (cancelled && cancelled())
            break;
        const QString dir = pending.takeLast();
        if (skip.contains(dir) || seen.contains(dir))
            continue;
        seen.insert(dir);
        const QDir d(dir);
        for (const QString &name : {u"go.work"_s, u"go.mod"_s}) {
            const QFileInfo fi(d.filePath(name));
            if (!fi.isFile() || fi.isSymLink() || fi.size() > maxGoModBytes)
                continue;
            QFile f(fi.filePath());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString value = lookup(f.readAll(), u"toolchain"_s);
            if (!value.isEmpty() && value != u"default")
                uses.append({fi.filePath(), value});
        }
        const QStringList children
            = d.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            if (!skippedName(*it))
                pending.append(d.filePath(*it));
    }
    return uses;
}

} // namespace mk

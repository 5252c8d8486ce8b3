// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QUrl>

#include "module/ModulePath.h"

namespace mk::test {

/// A GOPROXY tree written by hand (go-cache-internals.md §4.1), serving zip bytes exactly as
/// given, hostile ones included: <escaped path>/@v/list, <v>.info, <v>.mod, <v>.zip.
class HandProxy final
{
public:
    explicit HandProxy(const QString &root) : m_root(root) { }

    [[nodiscard]] QString url() const { return QUrl::fromLocalFile(m_root).toString(); }

    /// The published zip's path, or an empty string on failure.
    QString publish(const QString &path, const QString &version, const QByteArray &mod,
                    const QByteArray &zip) const
    {
        const auto escPath = ModulePath::escapePath(path);
        const auto escVersion = ModulePath::escapeVersion(version);
        if (!escPath || !escVersion)
            return {};
        const QString dir = m_root + u'/' + *escPath + QStringLiteral("/@v");
        if (!QDir().mkpath(dir))
            return {};
        const QString base = dir + u'/' + *escVersion;
        const QByteArray info
            = "{\"Version\":\"" + version.toUtf8() + "\",\"Time\":\"2023-01-02T15:04:05Z\"}";
        if (!append(dir + QStringLiteral("/list"), version.toUtf8() + '\n')
            || !write(base + QStringLiteral(".info"), info)
            || !write(base + QStringLiteral(".mod"), mod)
            || !write(base + QStringLiteral(".zip"), zip))
            return {};
        return base + QStringLiteral(".zip");
    }

private:
    static bool write(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    }
    static bool append(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::Append) && f.write(data) == data.size();
    }

    QString m_root;
};

} // namespace mk::test

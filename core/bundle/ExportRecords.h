// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "common/Error.h"

namespace mk {

/// One version to export: unescaped path, canonical version. modOnly: only .info and .mod
/// (a version the module graph reads but the build never compiles).
struct ExportVersion
{
    QString path;
    QString version;
    bool modOnly = false;
    [[nodiscard]] QString id() const { return path + u'@' + version; }
};

struct ExportOptions
{
    QString gomodcache; ///< the cache read (absolute)
    QString target;     ///< the tree written (absolute; never inside gomodcache)
    QList<ExportVersion> versions;
    /// Also the checksum database's lookups of these versions and the cached tiles, under
    /// sumdb/<sumdbName>/, so that go can verify them with GOSUMDB on and no network.
    bool sumdb = false;
    QString sumdbName; ///< e.g. sum.golang.org
    QString sumdbDir;  ///< go's <GOPATH>/pkg/sumdb, for the latest signed tree (optional)
};

/// What became of one version.
struct ExportedVersion
{
    QString path;
    QString version;
    bool zip = false;      ///< the zip was exported (not only .info/.mod)
    bool unchanged = false; ///< the tree held exactly these files already
    qint64 bytes = 0;      ///< bytes written
    QString sum;           ///< h1: of the zip (from .ziphash)
    QString goModSum;      ///< h1: of the .mod
    QStringList notes;
    Error error;
    [[nodiscard]] bool ok() const { return !error.isError(); }
    [[nodiscard]] QString id() const { return path + u'@' + version; }
};

struct ExportReport
{
    QString target;
    QList<ExportedVersion> versions;
    int modules = 0;    ///< modules whose @v/list was written
    int sumdbFiles = 0; ///< checksum-database files written (lookups, tiles, supported, latest)
    QStringList notes;  ///< what the tree lacks (a lookup never cached, ...)
    Error error;        ///< the export could not start (target refused, unreadable cache)
    bool cancelled = false;
    [[nodiscard]] int failed() const
    {
        int n = 0;
        for (const ExportedVersion &v : versions)
            n += v.ok() ? 0 : 1;
        return n;
    }
    [[nodiscard]] bool ok() const { return !error.isError() && !cancelled && failed() == 0; }
};

} // namespace mk

Q_DECLARE_METATYPE(mk::ExportReport)

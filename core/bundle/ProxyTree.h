// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"

namespace mk {

/// The static GOPROXY layout shared by export, import and the mirror comparison
/// (go-cache-internals.md §4.1): <escaped path>/@v/list, <escaped version>.info/.mod/.zip,
/// <escaped path>/@latest, plus the bundle's go.sum at the root and the checksum database
/// under sumdb/<name>/. go.sum cannot clash with a module: a module path's first element
/// holds a dot, but never a file of that name next to @v.
class ProxyTree final
{
public:
    /// One version found in a tree.
    struct Entry
    {
        QString path;    ///< unescaped
        QString version; ///< unescaped
        bool hasInfo = false;
        bool hasMod = false;
        bool hasZip = false;
        [[nodiscard]] QString id() const { return path + u'@' + version; }
    };

    /// "<escaped path>/@v/<escaped version>" + suffix; an error for an invalid path or version.
    [[nodiscard]] static Expected<QString> versionFile(const QString &path, const QString &version,
                                                       const QString &suffix);
    /// @v/list as go writes it for its cache (and a file:// proxy serves it): canonical
    /// versions, one per line, sorted by semver, no duplicates; empty lines dropped.
    [[nodiscard]] static QByteArray formatList(const QStringList &versions);
    [[nodiscard]] static QStringList parseList(const QByteArray &list);
    /// What @latest names among versions: the highest release, else the highest of any kind.
    [[nodiscard]] static QString latestOf(const QStringList &versions);

    /// go.sum lines "path version[/go.mod] h1:..." as DownloadOptions::knownSums keys
    /// ("path version[/go.mod]") -> hash. Malformed lines are skipped.
    [[nodiscard]] static QHash<QString, QString> parseGoSum(const QByteArray &goSum);
    /// Sorted, one line each, as go writes go.sum.
    [[nodiscard]] static QByteArray formatGoSum(const QHash<QString, QString> &sums);

    /// Every version with a file in an @v directory below root, sorted. Symlinks are neither
    /// followed nor listed; names that do not unescape are skipped (a proxy would 404 them).
    [[nodiscard]] static Expected<QList<Entry>> scan(const QString &root);
};

} // namespace mk

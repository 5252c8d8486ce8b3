// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace mk {

/// The `toolchain goX.Y.Z` line of go.mod and go.work files, read as go reads it
/// (cmd/go/internal/gover.GoModLookup), and the projects under some folders that have one.
class ToolchainLine final
{
public:
    /// One go.mod or go.work with a toolchain line.
    struct Use
    {
        QString file;      ///< absolute path of the go.mod or go.work
        QString toolchain; ///< the line's value, e.g. "go1.22.5"
    };

    /// gover.GoModLookup: the value of the first line (trimmed) that is key followed by a space
    /// or tab, without a // comment, trimmed; empty when there is none.
    [[nodiscard]] static QString lookup(const QByteArray &goMod, const QString &key);

    /// Every go.mod and go.work below roots (the roots included) with a toolchain line other
    /// than "default". Skips .git, vendor, node_modules, hidden folders, symlinks and the
    /// folders in skipDirs (e.g. GOMODCACHE), which are compared after cleaning.
    /// cancelled is polled per folder.
    [[nodiscard]] static QList<Use> find(const QStringList &roots, const QStringList &skipDirs,
                                         const std::function<bool()> &cancelled = {});
};

} // namespace mk

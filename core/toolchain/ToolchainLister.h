// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QHash>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "toolchain/ToolchainRecords.h"

namespace mk {

/// Lists the Go toolchains go 1.21+ downloaded into GOMODCACHE (golang.org/toolchain@...):
/// the extracted tree and cache/download/golang.org/toolchain/@v/<v>.*, sized as the scanner
/// sizes a version (du -B1; the tree through CacheScanner's walker), with the scanner's
/// "downloaded" and "last used" rules. Marks the toolchain that is the go ModKeeper runs
/// (`go env GOROOT` of the go a shell finds, with the user's environment, GOTOOLCHAIN and go
/// env file), and the projects whose go.mod or go.work toolchain line names one.
class ToolchainLister final
{
public:
    struct Options
    {
        QString gomodcache; ///< absolute
        /// The environment go runs with (GOTOOLCHAIN, GOENV, PATH...); empty: this process's.
        QHash<QString, QString> environment;
        /// The go to ask; empty: the one a shell runs (DownloadSetup::goCommand).
        QString goCommand;
        bool askGo = true;        ///< false: no go is run and nothing is marked running
        QStringList projectRoots; ///< folders searched for go.mod / go.work toolchain lines
    };

    /// One result, the listing; progress counts toolchains measured. Cancel any time.
    [[nodiscard]] static QFuture<ToolchainListing> start(const Options &options);
    /// Lists and waits (CLI and tests).
    [[nodiscard]] static ToolchainListing run(const Options &options);
    /// The listing on the calling thread (a core pool thread: the tree walks run beside it).
    [[nodiscard]] static ToolchainListing list(const Options &options,
                                               const std::function<bool()> &cancelled = {},
                                               const std::function<void(int, int)> &progress = {});

    /// `go env GOROOT` run outside any module (in /) with environment, symlinks resolved;
    /// the GOTOOLCHAIN switch go makes is part of the answer.
    [[nodiscard]] static Expected<QString> runningGoroot(
        const QString &goCommand, const QHash<QString, QString> &environment);
    /// "linux-amd64" style platform of this machine, as in toolchain module versions.
    [[nodiscard]] static QString hostPlatform();
};

} // namespace mk

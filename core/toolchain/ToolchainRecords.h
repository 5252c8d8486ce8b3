// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "common/Error.h"
#include "purge/PurgeRecords.h"
#include "scan/ScanRecords.h"
#include "toolchain/ToolchainName.h"

namespace mk {

/// One Go toolchain go downloaded into GOMODCACHE (golang.org/toolchain@v0.0.1-goX.Y.Z.os-arch).
struct ToolchainRecord
{
    /// The module version as the scanner would record it: pieces, state, diskBytes (tree plus
    /// its own cache/download files, as du -B1 counts), files, downloaded, lastUsed.
    ModuleVersionRecord module;
    ToolchainName name;
    QString treePath;     ///< absolute GOROOT of the toolchain (it may be missing: archive only)
    bool running = false; ///< the go ModKeeper runs (its `go env GOROOT`) is this toolchain
    QStringList neededBy; ///< go.mod / go.work files whose toolchain line names it
};

/// What ToolchainLister found.
struct ToolchainListing
{
    QString gomodcache;
    QList<ToolchainRecord> toolchains; ///< sorted by toolchain version, then platform
    QString goCommand;                 ///< the go that was asked; empty when none was found
    QString runningGoroot;             ///< its `go env GOROOT`, resolved; empty when unknown
    Error runningError; ///< why the running go could not be asked (removal then needs force)
    QStringList projectRoots;
    AtimeMode atimeMode = AtimeMode::Unknown;
    QList<ScanIssue> issues;
    bool cancelled = false;
    Error error; ///< GOMODCACHE itself could not be read

    /// The toolchain named by arg: "go1.22.5" (any platform, preferring this machine's), or
    /// the full module version "v0.0.1-go1.22.5.linux-amd64"; nullptr when none is cached.
    [[nodiscard]] const ToolchainRecord *find(const QString &arg) const;
};

/// What removing toolchains did.
struct ToolchainRemoval
{
    Error error;                    ///< a refusal or a failure before anything was removed
    QList<PurgeItemResult> results; ///< one per toolchain, in the order asked
    ReapProgress reaped;            ///< the trash emptied afterwards (when asked to)
    PurgePlan plan;                 ///< what was (or, for a dry run, would be) removed
};

} // namespace mk

Q_DECLARE_METATYPE(mk::ToolchainListing)
Q_DECLARE_METATYPE(mk::ToolchainRemoval)

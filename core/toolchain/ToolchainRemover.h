// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QStringList>

#include "common/Expected.h"
#include "toolchain/ToolchainLister.h"
#include "toolchain/ToolchainRecords.h"

namespace mk {

/// Removes downloaded toolchains one by one. A toolchain is a module version, so this is the
/// purge of that version (PurgePlanner, PurgeJob, VersionPurger: go's lock, the journal, the
/// trash), never a delete of its own. It lists again right before, and refuses, naming the
/// toolchain and why: the go that runs here (always), one a project's toolchain line names
/// (unless forced), and any when the running go could not be asked (unless forced).
class ToolchainRemover final
{
public:
    struct Options
    {
        ToolchainLister::Options listing; ///< the cache, the go to ask, the project roots
        int lockTimeoutMs = 30000;
        bool force = false;  ///< remove even what a project's toolchain line names
        bool dryRun = false; ///< only plan: ToolchainRemoval::plan, nothing removed
        bool reap = true;    ///< empty the trash afterwards (a toolchain is large)
    };

    /// The purge plan for toolchains (ToolchainListing::find's names) out of listing, or the
    /// refusal of the first one that may not go. Empty toolchains is an error too.
    [[nodiscard]] static Expected<PurgePlan> plan(const ToolchainListing &listing,
                                                  const QStringList &toolchains, bool force);

    /// One result; progress counts toolchains. Cancelling stops between toolchains.
    [[nodiscard]] static QFuture<ToolchainRemoval> start(const Options &options,
                                                         const QStringList &toolchains);
    /// Removes and waits (CLI and tests).
    [[nodiscard]] static ToolchainRemoval run(const Options &options,
                                              const QStringList &toolchains);
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include "toolchain/ToolchainLister.h"
#include "toolchain/ToolchainRecords.h"
#include "toolchain/ToolchainRemover.h"

namespace mk {

/// The toolchain side of the GUI without widgets: lists the Go toolchains in the module cache
/// (ToolchainLister) and removes them (ToolchainRemover, which lists again and purges). It owns
/// those jobs and their watchers; one at a time (isBusy()). The GUI thread never waits.
class ToolchainController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolchainController)

public:
    explicit ToolchainController(QObject *parent = nullptr);
    /// Cancels and waits (the jobs stop between toolchains).
    ~ToolchainController() override;

    [[nodiscard]] bool isBusy() const;
    /// The last listing that arrived.
    [[nodiscard]] const ToolchainListing &listing() const { return m_listing; }

    /// Starts a listing; false (nothing done) while busy.
    bool refresh(const ToolchainLister::Options &options);
    /// Removes toolchains (module versions or goX.Y.Z names); false while busy. force: also
    /// those a project's toolchain line names (after the user confirmed it). A listing follows.
    bool remove(const ToolchainRemover::Options &options, const QStringList &toolchains);
    /// Stops the job between toolchains; what is done stays done.
    void stop();

Q_SIGNALS:
    void busyChanged(bool busy);
    /// done of total toolchains measured or removed; total 0 while unknown.
    void progressChanged(int done, int total);
    void listingReady(const mk::ToolchainListing &listing);
    /// A removal came to an end: removal.error is a refusal or failure before anything was
    /// removed; otherwise removal.results say what happened to each toolchain.
    void removalFinished(const mk::ToolchainRemoval &removal);

private:
    void onListed();
    void onRemoved();

    QFutureWatcher<ToolchainListing> m_listWatcher;
    QFutureWatcher<ToolchainRemoval> m_removeWatcher;
    ToolchainLister::Options m_lastOptions;
    ToolchainListing m_listing;
};

} // namespace mk

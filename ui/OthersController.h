// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "purge/OtherRemover.h"

namespace mk {

/// The GUI side of removing cache entries that are not module versions, without widgets: owns
/// the OtherRemover job and its watcher, one at a time (isBusy()). The GUI thread never waits,
/// except in the destructor, which cancels first (the job stops between entries).
class OthersController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OthersController)

public:
    explicit OthersController(QObject *parent = nullptr);
    ~OthersController() override;

    [[nodiscard]] bool isBusy() const { return m_watcher.isRunning(); }

    /// Starts removing entries; false (nothing done) while busy or with nothing to remove.
    bool remove(const OtherRemover::Options &options, const QList<OtherEntry> &entries);
    /// Stops between entries; what is done stays done.
    void stop();

Q_SIGNALS:
    void busyChanged(bool busy);
    /// done of total entries handled.
    void progressChanged(int done, int total);
    /// The removal came to an end: one result per entry handled (fewer when cancelled).
    void removalFinished(const QList<mk::OtherRemoval> &results, bool cancelled);

private:
    void onFinished();

    QFutureWatcher<OtherRemoval> m_watcher;
};

} // namespace mk

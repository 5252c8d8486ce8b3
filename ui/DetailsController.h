// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include "env/GoEnvironment.h"
#include "inspect/VersionMetadata.h"

namespace mk {

/// Owns the details pane's metadata job (VersionMetadata): a new request replaces the previous
/// one after a short debounce, so running the cursor down the table starts one read, not one
/// per row; a result for a row no longer current is dropped. GUI thread only; never waits.
class DetailsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsController)

public:
    static constexpr int DebounceMs = 120;

    explicit DetailsController(QObject *parent = nullptr);
    ~DetailsController() override;

    /// Where the go environment for "where go would fetch it" comes from (default: this
    /// process's).
    void setInputsProvider(std::function<GoEnvInputs()> provider);
    /// Reads request's metadata after the debounce; replaces any pending or running request.
    void request(const VersionMetadata::Request &request);
    /// Forgets the pending or running request; nothing will be delivered for it.
    void cancel();
    /// A request is waiting for its debounce or its job.
    [[nodiscard]] bool isBusy() const;

Q_SIGNALS:
    void detailsReady(const mk::VersionDetails &details);

private:
    void startPending();

    std::function<GoEnvInputs()> m_inputs;
    VersionMetadata::Request m_pending;
    bool m_hasPending = false;
    QTimer m_debounce;
    QFutureWatcher<VersionDetails> *m_watcher = nullptr;
};

} // namespace mk

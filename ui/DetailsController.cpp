// SPDX-License-Identifier: GPL-3.0-or-later
#include "DetailsController.h"

namespace mk {

DetailsController::DetailsController(QObject *parent)
    : QObject(parent), m_inputs([] { return GoEnvInputs::current(); })
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DetailsController::startPending);
}

DetailsController::~DetailsController()
{
    cancel();
}

void DetailsController::setInputsProvider(std::function<GoEnvInputs()> provider)
{
    m_inputs = std::move(provider);
}

void DetailsController::request(const VersionMetadata::Request &request)
{
    cancel();
    m_pending = request;
    m_hasPending = true;
    m_debounce.start();
}

void DetailsController::cancel()
{
    m_debounce.stop();
    m_hasPending = false;
    if (m_watcher) {
        // The read is short; its result is simply dropped.
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

bool DetailsController::isBusy() const
{
    return m_hasPending || m_watcher;
}

void DetailsController::startPending()
{
    if (!m_hasPending)
        return;
    m_hasPending = false;
    auto *watcher = new QFutureWatcher<VersionDetails>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<VersionDetails>::finished, this, [this, watcher] {
        if (m_watcher == watcher)
            m_watcher = nullptr;
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            Q_EMIT detailsReady(watcher->future().result());
    });
    // The go env file is read inside the job, off the GUI thread.
    watcher->setFuture(VersionMetadata::start(m_pending, m_inputs()));
}

} // namespace mk

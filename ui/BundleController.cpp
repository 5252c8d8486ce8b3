// SPDX-License-Identifier: GPL-3.0-or-later
#include "BundleController.h"

using namespace Qt::StringLiterals;

namespace mk {

BundleController::BundleController(QObject *parent) : QObject(parent)
{
    // Connected before any setFuture(), so no signal is missed.
    auto progress = [this](auto &watcher) {
        using W = std::remove_reference_t<decltype(watcher)>;
        connect(&watcher, &W::progressRangeChanged, this, &BundleController::progressRangeChanged);
        connect(&watcher, &W::progressValueChanged, this, &BundleController::progressChanged);
    };
    progress(m_export);
    progress(m_import);
    progress(m_compare);
    connect(&m_export, &QFutureWatcher<ExportReport>::finished, this, [this] {
        setRunning(false);
        ExportReport r = m_export.future().resultCount() > 0 ? m_export.result() : ExportReport();
        r.cancelled |= m_cancelled;
        Q_EMIT exportFinished(r);
    });
    connect(&m_prepare, &QFutureWatcher<DownloadSetup::Prepared>::finished, this,
            &BundleController::onPrepared);
    connect(&m_import, &QFutureWatcher<ImportReport>::finished, this, [this] {
        setRunning(false);
        ImportReport r = m_import.future().resultCount() > 0 ? m_import.result() : ImportReport();
        r.cancelled |= m_cancelled;
        Q_EMIT importFinished(r);
    });
    connect(&m_compare, &QFutureWatcher<ProxyCompare::Report>::finished, this, [this] {
        setRunning(false);
        ProxyCompare::Report r
            = m_compare.future().resultCount() > 0 ? m_compare.result() : ProxyCompare::Report();
        r.cancelled |= m_cancelled;
        Q_EMIT compareFinished(r);
    });
}

BundleController::~BundleController()
{
    for (QFutureWatcherBase *w : {static_cast<QFutureWatcherBase *>(&m_export),
                                  static_cast<QFutureWatcherBase *>(&m_prepare),
                                  static_cast<QFutureWatcherBase *>(&m_import),
                                  static_cast<QFutureWatcherBase *>(&m_compare)}) {
        w->disconnect(this);
        w->cancel();
        w->waitForFinished();
    }
}

void BundleController::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

bool BundleController::startExport(const ExportOptions &options)
{
    if (m_running)
        return false;
    m_cancelled = false;
    setRunning(true);
    m_export.setFuture(ExportJob::start(options));
    return true;
}

bool BundleController::startImport(const QString &source, const QString &gomodcache,
                                   const GoEnvInputs &inputs)
{
    if (m_running)
        return false;
    m_cancelled = false;
    m_importSource = source;
    m_importEnv = GoEnvironment::resolve(inputs);
    DownloadSetup::Request request;
    request.modcacheOverride = gomodcache;
    request.environment = inputs.environment;
    setRunning(true);
    m_prepare.setFuture(DownloadSetup::prepareAsync(m_importEnv, request));
    return true;
}

void BundleController::onPrepared()
{
    const DownloadSetup::Prepared prepared = m_prepare.result();
    if (m_cancelled) {
        setRunning(false);
        ImportReport r;
        r.source = m_importSource;
        r.cancelled = true;
        Q_EMIT importFinished(r);
        return;
    }
    if (!prepared.ok()) {
        setRunning(false);
        Q_EMIT failed(prepared.error.toString());
        return;
    }
    ImportOptions options;
    options.download = prepared.options;
    options.env = m_importEnv;
    options.source = m_importSource;
    m_import.setFuture(ImportJob::start(options));
}

bool BundleController::startCompare(const ProxyCompare::Options &options)
{
    if (m_running)
        return false;
    m_cancelled = false;
    setRunning(true);
    m_compare.setFuture(ProxyCompare::start(options));
    return true;
}

void BundleController::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_export.cancel();
    m_import.cancel();
    m_compare.cancel();
}

} // namespace mk

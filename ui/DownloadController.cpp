// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadController.h"

#include "DownloadReportModel.h"

using namespace Qt::StringLiterals;

namespace mk {

DownloadController::DownloadController(QObject *parent)
    : QObject(parent), m_report(new DownloadReportModel(this))
{
    // Connected before any setFuture(), so no result or finished signal is missed.
    connect(&m_switchWatcher, &QFutureWatcher<ProxyApplyResult>::finished, this,
            &DownloadController::onSwitched);
    connect(&m_prepareWatcher, &QFutureWatcher<DownloadSetup::Prepared>::finished, this,
            &DownloadController::onPrepared);
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::resultsReadyAt, this,
            &DownloadController::onResults);
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::progressValueChanged, this,
            &DownloadController::progressChanged);
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::finished, this,
            &DownloadController::onJobFinished);
}

DownloadController::~DownloadController()
{
    // The switch and the setup finish on their own; only the job writes the cache.
    m_switchWatcher.disconnect(this);
    m_prepareWatcher.disconnect(this);
    m_jobWatcher.disconnect(this);
    m_jobWatcher.cancel();
    m_jobWatcher.waitForFinished();
}

void DownloadController::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

void DownloadController::fail(const QString &message)
{
    setRunning(false);
    Q_EMIT failed(message);
}

void DownloadController::addNote(const QString &sentence)
{
    m_notes += (m_notes.isEmpty() ? QString() : u" "_s) + sentence;
}

bool DownloadController::start(const Run &run)
{
    if (m_running || run.versions.isEmpty())
        return false;
    m_run = run;
    m_notes.clear();
    m_cancelled = false;
    m_wroteCache = false;
    m_report->setRequests(run.versions);
    setRunning(true);
    if (m_run.switchTo)
        m_switchWatcher.setFuture(ProxySwitcher::applyAsync(*m_run.switchTo, m_run.inputs));
    else
        prepare();
    return true;
}

void DownloadController::cancel()
{
    m_cancelled = true;
    m_jobWatcher.cancel();
}

void DownloadController::onSwitched()
{
    const ProxyApplyResult r = m_switchWatcher.future().resultCount() > 0 ? m_switchWatcher.result()
                                                                          : ProxyApplyResult();
    if (!r.ok()) {
        fail(tr("GOPROXY was not switched: %1").arg(r.error.toString()));
        return;
    }
    QString note = tr("GOPROXY switched to %1 in %2.").arg(m_run.preset, r.envFile);
    for (const ProxyEnvState::Override &o : r.overrides)
        note += u' '
                + tr("The %1 environment variable of this session still overrides it.").arg(o.name);
    addNote(note);
    prepare();
}

void DownloadController::prepare()
{
    // The one setup the CLI uses too, off the GUI thread, with the environment as it is now.
    DownloadSetup::Request request;
    request.proxyOverride = m_run.preset;
    request.modcacheOverride = m_run.gomodcache;
    request.caFile = m_run.caFile;
    m_prepareWatcher.setFuture(
        DownloadSetup::prepareAsync(GoEnvironment::resolve(m_run.inputs), request));
}

void DownloadController::onPrepared()
{
    if (m_prepareWatcher.future().resultCount() == 0) {
        fail(tr("Not started: the download could not be prepared."));
        return;
    }
    const DownloadSetup::Prepared prepared = m_prepareWatcher.result();
    switch (prepared.failed) {
    case DownloadSetup::Prepared::Step::None:
        break;
    case DownloadSetup::Prepared::Step::Environment:
        fail(prepared.error.toString());
        return;
    case DownloadSetup::Prepared::Step::CaFile:
        fail(tr("The CA file of Settings \u25B8 Proxy\u2026: %1").arg(prepared.error.toString()));
        return;
    case DownloadSetup::Prepared::Step::ChecksumDb:
        fail(tr("GOSUMDB: %1").arg(prepared.error.toString()));
        return;
    }
    for (const QString &note : prepared.notes)
        addNote(note + u'.');
    if (m_cancelled) {
        // Stopped before anything was fetched.
        setRunning(false);
        Q_EMIT finished(true);
        return;
    }
    Q_EMIT progressRangeChanged(0, int(m_run.versions.size()));
    Q_EMIT progressChanged(0);
    Q_EMIT fetching(prepared.options.goproxy);
    m_jobWatcher.setFuture(DownloadJob::start(prepared.options, m_run.versions, m_run.mode));
}

void DownloadController::onResults(int begin, int end)
{
    for (int i = begin; i < end; ++i) {
        const DownloadResult r = m_jobWatcher.resultAt(i);
        m_report->update(r);
        if (r.outcome == DownloadOutcome::Downloaded)
            m_wroteCache = true;
    }
}

void DownloadController::onJobFinished()
{
    setRunning(false);
    Q_EMIT finished(m_cancelled || m_jobWatcher.isCanceled());
}

} // namespace mk

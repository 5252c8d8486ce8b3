// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectsController.h"

#include <QTimer>

namespace mk {

ProjectsController::ProjectsController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<ProjectsResult>::finished, this,
            &ProjectsController::onFinished);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, this,
            [this](int, int maximum) { Q_EMIT progressChanged(m_watcher.progressValue(), maximum); });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { Q_EMIT progressChanged(value, m_watcher.progressMaximum()); });
}

ProjectsController::~ProjectsController()
{
    m_watcher.disconnect(this);
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

const ProjectInfo *ProjectsController::project(const QString &dir) const
{
    for (const ProjectInfo &p : m_result.projects)
        if (p.dir == dir)
            return &p;
    return nullptr;
}

void ProjectsController::refresh(const QStringList &roots, const ProjectsJob::Options &options)
{
    m_roots = roots;
    m_options = options;
    refresh();
}

void ProjectsController::refresh()
{
    if (m_watcher.isRunning()) {
        // One job at a time: the running one stops between projects, then this one starts.
        m_pending = true;
        m_watcher.cancel();
        return;
    }
    start();
}

void ProjectsController::cancel()
{
    m_pending = false;
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

void ProjectsController::start()
{
    m_pending = false;
    if (!m_busy) {
        m_busy = true;
        Q_EMIT busyChanged(true);
    }
    if (m_roots.isEmpty()) {
        // Nothing to read: every version is unused. Still asynchronous, as a real reading.
        QTimer::singleShot(0, this, [this] {
            if (m_watcher.isRunning() || !m_roots.isEmpty())
                return;
            m_busy = false;
            Q_EMIT busyChanged(false);
            setResult({});
        });
        return;
    }
    m_watcher.setFuture(ProjectsJob::start(m_roots, m_options));
}

void ProjectsController::onFinished()
{
    const QFuture<ProjectsResult> f = m_watcher.future();
    const bool wasCancelled = f.isCanceled() || f.resultCount() == 0;
    if (m_pending) {
        start();
        return;
    }
    m_busy = false;
    Q_EMIT busyChanged(false);
    if (wasCancelled) {
        Q_EMIT cancelled();
        return;
    }
    setResult(f.result());
}

void ProjectsController::setResult(const ProjectsResult &result)
{
    m_result = result;
    m_usage = usageOf(m_result);
    m_hasResult = true;
    Q_EMIT resultReady(m_result);
}

} // namespace mk

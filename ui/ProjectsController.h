// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include "project/ProjectRecords.h"
#include "project/ProjectsJob.h"

namespace mk {

/// The projects side of the GUI without widgets: owns the ProjectsJob (what each project
/// under the project roots needs from the module cache), one at a time, and holds the last
/// result and its usage by version. refresh() while a job runs cancels it and starts again
/// once it has ended, so the result always matches the last roots and cache asked for. The
/// GUI thread never waits, except in the destructor.
class ProjectsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsController)

public:
    explicit ProjectsController(QObject *parent = nullptr);
    /// Cancels and waits (the job stops between projects).
    ~ProjectsController() override;

    [[nodiscard]] bool isBusy() const { return m_watcher.isRunning() || m_pending; }
    /// A result arrived since the last refresh().
    [[nodiscard]] bool hasResult() const { return m_hasResult; }
    [[nodiscard]] const ProjectsResult &result() const { return m_result; }
    /// What each "path@version" is needed by (from result()).
    [[nodiscard]] const ProjectUsage &usage() const { return m_usage; }
    /// The project in dir, or nullptr.
    [[nodiscard]] const ProjectInfo *project(const QString &dir) const;

    [[nodiscard]] QStringList roots() const { return m_roots; }
    [[nodiscard]] const ProjectsJob::Options &options() const { return m_options; }

    /// Reads the projects under roots against the cache of options; returns at once. No roots:
    /// an empty result at once (projects "read": nothing uses anything).
    void refresh(const QStringList &roots, const ProjectsJob::Options &options);
    /// Reads again with the last roots and options.
    void refresh();
    /// Stops the running job; the last complete result stays.
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    /// done of total projects read; total 0 while the folders are being searched.
    void progressChanged(int done, int total);
    /// A complete reading arrived (not emitted for a cancelled one).
    void resultReady(const mk::ProjectsResult &result);
    /// A reading was cancelled by cancel().
    void cancelled();

private:
    void start();
    void onFinished();
    void setResult(const ProjectsResult &result);

    QFutureWatcher<ProjectsResult> m_watcher;
    QStringList m_roots;
    ProjectsJob::Options m_options;
    ProjectsResult m_result;
    ProjectUsage m_usage;
    bool m_hasResult = false;
    bool m_pending = false; ///< a refresh() came while a job ran: start again when it ends
    bool m_busy = false;
};

} // namespace mk

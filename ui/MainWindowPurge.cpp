// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the purge side: Delete, light clean, Restore, Clean up…, Purge everything…,
// and the trash reaper that frees the space afterwards. Every core job runs on the core pool
// and reports to a member QFutureWatcher connected in connectPurgeJobs(), before any
// setFuture(). Only the destructor waits (stopPurgeJobs()).
#include "MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QtConcurrent>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CleanupDialog.h"
#include "DisplayFormat.h"
#include "common/CorePool.h"
#include "purge/PurgeJob.h"
#include "purge/PurgePlanner.h"
#include "purge/RestoreJob.h"
#include "purge/TrashReaper.h"
#include "purge/VersionPurger.h"
#include "scan/DiskUsage.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int listedVersions = 8;    // ids named in a confirmation before "and N more"

QString versionsText(quint64 n)
{
    return n == 1 ? MainWindow::tr("1 version")
                  : MainWindow::tr("%1 versions").arg(DisplayFormat::count(n));
}

QString idOf(const PurgeItemResult &r)
{
    return r.path + u'@' + r.version;
}

/// The record once a light clean took its tree: what the scanner would report.
ModuleVersionRecord withoutTree(ModuleVersionRecord r)
{
    r.diskBytes = r.diskBytes > r.treeBytes ? r.diskBytes - r.treeBytes : 0;
    r.apparentBytes = r.apparentBytes > r.treeBytes ? r.apparentBytes - r.treeBytes : 0;
    r.treeBytes = 0;
    r.files = 0;
    r.pieces &= quint8(~(HasTree | HasPartial));
    if ((r.pieces & HasZip) && (r.pieces & HasZiphash))
        r.state = VersionState::ArchiveOnly;
    else if (r.pieces & (HasInfo | HasMod))
        r.state = VersionState::MetadataOnly;
    else
        r.state = VersionState::Partial;
    return r;
}

/// An archive-only record whose tree was extracted again: measured sizes when known.
ModuleVersionRecord withTree(ModuleVersionRecord r, quint64 treeBytes, quint64 treeApparent,
                             quint64 files)
{
    r.state = VersionState::Complete;
    r.pieces = quint8((r.pieces | HasTree) & ~HasPartial);
    r.treeBytes = treeBytes;
    r.diskBytes += treeBytes;
    r.apparentBytes += treeApparent;
    r.files = files;
    return r;
}

/// "a@v1, b@v2, … and 3 more", one per line.
QString listOf(const QStringList &ids)
{
    QStringList shown = ids.mid(0, listedVersions);
    if (ids.size() > listedVersions)
        shown << MainWindow::tr("and %1 more").arg(ids.size() - listedVersions);
    return shown.join(u'\n');
}

} // namespace

// ---------------------------------------------------------------------------------------
// Set-up

void MainWindow::createPurgeActions()
{
    m_deleteAction = new QAction(QIcon::fromTheme(u"edit-delete"_s,
                                                  style()->standardIcon(QStyle::SP_TrashIcon)),
                                 tr("&Delete\u2026"), this);
    m_deleteAction->setObjectName(u"deleteAction"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    // Only while the tree has the focus: Del in the filter field edits the text.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteAction->setStatusTip(tr("Remove the selected versions from the module cache"));
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelection);

    m_lightCleanAction = new QAction(tr("&Light Clean (Keep Zips)\u2026"), this);
    m_lightCleanAction->setObjectName(u"lightCleanAction"_s);
    m_lightCleanAction->setStatusTip(
        tr("Drop the extracted trees of the selected versions; their zips stay, so they can "
           "be restored offline"));
    connect(m_lightCleanAction, &QAction::triggered, this, &MainWindow::lightCleanSelection);

    m_restoreAction = new QAction(QIcon::fromTheme(u"edit-undo"_s), tr("&Restore"), this);
    m_restoreAction->setObjectName(u"restoreAction"_s);
    m_restoreAction->setStatusTip(
        tr("Extract the trees of the selected archive-only versions again from their zips, "
           "offline"));
    connect(m_restoreAction, &QAction::triggered, this, &MainWindow::restoreSelection);

    m_cleanupAction = new QAction(QIcon::fromTheme(u"edit-clear-all"_s,
                                                   style()->standardIcon(QStyle::SP_TrashIcon)),
                                  tr("Clean &Up\u2026"), this);
    m_cleanupAction->setObjectName(u"cleanupAction"_s);
    m_cleanupAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_cleanupAction->setStatusTip(
        tr("Remove versions by pattern, age, count or state, with a preview"));
    connect(m_cleanupAction, &QAction::triggered, this, &MainWindow::showCleanupDialog);

    m_purgeAllAction = new QAction(tr("&Purge Everything\u2026"), this);
    m_purgeAllAction->setObjectName(u"purgeAllAction"_s);
    m_purgeAllAction->setStatusTip(
        tr("Empty the whole module cache, like go clean -modcache, without the wait"));
    connect(m_purgeAllAction, &QAction::triggered, this, &MainWindow::purgeEverything);
}

void MainWindow::connectPurgeJobs()
{
    connect(&m_purgeWatcher, &QFutureWatcher<PurgeItemResult>::resultsReadyAt, this,
            &MainWindow::onPurgeResults);
    connect(&m_purgeWatcher, &QFutureWatcher<PurgeItemResult>::finished, this,
            &MainWindow::onPurgeFinished);
    connect(&m_restoreWatcher, &QFutureWatcher<PurgeItemResult>::resultsReadyAt, this,
            &MainWindow::onRestoreResults);
    connect(&m_restoreWatcher, &QFutureWatcher<PurgeItemResult>::finished, this,
            &MainWindow::onRestoreFinished);
    connect(&m_measureWatcher, &QFutureWatcher<ScanChunk>::finished, this,
            &MainWindow::onRestoredMeasured);
    connect(&m_purgeAllWatcher, &QFutureWatcher<Expected<PurgeAll::Result>>::finished, this,
            &MainWindow::onEverythingMovedAside);
    connect(&m_recoverWatcher, &QFutureWatcher<Expected<PurgeRecoveryReport>>::finished, this,
            &MainWindow::onTrashRecovered);
    connect(&m_reapWatcher, &QFutureWatcher<ReapProgress>::resultsReadyAt, this,
            &MainWindow::onReapProgress);
    connect(&m_reapWatcher, &QFutureWatcher<ReapProgress>::finished, this,
            &MainWindow::onReapFinished);
}

void MainWindow::createPurgeStatusWidgets()
{
    m_jobProgress = new QProgressBar(this);
    m_jobProgress->setObjectName(u"purgeProgress"_s);
    m_jobProgress->setTextVisible(false);
    m_jobProgress->setMaximumWidth(140);
    m_jobProgress->setMaximumHeight(fontMetrics().height());
    m_jobProgress->hide();
    statusBar()->addWidget(m_jobProgress);
    m_jobCancel = new QToolButton(this);
    m_jobCancel->setObjectName(u"cancelPurge"_s);
    m_jobCancel->setText(tr("Stop"));
    m_jobCancel->setToolTip(tr("Stop after the version being removed or restored; what is done stays done"));
    m_jobCancel->setAutoRaise(true);
    m_jobCancel->hide();
    connect(m_jobCancel, &QToolButton::clicked, this, [this] {
        m_purgeWatcher.cancel();
        m_restoreWatcher.cancel();
        m_jobCancel->setEnabled(false);
    });
    statusBar()->addWidget(m_jobCancel);

    m_freedLabel = new QLabel(this);
    m_freedLabel->setObjectName(u"freedLabel"_s);
    m_freedLabel->hide();
    statusBar()->addPermanentWidget(m_freedLabel);
}

void MainWindow::stopPurgeJobs()
{
    // Destructor only. A cancelled purge stops between versions, a cancelled reaper where it
    // is; the next run of either completes what is left.
    QFutureWatcherBase *const watchers[] = {&m_purgeWatcher,   &m_restoreWatcher,
                                            &m_purgeAllWatcher, &m_recoverWatcher,
                                            &m_measureWatcher, &m_reapWatcher};
    for (QFutureWatcherBase *w : watchers) {
        w->disconnect(this);
        w->cancel();
    }
    for (QFutureWatcherBase *w : watchers)
        w->waitForFinished();
}

bool MainWindow::isPurging() const
{
    return m_purgeWatcher.isRunning() || m_restoreWatcher.isRunning()
        || m_purgeAllWatcher.isRunning() || m_recoverWatcher.isRunning();
}

bool MainWindow::isReaping() const
{
    return m_reapWatcher.isRunning();
}

void MainWindow::updateActions()
{
    if (!m_deleteAction || !m_tree || !m_stack)
        return; // still being built
    const bool idle = !m_scanning && !isPurging();
    const bool haveCache = !m_cacheRoot.isEmpty() && !isShowingEmptyState();
    // Scan chunks arrive every 100 ms: the selection is only looked at when it matters.
    const QList<ModuleVersionRecord> selected = idle ? selectedVersions()
                                                     : QList<ModuleVersionRecord>();
    const bool anyTree = std::any_of(selected.cbegin(), selected.cend(), [](const auto &r) {
        return (r.pieces & HasTree) && (r.pieces & HasZip) && (r.pieces & HasZiphash);
    });
    const bool anyArchive = std::any_of(selected.cbegin(), selected.cend(), &RestoreJob::isRestorable);
    m_deleteAction->setEnabled(idle && !selected.isEmpty());
    m_lightCleanAction->setEnabled(idle && anyTree);
    m_restoreAction->setEnabled(idle && anyArchive);
    m_cleanupAction->setEnabled(idle && haveCache && m_model->versionCount() > 0);
    m_purgeAllAction->setEnabled(idle && haveCache);
    m_refreshAction->setEnabled(idle && haveCache && m_model->versionCount() > 0);
    m_downloadAction->setEnabled(!isPurging() && !m_cacheRoot.isEmpty());
    // A rescan in the middle of a purge would show versions the job is about to remove.
    m_rescanAction->setEnabled(!isPurging());
    m_openAction->setEnabled(!isPurging());
}

QList<ModuleVersionRecord> MainWindow::selectedVersions() const
{
    QModelIndexList sourceRows;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(0);
    sourceRows.reserve(rows.size());
    for (const QModelIndex &row : rows)
        sourceRows.append(m_proxy->mapToSource(row));
    return m_model->versionsAt(sourceRows);
}

Expected<PurgePlan> MainWindow::planFor(const QList<ModuleVersionRecord> &versions,
                                        bool light) const
{
    // The planner over just these versions, with their module paths as patterns: exactly
    // them, with the same light-clean rules as the CLI and the Clean up dialog.
    ScanResult scan;
    scan.gomodcache = m_cacheRoot;
    scan.versions = versions;
    PurgeCriteria criteria;
    QSet<QString> paths;
    for (const ModuleVersionRecord &r : versions) {
        if (!paths.contains(r.path)) {
            paths.insert(r.path);
            criteria.patterns.append(r.path);
        }
    }
    criteria.light = light;
    return PurgePlanner::plan(scan, criteria);
}

// ---------------------------------------------------------------------------------------
// Delete and light clean

void MainWindow::deleteSelection()
{
    confirmPurge(false);
}

void MainWindow::lightCleanSelection()
{
    confirmPurge(true);
}

void MainWindow::confirmPurge(bool light)
{
    if (m_scanning || isPurging())
        return;
    const QList<ModuleVersionRecord> versions = selectedVersions();
    if (versions.isEmpty())
        return;
    const Expected<PurgePlan> full = planFor(versions, false);
    const Expected<PurgePlan> lightPlan = planFor(versions, true);
    if (!full || !lightPlan) {
        const Error &e = full ? lightPlan.error() : full.error();
        showProblems(tr("Cannot Remove Versions"), e.toString(), {});
        return;
    }

    auto *box = new QMessageBox(this);
    box->setObjectName(u"purgeConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Remove Versions"));
    auto *keepZips = new QCheckBox(tr("Keep the zips (restorable offline)"), box);
    keepZips->setObjectName(u"keepZipsCheck"_s);
    keepZips->setToolTip(tr("Drop only the extracted trees: go re-extracts a tree from its zip "
                            "when a build needs it, and Restore does it offline"));
    keepZips->setChecked(light);
    box->setCheckBox(keepZips);
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmPurgeButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(remove);

    const PurgePlan fullPlan = full.value();
    const PurgePlan treesPlan = lightPlan.value();
    const auto describe = [box, remove, fullPlan, treesPlan](bool keep) {
        const PurgePlan &plan = keep ? treesPlan : fullPlan;
        const quint64 n = quint64(plan.items.size());
        const QString size = DisplayFormat::size(plan.bytes);
        QStringList ids;
        for (const PurgeItem &item : plan.items)
            ids << item.version.id();
        QString info = listOf(ids);
        if (!keep) {
            box->setText(n == 1 ? tr("Remove 1 version (%1) from the module cache? go will "
                                     "download it again when needed.")
                                      .arg(size)
                                : tr("Remove %1 versions (%2) from the module cache? go will "
                                     "download them again when needed.")
                                      .arg(DisplayFormat::count(n), size));
            remove->setText(tr("Remove"));
        } else if (n == 0) {
            box->setText(tr("None of the selected versions has an extracted tree with a "
                            "verified zip to keep, so there is nothing to drop."));
        } else {
            box->setText(n == 1 ? tr("Drop the extracted tree of 1 version (%1)? Its zip "
                                     "stays, so Restore brings it back offline.")
                                      .arg(size)
                                : tr("Drop the extracted trees of %1 versions (%2)? The zips "
                                     "stay, so Restore brings them back offline.")
                                      .arg(DisplayFormat::count(n), size));
            remove->setText(tr("Drop Trees"));
        }
        if (keep && !plan.skipped.isEmpty()) {
            QStringList left;
            for (const PurgePlan::Skip &s : plan.skipped)
                left << s.version.id();
            info += u"\n\n"_s
                + tr("Left alone (%1), no verified zip or no tree:\n%2")
                      .arg(DisplayFormat::count(quint64(plan.skipped.size())), listOf(left));
        }
        box->setInformativeText(info);
        remove->setEnabled(n > 0);
    };
    describe(light);
    connect(keepZips, &QCheckBox::toggled, box, describe);
    connect(remove, &QPushButton::clicked, this, [this, keepZips, fullPlan, treesPlan] {
        startPurge(keepZips->isChecked() ? treesPlan : fullPlan);
    });
    box->open();
}

void MainWindow::startPurge(const PurgePlan &plan)
{
    if (plan.items.isEmpty() || m_cacheRoot.isEmpty() || isPurging())
        return;
    beginFreeing();
    m_purgeItems.clear();
    for (const PurgeItem &item : plan.items)
        m_purgeItems.insert(item.version.id(), item);
    m_jobProblems.clear();
    m_jobDone = 0;
    m_jobBytes = 0;
    m_jobGone = 0;
    m_jobLight = std::all_of(plan.items.cbegin(), plan.items.cend(),
                             [](const PurgeItem &i) { return i.mode == PurgeMode::Light; });
    m_trashCheckedRoot = m_cacheRoot; // this purge and its reaper take care of the trash

    const int n = int(plan.items.size());
    m_jobProgress->setRange(0, n);
    m_jobProgress->setValue(0);
    m_jobProgress->show();
    m_jobCancel->setEnabled(true);
    m_jobCancel->show();
    const QString what = versionsText(quint64(n));
    m_statusText->setText(m_jobLight ? tr("Dropping the trees of %1\u2026").arg(what)
                                     : tr("Removing %1\u2026").arg(what));
    PurgeJob::Options options;
    options.gomodcache = m_cacheRoot;
    options.lockTimeoutMs = m_lockTimeoutMs;
    m_purgeWatcher.setFuture(PurgeJob::start(options, plan));
    updateActions();
}

void MainWindow::onPurgeResults(int begin, int end)
{
    QList<QString> gone;
    QList<ModuleVersionRecord> lightened;
    quint64 toTrash = 0;
    for (int i = begin; i < end; ++i) {
        const PurgeItemResult r = m_purgeWatcher.resultAt(i);
        if (r.path.isEmpty()) { // the cache itself could not be opened
            m_jobProblems.append(r);
            continue;
        }
        const QString id = idOf(r);
        const PurgeItem item = m_purgeItems.value(id);
        const ModuleVersionRecord &v = item.version;
        const bool removed = r.outcome == PurgeOutcome::Removed;
        switch (r.outcome) {
        case PurgeOutcome::Removed:
        case PurgeOutcome::AlreadyGone:
            if (r.mode == PurgeMode::Full) {
                gone.append(id);
                // The tree went to the trash; the zip and the metadata are gone already.
                const quint64 tree = removed && (v.pieces & HasTree) ? v.treeBytes : 0;
                toTrash += tree;
                if (removed)
                    m_freedAtOnce += r.bytes > tree ? r.bytes - tree : 0;
            } else {
                lightened.append(withoutTree(v));
                if (removed)
                    toTrash += v.treeBytes;
            }
            if (removed) {
                ++m_jobDone;
                m_jobBytes += r.bytes;
            } else {
                ++m_jobGone;
            }
            break;
        case PurgeOutcome::Skipped: // e.g. its zip vanished since the scan: not dropped
        case PurgeOutcome::Failed:
            m_jobProblems.append(r);
            break;
        case PurgeOutcome::Restored: // RestoreJob's outcome; a purge never reports it
            break;
        }
    }
    if (!gone.isEmpty())
        m_model->removeVersions(gone);
    if (!lightened.isEmpty())
        m_model->updateVersions(lightened);
    m_model->addTrashBytes(toTrash);
    m_jobProgress->setValue(end);
    showFreed();
}

void MainWindow::onPurgeFinished()
{
    m_jobProgress->hide();
    m_jobCancel->hide();
    const qsizetype planned = m_purgeItems.size();
    QString status = m_jobLight
        ? tr("Dropped the trees of %1 \u00b7 %2")
              .arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes))
        : tr("Removed %1 \u00b7 %2").arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes));
    if (m_jobGone > 0)
        status += tr(" \u00b7 %1 already removed by someone else")
                      .arg(DisplayFormat::count(m_jobGone));
    if (m_purgeWatcher.isCanceled())
        status += tr(" \u00b7 stopped before the end");
    if (!m_jobProblems.isEmpty()) {
        status += tr(" \u00b7 %1 not removed")
                      .arg(DisplayFormat::count(quint64(m_jobProblems.size())));
        showProblems(tr("Some Versions Were Not Removed"),
                     tr("%1 of %2 could not be removed; they stay in the tree.")
                         .arg(DisplayFormat::count(quint64(m_jobProblems.size())),
                              versionsText(quint64(planned))),
                     m_jobProblems);
    }
    m_statusText->setText(status);
    m_purgeItems.clear();
    if (m_jobDone > 0)
        startReaper();
    else
        showFreed();
    updateActions();
    Q_EMIT purgeFinished();
}

// ---------------------------------------------------------------------------------------
// Restore

void MainWindow::restoreSelection()
{
    if (m_scanning || isPurging())
        return;
    QList<ModuleVersionRecord> archives;
    for (const ModuleVersionRecord &r : selectedVersions()) {
        if (RestoreJob::isRestorable(r)) // the CLI's rule too
            archives.append(r);
    }
    startRestore(archives);
}

void MainWindow::startRestore(const QList<ModuleVersionRecord> &versions)
{
    if (versions.isEmpty() || m_cacheRoot.isEmpty() || isPurging())
        return;
    m_restoreItems.clear();
    for (const ModuleVersionRecord &r : versions)
        m_restoreItems.insert(r.id(), r);
    m_jobProblems.clear();
    m_jobDone = 0;
    m_jobBytes = 0;

    RestoreJob::Options options;
    options.gomodcache = m_cacheRoot;
    options.lockTimeoutMs = m_lockTimeoutMs;
    // go leaves trees writable under GOFLAGS=-modcacherw; a restore does as go would.
    const QStringList flags = m_env.value(u"GOFLAGS"_s).split(u' ', Qt::SkipEmptyParts);
    options.cacheRw = flags.contains(u"-modcacherw"_s) || flags.contains(u"-modcacherw=true"_s)
        || flags.contains(u"--modcacherw"_s);
    m_jobProgress->setRange(0, int(versions.size()));
    m_jobProgress->setValue(0);
    m_jobProgress->show();
    m_jobCancel->setEnabled(true);
    m_jobCancel->show();
    m_statusText->setText(
        tr("Restoring %1 from the zips\u2026").arg(versionsText(quint64(versions.size()))));
    m_restoreWatcher.setFuture(RestoreJob::start(options, versions));
    updateActions();
}

void MainWindow::onRestoreResults(int begin, int end)
{
    QList<ModuleVersionRecord> restored;
    for (int i = begin; i < end; ++i) {
        const PurgeItemResult r = m_restoreWatcher.resultAt(i);
        const auto it = m_restoreItems.constFind(idOf(r));
        if (r.path.isEmpty() || it == m_restoreItems.cend()) {
            if (r.outcome == PurgeOutcome::Failed)
                m_jobProblems.append(r);
            continue;
        }
        switch (r.outcome) {
        case PurgeOutcome::Restored:
            // At once with what was written; du of the new tree refines it.
            restored.append(withTree(*it, r.bytes, r.bytes, it->files));
            m_measureQueue.append(*it);
            ++m_jobDone;
            m_jobBytes += r.bytes;
            break;
        case PurgeOutcome::Skipped: // already complete on disk: show it as it is now
            m_measureQueue.append(*it);
            break;
        default:
            m_jobProblems.append(r);
            break;
        }
    }
    m_model->updateVersions(restored);
    m_jobProgress->setValue(end);
}

void MainWindow::onRestoreFinished()
{
    m_jobProgress->hide();
    m_jobCancel->hide();
    QString status = tr("Restored %1 \u00b7 %2 extracted")
                         .arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes));
    if (!m_jobProblems.isEmpty()) {
        status += tr(" \u00b7 %1 failed").arg(DisplayFormat::count(quint64(m_jobProblems.size())));
        showProblems(tr("Some Versions Were Not Restored"),
                     tr("%1 of %2 could not be restored from their zips.")
                         .arg(DisplayFormat::count(quint64(m_jobProblems.size())),
                              versionsText(quint64(m_restoreItems.size()))),
                     m_jobProblems);
    }
    m_statusText->setText(status);
    m_restoreItems.clear();
    measureNextRestored();
    updateActions();
    Q_EMIT purgeFinished();
}

void MainWindow::measureNextRestored()
{
    if (m_measureWatcher.isRunning() || m_measureQueue.isEmpty() || m_cacheRoot.isEmpty())
        return;
    m_measuring = m_measureQueue.takeFirst();
    m_measureWatcher.setFuture(DiskUsage::start(m_cacheRoot + u'/' + m_measuring.escapedPath
                                                + u'@' + m_measuring.escapedVersion));
}

void MainWindow::onRestoredMeasured()
{
    const QFuture<ScanChunk> future = m_measureWatcher.future();
    if (!future.isCanceled() && future.resultCount() > 0) {
        const ScanChunk last = future.resultAt(future.resultCount() - 1);
        if (last.final && !last.error.isError()) {
            m_model->updateVersion(withTree(m_measuring, last.totals.diskBytes,
                                            last.totals.apparentBytes, last.totals.files));
        }
    }
    measureNextRestored();
}

// ---------------------------------------------------------------------------------------
// Clean up

void MainWindow::showCleanupDialog()
{
    if (m_scanning || isPurging() || m_cacheRoot.isEmpty())
        return;
    auto *dialog = new CleanupDialog(m_model->allVersions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startPurge(dialog->plan()); });
    dialog->open();
}

// ---------------------------------------------------------------------------------------
// Purge everything

void MainWindow::purgeEverything()
{
    if (m_scanning || isPurging() || m_cacheRoot.isEmpty())
        return;
    // A handful of lstat calls in core: the safety rules say no before anything is asked.
    if (const Status ok = PurgeAll::check(m_cacheRoot); !ok) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Purge Everything"),
                                    tr("ModKeeper will not empty this folder."), QMessageBox::Ok,
                                    this);
        box->setObjectName(u"purgeAllRefused"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(ok.error().toString());
        box->open();
        return;
    }

    auto *box = new QMessageBox(this);
    box->setObjectName(u"purgeAllConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Purge Everything"));
    box->setText(tr("Remove everything in the module cache?"));
    const quint64 bytes = std::max(m_model->scanTotals().diskBytes, m_model->versionBytes());
    box->setInformativeText(
        tr("%1\n\n%2 and everything else in it go (%3 on disk), as with go clean -modcache: "
           "trees and zips, VCS clones, the checksum database cache, downloaded toolchains.\n\n"
           "go downloads what a build needs again; builds without network access fail until "
           "then.")
            .arg(QDir::toNativeSeparators(m_cacheRoot), versionsText(m_model->versionCount()),
                 DisplayFormat::size(bytes)));
    auto *understood = new QCheckBox(tr("I understand that every module must be downloaded "
                                        "again"),
                                     box);
    understood->setObjectName(u"purgeAllConfirmCheck"_s);
    box->setCheckBox(understood);
    QPushButton *purge = box->addButton(tr("Purge Everything"), QMessageBox::DestructiveRole);
    purge->setObjectName(u"purgeAllConfirmButton"_s);
    purge->setEnabled(false); // H3: nothing happens without the explicit tick
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(understood, &QCheckBox::toggled, purge, &QWidget::setEnabled);
    connect(purge, &QPushButton::clicked, this, [this, understood] {
        if (!understood->isChecked() || isPurging() || m_cacheRoot.isEmpty())
            return;
        beginFreeing();
        m_trashCheckedRoot = m_cacheRoot;
        m_statusText->setText(tr("Moving the cache aside\u2026"));
        const QString root = m_cacheRoot;
        m_purgeAllWatcher.setFuture(QtConcurrent::run(CorePool::instance(), [root] {
            return PurgeAll::moveAside(root);
        }));
        updateActions();
    });
    box->open();
}

void MainWindow::onEverythingMovedAside()
{
    const Expected<PurgeAll::Result> moved = m_purgeAllWatcher.result();
    // Whatever was moved is in the trash: show the cache as it is now, then free the space.
    m_reapAfterScan = true;
    if (!moved) {
        showProblems(tr("Purge Everything Stopped"),
                     tr("The cache could not be moved aside completely. What was moved is in "
                        "the trash and is deleted now.\n\n%1")
                         .arg(moved.error().toString()),
                     {});
    }
    rescan();
    if (moved) {
        m_statusText->setText(
            tr("Moved %1 entries aside; the space is freed in the background")
                .arg(DisplayFormat::count(quint64(moved.value().moved.size()))));
    }
    updateActions();
    Q_EMIT purgeFinished();
}

// ---------------------------------------------------------------------------------------
// Trash

void MainWindow::afterScanForTrash(bool completed)
{
    if (m_reapAfterScan) {
        m_reapAfterScan = false;
        startReaper();
        return;
    }
    // Trash left by an earlier session (or another modkeeper) is completed and emptied once
    // per cache folder, after its first full scan.
    if (!completed || m_cacheRoot == m_trashCheckedRoot
        || m_model->otherTotals(OtherKind::Trash).entries == 0)
        return;
    m_trashCheckedRoot = m_cacheRoot;
    recoverLeftoverTrash();
}

void MainWindow::recoverLeftoverTrash()
{
    if (isPurging() || m_cacheRoot.isEmpty())
        return;
    beginFreeing();
    const QString root = m_cacheRoot;
    // Purges a crash interrupted are completed (or rolled back) under go's locks, off the GUI thread.
    m_recoverWatcher.setFuture(PurgeRecovery::start(root));
    updateActions();
}

void MainWindow::onTrashRecovered()
{
    const Expected<PurgeRecoveryReport> recovered = m_recoverWatcher.result();
    updateActions();
    if (!recovered) {
        m_statusText->setText(tr("Interrupted purges could not be completed: %1")
                                  .arg(recovered.error().toString()));
        startReaper();
        return;
    }
    const PurgeRecoveryReport &report = recovered.value();
    if (!report.rolledBack.isEmpty())
        showProblems(tr("Interrupted purges rolled back"),
                     tr("%n interrupted purge(s) could not be trusted and were rolled back; "
                        "their versions were kept:",
                        nullptr, int(report.rolledBack.size())),
                     report.rolledBack);
    if (report.completed > 0 || !report.rolledBack.isEmpty()) {
        // Versions are gone (or back): the tree must say so before the space is freed.
        if (report.completed > 0)
            m_statusText->setText(tr("Completed %n interrupted purge(s)", nullptr, report.completed));
        m_reapAfterScan = true;
        rescan();
        return;
    }
    startReaper();
}

void MainWindow::beginFreeing()
{
    // A new round of freeing space starts from zero unless the last one is still going.
    if (isReaping() || isPurging())
        return;
    m_freedAtOnce = 0;
    m_reapedBefore = 0;
    m_reapedNow = 0;
    m_reapIssues.clear();
}

void MainWindow::startReaper()
{
    if (m_cacheRoot.isEmpty())
        return;
    if (isReaping()) {
        // Trash that arrived after it listed its work is for the next run.
        m_reapAgain = m_reapAgain || m_reapRoot == m_cacheRoot;
        return;
    }
    m_reapRoot = m_cacheRoot;
    m_reapedNow = 0;
    m_reapWatcher.setFuture(TrashReaper::start(m_reapRoot));
    showFreed();
}

void MainWindow::onReapProgress(int begin, int end)
{
    for (int i = begin; i < end; ++i) {
        const ReapProgress p = m_reapWatcher.resultAt(i);
        m_reapIssues += p.issues; // each issue is reported once
        const quint64 delta = p.bytesFreed > m_reapedNow ? p.bytesFreed - m_reapedNow : 0;
        m_reapedNow = std::max(m_reapedNow, p.bytesFreed);
        if (m_reapRoot == m_cacheRoot)
            m_model->releaseTrashBytes(delta);
    }
    showFreed();
}

void MainWindow::onReapFinished()
{
    m_reapedBefore += m_reapedNow;
    m_reapedNow = 0;
    if (m_reapAgain && !m_reapWatcher.isCanceled()) {
        m_reapAgain = false;
        startReaper();
        return;
    }
    m_reapAgain = false;
    showFreed();
    Q_EMIT reapFinished();
}

quint64 MainWindow::freedBytes() const
{
    return m_freedAtOnce + m_reapedBefore + m_reapedNow;
}

void MainWindow::showFreed()
{
    const bool working = isReaping() || m_purgeWatcher.isRunning() || m_purgeAllWatcher.isRunning()
        || m_recoverWatcher.isRunning();
    const QString freed = DisplayFormat::size(freedBytes());
    QPalette pal = m_freedLabel->palette();
    pal.setColor(QPalette::WindowText, working || freedBytes() == 0
                     ? palette().color(QPalette::WindowText)
                     : DisplayFormat::stateColor(VersionState::Complete).darker(130));
    m_freedLabel->setPalette(pal);
    if (working) {
        m_freedLabel->setText(tr("Freeing space\u2026 %1 freed").arg(freed));
        m_freedLabel->setToolTip(tr("Removed trees are deleted from the trash inside the cache "
                                    "in the background"));
    } else if (m_reapIssues.isEmpty()) {
        m_freedLabel->setText(tr("%1 freed").arg(freed));
        m_freedLabel->setToolTip(tr("Space freed by the last clean-up"));
    } else {
        m_freedLabel->setText(tr("%1 freed \u00b7 %2 not removed")
                                  .arg(freed, DisplayFormat::count(quint64(m_reapIssues.size()))));
        QStringList lines;
        for (const ScanIssue &issue : std::as_const(m_reapIssues).mid(0, 10))
            lines << u"%1: %2"_s.arg(issue.path, issue.message);
        m_freedLabel->setToolTip(tr("These could not be deleted from the trash:\n%1")
                                     .arg(lines.join(u'\n')));
    }
    m_freedLabel->setVisible(working || freedBytes() > 0 || !m_reapIssues.isEmpty());
}

void MainWindow::showProblems(const QString &title, const QString &summary,
                              const QList<PurgeItemResult> &problems)
{
    // Non-modal: the user reads it while going on with the tree.
    auto *box = new QMessageBox(QMessageBox::Warning, title, summary, QMessageBox::Close, this);
    box->setObjectName(u"purgeProblems"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    if (!problems.isEmpty()) {
        // Short reasons in the message, with the paths at fault under Show Details.
        QStringList reasons;
        QStringList details;
        for (const PurgeItemResult &r : problems) {
            const QString who = r.path.isEmpty() ? m_cacheRoot : idOf(r);
            const bool known = r.error.isError() || !r.error.message.isEmpty();
            reasons << u"%1: %2"_s.arg(who, known ? r.error.message : toString(r.outcome));
            details << u"%1: %2"_s.arg(who, known ? r.error.toString() : toString(r.outcome));
        }
        box->setInformativeText(listOf(reasons));
        box->setDetailedText(details.join(u'\n'));
    }
    box->show();
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the purge side: Delete, light clean, Restore, Clean up…, Purge everything…,
// and the freed-space label of the trash reaper. The window asks and shows; the jobs, their
// watchers and what they did live in the PurgeController, wired in connectPurgeJobs().
// Only the destructor waits (stopPurgeJobs()).
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

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CleanupDialog.h"
#include "DisplayFormat.h"
#include "PurgeController.h"
#include "purge/PurgeAll.h"
#include "purge/PurgePlanner.h"
#include "purge/RestoreJob.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int listedVersions = 8; // ids named in a confirmation before "and N more"

QString versionsText(quint64 n)
{
    return n == 1 ? MainWindow::tr("1 version")
                  : MainWindow::tr("%1 versions").arg(DisplayFormat::count(n));
}

QString idOf(const PurgeItemResult &r)
{
    return r.path + u'@' + r.version;
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
    m_deleteAction = new QAction(
        QIcon::fromTheme(u"edit-delete"_s, style()->standardIcon(QStyle::SP_TrashIcon)),
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

    m_cleanupAction = new QAction(
        QIcon::fromTheme(u"edit-clear-all"_s, style()->standardIcon(QStyle::SP_TrashIcon)),
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
    // Before any job can start; the widgets named in the lambdas exist by the first signal.
    m_purge = new PurgeController(this);
    m_purge->setObjectName(u"purgeController"_s);
    connect(m_purge, &PurgeController::busyChanged, this, [this](bool busy) {
        if (!busy) {
            m_jobProgress->hide();
            m_jobCancel->hide();
        }
        updateActions();
    });
    connect(m_purge, &PurgeController::jobStarted, this, [this](int total) {
        m_jobProgress->setRange(0, total);
        m_jobProgress->setValue(0);
        m_jobProgress->show();
        m_jobCancel->setEnabled(true);
        m_jobCancel->show();
    });
    connect(m_purge, &PurgeController::progressChanged, this,
            [this](int done) { m_jobProgress->setValue(done); });
    connect(m_purge, &PurgeController::versionsRemoved, m_model, &CacheModel::removeVersions);
    connect(
        m_purge, &PurgeController::versionsChanged, m_model,
        [this](const QList<ModuleVersionRecord> &records) { m_model->updateVersions(records); });
    connect(m_purge, &PurgeController::movedToTrash, m_model, &CacheModel::addTrashBytes);
    connect(m_purge, &PurgeController::trashReleased, this,
            [this](const QString &gomodcache, quint64 bytes) {
                if (gomodcache == m_cacheRoot)
                    m_model->releaseTrashBytes(bytes);
            });
    connect(m_purge, &PurgeController::freedChanged, this, &MainWindow::showFreed);
    connect(m_purge, &PurgeController::problems, this, &MainWindow::showProblems);
    connect(m_purge, &PurgeController::statusMessage, this,
            [this](const QString &text) { m_statusText->setText(text); });
    connect(m_purge, &PurgeController::rescanNeeded, this, &MainWindow::rescan);
    connect(m_purge, &PurgeController::purgeFinished, this, &MainWindow::purgeFinished);
    connect(m_purge, &PurgeController::reapFinished, this, &MainWindow::reapFinished);
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
    m_jobCancel->setToolTip(
        tr("Stop after the version being removed or restored; what is done stays done"));
    m_jobCancel->setAutoRaise(true);
    m_jobCancel->hide();
    connect(m_jobCancel, &QToolButton::clicked, this, [this] {
        m_purge->stop();
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
    // Destructor only.
    m_purge->shutdown();
}

bool MainWindow::isPurging() const
{
    return m_purge && m_purge->isBusy();
}

bool MainWindow::isReaping() const
{
    return m_purge && m_purge->isReaping();
}

PurgeController::Options MainWindow::purgeOptions() const
{
    PurgeController::Options options;
    options.gomodcache = m_cacheRoot;
    options.lockTimeoutMs = m_lockTimeoutMs;
    // go leaves trees writable under GOFLAGS=-modcacherw; a restore does as go would.
    options.cacheRw = m_env.modCacheRw();
    return options;
}

void MainWindow::updateActions()
{
    if (!m_deleteAction || !m_tree || !m_stack)
        return; // still being built
    const bool idle = !isScanning() && !isPurging();
    const bool haveCache = !m_cacheRoot.isEmpty() && !isShowingEmptyState();
    // Scan chunks arrive every 100 ms: the selection is only looked at when it matters.
    const QList<ModuleVersionRecord> selected
        = idle ? selectedVersions() : QList<ModuleVersionRecord>();
    const bool anyTree = std::any_of(selected.cbegin(), selected.cend(), [](const auto &r) {
        return (r.pieces & HasTree) && (r.pieces & HasZip) && (r.pieces & HasZiphash);
    });
    const bool anyArchive
        = std::any_of(selected.cbegin(), selected.cend(), &RestoreJob::isRestorable);
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
    if (isScanning() || isPurging())
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
    m_purge->purge(purgeOptions(), plan);
}

// ---------------------------------------------------------------------------------------
// Restore

void MainWindow::restoreSelection()
{
    if (isScanning() || isPurging())
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
    m_purge->restore(purgeOptions(), versions);
}

// ---------------------------------------------------------------------------------------
// Clean up

void MainWindow::showCleanupDialog()
{
    if (isScanning() || isPurging() || m_cacheRoot.isEmpty())
        return;
    auto *dialog = new CleanupDialog(m_model->allVersions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    attachProjects(dialog); // MainWindowProjects.cpp: the "what my projects need" policy
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startPurge(dialog->plan()); });
    dialog->open();
}

// ---------------------------------------------------------------------------------------
// Purge everything

void MainWindow::purgeEverything()
{
    if (isScanning() || isPurging() || m_cacheRoot.isEmpty())
        return;
    // A handful of lstat calls in core: the safety rules say no before anything is asked.
    if (const Status ok = PurgeAll::check(m_cacheRoot); !ok) {
        auto *box
            = new QMessageBox(QMessageBox::Warning, tr("Cannot Purge Everything"),
                              tr("ModKeeper will not empty this folder."), QMessageBox::Ok, this);
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
        if (understood->isChecked())
            m_purge->purgeEverything(m_cacheRoot);
    });
    box->open();
}

// ---------------------------------------------------------------------------------------
// Trash

void MainWindow::afterScanForTrash(bool completed)
{
    m_purge->afterScan(m_cacheRoot, completed, m_model->otherTotals(OtherKind::Trash).entries);
}

void MainWindow::showFreed()
{
    const bool working = m_purge->isFreeing();
    const quint64 freedBytes = m_purge->freedBytes();
    const QList<ScanIssue> &reapIssues = m_purge->reapIssues();
    const QString freed = DisplayFormat::size(freedBytes);
    QPalette pal = m_freedLabel->palette();
    pal.setColor(QPalette::WindowText,
                 working || freedBytes == 0
                     ? palette().color(QPalette::WindowText)
                     : DisplayFormat::stateColor(VersionState::Complete).darker(130));
    m_freedLabel->setPalette(pal);
    if (working) {
        m_freedLabel->setText(tr("Freeing space\u2026 %1 freed").arg(freed));
        m_freedLabel->setToolTip(tr("Removed trees are deleted from the trash inside the cache "
                                    "in the background"));
    } else if (reapIssues.isEmpty()) {
        m_freedLabel->setText(tr("%1 freed").arg(freed));
        m_freedLabel->setToolTip(tr("Space freed by the last clean-up"));
    } else {
        m_freedLabel->setText(tr("%1 freed \u00b7 %2 not removed")
                                  .arg(freed, DisplayFormat::count(quint64(reapIssues.size()))));
        QStringList lines;
        for (const ScanIssue &issue : std::as_const(reapIssues).mid(0, 10))
            lines << u"%1: %2"_s.arg(issue.path, issue.message);
        m_freedLabel->setToolTip(
            tr("These could not be deleted from the trash:\n%1").arg(lines.join(u'\n')));
    }
    m_freedLabel->setVisible(working || freedBytes > 0 || !reapIssues.isEmpty());
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

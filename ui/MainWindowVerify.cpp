// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the integrity side: Verify (selection or whole cache) and Repair. The jobs and
// their results belong to VerifyController; here are the actions, the progress widgets, the
// summaries and the wiring. Results fill the Integrity column as they arrive. Only the
// destructor waits (stopVerifyJobs()).
#include "MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DisplayFormat.h"
#include "VerifyController.h"
#include "proxy/TrustedCertificates.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int listedDamaged = 8; // versions named in the summary before "and N more"

QString countText(qsizetype n)
{
    return n == 1 ? MainWindow::tr("1 version")
                  : MainWindow::tr("%1 versions").arg(DisplayFormat::count(quint64(n)));
}

} // namespace

void MainWindow::createVerifyUi()
{
    m_verifyController = new VerifyController(this);
    connect(m_verifyController, &VerifyController::resultsReady, m_model,
            &CacheModel::setVerifyResults);
    connect(m_verifyController, &VerifyController::verifyFinished, this,
            &MainWindow::onVerifyFinished);
    connect(m_verifyController, &VerifyController::repaired, this, &MainWindow::onRepaired);
    connect(m_verifyController, &VerifyController::repairFinished, this,
            &MainWindow::onRepairFinished);

    m_verifyAction = new QAction(QIcon::fromTheme(u"security-high"_s), tr("&Verify"), this);
    m_verifyAction->setObjectName(u"verifyAction"_s);
    m_verifyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_verifyAction->setStatusTip(
        tr("Check the selected versions against their recorded hashes, as go mod verify does"));
    connect(m_verifyAction, &QAction::triggered, this, &MainWindow::verifySelection);

    m_verifyAllAction = new QAction(tr("Verify &Whole Cache"), this);
    m_verifyAllAction->setObjectName(u"verifyAllAction"_s);
    m_verifyAllAction->setStatusTip(
        tr("Check every version in the cache against its recorded hash"));
    connect(m_verifyAllAction, &QAction::triggered, this, &MainWindow::verifyAll);

    m_repairAction = new QAction(QIcon::fromTheme(u"tools-check-spelling"_s), tr("Re&pair"), this);
    m_repairAction->setObjectName(u"repairAction"_s);
    m_repairAction->setStatusTip(tr("Extract the damaged selected versions again from their zips; "
                                    "the damaged trees go to the trash"));
    connect(m_repairAction, &QAction::triggered, this, &MainWindow::repairSelection);

    // The Cache menu (the one holding Clean Up…) and the tree's context menu.
    for (QAction *top : menuBar()->actions()) {
        if (QMenu *menu = top->menu(); menu && menu->actions().contains(m_cleanupAction)) {
            QAction *first = menu->actions().value(0);
            menu->insertActions(first, {m_verifyAction, m_verifyAllAction, m_repairAction});
            menu->insertSeparator(first);
            break;
        }
    }
    auto *separator = new QAction(m_tree);
    separator->setSeparator(true);
    const QList<QAction *> contextActions = m_tree->actions();
    QAction *before = contextActions.value(contextActions.indexOf(m_restoreAction) + 1);
    m_tree->insertActions(before, {separator, m_verifyAction, m_repairAction});

    // The Integrity filter, next to the State filter.
    m_integrityFilter = new QComboBox(m_treePage);
    m_integrityFilter->setObjectName(u"integrityFilter"_s);
    m_integrityFilter->setToolTip(tr("Show only versions whose last verification found this"));
    using F = CacheFilterProxy::IntegrityFilter;
    m_integrityFilter->addItem(tr("Any integrity"), int(F::All));
    m_integrityFilter->addItem(tr("Damaged"), int(F::Damaged));
    m_integrityFilter->addItem(DisplayFormat::integrityName(VerifyStatus::Modified),
                               int(F::Modified));
    m_integrityFilter->addItem(DisplayFormat::integrityName(VerifyStatus::Corrupt),
                               int(F::Corrupt));
    m_integrityFilter->addItem(DisplayFormat::integrityName(VerifyStatus::Unverifiable),
                               int(F::Unverifiable));
    m_integrityFilter->addItem(DisplayFormat::integrityName(VerifyStatus::Verified),
                               int(F::Verified));
    m_integrityFilter->addItem(DisplayFormat::integrityName(VerifyStatus::NotChecked),
                               int(F::NotChecked));
    connect(m_integrityFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setIntegrityFilter(F(m_integrityFilter->itemData(index).toInt()));
    });
    if (QLayout *page = m_treePage->layout()) {
        for (int i = 0; i < page->count(); ++i) {
            auto *bar = qobject_cast<QBoxLayout *>(page->itemAt(i)->layout());
            if (bar && bar->indexOf(m_stateFilter) >= 0) {
                bar->insertWidget(bar->indexOf(m_stateFilter) + 1, m_integrityFilter);
                break;
            }
        }
    }
    m_tree->header()->resizeSection(CacheModel::IntegrityColumn,
                                    m_tree->fontMetrics().horizontalAdvance(u"Unverifiable"_s)
                                        + 28);

    // Progress and Stop, as for a purge.
    m_verifyProgress = new QProgressBar(this);
    m_verifyProgress->setObjectName(u"verifyProgress"_s);
    m_verifyProgress->setTextVisible(false);
    m_verifyProgress->setMaximumWidth(140);
    m_verifyProgress->setMaximumHeight(fontMetrics().height());
    m_verifyProgress->hide();
    statusBar()->addWidget(m_verifyProgress);
    connect(m_verifyController, &VerifyController::progressRangeChanged, m_verifyProgress,
            &QProgressBar::setRange);
    connect(m_verifyController, &VerifyController::progressChanged, m_verifyProgress,
            &QProgressBar::setValue);
    m_verifyCancel = new QToolButton(this);
    m_verifyCancel->setObjectName(u"cancelVerify"_s);
    m_verifyCancel->setText(tr("Stop"));
    m_verifyCancel->setToolTip(tr("Stop verifying; what was checked stays shown"));
    m_verifyCancel->setAutoRaise(true);
    m_verifyCancel->hide();
    connect(m_verifyCancel, &QToolButton::clicked, this, [this] {
        m_verifyController->stop();
        m_verifyCancel->setEnabled(false);
    });
    statusBar()->addWidget(m_verifyCancel);

    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateVerifyActions);
    connect(m_model, &CacheModel::totalsChanged, this, &MainWindow::updateVerifyActions);
    connect(m_model, &CacheModel::dataChanged, this, &MainWindow::updateVerifyActions);
    connect(this, &MainWindow::scanFinished, this, &MainWindow::updateVerifyActions);
    connect(this, &MainWindow::purgeFinished, this, &MainWindow::updateVerifyActions);
    updateVerifyActions();
}

void MainWindow::stopVerifyJobs()
{
    // Destructor only: the controller stops its job and waits (verification only reads; a
    // repair stops between versions), and tells this half-destroyed window nothing.
    if (!m_verifyController)
        return;
    m_verifyController->disconnect();
    delete m_verifyController;
    m_verifyController = nullptr;
}

bool MainWindow::isVerifying() const
{
    // Until the finished handler has run, not until the job's last result (VerifyController).
    return m_verifyController && m_verifyController->isBusy();
}

void MainWindow::updateVerifyActions()
{
    if (!m_verifyAction)
        return;
    const bool idle = !isScanning() && !isPurging() && !isVerifying();
    const bool haveCache
        = !m_cacheRoot.isEmpty() && !isShowingEmptyState() && m_model->versionCount() > 0;
    const QList<ModuleVersionRecord> selected
        = idle ? selectedVersions() : QList<ModuleVersionRecord>();
    const bool anyDamaged
        = std::any_of(selected.cbegin(), selected.cend(), [this](const ModuleVersionRecord &r) {
              const std::optional<VersionVerifyResult> v = m_model->verifyResult(r.id());
              return v && !v->ok;
          });
    m_verifyAction->setEnabled(idle && !selected.isEmpty());
    m_verifyAllAction->setEnabled(idle && haveCache);
    m_repairAction->setEnabled(idle && anyDamaged);
}

void MainWindow::verifySelection()
{
    startVerify(selectedVersions());
}

void MainWindow::verifyAll()
{
    startVerify(m_model->allVersions());
}

void MainWindow::startVerify(const QList<ModuleVersionRecord> &versions)
{
    if (versions.isEmpty() || m_cacheRoot.isEmpty() || isVerifying() || isPurging() || isScanning())
        return;
    if (!m_verifyController->verify(m_cacheRoot, versions))
        return;
    m_verifyProgress->show();
    m_verifyCancel->setEnabled(true);
    m_verifyCancel->show();
    m_statusText->setText(tr("Verifying %1\u2026").arg(countText(versions.size())));
    updateVerifyActions();
}

void MainWindow::onVerifyFinished(const QList<VersionVerifyResult> &results, bool cancelled)
{
    m_verifyProgress->hide();
    m_verifyCancel->hide();
    QStringList damaged;
    QStringList details;
    quint64 bytes = 0;
    for (const VersionVerifyResult &r : results) {
        bytes += r.bytesRead;
        if (r.ok)
            continue;
        damaged << u"%1: %2"_s.arg(r.id(), DisplayFormat::integrityName(r.status).toLower());
        details << r.id() + u":\n    "_s + r.problems.join(u"\n    "_s);
    }
    const QString checked
        = tr("%1 checked (%2)").arg(countText(results.size()), DisplayFormat::size(bytes));
    const QString summary = damaged.isEmpty()
                                ? tr("%1: everything matches its recorded hash.").arg(checked)
                                : tr("%1: %2 damaged.").arg(checked, countText(damaged.size()));
    m_statusText->setText(cancelled ? tr("Verification stopped: %1").arg(summary) : summary);

    // Non-modal: the user goes on with the tree (the Damaged filter, Repair).
    auto *box
        = new QMessageBox(damaged.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                          cancelled ? tr("Verification stopped") : tr("Verification finished"),
                          summary, QMessageBox::Close, this);
    box->setObjectName(u"verifySummary"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    if (!damaged.isEmpty()) {
        QStringList shown = damaged.mid(0, listedDamaged);
        if (damaged.size() > listedDamaged)
            shown << tr("and %1 more").arg(damaged.size() - listedDamaged);
        box->setInformativeText(
            shown.join(u'\n')
            + tr("\n\nSelect them (Integrity filter \u201c" "Damaged\u201d) and choose Repair."));
        box->setDetailedText(details.join(u'\n'));
    }
    box->show();
    updateVerifyActions();
    Q_EMIT verifyFinished();
}

void MainWindow::repairSelection()
{
    if (m_cacheRoot.isEmpty() || isVerifying() || isPurging() || isScanning())
        return;
    QList<ModuleVersionRecord> damaged;
    for (const ModuleVersionRecord &r : selectedVersions()) {
        const std::optional<VersionVerifyResult> v = m_model->verifyResult(r.id());
        if (v && !v->ok)
            damaged.append(r);
    }
    if (damaged.isEmpty())
        return;
    // Damaged zips are fetched again set up as the CLI's repair sets it up (VerifyController).
    VerifyController::RepairSettings settings;
    settings.env = m_env;
    settings.lockTimeoutMs = m_lockTimeoutMs;
    settings.caFile = TrustedCertificates::savedCaFile();
    if (!m_verifyController->repair(m_cacheRoot, damaged, settings))
        return;
    m_verifyProgress->show();
    m_verifyCancel->setEnabled(true);
    m_verifyCancel->show();
    m_statusText->setText(tr("Repairing %1\u2026").arg(countText(damaged.size())));
    updateVerifyActions();
}

void MainWindow::onRepaired(const QList<RepairResult> &results)
{
    QList<VersionVerifyResult> statuses;
    for (const RepairResult &r : results) {
        if (const std::optional<VersionVerifyResult> v
            = m_model->verifyResult(r.path + u'@' + r.version))
            statuses.append(VerifyController::afterRepair(*v, r));
    }
    m_model->setVerifyResults(statuses);
}

void MainWindow::onRepairFinished(const QList<RepairResult> &results, bool cancelled)
{
    Q_UNUSED(cancelled); // the summary counts what was repaired either way
    m_verifyProgress->hide();
    m_verifyCancel->hide();
    QStringList failed;
    QStringList details;
    int repaired = 0;
    for (const RepairResult &r : results) {
        const QString id = r.path + u'@' + r.version;
        if (r.outcome == RepairOutcome::Reextracted || r.outcome == RepairOutcome::Redownloaded)
            ++repaired;
        else if (!r.ok()) {
            failed << u"%1: %2"_s.arg(id, r.outcome == RepairOutcome::NeedsRedownload
                                              ? tr("needs a new download")
                                              : r.error.message);
            details << id + u": "_s + r.error.toString();
        }
    }
    const QString summary = failed.isEmpty()
                                ? tr("Repaired %1.").arg(countText(repaired))
                                : tr("Repaired %1; %2 could not be repaired.")
                                      .arg(countText(repaired), countText(failed.size()));
    m_statusText->setText(summary);
    auto *box = new QMessageBox(failed.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                                tr("Repair finished"), summary, QMessageBox::Close, this);
    box->setObjectName(u"repairSummary"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    if (!failed.isEmpty()) {
        box->setInformativeText(failed.mid(0, listedDamaged).join(u'\n'));
        box->setDetailedText(details.join(u'\n'));
    }
    box->show();
    updateVerifyActions();
    Q_EMIT verifyFinished();
}

} // namespace mk

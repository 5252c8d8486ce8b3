// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the Summary legend's side: clicking a kind (VCS clones, checksum database,
// metadata, unknown entries, trash) opens its entries; Remove… runs OtherRemover through the
// OthersController and the cache is scanned again; Empty Trash Now runs the window's reaper.
// Toolchains open the Toolchains dialog. And the totals that follow the table's filter.
#include "MainWindow.h"

#include <QLabel>
#include <QMessageBox>

#include "DisplayFormat.h"
#include "FilteredTotals.h"
#include "OtherEntriesDialog.h"
#include "OthersController.h"
#include "SummaryPanel.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

std::optional<OtherKind> kindOf(SummaryPanel::Part part)
{
    switch (part) {
    case SummaryPanel::VcsClones:
        return OtherKind::Vcs;
    case SummaryPanel::ChecksumDb:
        return OtherKind::Sumdb;
    case SummaryPanel::Toolchains:
        return OtherKind::Toolchain;
    case SummaryPanel::Metadata:
        return OtherKind::Metadata;
    case SummaryPanel::Unknown:
        return OtherKind::Unknown;
    case SummaryPanel::Trash:
        return OtherKind::Trash;
    default:
        return std::nullopt;
    }
}

} // namespace

void MainWindow::createOthersUi()
{
    m_others = new OthersController(this);
    m_filteredTotals = new FilteredTotals(m_proxy, m_model, this);
    connect(m_filteredTotals, &FilteredTotals::changed, this, [this] {
        updateTotals();
        m_summary->setFilteredTotals(m_filteredTotals->isActive(), m_filteredTotals->versions(),
                                     m_filteredTotals->diskBytes());
    });
    connect(m_summary, &SummaryPanel::partActivated, this, [this](SummaryPanel::Part part) {
        if (const std::optional<OtherKind> kind = kindOf(part))
            showOtherEntries(*kind);
    });
    connect(m_others, &OthersController::removalFinished, this, &MainWindow::onOthersRemoved);
    connect(m_others, &OthersController::busyChanged, this, [this](bool busy) {
        if (m_otherEntriesDialog)
            m_otherEntriesDialog->setBusy(busy);
        if (busy)
            m_statusText->setText(tr("Removing entries\u2026"));
    });
    connect(m_others, &OthersController::progressChanged, this, [this](int done, int total) {
        if (m_otherEntriesDialog)
            m_otherEntriesDialog->setProgress(done, total);
    });
    connect(this, &MainWindow::reapFinished, this, [this] {
        if (std::exchange(m_rescanAfterReap, false) && !isScanning())
            rescan(); // the trash entry shows what is left
    });
}

OtherEntriesDialog *MainWindow::otherEntriesDialog() const
{
    return m_otherEntriesDialog;
}

void MainWindow::showOtherEntries(OtherKind kind)
{
    if (kind == OtherKind::Toolchain) {
        showToolchains();
        return;
    }
    if (m_otherEntriesDialog) {
        m_otherEntriesDialog->setKind(kind);
        m_otherEntriesDialog->raise();
        m_otherEntriesDialog->activateWindow();
        return;
    }
    auto *dialog = new OtherEntriesDialog(kind, m_model, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBusy(m_others->isBusy());
    connect(dialog, &OtherEntriesDialog::removeRequested, this, &MainWindow::removeOtherEntries);
    connect(dialog, &OtherEntriesDialog::emptyTrashRequested, this, [this] {
        if (m_cacheRoot.isEmpty() || isPurging())
            return;
        m_rescanAfterReap = true;
        m_purge->startReaper(m_cacheRoot); // the window's reaper: the freed label counts it
    });
    m_otherEntriesDialog = dialog;
    dialog->show();
}

void MainWindow::removeOtherEntries(const QList<OtherEntry> &entries)
{
    if (m_cacheRoot.isEmpty() || entries.isEmpty())
        return;
    if (isScanning() || isPurging()) {
        m_statusText->setText(tr("Wait until the scan or removal under way has finished"));
        return;
    }
    OtherRemover::Options options;
    options.gomodcache = m_cacheRoot;
    options.lockTimeoutMs = m_lockTimeoutMs;
    m_others->remove(options, entries);
}

void MainWindow::onOthersRemoved(const QList<OtherRemoval> &results, bool cancelled)
{
    quint64 bytes = 0;
    quint64 removed = 0;
    QStringList problems;
    for (const OtherRemoval &r : results) {
        if (r.error.isError()) {
            problems << r.error.toString();
        } else if (r.removed) {
            ++removed;
            bytes += r.diskBytes;
        }
    }
    m_statusText->setText(
        (removed == 1 ? tr("Removed 1 entry (%1)").arg(DisplayFormat::size(bytes))
                      : tr("Removed %1 entries (%2)")
                            .arg(DisplayFormat::count(removed), DisplayFormat::size(bytes)))
        + (cancelled ? tr(", then stopped") : QString()));
    if (!problems.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Some Entries Were Not Removed"),
                                    tr("%n entries could not be removed.", nullptr,
                                       int(problems.size())),
                                    QMessageBox::Close, this);
        box->setObjectName(u"otherRemoveProblems"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::NonModal);
        box->setInformativeText(problems.mid(0, 8).join(u'\n'));
        box->setDetailedText(problems.join(u'\n'));
        box->show();
    }
    // What is on disk now: the legend, the dialog and the totals follow the new scan.
    QMetaObject::Connection *once = new QMetaObject::Connection;
    *once = connect(this, &MainWindow::scanFinished, this, [this, once] {
        disconnect(*once);
        delete once;
        Q_EMIT othersRemoved();
    });
    rescan();
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the build cache side: the summary's GOCACHE section, measured after every scan
// and after every change by GoCacheController, and its Trim…, Clean build cache and Clean test
// cache actions, each confirmed with what it frees. Dialogs are opened, never exec()'d: the
// GUI thread never waits.
#include "MainWindow.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

#include "DisplayFormat.h"
#include "GoCacheController.h"
#include "GoCacheTrimDialog.h"
#include "SummaryPanel.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createGoCacheUi()
{
    m_goCache = new GoCacheController(this);
    m_goCache->setObjectName(u"goCacheController"_s);
    m_summary->setGoCacheSizeCap(m_goCache->sizeCap());
    connect(m_goCache, &GoCacheController::statsChanged, this,
            [this] { m_summary->setGoCacheStats(m_goCache->stats()); });
    connect(m_goCache, &GoCacheController::busyChanged, m_summary, &SummaryPanel::setGoCacheBusy);
    connect(m_goCache, &GoCacheController::sizeCapChanged, m_summary,
            &SummaryPanel::setGoCacheSizeCap);
    connect(m_goCache, &GoCacheController::trimFinished, this,
            [this](const GoCacheTrimResult &r) {
                if (r.error.isError())
                    m_statusText->setText(tr("Build cache trim failed: %1").arg(r.error.toString()));
                else
                    m_statusText->setText(tr("Build cache trimmed: %1 entries removed, %2 freed")
                                              .arg(DisplayFormat::count(r.entriesRemoved()),
                                                   DisplayFormat::size(r.bytesFreed)));
            });
    connect(m_goCache, &GoCacheController::cleanFinished, this,
            [this](const GoCacheCleanResult &r) {
                if (r.error.isError())
                    m_statusText->setText(tr("Cleaning the build cache failed: %1")
                                              .arg(r.error.toString()));
                else if (r.testCacheOnly)
                    m_statusText->setText(tr("go will run every test again"));
                else
                    m_statusText->setText(tr("Build cache cleaned: %1 freed")
                                              .arg(DisplayFormat::size(r.bytesFreed)));
            });
    connect(m_summary, &SummaryPanel::goCacheTrimRequested, this, &MainWindow::trimGoCache);
    connect(m_summary, &SummaryPanel::goCacheCleanRequested, this,
            [this] { cleanGoCache(false); });
    connect(m_summary, &SummaryPanel::goCacheCleanTestRequested, this,
            [this] { cleanGoCache(true); });
    // Measured after every scan, like the module cache; setBuildCache() above clears it.
    connect(this, &MainWindow::scanFinished, this, [this] {
        const Expected<QString> gocache = m_env.gocache();
        m_goCache->setGocache(gocache ? gocache.value() : QString());
        m_goCache->refresh();
    });
}

void MainWindow::trimGoCache()
{
    if (!m_goCache->hasStats() || m_goCache->isBusy())
        return;
    auto *dialog = new GoCacheTrimDialog(m_goCache->stats(), m_goCache->sizeCap(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->bySize()) {
            m_goCache->setSizeCap(dialog->keepCap() ? dialog->maxBytes() : 0);
            m_goCache->trimToSize(dialog->maxBytes());
        } else {
            m_goCache->trimOlderThan(dialog->days());
        }
    });
    dialog->open();
}

void MainWindow::cleanGoCache(bool testsOnly)
{
    if (!m_goCache->hasStats() || m_goCache->isBusy())
        return;
    const GoCacheStats &s = m_goCache->stats();
    auto *box = new QMessageBox(this);
    box->setObjectName(u"goCacheCleanConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    if (testsOnly) {
        box->setWindowTitle(tr("Clean Test Cache"));
        box->setText(tr("Make go run every test again? Test results cached until now will be "
                        "ignored, as after go clean -testcache. Nothing is deleted."));
    } else {
        box->setWindowTitle(tr("Clean Build Cache"));
        box->setText(tr("Empty the build cache? This removes %1 entries and frees about %2, "
                        "as go clean -cache does; go rebuilds what it needs next time.")
                         .arg(DisplayFormat::count(s.entries()),
                              DisplayFormat::size(s.entryDiskBytes)));
    }
    QPushButton *ok = box->addButton(testsOnly ? tr("Clean Test Cache") : tr("Clean Build Cache"),
                                     QMessageBox::DestructiveRole);
    ok->setObjectName(u"confirmGoCacheCleanButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(ok);
    connect(box, &QMessageBox::buttonClicked, this, [this, ok, testsOnly](QAbstractButton *b) {
        if (b != ok)
            return;
        if (testsOnly)
            m_goCache->cleanTestCache();
        else
            m_goCache->cleanBuildCache();
    });
    box->open();
}

} // namespace mk

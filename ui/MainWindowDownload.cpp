// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the downloader flows — refresh (optionally switching GOPROXY first) and
// download of typed module@version lines, both through DownloadDialog.
#include "MainWindow.h"

#include <QAction>
#include <QStyle>

#include "CacheModel.h"
#include "DownloadDialog.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createDownloadActions()
{
    m_refreshAction
        = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Re&fresh from a Proxy\u2026"), this);
    m_refreshAction->setObjectName(u"refreshFromProxyAction"_s);
    m_refreshAction->setStatusTip(
        tr("Fetch the selected versions (all, if none is selected) again from a proxy, "
           "optionally switching GOPROXY first, and compare them with the cache"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshSelection);

    m_downloadAction
        = new QAction(QIcon::fromTheme(u"download"_s), tr("&Download Modules\u2026"), this);
    m_downloadAction->setObjectName(u"downloadModulesAction"_s);
    m_downloadAction->setStatusTip(
        tr("Fetch module@version lines into the cache, checked as go checks them"));
    connect(m_downloadAction, &QAction::triggered, this, &MainWindow::showDownloadDialog);
}

DownloadDialog *MainWindow::downloadDialog() const
{
    return m_downloadDialog;
}

void MainWindow::refreshSelection()
{
    QList<ModuleVersionRecord> versions = selectedVersions();
    if (versions.isEmpty())
        versions = m_model->allVersions();
    QList<DownloadRequest> requests;
    requests.reserve(versions.size());
    for (const ModuleVersionRecord &v : versions)
        requests.append({v.path, v.version});
    openDownloadDialog(
        new DownloadDialog(DownloadDialog::Purpose::Refresh, m_cacheRoot, requests, this));
}

void MainWindow::showDownloadDialog()
{
    openDownloadDialog(
        new DownloadDialog(DownloadDialog::Purpose::Download, m_cacheRoot, {}, this));
}

void MainWindow::openDownloadDialog(DownloadDialog *dialog)
{
    if (m_downloadDialog) {
        // One at a time: two jobs writing the same versions would only wait for each other.
        delete dialog;
        m_downloadDialog->raise();
        m_downloadDialog->activateWindow();
        return;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_downloadDialog = dialog;
    connect(dialog, &DownloadDialog::cacheChanged, this, [this] {
        if (!isPurging())
            rescan();
    });
    dialog->show();
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the toolchain side: Cache ▸ Toolchains… opens the Go toolchains dialog on the
// folder shown; when it removed some, the cache is scanned again.
#include "MainWindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

#include "ToolchainDialog.h"
#include "download/DownloadSetup.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createToolchainUi()
{
    m_toolchainsAction = new QAction(tr("&Toolchains\u2026"), this);
    m_toolchainsAction->setObjectName(u"toolchainsAction"_s);
    m_toolchainsAction->setStatusTip(
        tr("The Go toolchains go downloaded into the module cache: size, last use, which one "
           "runs here; remove them one by one"));
    connect(m_toolchainsAction, &QAction::triggered, this, &MainWindow::showToolchains);
    // The Cache menu (the one holding Clean Up…), at its end.
    for (QAction *top : menuBar()->actions()) {
        if (QMenu *menu = top->menu(); menu && menu->actions().contains(m_cleanupAction)) {
            menu->addSeparator();
            menu->addAction(m_toolchainsAction);
            break;
        }
    }
}

ToolchainDialog *MainWindow::toolchainDialog() const
{
    return m_toolchainDialog;
}

void MainWindow::showToolchains()
{
    if (m_toolchainDialog) {
        m_toolchainDialog->raise();
        m_toolchainDialog->activateWindow();
        return;
    }
    ToolchainLister::Options base;
    base.gomodcache = m_cacheRoot;
    base.environment = DownloadSetup::processEnvironment();
    auto *dialog = new ToolchainDialog(base, m_lockTimeoutMs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ToolchainDialog::toolchainsRemoved, this, &MainWindow::rescan);
    // The dialog edits the same project folders as Settings ▸ Projects…: read them again.
    connect(dialog, &ToolchainDialog::projectRootsChanged, this, [this] {
        if (!m_cacheRoot.isEmpty())
            refreshProjects();
    });
    m_toolchainDialog = dialog;
    dialog->show();
}

} // namespace mk

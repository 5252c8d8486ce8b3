// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the proxy side: the toolbar's GOPROXY preset switcher and Settings ▸ Proxy…
// Both work through the core proxy classes off the GUI thread; after a switch the env header
// shows the new GOPROXY.
#include "MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QToolBar>

#include "GoCacheController.h"
#include "ProxyPresetSelector.h"
#include "ProxySettingsDialog.h"
#include "SummaryPanel.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createProxyUi()
{
    m_proxySettingsAction
        = new QAction(QIcon::fromTheme(u"preferences-system-network"_s), tr("&Proxy\u2026"), this);
    m_proxySettingsAction->setObjectName(u"proxySettingsAction"_s);
    m_proxySettingsAction->setStatusTip(
        tr("GOPROXY presets, private modules, proxy credentials and a health probe"));
    connect(m_proxySettingsAction, &QAction::triggered, this, &MainWindow::showProxySettings);

    m_proxySelector = new ProxyPresetSelector(this);
    connect(m_proxySelector, &ProxyPresetSelector::switched, this, &MainWindow::onProxySwitched);

    QToolBar *bar = addToolBar(tr("Proxy"));
    bar->setObjectName(u"proxyToolBar"_s);
    bar->setMovable(true);
    bar->addWidget(m_proxySelector);
    bar->addAction(m_proxySettingsAction);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->setObjectName(u"settingsMenu"_s);
    settings->addAction(m_proxySettingsAction);
}

ProxySettingsDialog *MainWindow::proxySettingsDialog() const
{
    return m_proxyDialog;
}

void MainWindow::onProxySwitched()
{
    // The go env file changed: the header shows GOPROXY as go now resolves it.
    resolveEnvironment();
    // resolveEnvironment() starts the summary's GOCACHE section over (a dash): show what is
    // known of the build cache again, measured anew when the switch moved GOCACHE.
    const Expected<QString> gocache = m_env.gocache();
    if (!gocache)
        return;
    m_goCache->setGocache(gocache.value()); // forgets the stats of another folder
    if (m_goCache->hasStats())
        m_summary->setGoCacheStats(m_goCache->stats());
    else if (!m_cacheRoot.isEmpty())
        m_goCache->refresh();
}

void MainWindow::showProxySettings()
{
    if (m_proxyDialog) {
        m_proxyDialog->raise();
        m_proxyDialog->activateWindow();
        return;
    }
    auto *dialog = new ProxySettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInputsProvider([selector = QPointer<ProxyPresetSelector>(m_proxySelector)] {
        return selector ? selector->inputs() : GoEnvInputs::current();
    });
    connect(dialog, &ProxySettingsDialog::presetsChanged, m_proxySelector,
            &ProxyPresetSelector::refresh);
    connect(dialog, &ProxySettingsDialog::useRequested, m_proxySelector,
            &ProxyPresetSelector::switchTo);
    m_proxyDialog = dialog;
    dialog->show();
}

} // namespace mk

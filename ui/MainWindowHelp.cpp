// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the help side: Help ▸ User Guide and About, and Settings ▸ Language…
#include "MainWindow.h"

#include <QAction>
#include <QMenuBar>

#include "AboutDialog.h"
#include "HelpBrowser.h"
#include "LanguageSettingsDialog.h"
#include "Translator.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createHelpUi()
{
    auto *language = new QAction(tr("&Language\u2026"), this);
    language->setObjectName(u"languageAction"_s);
    language->setStatusTip(tr("Choose the language of ModKeeper's windows"));
    connect(language, &QAction::triggered, this, &MainWindow::showLanguageSettings);
    // The Settings menu is made with the proxy UI; the language goes last in it.
    QMenu *settings = menuBar()->findChild<QMenu *>(u"settingsMenu"_s);
    if (!settings)
        settings = menuBar()->addMenu(tr("&Settings"));
    settings->addSeparator();
    settings->addAction(language);

    auto *guide = new QAction(tr("&User Guide"), this);
    guide->setObjectName(u"userGuideAction"_s);
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("Read how to use ModKeeper"));
    connect(guide, &QAction::triggered, this, &MainWindow::showUserGuide);

    auto *about = new QAction(tr("&About ModKeeper"), this);
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(u"helpMenu"_s);
    help->addAction(guide);
    help->addSeparator();
    help->addAction(about);
}

void MainWindow::showUserGuide()
{
    // One guide window, raised again when asked twice.
    auto *browser = findChild<HelpBrowser *>(QString(), Qt::FindDirectChildrenOnly);
    if (!browser) {
        browser = new HelpBrowser(Translator::current(), this);
        browser->setAttribute(Qt::WA_DeleteOnClose);
    }
    browser->show();
    browser->raise();
    browser->activateWindow();
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(m_cacheRoot, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showLanguageSettings()
{
    auto *dialog = new LanguageSettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace mk

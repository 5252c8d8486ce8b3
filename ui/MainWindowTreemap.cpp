// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the treemap side: a dock under the table showing the cache as nested tiles
// (TreemapPanel), following the table's filter and selection; View ▸ Space Map toggles it.
#include "MainWindow.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "TreemapPanel.h"
#include "TreemapView.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createTreemapUi()
{
    auto *dock = new QDockWidget(tr("Space Map"), this);
    dock->setObjectName(u"treemapDock"_s);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                      | QDockWidget::DockWidgetFloatable);
    auto *panel = new TreemapPanel(dock);
    dock->setWidget(panel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {280}, Qt::Vertical);

    TreemapView *view = panel->view();
    view->setModels(m_model, m_proxy, m_tree->selectionModel());
    // A click in the map selects rows; bring the first into sight.
    connect(view, &TreemapView::rowActivated, this,
            [this](const QModelIndex &index) { m_tree->scrollTo(index); });

    QAction *toggle = dock->toggleViewAction();
    toggle->setObjectName(u"treemapAction"_s);
    toggle->setText(tr("Space &Map"));
    toggle->setStatusTip(tr("Show the cache as nested tiles, sized by space on disk"));
    // The View menu (the one holding the Summary toggle), after that toggle.
    const QAction *summaryToggle = m_summaryDock->toggleViewAction();
    for (QAction *top : menuBar()->actions()) {
        QMenu *menu = top->menu();
        if (!menu || !menu->actions().contains(summaryToggle))
            continue;
        const QList<QAction *> actions = menu->actions();
        const qsizetype at = actions.indexOf(summaryToggle);
        menu->insertAction(actions.value(at + 1), toggle);
        break;
    }
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the projects side: the projects under the project roots are read after each
// scan, purge or light clean and whenever the roots change (here or in the Toolchains dialog;
// ProjectsController); the table's Used by column and the
// Projects filter follow; View ▸ Projects… lists them, Settings ▸ Projects… edits the roots,
// and Clean up… gets the "what my projects need" policy.
#include "MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CleanupDialog.h"
#include "ProjectRootsDialog.h"
#include "ProjectRootsSettings.h"
#include "ProjectsController.h"
#include "ProjectsDialog.h"
#include "download/DownloadSetup.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createProjectsUi()
{
    m_projects = new ProjectsController(this);
    m_projects->setObjectName(u"projectsController"_s);
    connect(m_projects, &ProjectsController::resultReady, this, &MainWindow::onProjectsRead);

    m_projectsAction = new QAction(tr("&Projects\u2026"), this);
    m_projectsAction->setObjectName(u"projectsAction"_s);
    m_projectsAction->setStatusTip(tr("Your Go projects: module, go and toolchain lines, the "
                                      "versions they need and those the cache lacks"));
    connect(m_projectsAction, &QAction::triggered, this, &MainWindow::showProjects);
    m_projectRootsAction = new QAction(tr("Pro&jects\u2026"), this);
    m_projectRootsAction->setObjectName(u"projectRootsAction"_s);
    m_projectRootsAction->setStatusTip(tr("The folders ModKeeper looks for Go projects in"));
    connect(m_projectRootsAction, &QAction::triggered, this, &MainWindow::showProjectRoots);

    // View ▸ Projects… after the summary toggle; Settings ▸ Projects… before Language….
    const QAction *summaryToggle = m_summaryDock ? m_summaryDock->toggleViewAction() : nullptr;
    for (QAction *top : menuBar()->actions()) {
        if (QMenu *menu = top->menu(); menu && menu->actions().contains(summaryToggle)) {
            const QList<QAction *> actions = menu->actions();
            const qsizetype at = actions.indexOf(summaryToggle);
            menu->insertAction(at + 1 < actions.size() ? actions.at(at + 1) : nullptr,
                               m_projectsAction);
            break;
        }
    }
    if (QMenu *settings = menuBar()->findChild<QMenu *>(u"settingsMenu"_s)) {
        QAction *language = findChild<QAction *>(u"languageAction"_s);
        settings->insertAction(settings->actions().contains(language) ? language : nullptr,
                               m_projectRootsAction);
    }

    // The Projects filter, after the other filters of the bar.
    m_projectFilter = new QComboBox(m_treePage);
    m_projectFilter->setObjectName(u"projectFilter"_s);
    m_projectFilter->setToolTip(tr("Show only versions by what your projects need"));
    m_projectFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_projectFilter->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);
    connect(m_projectFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        const QVariantList data = m_projectFilter->itemData(index).toList();
        if (data.size() != 2)
            return;
        m_proxy->setProjectFilter(CacheFilterProxy::ProjectFilter(data.at(0).toInt()),
                                  data.at(1).toString());
    });
    if (QLayout *page = m_treePage->layout()) {
        for (int i = 0; i < page->count(); ++i) {
            auto *bar = qobject_cast<QBoxLayout *>(page->itemAt(i)->layout());
            if (bar && bar->indexOf(m_stateFilter) >= 0) {
                QWidget *after = m_integrityFilter ? m_integrityFilter : m_stateFilter;
                bar->insertWidget(bar->indexOf(after) + 1, m_projectFilter);
                break;
            }
        }
    }
    fillProjectFilter();

    m_tree->header()->resizeSection(CacheModel::UsedByColumn,
                                    m_tree->fontMetrics().horizontalAdvance(u"Used by"_s) + 28);

    // After each scan: the projects' needs do not change with the cache, but what is missing does.
    // After a purge or light clean too: what the projects miss may have changed.
    for (auto finished : {&MainWindow::scanFinished, &MainWindow::purgeFinished}) {
        connect(this, finished, this, [this] {
            if (!m_cacheRoot.isEmpty())
                refreshProjects();
        });
    }
}

ProjectsDialog *MainWindow::projectsDialog() const
{
    return m_projectsDialog;
}

void MainWindow::refreshProjects()
{
    ProjectsJob::Options o;
    o.gomodcache = m_cacheRoot;
    o.environment = DownloadSetup::processEnvironment();
    o.goBinary = DownloadSetup::goCommand(m_env, o.environment);
    m_projects->refresh(ProjectRootsSettings::roots(), o);
}

void MainWindow::onProjectsRead()
{
    // No project folders chosen: nothing is known about use (a dash), rather than "unused".
    if (m_projects->roots().isEmpty())
        m_model->clearProjectUsage();
    else
        m_model->setProjectUsage(m_projects->usage());
    fillProjectFilter();
}

void MainWindow::fillProjectFilter()
{
    using F = CacheFilterProxy::ProjectFilter;
    const QVariantList current = m_projectFilter->currentData().toList();
    const QSignalBlocker block(m_projectFilter);
    m_projectFilter->clear();
    const auto add = [this](const QString &text, F filter, const QString &dir = {}) {
        m_projectFilter->addItem(text, QVariantList{int(filter), dir});
    };
    add(tr("Any project use"), F::All);
    add(tr("Unused by any project"), F::Unused);
    add(tr("Needed only for the module graph"), F::GoModOnly);
    for (const ProjectInfo &p : m_projects->result().projects) {
        const QString name = p.module.isEmpty() ? QDir(p.dir).dirName() : p.module;
        add(tr("Needed by %1").arg(name), F::NeededBy, p.dir);
        m_projectFilter->setItemData(m_projectFilter->count() - 1, QDir::toNativeSeparators(p.dir),
                                     Qt::ToolTipRole);
    }
    int keep = m_projectFilter->findData(current);
    if (keep < 0 && !current.isEmpty() && F(current.value(0).toInt()) == F::NeededBy) {
        // The project is gone: keep its filter (nothing matches) rather than show everything.
        add(tr("Needed by %1").arg(QDir(current.value(1).toString()).dirName()), F::NeededBy,
            current.value(1).toString());
        keep = m_projectFilter->count() - 1;
    }
    m_projectFilter->setCurrentIndex(std::max(keep, 0));
    const QVariantList now = m_projectFilter->currentData().toList();
    m_proxy->setProjectFilter(F(now.value(0).toInt()), now.value(1).toString());
}

void MainWindow::filterByProject(const QString &dir)
{
    const int index = m_projectFilter->findData(
        QVariantList{int(CacheFilterProxy::ProjectFilter::NeededBy), dir});
    if (index >= 0)
        m_projectFilter->setCurrentIndex(index);
    else
        m_proxy->setProjectFilter(CacheFilterProxy::ProjectFilter::NeededBy, dir);
    showTree();
    m_tree->expandAll();
}

void MainWindow::showProjects()
{
    if (m_projectsDialog) {
        m_projectsDialog->raise();
        m_projectsDialog->activateWindow();
        return;
    }
    auto *dialog = new ProjectsDialog(m_projects, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectsDialog::projectActivated, this, &MainWindow::filterByProject);
    connect(dialog, &ProjectsDialog::editRootsRequested, this, &MainWindow::showProjectRoots);
    m_projectsDialog = dialog;
    dialog->show();
    if (!m_projects->hasResult() && !m_projects->isBusy() && !m_cacheRoot.isEmpty())
        refreshProjects();
}

void MainWindow::showProjectRoots()
{
    auto *dialog = new ProjectRootsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectRootsDialog::rootsChanged, this, [this] {
        if (!m_cacheRoot.isEmpty())
            refreshProjects();
    });
    dialog->open();
}

void MainWindow::attachProjects(CleanupDialog *dialog) const
{
    if (m_projects->hasResult() && !m_projects->roots().isEmpty())
        dialog->setProjects(m_projects->result(), m_cacheRoot, m_env.goroot());
}

} // namespace mk

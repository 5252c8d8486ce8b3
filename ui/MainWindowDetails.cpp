// SPDX-License-Identifier: GPL-3.0-or-later
// The window's side of the details pane: a dock on the right that follows the table's current
// row, with the selection's total in its header; View ▸ Details toggles it, a double-click on
// a row raises it.
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMetaEnum>
#include <QScrollArea>
#include <QStyle>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DetailsPane.h"
#include "MainWindow.h"
#include "ProxyPresetSelector.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// CacheModel::UsedByRole when the model has it (the projects feature), else -1.
int usedByRole()
{
    static const int role = [] {
        bool ok = false;
        const int v = QMetaEnum::fromType<CacheModel::Role>().keyToValue("UsedByRole", &ok);
        return ok ? v : -1;
    }();
    return role;
}

} // namespace

void MainWindow::createDetailsUi()
{
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_details = new DetailsPane(m_detailsDock);
    // At least as wide as its row of buttons needs, in any language.
    m_details->setMinimumWidth(qMax(300, m_details->minimumSizeHint().width()));
    m_details->setInputsProvider(
        [this] { return m_proxySelector ? m_proxySelector->inputs() : GoEnvInputs::current(); });
    // Scrolls rather than stretching the window past a 768 px screen with the other docks.
    auto *scroll = new QScrollArea(m_detailsDock);
    scroll->setObjectName(u"detailsScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_details);
    scroll->setMinimumWidth(m_details->minimumWidth()
                            + scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    m_detailsDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    if (m_summaryDock)
        splitDockWidget(m_summaryDock, m_detailsDock, Qt::Vertical);

    QAction *toggle = m_detailsDock->toggleViewAction();
    toggle->setText(tr("&Details Pane"));
    toggle->setShortcut(QKeySequence(u"Ctrl+I"_s));
    // Next to "Summary Panel" in the View menu that createSummaryDock() made.
    QMenu *view = nullptr;
    if (m_summaryDock) {
        for (QObject *o : m_summaryDock->toggleViewAction()->associatedObjects()) {
            if ((view = qobject_cast<QMenu *>(o)))
                break;
        }
    }
    if (view)
        view->insertAction(m_summaryDock->toggleViewAction(), toggle);
    else
        addAction(toggle);

    QItemSelectionModel *selection = m_tree->selectionModel();
    connect(selection, &QItemSelectionModel::currentChanged, this, &MainWindow::updateDetails);
    connect(selection, &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateDetailsTotal);
    connect(m_model, &CacheModel::totalsChanged, this, &MainWindow::updateDetailsTotal);
    // Integrity, state or Used by of the current row may change in place.
    connect(m_model, &CacheModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
                if (current.isValid() && current.parent() == topLeft.parent()
                    && current.row() >= topLeft.row() && current.row() <= bottomRight.row())
                    updateDetails();
            });
    connect(m_model, &CacheModel::modelReset, this, &MainWindow::updateDetails);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(CacheModel::IsModuleRole).toBool())
            return; // a module row expands on double-click
        m_detailsDock->show();
        m_detailsDock->raise();
    });
    updateDetailsTotal();
}

void MainWindow::updateDetails()
{
    const QModelIndex source = m_proxy->mapToSource(m_tree->currentIndex());
    if (!source.isValid()) {
        m_details->showNothing();
        return;
    }
    const QModelIndex row = source.siblingAtColumn(CacheModel::ModuleColumn);
    if (row.data(CacheModel::IsModuleRole).toBool()) {
        m_details->showModule(row.data(CacheModel::ModulePathRole).toString(),
                              m_model->versionsAt({row}));
        return;
    }
    const QVariant record = row.data(CacheModel::RecordRole);
    if (record.metaType() != QMetaType::fromType<ModuleVersionRecord>()) {
        m_details->showNothing();
        return;
    }
    const int role = usedByRole();
    m_details->showVersion(m_cacheRoot, record.value<ModuleVersionRecord>(),
                           source.siblingAtColumn(CacheModel::StateColumn).data().toString(),
                           source.siblingAtColumn(CacheModel::IntegrityColumn).data().toString(),
                           role >= 0 ? row.data(role) : QVariant());
}

void MainWindow::updateDetailsTotal()
{
    QModelIndexList sourceRows;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(0);
    sourceRows.reserve(rows.size());
    for (const QModelIndex &r : rows)
        sourceRows.append(m_proxy->mapToSource(r));
    const CacheModel::VersionSum sum = m_model->sumVersions(sourceRows);
    m_details->setSelectionTotal(sum.versions, sum.diskBytes);
}

} // namespace mk

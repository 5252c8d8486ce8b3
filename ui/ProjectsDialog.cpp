// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectsDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ProjectsController.h"
#include "ProjectsModel.h"

using namespace Qt::StringLiterals;

namespace mk {

ProjectsDialog::ProjectsDialog(ProjectsController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller), m_model(new ProjectsModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"projectsDialog"_s);
    setWindowTitle(tr("Projects"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ProjectsModel::SortRole);

    m_view = new QTableView(this);
    m_view->setObjectName(u"projectsView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProjectsModel::DirColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(ProjectsModel::DirColumn,
                                                     QHeaderView::Stretch);
    m_view->setToolTip(tr("Double-click a project to show the versions it needs"));

    m_status = new QLabel(this);
    m_status->setObjectName(u"projectsStatus"_s);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refreshButton->setObjectName(u"projectsRefreshButton"_s);
    auto *rootsButton = buttons->addButton(tr("Project &Folders\u2026"),
                                           QDialogButtonBox::ActionRole);
    rootsButton->setObjectName(u"projectsRootsButton"_s);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    resize(900, 420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refreshButton, &QPushButton::clicked, m_controller,
            qOverload<>(&ProjectsController::refresh));
    connect(rootsButton, &QPushButton::clicked, this, &ProjectsDialog::editRootsRequested);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT projectActivated(index.data(ProjectsModel::DirRole).toString());
    });
    connect(m_controller, &ProjectsController::resultReady, this, &ProjectsDialog::showResult);
    connect(m_controller, &ProjectsController::busyChanged, this, &ProjectsDialog::showBusy);
    connect(m_controller, &ProjectsController::progressChanged, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });

    showResult();
    showBusy(m_controller->isBusy());
}

ProjectsDialog::~ProjectsDialog() = default;

void ProjectsDialog::showResult()
{
    m_model->setResult(m_controller->result());
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setSectionResizeMode(ProjectsModel::DirColumn,
                                                     QHeaderView::Stretch);
    if (m_controller->isBusy())
        return;
    const ProjectsResult &r = m_controller->result();
    QStringList lines;
    if (m_controller->roots().isEmpty())
        lines << tr("No project folders chosen: add some with Project Folders\u2026");
    else if (!m_controller->hasResult())
        lines << tr("Projects not read yet.");
    else
        lines << tr("%n project(s) in %1", nullptr, int(r.projects.size()))
                     .arg(m_controller->roots().join(u", "_s));
    lines += r.notes;
    m_status->setText(lines.join(u'\n'));
}

void ProjectsDialog::showBusy(bool busy)
{
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_status->setText(tr("Reading the projects\u2026"));
    } else {
        showResult();
    }
}

} // namespace mk

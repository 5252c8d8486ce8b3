// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mk {

class ProjectsController;
class ProjectsModel;

/// View ▸ Projects…: every project under the project roots with its module, go and toolchain
/// lines, how many module versions it needs and how many the cache lacks. It shows what the
/// window's ProjectsController read last and follows its readings; double-clicking a project
/// asks the window to show the versions it needs (projectActivated).
class ProjectsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsDialog)

public:
    explicit ProjectsDialog(ProjectsController *controller, QWidget *parent = nullptr);
    ~ProjectsDialog() override;

    [[nodiscard]] ProjectsModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }

Q_SIGNALS:
    /// The user double-clicked the project in dir.
    void projectActivated(const QString &dir);
    /// "Project Folders…" was clicked.
    void editRootsRequested();

private:
    void showResult();
    void showBusy(bool busy);

    ProjectsController *m_controller;
    ProjectsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_refreshButton = nullptr;
};

} // namespace mk

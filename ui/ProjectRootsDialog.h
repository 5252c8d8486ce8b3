// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QListWidget;
class QPushButton;

namespace mk {

/// Settings ▸ Projects…: the folders ModKeeper looks for Go projects in. Before the first
/// choice the list holds the proposals (the common places that exist); OK saves the list
/// (ProjectRootsSettings) and emits rootsChanged when it differs from what was saved.
class ProjectRootsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectRootsDialog)

public:
    explicit ProjectRootsDialog(QWidget *parent = nullptr);
    ~ProjectRootsDialog() override;

    /// The folders the list shows now.
    [[nodiscard]] QStringList roots() const;
    /// Adds a folder to the list (not saved before OK); false if it is already there.
    bool addRoot(const QString &dir);
    /// Removes the selected folders from the list.
    void removeSelected();

    void accept() override;

Q_SIGNALS:
    void rootsChanged(const QStringList &roots);

private:
    void chooseFolder();
    void updateButtons();

    QListWidget *m_list = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_removeButton = nullptr;
    QStringList m_saved;
};

} // namespace mk

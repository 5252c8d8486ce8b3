// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include "project/ProjectRecords.h"

namespace mk {

/// The projects found under the project roots, one row each: folder, main module, go line,
/// toolchain line, how many module versions it needs and how many of those are missing from
/// the cache. GUI thread only.
class ProjectsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsModel)

public:
    enum Column {
        DirColumn,
        ModuleColumn,
        GoColumn,
        ToolchainColumn,
        NeedsColumn,
        MissingColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        /// The raw value for sorting: QString, or int for the counts.
        SortRole = Qt::UserRole,
        /// QString: the project folder (any column).
        DirRole,
    };
    Q_ENUM(Role)

    explicit ProjectsModel(QObject *parent = nullptr);
    ~ProjectsModel() override;

    void setResult(const ProjectsResult &result);
    [[nodiscard]] const ProjectsResult &result() const { return m_result; }
    /// The row of the project in dir, or -1.
    [[nodiscard]] int rowOf(const QString &dir) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    ProjectsResult m_result;
};

} // namespace mk

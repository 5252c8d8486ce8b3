// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include "purge/PurgeRecords.h"

namespace mk {

/// The rows of a purge plan, for the Clean up dialog's preview: the versions the plan
/// removes, in plan order, then the ones it leaves alone, greyed, with the reason. The plan
/// is replaced as a whole (a model reset) each time the criteria change. GUI thread only.
class PurgePreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PurgePreviewModel)

public:
    enum Column {
        VersionColumn,
        StateColumn,
        LastUsedColumn,
        FreesColumn,
        NoteColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole, ///< "path@version"
        SkippedRole,           ///< bool: left alone by the plan
        BytesRole,             ///< qulonglong: what removing it frees (0 when skipped)
    };
    Q_ENUM(Role)

    explicit PurgePreviewModel(QObject *parent = nullptr);
    ~PurgePreviewModel() override;

    void setPlan(const PurgePlan &plan);
    void clear();

    [[nodiscard]] const PurgePlan &plan() const { return m_plan; }
    [[nodiscard]] int itemCount() const { return int(m_plan.items.size()); }
    [[nodiscard]] int skippedCount() const { return int(m_plan.skipped.size()); }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    [[nodiscard]] QVariant itemData(const PurgeItem &item, int column, int role) const;
    [[nodiscard]] QVariant skipData(const PurgePlan::Skip &skip, int column, int role) const;
    [[nodiscard]] static QVariant commonData(const ModuleVersionRecord &version, int column,
                                             int role);

    PurgePlan m_plan;
};

} // namespace mk

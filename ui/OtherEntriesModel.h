// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "scan/ScanRecords.h"

namespace mk {

/// The entries of one OtherKind (VCS clones, checksum database caches, ...), one row each, for
/// the OtherEntriesDialog. Replaced as a whole (a model reset). GUI thread only.
class OtherEntriesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OtherEntriesModel)

public:
    enum Column {
        PathColumn,
        SizeColumn,
        FilesColumn,
        DetailColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, ///< raw value: QString path/detail, qulonglong bytes/files
        DiskBytesRole,           ///< qulonglong
    };
    Q_ENUM(Role)

    explicit OtherEntriesModel(QObject *parent = nullptr);
    ~OtherEntriesModel() override;

    /// The entries of kind out of all (a scan's others).
    void setEntries(OtherKind kind, const QList<OtherEntry> &all);
    [[nodiscard]] OtherKind kind() const { return m_kind; }
    [[nodiscard]] const QList<OtherEntry> &entries() const { return m_entries; }
    [[nodiscard]] quint64 totalBytes() const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// What a row's Detail column says when the scan gave no detail.
    [[nodiscard]] static QString defaultDetail(const OtherEntry &entry);

private:
    OtherKind m_kind = OtherKind::Unknown;
    QList<OtherEntry> m_entries;
};

} // namespace mk

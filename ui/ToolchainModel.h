// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>

#include "toolchain/ToolchainRecords.h"

namespace mk {

/// The Go toolchains of a ToolchainListing, one row each, for the Toolchains dialog. The
/// listing is replaced as a whole (a model reset). GUI thread only.
class ToolchainModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolchainModel)

public:
    enum Column {
        ToolchainColumn,
        PlatformColumn,
        SizeColumn,
        LastUsedColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, ///< raw value: version order, bytes, time (msecs)
        VersionRole,             ///< QString: the module version, e.g. v0.0.1-go1.22.5.linux-amd64
        RunningRole,             ///< bool: the go that runs here
        NeededByRole,            ///< QStringList: go.mod / go.work files that name it
    };
    Q_ENUM(Role)

    explicit ToolchainModel(QObject *parent = nullptr);
    ~ToolchainModel() override;

    void setListing(const ToolchainListing &listing);
    [[nodiscard]] const ToolchainListing &listing() const { return m_listing; }
    [[nodiscard]] const ToolchainRecord *record(int row) const;
    /// The reference time of the Last Used column (tests pin it).
    void setNow(const QDateTime &now) { m_now = now; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// "running", "needed by 2 projects", ...: the Status column's text for t.
    [[nodiscard]] static QString statusText(const ToolchainRecord &t);

private:
    ToolchainListing m_listing;
    QDateTime m_now;
};

} // namespace mk

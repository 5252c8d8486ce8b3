// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "download/DownloadRecords.h"

namespace mk {

/// One row per version of a download or refresh: what it became (identical, changed,
/// downloaded, failed), the bytes received so far, the proxy that served it and the reason.
/// Rows are known up front; results update them in place. GUI thread only.
class DownloadReportModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadReportModel)

public:
    enum Column {
        VersionColumn,
        StatusColumn,
        ReceivedColumn,
        ProxyColumn,
        DetailColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, ///< raw value: id, outcome order, bytes
        OutcomeRole,             ///< int(DownloadOutcome), -1 while waiting
    };
    Q_ENUM(Role)

    explicit DownloadReportModel(QObject *parent = nullptr);
    ~DownloadReportModel() override;

    void setRequests(const QList<DownloadRequest> &requests);
    /// An InProgress update or a final result for one of the rows.
    void update(const DownloadResult &result);

    [[nodiscard]] int count(DownloadOutcome outcome) const;
    [[nodiscard]] int finishedCount() const;
    [[nodiscard]] qint64 bytesReceived() const;
    [[nodiscard]] const DownloadResult *resultFor(const QString &id) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    struct Row
    {
        DownloadRequest request;
        DownloadResult result;
        bool started = false;
    };
    QList<Row> m_rows;
    QHash<QString, int> m_index; // id -> row
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "proxy/ProbeResult.h"

namespace mk {

/// The proxy probe's results for the Proxy settings dialog: one row per proxy URL of each
/// preset, added as the probe reports them, then replaced by the ranked list (which flags the
/// fastest healthy proxy; that row is highlighted). SortRole holds the raw values a
/// QSortFilterProxyModel sorts by: latency in ms, the HTTP code, the status rank. GUI thread
/// only.
class ProbeResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeResultsModel)

public:
    enum Column {
        PresetColumn,
        UrlColumn,
        StatusColumn,
        LatencyColumn,
        HttpCodeColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, ///< raw value: latency (qint64; no answer sorts last), code, rank
        FastestRole,             ///< bool: the fastest healthy proxy
        StatusRole,              ///< int: ProbeResult::Status
    };
    Q_ENUM(Role)

    explicit ProbeResultsModel(QObject *parent = nullptr);
    ~ProbeResultsModel() override;

    /// One more result, while the probe runs.
    void addResult(const ProbeResult &result);
    /// The whole list at once (ProxyProbe::ranked() at the end of a run).
    void setResults(const QList<ProbeResult> &results);
    void clear();

    [[nodiscard]] const QList<ProbeResult> &results() const { return m_results; }
    /// The row flagged fastest, or -1.
    [[nodiscard]] int fastestRow() const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// Healthy first, then 404/410, then the errors: the status column's sort value.
    [[nodiscard]] static int statusRank(ProbeResult::Status status);

private:
    [[nodiscard]] static QVariant sortValue(const ProbeResult &r, int column);

    QList<ProbeResult> m_results;
};

} // namespace mk

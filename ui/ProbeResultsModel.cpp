// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbeResultsModel.h"

#include <limits>

#include <QBrush>
#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace mk {

ProbeResultsModel::ProbeResultsModel(QObject *parent) : QAbstractTableModel(parent) { }

ProbeResultsModel::~ProbeResultsModel() = default;

void ProbeResultsModel::addResult(const ProbeResult &result)
{
    const int row = int(m_results.size());
    beginInsertRows({}, row, row);
    m_results.append(result);
    endInsertRows();
}

void ProbeResultsModel::setResults(const QList<ProbeResult> &results)
{
    beginResetModel();
    m_results = results;
    endResetModel();
}

void ProbeResultsModel::clear()
{
    setResults({});
}

int ProbeResultsModel::fastestRow() const
{
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        if (m_results.at(i).fastest)
            return int(i);
    }
    return -1;
}

int ProbeResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ProbeResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ProbeResultsModel::statusRank(ProbeResult::Status status)
{
    using S = ProbeResult::Status;
    switch (status) {
    case S::Ok:
        return 0;
    case S::NotFound:
        return 1;
    case S::HttpError:
        return 2;
    case S::Refused:
        return 3;
    case S::Timeout:
        return 4;
    case S::NetworkError:
        return 5;
    case S::Skipped:
        return 6;
    case S::Cancelled:
        return 7;
    }
    return 8;
}

QVariant ProbeResultsModel::sortValue(const ProbeResult &r, int column)
{
    switch (column) {
    case PresetColumn:
        return r.preset;
    case UrlColumn:
        return r.url;
    case StatusColumn:
        return statusRank(r.status);
    // No answer at all sorts after the slowest answer, in ascending order.
    case LatencyColumn:
        return r.latencyMs < 0 ? std::numeric_limits<qint64>::max() : r.latencyMs;
    case HttpCodeColumn:
        return r.httpCode;
    case ErrorColumn:
        return r.error;
    default:
        return {};
    }
}

QVariant ProbeResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProbeResult &r = m_results.at(index.row());
    const int column = index.column();
    switch (role) {
    case SortRole:
        return sortValue(r, column);
    case FastestRole:
        return r.fastest;
    case StatusRole:
        return int(r.status);
    case Qt::DisplayRole:
        switch (column) {
        case PresetColumn:
            return r.preset;
        case UrlColumn:
            return r.url;
        case StatusColumn:
            return r.fastest ? tr("%1 \u2605 fastest").arg(ProbeResult::statusName(r.status))
                             : ProbeResult::statusName(r.status);
        case LatencyColumn:
            return r.latencyMs < 0 ? u"\u2014"_s : tr("%1 ms").arg(r.latencyMs);
        case HttpCodeColumn:
            return r.httpCode == 0 ? u"\u2014"_s : QString::number(r.httpCode);
        case ErrorColumn:
            // One line in the table; the tooltip has go's whole text.
            return r.error.section(u'\n', 0, 0);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QStringList lines;
        if (!r.requestUrl.isEmpty())
            lines << tr("GET %1").arg(r.requestUrl);
        if (!r.viaProxy.isEmpty())
            lines << tr("through the outbound proxy %1").arg(r.viaProxy);
        if (!r.error.isEmpty())
            lines << r.error;
        if (!r.credentialNote.isEmpty())
            lines << r.credentialNote;
        else if (r.credentialsSent)
            lines << tr("the stored credential was sent (https, same host)");
        return lines.join(u'\n');
    }
    case Qt::TextAlignmentRole:
        if (column == LatencyColumn || column == HttpCodeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (r.fastest) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::BackgroundRole:
        if (r.fastest)
            return QBrush(
                QColor(0x2e, 0xa0, 0x43, 60)); // a light green, readable on dark themes too
        return {};
    case Qt::ForegroundRole:
        if (r.status == ProbeResult::Status::HttpError || r.status == ProbeResult::Status::Timeout
            || r.status == ProbeResult::Status::NetworkError
            || r.status == ProbeResult::Status::Refused)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    default:
        return {};
    }
}

QVariant ProbeResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PresetColumn:
        return tr("Preset");
    case UrlColumn:
        return tr("Proxy");
    case StatusColumn:
        return tr("Status");
    case LatencyColumn:
        return tr("Latency");
    case HttpCodeColumn:
        return tr("HTTP");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadReportModel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QString statusText(const DownloadResult &r, bool started)
{
    if (!started)
        return DownloadReportModel::tr("waiting");
    switch (r.outcome) {
    case DownloadOutcome::InProgress:
        return DownloadReportModel::tr("downloading\u2026");
    case DownloadOutcome::Downloaded:
        return DownloadReportModel::tr("downloaded");
    case DownloadOutcome::AlreadyPresent:
        return DownloadReportModel::tr("already complete");
    case DownloadOutcome::Identical:
        return DownloadReportModel::tr("identical");
    case DownloadOutcome::Changed:
        return DownloadReportModel::tr("CHANGED \u2014 security alert");
    case DownloadOutcome::Failed:
        return DownloadReportModel::tr("failed");
    }
    return {};
}

// Changed first when sorting by status: those are what the user must look at.
int severity(const DownloadResult &r, bool started)
{
    if (!started)
        return 6;
    switch (r.outcome) {
    case DownloadOutcome::Changed:
        return 0;
    case DownloadOutcome::Failed:
        return 1;
    case DownloadOutcome::InProgress:
        return 2;
    case DownloadOutcome::Downloaded:
        return 3;
    case DownloadOutcome::Identical:
        return 4;
    case DownloadOutcome::AlreadyPresent:
        return 5;
    }
    return 7;
}

} // namespace

DownloadReportModel::DownloadReportModel(QObject *parent) : QAbstractTableModel(parent) { }

DownloadReportModel::~DownloadReportModel() = default;

void DownloadReportModel::setRequests(const QList<DownloadRequest> &requests)
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_rows.reserve(requests.size());
    for (const DownloadRequest &r : requests) {
        if (m_index.contains(r.id()))
            continue;
        m_index.insert(r.id(), int(m_rows.size()));
        Row row;
        row.request = r;
        row.result.path = r.path;
        row.result.version = r.version;
        m_rows.append(row);
    }
    endResetModel();
}

void DownloadReportModel::update(const DownloadResult &result)
{
    const auto it = m_index.constFind(result.requestId());
    if (it == m_index.constEnd())
        return;
    Row &row = m_rows[*it];
    if (row.started && row.result.isFinal() && !result.isFinal())
        return; // a late progress update
    row.started = true;
    row.result = result;
    Q_EMIT dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
}

int DownloadReportModel::count(DownloadOutcome outcome) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [outcome](const Row &r) {
        return r.started && r.result.outcome == outcome;
    }));
}

int DownloadReportModel::finishedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &r) { return r.started && r.result.isFinal(); }));
}

qint64 DownloadReportModel::bytesReceived() const
{
    qint64 total = 0;
    for (const Row &r : m_rows)
        total += r.result.bytes;
    return total;
}

const DownloadResult *DownloadReportModel::resultFor(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() || !m_rows.at(*it).started ? nullptr : &m_rows.at(*it).result;
}

int DownloadReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DownloadReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DownloadReportModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const DownloadResult &r = row.result;
    if (role == OutcomeRole)
        return row.started ? int(r.outcome) : -1;
    if (role == Qt::ForegroundRole && row.started
        && (r.outcome == DownloadOutcome::Changed || r.outcome == DownloadOutcome::Failed))
        return QBrush(QColor(0xc0, 0x1c, 0x28));
    if (role == Qt::FontRole && row.started && r.outcome == DownloadOutcome::Changed) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && index.column() == ReceivedColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    switch (index.column()) {
    case VersionColumn:
        if (role == Qt::DisplayRole && row.started && !r.query.isEmpty() && r.version != r.query)
            return QString(row.request.id() + u" \u2192 "_s
                           + r.version); // what the query resolved to
        if (role == Qt::DisplayRole || role == SortRole)
            return row.request.id();
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return statusText(r, row.started);
        if (role == SortRole)
            return severity(r, row.started);
        break;
    case ReceivedColumn:
        if (role == Qt::DisplayRole)
            return r.bytes > 0 ? DisplayFormat::size(quint64(r.bytes)) : QString();
        if (role == SortRole)
            return r.bytes;
        break;
    case ProxyColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return r.proxy;
        break;
    case DetailColumn: {
        QString text = r.error.isError() ? r.error.message : r.notes.join(u"; "_s);
        if (role == Qt::DisplayRole || role == SortRole)
            return text.section(u'\n', 0, 0);
        if (role == Qt::ToolTipRole)
            return text;
        break;
    }
    default:
        break;
    }
    return {};
}

QVariant DownloadReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Module version");
    case StatusColumn:
        return tr("Result");
    case ReceivedColumn:
        return tr("Received");
    case ProxyColumn:
        return tr("Proxy");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace mk

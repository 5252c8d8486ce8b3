// SPDX-License-Identifier: GPL-3.0-or-later
#include "OtherEntriesModel.h"

#include "DisplayFormat.h"
#include "purge/OtherRemover.h"

namespace mk {

OtherEntriesModel::OtherEntriesModel(QObject *parent) : QAbstractTableModel(parent) { }

OtherEntriesModel::~OtherEntriesModel() = default;

void OtherEntriesModel::setEntries(OtherKind kind, const QList<OtherEntry> &all)
{
    beginResetModel();
    m_kind = kind;
    m_entries.clear();
    for (const OtherEntry &e : all) {
        if (e.kind == kind)
            m_entries.append(e);
    }
    endResetModel();
}

quint64 OtherEntriesModel::totalBytes() const
{
    quint64 sum = 0;
    for (const OtherEntry &e : m_entries)
        sum += e.diskBytes;
    return sum;
}

int OtherEntriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OtherEntriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OtherEntriesModel::defaultDetail(const OtherEntry &entry)
{
    switch (entry.kind) {
    case OtherKind::Vcs:
        return tr("Clone go made for a direct fetch; go clones it again when needed");
    case OtherKind::Sumdb:
        return tr("Checksum database lookups and tiles; go fetches them again when needed");
    case OtherKind::Metadata:
        return tr("go's own directories, version lists and lock files; they stay");
    case OtherKind::Trash:
        return tr("Trees ModKeeper moved aside, waiting to be deleted");
    default:
        return {};
    }
}

QVariant OtherEntriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const OtherEntry &e = m_entries.at(index.row());
    const QString detail = e.detail.isEmpty() ? defaultDetail(e) : e.detail;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return e.path;
        case SizeColumn:
            return DisplayFormat::size(e.diskBytes);
        case FilesColumn:
            return DisplayFormat::count(e.files);
        case DetailColumn:
            return detail;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case PathColumn:
            return e.path;
        case SizeColumn:
            return qulonglong(e.diskBytes);
        case FilesColumn:
            return qulonglong(e.files);
        case DetailColumn:
            return detail;
        }
        break;
    case DiskBytesRole:
        return qulonglong(e.diskBytes);
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == FilesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (const Status st = OtherRemover::check(e); !st)
            return tr("Cannot be removed: %1").arg(st.error().message);
        return tr("%1 bytes on disk").arg(DisplayFormat::count(e.diskBytes));
    default:
        break;
    }
    return {};
}

QVariant OtherEntriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Path");
    case SizeColumn:
        return tr("Size");
    case FilesColumn:
        return tr("Files");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

} // namespace mk

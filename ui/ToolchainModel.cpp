// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainModel.h"

#include <QFileInfo>
#include <QFont>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

ToolchainModel::ToolchainModel(QObject *parent) : QAbstractTableModel(parent) { }

ToolchainModel::~ToolchainModel() = default;

void ToolchainModel::setListing(const ToolchainListing &listing)
{
    beginResetModel();
    m_listing = listing;
    endResetModel();
}

const ToolchainRecord *ToolchainModel::record(int row) const
{
    return row >= 0 && row < m_listing.toolchains.size() ? &m_listing.toolchains.at(row) : nullptr;
}

int ToolchainModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_listing.toolchains.size());
}

int ToolchainModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ToolchainModel::statusText(const ToolchainRecord &t)
{
    QStringList parts;
    if (t.running)
        parts << tr("running");
    if (!t.neededBy.isEmpty())
        parts << tr("needed by %n project(s)", nullptr, int(t.neededBy.size()));
    return parts.join(u", "_s);
}

QVariant ToolchainModel::data(const QModelIndex &index, int role) const
{
    const ToolchainRecord *t = index.isValid() ? record(index.row()) : nullptr;
    if (!t)
        return {};
    switch (role) {
    case VersionRole:
        return t->module.version;
    case RunningRole:
        return t->running;
    case NeededByRole:
        return t->neededBy;
    case Qt::FontRole:
        if (t->running) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        break;
    }
    const QDateTime used = t->module.ageReference();
    switch (index.column()) {
    case ToolchainColumn:
        if (role == Qt::DisplayRole)
            return t->name.toolchain;
        if (role == SortRole)
            return index.row(); // the listing is in version order
        if (role == Qt::ToolTipRole)
            return t->treePath;
        break;
    case PlatformColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return QString(t->name.goos + u'/' + t->name.goarch);
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::size(t->module.diskBytes);
        if (role == SortRole)
            return qulonglong(t->module.diskBytes);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("%1 files in the extracted tree").arg(DisplayFormat::count(t->module.files));
        break;
    case LastUsedColumn:
        if (role == Qt::DisplayRole)
            return used.isValid() ? DisplayFormat::relativeTime(
                       used, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc())
                                  : tr("unknown");
        if (role == SortRole)
            return used.isValid() ? used.toMSecsSinceEpoch() : qint64(-1);
        if (role == Qt::ToolTipRole && used.isValid())
            return DisplayFormat::fullTime(used);
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return statusText(*t);
        if (role == Qt::ToolTipRole) {
            QStringList lines;
            if (t->running)
                lines << tr("The go that runs here (go env GOROOT is this toolchain)");
            if (!t->neededBy.isEmpty())
                lines << tr("Named in the toolchain line of:") << t->neededBy;
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ToolchainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ToolchainColumn:
        return tr("Toolchain");
    case PlatformColumn:
        return tr("Platform");
    case SizeColumn:
        return tr("Size");
    case LastUsedColumn:
        return tr("Last Used");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace mk

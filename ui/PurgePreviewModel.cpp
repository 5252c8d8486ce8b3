// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgePreviewModel.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

PurgePreviewModel::PurgePreviewModel(QObject *parent) : QAbstractTableModel(parent) { }

PurgePreviewModel::~PurgePreviewModel() = default;

void PurgePreviewModel::setPlan(const PurgePlan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

void PurgePreviewModel::clear()
{
    setPlan({});
}

int PurgePreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.items.size() + m_plan.skipped.size());
}

int PurgePreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PurgePreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype row = index.row();
    if (row < m_plan.items.size())
        return itemData(m_plan.items.at(row), index.column(), role);
    return skipData(m_plan.skipped.at(row - m_plan.items.size()), index.column(), role);
}

QVariant PurgePreviewModel::commonData(const ModuleVersionRecord &version, int column, int role)
{
    if (role == IdRole)
        return version.id();
    switch (column) {
    case VersionColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return version.id();
        break;
    case StateColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::stateName(version.state);
        if (role == Qt::ToolTipRole)
            return DisplayFormat::stateDescription(version.state);
        break;
    case LastUsedColumn: {
        const QDateTime when = version.ageReference();
        if (role == Qt::DisplayRole) {
            return when.isValid() ? DisplayFormat::relativeTime(when, QDateTime::currentDateTime())
                                  : u"\u2014"_s;
        }
        if (role == Qt::ToolTipRole) {
            if (version.lastUsed.isValid())
                return tr("Last used %1").arg(DisplayFormat::fullTime(version.lastUsed));
            if (version.downloaded.isValid())
                return tr("Downloaded %1 (last use is not tracked)")
                    .arg(DisplayFormat::fullTime(version.downloaded));
            return tr("Neither last use nor download time is known");
        }
        break;
    }
    default:
        break;
    }
    if (role == Qt::TextAlignmentRole && column == FreesColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PurgePreviewModel::itemData(const PurgeItem &item, int column, int role) const
{
    switch (role) {
    case SkippedRole:
        return false;
    case BytesRole:
        return qulonglong(item.bytes);
    default:
        break;
    }
    if (column == FreesColumn && role == Qt::DisplayRole)
        return DisplayFormat::size(item.bytes);
    if (column == NoteColumn && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        if (item.mode == PurgeMode::Light) {
            return role == Qt::DisplayRole
                       ? tr("Tree only")
                       : tr("The extracted tree goes; the zip stays, so Restore brings it back "
                            "offline");
        }
        if (item.mode == PurgeMode::ModOnly) {
            return role == Qt::DisplayRole
                       ? tr("Down to .info/.mod")
                       : tr("Tree and zip go; .info and .mod stay for the module graph");
        }
        return role == Qt::DisplayRole ? tr("Whole version")
                                       : tr("Tree, zip and metadata go; go downloads the "
                                            "version again when a build needs it");
    }
    return commonData(item.version, column, role);
}

QVariant PurgePreviewModel::skipData(const PurgePlan::Skip &skip, int column, int role) const
{
    switch (role) {
    case SkippedRole:
        return true;
    case BytesRole:
        return qulonglong(0);
    case Qt::ForegroundRole:
        return QVariant::fromValue(QGuiApplication::palette().brush(QPalette::PlaceholderText));
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    default:
        break;
    }
    if (column == FreesColumn && role == Qt::DisplayRole)
        return u"\u2014"_s;
    if (column == NoteColumn && role == Qt::DisplayRole)
        return tr("Left alone: %1").arg(skip.reason);
    if (role == Qt::ToolTipRole)
        return tr("Left alone: %1").arg(skip.reason);
    return commonData(skip.version, column, role);
}

QVariant PurgePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case VersionColumn:
            return tr("Module version");
        case StateColumn:
            return tr("State");
        case LastUsedColumn:
            return tr("Last used");
        case FreesColumn:
            return tr("Frees");
        case NoteColumn:
            return tr("What goes");
        case ColumnCount:
            break;
        }
    } else if (role == Qt::TextAlignmentRole && section == FreesColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

} // namespace mk

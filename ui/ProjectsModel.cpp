// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectsModel.h"

#include <QBrush>
#include <QDir>
#include <QGuiApplication>
#include <QPalette>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

ProjectsModel::ProjectsModel(QObject *parent) : QAbstractTableModel(parent) { }

ProjectsModel::~ProjectsModel() = default;

void ProjectsModel::setResult(const ProjectsResult &result)
{
    beginResetModel();
    m_result = result;
    endResetModel();
}

int ProjectsModel::rowOf(const QString &dir) const
{
    for (qsizetype i = 0; i < m_result.projects.size(); ++i)
        if (m_result.projects.at(i).dir == dir)
            return int(i);
    return -1;
}

int ProjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.projects.size());
}

int ProjectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_result.projects.size())
        return {};
    const ProjectInfo &p = m_result.projects.at(index.row());
    if (role == DirRole)
        return p.dir;
    const bool failed = !p.error.isEmpty();
    if (role == Qt::ToolTipRole && failed)
        return tr("Could not be read: %1").arg(p.error);
    if (role == Qt::ForegroundRole && failed)
        return QGuiApplication::palette().brush(QPalette::PlaceholderText);

    switch (index.column()) {
    case DirColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return QDir::toNativeSeparators(p.dir);
        if (role == SortRole)
            return p.dir;
        break;
    case ModuleColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return p.module;
        break;
    case GoColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return p.goVersion;
        break;
    case ToolchainColumn:
        if (role == Qt::DisplayRole)
            return p.toolchain.isEmpty() ? u"\u2014"_s : p.toolchain;
        if (role == SortRole)
            return p.toolchain;
        if (role == Qt::ToolTipRole)
            return p.toolchain.isEmpty() ? tr("No toolchain line") : tr("toolchain %1").arg(p.toolchain);
        break;
    case NeedsColumn:
        if (role == Qt::DisplayRole)
            return failed ? u"\u2014"_s : DisplayFormat::count(quint64(p.needs.size()));
        if (role == SortRole)
            return int(p.needs.size());
        if (role == Qt::ToolTipRole) {
            int code = 0;
            for (const ProjectNeed &n : p.needs)
                code += n.how == NeedHow::Code ? 1 : 0;
            return tr("%1 for its code, %2 only for the module graph")
                .arg(code)
                .arg(p.needs.size() - code);
        }
        break;
    case MissingColumn:
        if (role == Qt::DisplayRole)
            return failed ? u"\u2014"_s : DisplayFormat::count(quint64(p.missing.size()));
        if (role == SortRole)
            return int(p.missing.size());
        if (role == Qt::ToolTipRole && !p.missing.isEmpty()) {
            QStringList ids;
            for (const ProjectNeed &n : p.missing)
                ids << n.id();
            return tr("Not in the cache (go downloads them on the next build):\n%1")
                .arg(ids.join(u'\n'));
        }
        if (role == Qt::ForegroundRole && !p.missing.isEmpty())
            return QBrush(DisplayFormat::stateColor(VersionState::Partial));
        break;
    default:
        break;
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == NeedsColumn || index.column() == MissingColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ProjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case DirColumn:
        return tr("Folder");
    case ModuleColumn:
        return tr("Module");
    case GoColumn:
        return tr("Go");
    case ToolchainColumn:
        return tr("Toolchain");
    case NeedsColumn:
        return tr("Needs");
    case MissingColumn:
        return tr("Missing");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace mk

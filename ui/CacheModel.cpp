// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheModel.h"

#include <algorithm>
#include <utility>

#include <QBrush>
#include <QGuiApplication>
#include <QMap>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSet>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

// Index layout: a module row's internal pointer is null; a version row's points at its
// module's ModuleNode, which is heap-allocated (its address never changes) and knows its
// current row. Removing module rows renumbers the nodes after them, so the parent of every
// remaining version, persistent indexes included, stays right.

namespace {

constexpr int stateSlot(VersionState state)
{
    return int(state);
}

// Higher is worse: what a user most needs to see about a module.
int severity(VersionState state)
{
    switch (state) {
    case VersionState::Complete:
        return 0;
    case VersionState::ArchiveOnly:
        return 1;
    case VersionState::MetadataOnly:
        return 2;
    case VersionState::Partial:
        return 3;
    }
    return 0;
}

constexpr std::array<VersionState, 4> allStates
    = {VersionState::Complete, VersionState::Partial, VersionState::ArchiveOnly,
       VersionState::MetadataOnly};

QVariant placeholderBrush()
{
    return QVariant::fromValue(QGuiApplication::palette().brush(QPalette::PlaceholderText));
}

QString versionsText(int n)
{
    return n == 1 ? CacheModel::tr("1 version") : CacheModel::tr("%n versions", nullptr, n);
}

const QString &dash()
{
    static const QString s = u"\u2014"_s;
    return s;
}

// What changes on a version row when its record is replaced, and on a module row when its
// versions change (addChunk, removeVersions, updateVersions).
const QList<int> &recordRoles()
{
    static const QList<int> roles
        = {Qt::DisplayRole,          Qt::ToolTipRole,        Qt::DecorationRole,
           CacheModel::SortRole,     CacheModel::RecordRole, CacheModel::StateRole,
           CacheModel::DiskBytesRole};
    return roles;
}

const QList<int> &aggregateRoles()
{
    static const QList<int> roles = {Qt::DisplayRole,
                                     Qt::ToolTipRole,
                                     Qt::DecorationRole,
                                     CacheModel::SortRole,
                                     CacheModel::StateRole,
                                     CacheModel::DiskBytesRole,
                                     CacheModel::VersionCountRole};
    return roles;
}

// The files of a version's own download directory entries (.info, .mod, .zip, .ziphash,
// .partial; the .lock stays), which a full purge removes besides the tree.
quint64 downloadFiles(const ModuleVersionRecord &r)
{
    quint64 n = 0;
    for (quint8 piece : {HasInfo, HasMod, HasZip, HasZiphash, HasPartial})
        n += (r.pieces & piece) ? 1 : 0;
    return n;
}

quint64 minus(quint64 a, quint64 b)
{
    return a > b ? a - b : 0;
}

// Contiguous runs [first, last] of sorted, distinct rows, last run first: removing them in
// this order keeps the rows of the runs still to go valid.
QList<std::pair<int, int>> runsFromTheEnd(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<std::pair<int, int>> runs;
    for (qsizetype i = rows.size() - 1; i >= 0;) {
        const int last = rows.at(i);
        int first = last;
        for (--i; i >= 0 && rows.at(i) == first - 1; --i)
            first = rows.at(i);
        runs.append({first, last});
    }
    return runs;
}

} // namespace

void CacheModel::ModuleNode::add(const ModuleVersionRecord &record)
{
    versions.append(record);
    diskBytes += record.diskBytes;
    files += record.files;
    if (record.downloaded.isValid() && (!downloaded.isValid() || record.downloaded > downloaded))
        downloaded = record.downloaded;
    if (record.lastUsed.isValid() && (!lastUsed.isValid() || record.lastUsed > lastUsed))
        lastUsed = record.lastUsed;
    ++stateCounts[stateSlot(record.state)];
}

void CacheModel::ModuleNode::recompute()
{
    const QList<ModuleVersionRecord> all = std::exchange(versions, {});
    diskBytes = 0;
    files = 0;
    downloaded = {};
    lastUsed = {};
    stateCounts = {};
    versions.reserve(all.size());
    for (const ModuleVersionRecord &record : all)
        add(record);
}

int CacheModel::ModuleNode::versionRow(QStringView version) const
{
    for (qsizetype i = 0; i < versions.size(); ++i) {
        if (versions.at(i).version == version)
            return int(i);
    }
    return -1;
}

VersionState CacheModel::ModuleNode::worstState() const
{
    VersionState worst = VersionState::Complete;
    for (VersionState s : allStates) {
        if (stateCounts[stateSlot(s)] > 0 && severity(s) > severity(worst))
            worst = s;
    }
    return worst;
}

bool CacheModel::ModuleNode::isMixed() const
{
    return std::count_if(stateCounts.cbegin(), stateCounts.cend(), [](int n) { return n > 0; }) > 1;
}

CacheModel::CacheModel(QObject *parent) : QAbstractItemModel(parent) { }

CacheModel::~CacheModel() = default;

bool CacheModel::isValidIndex(const QModelIndex &index) const
{
    // An invalid index is a normal question (the root); checkIndex() only complains about
    // indexes that claim to be valid but are not ours or out of range.
    return index.isValid() && checkIndex(index, CheckIndexOption::IndexIsValid);
}

CacheModel::ModuleNode *CacheModel::parentNode(const QModelIndex &index)
{
    return static_cast<ModuleNode *>(index.internalPointer());
}

std::pair<CacheModel::ModuleNode *, int> CacheModel::locate(const QString &id) const
{
    // Module paths and versions never contain '@'.
    const qsizetype at = id.indexOf(u'@');
    if (at <= 0)
        return {nullptr, -1};
    ModuleNode *node = m_nodeByPath.value(id.left(at));
    if (!node)
        return {nullptr, -1};
    const int row = node->versionRow(QStringView(id).mid(at + 1));
    return row < 0 ? std::pair<ModuleNode *, int>{nullptr, -1} : std::pair{node, row};
}

void CacheModel::addChunk(const ScanChunk &chunk)
{
    // Split the chunk: versions joining modules already in the tree (keyed by module row, so
    // the inserts below go in row order), and modules seen for the first time.
    QMap<int, QList<const ModuleVersionRecord *>> joining;
    std::vector<std::unique_ptr<ModuleNode>> fresh;
    QHash<QString, ModuleNode *> freshByPath;
    for (const ModuleVersionRecord &record : chunk.versions) {
        if (ModuleNode *known = m_nodeByPath.value(record.path)) {
            joining[known->row].append(&record);
        } else if (ModuleNode *f = freshByPath.value(record.path)) {
            f->add(record);
        } else {
            auto node = std::make_unique<ModuleNode>();
            node->path = record.path;
            node->add(record);
            freshByPath.insert(record.path, node.get());
            fresh.push_back(std::move(node));
        }
        ++m_versionCount;
        m_versionBytes += record.diskBytes;
    }

    // Existing modules first, one insert per module; then one dataChanged per run of
    // consecutive module rows whose aggregates moved.
    for (auto it = joining.cbegin(); it != joining.cend(); ++it) {
        ModuleNode &node = *m_modules[std::size_t(it.key())];
        const int first = int(node.versions.size());
        beginInsertRows(index(it.key(), 0), first, first + int(it->size()) - 1);
        node.versions.reserve(first + it->size());
        for (const ModuleVersionRecord *record : *it)
            node.add(*record);
        endInsertRows();
    }
    emitModulesChanged(joining.keys());

    if (!fresh.empty()) {
        const int first = int(m_modules.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_modules.reserve(m_modules.size() + fresh.size());
        for (std::unique_ptr<ModuleNode> &node : fresh) {
            node->row = int(m_modules.size());
            m_nodeByPath.insert(node->path, node.get());
            m_modules.push_back(std::move(node));
        }
        endInsertRows();
    }

    for (const OtherEntry &other : chunk.others) {
        OtherTotals &t = m_otherTotals[std::size_t(other.kind)];
        ++t.entries;
        t.diskBytes += other.diskBytes;
    }
    m_others += chunk.others;
    m_issues += chunk.issues;
    m_scanTotals = chunk.totals;
    if (chunk.atimeMode != AtimeMode::Unknown)
        setAtimeMode(chunk.atimeMode);
    if (chunk.final) {
        m_complete = true;
        m_scanError = chunk.error;
    }
    Q_EMIT totalsChanged();
}

void CacheModel::emitModulesChanged(QList<int> rows)
{
    const QList<std::pair<int, int>> runs = runsFromTheEnd(std::move(rows));
    for (auto it = runs.crbegin(); it != runs.crend(); ++it)
        Q_EMIT dataChanged(index(it->first, VersionColumn), index(it->second, StateColumn),
                           aggregateRoles());
}

void CacheModel::adjustTotals(const ModuleVersionRecord &before, const ModuleVersionRecord *after)
{
    // The scan's totals count the whole cache; only the version's own share moves.
    m_versionBytes = minus(m_versionBytes, before.diskBytes);
    m_scanTotals.diskBytes = minus(m_scanTotals.diskBytes, before.diskBytes);
    m_scanTotals.apparentBytes = minus(m_scanTotals.apparentBytes, before.apparentBytes);
    m_scanTotals.files = minus(m_scanTotals.files, before.files + downloadFiles(before));
    if (!after) {
        m_versionCount = minus(m_versionCount, 1);
        m_scanTotals.versions = minus(m_scanTotals.versions, 1);
        return;
    }
    m_versionBytes += after->diskBytes;
    m_scanTotals.diskBytes += after->diskBytes;
    m_scanTotals.apparentBytes += after->apparentBytes;
    m_scanTotals.files += after->files + downloadFiles(*after);
}

int CacheModel::removeVersions(const QList<QString> &ids)
{
    // Version rows to remove, per module; modules losing every version go as a whole.
    QHash<ModuleNode *, QList<int>> doomed;
    for (const QString &id : ids) {
        const auto [node, row] = locate(id);
        if (node)
            doomed[node].append(row);
    }
    if (doomed.isEmpty())
        return 0;

    int removed = 0;
    QList<int> emptiedModules;
    QList<ModuleNode *> shrunk;
    for (auto it = doomed.begin(); it != doomed.end(); ++it) {
        ModuleNode *node = it.key();
        QList<int> &rows = *it;
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        for (int row : std::as_const(rows))
            adjustTotals(node->versions.at(row), nullptr);
        removed += int(rows.size());
        if (rows.size() == node->versions.size()) {
            emptiedModules.append(node->row);
            continue;
        }
        const QModelIndex parent = index(node->row, 0);
        for (const auto &[first, last] : runsFromTheEnd(rows)) {
            beginRemoveRows(parent, first, last);
            node->versions.remove(first, last - first + 1);
            endRemoveRows();
        }
        node->recompute();
        shrunk.append(node);
    }

    for (const auto &[first, last] : runsFromTheEnd(emptiedModules)) {
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            m_nodeByPath.remove(m_modules[std::size_t(row)]->path);
        m_modules.erase(m_modules.begin() + first, m_modules.begin() + last + 1);
        for (std::size_t row = std::size_t(first); row < m_modules.size(); ++row)
            m_modules[row]->row = int(row);
        endRemoveRows();
    }

    // The modules that kept some versions, at their rows after all removals.
    QList<int> changedRows;
    for (const ModuleNode *node : std::as_const(shrunk))
        changedRows.append(node->row);
    emitModulesChanged(changedRows);
    Q_EMIT totalsChanged();
    return removed;
}

int CacheModel::updateVersions(const QList<ModuleVersionRecord> &records)
{
    QHash<ModuleNode *, std::pair<int, int>> spans; // changed version rows per module
    int updated = 0;
    for (const ModuleVersionRecord &record : records) {
        const auto [node, row] = locate(record.id());
        if (!node)
            continue;
        adjustTotals(node->versions.at(row), &record);
        node->versions[row] = record;
        ++updated;
        auto span = spans.find(node);
        if (span == spans.end())
            spans.insert(node, {row, row});
        else
            *span = {std::min(span->first, row), std::max(span->second, row)};
    }
    if (updated == 0)
        return 0;

    QList<int> changedRows;
    for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
        ModuleNode *node = it.key();
        node->recompute();
        const QModelIndex parent = index(node->row, 0);
        Q_EMIT dataChanged(index(it->first, SizeColumn, parent),
                           index(it->second, StateColumn, parent), recordRoles());
        changedRows.append(node->row);
    }
    emitModulesChanged(changedRows);
    Q_EMIT totalsChanged();
    return updated;
}

bool CacheModel::updateVersion(const ModuleVersionRecord &record)
{
    return updateVersions({record}) == 1;
}

void CacheModel::addTrashBytes(quint64 bytes)
{
    if (bytes == 0)
        return;
    OtherTotals &trash = m_otherTotals[std::size_t(OtherKind::Trash)];
    trash.entries = std::max<quint64>(trash.entries, 1); // the trash directory now exists
    trash.diskBytes += bytes;
    m_scanTotals.diskBytes += bytes;
    Q_EMIT totalsChanged();
}

void CacheModel::releaseTrashBytes(quint64 bytes)
{
    if (bytes == 0)
        return;
    OtherTotals &trash = m_otherTotals[std::size_t(OtherKind::Trash)];
    const quint64 released = std::min(bytes, trash.diskBytes);
    trash.diskBytes -= released;
    m_scanTotals.diskBytes = minus(m_scanTotals.diskBytes, released);
    Q_EMIT totalsChanged();
}

void CacheModel::clear()
{
    beginResetModel();
    m_modules.clear();
    m_nodeByPath.clear();
    m_others.clear();
    m_otherTotals = {};
    m_issues.clear();
    m_scanTotals = {};
    m_versionCount = 0;
    m_versionBytes = 0;
    m_complete = false;
    m_scanError = {};
    m_verify.clear();
    m_atimeMode = AtimeMode::Unknown; // the next scan's chunks say what the filesystem does
    endResetModel();
    Q_EMIT totalsChanged();
}

void CacheModel::setAtimeMode(AtimeMode mode)
{
    if (m_atimeMode == mode)
        return;
    m_atimeMode = mode;
    if (m_modules.empty())
        return;
    const QList<int> roles = {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, SortRole};
    const int lastRow = int(m_modules.size()) - 1;
    Q_EMIT dataChanged(index(0, LastUsedColumn), index(lastRow, LastUsedColumn), roles);
    for (int row = 0; row <= lastRow; ++row) {
        const QModelIndex parent = index(row, 0);
        const int children = rowCount(parent);
        if (children > 0)
            Q_EMIT dataChanged(index(0, LastUsedColumn, parent),
                               index(children - 1, LastUsedColumn, parent), roles);
    }
}

CacheModel::OtherTotals CacheModel::otherTotals(OtherKind kind) const
{
    return m_otherTotals[std::size_t(kind)];
}

QModelIndex CacheModel::moduleIndex(const QString &path) const
{
    const ModuleNode *node = m_nodeByPath.value(path);
    return node ? index(node->row, 0) : QModelIndex();
}

CacheModel::VersionSum CacheModel::sumVersions(const QModelIndexList &indexes) const
{
    VersionSum sum;
    for (const ModuleVersionRecord &record : versionsAt(indexes)) {
        ++sum.versions;
        sum.diskBytes += record.diskBytes;
    }
    return sum;
}

QList<ModuleVersionRecord> CacheModel::versionsAt(const QModelIndexList &indexes) const
{
    // A module row covers all its versions; remember those modules so their versions,
    // selected on their own as well, are not counted twice.
    QSet<int> wholeModules;
    QMap<int, QSet<int>> singleVersions; // module row -> version rows
    for (const QModelIndex &idx : indexes) {
        if (!isValidIndex(idx))
            continue;
        if (const ModuleNode *node = parentNode(idx))
            singleVersions[node->row].insert(idx.row());
        else
            wholeModules.insert(idx.row());
    }
    QList<int> moduleRows(wholeModules.cbegin(), wholeModules.cend());
    for (auto it = singleVersions.cbegin(); it != singleVersions.cend(); ++it) {
        if (!wholeModules.contains(it.key()))
            moduleRows.append(it.key());
    }
    std::sort(moduleRows.begin(), moduleRows.end());

    QList<ModuleVersionRecord> out;
    for (int row : std::as_const(moduleRows)) {
        const ModuleNode &node = *m_modules[std::size_t(row)];
        if (wholeModules.contains(row)) {
            out += node.versions;
            continue;
        }
        QList<int> versionRows(singleVersions[row].cbegin(), singleVersions[row].cend());
        std::sort(versionRows.begin(), versionRows.end());
        for (int v : std::as_const(versionRows))
            out.append(node.versions.at(v));
    }
    return out;
}

QList<ModuleVersionRecord> CacheModel::allVersions() const
{
    QList<ModuleVersionRecord> out;
    out.reserve(qsizetype(m_versionCount));
    for (const std::unique_ptr<ModuleNode> &node : m_modules)
        out += node->versions;
    return out;
}

std::optional<ModuleVersionRecord> CacheModel::findVersion(const QString &id) const
{
    const auto [node, row] = locate(id);
    if (!node)
        return std::nullopt;
    return node->versions.at(row);
}

QModelIndex CacheModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid()) {
        return std::size_t(row) < m_modules.size() ? createIndex(row, column, nullptr)
                                                   : QModelIndex();
    }
    if (parentNode(parent) || parent.column() != 0 || std::size_t(parent.row()) >= m_modules.size())
        return {};
    ModuleNode *node = m_modules[std::size_t(parent.row())].get();
    if (row >= node->versions.size())
        return {};
    return createIndex(row, column, node);
}

QModelIndex CacheModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const ModuleNode *node = parentNode(child);
    return node ? createIndex(node->row, 0, nullptr) : QModelIndex();
}

int CacheModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_modules.size());
    // Only column 0 of a module row has children; versions have none.
    if (parent.column() != 0 || parentNode(parent) || std::size_t(parent.row()) >= m_modules.size())
        return 0;
    return int(m_modules[std::size_t(parent.row())]->versions.size());
}

int CacheModel::columnCount(const QModelIndex &parent) const
{
    // Every level has the same columns; version rows simply have no children.
    if (parent.isValid() && parentNode(parent))
        return 0;
    return ColumnCount;
}

bool CacheModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags CacheModel::flags(const QModelIndex &index) const
{
    if (!isValidIndex(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (parentNode(index))
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant CacheModel::data(const QModelIndex &index, int role) const
{
    if (!isValidIndex(index))
        return {};
    const bool integrityCell = index.column() == IntegrityColumn
                               && (role == Qt::DisplayRole || role == SortRole
                                   || role == Qt::ToolTipRole || role == Qt::ForegroundRole);
    if (role == IntegrityRole || integrityCell) {
        if (const ModuleNode *node = parentNode(index))
            return integrityData(node->versions.at(index.row()).id(), nullptr, role);
        return integrityData({}, m_modules[std::size_t(index.row())].get(), role);
    }
    const bool usedByCell = index.column() == UsedByColumn
                            && (role == Qt::DisplayRole || role == SortRole
                                || role == Qt::ToolTipRole || role == Qt::ForegroundRole
                                || role == Qt::TextAlignmentRole);
    if (role == UsedByRole || role == UsedByCountRole || usedByCell) {
        if (const ModuleNode *node = parentNode(index))
            return usedByData(&node->versions.at(index.row()), nullptr, role);
        return usedByData(nullptr, m_modules[std::size_t(index.row())].get(), role);
    }
    if (const ModuleNode *node = parentNode(index))
        return versionData(node->versions.at(index.row()), index.column(), role);
    return moduleData(*m_modules[std::size_t(index.row())], index.column(), role);
}

QList<QPair<QString, NeedHow>> CacheModel::usageOf(const QString &id) const
{
    return m_usage.value(id);
}

void CacheModel::setProjectUsage(const ProjectUsage &usage)
{
    m_usage = usage;
    m_usageKnown = true;
    emitUsageChanged();
}

void CacheModel::clearProjectUsage()
{
    if (!m_usageKnown && m_usage.isEmpty())
        return;
    m_usage.clear();
    m_usageKnown = false;
    emitUsageChanged();
}

void CacheModel::emitUsageChanged()
{
    if (m_modules.empty())
        return;
    // Whole rows (column 0 included), so that a proxy filtering on UsedByRole refilters them.
    const QList<int> roles = {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, SortRole,
                              UsedByRole, UsedByCountRole};
    for (const auto &node : m_modules) {
        if (node->versions.isEmpty())
            continue;
        const QModelIndex parent = index(node->row, 0);
        Q_EMIT dataChanged(index(0, 0, parent),
                           index(int(node->versions.size()) - 1, UsedByColumn, parent), roles);
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_modules.size()) - 1, UsedByColumn), roles);
}

QVariant CacheModel::usedByData(const ModuleVersionRecord *record, const ModuleNode *module,
                                int role) const
{
    // dir -> needed for code (else only for its go.mod)
    QMap<QString, bool> projects;
    const auto collect = [&](const QString &id) {
        const auto it = m_usage.constFind(id);
        if (it == m_usage.cend())
            return;
        for (const auto &[dir, how] : *it)
            projects[dir] = projects.value(dir) || how == NeedHow::Code;
    };
    if (record) {
        collect(record->id());
    } else {
        for (const ModuleVersionRecord &v : module->versions)
            collect(v.id());
    }
    const int count = m_usageKnown ? int(projects.size()) : -1;
    switch (role) {
    case UsedByRole: {
        QVariantList list;
        for (auto it = projects.cbegin(); it != projects.cend(); ++it)
            list.append(QVariantMap{{u"dir"_s, it.key()},
                                    {u"how"_s, needHowName(it.value() ? NeedHow::Code
                                                                      : NeedHow::GoMod)}});
        return list;
    }
    case UsedByCountRole:
    case SortRole:
        return count;
    case Qt::DisplayRole:
        return count < 0 ? dash() : DisplayFormat::count(quint64(count));
    case Qt::ToolTipRole: {
        if (count < 0)
            return tr("Projects not read yet: choose project folders in Settings \u25b8 "
                      "Projects\u2026");
        if (count == 0)
            return record ? tr("No project needs this version")
                          : tr("No project needs a version of this module");
        QStringList lines;
        for (auto it = projects.cbegin(); it != projects.cend(); ++it)
            lines << (it.value() ? tr("%1 (code)") : tr("%1 (go.mod only)")).arg(it.key());
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        return count <= 0 ? placeholderBrush() : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CacheModel::moduleData(const ModuleNode &node, int column, int role) const
{
    const int versions = int(node.versions.size());
    switch (role) {
    case IdRole:
    case ModulePathRole:
        return node.path;
    case IsModuleRole:
        return true;
    case StateRole:
        return int(node.worstState());
    case DiskBytesRole:
        return qulonglong(node.diskBytes);
    case VersionCountRole:
        return versions;
    case RecordRole:
        return {};
    default:
        break;
    }

    switch (column) {
    case ModuleColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return node.path;
        break;
    case VersionColumn:
        if (role == Qt::DisplayRole)
            return versionsText(versions);
        if (role == SortRole)
            return versions;
        if (role == Qt::ForegroundRole)
            return placeholderBrush();
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::size(node.diskBytes);
        if (role == SortRole)
            return qulonglong(node.diskBytes);
        if (role == Qt::ToolTipRole)
            return tr("%1 bytes on disk in %2")
                .arg(DisplayFormat::count(node.diskBytes), versionsText(versions));
        break;
    case FilesColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::count(node.files);
        if (role == SortRole)
            return qulonglong(node.files);
        break;
    case DownloadedColumn:
        if (role == Qt::DisplayRole) {
            return node.downloaded.isValid()
                       ? DisplayFormat::relativeTime(node.downloaded, QDateTime::currentDateTime())
                       : dash();
        }
        if (role == SortRole)
            return node.downloaded;
        if (role == Qt::ToolTipRole && node.downloaded.isValid())
            return tr("Newest download: %1").arg(DisplayFormat::fullTime(node.downloaded));
        if (role == Qt::ForegroundRole && !node.downloaded.isValid())
            return placeholderBrush();
        break;
    case LastUsedColumn:
        if (role == Qt::DisplayRole)
            return lastUsedText(node.lastUsed);
        if (role == SortRole)
            return m_atimeMode == AtimeMode::NoAtime ? QDateTime() : node.lastUsed;
        if (role == Qt::ToolTipRole)
            return lastUsedToolTip(node.lastUsed);
        if (role == Qt::ForegroundRole
            && (!node.lastUsed.isValid() || m_atimeMode == AtimeMode::NoAtime))
            return placeholderBrush();
        break;
    case StateColumn: {
        const VersionState worst = node.worstState();
        if (role == Qt::DisplayRole) {
            if (!node.isMixed())
                return DisplayFormat::stateName(worst);
            // Name the worst state present, which is never Complete in a mixed module.
            const int n = node.stateCounts[stateSlot(worst)];
            return tr("Mixed \u00b7 %1 %2").arg(n).arg(DisplayFormat::stateName(worst).toLower());
        }
        if (role == SortRole)
            return int(worst);
        if (role == Qt::DecorationRole)
            return stateIcon(worst);
        if (role == Qt::ToolTipRole) {
            QStringList parts;
            for (VersionState s : allStates) {
                if (const int n = node.stateCounts[stateSlot(s)]; n > 0)
                    parts << u"%1 %2"_s.arg(n).arg(DisplayFormat::stateName(s).toLower());
            }
            return parts.join(u", "_s);
        }
        break;
    }
    default:
        break;
    }

    if (role == Qt::TextAlignmentRole && (column == SizeColumn || column == FilesColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CacheModel::versionData(const ModuleVersionRecord &record, int column, int role) const
{
    switch (role) {
    case IdRole:
        return record.id();
    case ModulePathRole:
        return record.path;
    case IsModuleRole:
        return false;
    case StateRole:
        return int(record.state);
    case DiskBytesRole:
        return qulonglong(record.diskBytes);
    case VersionCountRole:
        return 1;
    case RecordRole:
        return QVariant::fromValue(record);
    default:
        break;
    }

    switch (column) {
    case ModuleColumn:
        // The module path is on the parent row; the version cell carries the text here.
        if (role == SortRole)
            return record.version;
        if (role == Qt::ToolTipRole)
            return record.id();
        break;
    case VersionColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return record.version;
        if (role == Qt::ToolTipRole) {
            QString tip = record.id();
            if (record.escapedPath != record.path || record.escapedVersion != record.version)
                tip = tr("%1\nOn disk: %2@%3")
                          .arg(record.id(), record.escapedPath, record.escapedVersion);
            if (m_usageKnown) {
                const int n = usedByData(&record, nullptr, UsedByCountRole).toInt();
                tip += u'\n' + tr("Used by %n project(s)", nullptr, n);
            }
            return tip;
        }
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::size(record.diskBytes);
        if (role == SortRole)
            return qulonglong(record.diskBytes);
        if (role == Qt::ToolTipRole)
            return tr("%1 bytes on disk (%2 apparent)\nExtracted tree: %3")
                .arg(DisplayFormat::count(record.diskBytes),
                     DisplayFormat::size(record.apparentBytes),
                     (record.pieces & HasTree) ? DisplayFormat::size(record.treeBytes)
                                               : tr("none"));
        break;
    case FilesColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::count(record.files);
        if (role == SortRole)
            return qulonglong(record.files);
        break;
    case DownloadedColumn:
        if (role == Qt::DisplayRole) {
            return record.downloaded.isValid() ? DisplayFormat::relativeTime(
                       record.downloaded, QDateTime::currentDateTime())
                                               : dash();
        }
        if (role == SortRole)
            return record.downloaded;
        if (role == Qt::ToolTipRole) {
            return record.downloaded.isValid() ? DisplayFormat::fullTime(record.downloaded)
                                               : tr("Unknown: neither .ziphash nor .info exists");
        }
        if (role == Qt::ForegroundRole && !record.downloaded.isValid())
            return placeholderBrush();
        break;
    case LastUsedColumn:
        if (role == Qt::DisplayRole)
            return lastUsedText(record.lastUsed);
        if (role == SortRole)
            return m_atimeMode == AtimeMode::NoAtime ? QDateTime() : record.lastUsed;
        if (role == Qt::ToolTipRole)
            return lastUsedToolTip(record.lastUsed);
        if (role == Qt::ForegroundRole
            && (!record.lastUsed.isValid() || m_atimeMode == AtimeMode::NoAtime))
            return placeholderBrush();
        break;
    case StateColumn:
        if (role == Qt::DisplayRole)
            return DisplayFormat::stateName(record.state);
        if (role == SortRole)
            return int(record.state);
        if (role == Qt::DecorationRole)
            return stateIcon(record.state);
        if (role == Qt::ToolTipRole)
            return DisplayFormat::stateDescription(record.state);
        break;
    default:
        break;
    }

    if (role == Qt::TextAlignmentRole && (column == SizeColumn || column == FilesColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CacheModel::lastUsedText(const QDateTime &lastUsed) const
{
    if (m_atimeMode == AtimeMode::NoAtime || !lastUsed.isValid())
        return dash();
    const QString text = DisplayFormat::relativeTime(lastUsed, QDateTime::currentDateTime());
    return m_atimeMode == AtimeMode::Relatime ? u"\u2248 "_s + text : text;
}

QVariant CacheModel::lastUsedToolTip(const QDateTime &lastUsed) const
{
    if (m_atimeMode == AtimeMode::NoAtime)
        return tr("Not tracked: the filesystem is mounted noatime");
    if (!lastUsed.isValid())
        return tr("Not tracked");
    if (m_atimeMode == AtimeMode::Relatime)
        return tr("Approximate, to about a day (relatime): %1")
            .arg(DisplayFormat::fullTime(lastUsed));
    return DisplayFormat::fullTime(lastUsed);
}

QIcon CacheModel::stateIcon(VersionState state) const
{
    QIcon &icon = m_stateIcons[std::size_t(stateSlot(state))];
    if (icon.isNull()) {
        // A filled dot, drawn at 2x so it stays crisp on high-DPI screens.
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(DisplayFormat::stateColor(state));
        p.drawEllipse(QRectF(8, 8, 16, 16));
        p.end();
        pixmap.setDevicePixelRatio(2.0);
        icon = QIcon(pixmap);
    }
    return icon;
}

QVariant CacheModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case ModuleColumn:
            return tr("Module");
        case VersionColumn:
            return tr("Version");
        case SizeColumn:
            return tr("Size on disk");
        case FilesColumn:
            return tr("Files");
        case DownloadedColumn:
            return tr("Downloaded");
        case LastUsedColumn:
            return tr("Last used");
        case StateColumn:
            return tr("State");
        case IntegrityColumn:
            return tr("Integrity");
        case UsedByColumn:
            return tr("Used by");
        case ColumnCount:
            break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case ModuleColumn:
            return tr("Module path, unescaped");
        case VersionColumn:
            return tr("Cached versions of the module");
        case SizeColumn:
            return tr("Space allocated on disk (as du counts it)");
        case FilesColumn:
            return tr("Files in the extracted tree and the download directory");
        case DownloadedColumn:
            return tr("When go downloaded the version (.ziphash or .info time)");
        case LastUsedColumn:
            return tr("Newest access time of the version's metadata; approximate under "
                      "relatime, not tracked under noatime");
        case StateColumn:
            return tr("What go has of the version: tree, archive or metadata only");
        case IntegrityColumn:
            return tr("What the last verification found: the zip and the extracted tree checked "
                      "against the recorded hash, as go mod verify does");
        case UsedByColumn:
            return tr("How many of your projects (Settings \u25b8 Projects\u2026) need the "
                      "version, for their code or only for their go.mod");
        case ColumnCount:
            break;
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (section == SizeColumn || section == FilesColumn || section == UsedByColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

int CacheModel::integrityRank(VerifyStatus status)
{
    switch (status) {
    case VerifyStatus::NotChecked:
        return 0;
    case VerifyStatus::Verified:
        return 1;
    case VerifyStatus::Unverifiable:
        return 2;
    case VerifyStatus::Partial:
        return 3;
    case VerifyStatus::Modified:
        return 4;
    case VerifyStatus::Corrupt:
        return 5;
    }
    return 0;
}

void CacheModel::setVerifyResults(const QList<VersionVerifyResult> &results)
{
    QSet<ModuleNode *> modules;
    for (const VersionVerifyResult &r : results) {
        const auto [node, row] = locate(r.id());
        if (!node)
            continue;
        m_verify.insert(r.id(), r);
        const QModelIndex parent = index(node->row, 0);
        const QModelIndex cell = index(row, IntegrityColumn, parent);
        Q_EMIT dataChanged(
            cell, cell,
            {Qt::DisplayRole, SortRole, Qt::ToolTipRole, Qt::ForegroundRole, IntegrityRole});
        modules.insert(node);
    }
    for (ModuleNode *node : std::as_const(modules)) {
        const QModelIndex cell = index(node->row, IntegrityColumn);
        Q_EMIT dataChanged(
            cell, cell,
            {Qt::DisplayRole, SortRole, Qt::ToolTipRole, Qt::ForegroundRole, IntegrityRole});
    }
}

void CacheModel::clearVerifyResults()
{
    if (m_verify.isEmpty())
        return;
    m_verify.clear();
    for (const auto &node : m_modules) {
        const QModelIndex parent = index(node->row, 0);
        if (!node->versions.isEmpty())
            Q_EMIT dataChanged(index(0, IntegrityColumn, parent),
                               index(int(node->versions.size()) - 1, IntegrityColumn, parent));
    }
    if (!m_modules.empty())
        Q_EMIT dataChanged(index(0, IntegrityColumn),
                           index(int(m_modules.size()) - 1, IntegrityColumn));
}

std::optional<VersionVerifyResult> CacheModel::verifyResult(const QString &id) const
{
    const auto it = m_verify.constFind(id);
    if (it == m_verify.cend())
        return std::nullopt;
    return *it;
}

QVariant CacheModel::integrityData(const QString &id, const ModuleNode *module, int role) const
{
    VerifyStatus status = VerifyStatus::NotChecked;
    QString tip;
    if (module) {
        // A module shows its worst version; the tooltip counts them.
        QMap<int, int> counts;
        for (const ModuleVersionRecord &v : module->versions) {
            const auto it = m_verify.constFind(v.id());
            const VerifyStatus s = it == m_verify.cend() ? VerifyStatus::NotChecked : it->status;
            ++counts[integrityRank(s)];
            if (integrityRank(s) > integrityRank(status))
                status = s;
        }
        QStringList parts;
        for (VerifyStatus s :
             {VerifyStatus::Corrupt, VerifyStatus::Modified, VerifyStatus::Partial,
              VerifyStatus::Unverifiable, VerifyStatus::Verified, VerifyStatus::NotChecked})
            if (const int n = counts.value(integrityRank(s)); n > 0)
                parts << u"%1 %2"_s.arg(n).arg(DisplayFormat::integrityName(s).toLower());
        tip = parts.join(u", "_s);
    } else if (const auto it = m_verify.constFind(id); it != m_verify.cend()) {
        status = it->status;
        tip = it->ok ? tr("Matches its recorded hash %1")
                           .arg(it->ziphash.isEmpty() ? it->zipHash : it->ziphash)
                     : it->problems.join(u'\n');
    } else {
        tip = tr("Not verified yet: Verify checks it against its recorded hash");
    }
    switch (role) {
    case IntegrityRole:
        return int(status);
    case SortRole:
        return integrityRank(status);
    case Qt::DisplayRole:
        return DisplayFormat::integrityName(status);
    case Qt::ToolTipRole:
        return tip;
    case Qt::ForegroundRole:
        if (status == VerifyStatus::NotChecked)
            return placeholderBrush();
        if (integrityRank(status) >= integrityRank(VerifyStatus::Partial))
            return QBrush(DisplayFormat::integrityColor(status));
        return {};
    default:
        return {};
    }
}

} // namespace mk

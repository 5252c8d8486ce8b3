// SPDX-License-Identifier: GPL-3.0-or-later
#include "DetailsFilesModel.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QStyle>

#include "DisplayFormat.h"
#include "inspect/TreeLister.h"

using namespace Qt::StringLiterals;

namespace mk {

DetailsFilesModel::DetailsFilesModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_root->fetched = true;
}

DetailsFilesModel::~DetailsFilesModel()
{
    abandonJobs();
}

void DetailsFilesModel::abandonJobs()
{
    // Deleting a watcher does not wait: the job ends on the pool and its result is dropped.
    for (const QPointer<QFutureWatcher<TreeListing>> &w : std::as_const(m_watchers)) {
        if (w) {
            w->disconnect(this);
            w->cancel();
            w->deleteLater();
        }
    }
    m_watchers.clear();
    m_pending = 0;
}

void DetailsFilesModel::clear()
{
    beginResetModel();
    abandonJobs();
    m_root = std::make_unique<Node>();
    m_root->fetched = true;
    m_gomodcache.clear();
    m_escapedPath.clear();
    m_escapedVersion.clear();
    m_lastError.clear();
    endResetModel();
}

void DetailsFilesModel::setVersion(const QString &gomodcache, const QString &escapedPath,
                                   const QString &escapedVersion)
{
    beginResetModel();
    abandonJobs();
    m_root = std::make_unique<Node>();
    m_root->entry.kind = TreeEntry::Kind::Directory;
    m_gomodcache = gomodcache;
    m_escapedPath = escapedPath;
    m_escapedVersion = escapedVersion;
    m_lastError.clear();
    endResetModel();
    startListing(m_root.get());
}

void DetailsFilesModel::startListing(Node *node)
{
    if (node->fetched || node->fetching || m_gomodcache.isEmpty())
        return;
    node->fetching = true;
    ++m_pending;
    auto *watcher = new QFutureWatcher<TreeListing>(this);
    m_watchers.append(watcher);
    // The node stays alive as long as the watcher is connected: a reset abandons both.
    connect(watcher, &QFutureWatcher<TreeListing>::finished, this, [this, watcher, node] {
        m_watchers.removeAll(watcher);
        watcher->deleteLater();
        --m_pending;
        node->fetching = false;
        node->fetched = true;
        if (watcher->future().resultCount() == 0)
            return;
        const TreeListing listing = watcher->future().result();
        if (listing.error.isError())
            m_lastError = listing.error.toString();
        const QModelIndex parentIndex
            = node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node);
        if (!listing.entries.isEmpty()) {
            beginInsertRows(parentIndex, 0, int(listing.entries.size()) - 1);
            for (const TreeEntry &e : listing.entries) {
                auto child = std::make_unique<Node>();
                child->entry = e;
                child->relPath = node->relPath.isEmpty() ? e.name : node->relPath + u'/' + e.name;
                child->parent = node;
                child->row = int(node->children.size());
                child->fetched = e.kind != TreeEntry::Kind::Directory;
                node->children.push_back(std::move(child));
            }
            endInsertRows();
        } else if (parentIndex.isValid()) {
            // An empty directory: the expander goes away.
            Q_EMIT dataChanged(parentIndex, parentIndex.siblingAtColumn(ColumnCount - 1));
        }
        Q_EMIT listed(node->relPath);
    });
    watcher->setFuture(
        TreeLister::start(m_gomodcache, m_escapedPath, m_escapedVersion, node->relPath));
}

DetailsFilesModel::Node *DetailsFilesModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex DetailsFilesModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex DetailsFilesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *n = nodeOf(child);
    if (!n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int DetailsFilesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int DetailsFilesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool DetailsFilesModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *n = nodeOf(parent);
    if (n->entry.kind != TreeEntry::Kind::Directory && parent.isValid())
        return false;
    return n->fetched ? !n->children.empty() : true;
}

bool DetailsFilesModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *n = nodeOf(parent);
    return n->entry.kind == TreeEntry::Kind::Directory && !n->fetched && !n->fetching;
}

void DetailsFilesModel::fetchMore(const QModelIndex &parent)
{
    startListing(nodeOf(parent));
}

QVariant DetailsFilesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    const TreeEntry &e = n->entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.kind == TreeEntry::Kind::Symlink ? tr("%1 (symlink, not followed)").arg(e.name)
                                                      : e.name;
        case SizeColumn:
            return DisplayFormat::size(e.diskBytes);
        case FilesColumn:
            return e.kind == TreeEntry::Kind::Directory ? DisplayFormat::count(e.files) : QString();
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1 on disk, %2 of content")
            .arg(DisplayFormat::size(e.diskBytes), DisplayFormat::size(e.apparentBytes));
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn) {
            const QStyle *style = QApplication::style();
            switch (e.kind) {
            case TreeEntry::Kind::Directory:
                return style->standardIcon(QStyle::SP_DirIcon);
            case TreeEntry::Kind::Symlink:
                return style->standardIcon(QStyle::SP_FileLinkIcon);
            default:
                return style->standardIcon(QStyle::SP_FileIcon);
            }
        }
        break;
    case SortRole:
        return index.column() == NameColumn ? QVariant(e.name) : QVariant(qulonglong(e.diskBytes));
    case RelPathRole:
        return n->relPath;
    default:
        break;
    }
    return {};
}

QVariant DetailsFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case FilesColumn:
        return tr("Files");
    }
    return {};
}

} // namespace mk

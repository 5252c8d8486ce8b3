// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include <QAbstractItemModel>
#include <QPointer>

#include "inspect/InspectRecords.h"

template<typename T>
class QFutureWatcher;

namespace mk {

/// A version's extracted tree for the details pane, read lazily: the root level when a
/// version is set, each directory when the view expands it (canFetchMore/fetchMore start a
/// TreeLister job on the core pool). Sizes are du's allocated bytes. GUI thread only; it never
/// waits for a job, and results of a previous version are dropped.
class DetailsFilesModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsFilesModel)

public:
    enum Column {
        NameColumn,
        SizeColumn,
        FilesColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< name, or bytes as qulonglong
        RelPathRole,             ///< path below the version's tree
    };

    explicit DetailsFilesModel(QObject *parent = nullptr);
    ~DetailsFilesModel() override;

    /// Shows <gomodcache>/<escapedPath>@<escapedVersion>; starts listing its root.
    void setVersion(const QString &gomodcache, const QString &escapedPath,
                    const QString &escapedVersion);
    /// Empty, with every running listing abandoned.
    void clear();
    /// Listings started and not yet arrived.
    [[nodiscard]] int pendingListings() const { return m_pending; }
    /// The last error a listing reported (empty when none).
    [[nodiscard]] QString lastError() const { return m_lastError; }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

Q_SIGNALS:
    /// A directory's listing arrived (relPath empty for the root).
    void listed(const QString &relPath);

private:
    struct Node
    {
        TreeEntry entry;
        QString relPath;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        bool fetched = false;
        bool fetching = false;
    };

    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    void startListing(Node *node);
    void abandonJobs();

    std::unique_ptr<Node> m_root;
    QString m_gomodcache;
    QString m_escapedPath;
    QString m_escapedVersion;
    QList<QPointer<QFutureWatcher<TreeListing>>> m_watchers;
    int m_pending = 0;
    QString m_lastError;
};

} // namespace mk

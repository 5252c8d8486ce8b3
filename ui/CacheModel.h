// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <vector>

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QList>

#include "project/ProjectRecords.h"
#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// The module cache as a two-level tree: one parent row per module (aggregated over its
/// versions), one child row per module version. Filled chunk by chunk while a scan runs;
/// reset only for a new cache root. Purges remove rows and light cleans or restores update
/// them in place, with the totals kept right. GUI thread only.
class CacheModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheModel)

public:
    enum Column {
        ModuleColumn,
        VersionColumn,
        SizeColumn,
        FilesColumn,
        DownloadedColumn,
        LastUsedColumn,
        StateColumn,
        IntegrityColumn, ///< what the last verification found (not checked until one ran)
        UsedByColumn,    ///< how many projects need it ("\u2014" until projects were read)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        /// The raw value of a cell for sorting: QString (module path, version), qulonglong
        /// (bytes, files), int (version count, VersionState), QDateTime (may be null).
        SortRole = Qt::UserRole,
        /// "path@version" for a version, the module path for a module.
        IdRole,
        /// The mk::ModuleVersionRecord of a version row; invalid for a module row.
        RecordRole,
        /// The unescaped module path, for both kinds of rows.
        ModulePathRole,
        /// bool: true on module (parent) rows.
        IsModuleRole,
        /// int(VersionState); for a module, its worst version state.
        StateRole,
        /// qulonglong: bytes on disk of the version, or of all versions of the module.
        DiskBytesRole,
        /// int: versions under a module; 1 for a version row.
        VersionCountRole,
        /// int(VerifyStatus) of the last verification; for a module, its worst version's.
        IntegrityRole,
        /// QVariantList of QVariantMap{"dir": QString, "how": "code"|"gomod"}: the projects
        /// that need a version (a module: every project needing any of its versions, "code"
        /// when one needs it for code). Empty: unused, or projects not read.
        UsedByRole,
        /// int: projects needing the version (module: any of its versions); -1 while the
        /// projects were not read.
        UsedByCountRole,
    };
    Q_ENUM(Role)

    /// Entries of one OtherKind, added up.
    struct OtherTotals
    {
        quint64 entries = 0;
        quint64 diskBytes = 0;
    };

    /// A set of versions, each counted once.
    struct VersionSum
    {
        quint64 versions = 0;
        quint64 diskBytes = 0;
    };

    explicit CacheModel(QObject *parent = nullptr);
    ~CacheModel() override;

    /// Appends the chunk: modules seen for the first time are inserted at the end with one
    /// beginInsertRows for the whole chunk; versions of known modules with one beginInsertRows
    /// per affected module, followed by one dataChanged per run of updated module rows.
    void addChunk(const ScanChunk &chunk);
    /// Forgets everything (model reset), for a rescan or another cache root.
    void clear();

    /// Removes the versions with these ids ("path@version"); unknown ids are ignored. One
    /// beginRemoveRows per run of adjacent version rows of a module; modules left without
    /// versions go as well, one beginRemoveRows per run of adjacent module rows. The counts,
    /// the version bytes and the scan totals drop by what was removed. Returns how many
    /// versions were removed.
    int removeVersions(const QList<QString> &ids);
    /// Replaces the record with the same id (a light clean dropped its tree, a restore
    /// brought it back): one dataChanged per module over its changed version rows and one per
    /// run of changed module rows, naming the roles that change. Totals follow. Unknown ids
    /// are ignored. Returns how many records were replaced.
    int updateVersions(const QList<ModuleVersionRecord> &records);
    /// updateVersions() for one record; false if its id is unknown.
    bool updateVersion(const ModuleVersionRecord &record);
    /// A purge moved bytes into ModKeeper's trash inside the cache (a version's tree): the
    /// Trash part and the scan total grow by them.
    void addTrashBytes(quint64 bytes);
    /// The trash reaper freed bytes: the Trash part and the scan total shrink by them
    /// (never below zero).
    void releaseTrashBytes(quint64 bytes);

    /// How "Last used" is shown: approximate under relatime, not tracked under noatime.
    /// Chunks that carry a known mode set it too.
    void setAtimeMode(AtimeMode mode);
    [[nodiscard]] AtimeMode atimeMode() const { return m_atimeMode; }

    [[nodiscard]] int moduleCount() const { return int(m_modules.size()); }
    [[nodiscard]] quint64 versionCount() const { return m_versionCount; }
    /// Bytes on disk of all version rows.
    [[nodiscard]] quint64 versionBytes() const { return m_versionBytes; }
    /// The running totals of the scan as the last chunk reported them (whole cache).
    [[nodiscard]] const ScanTotals &scanTotals() const { return m_scanTotals; }
    [[nodiscard]] const QList<OtherEntry> &others() const { return m_others; }
    [[nodiscard]] OtherTotals otherTotals(OtherKind kind) const;
    [[nodiscard]] const QList<ScanIssue> &issues() const { return m_issues; }
    /// True once the final chunk of the scan arrived.
    [[nodiscard]] bool isComplete() const { return m_complete; }
    /// The final chunk's error: GOMODCACHE itself could not be read.
    [[nodiscard]] const Error &scanError() const { return m_scanError; }

    /// The module row for path, or an invalid index.
    [[nodiscard]] QModelIndex moduleIndex(const QString &path) const;
    /// Adds up the versions behind source indexes of any column: a module row stands for all
    /// its versions, and a version also covered by its selected module is counted once.
    [[nodiscard]] VersionSum sumVersions(const QModelIndexList &indexes) const;
    /// The records behind source indexes, as sumVersions() counts them (a module row stands
    /// for all its versions, each version once), in model order.
    [[nodiscard]] QList<ModuleVersionRecord> versionsAt(const QModelIndexList &indexes) const;
    /// Every version record, in model order: what a purge plan is computed from.
    [[nodiscard]] QList<ModuleVersionRecord> allVersions() const;
    /// Verification results (VerifyJob, RepairJob): the integrity cells of those versions and
    /// of their modules change; results for ids not in the model are ignored.
    void setVerifyResults(const QList<VersionVerifyResult> &results);
    /// Back to "not checked" for every version.
    void clearVerifyResults();
    /// The last verification of "path@version", if there was one.
    [[nodiscard]] std::optional<VersionVerifyResult> verifyResult(const QString &id) const;
    /// Severity order for sorting and a module's worst: not checked, verified, unverifiable,
    /// partial, modified, corrupt.
    [[nodiscard]] static int integrityRank(VerifyStatus status);

    /// What the projects need (ProjectsJob): the Used by cells change, one dataChanged per
    /// module over its version rows and one over the module rows; no reset. Ids not in the
    /// model are kept (a later scan may bring them).
    void setProjectUsage(const ProjectUsage &usage);
    /// Back to "projects not read" (the Used by cells show a dash).
    void clearProjectUsage();
    [[nodiscard]] bool hasProjectUsage() const { return m_usageKnown; }
    [[nodiscard]] const ProjectUsage &projectUsage() const { return m_usage; }
    /// The projects needing "path@version" (empty when unused or not read).
    [[nodiscard]] QList<QPair<QString, NeedHow>> usageOf(const QString &id) const;

    /// The record of "path@version", if it is in the model.
    [[nodiscard]] std::optional<ModuleVersionRecord> findVersion(const QString &id) const;

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// Counts, totals, others or issues changed (after each chunk and after clear()).
    void totalsChanged();

private:
    // Version indexes point at their module's node, which knows its current row: module
    // rows can be removed without invalidating the parent of any remaining version.
    struct ModuleNode
    {
        QString path;
        int row = 0;
        QList<ModuleVersionRecord> versions;
        quint64 diskBytes = 0;
        quint64 files = 0;
        QDateTime downloaded; ///< newest of the versions
        QDateTime lastUsed;   ///< newest of the versions
        std::array<int, 4> stateCounts{};

        void add(const ModuleVersionRecord &record);
        /// Recomputes the aggregates from the versions (after removals and updates).
        void recompute();
        [[nodiscard]] int versionRow(QStringView version) const;
        [[nodiscard]] VersionState worstState() const;
        [[nodiscard]] bool isMixed() const;
    };

    [[nodiscard]] bool isValidIndex(const QModelIndex &index) const;
    /// The module of a version index; nullptr for a module index.
    [[nodiscard]] static ModuleNode *parentNode(const QModelIndex &index);
    /// Module node and version row of "path@version"; {nullptr, -1} if unknown.
    [[nodiscard]] std::pair<ModuleNode *, int> locate(const QString &id) const;
    /// Moves the counts and totals from before to after (nullptr: the version was removed).
    void adjustTotals(const ModuleVersionRecord &before, const ModuleVersionRecord *after);
    /// One dataChanged over the aggregate columns per run of adjacent module rows.
    void emitModulesChanged(QList<int> rows);
    [[nodiscard]] QVariant moduleData(const ModuleNode &node, int column, int role) const;
    [[nodiscard]] QVariant versionData(const ModuleVersionRecord &record, int column,
                                       int role) const;
    [[nodiscard]] QVariant lastUsedText(const QDateTime &lastUsed) const;
    [[nodiscard]] QVariant lastUsedToolTip(const QDateTime &lastUsed) const;
    [[nodiscard]] QIcon stateIcon(VersionState state) const;
    [[nodiscard]] QVariant usedByData(const ModuleVersionRecord *record, const ModuleNode *module,
                                      int role) const;
    void emitUsageChanged();
    [[nodiscard]] QVariant integrityData(const QString &id, const ModuleNode *module,
                                         int role) const;

    std::vector<std::unique_ptr<ModuleNode>> m_modules;
    QHash<QString, ModuleNode *> m_nodeByPath;
    QList<OtherEntry> m_others;
    std::array<OtherTotals, 6> m_otherTotals{};
    QList<ScanIssue> m_issues;
    ScanTotals m_scanTotals;
    quint64 m_versionCount = 0;
    quint64 m_versionBytes = 0;
    bool m_complete = false;
    Error m_scanError;
    AtimeMode m_atimeMode = AtimeMode::Unknown;
    mutable std::array<QIcon, 4> m_stateIcons;    ///< drawn on first use
    QHash<QString, VersionVerifyResult> m_verify; ///< by id: the last verification
    ProjectUsage m_usage;      ///< by id: the projects needing it
    bool m_usageKnown = false; ///< the projects were read
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace mk {

/// Sorts the CacheModel by raw values (bytes, times, semver) and filters it by module path
/// and version state. A module row is shown when at least one of its versions passes.
/// Filtering is a view concern only: it never changes what core operates on.
class CacheFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheFilterProxy)

public:
    enum class StateFilter {
        All,
        Complete,
        Partial,
        ArchiveOnly,
        MetadataOnly
    };
    Q_ENUM(StateFilter)
    /// What the last verification found (CacheModel::IntegrityRole). Damaged: anything but
    /// verified or not checked.
    enum class IntegrityFilter {
        All,
        NotChecked,
        Verified,
        Damaged,
        Modified,
        Corrupt,
        Unverifiable
    };
    Q_ENUM(IntegrityFilter)
    /// What the projects need (CacheModel::setProjectUsage). Unused: no project needs the
    /// version (nothing passes while the projects were not read); GoModOnly: needed, but only
    /// for the module graph; NeededBy: needed by the project in projectDir().
    enum class ProjectFilter {
        All,
        Unused,
        GoModOnly,
        NeededBy
    };
    Q_ENUM(ProjectFilter)

    explicit CacheFilterProxy(QObject *parent = nullptr);
    ~CacheFilterProxy() override;

    /// Plain text matches module paths as a case-insensitive substring. Text containing any
    /// of * ? [ or a comma is a list of go glob patterns, matched as GOPRIVATE is
    /// (ModulePath::matchPrefixPatterns: case-sensitive, each pattern against as many leading
    /// path elements as it has); blanks around the commas are ignored.
    void setFilterText(const QString &text);
    [[nodiscard]] QString filterText() const { return m_text; }
    /// True when the current filter text is read as glob patterns.
    [[nodiscard]] bool isGlobFilter() const { return m_glob; }

    void setStateFilter(StateFilter filter);
    [[nodiscard]] StateFilter stateFilter() const { return m_state; }

    void setIntegrityFilter(IntegrityFilter filter);
    [[nodiscard]] IntegrityFilter integrityFilter() const { return m_integrity; }

    /// dir: the project folder for NeededBy (ignored otherwise).
    void setProjectFilter(ProjectFilter filter, const QString &dir = {});
    [[nodiscard]] ProjectFilter projectFilter() const { return m_project; }
    [[nodiscard]] QString projectDir() const { return m_projectDir; }
    /// True when any filter (text, state, integrity, project) can hide a row.
    [[nodiscard]] bool isFiltering() const;

    /// Whether text is read as glob patterns rather than a substring.
    [[nodiscard]] static bool isGlobText(QStringView text);
    /// The filter rule in one paragraph, for the filter field's tooltip.
    [[nodiscard]] static QString filterHelp();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    [[nodiscard]] bool pathMatches(const QString &modulePath) const;
    [[nodiscard]] bool projectMatches(const QModelIndex &sourceIndex) const;

    QString m_text;  ///< as typed, trimmed
    QString m_globs; ///< normalised pattern list when m_glob
    bool m_glob = false;
    StateFilter m_state = StateFilter::All;
    IntegrityFilter m_integrity = IntegrityFilter::All;
    ProjectFilter m_project = ProjectFilter::All;
    QString m_projectDir;
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace mk {

class CacheModel;
struct GoCacheStats;
class SpaceBar;

/// What the cache is made of: module versions, VCS clones, checksum database, toolchains,
/// metadata, unknown entries and trash, each with its count and size, as a legend under a
/// SpaceBar, each part but the versions a button (and a clickable segment) that opens its
/// entries; with a filter on, the filtered set's count and size next to the whole cache's; the
/// number of unreadable paths; and the build cache (GOCACHE) section: its size,
/// entries, their ages by go's "last used", go's last trim, the test cache expiry, what a trim
/// would free, and buttons for trimming and cleaning it (signals; the window acts).
class SummaryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPanel)

public:
    /// One line of the legend; also the order of the SpaceBar segments.
    enum Part {
        Versions,
        VcsClones,
        ChecksumDb,
        Toolchains,
        Metadata,
        Unknown,
        Trash,
        PartCount
    };
    Q_ENUM(Part)

    explicit SummaryPanel(QWidget *parent = nullptr);
    ~SummaryPanel() override;

    /// Follows model: refreshes on every CacheModel::totalsChanged. The model must outlive
    /// the panel or be reset with setModel(nullptr).
    void setModel(const CacheModel *model);

    /// The GOCACHE directory (empty if unknown) and, if any, why it cannot be measured. Its
    /// size shows "—" until setBuildCacheBytes() is called.
    void setBuildCache(const QString &path, const QString &problem = {});

    [[nodiscard]] SpaceBar *spaceBar() const { return m_spaceBar; }
    [[nodiscard]] static QColor partColor(Part part);
    [[nodiscard]] static QString partName(Part part);

public Q_SLOTS:
    /// Size of the build cache, once a core job (DiskUsage) has measured it. ui/ never walks
    /// the disk itself.
    void setBuildCacheBytes(quint64 bytes);
    /// Re-reads the model's totals.
    void refresh();
    /// The build cache section, from a GoCacheStatsJob measure (also sets the size).
    void setGoCacheStats(const mk::GoCacheStats &stats);
    /// While a trim, clean or measure of GOCACHE runs, its buttons are disabled.
    void setGoCacheBusy(bool busy);
    /// The saved size cap (0: none), shown under the stats.
    void setGoCacheSizeCap(quint64 bytes);
    /// What the table's filter shows: versions and bytes (active), or no filter (hidden).
    void setFilteredTotals(bool active, quint64 versions, quint64 bytes);

Q_SIGNALS:
    /// A legend entry or SpaceBar segment other than the versions was clicked.
    void partActivated(mk::SummaryPanel::Part part);
    void goCacheTrimRequested();
    void goCacheCleanRequested();
    void goCacheCleanTestRequested();

private:
    QPointer<const CacheModel> m_model;
    QLabel *m_totalLabel;
    QLabel *m_totalCaption;
    SpaceBar *m_spaceBar;
    std::array<QLabel *, PartCount> m_countLabels{};
    std::array<QLabel *, PartCount> m_sizeLabels{};
    QLabel *m_filteredLabel; ///< "Filter: N of M versions · X of Y"
    bool m_filterActive = false;
    quint64 m_filteredVersions = 0;
    quint64 m_filteredBytes = 0;
    void updateFiltered();
    QLabel *m_issuesLabel;
    QLabel *m_buildCachePath;
    QLabel *m_buildCacheSize;
    QLabel *m_goCacheEntries;
    QLabel *m_goCacheAges;
    QLabel *m_goCacheTimes;
    QLabel *m_goCacheEstimate;
    QLabel *m_goCacheCap;
    QPushButton *m_goCacheTrim;
    QPushButton *m_goCacheClean;
    QPushButton *m_goCacheCleanTest;
    bool m_goCacheBusy = false;
    bool m_goCacheKnown = false;
    quint64 m_goCacheDiskBytes = 0;
    quint64 m_goCacheSizeCap = 0;
    void updateGoCacheButtons();
    void updateGoCacheCap();
};

} // namespace mk

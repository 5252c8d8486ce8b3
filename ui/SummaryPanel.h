// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QPointer>
#include <QWidget>

class QLabel;

namespace mk {

class CacheModel;
class SpaceBar;

/// What the cache is made of: module versions, VCS clones, checksum database, toolchains,
/// metadata, unknown entries and trash, each with its count and size, as a legend under a
/// SpaceBar; the number of unreadable paths; and the build cache (GOCACHE) line.
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

private:
    QPointer<const CacheModel> m_model;
    QLabel *m_totalLabel;
    QLabel *m_totalCaption;
    SpaceBar *m_spaceBar;
    std::array<QLabel *, PartCount> m_countLabels{};
    std::array<QLabel *, PartCount> m_sizeLabels{};
    QLabel *m_issuesLabel;
    QLabel *m_buildCachePath;
    QLabel *m_buildCacheSize;
};

} // namespace mk

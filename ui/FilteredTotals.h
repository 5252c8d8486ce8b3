// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace mk {

class CacheFilterProxy;
class CacheModel;

/// The versions and bytes the table's filter shows, for the status bar and the summary
/// ("N of M versions · X of Y"). Recomputed after the filter or the rows change (debounced), in
/// slices of a few milliseconds on the GUI thread's event loop, so 100k rows never stall it:
/// a module whose versions all pass counts with its aggregate, otherwise its shown versions one
/// by one. Until a pass is complete the last complete figures stay. GUI thread only.
class FilteredTotals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilteredTotals)

public:
    FilteredTotals(const CacheFilterProxy *proxy, const CacheModel *model,
                   QObject *parent = nullptr);
    ~FilteredTotals() override;

    /// A filter is on (and a pass completed since it was turned on).
    [[nodiscard]] bool isActive() const { return m_active; }
    [[nodiscard]] quint64 versions() const { return m_versions; }
    [[nodiscard]] quint64 diskBytes() const { return m_bytes; }
    /// A pass is scheduled or under way.
    [[nodiscard]] bool isPending() const { return m_debounce.isActive() || m_inPass; }
    /// The longest slice of the last passes, for the tests' stall budget.
    [[nodiscard]] qint64 longestSliceMs() const { return m_longestSliceMs; }

    static constexpr int DebounceMs = 60;
    static constexpr int SliceBudgetMs = 8;
    static constexpr int PollMs = 200;

Q_SIGNALS:
    /// isActive(), versions() or diskBytes() changed.
    void changed();

private:
    void schedule();
    /// A filter that shows every row, or another that shows the same rows, changes no row:
    /// the filter settings are compared every PollMs as well.
    void poll();
    void startPass();
    void step();

    const CacheFilterProxy *m_proxy;
    const CacheModel *m_model;
    QTimer m_debounce;
    QTimer m_slice;
    QTimer m_poll;
    QString m_signature; ///< the filter settings the figures are for
    bool m_active = false;
    quint64 m_versions = 0;
    quint64 m_bytes = 0;
    // The pass under way.
    bool m_inPass = false;
    int m_nextRow = 0;
    quint64 m_passVersions = 0;
    quint64 m_passBytes = 0;
    qint64 m_longestSliceMs = 0;
};

} // namespace mk

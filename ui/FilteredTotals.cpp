// SPDX-License-Identifier: GPL-3.0-or-later
#include "FilteredTotals.h"

#include "CacheFilterProxy.h"
#include "CacheModel.h"

namespace mk {

namespace {

// CacheFilterProxy keeps its own isFiltering() private: the same test from its getters.
bool filtering(const CacheFilterProxy &proxy)
{
    return !proxy.filterText().isEmpty()
           || proxy.stateFilter() != CacheFilterProxy::StateFilter::All
           || proxy.integrityFilter() != CacheFilterProxy::IntegrityFilter::All
           || proxy.projectFilter() != CacheFilterProxy::ProjectFilter::All;
}

QString signatureOf(const CacheFilterProxy &proxy)
{
    return proxy.filterText() + QChar(0) + QString::number(int(proxy.stateFilter())) + QChar(0)
           + QString::number(int(proxy.integrityFilter())) + QChar(0)
           + QString::number(int(proxy.projectFilter())) + QChar(0) + proxy.projectDir();
}

} // namespace

FilteredTotals::FilteredTotals(const CacheFilterProxy *proxy, const CacheModel *model,
                               QObject *parent)
    : QObject(parent), m_proxy(proxy), m_model(model)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilteredTotals::startPass);
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &FilteredTotals::step);

    // Anything that can change what the proxy shows or what its rows weigh.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &FilteredTotals::schedule);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &FilteredTotals::schedule);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FilteredTotals::schedule);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &FilteredTotals::schedule);
    connect(m_model, &CacheModel::totalsChanged, this, &FilteredTotals::schedule);
    m_signature = signatureOf(*m_proxy);
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &FilteredTotals::poll);
    m_poll.start();
}

void FilteredTotals::poll()
{
    if (signatureOf(*m_proxy) != m_signature)
        schedule();
}

FilteredTotals::~FilteredTotals() = default;

void FilteredTotals::schedule()
{
    m_signature = signatureOf(*m_proxy);
    if (!filtering(*m_proxy)) {
        // No filter: nothing to add up, and the change shows at once.
        m_debounce.stop();
        m_slice.stop();
        m_inPass = false;
        if (m_active) {
            m_active = false;
            m_versions = m_bytes = 0;
            Q_EMIT changed();
        }
        return;
    }
    m_debounce.start();
}

void FilteredTotals::startPass()
{
    if (!filtering(*m_proxy)) {
        schedule();
        return;
    }
    m_inPass = true;
    m_nextRow = 0;
    m_passVersions = 0;
    m_passBytes = 0;
    m_slice.stop();
    step();
}

void FilteredTotals::step()
{
    if (!m_inPass)
        return;
    QElapsedTimer clock;
    clock.start();
    const int rows = m_proxy->rowCount();
    while (m_nextRow < rows) {
        const QModelIndex shown = m_proxy->index(m_nextRow++, 0);
        const QModelIndex source = m_proxy->mapToSource(shown);
        const int shownVersions = m_proxy->rowCount(shown);
        if (shownVersions == m_model->rowCount(source)) {
            m_passVersions += quint64(source.data(CacheModel::VersionCountRole).toInt());
            m_passBytes += source.data(CacheModel::DiskBytesRole).toULongLong();
        } else {
            for (int v = 0; v < shownVersions; ++v) {
                const QModelIndex version = m_proxy->mapToSource(m_proxy->index(v, 0, shown));
                ++m_passVersions;
                m_passBytes += version.data(CacheModel::DiskBytesRole).toULongLong();
            }
        }
        if ((m_nextRow & 63) == 0 && clock.elapsed() >= SliceBudgetMs)
            break;
    }
    m_longestSliceMs = std::max(m_longestSliceMs, clock.elapsed());
    if (m_nextRow < rows) {
        m_slice.start(); // the rest after the event loop had its turn
        return;
    }
    m_inPass = false;
    const bool differs = !m_active || m_versions != m_passVersions || m_bytes != m_passBytes;
    m_active = true;
    m_versions = m_passVersions;
    m_bytes = m_passBytes;
    if (differs)
        Q_EMIT changed();
}

} // namespace mk

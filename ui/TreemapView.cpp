// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreemapView.h"

#include <algorithm>
#include <cmath>

#include <QAbstractProxyModel>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int debounceMs = 200;
constexpr int sliceMs = 8;        ///< GUI time per snapshot slice
constexpr double minTileArea = 16; ///< px²: smaller tiles are drawn aggregated
constexpr int legendHeight = 22;
constexpr qint64 dayMs = 24LL * 3600 * 1000;

/// Recent (warm) to a year or more (slate); log scale in days.
QColor lastUseColor(qint64 lastUsedMs, qint64 nowMs)
{
    if (lastUsedMs <= 0)
        return QColor(0xb4, 0xb4, 0xb4);
    const double days = std::max<double>(0, double(nowMs - lastUsedMs) / double(dayMs));
    const double t = std::clamp(std::log1p(days) / std::log1p(365.0), 0.0, 1.0);
    const QColor a(0xe8, 0x5d, 0x2a);
    const QColor b(0x4a, 0x6f, 0xa5);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

TreemapView::TreemapView(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"treemapView"_s);
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setMinimumSize(160, 120);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return; // showEvent() comes back to it
        if (m_snapshotDirty)
            beginSnapshot();
        else if (m_layoutDirty)
            startLayout();
    });
    connect(&m_watcher, &QFutureWatcher<TreemapLayoutResult>::finished, this,
            &TreemapView::onLayoutFinished);
}

TreemapView::~TreemapView()
{
    // The job holds only its own copies; cancelling lets it stop early.
    m_watcher.disconnect(this);
    m_watcher.cancel();
}

void TreemapView::setModels(CacheModel *model, QAbstractProxyModel *proxy,
                            QItemSelectionModel *selection)
{
    m_model = model;
    m_proxy = proxy;
    m_selection = selection;
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &TreemapView::modelChanged);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &TreemapView::modelChanged);
    connect(proxy, &QAbstractItemModel::modelReset, this, &TreemapView::modelChanged);
    connect(proxy, &QAbstractItemModel::dataChanged, this, &TreemapView::modelChanged);
    // Sorting moves rows without changing them; a filter change arrives as removals and
    // insertions or as a layout change.
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &TreemapView::modelChanged);
    connect(selection, &QItemSelectionModel::selectionChanged, this, [this] {
        updateHighlights();
        update();
    });
    modelChanged();
}

void TreemapView::setColorMode(ColorMode mode)
{
    if (mode == m_colorMode)
        return;
    m_colorMode = mode;
    renderPixmap();
    update();
}

void TreemapView::setZoomPath(const QStringList &labels)
{
    if (labels == m_zoomPath)
        return;
    m_zoomPath = labels;
    Q_EMIT zoomChanged(m_zoomPath);
    m_layoutDirty = true;
    startLayout();
}

bool TreemapView::zoomOut()
{
    if (m_zoomPath.isEmpty())
        return false;
    setZoomPath(m_zoomPath.mid(0, m_zoomPath.size() - 1));
    return true;
}

void TreemapView::refresh()
{
    m_debounce.stop();
    beginSnapshot();
}

bool TreemapView::isSettled() const
{
    return !m_snapshotDirty && !m_layoutDirty && !m_snapshotRunning && !m_debounce.isActive()
           && !m_layoutRunning;
}

QRect TreemapView::mapRect() const
{
    return QRect(0, 0, width(), std::max(0, height() - legendHeight));
}

void TreemapView::modelChanged()
{
    m_snapshotDirty = true;
    ++m_snapshotGeneration; // slices of a snapshot in progress stop
    m_snapshotRunning = false;
    m_debounce.start();
}

void TreemapView::beginSnapshot()
{
    m_snapshotDirty = false;
    if (!m_proxy || !m_model)
        return;
    m_snapshotRecords.clear();
    m_snapshotRow = 0;
    m_snapshotRunning = true;
    // Nothing filtered: the model's records as they are, without asking the proxy about
    // each version (it would map and sort the versions of every module).
    const auto *filter = qobject_cast<const CacheFilterProxy *>(m_proxy.data());
    if (filter && !filter->isFiltering() && m_proxy->rowCount() == m_model->rowCount()) {
        ++m_snapshotGeneration;
        m_snapshotRunning = false;
        m_records = m_model->allVersions();
        m_layoutDirty = true;
        startLayout();
        return;
    }
    snapshotSlice(++m_snapshotGeneration);
}

void TreemapView::snapshotSlice(quint64 generation)
{
    if (generation != m_snapshotGeneration || !m_proxy || !m_model)
        return;
    // A flat copy of what the proxy shows, a few milliseconds at a time, so the window
    // never stalls on a large cache.
    QElapsedTimer clock;
    clock.start();
    QAbstractProxyModel *proxy = m_proxy;
    const int modules = proxy->rowCount();
    while (m_snapshotRow < modules) {
        const QModelIndex module = proxy->index(m_snapshotRow++, 0);
        const QModelIndex sourceModule = proxy->mapToSource(module);
        const int versions = proxy->rowCount(module);
        if (versions == m_model->rowCount(sourceModule)) {
            m_snapshotRecords += m_model->versionsAt({sourceModule});
        } else {
            for (int v = 0; v < versions; ++v) {
                const QModelIndex source = proxy->mapToSource(proxy->index(v, 0, module));
                m_snapshotRecords.append(
                    source.data(CacheModel::RecordRole).value<ModuleVersionRecord>());
            }
        }
        if (clock.elapsed() >= sliceMs && m_snapshotRow < modules) {
            QTimer::singleShot(0, this, [this, generation] { snapshotSlice(generation); });
            return;
        }
    }
    m_snapshotRunning = false;
    m_records = std::move(m_snapshotRecords);
    m_snapshotRecords = {};
    m_layoutDirty = true;
    startLayout();
}

void TreemapView::startLayout()
{
    const QRect area = mapRect();
    if (area.width() < 4 || area.height() < 4)
        return;
    m_layoutDirty = false;
    if (m_watcher.isRunning())
        m_watcher.cancel();
    TreemapJob::Request request;
    request.records = m_records;
    request.size = area.size();
    request.zoomPath = m_zoomPath;
    request.options.minTileArea = minTileArea;
    request.options.padding = 1;
    m_layoutRunning = true;
    m_watcher.setFuture(TreemapJob::start(std::move(request)));
}

void TreemapView::onLayoutFinished()
{
    const QFuture<TreemapLayoutResult> future = m_watcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    m_layoutRunning = false;
    m_result = future.result();
    m_hover = -1;
    // The zoomed node may be gone (filtered out, purged): follow what the job found.
    QStringList zoom;
    for (qsizetype i = 1; i < m_result.zoomChain.size(); ++i)
        zoom << m_result.nodes.at(m_result.zoomChain.at(i)).label;
    if (zoom != m_zoomPath) {
        m_zoomPath = zoom;
        Q_EMIT zoomChanged(m_zoomPath);
    }
    renderPixmap();
    updateHighlights();
    update();
    Q_EMIT layoutReady();
}

QColor TreemapView::colorOf(const TreemapTile &tile, qint64 nowMs) const
{
    const TreemapNode &node = m_result.nodes.at(tile.node);
    QColor c = m_colorMode == ColorMode::State ? DisplayFormat::stateColor(VersionState(node.state))
                                               : lastUseColor(node.lastUsedMs, nowMs);
    if (tile.aggregated > 0)
        c = c.lighter(118);
    return c;
}

void TreemapView::renderPixmap()
{
    const QRect area = mapRect();
    const qreal dpr = devicePixelRatioF();
    m_pixmap = QPixmap((QSizeF(area.size()) * dpr).toSize());
    m_pixmap.setDevicePixelRatio(dpr);
    m_pixmap.fill(palette().color(QPalette::Base));
    if (m_result.tiles.isEmpty())
        return;
    QPainter p(&m_pixmap);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QColor frame = palette().color(QPalette::Mid);
    const QColor groupFill = palette().color(QPalette::Dark);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p.setFont(small);
    const QFontMetrics fm(small);
    int labels = 0;
    for (const TreemapTile &tile : std::as_const(m_result.tiles)) {
        const QRectF r = tile.rect;
        if (!tile.leaf) {
            p.fillRect(r, groupFill);
            continue;
        }
        const QColor c = colorOf(tile, now);
        if (r.width() >= 3 && r.height() >= 3) {
            p.fillRect(r, c.darker(135));
            p.fillRect(r.adjusted(0, 0, -1, -1), c);
        } else {
            p.fillRect(r, c);
        }
        // Names where they fit; a few hundred at most so painting stays fast.
        if (labels < 400 && r.width() >= 48 && r.height() >= fm.height() + 2) {
            const TreemapNode &node = m_result.nodes.at(tile.node);
            QString text = tile.aggregated > 0 ? tr("%n more", nullptr, tile.aggregated)
                           : node.level == TreemapNode::Module
                               ? node.label.section(u'/', -1)
                               : node.label;
            if (node.level == TreemapNode::Version && r.height() >= 2 * fm.height() + 4)
                text = m_result.nodes.at(node.parent).label.section(u'/', -1) + u'\n' + text;
            p.setPen(c.lightnessF() > 0.55 ? Qt::black : Qt::white);
            const QRectF inner = r.adjusted(3, 1, -3, -1);
            const QStringList lines = text.split(u'\n');
            QString shown;
            for (const QString &line : lines)
                shown += (shown.isEmpty() ? QString() : u"\n"_s)
                         + fm.elidedText(line, Qt::ElideMiddle, int(inner.width()));
            p.drawText(inner, Qt::AlignLeft | Qt::AlignTop, shown);
            ++labels;
        }
    }
    p.setPen(frame);
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(area).adjusted(0, 0, -1, -1));
}

void TreemapView::updateHighlights()
{
    m_highlighted.clear();
    if (!m_selection || !m_proxy || m_result.tiles.isEmpty())
        return;
    QSet<QString> modules;
    QSet<QString> versions;
    for (const QModelIndex &index : m_selection->selectedRows(0)) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.data(CacheModel::IsModuleRole).toBool())
            modules.insert(source.data(CacheModel::ModulePathRole).toString());
        else
            versions.insert(source.data(CacheModel::IdRole).toString());
    }
    if (modules.isEmpty() && versions.isEmpty())
        return;
    for (qsizetype i = 0; i < m_result.tiles.size(); ++i) {
        const TreemapTile &tile = m_result.tiles.at(i);
        if (tile.aggregated > 0)
            continue;
        const TreemapNode &node = m_result.nodes.at(tile.node);
        bool on = false;
        if (node.level == TreemapNode::Module)
            on = modules.contains(node.label);
        else if (node.level == TreemapNode::Version)
            on = versions.contains(m_result.pathOf(tile.node))
                 || (tile.leaf && modules.contains(m_result.nodes.at(node.parent).label));
        if (on)
            m_highlighted.append(int(i));
    }
}

void TreemapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const QRect area = mapRect();
    if (!m_pixmap.isNull())
        p.drawPixmap(area.topLeft(), m_pixmap);
    if (m_result.tiles.isEmpty() && isSettled()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("No module versions to show"));
    }
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(110);
    p.setPen(QPen(palette().color(QPalette::Highlight).darker(130), 2));
    p.setBrush(fill);
    for (int i : std::as_const(m_highlighted))
        p.drawRect(m_result.tiles.at(i).rect.adjusted(1, 1, -1, -1));
    if (m_hover >= 0 && m_hover < m_result.tiles.size()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
        p.drawRect(m_result.tiles.at(m_hover).rect.adjusted(0.5, 0.5, -0.5, -0.5));
    }
    paintLegend(p);
}

void TreemapView::paintLegend(QPainter &p) const
{
    const QRect strip(0, height() - legendHeight, width(), legendHeight);
    const QFontMetrics fm = fontMetrics();
    int x = 6;
    const int y = strip.top() + (legendHeight - 10) / 2;
    p.setPen(palette().color(QPalette::WindowText));
    const auto swatch = [&](const QColor &c, const QString &text) {
        p.fillRect(QRect(x, y, 10, 10), c);
        x += 14;
        p.drawText(QRect(x, strip.top(), fm.horizontalAdvance(text) + 2, legendHeight),
                   Qt::AlignVCenter | Qt::AlignLeft, text);
        x += fm.horizontalAdvance(text) + 12;
    };
    if (m_colorMode == ColorMode::State) {
        for (VersionState s : {VersionState::Complete, VersionState::Partial,
                               VersionState::ArchiveOnly, VersionState::MetadataOnly})
            swatch(DisplayFormat::stateColor(s), DisplayFormat::stateName(s));
    } else {
        const QString today = tr("Used today");
        p.drawText(QRect(x, strip.top(), fm.horizontalAdvance(today) + 2, legendHeight),
                   Qt::AlignVCenter, today);
        x += fm.horizontalAdvance(today) + 6;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QLinearGradient g(x, 0, x + 120, 0);
        for (int i = 0; i <= 8; ++i) {
            const double days = std::expm1(std::log1p(365.0) * i / 8.0);
            g.setColorAt(i / 8.0, lastUseColor(now - qint64(days * double(dayMs)), now));
        }
        p.fillRect(QRect(x, y, 120, 10), g);
        x += 126;
        const QString year = tr("a year or more");
        p.drawText(QRect(x, strip.top(), fm.horizontalAdvance(year) + 2, legendHeight),
                   Qt::AlignVCenter, year);
        x += fm.horizontalAdvance(year) + 14;
        swatch(lastUseColor(0, now), tr("Not known"));
    }
}

void TreemapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_layoutDirty = true;
    m_debounce.start();
}

void TreemapView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_snapshotDirty || m_layoutDirty)
        m_debounce.start();
}

int TreemapView::tileAt(const QPointF &pos) const
{
    // Children come after their parents: the last tile containing pos is the deepest.
    for (qsizetype i = m_result.tiles.size(); i-- > 0;)
        if (m_result.tiles.at(i).rect.contains(pos))
            return int(i);
    return -1;
}

QRectF TreemapView::tileRect(const QString &path) const
{
    for (const TreemapTile &tile : m_result.tiles)
        if (tile.aggregated == 0 && m_result.pathOf(tile.node) == path)
            return tile.rect.translated(mapRect().topLeft());
    return {};
}

bool TreemapView::isHighlighted(const QString &path) const
{
    for (int i : m_highlighted)
        if (m_result.pathOf(m_result.tiles.at(i).node) == path)
            return true;
    return false;
}

QString TreemapView::toolTipFor(int index) const
{
    const TreemapTile &tile = m_result.tiles.at(index);
    const TreemapNode &node = m_result.nodes.at(tile.node);
    QString path = m_result.pathOf(tile.node);
    if (path.isEmpty())
        path = tr("All modules");
    if (tile.aggregated > 0)
        path = tr("%n smaller item(s) in %1", nullptr, tile.aggregated).arg(path);
    const QDateTime now = QDateTime::currentDateTime();
    const QString used = node.lastUsedMs > 0
                             ? DisplayFormat::relativeTime(
                                   QDateTime::fromMSecsSinceEpoch(node.lastUsedMs), now)
                             : tr("not known");
    QString text = u"<b>%1</b><br>"_s.arg(path.toHtmlEscaped())
                   + tr("Size on disk: %1").arg(DisplayFormat::size(tile.weight)) + u"<br>"_s
                   + tr("Last used: %1").arg(used);
    if (node.level == TreemapNode::Version && tile.aggregated == 0)
        text += u"<br>"_s + DisplayFormat::stateName(VersionState(node.state));
    return text;
}

bool TreemapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int tile = tileAt(help->pos());
        if (tile < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), toolTipFor(tile), this,
                               m_result.tiles.at(tile).rect.toAlignedRect());
        }
        return true;
    }
    return QWidget::event(event);
}

void TreemapView::mouseMoveEvent(QMouseEvent *event)
{
    const int tile = tileAt(event->position());
    if (tile != m_hover) {
        m_hover = tile;
        update();
    }
}

void TreemapView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
}

void TreemapView::collectModules(int node, QStringList &modules, QStringList &versions) const
{
    const TreemapNode &n = m_result.nodes.at(node);
    if (n.level == TreemapNode::Module) {
        modules << n.label;
        return;
    }
    if (n.level == TreemapNode::Version) {
        versions << m_result.pathOf(node);
        return;
    }
    for (int c = 0; c < n.childCount; ++c)
        collectModules(n.firstChild + c, modules, versions);
}

QModelIndexList TreemapView::rowsOf(const TreemapTile &tile) const
{
    QStringList modules;
    QStringList versions;
    const TreemapNode &node = m_result.nodes.at(tile.node);
    if (tile.aggregated > 0) {
        for (int c = node.childCount - tile.aggregated; c < node.childCount; ++c)
            collectModules(node.firstChild + c, modules, versions);
    } else {
        collectModules(tile.node, modules, versions);
    }
    QModelIndexList rows;
    if (!m_model || !m_proxy)
        return rows;
    for (const QString &path : std::as_const(modules)) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->moduleIndex(path));
        if (index.isValid())
            rows << index;
    }
    for (const QString &id : std::as_const(versions)) {
        const QModelIndex module = m_model->moduleIndex(id.section(u'@', 0, 0));
        const int count = m_model->rowCount(module);
        for (int r = 0; r < count; ++r) {
            const QModelIndex source = m_model->index(r, 0, module);
            if (source.data(CacheModel::IdRole).toString() == id) {
                const QModelIndex index = m_proxy->mapFromSource(source);
                if (index.isValid())
                    rows << index;
                break;
            }
        }
    }
    return rows;
}

void TreemapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_selection) {
        QWidget::mousePressEvent(event);
        return;
    }
    const int tile = tileAt(event->position());
    if (tile < 0 || m_result.nodes.at(m_result.tiles.at(tile).node).level == TreemapNode::Root) {
        if (!(event->modifiers() & Qt::ControlModifier))
            m_selection->clearSelection();
        return;
    }
    const QModelIndexList rows = rowsOf(m_result.tiles.at(tile));
    QItemSelection selection;
    for (const QModelIndex &row : rows)
        selection.select(row, row);
    const auto flags = (event->modifiers() & Qt::ControlModifier)
                           ? QItemSelectionModel::Toggle
                           : QItemSelectionModel::ClearAndSelect;
    m_selection->select(selection, flags | QItemSelectionModel::Rows);
    if (!rows.isEmpty()) {
        m_selection->setCurrentIndex(rows.first(), QItemSelectionModel::NoUpdate);
        Q_EMIT rowActivated(rows.first());
    }
}

void TreemapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int tile = tileAt(event->position());
    if (tile < 0)
        return;
    int node = m_result.tiles.at(tile).node;
    // A version has nothing inside: zoom into its module.
    if (m_result.nodes.at(node).level == TreemapNode::Version)
        node = m_result.nodes.at(node).parent;
    QStringList labels;
    for (int n = node; n > 0; n = m_result.nodes.at(n).parent)
        labels.prepend(m_result.nodes.at(n).label);
    setZoomPath(labels);
}

void TreemapView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Backspace && zoomOut())
        return;
    QWidget::keyPressEvent(event);
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include "space/TreemapJob.h"

class QAbstractProxyModel;
class QItemSelectionModel;

namespace mk {

class CacheModel;

/// The cache as a squarified treemap, host → owner → module → version, area = bytes on disk.
/// It shows the rows the table's filter proxy shows: a flat snapshot of them is taken on the
/// GUI thread in slices of a few milliseconds, the tree is built and laid out by TreemapJob
/// on the core pool, and the tiles are painted once into a pixmap; selection highlights and
/// the hovered tile are drawn on top. Clicking selects rows in the table's selection model,
/// double-clicking zooms into a group. Painted by us: Debian has no well-kept Qt treemap
/// widget, and the table's model, selection and states must drive it directly.
class TreemapView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TreemapView)

public:
    enum class ColorMode {
        State,   ///< the state colours of the table
        LastUse, ///< recent to old, grey when not known
    };
    Q_ENUM(ColorMode)

    explicit TreemapView(QWidget *parent = nullptr);
    ~TreemapView() override;

    /// The table's source model, its filter proxy and the view's selection model (over the
    /// proxy).
    void setModels(CacheModel *model, QAbstractProxyModel *proxy, QItemSelectionModel *selection);

    void setColorMode(ColorMode mode);
    [[nodiscard]] ColorMode colorMode() const { return m_colorMode; }

    /// Labels from the top down to the zoomed node (empty: the whole cache).
    [[nodiscard]] QStringList zoomPath() const { return m_zoomPath; }
    void setZoomPath(const QStringList &labels);
    /// One level up; false at the top.
    bool zoomOut();

    /// Takes a new snapshot and lays it out now, without waiting for the debounce.
    void refresh();
    /// No snapshot, layout or repaint of the pixmap is pending.
    [[nodiscard]] bool isSettled() const;
    [[nodiscard]] const TreemapLayoutResult &layoutResult() const { return m_result; }
    /// The tile of "path@version", a module path or "host/owner" in widget coordinates; an
    /// empty rectangle when it is not drawn on its own.
    [[nodiscard]] QRectF tileRect(const QString &path) const;
    /// Whether the tile of path is drawn highlighted (it or its module is selected).
    [[nodiscard]] bool isHighlighted(const QString &path) const;
    /// Where the tiles are drawn (the widget minus the legend).
    [[nodiscard]] QRect mapRect() const;

Q_SIGNALS:
    /// A layout was painted into the pixmap.
    void layoutReady();
    void zoomChanged(const QStringList &labels);
    /// A click selected rows; index is the first, in the proxy (for scrolling the table).
    void rowActivated(const QModelIndex &index);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void modelChanged();
    void beginSnapshot();
    void snapshotSlice(quint64 generation);
    void startLayout();
    void onLayoutFinished();
    void renderPixmap();
    void updateHighlights();
    [[nodiscard]] int tileAt(const QPointF &pos) const;
    [[nodiscard]] QColor colorOf(const TreemapTile &tile, qint64 nowMs) const;
    [[nodiscard]] QString toolTipFor(int tile) const;
    /// The proxy indexes (column 0) of the rows a tile stands for.
    [[nodiscard]] QModelIndexList rowsOf(const TreemapTile &tile) const;
    void collectModules(int node, QStringList &modules, QStringList &versions) const;
    void paintLegend(QPainter &p) const;

    QPointer<CacheModel> m_model;
    QPointer<QAbstractProxyModel> m_proxy;
    QPointer<QItemSelectionModel> m_selection;
    ColorMode m_colorMode = ColorMode::State;
    QStringList m_zoomPath;

    QTimer m_debounce;          ///< model, filter and size changes settle first
    bool m_snapshotDirty = true;
    bool m_layoutDirty = true;
    quint64 m_snapshotGeneration = 0; ///< a newer snapshot abandons the slices of older ones
    bool m_snapshotRunning = false;
    int m_snapshotRow = 0;
    QList<ModuleVersionRecord> m_snapshotRecords;
    QList<ModuleVersionRecord> m_records; ///< the last complete snapshot

    QFutureWatcher<TreemapLayoutResult> m_watcher;
    bool m_layoutRunning = false; ///< until its result is painted (finished may be queued)
    TreemapLayoutResult m_result;
    QPixmap m_pixmap;
    QList<int> m_highlighted; ///< tile indexes
    int m_hover = -1;
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

namespace mk {

/// A small painted curve of the module cache's size over time, one point per recorded scan,
/// with its smallest and largest size as labels and, as tooltip, the date and size of the
/// point under the mouse. Time runs along x (evenly spaced when all points share one time).
class HistorySparkline final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistorySparkline)

public:
    struct Point
    {
        QDateTime time;
        quint64 bytes = 0;
    };

    explicit HistorySparkline(QWidget *parent = nullptr);

    /// Oldest first.
    void setPoints(const QList<Point> &points);
    [[nodiscard]] const QList<Point> &points() const { return m_points; }
    [[nodiscard]] int pointCount() const { return int(m_points.size()); }

    /// "date: size" of point index.
    [[nodiscard]] QString toolTipFor(int index) const;
    /// The point nearest to pos along x, -1 when there is none.
    [[nodiscard]] int pointAt(const QPoint &pos) const;
    /// Where point index is drawn, in widget coordinates.
    [[nodiscard]] QPointF pointPosition(int index) const;
    [[nodiscard]] QString minLabel() const;
    [[nodiscard]] QString maxLabel() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    [[nodiscard]] QRectF plotRect() const;

    QList<Point> m_points;
    quint64 m_min = 0;
    quint64 m_max = 0;
};

} // namespace mk

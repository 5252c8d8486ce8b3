// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistorySparkline.h"

#include <algorithm>

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "DisplayFormat.h"

namespace mk {

HistorySparkline::HistorySparkline(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
    setToolTip(tr("How the module cache grew: one point per completed scan"));
}

void HistorySparkline::setPoints(const QList<Point> &points)
{
    m_points = points;
    m_min = m_max = 0;
    if (!m_points.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(
            m_points.cbegin(), m_points.cend(),
            [](const Point &a, const Point &b) { return a.bytes < b.bytes; });
        m_min = lo->bytes;
        m_max = hi->bytes;
    }
    update();
}

QString HistorySparkline::toolTipFor(int index) const
{
    if (index < 0 || index >= m_points.size())
        return {};
    const Point &p = m_points[index];
    return tr("%1: %2").arg(DisplayFormat::fullTime(p.time), DisplayFormat::size(p.bytes));
}

QString HistorySparkline::minLabel() const
{
    return m_points.isEmpty() ? QString() : DisplayFormat::size(m_min);
}

QString HistorySparkline::maxLabel() const
{
    return m_points.isEmpty() ? QString() : DisplayFormat::size(m_max);
}

QSize HistorySparkline::sizeHint() const
{
    return {240, fontMetrics().height() * 4};
}

QSize HistorySparkline::minimumSizeHint() const
{
    return {120, fontMetrics().height() * 4};
}

QRectF HistorySparkline::plotRect() const
{
    // The labels sit left of the curve, the largest size at the top, the smallest at the bottom.
    const QFontMetrics fm = fontMetrics();
    const int labels = std::max(fm.horizontalAdvance(maxLabel()), fm.horizontalAdvance(minLabel()));
    const qreal pad = 4;
    const qreal half = fm.height() / 2.0;
    return QRectF(labels + 2 * pad, half, width() - labels - 3 * pad, height() - 2 * half);
}

QPointF HistorySparkline::pointPosition(int index) const
{
    const QRectF r = plotRect();
    if (index < 0 || index >= m_points.size())
        return {};
    const qint64 t0 = m_points.first().time.toMSecsSinceEpoch();
    const qint64 span = m_points.last().time.toMSecsSinceEpoch() - t0;
    qreal fx = 0.5;
    if (m_points.size() > 1) {
        fx = span > 0 ? qreal(m_points[index].time.toMSecsSinceEpoch() - t0) / qreal(span)
                      : qreal(index) / qreal(m_points.size() - 1);
    }
    const qreal fy
        = m_max > m_min ? qreal(m_points[index].bytes - m_min) / qreal(m_max - m_min) : 0.5;
    return {r.left() + fx * r.width(), r.bottom() - fy * r.height()};
}

int HistorySparkline::pointAt(const QPoint &pos) const
{
    int best = -1;
    qreal bestDistance = 0;
    for (int i = 0; i < m_points.size(); ++i) {
        const qreal d = std::abs(pointPosition(i).x() - pos.x());
        if (best < 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

bool HistorySparkline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && !m_points.isEmpty()) {
        auto *help = static_cast<QHelpEvent *>(event);
        QToolTip::showText(help->globalPos(), toolTipFor(pointAt(help->pos())), this);
        return true;
    }
    return QWidget::event(event);
}

void HistorySparkline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    if (m_points.isEmpty()) {
        p.setPen(muted);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("No history yet: every completed scan adds a point"));
        return;
    }
    const QRectF r = plotRect();
    p.setPen(muted);
    const QFontMetrics fm = fontMetrics();
    p.drawText(QRectF(0, 0, r.left() - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               maxLabel());
    p.drawText(QRectF(0, height() - fm.height(), r.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, minLabel());

    const QColor line = palette().color(QPalette::Highlight);
    QPainterPath path(pointPosition(0));
    for (int i = 1; i < m_points.size(); ++i)
        path.lineTo(pointPosition(i));
    if (m_points.size() > 1) {
        QPainterPath area = path;
        area.lineTo(r.right(), r.bottom());
        area.lineTo(r.left(), r.bottom());
        area.closeSubpath();
        QColor fill = line;
        fill.setAlpha(40);
        p.fillPath(area, fill);
        p.setPen(QPen(line, 1.5));
        p.drawPath(path);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(line);
    p.drawEllipse(pointPosition(int(m_points.size()) - 1), 2.5, 2.5);
}

} // namespace mk

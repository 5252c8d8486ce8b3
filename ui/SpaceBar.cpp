// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpaceBar.h"

#include <algorithm>

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr qreal minSegmentWidth = 3.0; // a non-empty segment never disappears
constexpr qreal barHeight = 18.0;
constexpr qreal radius = 4.0;

} // namespace

SpaceBar::SpaceBar(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

SpaceBar::~SpaceBar() = default;

void SpaceBar::setSegments(const QList<Segment> &segments)
{
    m_segments = segments;
    update();
}

quint64 SpaceBar::totalBytes() const
{
    quint64 total = 0;
    for (const Segment &s : m_segments)
        total += s.bytes;
    return total;
}

QSize SpaceBar::sizeHint() const
{
    return {240, int(barHeight) + 2};
}

QSize SpaceBar::minimumSizeHint() const
{
    return {60, int(barHeight) + 2};
}

QRectF SpaceBar::barRect() const
{
    return QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
}

QList<QRectF> SpaceBar::segmentRects() const
{
    QList<QRectF> rects(m_segments.size());
    const quint64 total = totalBytes();
    const QRectF bar = barRect();
    if (total == 0 || bar.width() <= 0)
        return rects;

    // Proportional widths, then give tiny segments a visible minimum, taken from the widest.
    QList<qreal> widths(m_segments.size(), 0.0);
    qsizetype widest = -1;
    qreal borrowed = 0;
    for (qsizetype i = 0; i < m_segments.size(); ++i) {
        if (m_segments.at(i).bytes == 0)
            continue;
        widths[i] = bar.width() * qreal(m_segments.at(i).bytes) / qreal(total);
        if (widths[i] < minSegmentWidth) {
            borrowed += minSegmentWidth - widths[i];
            widths[i] = minSegmentWidth;
        }
        if (widest < 0 || widths[i] > widths[widest])
            widest = i;
    }
    if (widest >= 0)
        widths[widest] = std::max(minSegmentWidth, widths[widest] - borrowed);

    qreal x = bar.left();
    for (qsizetype i = 0; i < m_segments.size(); ++i) {
        if (widths[i] <= 0)
            continue;
        rects[i] = QRectF(x, bar.top(), widths[i], bar.height());
        x += widths[i];
    }
    return rects;
}

int SpaceBar::segmentAt(const QPoint &pos) const
{
    const QList<QRectF> rects = segmentRects();
    for (qsizetype i = 0; i < rects.size(); ++i) {
        if (!rects.at(i).isEmpty() && rects.at(i).contains(pos))
            return int(i);
    }
    return -1;
}

void SpaceBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF bar = barRect();
    QPainterPath frame;
    frame.addRoundedRect(bar, radius, radius);

    p.fillPath(frame, palette().brush(QPalette::AlternateBase));
    p.save();
    p.setClipPath(frame);
    const QList<QRectF> rects = segmentRects();
    const QColor gap = palette().color(QPalette::Base);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        if (rects.at(i).isEmpty())
            continue;
        p.fillRect(rects.at(i), m_segments.at(i).color);
        // A hairline between neighbours keeps equal colours apart.
        if (rects.at(i).left() > bar.left() + 0.5) {
            p.setPen(QPen(gap, 1.0));
            p.drawLine(QPointF(rects.at(i).left(), bar.top()),
                       QPointF(rects.at(i).left(), bar.bottom()));
        }
    }
    p.restore();
    p.setPen(QPen(palette().color(QPalette::Mid), 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawPath(frame);
}

bool SpaceBar::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = segmentAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Segment &s = m_segments.at(i);
        const quint64 total = totalBytes();
        const double percent = total ? 100.0 * double(s.bytes) / double(total) : 0.0;
        QToolTip::showText(help->globalPos(),
                           tr("%1: %2 (%3%) \u2014 click to see the entries")
                               .arg(s.label, DisplayFormat::size(s.bytes))
                               .arg(percent, 0, 'f', 1),
                           this);
        return true;
    }
    return QWidget::event(event);
}

void SpaceBar::mouseMoveEvent(QMouseEvent *event)
{
    setCursor(segmentAt(event->position().toPoint()) >= 0 ? Qt::PointingHandCursor
                                                          : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

void SpaceBar::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (const int i = segmentAt(event->position().toPoint()); i >= 0) {
            Q_EMIT segmentClicked(i);
            return;
        }
    }
    QWidget::mouseReleaseEvent(event);
}

} // namespace mk

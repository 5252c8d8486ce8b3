// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

namespace mk {

/// A picture of the space: one horizontal bar split into coloured segments whose widths are
/// proportional to their bytes. Hovering a segment shows its name and size; clicking one emits
/// segmentClicked (the summary opens that part).
class SpaceBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpaceBar)

public:
    struct Segment
    {
        QString label;
        quint64 bytes = 0;
        QColor color;
    };

    explicit SpaceBar(QWidget *parent = nullptr);
    ~SpaceBar() override;

    void setSegments(const QList<Segment> &segments);
    [[nodiscard]] const QList<Segment> &segments() const { return m_segments; }
    [[nodiscard]] quint64 totalBytes() const;

    /// The segment under a point in widget coordinates, or -1.
    [[nodiscard]] int segmentAt(const QPoint &pos) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The segment at index was clicked with the left button.
    void segmentClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    /// One rectangle per segment (empty for zero-byte ones) inside the bar's frame.
    [[nodiscard]] QList<QRectF> segmentRects() const;
    [[nodiscard]] QRectF barRect() const;

    QList<Segment> m_segments;
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "DetailsSizeBarDelegate.h"

#include <algorithm>

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace mk {

void DetailsSizeBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const double fraction = std::clamp(index.data(FractionRole).toDouble(), 0.0, 1.0);
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    // The background and selection first, then the bar under the text.
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    const QRect area = option.rect.adjusted(3, option.rect.height() - 6, -3, -2);
    if (area.width() > 0 && fraction > 0) {
        QRect bar = area;
        bar.setWidth(std::max(1, int(area.width() * fraction)));
        painter->save();
        painter->setPen(Qt::NoPen);
        painter->setBrush(option.palette.color(QPalette::Highlight).lighter(130));
        painter->drawRect(bar);
        painter->restore();
    }
    painter->save();
    painter->setPen(option.state & QStyle::State_Selected
                        ? option.palette.color(QPalette::HighlightedText)
                        : option.palette.color(QPalette::Text));
    painter->drawText(option.rect.adjusted(3, 0, -3, -6), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace mk {

/// Paints a size cell as its text over a small bar: the bar's length is the cell's
/// FractionRole (0..1), e.g. a version's share of its largest sibling.
class DetailsSizeBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int FractionRole = Qt::UserRole + 40;

    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QHBoxLayout;

namespace mk {

class TreemapView;

/// The treemap with its bar: a breadcrumb of the zoom (each level a button that goes back up
/// to it) and the colour choice (state or last use).
class TreemapPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TreemapPanel)

public:
    explicit TreemapPanel(QWidget *parent = nullptr);
    ~TreemapPanel() override;

    [[nodiscard]] TreemapView *view() const { return m_view; }

private:
    void rebuildBreadcrumb(const QStringList &labels);

    TreemapView *m_view;
    QComboBox *m_colorMode;
    QHBoxLayout *m_crumbs;
};

} // namespace mk

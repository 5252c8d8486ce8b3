// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreemapPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include "TreemapView.h"

using namespace Qt::StringLiterals;

namespace mk {

TreemapPanel::TreemapPanel(QWidget *parent)
    : QWidget(parent),
      m_view(new TreemapView(this)),
      m_colorMode(new QComboBox(this)),
      m_crumbs(new QHBoxLayout)
{
    setObjectName(u"treemapPanel"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    m_crumbs->setSpacing(2);
    bar->addLayout(m_crumbs);
    bar->addStretch(1);
    m_colorMode->setObjectName(u"treemapColorMode"_s);
    m_colorMode->addItem(tr("Colour by state"), int(TreemapView::ColorMode::State));
    m_colorMode->addItem(tr("Colour by last use"), int(TreemapView::ColorMode::LastUse));
    m_colorMode->setToolTip(tr("What the colour of a tile tells"));
    bar->addWidget(m_colorMode);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_colorMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_view->setColorMode(TreemapView::ColorMode(m_colorMode->itemData(index).toInt()));
    });
    connect(m_view, &TreemapView::zoomChanged, this, &TreemapPanel::rebuildBreadcrumb);
    m_view->setToolTip({});
    rebuildBreadcrumb({});
}

TreemapPanel::~TreemapPanel() = default;

void TreemapPanel::rebuildBreadcrumb(const QStringList &labels)
{
    // Later: the clicked crumb is among them, still in its clicked signal.
    while (QLayoutItem *item = m_crumbs->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->setObjectName({});
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    const auto addButton = [this, &labels](const QString &text, int depth) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"treemapCrumb%1"_s.arg(depth));
        button->setText(text);
        button->setAutoRaise(true);
        // The last crumb is where we are.
        button->setEnabled(depth < labels.size());
        button->setToolTip(tr("Show this level"));
        connect(button, &QToolButton::clicked, this,
                [this, labels, depth] { m_view->setZoomPath(labels.mid(0, depth)); });
        m_crumbs->addWidget(button);
    };
    addButton(tr("All modules"), 0);
    for (qsizetype i = 0; i < labels.size(); ++i) {
        auto *sep = new QLabel(u"\u203a"_s, this);
        m_crumbs->addWidget(sep);
        addButton(labels.at(i), int(i + 1));
    }
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "EmptyStatePage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mk {

EmptyStatePage::EmptyStatePage(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_title(new QLabel(this)),
      m_details(new QLabel(this)), m_chooseButton(new QPushButton(tr("Choose folder\u2026"), this)),
      m_retryButton(new QPushButton(tr("Try again"), this))
{
    setObjectName(u"emptyState"_s);
    m_title->setObjectName(u"emptyStateTitle"_s);
    m_details->setObjectName(u"emptyStateDetails"_s);
    m_chooseButton->setObjectName(u"chooseFolderButton"_s);
    m_retryButton->setObjectName(u"retryButton"_s);

    m_icon->setPixmap(style()->standardIcon(QStyle::SP_DirIcon).pixmap(64, 64));
    m_icon->setAlignment(Qt::AlignCenter);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setWeight(QFont::DemiBold);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_details->setAlignment(Qt::AlignCenter);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMinimumWidth(420); // keeps word wrap from picking a narrow column
    m_details->setMaximumWidth(600);
    m_chooseButton->setDefault(true);
    m_chooseButton->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_retryButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_chooseButton);
    buttons->addWidget(m_retryButton);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addSpacing(8);
    layout->addWidget(m_title);
    // Centred through stretches, not an alignment flag, so the wrapped text gets its height.
    auto *detailsRow = new QHBoxLayout;
    detailsRow->addStretch(1);
    detailsRow->addWidget(m_details, 4);
    detailsRow->addStretch(1);
    layout->addLayout(detailsRow);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);

    connect(m_chooseButton, &QPushButton::clicked, this, &EmptyStatePage::chooseFolderRequested);
    connect(m_retryButton, &QPushButton::clicked, this, &EmptyStatePage::retryRequested);
}

EmptyStatePage::~EmptyStatePage() = default;

void EmptyStatePage::setMessage(const QString &title, const QString &details)
{
    m_title->setText(title);
    m_details->setText(details);
}

QString EmptyStatePage::title() const
{
    return m_title->text();
}

QString EmptyStatePage::details() const
{
    return m_details->text();
}

} // namespace mk

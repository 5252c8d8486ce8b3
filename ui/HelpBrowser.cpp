// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpBrowser.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mk {

HelpBrowser::HelpBrowser(const QString &language, QWidget *parent)
    : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setObjectName(u"helpBrowser"_s);
    setWindowTitle(tr("ModKeeper User Guide"));
    m_browser->setObjectName(u"helpText"_s);
    m_browser->setOpenExternalLinks(true);

    const QUrl url = guideUrl(language);
    if (url.isEmpty())
        m_browser->setPlainText(tr("The user guide is missing from this build of ModKeeper."));
    else
        m_browser->setSource(url);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &HelpBrowser::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(720, 640);
}

HelpBrowser::~HelpBrowser() = default;

QUrl HelpBrowser::guideUrl(const QString &language)
{
    for (const QString &candidate : {language, u"en"_s}) {
        const QString file = u":/help/guide_"_s + candidate + u".html"_s;
        if (QFile::exists(file))
            return QUrl(u"qrc"_s + file);
    }
    return {};
}

QUrl HelpBrowser::source() const
{
    return m_browser->source();
}

} // namespace mk

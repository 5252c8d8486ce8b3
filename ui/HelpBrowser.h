// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QUrl>

class QTextBrowser;

namespace mk {

/// Help ▸ User Guide: the short guide shipped inside the program (resources/help), in the UI
/// language when there is a translation, else in English. Links to the web open outside.
class HelpBrowser final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpBrowser)

public:
    /// language: "en", "zh_CN"… (anything else, e.g. the pseudo-locale, shows English).
    explicit HelpBrowser(const QString &language, QWidget *parent = nullptr);
    ~HelpBrowser() override;

    /// The guide for language: qrc:/help/guide_<language>.html, else the English one.
    [[nodiscard]] static QUrl guideUrl(const QString &language);
    [[nodiscard]] QUrl source() const;
    [[nodiscard]] QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser = nullptr;
};

} // namespace mk

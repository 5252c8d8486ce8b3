// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace mk {

/// The user interface language chosen in Settings ▸ Language: "system" (follow the system
/// locale, the default) or one of the bundled languages. Kept in QSettings ("ui/language").
class LanguageSettings final
{
public:
    /// The choice that follows the system locale.
    [[nodiscard]] static QString system();
    /// The languages ModKeeper ships: "en" first, then the translations ("zh_CN").
    [[nodiscard]] static QStringList bundled();

    /// The saved choice: "system" or a bundled language (anything else reads as "system").
    [[nodiscard]] static QString choice();
    static void setChoice(const QString &choice);

    /// The bundled language a choice means: "system" takes the first of the locale's UI
    /// languages that ModKeeper has (Simplified Chinese -> "zh_CN"), else "en".
    [[nodiscard]] static QString resolve(const QString &choice,
                                         const QLocale &systemLocale = QLocale::system());
    /// A language's name in that language ("English", "简体中文"): the same in every UI
    /// language, so that it can be found by someone who cannot read the current one.
    [[nodiscard]] static QString nativeName(const QString &language);
};

} // namespace mk

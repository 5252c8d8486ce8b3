// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanguageSettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const auto settingsKey = u"ui/language"_s;

} // namespace

QString LanguageSettings::system()
{
    return u"system"_s;
}

QStringList LanguageSettings::bundled()
{
    return {u"en"_s, u"zh_CN"_s};
}

QString LanguageSettings::choice()
{
    const QString saved = QSettings().value(settingsKey).toString();
    return bundled().contains(saved) ? saved : system();
}

void LanguageSettings::setChoice(const QString &choice)
{
    QSettings settings;
    if (bundled().contains(choice))
        settings.setValue(settingsKey, choice);
    else
        settings.remove(settingsKey);
}

QString LanguageSettings::resolve(const QString &choice, const QLocale &systemLocale)
{
    if (bundled().contains(choice))
        return choice;
    const QStringList wanted = systemLocale.uiLanguages();
    for (const QString &name : wanted) {
        const QLocale locale(name);
        if (locale.language() == QLocale::English)
            return u"en"_s;
        // Traditional Chinese readers get English rather than the simplified script.
        if (locale.language() == QLocale::Chinese
            && locale.script() != QLocale::TraditionalChineseScript
            && locale.territory() != QLocale::Taiwan && locale.territory() != QLocale::HongKong
            && locale.territory() != QLocale::Macao)
            return u"zh_CN"_s;
    }
    return u"en"_s;
}

QString LanguageSettings::nativeName(const QString &language)
{
    if (language == u"zh_CN")
        return u"简体中文"_s;
    if (language == u"en")
        return u"English"_s;
    return QLocale(language).nativeLanguageName();
}

} // namespace mk

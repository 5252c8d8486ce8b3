// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QLocale>
#include <QTranslator>

#include "LanguageSettings.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

struct Installed
{
    QString language = u"en"_s;
    QList<QTranslator *> translators;
};

Installed &installed()
{
    static Installed state;
    return state;
}

QTranslator *load(const QString &file, const QString &directory = {})
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(file, directory) && QCoreApplication::installTranslator(translator))
        return translator;
    delete translator;
    return nullptr;
}

} // namespace

QString Translator::startupLanguage()
{
    const QString forced = qEnvironmentVariable("MODKEEPER_LANGUAGE");
    if (forced.endsWith(u".qm"_s) || LanguageSettings::bundled().contains(forced))
        return forced;
    return LanguageSettings::resolve(LanguageSettings::choice());
}

bool Translator::install(const QString &language)
{
    Installed &state = installed();
    for (QTranslator *old : std::as_const(state.translators)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    state.translators.clear();
    state.language = u"en"_s;

    if (language.endsWith(u".qm"_s)) {
        QTranslator *file = load(language);
        if (file) {
            state.translators.append(file);
            state.language = language;
        }
        return file != nullptr;
    }

    const QLocale locale(language);
    if (QLocale::system().language() != locale.language())
        QLocale::setDefault(locale);
    else
        QLocale::setDefault(QLocale::system());
    if (language == u"en") {
        // The English words are the sources; the file holds their plural forms only.
        if (QTranslator *plurals = load(u":/i18n/modkeeper_en"_s))
            state.translators.append(plurals);
        return true;
    }

    // Qt's own words first, so that ModKeeper's (installed last, asked first) win.
    if (QTranslator *qt = load(u"qtbase_"_s + language,
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        state.translators.append(qt);
    QTranslator *own = load(u":/i18n/modkeeper_"_s + language);
    if (own) {
        state.translators.append(own);
        state.language = language;
    }
    return own != nullptr;
}

QString Translator::current()
{
    return installed().language;
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk {

/// Puts the GUI into a language: installs Qt's own translation (qtbase_<lang>.qm, from the
/// system's Qt translations, for standard dialogs and units) and ModKeeper's
/// (:/i18n/modkeeper_<lang>.qm, embedded). Only the GUI does this: the CLI never installs a
/// translator and stays English.
class Translator final
{
public:
    /// The language for this run: $MODKEEPER_LANGUAGE when set ("en", "zh_CN", or the path of
    /// a .qm file: the tests' pseudo-locale, a translator's preview), else the Settings
    /// choice resolved against the system locale.
    [[nodiscard]] static QString startupLanguage();

    /// Replaces the installed translations with those for language. "en" installs only the
    /// English plural forms (modkeeper_en.qm: "1 version", "2 versions"); a path ending in
    /// ".qm" installs that file only. A bundled language the system locale does not speak also
    /// becomes the default QLocale, so that sizes and dates match the words.
    /// False when ModKeeper's translation could not be loaded (the UI then stays English).
    static bool install(const QString &language);

    /// What install() last installed ("en" before any).
    [[nodiscard]] static QString current();
};

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace mk {

/// Go's %q formatting (strconv.Quote and strconv.QuoteRune), so that error messages
/// copied from the go command read exactly as go prints them.
class GoQuote final
{
public:
    /// strconv.Quote of UTF-8 bytes: "a\"b", "\n", "\xff" for a byte that is not UTF-8.
    [[nodiscard]] static QString bytes(const QByteArray &utf8);
    /// strconv.Quote of a string (a lone surrogate counts as one invalid byte).
    [[nodiscard]] static QString string(QStringView s);
    /// strconv.QuoteRune: 'x', '\'', '\n', '\u00a0'.
    [[nodiscard]] static QString rune(char32_t r);
    /// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020.
    [[nodiscard]] static bool isPrint(char32_t r);
};

} // namespace mk

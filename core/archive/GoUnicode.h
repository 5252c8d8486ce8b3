// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mk {

/// The bits of go's unicode, unicode/utf8 and strings packages that the module zip rules
/// depend on, ported so that two names collide here exactly when they collide for go.
class GoUnicode final
{
public:
    /// utf8.Valid: no overlong forms, no surrogates, nothing above U+10FFFF.
    [[nodiscard]] static bool isValidUtf8(QByteArrayView s);
    /// unicode.SimpleFold (go 1.23 tables: asciiFold, caseOrbit, then ToLower/ToUpper).
    [[nodiscard]] static char32_t simpleFold(char32_t r);
    /// x/mod/zip strToFold: the smallest rune of each rune's fold orbit, then A-Z to a-z, so
    /// that strings.EqualFold(s, t) iff strToFold(s) == strToFold(t). s must be valid UTF-8.
    [[nodiscard]] static QByteArray strToFold(QByteArrayView s);
    /// A raw name for messages: the text itself if it is UTF-8, else go's %q form ("\xff.go").
    [[nodiscard]] static QString display(const QByteArray &raw);
};

} // namespace mk

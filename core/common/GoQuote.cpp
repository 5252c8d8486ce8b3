// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoQuote.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr char32_t runeError = 0xFFFD;

// utf8.DecodeRune: the rune and its length; (runeError, 1) for an invalid sequence.
std::pair<char32_t, int> decodeRune(const QByteArray &s, qsizetype i)
{
    const auto b = [&](qsizetype k) { return uchar(s.at(k)); };
    const qsizetype left = s.size() - i;
    const uchar c0 = b(i);
    if (c0 < 0x80)
        return {c0, 1};
    const auto cont = [&](qsizetype k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
    if (c0 >= 0xC2 && c0 <= 0xDF && left >= 2 && cont(i + 1))
        return {char32_t((c0 & 0x1F) << 6 | (b(i + 1) & 0x3F)), 2};
    if (c0 >= 0xE0 && c0 <= 0xEF && left >= 3 && cont(i + 1) && cont(i + 2)) {
        const char32_t r = (c0 & 0x0F) << 12 | (b(i + 1) & 0x3F) << 6 | (b(i + 2) & 0x3F);
        if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF))
            return {r, 3};
    }
    if (c0 >= 0xF0 && c0 <= 0xF4 && left >= 4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        const char32_t r = (c0 & 0x07) << 18 | (b(i + 1) & 0x3F) << 12 | (b(i + 2) & 0x3F) << 6
                           | (b(i + 3) & 0x3F);
        if (r >= 0x10000 && r <= 0x10FFFF)
            return {r, 4};
    }
    return {runeError, 1};
}

QString hex(uint v, int width)
{
    return u"%1"_s.arg(v, width, 16, QLatin1Char('0'));
}

// strconv.appendEscapedRune.
void appendEscaped(QString &out, char32_t r, char16_t quote)
{
    if (r == quote || r == u'\\') {
        out += u'\\';
        out += QChar(char16_t(r));
        return;
    }
    if (GoQuote::isPrint(r)) {
        out += QString::fromUcs4(&r, 1);
        return;
    }
    switch (r) {
    case '\a':
        out += u"\\a";
        return;
    case '\b':
        out += u"\\b";
        return;
    case '\f':
        out += u"\\f";
        return;
    case '\n':
        out += u"\\n";
        return;
    case '\r':
        out += u"\\r";
        return;
    case '\t':
        out += u"\\t";
        return;
    case '\v':
        out += u"\\v";
        return;
    default:
        break;
    }
    if (r < u' ' || r == 0x7f)
        out += u"\\x" + hex(uint(r), 2);
    else if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        out += u"\\ufffd";
    else if (r < 0x10000)
        out += u"\\u" + hex(uint(r), 4);
    else
        out += u"\\U" + hex(uint(r), 8);
}

} // namespace

bool GoQuote::isPrint(char32_t r)
{
    if (r == u' ')
        return true;
    if (r > 0x10FFFF)
        return false;
    switch (QChar::category(r)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
    case QChar::Symbol_Math:
    case QChar::Symbol_Currency:
    case QChar::Symbol_Modifier:
    case QChar::Symbol_Other:
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
        return true;
    default:
        return false;
    }
}

QString GoQuote::bytes(const QByteArray &utf8)
{
    QString out = u"\""_s;
    for (qsizetype i = 0; i < utf8.size();) {
        const auto [r, width] = decodeRune(utf8, i);
        if (width == 1 && r == runeError) {
            // An invalid byte is shown as itself, not as U+FFFD.
            out += u"\\x" + hex(uchar(utf8.at(i)), 2);
        } else {
            appendEscaped(out, r, u'"');
        }
        i += width;
    }
    out += u'"';
    return out;
}

QString GoQuote::string(QStringView s)
{
    // toUtf8() would turn a lone surrogate into valid U+FFFD; Go sees an invalid byte.
    QString out = u"\""_s;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        char32_t r = c.unicode();
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            r = QChar::surrogateToUcs4(c, s.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            // Go would hold the three bytes of its WTF-8 form, each an invalid byte.
            const uint u = c.unicode();
            out += u"\\x" + hex(0xE0 | (u >> 12), 2) + u"\\x" + hex(0x80 | ((u >> 6) & 0x3F), 2)
                   + u"\\x" + hex(0x80 | (u & 0x3F), 2);
            continue;
        }
        appendEscaped(out, r, u'"');
    }
    out += u'"';
    return out;
}

QString GoQuote::rune(char32_t r)
{
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = runeError;
    QString out = u"'"_s;
    appendEscaped(out, r, u'\'');
    out += u'\'';
    return out;
}

} // namespace mk

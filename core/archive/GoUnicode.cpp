// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoUnicode.h"

#include <algorithm>
#include <iterator>

#include <QChar>

#include "common/GoQuote.h"

namespace mk {

namespace {

struct FoldPair
{
    char16_t from;
    char16_t to;
};

// unicode.caseOrbit from go 1.23's tables.go (Unicode 15.0.0): the orbits with more than
// two members, plus the self-orbits of U+0130 and U+0131.
constexpr FoldPair caseOrbit[] = {
    {0x004B, 0x006B}, {0x0053, 0x0073}, {0x006B, 0x212A}, {0x0073, 0x017F}, {0x00B5, 0x039C},
    {0x00C5, 0x00E5}, {0x00DF, 0x1E9E}, {0x00E5, 0x212B}, {0x0130, 0x0130}, {0x0131, 0x0131},
    {0x017F, 0x0053}, {0x01C4, 0x01C5}, {0x01C5, 0x01C6}, {0x01C6, 0x01C4}, {0x01C7, 0x01C8},
    {0x01C8, 0x01C9}, {0x01C9, 0x01C7}, {0x01CA, 0x01CB}, {0x01CB, 0x01CC}, {0x01CC, 0x01CA},
    {0x01F1, 0x01F2}, {0x01F2, 0x01F3}, {0x01F3, 0x01F1}, {0x0345, 0x0399}, {0x0392, 0x03B2},
    {0x0395, 0x03B5}, {0x0398, 0x03B8}, {0x0399, 0x03B9}, {0x039A, 0x03BA}, {0x039C, 0x03BC},
    {0x03A0, 0x03C0}, {0x03A1, 0x03C1}, {0x03A3, 0x03C2}, {0x03A6, 0x03C6}, {0x03A9, 0x03C9},
    {0x03B2, 0x03D0}, {0x03B5, 0x03F5}, {0x03B8, 0x03D1}, {0x03B9, 0x1FBE}, {0x03BA, 0x03F0},
    {0x03BC, 0x00B5}, {0x03C0, 0x03D6}, {0x03C1, 0x03F1}, {0x03C2, 0x03C3}, {0x03C3, 0x03A3},
    {0x03C6, 0x03D5}, {0x03C9, 0x2126}, {0x03D0, 0x0392}, {0x03D1, 0x03F4}, {0x03D5, 0x03A6},
    {0x03D6, 0x03A0}, {0x03F0, 0x039A}, {0x03F1, 0x03A1}, {0x03F4, 0x0398}, {0x03F5, 0x0395},
    {0x0412, 0x0432}, {0x0414, 0x0434}, {0x041E, 0x043E}, {0x0421, 0x0441}, {0x0422, 0x0442},
    {0x042A, 0x044A}, {0x0432, 0x1C80}, {0x0434, 0x1C81}, {0x043E, 0x1C82}, {0x0441, 0x1C83},
    {0x0442, 0x1C84}, {0x044A, 0x1C86}, {0x0462, 0x0463}, {0x0463, 0x1C87}, {0x1C80, 0x0412},
    {0x1C81, 0x0414}, {0x1C82, 0x041E}, {0x1C83, 0x0421}, {0x1C84, 0x1C85}, {0x1C85, 0x0422},
    {0x1C86, 0x042A}, {0x1C87, 0x0462}, {0x1C88, 0xA64A}, {0x1E60, 0x1E61}, {0x1E61, 0x1E9B},
    {0x1E9B, 0x1E60}, {0x1E9E, 0x00DF}, {0x1FBE, 0x0345}, {0x2126, 0x03A9}, {0x212A, 0x004B},
    {0x212B, 0x00C5}, {0xA64A, 0xA64B}, {0xA64B, 0x1C88},
};

// utf8.DecodeRune on valid input: the rune and its length.
std::pair<char32_t, int> decode(QByteArrayView s, qsizetype i)
{
    const auto b = [&](qsizetype k) { return char32_t(uchar(s.at(k))); };
    const char32_t c0 = b(i);
    if (c0 < 0x80)
        return {c0, 1};
    if (c0 < 0xE0)
        return {(c0 & 0x1F) << 6 | (b(i + 1) & 0x3F), 2};
    if (c0 < 0xF0)
        return {(c0 & 0x0F) << 12 | (b(i + 1) & 0x3F) << 6 | (b(i + 2) & 0x3F), 3};
    return {(c0 & 0x07) << 18 | (b(i + 1) & 0x3F) << 12 | (b(i + 2) & 0x3F) << 6
                | (b(i + 3) & 0x3F),
            4};
}

void appendUtf8(QByteArray &out, char32_t r)
{
    if (r < 0x80) {
        out += char(r);
    } else if (r < 0x800) {
        out += char(0xC0 | (r >> 6));
        out += char(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += char(0xE0 | (r >> 12));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    } else {
        out += char(0xF0 | (r >> 18));
        out += char(0x80 | ((r >> 12) & 0x3F));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    }
}

} // namespace

bool GoUnicode::isValidUtf8(QByteArrayView s)
{
    const auto cont = [&](qsizetype k) { return k < s.size() && (uchar(s.at(k)) & 0xC0) == 0x80; };
    for (qsizetype i = 0; i < s.size();) {
        const uchar c0 = uchar(s.at(i));
        if (c0 < 0x80) {
            ++i;
            continue;
        }
        // Second-byte ranges from utf8.acceptRanges: they exclude overlongs and surrogates.
        uchar lo = 0x80, hi = 0xBF;
        int n = 0;
        if (c0 >= 0xC2 && c0 <= 0xDF) {
            n = 2;
        } else if (c0 >= 0xE0 && c0 <= 0xEF) {
            n = 3;
            if (c0 == 0xE0)
                lo = 0xA0;
            else if (c0 == 0xED)
                hi = 0x9F;
        } else if (c0 >= 0xF0 && c0 <= 0xF4) {
            n = 4;
            if (c0 == 0xF0)
                lo = 0x90;
            else if (c0 == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (i + n > s.size())
            return false;
        const uchar c1 = uchar(s.at(i + 1));
        if (c1 < lo || c1 > hi)
            return false;
        for (int k = 2; k < n; ++k)
            if (!cont(i + k))
                return false;
        i += n;
    }
    return true;
}

char32_t GoUnicode::simpleFold(char32_t r)
{
    if (r > 0x10FFFF)
        return r;
    if (r < 0x80) {
        // asciiFold: letters swap case, except that k and s continue their orbits to
        // U+212A KELVIN SIGN and U+017F LONG S; everything else maps to itself.
        if (r == 'k')
            return 0x212A;
        if (r == 's')
            return 0x017F;
        if (r >= 'A' && r <= 'Z')
            return r + ('a' - 'A');
        if (r >= 'a' && r <= 'z')
            return r - ('a' - 'A');
        return r;
    }
    const auto it
        = std::lower_bound(std::begin(caseOrbit), std::end(caseOrbit), r,
                           [](const FoldPair &p, char32_t v) { return char32_t(p.from) < v; });
    if (it != std::end(caseOrbit) && char32_t(it->from) == r)
        return it->to;
    // A one- or two-element orbit: the rune and its other case.
    if (const char32_t lower = QChar::toLower(uint(r)); lower != r)
        return lower;
    return QChar::toUpper(uint(r));
}

QByteArray GoUnicode::strToFold(QByteArrayView s)
{
    bool fast = true;
    for (char c : s) {
        if (uchar(c) >= 0x80 || (c >= 'A' && c <= 'Z')) {
            fast = false;
            break;
        }
    }
    if (fast)
        return s.toByteArray();
    QByteArray out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size();) {
        auto [r, len] = decode(s, i);
        i += len;
        // SimpleFold cycles upwards through the orbit and then wraps: stop at the wrap.
        while (true) {
            const char32_t r0 = r;
            r = simpleFold(r0);
            if (r <= r0)
                break;
        }
        if (r >= 'A' && r <= 'Z')
            r += 'a' - 'A';
        appendUtf8(out, r);
    }
    return out;
}

QString GoUnicode::display(const QByteArray &raw)
{
    if (isValidUtf8(raw))
        return QString::fromUtf8(raw);
    return GoQuote::bytes(raw);
}

} // namespace mk

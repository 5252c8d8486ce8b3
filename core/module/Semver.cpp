// SPDX-License-Identifier: GPL-3.0-or-later
#include "Semver.h"

#include <QRegularExpression>

namespace mk {

namespace {

struct Parsed
{
    QStringView major, minor, patch, shortSuffix, prerelease, build;
    bool ok = false;
};

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}
bool isIdentChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-';
}

// parseInt: digits without a leading zero (except "0" itself).
bool parseInt(QStringView &v, QStringView *out)
{
    qsizetype i = 0;
    while (i < v.size() && isDigit(v.at(i)))
        ++i;
    if (i == 0 || (v.at(0) == u'0' && i != 1))
        return false;
    *out = v.left(i);
    v = v.mid(i);
    return true;
}

bool isBadNum(QStringView ident)
{
    qsizetype i = 0;
    while (i < ident.size() && isDigit(ident.at(i)))
        ++i;
    return i == ident.size() && i > 1 && ident.at(0) == u'0';
}

bool isNum(QStringView ident)
{
    for (QChar c : ident)
        if (!isDigit(c))
            return false;
    return !ident.isEmpty();
}

bool parseIdentifiers(QStringView &v, QStringView *out, bool prerelease)
{
    // v starts with '-' or '+'.
    qsizetype i = 1;
    qsizetype start = 1;
    while (i < v.size() && v.at(i) != u'+') {
        if (!prerelease && v.at(i) == u'+')
            break;
        if (!isIdentChar(v.at(i)) && v.at(i) != u'.')
            return false;
        if (v.at(i) == u'.') {
            if (start == i || (prerelease && isBadNum(v.mid(start, i - start))))
                return false;
            start = i + 1;
        }
        ++i;
    }
    if (!prerelease) {
        // Build metadata runs to the end.
        while (i < v.size()) {
            if (!isIdentChar(v.at(i)) && v.at(i) != u'.')
                return false;
            if (v.at(i) == u'.') {
                if (start == i)
                    return false;
                start = i + 1;
            }
            ++i;
        }
    }
    if (start == i || (prerelease && isBadNum(v.mid(start, i - start))))
        return false;
    *out = v.left(i);
    v = v.mid(i);
    return true;
}

Parsed parse(QStringView v)
{
    Parsed p;
    if (v.isEmpty() || v.front() != u'v')
        return p;
    v = v.mid(1);
    if (!parseInt(v, &p.major))
        return p;
    if (v.isEmpty()) {
        p.shortSuffix = u".0.0";
        p.ok = true;
        return p;
    }
    if (v.front() != u'.')
        return p;
    v = v.mid(1);
    if (!parseInt(v, &p.minor))
        return p;
    if (v.isEmpty()) {
        p.shortSuffix = u".0";
        p.ok = true;
        return p;
    }
    if (v.front() != u'.')
        return p;
    v = v.mid(1);
    if (!parseInt(v, &p.patch))
        return p;
    if (!v.isEmpty() && v.front() == u'-' && !parseIdentifiers(v, &p.prerelease, true))
        return p;
    if (!v.isEmpty() && v.front() == u'+' && !parseIdentifiers(v, &p.build, false))
        return p;
    p.ok = v.isEmpty();
    return p;
}

QStringView orZero(QStringView s)
{
    return s.isEmpty() ? QStringView(u"0") : s;
}

int compareInt(QStringView x, QStringView y)
{
    if (x == y)
        return 0;
    if (x.size() != y.size())
        return x.size() < y.size() ? -1 : 1;
    return x < y ? -1 : 1;
}

int comparePrerelease(QStringView x, QStringView y)
{
    // "" > any prerelease; identifiers compared one by one, numbers below words.
    if (x == y)
        return 0;
    if (x.isEmpty())
        return 1;
    if (y.isEmpty())
        return -1;
    x = x.mid(1);
    y = y.mid(1);
    while (!x.isEmpty() && !y.isEmpty()) {
        const qsizetype xi = x.indexOf(u'.');
        const qsizetype yi = y.indexOf(u'.');
        const QStringView dx = xi < 0 ? x : x.left(xi);
        const QStringView dy = yi < 0 ? y : y.left(yi);
        x = xi < 0 ? QStringView() : x.mid(xi + 1);
        y = yi < 0 ? QStringView() : y.mid(yi + 1);
        if (dx != dy) {
            const bool ix = isNum(dx), iy = isNum(dy);
            if (ix != iy)
                return ix ? -1 : 1;
            if (ix)
                return compareInt(dx, dy);
            return dx < dy ? -1 : 1;
        }
    }
    if (x.isEmpty() && y.isEmpty())
        return 0;
    return x.isEmpty() ? -1 : 1;
}

const QRegularExpression &pseudoRe()
{
    static const QRegularExpression re(
        QStringLiteral("^v[0-9]+\\.(0\\.0-|\\d+\\.\\d+-([^+]*\\.)?0\\.)\\d{14}-[A-Za-z0-9]+(\\+[0-"
                       "9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$"));
    return re;
}

} // namespace

bool Semver::isValid(QStringView v)
{
    return parse(v).ok;
}

QString Semver::canonical(QStringView v)
{
    const Parsed p = parse(v);
    if (!p.ok)
        return {};
    if (!p.build.isEmpty())
        return v.left(v.size() - p.build.size()).toString();
    if (!p.shortSuffix.isEmpty())
        return v.toString() + p.shortSuffix.toString();
    return v.toString();
}

QString Semver::canonicalVersion(QStringView v)
{
    QString cv = canonical(v);
    if (build(v) == u"+incompatible")
        cv += u"+incompatible";
    return cv;
}

int Semver::compare(QStringView a, QStringView b)
{
    const Parsed pa = parse(a), pb = parse(b);
    if (!pa.ok && !pb.ok)
        return 0;
    if (!pa.ok)
        return -1;
    if (!pb.ok)
        return 1;
    if (int c = compareInt(pa.major, pb.major))
        return c;
    if (int c = compareInt(orZero(pa.minor), orZero(pb.minor)))
        return c;
    if (int c = compareInt(orZero(pa.patch), orZero(pb.patch)))
        return c;
    return comparePrerelease(pa.prerelease, pb.prerelease);
}

bool Semver::less(QStringView a, QStringView b)
{
    // Not by pseudo-version timestamps across bases: that order would not be transitive.
    const int c = compare(a, b);
    return c != 0 ? c < 0 : a < b;
}

QString Semver::major(QStringView v)
{
    const Parsed p = parse(v);
    return p.ok ? v.left(1 + p.major.size()).toString() : QString();
}

QString Semver::prerelease(QStringView v)
{
    const Parsed p = parse(v);
    return p.ok ? p.prerelease.toString() : QString();
}

QString Semver::build(QStringView v)
{
    const Parsed p = parse(v);
    return p.ok ? p.build.toString() : QString();
}

bool Semver::isPseudo(QStringView v)
{
    return v.count(u'-') >= 2 && isValid(v) && pseudoRe().match(v.toString()).hasMatch();
}

QDateTime Semver::pseudoTime(QStringView v)
{
    if (!isPseudo(v))
        return {};
    // The timestamp is the 14 digits before the last '-'.
    QStringView s = v;
    if (const qsizetype plus = s.indexOf(u'+'); plus >= 0)
        s = s.left(plus);
    const qsizetype dash = s.lastIndexOf(u'-');
    if (dash < 14)
        return {};
    const QStringView stamp = s.mid(dash - 14, 14);
    QDateTime t = QDateTime::fromString(stamp.toString(), QStringLiteral("yyyyMMddHHmmss"));
    t.setTimeSpec(Qt::UTC);
    return t;
}

QString Semver::pseudoRevision(QStringView v)
{
    if (!isPseudo(v))
        return {};
    QStringView s = v;
    if (const qsizetype plus = s.indexOf(u'+'); plus >= 0)
        s = s.left(plus);
    return s.mid(s.lastIndexOf(u'-') + 1).toString();
}

} // namespace mk

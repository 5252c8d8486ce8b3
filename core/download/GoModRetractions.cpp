// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoModRetractions.h"

#include <QStringList>

#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QString unquote(QString v)
{
    if (v.size() >= 2
        && ((v.startsWith(u'"') && v.endsWith(u'"')) || (v.startsWith(u'`') && v.endsWith(u'`'))))
        v = v.mid(1, v.size() - 2);
    return v;
}

// One directive's arguments: "v1.2.0" or "[v1.0.0, v1.1.9]".
bool parseArguments(QString text, GoModRetractions::Interval *out)
{
    text = text.trimmed();
    if (text.startsWith(u'[')) {
        if (!text.endsWith(u']'))
            return false;
        const QStringList parts = text.mid(1, text.size() - 2).split(u',');
        if (parts.size() != 2)
            return false;
        out->low = unquote(parts.at(0).trimmed());
        out->high = unquote(parts.at(1).trimmed());
    } else {
        if (text.contains(u' ') || text.contains(u'\t'))
            return false;
        out->low = out->high = unquote(text);
    }
    return Semver::canonicalVersion(out->low) == out->low
           && Semver::canonicalVersion(out->high) == out->high && !out->low.isEmpty()
           && Semver::compare(out->low, out->high) <= 0;
}

QString withoutComment(const QString &line)
{
    const qsizetype c = line.indexOf(u"//"_s);
    return (c < 0 ? line : line.left(c)).trimmed();
}

} // namespace

GoModRetractions GoModRetractions::parse(const QByteArray &goMod)
{
    GoModRetractions r;
    const QStringList lines = QString::fromUtf8(goMod).split(u'\n');
    bool inBlock = false;
    for (const QString &raw : lines) {
        const QString line = withoutComment(raw);
        if (line.isEmpty())
            continue;
        if (inBlock) {
            if (line == u")") {
                inBlock = false;
                continue;
            }
            Interval i;
            if (parseArguments(line, &i))
                r.m_intervals.append(i);
            continue;
        }
        if (!line.startsWith(u"retract"_s)
            || (line.size() > 7 && !line.at(7).isSpace() && line.at(7) != u'('))
            continue;
        const QString rest = line.mid(7).trimmed();
        if (rest == u"(") {
            inBlock = true;
            continue;
        }
        Interval i;
        if (parseArguments(rest, &i))
            r.m_intervals.append(i);
    }
    return r;
}

bool GoModRetractions::retracts(const QString &version) const
{
    for (const Interval &i : m_intervals)
        if (Semver::compare(i.low, version) <= 0 && Semver::compare(version, i.high) <= 0)
            return true;
    return false;
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#include "VersionPattern.h"

#include <algorithm>

#include "module/ModulePath.h"
#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

bool VersionPattern::isGlobList(QStringView pattern)
{
    return std::any_of(pattern.begin(), pattern.end(),
                       [](QChar c) { return c == u'*' || c == u'?' || c == u'[' || c == u','; });
}

Status VersionPattern::check(const QString &pattern)
{
    if (pattern.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"empty pattern"_s, pattern);
    if (isGlobList(pattern)) {
        for (const QStringView glob : QStringView(pattern).split(u','))
            if (!ModulePath::isValidPattern(glob))
                return Error::make(Error::Code::InvalidArgument,
                                   u"malformed glob pattern \"%1\""_s.arg(glob), pattern);
        return {};
    }
    const qsizetype at = pattern.indexOf(u'@');
    const QString path = at < 0 ? pattern : pattern.left(at);
    if (Status st = ModulePath::checkPath(path); !st)
        return st;
    if (at >= 0) {
        const QString version = pattern.mid(at + 1);
        if (version.isEmpty() || Semver::canonicalVersion(version) != version)
            return Error::make(Error::Code::InvalidArgument,
                               u"\"%1\" is not a canonical version (like v1.2.3)"_s.arg(version),
                               pattern);
    }
    return {};
}

bool VersionPattern::matches(QStringView pattern, QStringView path, QStringView version)
{
    if (isGlobList(pattern))
        return ModulePath::matchPrefixPatterns(pattern, path);
    const qsizetype at = pattern.indexOf(u'@');
    if (at < 0)
        return pattern == path;
    return pattern.left(at) == path && pattern.mid(at + 1) == version;
}

bool VersionPattern::matchesAny(const QStringList &patterns, QStringView path, QStringView version)
{
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const QString &p) { return matches(p, path, version); });
}

} // namespace mk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include "common/Expected.h"

namespace mk {

/// The patterns that name versions of the cache, as purge, restore, verify, repair and
/// refresh take them: "path@version" is that one version; "path" is every version of that
/// module (not its nested modules, not its /vN); text with * ? [ or a comma is a list of go
/// globs matched as GOPRIVATE is (ModulePath::matchPrefixPatterns: case-sensitive, each glob
/// against as many leading path elements as it has).
class VersionPattern final
{
public:
    /// Whether pattern is read as a glob list: it contains * ? [ or a comma.
    [[nodiscard]] static bool isGlobList(QStringView pattern);
    /// Checks a pattern: a valid module path, path@canonical-version (like v1.2.3), or a glob
    /// list path.Match accepts. The error (InvalidArgument) names the pattern, since one that
    /// fails here could never match anything.
    [[nodiscard]] static Status check(const QString &pattern);
    /// Whether the version path@version matches pattern (one that check() accepts).
    [[nodiscard]] static bool matches(QStringView pattern, QStringView path, QStringView version);
    /// Whether any of patterns matches path@version.
    [[nodiscard]] static bool matchesAny(const QStringList &patterns, QStringView path,
                                         QStringView version);
};

} // namespace mk

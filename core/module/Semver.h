// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace mk {

/// Semantic versions as golang.org/x/mod/semver and module treat them: "v1.2.3-pre+build",
/// shorthand "v1" and "v1.2", pseudo-versions, and the "+incompatible" suffix.
class Semver final
{
public:
    [[nodiscard]] static bool isValid(QStringView v);
    /// semver.Canonical: "v1.2" -> "v1.2.0"; build metadata dropped; "" if invalid.
    [[nodiscard]] static QString canonical(QStringView v);
    /// module.CanonicalVersion: like canonical() but keeps "+incompatible".
    [[nodiscard]] static QString canonicalVersion(QStringView v);
    /// semver.Compare: -1, 0 or +1. Invalid versions sort before all valid ones.
    [[nodiscard]] static int compare(QStringView a, QStringView b);
    /// A strict total order for sorting: compare(), and the text where compare() ties ("v1.2"
    /// and "v1.2.0", invalid versions), so a sort never depends on the order of its input.
    /// Pseudo-versions of one base sort by their timestamp, right after that base release.
    [[nodiscard]] static bool less(QStringView a, QStringView b);
    /// semver.Major: "v2.1.0" -> "v2"; "" if invalid.
    [[nodiscard]] static QString major(QStringView v);
    /// semver.Prerelease: "v1.0.0-rc.1+b" -> "-rc.1".
    [[nodiscard]] static QString prerelease(QStringView v);
    /// semver.Build: "v2.0.0+incompatible" -> "+incompatible".
    [[nodiscard]] static QString build(QStringView v);

    /// module.IsPseudoVersion: vX.0.0-yyyymmddhhmmss-abcdefabcdef and its two other forms.
    [[nodiscard]] static bool isPseudo(QStringView v);
    /// module.PseudoVersionTime (UTC); invalid QDateTime if v is not a pseudo-version.
    [[nodiscard]] static QDateTime pseudoTime(QStringView v);
    /// module.PseudoVersionRev: the 12-hex commit prefix; "" if not a pseudo-version.
    [[nodiscard]] static QString pseudoRevision(QStringView v);
};

} // namespace mk

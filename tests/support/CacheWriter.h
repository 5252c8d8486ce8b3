// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "FixtureProxy.h"
#include "common/Expected.h"

namespace mk::test {

/// Writes module versions straight into a GOMODCACHE, in go's layout and with go's
/// permissions, without running go: for fixtures too large to download in a unit test
/// (thousands of versions). The .zip is a real module zip; the .ziphash holds a well-formed
/// but made-up h1: value, so these trees are right for scanners and wrong for verifiers.
class CacheWriter final
{
public:
    explicit CacheWriter(const QString &gomodcache);

    /// Tree (dirs 0555, files 0444) + .info, .mod, .zip, .ziphash, .lock, and a list entry.
    Status addCompleteVersion(const QString &path, const QString &version,
                              const FixtureProxy::Files &files);

    [[nodiscard]] QString gomodcache() const { return m_gomodcache; }
    /// <gomodcache>/<escaped path>@<escaped version>; empty for an invalid path or version.
    [[nodiscard]] static QString treePath(const QString &gomodcache, const QString &path,
                                          const QString &version);
    /// <gomodcache>/cache/download/<escaped path>/@v/<escaped version> + suffix (".zip", ...).
    [[nodiscard]] static QString downloadPath(const QString &gomodcache, const QString &path,
                                              const QString &version, const QString &suffix);

private:
    QString m_gomodcache;
};

} // namespace mk::test

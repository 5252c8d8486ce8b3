// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include "common/Expected.h"

namespace mk::test {

/// Writes module zips the way golang.org/x/mod/zip.Create does: one entry per file, named
/// "<module path>@<version>/<file>" with the UNESCAPED path, no directory entries
/// (go-cache-internals.md §3.2, §3.5).
class ModuleZip final
{
public:
    using Files = QMap<QString, QByteArray>; ///< slash-separated name inside the module -> content

    static Status write(const QString &zipPath, const QString &modulePath, const QString &version,
                        const Files &files);
};

} // namespace mk::test

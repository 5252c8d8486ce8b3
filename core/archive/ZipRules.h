// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "archive/ModuleZipFile.h"
#include "archive/ZipEntry.h"
#include "archive/ZipLimits.h"
#include "common/Expected.h"

namespace mk {

/// The module zip rules of golang.org/x/mod/zip checkZip, ported rule for rule with go's
/// error texts, applied to a central directory already read (no I/O here).
class ZipRules final
{
public:
    /// CanonicalVersion(version) == version, then module.Check(path, version) (valid path,
    /// semantic version, major-version suffix consistent with the version).
    [[nodiscard]] static Status checkModuleVersion(const QString &modulePath,
                                                   const QString &version);

    /// checkZip's per-entry rules: "<path>@<version>/" prefix (unescaped path), clean names
    /// passing module.CheckFilePath, no case-fold collisions (go's strToFold), no entry both a
    /// file and a directory, no duplicate files, go.mod only at the root and spelled so,
    /// declared sizes within limits; plus, unless limits.allowIrregularModes, no entries whose
    /// unix mode is a symlink or another non-regular type. Like go, every offending entry is
    /// reported: the Error's subject is the first entry and its message carries go's text,
    /// with further "entry: text" lines; a size error takes precedence over name errors.
    [[nodiscard]] static Expected<ModuleZipContents> checkEntries(const QList<ZipEntry> &entries,
                                                                  const QString &modulePath,
                                                                  const QString &version,
                                                                  const ZipLimits &limits);

    /// path.Clean from go's standard library, on bytes.
    [[nodiscard]] static QByteArray cleanPath(const QByteArray &path);
};

} // namespace mk

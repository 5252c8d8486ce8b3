// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk {

/// ModKeeper's own settings file (QSettings, an INI file on Linux), checked before it is used.
/// QSettings reads a file it cannot parse as partly or wholly empty and rewrites it on the
/// next change, so a corrupt file is moved aside first and the user is told, never dropped.
class SettingsFile final
{
public:
    /// Checks fileName, or the file QSettings() uses when it is empty. A missing file is fine
    /// (the defaults apply). An unreadable file is an error naming it; it stays where it is.
    /// A file QSettings cannot parse is renamed to `<file>.bak` (`.bak.1`, `.bak.2`, ... when
    /// that exists: a backup is never overwritten) and the error names the file and the backup.
    [[nodiscard]] static Status check(const QString &fileName = {});

    /// The file QSettings() reads for this application.
    [[nodiscard]] static QString defaultFileName();
};

} // namespace mk

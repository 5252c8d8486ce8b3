// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk {

/// The checks every purge makes before it changes anything: the directory it is given must be
/// a Go module cache, so a mistyped --modcache never gets a trash folder or loses a file.
class CacheGuard final
{
public:
    /// Refuses a path that is empty, relative, a symlink, not a directory, or has neither
    /// cache/download nor our trash folder (then it is not a module cache). The error names it.
    [[nodiscard]] static Status checkModuleCache(const QString &gomodcache);

    /// Whether dir holds what every module cache holds: cache/download, or (after a purge-all)
    /// only our trash folder. The one test behind checkModuleCache, for commands that only warn.
    [[nodiscard]] static bool hasCacheLayout(const QString &dir);
    /// Why a directory without that layout is not taken for a module cache (no subject).
    [[nodiscard]] static QString notACacheMessage();

    /// checkModuleCache, and also refuses "/" and the home directory or a directory above it:
    /// what purge-all would empty wholesale.
    [[nodiscard]] static Status checkEmptiable(const QString &gomodcache);
};

} // namespace mk

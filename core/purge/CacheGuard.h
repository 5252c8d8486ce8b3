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

    /// checkModuleCache, and also refuses "/" and the home directory or a directory above it:
    /// what purge-all would empty wholesale.
    [[nodiscard]] static Status checkEmptiable(const QString &gomodcache);
};

} // namespace mk

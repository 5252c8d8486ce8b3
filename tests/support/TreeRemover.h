// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk::test {

/// Removes trees that go made read-only (directories 0555, files 0444) or that a test made
/// unreadable (chmod 000). QTemporaryDir and QDir::removeRecursively give up on those as
/// non-root. Symlinks are removed, never followed.
class TreeRemover final
{
public:
    /// Adds u+rwx to every directory under path (path included), top-down, so that chmod 000
    /// directories can be entered. Files are left alone: unlinking needs a writable parent only.
    static bool makeWritable(const QString &path);
    /// makeWritable, then removes path and everything below it. A missing path is success.
    static bool removeAll(const QString &path);
    /// chmod without following a final symlink; errno-style result (0 on success).
    static int chmod(const QString &path, unsigned mode);
};

} // namespace mk::test
